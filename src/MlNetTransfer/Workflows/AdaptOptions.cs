using MlNetTransfer.DomainAdaptation;
using MlNetTransfer.Heads;

namespace MlNetTransfer.Workflows;

/// <summary>What <see cref="AdaptWorkflow"/> does: which labeled source and which target data, which method and head, written where.</summary>
public sealed record AdaptOptions
{
    /// <summary>
    /// The labeled source data (<see cref="FeaturizeOptions.Data"/>: a class-folder tree or a CSV with a label column)
    /// and its featurizer, as <c>featurize</c> takes them; the featurizer is fitted on the source. Its
    /// <see cref="FeaturizeOptions.Out"/> is ignored.
    /// </summary>
    public FeaturizeOptions Features { get; init; } = new();

    /// <summary>
    /// The target-domain data the model will predict on: a flat folder of images, a class-folder tree or a CSV with the
    /// source's columns. Its labels, if it has any, are never used for fitting: only to report target accuracy.
    /// </summary>
    public string Target { get; init; } = "";

    /// <summary>A few labeled target examples (same form as the source) for few-shot adaptation; null: none.</summary>
    public string? TargetLabeled { get; init; }

    /// <summary>Labeled target data evaluated with the saved zip (metrics as <c>train</c> writes them); null: none.</summary>
    public string? TargetTest { get; init; }

    /// <summary>Where to write the model zip (it predicts on target-domain inputs).</summary>
    public string Out { get; init; } = "";

    /// <summary>
    /// The method: one of <see cref="AdaptationMethods.Names"/>, or <see cref="AdaptationMethods.Auto"/> (default): every
    /// candidate of <see cref="AdaptationMethods.AutoCandidates"/> (all but DANN; few-shot with <see cref="TargetLabeled"/>)
    /// is fitted and the one with the highest information-maximisation score on the target is kept.
    /// </summary>
    public string Method { get; init; } = AdaptationMethods.Auto;

    /// <summary>
    /// Input-space alignment of the source images before the backbone (<see cref="DomainAdaptation.InputAlignment"/>);
    /// null (default): for data with image columns each of none, crop-pad and crop-pad-resample is tried and the one whose
    /// source features a cross-validated domain classifier separates least from the target's (AUC to two decimals, then the smallest MMD²) is kept (its AUC, printed for
    /// each). Data without images ignores it.
    /// </summary>
    public InputAlignment? InputAlignment { get; init; }

    /// <summary>The head trained on the adapted features (DANN trains its own network). Default <c>lr</c>.</summary>
    public IHeadTrainer Trainer { get; init; } = HeadRegistry.Default.Get(Defaults.Trainer);

    /// <summary>Where to write the metrics as JSON (the target test's metrics, as <c>train</c> writes them, plus an <c>adaptation</c> object); null writes nothing.</summary>
    public string? MetricsJson { get; init; }

    /// <summary>Seed of every random choice.</summary>
    public int Seed { get; init; }

    /// <summary>Every problem with these options (the featurizer's included), each naming its option; empty when they can run.</summary>
    public IReadOnlyList<OptionProblem> Problems()
    {
        var problems = new List<OptionProblem>();
        if (string.IsNullOrWhiteSpace(Features.Data)) problems.Add(new("Source", "{0} is required"));
        if (string.IsNullOrWhiteSpace(Target)) problems.Add(new(nameof(Target), "{0} is required"));
        if (string.IsNullOrWhiteSpace(Out)) problems.Add(new(nameof(Out), "{0} is required"));
        if (!AdaptationMethods.IsKnown(Method))
            problems.Add(new(nameof(Method), $"unknown {{0}} '{OptionProblem.Escape(Method)}': expected {AdaptationMethods.Auto} or one of {string.Join(", ", AdaptationMethods.Names)}"));
        else if (Method == AdaptationMethods.FewShot && TargetLabeled is null)
            problems.Add(new(nameof(TargetLabeled), $"{{0}} is required by --method {AdaptationMethods.FewShot}: a few labeled target examples"));
        problems.AddRange(OverwrittenInputs.Problems([(Out, nameof(Out)), (MetricsJson, nameof(MetricsJson))],
            [(Features.Data, "source data"), (Target, "target data"), (TargetLabeled, "labeled target data"), (TargetTest, "target test data")]));
        if (MetricsJson is not null && AtomicFile.SamePath(MetricsJson, Out))
            problems.Add(new(nameof(MetricsJson), $"{{0}} '{OptionProblem.Escape(MetricsJson)}' is the model file; choose another path"));
        problems.AddRange(Features.Problems().Where(p => p.Option is not nameof(FeaturizeOptions.Out) and not nameof(FeaturizeOptions.Data)));
        return problems;
    }
}
