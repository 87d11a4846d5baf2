namespace MlNetTransfer.Bench;

/// <summary>Options of the <c>heads-speed</c> benchmark, parsed from <c>--name value</c> pairs.</summary>
internal sealed record HeadsSpeedOptions
{
    /// <summary>Fashion-MNIST folder (from <c>bash data/fetch.sh</c>); its <c>train</c> and <c>test</c> class folders are read.</summary>
    public string Data { get; init; } = "data/fashion-mnist";

    /// <summary>Training rows: the first N / classes images of each class of <c>train</c> (file order).</summary>
    public int Train { get; init; } = 4000;

    /// <summary>Held-out rows: the first N / classes images of each class of <c>test</c> (file order).</summary>
    public int Test { get; init; } = 1000;

    /// <summary>
    /// Folder of the featurized rows (<c>train-N.csv</c>, <c>test-N.csv</c>, and the embedding cache): made on the first
    /// run with <c>FeaturizeWorkflow</c> (ResNet18), read as they are on later runs.
    /// </summary>
    public string Features { get; init; } = Path.Combine(Path.GetTempPath(), "mlnet-transfer-heads-speed");

    /// <summary>Timed fits of each head (the median is reported).</summary>
    public int Repetitions { get; init; } = 3;

    /// <summary>Timed fits of each slow reference (one-versus-all FastTree with ML.NET's defaults, ~100 s of CPU each; with 32 bins, ~35 s).</summary>
    public int BaselineRepetitions { get; init; } = 1;

    /// <summary>The heads' seed (the context's <c>Seed</c>).</summary>
    public int Seed { get; init; }

    /// <summary>Markdown file whose section this run writes or replaces.</summary>
    public string Out { get; init; } = "BENCHMARKS.md";

    public const string Usage =
        "usage: dotnet run --project bench/MlNetTransfer.Bench -c Release -- heads-speed [--data data/fashion-mnist] [--train 4000] [--test 1000] " +
        "[--features <dir>] [--repetitions 3] [--baseline-repetitions 1] [--seed 0] [--out BENCHMARKS.md]";

    /// <summary>Parses the arguments after the command name; a problem is a <see cref="UserInputException"/>.</summary>
    public static HeadsSpeedOptions Parse(IReadOnlyList<string> args) => new OptionParser<HeadsSpeedOptions>(Usage)
        .Text("--data", (o, v) => o with { Data = v })
        .Integer("--train", 20, (o, v) => o with { Train = v })
        .Integer("--test", 10, (o, v) => o with { Test = v })
        .Text("--features", (o, v) => o with { Features = v })
        .Integer("--repetitions", 1, (o, v) => o with { Repetitions = v })
        .Integer("--baseline-repetitions", 0, (o, v) => o with { BaselineRepetitions = v })
        .Integer("--seed", 0, (o, v) => o with { Seed = v })
        .Text("--out", (o, v) => o with { Out = v })
        .Parse(args, new HeadsSpeedOptions());
}
