namespace MlNetTransfer.Bench;

/// <summary>Options of the <c>train-cache</c> benchmark, parsed from <c>--name value</c> pairs.</summary>
internal sealed record TrainCacheOptions
{
    /// <summary>Fashion-MNIST folder; its <c>train</c> class folders are read.</summary>
    public string Data { get; init; } = "data/fashion-mnist";

    /// <summary>Images: the first N / classes of each class of <c>train</c> (file order); TrainWorkflow holds 20% out for testing.</summary>
    public int Images { get; init; } = 4000;

    /// <summary>Markdown file whose section this run writes or replaces.</summary>
    public string Out { get; init; } = "BENCHMARKS.md";

    /// <summary>The head of the cold first train (and of the third).</summary>
    public const string ColdHead = "lr";

    /// <summary>The other head of the second train (the case the cache is for): <c>fasttree</c>, as issue 15's speed-cache row asks.</summary>
    public string WarmHead { get; init; } = "fasttree";

    public const string Usage =
        "usage: dotnet run --project bench/MlNetTransfer.Bench -c Release -- train-cache [--data data/fashion-mnist] [--images 4000] [--second-head fasttree] [--out BENCHMARKS.md]";

    /// <summary>Parses the arguments after the command name; a problem is a <see cref="UserInputException"/>.</summary>
    public static TrainCacheOptions Parse(IReadOnlyList<string> args) => new OptionParser<TrainCacheOptions>(Usage)
        .Text("--data", (o, v) => o with { Data = v })
        .Integer("--images", 20, (o, v) => o with { Images = v })
        .Text("--second-head", (o, v) => o with { WarmHead = v })
        .Text("--out", (o, v) => o with { Out = v })
        .Parse(args, new TrainCacheOptions());
}
