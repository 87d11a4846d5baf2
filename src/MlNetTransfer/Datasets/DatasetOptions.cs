namespace MlNetTransfer.Datasets;

/// <summary>
/// Which columns of a CSV play which role. Columns not named anywhere are detected: a column whose non-empty
/// values all parse as numbers is numeric, one whose values all end in an image extension is an image column,
/// anything else is text. Class-folder datasets ignore these lists.
/// </summary>
public sealed record DatasetOptions
{
    /// <summary>Label column; null means a column named "label" in any case.</summary>
    public string? LabelColumn { get; init; }

    /// <summary>CSV columns of image paths (relative paths are resolved against the CSV's folder). Naming any column in these three lists leaves every unnamed column out. Default: none (detect).</summary>
    public IReadOnlyList<string> ImageColumns { get; init; } = [];

    /// <summary>CSV columns of free text. Default: none (detect).</summary>
    public IReadOnlyList<string> TextColumns { get; init; } = [];

    /// <summary>CSV columns of numbers (invariant culture; an empty cell or NaN is a missing value, an infinity is an error). Default: none (detect).</summary>
    public IReadOnlyList<string> NumericColumns { get; init; } = [];

    /// <summary>
    /// With <see cref="BadInputPolicy.Skip"/>, a CSV row naming a missing image file is kept for the bad-input screen to
    /// leave out and report (<see cref="BadInputScreen"/>); with <see cref="BadInputPolicy.Fail"/> loading stops at it.
    /// </summary>
    public BadInputPolicy OnBadInput { get; init; } = BadInputPolicy.Fail;

    /// <summary>
    /// The bad-input screen (<see cref="BadInputScreen"/>) refuses images whose header announces more pixels than this
    /// (decompression bombs); loading ignores it. Default <see cref="Defaults.MaxImagePixels"/>.
    /// </summary>
    public long MaxImagePixels { get; init; } = Defaults.MaxImagePixels;

    /// <summary>Fail when the data has no labels (training, evaluation); prediction accepts unlabelled data.</summary>
    public bool RequireLabels { get; init; } = true;
}
