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

    /// <summary>Featurizer of a series column (<c>--series-featurizer</c>): moments, quantiles, zero crossings, autocorrelations.</summary>
    public const string SeriesFeaturizer = "stats";

    /// <summary>The head used when none is named: <c>lr</c> (logistic regression).</summary>
    public const string Trainer = "lr";

    /// <summary>The regression head used when none is named: <c>linear</c> (ridge regression, exact where the closed form fits).</summary>
    public const string RegressionTrainer = "linear";

    /// <summary>Share of the data held out for testing when no test set is given: 0.2 (stratified by label).</summary>
    public const double TestFraction = 0.2;

    /// <summary>Where backbones run when no device is named: <c>cpu</c>.</summary>
    public const string Device = "cpu";

    /// <summary>
    /// Training examples whose images calibrate the activation ranges of <c>--quantize int8</c> (a stratified sample): 200,
    /// as the shipped <c>resnet18-int8</c> was calibrated on.
    /// </summary>
    public const int CalibrationImages = 200;

    /// <summary>
    /// The most pixels (width x height, read from the file's header before decoding) an image may have: 89,478,485, as
    /// Pillow's <c>MAX_IMAGE_PIXELS</c>. Larger images are refused as bad inputs (a 150 KB PNG of 30000x30000 pixels
    /// would take 9.6 GB to decode).
    /// </summary>
    public const long MaxImagePixels = 89_478_485;
}
