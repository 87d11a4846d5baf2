namespace MlNetTransfer.Bench;

/// <summary>Options of the <c>adapt</c> benchmark (issue 12's evidence table), parsed from <c>--name value</c> pairs.</summary>
internal sealed record AdaptBenchOptions
{
    /// <summary>The Fashion-MNIST shift pairs written by <c>data/fashion_mnist_shifts.py</c> (source/, geometric/, inverted/, low-contrast/); left out when missing.</summary>
    public string Shifts { get; init; } = "data/fashion-mnist-shifts";

    /// <summary>SpamAssassin as <c>data/fetch_spam_assassin.sh</c> writes it (older-train.csv, newer.csv); left out when missing.</summary>
    public string Spam { get; init; } = "data/spam-assassin";

    /// <summary>vega-datasets 3.2.1's <c>data/weather.csv</c> (Seattle and New York, 2012-2015): Seattle -> New York; left out when missing.</summary>
    public string Weather { get; init; } = "data/vega-weather/weather.csv";

    /// <summary>Seeds of every run (the methods' random parts; the oracle's 80/20 split).</summary>
    public IReadOnlyList<int> Seeds { get; init; } = [0, 1, 2];

    /// <summary>The head of every method but DANN.</summary>
    public string Trainer { get; init; } = "lr";

    /// <summary>Embedding cache (the backbone runs once per image or email across all runs).</summary>
    public string CacheDir { get; init; } = Path.Combine(Path.GetTempPath(), "mlnet-transfer-adapt-bench", "cache");

    /// <summary>Markdown file whose section this run writes or replaces.</summary>
    public string Out { get; init; } = "BENCHMARKS.md";

    public const string Usage =
        "usage: dotnet run --project bench/MlNetTransfer.Bench -c Release -- adapt [--shifts data/fashion-mnist-shifts] [--spam data/spam-assassin] [--weather data/vega-weather/weather.csv] " +
        "[--seeds 0,1,2] [--trainer lr] [--cache-dir <dir>] [--out BENCHMARKS.md]";

    /// <summary>Parses the arguments after the command name; a problem is a <see cref="UserInputException"/>.</summary>
    public static AdaptBenchOptions Parse(IReadOnlyList<string> args) => new OptionParser<AdaptBenchOptions>(Usage)
        .Text("--shifts", (o, v) => o with { Shifts = v })
        .Text("--spam", (o, v) => o with { Spam = v })
        .Text("--weather", (o, v) => o with { Weather = v })
        .Integers("--seeds", 0, (o, v) => o with { Seeds = v })
        .Text("--trainer", (o, v) => o with { Trainer = v })
        .Text("--cache-dir", (o, v) => o with { CacheDir = v })
        .Text("--out", (o, v) => o with { Out = v })
        .Parse(args, new AdaptBenchOptions());
}
