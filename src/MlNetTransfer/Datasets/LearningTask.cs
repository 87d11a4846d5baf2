namespace MlNetTransfer.Datasets;

/// <summary>What a model learns from the label column: classes, or a number.</summary>
public enum LearningTask
{
    /// <summary>The label's values are classes (texts; numbers are read as their text): the model predicts one of them, with a probability per class.</summary>
    Classification,

    /// <summary>The label is a number (a temperature, a mass, a price): the model predicts a number (a float <c>Score</c>).</summary>
    Regression,
}
