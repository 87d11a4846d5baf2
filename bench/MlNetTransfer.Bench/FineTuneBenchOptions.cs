namespace MlNetTransfer.Bench;

/// <summary>Options of the <c>finetune</c> benchmark, parsed from <c>--name value</c> pairs.</summary>
internal sealed record FineTuneBenchOptions
{
    /// <summary>A folder with train/ and test/, one sub-folder per class (Fashion-MNIST from data/ scripts).</summary>
    public string Data { get; init; } = "/work/evidence/fashion";

    /// <summary>Training images per class (the first ones, sorted by name).</summary>
    public int TrainPerClass { get; init; } = 100;

    /// <summary>Test images per class.</summary>
    public int TestPerClass { get; init; } = 100;

    /// <summary>The most joint epochs of a fine-tuning run (<c>--unfreeze-epochs</c>).</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Rows of the speed anchor (ours and PyTorch, the same cut activations).</summary>
    public int SpeedRows { get; init; } = 256;

    /// <summary>Epochs of the speed anchor.</summary>
    public int SpeedEpochs { get; init; } = 2;

    /// <summary>The seed of every run.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Python with torch for the speed anchor.</summary>
    public string Python { get; init; } = "python3";

    /// <summary>Embedding cache (the trunk's activations and the embeddings).</summary>
    public string CacheDir { get; init; } = Path.Combine(Path.GetTempPath(), "mlnet-transfer-bench-finetune", "cache");

    /// <summary>Markdown file whose section this run writes or replaces.</summary>
    public string Out { get; init; } = "BENCHMARKS.md";

    public const string Usage =
        "usage: dotnet run --project bench/MlNetTransfer.Bench -c Release -- finetune [--data /work/evidence/fashion] [--train-per-class 100] " +
        "[--test-per-class 100] [--epochs 10] [--speed-rows 256] [--speed-epochs 2] [--seed 1] [--python python3] [--cache-dir <dir>] [--out BENCHMARKS.md]";

    /// <summary>Parses the arguments after the command name; a problem is a <see cref="UserInputException"/>.</summary>
    public static FineTuneBenchOptions Parse(IReadOnlyList<string> args) => new OptionParser<FineTuneBenchOptions>(Usage)
        .Text("--data", (o, v) => o with { Data = v })
        .Integer("--train-per-class", 1, (o, v) => o with { TrainPerClass = v })
        .Integer("--test-per-class", 1, (o, v) => o with { TestPerClass = v })
        .Integer("--epochs", 1, (o, v) => o with { Epochs = v })
        .Integer("--speed-rows", 1, (o, v) => o with { SpeedRows = v })
        .Integer("--speed-epochs", 1, (o, v) => o with { SpeedEpochs = v })
        .Integer("--seed", 0, (o, v) => o with { Seed = v })
        .Text("--python", (o, v) => o with { Python = v })
        .Text("--cache-dir", (o, v) => o with { CacheDir = v })
        .Text("--out", (o, v) => o with { Out = v })
        .Parse(args, new FineTuneBenchOptions());
}
