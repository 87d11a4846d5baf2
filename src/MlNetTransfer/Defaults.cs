namespace MlNetTransfer;

/// <summary>
/// The defaults of every entry point — library options records, the CLI's settings and help, the workflows — stated
/// once, here.
/// </summary>
public static class Defaults
{
    /// <summary>The image backbone used when none is named: <c>resnet18</c>.</summary>
    public const string ImageBackbone = "resnet18";

    /// <summary>The text featurizer used when none is named: <c>tfidf</c>.</summary>
    public const string TextFeaturizer = "tfidf";

    /// <summary>The head used when none is named: <c>lr</c> (logistic regression).</summary>
    public const string Trainer = "lr";

    /// <summary>Share of the data held out for testing when no test set is given: 0.2 (stratified by label).</summary>
    public const double TestFraction = 0.2;

    /// <summary>Where backbones run when no device is named: <c>cpu</c>.</summary>
    public const string Device = "cpu";
}
