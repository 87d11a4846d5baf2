namespace MlNetTransfer.Bench;

/// <summary>Options of the <c>mlp-small</c> benchmark, parsed from <c>--name value</c> pairs.</summary>
internal sealed record MlpSmallOptions
{
    /// <summary>The repository's data folder (the shipped sets).</summary>
    public string Shipped { get; init; } = "data";

    /// <summary>Full Fashion-MNIST (from <c>bash data/fetch.sh</c>) for the 100-image two-class set; left out when missing.</summary>
    public string Fashion { get; init; } = "data/fashion-mnist";

    /// <summary>The two classes of the two-class set: the first 50 training and 50 test images of each.</summary>
    public string Pair { get; init; } = "coat,shirt";

    /// <summary>Seeds of every run (the MLP's seed, and the test split of a set without a test file).</summary>
    public IReadOnlyList<int> Seeds { get; init; } = [1, 2, 3];

    /// <summary>Embedding cache of the image sets.</summary>
    public string CacheDir { get; init; } = Path.Combine(Path.GetTempPath(), "mlnet-transfer-heads-speed", "cache");

    /// <summary>Markdown file whose section this run writes or replaces.</summary>
    public string Out { get; init; } = "BENCHMARKS.md";

    public const string Usage =
        "usage: dotnet run --project bench/MlNetTransfer.Bench -c Release -- mlp-small [--shipped data] [--fashion data/fashion-mnist] [--pair coat,shirt] " +
        "[--seeds 1,2,3] [--cache-dir <dir>] [--out BENCHMARKS.md]";

    /// <summary>Parses the arguments after the command name; a problem is a <see cref="UserInputException"/>.</summary>
    public static MlpSmallOptions Parse(IReadOnlyList<string> args) => new OptionParser<MlpSmallOptions>(Usage)
        .Text("--shipped", (o, v) => o with { Shipped = v })
        .Text("--fashion", (o, v) => o with { Fashion = v })
        .Text("--pair", (o, v) => v.Split(',') is { Length: 2 } ? o with { Pair = v } : throw new UserInputException($"--pair needs two class names separated by a comma (got '{v}'). {Usage}"))
        .Integers("--seeds", 0, (o, v) => o with { Seeds = v })
        .Text("--cache-dir", (o, v) => o with { CacheDir = v })
        .Text("--out", (o, v) => o with { Out = v })
        .Parse(args, new MlpSmallOptions());
}
