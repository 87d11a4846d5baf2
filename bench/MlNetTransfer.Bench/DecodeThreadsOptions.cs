namespace MlNetTransfer.Bench;

/// <summary>Options of the <c>decode-threads</c> benchmark, parsed from <c>--name value</c> pairs.</summary>
internal sealed record DecodeThreadsOptions
{
    /// <summary>Fashion-MNIST folder; its <c>train</c> class folders are read.</summary>
    public string Data { get; init; } = "data/fashion-mnist";

    /// <summary>The first N training images in the loader's order, embedded by every setting in every round.</summary>
    public int Images { get; init; } = 192;

    /// <summary>Rounds; in each, every setting runs once, in an order that rotates from round to round.</summary>
    public int Rounds { get; init; } = 3;

    /// <summary>Markdown file whose section this run writes or replaces.</summary>
    public string Out { get; init; } = "BENCHMARKS.md";

    public const string Usage =
        "usage: dotnet run --project bench/MlNetTransfer.Bench -c Release -- decode-threads [--data data/fashion-mnist] " +
        "[--images 192] [--rounds 3] [--out BENCHMARKS.md]";

    /// <summary>Parses the arguments after the command name; a problem is a <see cref="UserInputException"/>.</summary>
    public static DecodeThreadsOptions Parse(IReadOnlyList<string> args) => new OptionParser<DecodeThreadsOptions>(Usage)
        .Text("--data", (o, v) => o with { Data = v })
        .Integer("--images", 1, (o, v) => o with { Images = v })
        .Integer("--rounds", 1, (o, v) => o with { Rounds = v })
        .Text("--out", (o, v) => o with { Out = v })
        .Parse(args, new DecodeThreadsOptions());
}
