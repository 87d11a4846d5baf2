namespace MlNetTransfer.Workflows;

/// <summary>
/// A model's metrics on labelled data, whatever the task: <see cref="ClassificationMetrics"/> (task <c>binary</c> or
/// <c>multiclass</c>) or <see cref="RegressionMetrics"/> (task <c>regression</c>). Switch on the type for the values.
/// </summary>
public interface IModelMetrics
{
    /// <summary><c>binary</c>, <c>multiclass</c> or <c>regression</c>: the <c>task</c> key of the JSON.</summary>
    string Task { get; }

    /// <summary>Number of examples evaluated (after any bad inputs were left out).</summary>
    int Examples { get; }

    /// <summary>The metrics as the <c>--metrics-json</c> file holds them.</summary>
    string ToJson();
}
