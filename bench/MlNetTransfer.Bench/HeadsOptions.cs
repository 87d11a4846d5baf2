namespace MlNetTransfer.Bench;

/// <summary>Options of the <c>heads</c> benchmark, parsed from <c>--name value</c> pairs.</summary>
internal sealed record HeadsOptions
{
    public string Data { get; init; } = "data/fashion-mnist";

    /// <summary>Labelled training images kept per class: the first N in file order.</summary>
    public int TrainPerClass { get; init; } = 100;

    /// <summary>Test images kept per class (first M in file order); 0 keeps the whole test set.</summary>
    public int TestLimit { get; init; }

    public int Seed { get; init; }

    /// <summary>Extra MLP seeds (seed+1 … seed+n) fitted to show the seed-to-seed spread of the MLP heads; 0 for none.</summary>
    public int ExtraSeeds { get; init; } = 4;

    /// <summary>Markdown file whose section this run writes or replaces.</summary>
    public string Out { get; init; } = "BENCHMARKS.md";

    public const string Usage =
        "usage: dotnet run --project bench/MlNetTransfer.Bench -c Release -- heads [--data data/fashion-mnist] " +
        "[--train-per-class 100] [--test-limit 0] [--seed 0] [--extra-seeds 4] [--out BENCHMARKS.md]";

    /// <summary>Parses the arguments after the command name; a problem is a <see cref="UserInputException"/>.</summary>
    public static HeadsOptions Parse(IReadOnlyList<string> args) => new OptionParser<HeadsOptions>(Usage)
        .Text("--data", (o, v) => o with { Data = v })
        .Integer("--train-per-class", 1, (o, v) => o with { TrainPerClass = v })
        .Integer("--test-limit", 0, (o, v) => o with { TestLimit = v })
        .Integer("--seed", 0, (o, v) => o with { Seed = v })
        .Integer("--extra-seeds", 0, (o, v) => o with { ExtraSeeds = v })
        .Text("--out", (o, v) => o with { Out = v })
        .Parse(args, new HeadsOptions());
}
