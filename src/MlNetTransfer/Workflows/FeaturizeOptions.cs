using MlNetTransfer.Datasets;
using MlNetTransfer.Engine;
using MlNetTransfer.FeatureSpace;
using MlNetTransfer.Featurizers;

namespace MlNetTransfer.Workflows;

/// <summary>
/// What <see cref="FeaturizeWorkflow"/> featurizes and where it writes. Defaults as <see cref="TrainOptions"/>'s.
/// Checked once by <see cref="Problems"/>; problems name these properties.
/// </summary>
public sealed record FeaturizeOptions
{
    /// <summary>A class-folder tree or a CSV (labels optional).</summary>
    public string Data { get; init; } = "";

    /// <summary>Where to write: a <c>.csv</c>, or a <c>.parquet</c> file.</summary>
    public string Out { get; init; } = "";

    /// <summary>Label column of a CSV; null: a column named <c>label</c> (any case) when there is one.</summary>
    public string? Label { get; init; }

    /// <summary>CSV columns of image paths; with the other column lists empty, roles are detected.</summary>
    public IReadOnlyList<string> ImageColumns { get; init; } = [];

    /// <summary>CSV text columns.</summary>
    public IReadOnlyList<string> TextColumns { get; init; } = [];

    /// <summary>CSV numeric columns.</summary>
    public IReadOnlyList<string> NumericColumns { get; init; } = [];

    /// <summary>CSV categorical columns (one-hot encoded, slots named <c>&lt;column&gt;=&lt;value&gt;</c>); a column of numbers, a zip code say, is categorical only when named here.</summary>
    public IReadOnlyList<string> CategoricalColumns { get; init; } = [];

    /// <summary>
    /// CSV series (repeatable): a column holding a series per cell (<c>0.1;0.3;…</c>), a list of numeric columns read as one
    /// series in that order (<c>s1,s2,s3</c>), or a prefix (<c>s*</c>). See <see cref="DatasetOptions.SeriesColumns"/>. Default: none.
    /// </summary>
    public IReadOnlyList<string> SeriesColumns { get; init; } = [];

    /// <summary>Featurizers every series goes through, concatenated: stats (default), fft, wavelet, with settings (<c>fft:bands=16</c>; <see cref="Series.SeriesFeaturesOptions.Parse"/>).</summary>
    public IReadOnlyList<string> SeriesFeaturizers { get; init; } = [Defaults.SeriesFeaturizer];

    /// <summary>CSV columns to leave out whatever their content (repeatable); with no column named by role, the others are still detected. Default: none.</summary>
    public IReadOnlyList<string> IgnoreColumns { get; init; } = [];

    /// <summary>The CSV field separator (',', ';', '\t', …); null (default): detected from the header line (comma, semicolon or tab).</summary>
    public char? Separator { get; init; }

    /// <summary>Image backbones by name or ONNX path. Default resnet18.</summary>
    public IReadOnlyList<string> Backbones { get; init; } = [Defaults.ImageBackbone];

    /// <summary>Text featurizers by name. Default tfidf.</summary>
    public IReadOnlyList<string> TextFeaturizers { get; init; } = [Defaults.TextFeaturizer];

    /// <summary>Other image featurizers by name, after the backbones: a registered non-backbone image kind (see <see cref="FeatureParts"/>). Default none.</summary>
    public IReadOnlyList<string> ImageFeaturizers { get; init; } = [];

    /// <summary>
    /// An optional step fitted on the features and applied to them before they are written (PCA); its slots are then named
    /// <c>&lt;report key&gt;&lt;i&gt;</c> (<c>pca0</c>, <c>pca1</c>, … as scikit-learn's <c>get_feature_names_out</c>). Null (default): none.
    /// </summary>
    public IFeatureSpaceTransform? FeatureSpace { get; init; }

    /// <summary>
    /// <c>--quantize int8</c>: featurize with static int8 versions of the image backbones whose activation ranges are
    /// calibrated on a stratified sample (seed 0) of <see cref="Data"/> (see <see cref="QuantizeOptions"/>). Null (default):
    /// the backbones as named. Written to a .csv only: a Parquet file's backbone must be rebuildable by name for
    /// <c>train --features</c>, and each <see cref="Shard"/> would calibrate on other images.
    /// </summary>
    public QuantizeOptions? Quantize { get; init; }

    /// <summary>Folder of the embedding cache; null: no cache.</summary>
    public string? CacheDir { get; init; }

    /// <summary>The kinds of feature parts featurizer names resolve to (extend a copy of <see cref="FeaturePartRegistry.Default"/> to add one). Default: the built-ins.</summary>
    public FeaturePartRegistry FeatureParts { get; init; } = FeaturePartRegistry.Default;

    /// <summary>Where the backbones run. Default CPU.</summary>
    public ComputeDevice Device { get; init; } = ComputeDevice.Cpu;

    /// <summary>Fail at the first unreadable image (default) or leave them out, listed in &lt;out&gt;.bad-inputs.csv.</summary>
    public BadInputPolicy OnBadInput { get; init; } = BadInputPolicy.Fail;

    /// <summary>Images whose header announces more pixels are bad inputs (refused before decoding, then handled as <see cref="OnBadInput"/> says). Default <see cref="Defaults.MaxImagePixels"/>.</summary>
    public long MaxImagePixels { get; init; } = Defaults.MaxImagePixels;

    /// <summary>
    /// Featurize only shard i of n of the inputs (<see cref="ShardSpec"/>: by each row's content hash), resumably, into
    /// <see cref="Out"/> (a .parquet file; see <c>ShardedFeaturize</c> for the part files a re-run picks up). Only frozen
    /// backbones may featurize a shard, and no <see cref="FeatureSpace"/>. Null (default): all inputs at once.
    /// </summary>
    public ShardSpec? Shard { get; init; }

    /// <summary>With <see cref="Shard"/>: rows per part file, the most a re-run after a crash featurizes again. Default 1,000.</summary>
    public int ShardPartRows { get; init; } = 1000;

    /// <summary>Every problem with the options, each naming its property; nothing when they are fine.</summary>
    public IReadOnlyList<OptionProblem> Problems()
    {
        var problems = new List<OptionProblem>();
        if (string.IsNullOrWhiteSpace(Data)) problems.Add(new(nameof(Data), "{0} is required"));
        if (string.IsNullOrWhiteSpace(Out)) problems.Add(new(nameof(Out), "{0} is required"));
        else if (!Out.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) && !Out.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase))
            problems.Add(new(nameof(Out), $"{{0}} must end in .csv or .parquet (the format is chosen by the extension); got '{OptionProblem.Escape(Out)}'"));
        if (AtomicFile.SamePath(Out, Data))
            problems.Add(new(nameof(Out), $"{{0}} '{OptionProblem.Escape(Out)}' is the data file: writing the features there would destroy it; choose another path"));
        problems.AddRange(TrainOptions.ColumnProblems(IgnoreColumns, ImageColumns, TextColumns, NumericColumns, CategoricalColumns, Separator));
        if (MaxImagePixels <= 0) problems.Add(new(nameof(MaxImagePixels), $"{{0}} must be positive (got {MaxImagePixels})"));
        problems.AddRange(TrainOptions.FeatureProblems(Backbones, TextFeaturizers, FeatureParts));
        problems.AddRange(TrainOptions.SeriesProblems(SeriesColumns, SeriesFeaturizers, FeatureParts));
        if (Shard is not null) problems.AddRange(ShardProblems());
        problems.AddRange(QuantizeStage.Problems(Quantize, Backbones, fromFeatures: false, unfreeze: false));
        if (Quantize is not null && Shard is not null)
            problems.Add(new(nameof(Quantize), "{0} int8 cannot be combined with --shard: each shard would calibrate its backbone on other images, so the shards' features would not fit together " +
                "(featurize without --quantize, or train with --quantize int8 on the data itself)"));
        else if (Quantize is not null && Out.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase))
            problems.Add(new(nameof(Quantize), "{0} int8 calibrates the backbone on these images, and train --features could not rebuild that backbone from a Parquet file's record: " +
                "write a .csv (features for use outside train), or train with --quantize int8 on the data itself"));
        return problems;
    }

    private IEnumerable<OptionProblem> ShardProblems()
    {
        foreach (var problem in Shard!.Problems()) yield return new(nameof(Shard), problem);
        if (!Out.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase))
            yield return new(nameof(Shard), $"{{0}} writes a Parquet file: the output must end in .parquet (got '{OptionProblem.Escape(Out)}')");
        if (FeatureSpace is not null)
            yield return new(nameof(Shard), $"{{0}} cannot be combined with a feature-space step ({OptionProblem.Escape(FeatureSpace.Name)}): fitted per shard, it would differ between shards; fit it when training (train --features --pca)");
        if (ShardPartRows < 1) yield return new(nameof(ShardPartRows), $"{{0}} must be at least 1 (got {ShardPartRows})");
    }

    /// <summary>The settings of the run's featurizer stage.</summary>
    internal FeatureRunOptions FeatureRun => new()
    {
        Backbones = Backbones,
        TextFeaturizers = TextFeaturizers,
        ImageFeaturizers = ImageFeaturizers,
        SeriesFeaturizers = SeriesFeaturizers,
        Device = Device,
        CacheDir = CacheDir,
        FeatureParts = FeatureParts,
    };
}
