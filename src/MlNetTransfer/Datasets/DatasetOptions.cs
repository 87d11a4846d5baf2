namespace MlNetTransfer.Datasets;

/// <summary>
/// Which columns of a CSV play which role. When no column is named in <see cref="ImageColumns"/>,
/// <see cref="TextColumns"/>, <see cref="NumericColumns"/> or <see cref="CategoricalColumns"/>, every column but the label and
/// <see cref="IgnoreColumns"/> is detected: a column whose non-empty values all parse as numbers is numeric (with a decimal
/// comma, <c>1,84</c>, when the separator is not a comma), one whose values all end in an image extension is an image
/// column, anything else is text; then, on 10 rows or more, an id-like column (every value different and either an
/// integer, or text without white space that contains a digit: row numbers, file names, hashes) is ignored, a
/// text or numeric column that alone gives the label away (every value seen on two rows or more, and always with
/// the same label) is left out as a likely leak, and any other text column of few distinct short values is categorical
/// (every value at most <see cref="DatasetLoader.MaxCategoryLength"/> characters, at most <see cref="DatasetLoader.MaxCategories"/>
/// distinct values and at most one per <see cref="DatasetLoader.RowsPerCategory"/> rows). Class-folder datasets ignore these lists.
/// </summary>
public sealed record DatasetOptions
{
    /// <summary>Label column; null means a column named "label" in any case.</summary>
    public string? LabelColumn { get; init; }

    /// <summary>
    /// Why <see cref="LabelColumn"/> was expected, said right after its name when a CSV lacks it (<c>, the label column
    /// model 'w.zip' was trained with</c>: a name the user did not type); null says nothing more.
    /// </summary>
    public string? LabelColumnOrigin { get; init; }

    /// <summary>
    /// What to add when a CSV lacks a column named in the column lists (a sentence after the error, e.g. why a saved model
    /// expects that column); null adds nothing.
    /// </summary>
    public string? MissingColumnHint { get; init; }

    /// <summary>CSV columns of image paths (relative paths are resolved against the CSV's folder). Naming any column in these four lists leaves every unnamed column out. Default: none (detect).</summary>
    public IReadOnlyList<string> ImageColumns { get; init; } = [];

    /// <summary>CSV columns of free text. Default: none (detect).</summary>
    public IReadOnlyList<string> TextColumns { get; init; } = [];

    /// <summary>CSV columns of numbers (invariant culture; an empty cell or NaN is a missing value, an infinity is an error). Default: none (detect).</summary>
    public IReadOnlyList<string> NumericColumns { get; init; } = [];

    /// <summary>
    /// CSV columns of categories, one-hot encoded (an empty cell or a value not seen in training is all zeros). A column of
    /// numbers (a zip code, a product code) is categorical only when named here. Default: none (detect).
    /// </summary>
    public IReadOnlyList<string> CategoricalColumns { get; init; } = [];

    /// <summary>
    /// CSV series, each written as one of: a column name (a series per cell: numbers separated by ';' or spaces); a list
    /// of numeric columns read in that order as one series, <c>s1,s2,s3</c>; or a prefix, <c>s*</c>: every column whose
    /// name starts with <c>s</c>, in file order. A name that is a header column as it stands is that column. Naming a series
    /// counts as naming columns (the unnamed ones are left out). Every series value must be a finite number: an empty or
    /// non-number cell is an error naming its row and column. Default: none.
    /// </summary>
    public IReadOnlyList<string> SeriesColumns { get; init; } = [];

    /// <summary>CSV columns to leave out (never featurized, whatever their content). Default: none.</summary>
    public IReadOnlyList<string> IgnoreColumns { get; init; } = [];

    /// <summary>
    /// The CSV field separator (for example <c>','</c>, <c>';'</c> or <c>'\t'</c>); null (default): detected from the header
    /// line, the most frequent of comma, semicolon and tab outside quotes (a comma when none occurs).
    /// </summary>
    public char? Separator { get; init; }

    /// <summary>
    /// The data trains a model: a label column with a different value in every row (each row its own class, nothing to
    /// learn or to test) is refused. Default false (evaluation and prediction data may have any labels).
    /// </summary>
    public bool IsTrainingData { get; init; }

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

    /// <summary>
    /// How to read the label column. <see cref="LearningTask.Regression"/>: every label must be a finite number
    /// (<see cref="Dataset.Targets"/>; numeric columns' rules, decimal commas included), split at random, and the rules meant
    /// for classes (a label differing in every row, one image per class folder, the likely-leak rule) do not apply.
    /// <see cref="LearningTask.Classification"/>: labels are texts. Null (default): inferred by <see cref="TaskInference"/>
    /// for a CSV of training data (<see cref="IsTrainingData"/>), classification otherwise.
    /// </summary>
    public LearningTask? Task { get; init; }
}
