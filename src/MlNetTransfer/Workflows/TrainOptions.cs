using MlNetTransfer.Datasets;
using MlNetTransfer.Engine;
using MlNetTransfer.FeatureSpace;
using MlNetTransfer.Featurizers;
using MlNetTransfer.FineTuning;
using MlNetTransfer.Heads;

namespace MlNetTransfer.Workflows;

/// <summary>
/// What <see cref="TrainWorkflow"/> trains. Defaults (<see cref="Defaults"/>): the task inferred from the label column,
/// 20% test split (stratified for classes), ResNet18 for image columns, tf-idf for text columns, logistic regression
/// (classification) or linear (regression), seed 0, CPU, stop at the first unreadable image.
/// Checked once by <see cref="Problems"/>; problems name these properties (the CLI maps them to its flags).
/// </summary>
public sealed record TrainOptions
{
    /// <summary>Training data: a class-folder tree or a CSV. Empty when <see cref="Features"/> are given instead.</summary>
    public string Data { get; init; } = "";

    /// <summary>
    /// Train from stored features instead of <see cref="Data"/>: Parquet files written by <see cref="FeaturizeWorkflow"/>
    /// (or folders of them, such as the files of every <see cref="FeaturizeOptions.Shard"/>), all made by one featurizer
    /// of frozen backbones. No backbone runs on them; the featurizer they record is rebuilt by name (its model file's
    /// sha256 checked) and saved in the zip, which then predicts from raw inputs. <see cref="Test"/> may be raw data or
    /// features. Empty (default): featurize <see cref="Data"/>.
    /// </summary>
    public IReadOnlyList<string> Features { get; init; } = [];

    /// <summary>Test data; when null, <see cref="TestFraction"/> of <see cref="Data"/> is held out (stratified for classes, at random for a regression).</summary>
    public string? Test { get; init; }

    /// <summary>Share of <see cref="Data"/> held out for testing when <see cref="Test"/> is null, in (0, 1). Default 0.2.</summary>
    public double TestFraction { get; init; } = Defaults.TestFraction;

    /// <summary>Where to write the model zip.</summary>
    public string Out { get; init; } = "";

    /// <summary>Label column of a CSV; null: a column named <c>label</c> (any case).</summary>
    public string? Label { get; init; }

    /// <summary>CSV columns of image paths; with the other column lists empty, roles are detected.</summary>
    public IReadOnlyList<string> ImageColumns { get; init; } = [];

    /// <summary>CSV text columns.</summary>
    public IReadOnlyList<string> TextColumns { get; init; } = [];

    /// <summary>CSV numeric columns.</summary>
    public IReadOnlyList<string> NumericColumns { get; init; } = [];

    /// <summary>CSV categorical columns (one-hot encoded); a column of numbers, a zip code say, is categorical only when named here.</summary>
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

    /// <summary>Image backbones by name or ONNX path (each image column goes through each, concatenated). Default resnet18.</summary>
    public IReadOnlyList<string> Backbones { get; init; } = [Defaults.ImageBackbone];

    /// <summary>Featurizers every text column goes through (concatenated): tfidf (default), bow, sklearn-count, sklearn-tfidf, or a text backbone (minilm).</summary>
    public IReadOnlyList<string> TextFeaturizers { get; init; } = [Defaults.TextFeaturizer];

    /// <summary>Other image featurizers by name, after the backbones: a registered non-backbone image kind (see <see cref="FeatureParts"/>). Default none.</summary>
    public IReadOnlyList<string> ImageFeaturizers { get; init; } = [];

    /// <summary>
    /// An optional step between the features and the head (PCA, domain adaptation), fitted on the training features and
    /// saved in the zip. Null (default): none.
    /// </summary>
    public IFeatureSpaceTransform? FeatureSpace { get; init; }

    /// <summary>
    /// Classes or a number: <see cref="LearningTask.Classification"/>, <see cref="LearningTask.Regression"/>, or null
    /// (default) to infer it from the label column (<see cref="TaskInference"/>: many distinct numbers are a regression).
    /// </summary>
    public LearningTask? Task { get; init; }

    /// <summary>
    /// The head of a classification: a registered one (<see cref="HeadRegistry"/>: lr, fasttree, lightgbm, mlp) or any
    /// <see cref="IHeadTrainer"/>. Default lr. Set for a run whose task turns out to be regression (and with no
    /// <see cref="RegressionTrainer"/> set), it is an error naming the regression trainers.
    /// </summary>
    public IHeadTrainer Trainer
    {
        get => _trainerGiven ? _trainer! : HeadRegistry.Default.Get(Defaults.Trainer);
        init => (_trainer, _trainerGiven) = (value, true);
    }

    private readonly IHeadTrainer? _trainer;
    private readonly bool _trainerGiven;

    /// <summary>
    /// The head of a regression: a registered one (<see cref="RegressionHeadRegistry"/>: linear, fasttree) or any
    /// <see cref="IRegressionHeadTrainer"/>. Default linear. Set for a run whose task turns out to be classification (and
    /// with no <see cref="Trainer"/> set), it is an error naming the classification trainers.
    /// </summary>
    public IRegressionHeadTrainer RegressionTrainer
    {
        get => _regressionTrainerGiven ? _regressionTrainer! : RegressionHeadRegistry.Default.Get(Defaults.RegressionTrainer);
        init => (_regressionTrainer, _regressionTrainerGiven) = (value, true);
    }

    private readonly IRegressionHeadTrainer? _regressionTrainer;
    private readonly bool _regressionTrainerGiven;

    /// <summary>
    /// <c>--trainer auto</c>: when set, <see cref="Trainer"/> and <see cref="RegressionTrainer"/> are not used; the head is
    /// chosen by cross-validation on the training features within the search's time budget (<see cref="HeadSearch"/>),
    /// then refitted on all training rows. Null (default): the named head.
    /// </summary>
    public HeadSearchOptions? Search { get; init; }

    /// <summary>
    /// Fine-tuning (<c>--unfreeze</c>): <see cref="UnfreezeDepth.None"/> (default) keeps the backbone frozen;
    /// <see cref="UnfreezeDepth.LastBlock"/> or <see cref="UnfreezeDepth.LastStage"/> trains that part of the one image
    /// backbone (its manifest's cut point) with the <c>mlp</c> head before the head is fitted on the fine-tuned embeddings
    /// (<see cref="FineTuning.StageFineTuner"/>). Needs <see cref="Trainer"/> mlp and one backbone with cut points.
    /// </summary>
    public UnfreezeDepth Unfreeze { get; init; } = UnfreezeDepth.None;

    /// <summary>With <see cref="Unfreeze"/>: the backbone stage's Adam step size (<c>--backbone-lr</c>); null: 10x smaller than the mlp head's.</summary>
    public float? BackboneLearningRate { get; init; }

    /// <summary>With <see cref="Unfreeze"/>: the most joint (backbone + head) epochs, early stopping on the validation split may end sooner (<c>--unfreeze-epochs</c>). Default 10.</summary>
    public int UnfreezeEpochs { get; init; } = 10;

    /// <summary>
    /// <c>--quantize int8</c>: replace each image backbone by a static int8 version whose activation ranges are calibrated
    /// on a stratified sample of the training examples (never the test ones; see <see cref="QuantizeOptions"/>); the zip
    /// holds the int8 graph. Null (default): the backbones as named. Not with <see cref="Features"/> or <see cref="Unfreeze"/>.
    /// </summary>
    public QuantizeOptions? Quantize { get; init; }

    /// <summary>Seeds the split and the trainers: same data and seed, same model.</summary>
    public int Seed { get; init; }

    /// <summary>
    /// A folder for a report of the run (<c>report.md</c> and its pictures: data summary, test metrics, per-class scores,
    /// confusion matrix, embedding map, the leaderboard of a search, time by stage); null: none.
    /// </summary>
    public string? Report { get; init; }

    /// <summary>Where to write the test metrics as JSON; null: not written.</summary>
    public string? MetricsJson { get; init; }

    /// <summary>Folder of the embedding cache (see <see cref="Engine.EmbeddingCache"/>); null: no cache.</summary>
    public string? CacheDir { get; init; }

    /// <summary>The kinds of feature parts featurizer names resolve to (extend a copy of <see cref="FeaturePartRegistry.Default"/> to add one). Default: the built-ins.</summary>
    public FeaturePartRegistry FeatureParts { get; init; } = FeaturePartRegistry.Default;

    /// <summary>Where the backbones run; CUDA falls back to the CPU with a message when unavailable. Default CPU.</summary>
    public ComputeDevice Device { get; init; } = ComputeDevice.Cpu;

    /// <summary><see cref="BadInputPolicy.Fail"/> (default: stop before training, naming the first unreadable image) or <see cref="BadInputPolicy.Skip"/> (leave unreadable images out and list them in &lt;model&gt;.bad-inputs.csv).</summary>
    public BadInputPolicy OnBadInput { get; init; } = BadInputPolicy.Fail;

    /// <summary>Images whose header announces more pixels are bad inputs (refused before decoding, then handled as <see cref="OnBadInput"/> says). Default <see cref="Defaults.MaxImagePixels"/>.</summary>
    public long MaxImagePixels { get; init; } = Defaults.MaxImagePixels;

    /// <summary>Every problem with the options, each naming its property; nothing when they are fine.</summary>
    public IReadOnlyList<OptionProblem> Problems()
    {
        var problems = new List<OptionProblem>();
        if ((Features ?? []).Count == 0 && string.IsNullOrWhiteSpace(Data)) problems.Add(new(nameof(Data), "{0} is required (or features to train from)"));
        if ((Features ?? []).Count > 0 && !string.IsNullOrWhiteSpace(Data)) problems.Add(new(nameof(Features), "{0} replace the data: give data or features, not both"));
        if ((Features ?? []).Any(string.IsNullOrWhiteSpace)) problems.Add(new(nameof(Features), "{0} holds an empty path"));
        if (string.IsNullOrWhiteSpace(Out)) problems.Add(new(nameof(Out), "{0} is required"));
        else if (!Out.EndsWith(".zip", StringComparison.OrdinalIgnoreCase)) problems.Add(new(nameof(Out), $"{{0}} must name a .zip file (got '{OptionProblem.Escape(Out)}')"));
        if (Test is null && !(TestFraction > 0 && TestFraction < 1)) problems.Add(new(nameof(TestFraction), $"{{0}} must be between 0 and 1, exclusive (got {TestFraction})"));
        if (Trainer is null) problems.Add(new(nameof(Trainer), "{0} is required"));
        if (RegressionTrainer is null) problems.Add(new(nameof(RegressionTrainer), "{0} is required"));
        if (Task is { } task && !Enum.IsDefined(task)) problems.Add(new(nameof(Task), $"{{0}} must be Classification or Regression (got {(int)task})"));
        problems.AddRange(ColumnProblems(IgnoreColumns, ImageColumns, TextColumns, NumericColumns, CategoricalColumns, Separator));
        if (Search is not null)
            foreach (var problem in Search.Problems()) problems.Add(new(nameof(Search), $"{{0}}: {OptionProblem.Escape(problem)}"));
        if (MaxImagePixels <= 0) problems.Add(new(nameof(MaxImagePixels), $"{{0}} must be positive (got {MaxImagePixels})"));
        problems.AddRange(FeatureProblems(Backbones, TextFeaturizers, FeatureParts));
        problems.AddRange(SeriesProblems(SeriesColumns, SeriesFeaturizers, FeatureParts));
        problems.AddRange(OutputProblems());
        problems.AddRange(FineTuneStage.Problems(this));
        problems.AddRange(QuantizeStage.Problems(Quantize, Backbones, fromFeatures: (Features ?? []).Count > 0, unfreeze: Unfreeze != UnfreezeDepth.None));
        return problems;
    }

    /// <summary>An output (the model, the metrics JSON, the report folder) that is an input or inside an input folder, which it would overwrite; the metrics JSON on the model file.</summary>
    private IEnumerable<OptionProblem> OutputProblems()
    {
        var inputs = new (string? Path, string Name)[] { (Data, "training data"), (Test, "test data") }.Concat((Features ?? []).Select(f => ((string?)f, "features"))).ToList();
        foreach (var problem in OverwrittenInputs.Problems([(Out, nameof(Out)), (MetricsJson, nameof(MetricsJson)), (Report, nameof(Report))], inputs))
            yield return problem;
        if (MetricsJson is not null && AtomicFile.SamePath(MetricsJson, Out))
            yield return new(nameof(MetricsJson), $"{{0}} '{OptionProblem.Escape(MetricsJson)}' is the model file; choose another path");
    }

    /// <summary>The problems of the featurizer lists shared by train and featurize.</summary>
    internal static IEnumerable<OptionProblem> FeatureProblems(IReadOnlyList<string>? backbones, IReadOnlyList<string?>? textFeaturizers, FeaturePartRegistry? registry)
    {
        if (registry is null) yield return new(nameof(FeatureParts), "{0} is required");
        if (backbones is null || backbones.Count == 0) yield return new(nameof(Backbones), "at least one {0} is needed");
        if (textFeaturizers is null || textFeaturizers.Count == 0)
        {
            yield return new(nameof(TextFeaturizers), "at least one {0} is needed");
            yield break;
        }
        if (registry is null) yield break;
        var resolved = new List<string>();
        foreach (var name in textFeaturizers)
        {
            if (string.IsNullOrWhiteSpace(name)) yield return new(nameof(TextFeaturizers), "{0} holds an empty name");
            else if (registry.TryResolve(ColumnRole.Text, name, out var problem) is { } choice) resolved.Add(choice.Name);
            else yield return new(nameof(TextFeaturizers), OptionProblem.Escape(problem!));
        }
        foreach (var twice in resolved.GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1))
            yield return new(nameof(TextFeaturizers), $"{{0}} names '{OptionProblem.Escape(twice.Key)}' more than once");
    }

    /// <summary>The problems of the series options shared by train and featurize: an empty series name, an unknown or repeated featurizer.</summary>
    internal static IEnumerable<OptionProblem> SeriesProblems(IReadOnlyList<string>? series, IReadOnlyList<string?>? featurizers, FeaturePartRegistry? registry)
    {
        if ((series ?? []).Any(string.IsNullOrWhiteSpace)) yield return new(nameof(SeriesColumns), "{0} holds an empty name");
        if (featurizers is null || featurizers.Count == 0)
        {
            yield return new(nameof(SeriesFeaturizers), "at least one {0} is needed");
            yield break;
        }
        if (registry is null) yield break;
        var resolved = new List<string>();
        foreach (var name in featurizers)
        {
            if (string.IsNullOrWhiteSpace(name)) yield return new(nameof(SeriesFeaturizers), "{0} holds an empty name");
            else if (registry.TryResolve(ColumnRole.Series, name, out var problem) is { } choice) resolved.Add(choice.Name);
            else yield return new(nameof(SeriesFeaturizers), OptionProblem.Escape(problem!));
        }
        foreach (var twice in resolved.GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1))
            yield return new(nameof(SeriesFeaturizers), $"{{0}} names '{OptionProblem.Escape(twice.Key)}' more than once");
    }

    /// <summary>
    /// The problems of the column options shared by train and featurize: a column both ignored and named, a column named
    /// for two roles, an unusable separator.
    /// </summary>
    internal static IEnumerable<OptionProblem> ColumnProblems(IReadOnlyList<string>? ignore, IReadOnlyList<string>? images, IReadOnlyList<string>? texts,
        IReadOnlyList<string>? numerics, IReadOnlyList<string>? categoricals, char? separator)
    {
        IEnumerable<string> named = [.. images ?? [], .. texts ?? [], .. numerics ?? [], .. categoricals ?? []];
        foreach (var name in (ignore ?? []).Where(named.Contains).Distinct())
            yield return new(nameof(IgnoreColumns), $"{{0}} names '{OptionProblem.Escape(name)}', which is also named as a column to use");
        // Each column one role: the first list naming it keeps it, a later list naming it again is the problem.
        (string Option, string Role, IReadOnlyList<string>? Names)[] lists =
        [
            (nameof(ImageColumns), "an image", images), (nameof(TextColumns), "a text", texts),
            (nameof(NumericColumns), "a numeric", numerics), (nameof(CategoricalColumns), "a categorical", categoricals),
        ];
        for (var later = 1; later < lists.Length; later++)
            for (var earlier = 0; earlier < later; earlier++)
                foreach (var name in (lists[later].Names ?? []).Where(n => (lists[earlier].Names ?? []).Contains(n)).Distinct())
                    yield return new(lists[later].Option, $"{{0}} names '{OptionProblem.Escape(name)}', which is also named as {lists[earlier].Role} column; a column has one role");
        if (separator is '"' or '\r' or '\n')
            yield return new(nameof(Separator), $"{{0}} cannot be a quote or a line break");
    }

    /// <summary>
    /// The problem of the trainers once the data's task is known (inferred or given): a trainer was chosen for the other
    /// task only. Null when the trainers fit. Worded for the CLI (<c>--trainer</c>, <c>--task</c>), as the loader's
    /// messages are.
    /// </summary>
    internal string? TrainerProblem(LearningTask task, string taskNote)
    {
        if (Search is not null) return null;
        if (task == LearningTask.Regression && _trainerGiven && !_regressionTrainerGiven)
            return $"--trainer '{_trainer?.Name}' is a classification trainer, but the task is {taskNote}: expected one of " +
                $"{string.Join(", ", RegressionHeadRegistry.Default.Names)} for a regression.";
        if (task == LearningTask.Classification && _regressionTrainerGiven && !_trainerGiven)
            return $"--trainer '{_regressionTrainer?.Name}' is a regression trainer, but the task is {taskNote}: expected one of " +
                $"{string.Join(", ", HeadRegistry.Default.Names)} for a classification.";
        return null;
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
