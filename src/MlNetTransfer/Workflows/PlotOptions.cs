using MlNetTransfer.FeatureSpace;

namespace MlNetTransfer.Workflows;

/// <summary>What <see cref="PlotWorkflow"/> draws: which data, featurized how, mapped how, written where.</summary>
public sealed record PlotOptions
{
    /// <summary>
    /// The data and its featurizer, as <c>featurize</c> takes them (data, columns, backbones, text and series
    /// featurizers, cache, device, bad inputs). Its <see cref="FeaturizeOptions.Out"/> is ignored: the coordinates go
    /// beside the picture (<see cref="CoordinatesPath"/>).
    /// </summary>
    public FeaturizeOptions Features { get; init; } = new();

    /// <summary>The picture to write: a <c>.png</c> path.</summary>
    public string Out { get; init; } = "";

    /// <summary>A second data set with the same columns (another domain): both are featurized by the featurizer fitted on <see cref="FeaturizeOptions.Data"/>, mapped together and coloured by domain. Null: one data set, coloured by label.</summary>
    public string? Target { get; init; }

    /// <summary>How the features become two coordinates. Default t-SNE.</summary>
    public MapMethod Method { get; init; } = MapMethod.Tsne;

    /// <summary>t-SNE's perplexity (default 30, as scikit-learn); it must be below the number of rows.</summary>
    public double Perplexity { get; init; } = 30;

    /// <summary>Seed of t-SNE's random parts (same seed, same map).</summary>
    public int Seed { get; init; }

    /// <summary>Where the coordinates go: <see cref="Out"/> with the extension <c>.csv</c> (<c>path_or_row,label,x,y</c>, plus <c>domain</c> with a <see cref="Target"/>).</summary>
    public string CoordinatesPath => Path.ChangeExtension(Out, ".csv");

    /// <summary>Every problem with these options (the featurizer's included), each naming its option; empty when they can run.</summary>
    public IReadOnlyList<OptionProblem> Problems()
    {
        var problems = new List<OptionProblem>();
        if (string.IsNullOrWhiteSpace(Out)) problems.Add(new(nameof(Out), "{0} is required"));
        else if (!Out.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
            problems.Add(new(nameof(Out), $"{{0}} must be a .png file (the coordinates are written beside it as .csv); got '{OptionProblem.Escape(Out)}'"));
        else
            foreach (var (input, name) in new[] { (Features.Data, "data"), (Target, "target") })
                if (AtomicFile.SamePath(Out, input) || AtomicFile.SamePath(CoordinatesPath, input))
                    problems.Add(new(nameof(Out), $"{{0}} '{OptionProblem.Escape(Out)}' would write the picture or its coordinates ({OptionProblem.Escape(Path.GetFileName(CoordinatesPath))}) over the {name} file; choose another name"));
        if (!(Perplexity > 0) || !double.IsFinite(Perplexity))
            problems.Add(new(nameof(Perplexity), $"{{0}} must be a positive number (got {Perplexity})"));
        if (Target is not null && string.IsNullOrWhiteSpace(Target)) problems.Add(new(nameof(Target), "{0} must name a folder or CSV"));
        problems.AddRange(Features.Problems().Where(p => p.Option != nameof(FeaturizeOptions.Out)));
        return problems;
    }

    /// <summary>t-SNE's options: the perplexity and seed given, scikit-learn's defaults otherwise.</summary>
    internal TsneOptions Tsne => new() { Perplexity = Perplexity, Seed = Seed };
}
