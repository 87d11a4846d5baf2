namespace MlNetTransfer.Bench;

/// <summary>Options of the <c>classical</c> benchmark, parsed from <c>--name value</c> pairs.</summary>
internal sealed record ClassicalBenchOptions
{
    /// <summary>Fashion-MNIST folder; its <c>train</c> class folders are read.</summary>
    public string Data { get; init; } = "data/fashion-mnist";

    /// <summary>Images, spread over the classes (the first of each class, file order).</summary>
    public int Images { get; init; } = 512;

    /// <summary>Timed runs of each variant; the report gives the median.</summary>
    public int Repetitions { get; init; } = 3;

    /// <summary>Markdown file whose section this run writes or replaces.</summary>
    public string Out { get; init; } = "BENCHMARKS.md";

    /// <summary>Images per interleaving step: every variant runs on a chunk before the next chunk (4 batches of 32 for the engine).</summary>
    public const int ChunkSize = 128;

    /// <summary>The training path must be at least this many times resnet18's throughput (issue 13).</summary>
    public const double TargetRatio = 10;

    public const string Usage =
        "usage: dotnet run --project bench/MlNetTransfer.Bench -c Release -- classical [--data data/fashion-mnist] " +
        "[--images 512] [--repetitions 3] [--out BENCHMARKS.md]";

    /// <summary>Parses the arguments after the command name; a problem is a <see cref="UserInputException"/>.</summary>
    public static ClassicalBenchOptions Parse(IReadOnlyList<string> args) => new OptionParser<ClassicalBenchOptions>(Usage)
        .Text("--data", (o, v) => o with { Data = v })
        .Integer("--images", 1, (o, v) => o with { Images = v })
        .Integer("--repetitions", 1, (o, v) => o with { Repetitions = v })
        .Text("--out", (o, v) => o with { Out = v })
        .Parse(args, new ClassicalBenchOptions());
}
