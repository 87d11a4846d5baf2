namespace MlNetTransfer.Bench;

/// <summary>Options of the <c>tsne</c> command.</summary>
internal sealed record TsneBenchOptions
{
    public const string Usage =
        "  tsne [--rows 5000] [--dimensions 512] [--clusters 10] [--seed 0] [--python /usr/bin/python3] [--out BENCHMARKS.md]\n" +
        "      Tsne.Fit (Barnes-Hut) vs scikit-learn's TSNE(method=\"barnes_hut\") on Gaussian clusters, seconds and trustworthiness (k = 10).";

    /// <summary>Rows of the generated data.</summary>
    public int Rows { get; init; } = 5000;

    /// <summary>Their width.</summary>
    public int Dimensions { get; init; } = 512;

    /// <summary>Gaussian clusters in a 10-d latent space, mapped linearly to <see cref="Dimensions"/> with noise.</summary>
    public int Clusters { get; init; } = 10;

    /// <summary>Seeds the data and both t-SNEs.</summary>
    public int Seed { get; init; }

    /// <summary>The Python with scikit-learn; skipped (ours only) when it is missing.</summary>
    public string Python { get; init; } = "/usr/bin/python3";

    public string Out { get; init; } = "BENCHMARKS.md";

    /// <summary>Parses the arguments after the command name; a problem is a <see cref="UserInputException"/>.</summary>
    public static TsneBenchOptions Parse(IReadOnlyList<string> args) => new OptionParser<TsneBenchOptions>(Usage)
        .Integer("--rows", 100, (o, v) => o with { Rows = v })
        .Integer("--dimensions", 2, (o, v) => o with { Dimensions = v })
        .Integer("--clusters", 1, (o, v) => o with { Clusters = v })
        .Integer("--seed", 0, (o, v) => o with { Seed = v })
        .Text("--python", (o, v) => o with { Python = v })
        .Text("--out", (o, v) => o with { Out = v })
        .Parse(args, new TsneBenchOptions());
}
