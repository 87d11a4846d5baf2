namespace MlNetTransfer.Workflows;

/// <summary>What <see cref="DiagnoseShiftWorkflow"/> compares: two data sets with the same columns, featurized alike, and where the picture goes.</summary>
public sealed record DiagnoseShiftOptions
{
    /// <summary>
    /// The source data (<see cref="FeaturizeOptions.Data"/>) and its featurizer, as <c>featurize</c> takes them. The
    /// featurizer is fitted on the source; its <see cref="FeaturizeOptions.Out"/> is ignored. Labels are not needed.
    /// </summary>
    public FeaturizeOptions Features { get; init; } = new();

    /// <summary>The target data: a folder of images (class sub-folders or flat) or a CSV with the source's columns (labels optional).</summary>
    public string Target { get; init; } = "";

    /// <summary>Where to draw both domains in 2-D, coloured by domain (a <c>.png</c>); null draws nothing.</summary>
    public string? Out { get; init; }

    /// <summary>How the picture maps the features to two coordinates. Default PCA.</summary>
    public MapMethod Method { get; init; } = MapMethod.Pca;

    /// <summary>Where to write the measurements as JSON; null writes nothing.</summary>
    public string? MetricsJson { get; init; }

    /// <summary>Seed of the random parts (cross-validation folds, subsamples, permutations, t-SNE).</summary>
    public int Seed { get; init; }

    /// <summary>Every problem with these options (the featurizer's included), each naming its option; empty when they can run.</summary>
    public IReadOnlyList<OptionProblem> Problems()
    {
        var problems = new List<OptionProblem>();
        if (string.IsNullOrWhiteSpace(Features.Data)) problems.Add(new("Source", "{0} is required"));
        if (string.IsNullOrWhiteSpace(Target)) problems.Add(new(nameof(Target), "{0} is required"));
        if (Out is not null && !Out.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
            problems.Add(new(nameof(Out), $"{{0}} must be a .png file; got '{OptionProblem.Escape(Out)}'"));
        problems.AddRange(OverwrittenInputs.Problems([(Out, nameof(Out)), (MetricsJson, nameof(MetricsJson))], [(Features.Data, "source data"), (Target, "target data")]));
        if (MetricsJson is not null && AtomicFile.SamePath(MetricsJson, Out))
            problems.Add(new(nameof(MetricsJson), $"{{0}} '{OptionProblem.Escape(MetricsJson)}' is the picture; choose another path"));
        problems.AddRange(Features.Problems().Where(p => p.Option is not nameof(FeaturizeOptions.Out) and not nameof(FeaturizeOptions.Data)));
        return problems;
    }
}
