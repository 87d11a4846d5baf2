namespace MlNetTransfer.Bench;

/// <summary>Options of the <c>int8</c> benchmark, parsed from <c>--name value</c> pairs.</summary>
internal sealed record Int8BenchOptions
{
    /// <summary>Image folder with <c>train</c> and <c>test</c> class folders.</summary>
    public string Data { get; init; } = "data/fashion-mnist-small";

    /// <summary>Images of <c>test</c> (not used for calibration) whose int8 and fp32 embeddings are compared; 0: all.</summary>
    public int CosineImages { get; init; } = 0;

    /// <summary>Timed rounds; each runs fp32 then int8 on the same batches, and gives one ratio.</summary>
    public int Rounds { get; init; } = 5;

    /// <summary>Batches each backbone runs per round.</summary>
    public int BatchesPerRound { get; init; } = 4;

    /// <summary>Images per ONNX Runtime call.</summary>
    public int Batch { get; init; } = 32;

    /// <summary>Intra-op threads; 0: the number of cores.</summary>
    public int Threads { get; init; }

    /// <summary>Train an <c>lr</c> head on <c>train</c> with each backbone and score <c>test</c> (accuracy rows).</summary>
    public bool Accuracy { get; init; } = true;

    /// <summary>Markdown file whose section this run writes or replaces.</summary>
    public string Out { get; init; } = "BENCHMARKS.md";

    /// <summary>The int8 backbone must run at least this many times the fp32 one's images/s (issue 15).</summary>
    public const double TargetRatio = 1.8;

    /// <summary>The int8 backbone's accuracy may be at most this many points below fp32's (issue 15).</summary>
    public const double AccuracyTolerancePoints = 1.0;

    public const string Usage =
        "usage: dotnet run --project bench/MlNetTransfer.Bench -c Release -- int8 [--data data/fashion-mnist-small] [--cosine-images 0] " +
        "[--rounds 5] [--batches-per-round 4] [--batch 32] [--threads 0] [--accuracy true] [--out BENCHMARKS.md]";

    /// <summary>Parses the arguments after the command name; a problem is a <see cref="UserInputException"/>.</summary>
    public static Int8BenchOptions Parse(IReadOnlyList<string> args) => new OptionParser<Int8BenchOptions>(Usage)
        .Text("--data", (o, v) => o with { Data = v })
        .Integer("--cosine-images", 0, (o, v) => o with { CosineImages = v })
        .Integer("--rounds", 1, (o, v) => o with { Rounds = v })
        .Integer("--batches-per-round", 1, (o, v) => o with { BatchesPerRound = v })
        .Integer("--batch", 1, (o, v) => o with { Batch = v })
        .Integer("--threads", 0, (o, v) => o with { Threads = v })
        .Text("--accuracy", (o, v) => o with { Accuracy = v switch { "true" => true, "false" => false, _ => throw new UserInputException($"--accuracy must be true or false (got '{v}').") } })
        .Text("--out", (o, v) => o with { Out = v })
        .Parse(args, new Int8BenchOptions());
}
