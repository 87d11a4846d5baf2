using System.ComponentModel;
using MlNetTransfer.Datasets;
using MlNetTransfer.Heads;
using MlNetTransfer.Workflows;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MlNetTransfer.Cli.Commands;

public sealed class TrainSettings : BackboneRunSettings
{
    [CommandOption("--data <PATH>"), Description("Training data: a folder with one sub-folder per class, or a CSV with a header.")]
    public string Data { get; init; } = "";

    [CommandOption("--features <PARQUET_OR_FOLDER>"), Description("Train from features written by 'featurize --out x.parquet' (files, or folders of them such as the --shard outputs; repeatable) instead of --data: no backbone runs; the zip holds the featurizer they record and predicts from raw inputs.")]
    public string[] Features { get; init; } = [];

    [CommandOption("--test <PATH>"), Description("Test data (same form, or a features .parquet file / folder). Without it, --test-fraction of --data is held out.")]
    public string? Test { get; init; }

    [CommandOption("--test-fraction <FRACTION>"), Description("Share of --data held out for testing: stratified by label for classes, at random for a regression."), DefaultValue(0.2)]
    public double TestFraction { get; init; } = 0.2;

    [CommandOption("--out <MODEL_ZIP>"), Description("Where to write the model zip.")]
    public string Out { get; init; } = "";

    [CommandOption("--label <COLUMN>"), Description("Label column of a CSV (default: a column named 'label', any case).")]
    public string? Label { get; init; }

    [CommandOption("--image-column <COLUMN>"), Description("CSV column of image paths (repeatable).")]
    public string[] ImageColumns { get; init; } = [];

    [CommandOption("--text-column <COLUMN>"), Description("CSV text column (repeatable).")]
    public string[] TextColumns { get; init; } = [];

    [CommandOption("--numeric-column <COLUMN>"), Description("CSV numeric column (repeatable).")]
    public string[] NumericColumns { get; init; } = [];

    [CommandOption("--categorical-column <COLUMN>"), Description("CSV categorical column, one-hot encoded (repeatable); a column of numbers such as a zip code is categorical only when named.")]
    public string[] CategoricalColumns { get; init; } = [];

    [CommandOption("--ignore-column <COLUMN>"), Description("CSV column to leave out (repeatable), for example an id or a column that gives the label away.")]
    public string[] IgnoreColumns { get; init; } = [];

    [CommandOption("--backbone <NAME_OR_ONNX>"), Description("Image backbone: a name from 'backbones' or a path to an ONNX file with its manifest, or classical (colour, Sobel, LBP and HOG features; no ONNX) (repeatable). Default: resnet18.")]
    public string[] Backbones { get; init; } = [];

    internal const string TextFeaturizerHelp = "Text featurizer (repeatable; parts are concatenated): tfidf (default: word 1-2-grams + char 3-grams), bow, sklearn-count, sklearn-tfidf, or a text backbone (minilm).";

    [CommandOption("--text-featurizer <NAME>"), Description(TextFeaturizerHelp)]
    public string[] TextFeaturizers { get; init; } = [];

    internal const string SeriesColumnHelp = "CSV series (repeatable): a column holding a series per cell (numbers separated by ';' or spaces), numeric columns read as one series in order ('s1,s2,s3'), or a prefix ('s*').";

    internal const string SeriesFeaturizerHelp = "Series featurizer (repeatable; parts are concatenated): stats (default), fft, wavelet (db4), with settings: 'stats:lags=1,2,5:quantiles=0.1,0.5,0.9', 'fft:bands=16:rate=100', 'wavelet:haar:levels=3'.";

    [CommandOption("--series-column <SERIES>"), Description(TrainSettings.SeriesColumnHelp)]
    public string[] SeriesColumns { get; init; } = [];

    [CommandOption("--series-featurizer <NAME>"), Description(TrainSettings.SeriesFeaturizerHelp)]
    public string[] SeriesFeaturizers { get; init; } = [];

    [CommandOption("--pca <K_OR_FRACTION>"), Description(PcaFlag.Help)]
    public string? Pca { get; init; }

    [CommandOption("--task <TASK>"), Description("classification or regression (default: inferred from the label column: many distinct numbers are a regression; the run prints which and why).")]
    public string? Task { get; init; }

    [CommandOption("--trainer <TRAINER>"), Description("Head: lr, fasttree, lightgbm or mlp for a classification (default lr); linear, fasttree, lightgbm or mlp for a regression (default linear); auto: the best by cross-validation within --time-budget (without --text-featurizer it also compares tfidf, sklearn-tfidf and sklearn-count on text columns).")]
    public string? Trainer { get; init; }

    /// <summary>What <c>--trainer auto</c> compares for text columns when no <c>--text-featurizer</c> is given.</summary>
    internal static readonly string[] AutoTextFeaturizers = ["tfidf", "sklearn-tfidf", "sklearn-count"];

    /// <summary>The --trainer value that searches.</summary>
    internal const string Auto = "auto";

    [CommandOption("--time-budget <SECONDS>"), Description("With --trainer auto: seconds for the head search and the winner's refit (featurizing not counted). Default 60.")]
    public double? TimeBudget { get; init; }

    [CommandOption("--optimize <METRIC>"), Description("With --trainer auto: what to rank heads by: accuracy (default), macro-f1, log-loss or auc (two labels) for a classification; r2 (default), rmse or mae for a regression.")]
    public string? Optimize { get; init; }

    [CommandOption("--unfreeze <DEPTH>"), Description(UnfreezeFlag.Help)]
    public string? Unfreeze { get; init; }

    [CommandOption("--backbone-lr <RATE>"), Description("With --unfreeze: Adam step size of the unfrozen backbone part (default: 10x smaller than the mlp head's, 1e-4).")]
    public float? BackboneLearningRate { get; init; }

    [CommandOption("--unfreeze-epochs <N>"), Description("With --unfreeze: the most joint epochs of backbone and head (default 10); early stopping on the validation split may end sooner.")]
    public int? UnfreezeEpochs { get; init; }

    [CommandOption("--quantize <PRECISION>"), Description(QuantizeFlag.Help)]
    public string? Quantize { get; init; }

    [CommandOption("--calibration-images <N>"), Description(QuantizeFlag.CalibrationHelp)]
    public int? CalibrationImages { get; init; }

    [CommandOption("--seed <N>"), Description("Random seed (split, trainers)."), DefaultValue(0)]
    public int Seed { get; init; }

    [CommandOption("--metrics-json <FILE>"), Description("Write the test metrics as JSON.")]
    public string? MetricsJson { get; init; }

    [CommandOption("--report <DIR>"), Description("Write report.md with pictures (data summary, metrics, per-class scores, confusion matrix, embedding map, leaderboard, time by stage) into this folder.")]
    public string? Report { get; init; }

    /// <summary>
    /// --time-budget out of range (not above 0, or over 7 days: also past what a <see cref="TimeSpan"/> holds); null when
    /// absent or fine. <see cref="ToOptions"/> then passes the default, so the problem is reported once, with its flag.
    /// </summary>
    private string? TimeBudgetProblem => TimeBudget is { } seconds && !(seconds > 0 && seconds <= 7 * 24 * 3600)
        ? $"--time-budget must be a positive number of seconds, at most 7 days (got {seconds})" : null;

    private bool IsAuto => string.Equals(Trainer?.Trim(), Auto, StringComparison.OrdinalIgnoreCase);

    /// <summary>--task parsed: null when not given or when it does not parse (<see cref="TaskProblems"/> reports it).</summary>
    private LearningTask? ParsedTask => Task?.Trim().ToLowerInvariant() switch
    {
        "classification" => LearningTask.Classification,
        "regression" => LearningTask.Regression,
        _ => null,
    };

    /// <summary>
    /// The library's options: names resolved and values parsed here, once (an unknown name falls back to the default;
    /// <see cref="Validate"/> reports it). A --trainer name sets the head of each task it names (fasttree: both), so a task
    /// inferred from the data later finds the head it needs, or says the name is for the other task.
    /// </summary>
    public TrainOptions ToOptions()
    {
        var options = BaseOptions();
        if (IsAuto)
            return options with
            {
                Search = new HeadSearchOptions { TimeBudget = TimeSpan.FromSeconds(TimeBudgetProblem is null ? TimeBudget ?? 60 : 60), Optimize = SearchMetrics.Parse(Optimize) },
                // No --text-featurizer: the search compares the usual ones (tf-idf of ours, scikit-learn's tf-idf and counts).
                TextFeaturizers = TextFeaturizers.Length == 0 ? AutoTextFeaturizers : TextFeaturizers,
            };
        if (Trainer is null) return options;
        if (HeadRegistry.Default.Find(Trainer) is { } classifier) options = options with { Trainer = classifier };
        if (RegressionHeadRegistry.Default.Find(Trainer) is { } regressor) options = options with { RegressionTrainer = regressor };
        return options;
    }

    private TrainOptions BaseOptions() => new()
    {
        Data = Data,
        Features = Features,
        Test = Test,
        TestFraction = TestFraction,
        Out = Out,
        Label = Label,
        ImageColumns = ImageColumns,
        TextColumns = TextColumns,
        NumericColumns = NumericColumns,
        CategoricalColumns = CategoricalColumns,
        IgnoreColumns = IgnoreColumns,
        Separator = ParsedSeparator,
        Backbones = Backbones.Length == 0 ? [MlNetTransfer.Defaults.ImageBackbone] : Backbones,
        TextFeaturizers = TextFeaturizers.Length == 0 ? [MlNetTransfer.Defaults.TextFeaturizer] : TextFeaturizers,
        SeriesColumns = SeriesColumns,
        SeriesFeaturizers = SeriesFeaturizers.Length == 0 ? [MlNetTransfer.Defaults.SeriesFeaturizer] : SeriesFeaturizers,
        Task = ParsedTask,
        Seed = Seed,
        OnBadInput = ParsedOnBadInput,
        MaxImagePixels = MaxImagePixels,
        MetricsJson = MetricsJson,
        Report = Report,
        CacheDir = EffectiveCacheDir,
        Device = ParsedDevice,
        FeatureSpace = PcaFlag.ToTransform(Pca),
        Unfreeze = UnfreezeFlag.Parse(Unfreeze) ?? MlNetTransfer.FineTuning.UnfreezeDepth.None,
        BackboneLearningRate = BackboneLearningRate,
        UnfreezeEpochs = UnfreezeEpochs ?? new TrainOptions().UnfreezeEpochs,
        Quantize = QuantizeFlag.Parse(Quantize, CalibrationImages),
    };

    /// <summary>Every problem at once: values that do not parse, then the library's checks, options named by their flags.</summary>
    public override ValidationResult Validate() => Problems.ToValidation([
        .. ValueProblems(),
        .. TaskProblems(),
        .. PcaFlag.Problems(Pca),
        .. UnfreezeFlag.Problems(Unfreeze),
        .. QuantizeFlag.Problems(Quantize, CalibrationImages),
        .. UnusedOptionProblems(),
        .. OptionFlags.Describe(ToOptions().Problems()),
    ]);

    /// <summary>
    /// Options that would be silently ignored: with --features the files record the featurizer and the columns, so the
    /// featurizer and column options have no effect; --unfreeze-epochs without --unfreeze.
    /// </summary>
    private IEnumerable<string> UnusedOptionProblems()
    {
        if (UnfreezeEpochs is not null && (Unfreeze is null || UnfreezeFlag.Parse(Unfreeze) == MlNetTransfer.FineTuning.UnfreezeDepth.None))
            yield return "--unfreeze-epochs is only used with --unfreeze last-block or last-stage";
        if (Features.Length == 0) yield break;
        var given = new (string Flag, bool Given)[]
        {
            ("--label", Label is not null), ("--image-column", ImageColumns.Length > 0), ("--text-column", TextColumns.Length > 0),
            ("--numeric-column", NumericColumns.Length > 0), ("--categorical-column", CategoricalColumns.Length > 0),
            ("--ignore-column", IgnoreColumns.Length > 0), ("--series-column", SeriesColumns.Length > 0), ("--backbone", Backbones.Length > 0),
            ("--text-featurizer", TextFeaturizers.Length > 0), ("--series-featurizer", SeriesFeaturizers.Length > 0), ("--separator", Separator is not null),
        };
        foreach (var (flag, _) in given.Where(g => g.Given))
            yield return $"{flag} has no effect with --features: the features files record their featurizer and columns (featurize again with {flag} to change them)";
    }

    /// <summary>
    /// --task that does not parse; a --trainer name unknown to both registries, or (with --task) one for the other task.
    /// Without --task a name of either task passes here: the task is inferred from the data, and the run then says when
    /// the name is for the other one.
    /// </summary>
    private IEnumerable<string> TaskProblems()
    {
        if (Task is not null && ParsedTask is null) yield return $"unknown task '{Task}': expected classification or regression";
        if (!IsAuto)
        {
            if (TimeBudget is not null) yield return "--time-budget is for --trainer auto";
            if (Optimize is not null) yield return "--optimize is for --trainer auto";
        }
        else
        {
            if (TimeBudgetProblem is { } budget) yield return budget;
            if (Optimize is not null && SearchMetrics.Parse(Optimize) is null) yield return $"unknown metric '{Optimize}' for --optimize: expected one of {string.Join(", ", SearchMetrics.Names)}";
            else if (Optimize is not null && ParsedTask is { } task && SearchMetrics.Problem(SearchMetrics.Parse(Optimize)!.Value, task, 0) is { } wrong && !wrong.StartsWith("--optimize auc needs", StringComparison.Ordinal)) yield return wrong;
            yield break;
        }
        if (Trainer is null) yield break;
        var classifier = HeadRegistry.Default.Find(Trainer) is not null;
        var regressor = RegressionHeadRegistry.Default.Find(Trainer) is not null;
        string Classifiers() => string.Join(", ", HeadRegistry.Default.Names);
        string Regressors() => string.Join(", ", RegressionHeadRegistry.Default.Names);
        switch (ParsedTask)
        {
            case LearningTask.Regression when !regressor:
                yield return classifier
                    ? $"--trainer '{Trainer}' is a classification trainer; with --task regression expected one of {Regressors()}"
                    : $"unknown regression trainer '{Trainer}': expected one of {Regressors()}";
                break;
            case LearningTask.Classification when !classifier:
                yield return regressor
                    ? $"--trainer '{Trainer}' is a regression trainer; with --task classification expected one of {Classifiers()}"
                    : $"unknown trainer '{Trainer}': expected one of {Classifiers()}";
                break;
            case null when !classifier && !regressor:
                yield return $"unknown trainer '{Trainer}': expected one of {Classifiers()} (classification) or {Regressors()} (regression)";
                break;
        }
    }
}
