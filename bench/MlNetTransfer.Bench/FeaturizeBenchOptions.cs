namespace MlNetTransfer.Bench;

/// <summary>Options of the <c>featurize</c> benchmark, parsed from <c>--name value</c> pairs.</summary>
internal sealed record FeaturizeBenchOptions
{
    /// <summary>Fashion-MNIST folder; its <c>train</c> class folders are read.</summary>
    public string Data { get; init; } = "data/fashion-mnist";

    /// <summary>The first N training images in the loader's order (class folders by name, files by name).</summary>
    public int Images { get; init; } = 1000;

    /// <summary>Timed runs of each variant; the report gives the median.</summary>
    public int Repetitions { get; init; } = 3;

    /// <summary>Markdown file whose section this run writes or replaces.</summary>
    public string Out { get; init; } = "BENCHMARKS.md";

    /// <summary>Images per ONNX Runtime call for the engine and the raw session (the engine's default).</summary>
    public const int BatchSize = 32;

    /// <summary>
    /// Images per interleaving step: each repetition goes over the images in chunks of this many, running every variant on a
    /// chunk before the next, so that a change in the load of a shared machine falls on all variants alike. A multiple of
    /// <see cref="BatchSize"/>, so the batched variants see the same batches as in one pass over all images.
    /// </summary>
    public const int ChunkSize = 4 * BatchSize;

    /// <summary>Embeddings compared across variants (the first rows).</summary>
    public const int ParityImages = 20;

    public const string Usage =
        "usage: dotnet run --project bench/MlNetTransfer.Bench -c Release -- featurize [--data data/fashion-mnist] " +
        "[--images 1000] [--repetitions 3] [--out BENCHMARKS.md]";

    /// <summary>Parses the arguments after the command name; a problem is a <see cref="UserInputException"/>.</summary>
    public static FeaturizeBenchOptions Parse(IReadOnlyList<string> args) => new OptionParser<FeaturizeBenchOptions>(Usage)
        .Text("--data", (o, v) => o with { Data = v })
        .Integer("--images", 1, (o, v) => o with { Images = v })
        .Integer("--repetitions", 1, (o, v) => o with { Repetitions = v })
        .Text("--out", (o, v) => o with { Out = v })
        .Parse(args, new FeaturizeBenchOptions());
}
