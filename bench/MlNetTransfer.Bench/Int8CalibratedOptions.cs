namespace MlNetTransfer.Bench;

/// <summary>One image set of the <c>int8-calibrated</c> benchmark: a name and its train and test class folders.</summary>
internal sealed record Int8CalibratedSet(string Name, string Train, string Test);

/// <summary>Options of the <c>int8-calibrated</c> benchmark, parsed from <c>--name value</c> pairs.</summary>
internal sealed record Int8CalibratedOptions
{
    /// <summary>
    /// The image sets, <c>name:train-dir:test-dir</c> separated by <c>;</c>. Default: Fashion-MNIST (as data/fetch.sh writes it)
    /// and its low-contrast shift (pixel · 0.25 + 96, grey on grey; data/fashion_mnist_shifts.py).
    /// </summary>
    public IReadOnlyList<Int8CalibratedSet> Sets { get; init; } =
    [
        new("fashion-mnist", "data/fashion-mnist/train", "data/fashion-mnist/test"),
        new("fashion-mnist low-contrast", "data/fashion-mnist-shifts/low-contrast/target", "data/fashion-mnist-shifts/low-contrast/test"),
    ];

    /// <summary>Training images per class (the first of each class folder, file order); 0: all.</summary>
    public int TrainPerClass { get; init; } = 100;

    /// <summary>Test images per class (first ones); 0: all.</summary>
    public int TestPerClass { get; init; } = 100;

    /// <summary>Training examples that calibrate the user-calibrated int8 backbone (<c>--quantize int8 --calibration-images</c>).</summary>
    public int CalibrationImages { get; init; } = Defaults.CalibrationImages;

    /// <summary>Markdown file whose section this run writes or replaces.</summary>
    public string Out { get; init; } = "BENCHMARKS.md";

    public const string Usage =
        "usage: dotnet run --project bench/MlNetTransfer.Bench -c Release -- int8-calibrated [--sets \"name:train-dir:test-dir;…\"] " +
        "[--train-per-class 100] [--test-per-class 100] [--calibration-images 200] [--out BENCHMARKS.md]";

    /// <summary>Parses the arguments after the command name; a problem is a <see cref="UserInputException"/>.</summary>
    public static Int8CalibratedOptions Parse(IReadOnlyList<string> args) => new OptionParser<Int8CalibratedOptions>(Usage)
        .Text("--sets", (o, v) => o with { Sets = ParseSets(v) })
        .Integer("--train-per-class", 0, (o, v) => o with { TrainPerClass = v })
        .Integer("--test-per-class", 0, (o, v) => o with { TestPerClass = v })
        .Integer("--calibration-images", 1, (o, v) => o with { CalibrationImages = v })
        .Text("--out", (o, v) => o with { Out = v })
        .Parse(args, new Int8CalibratedOptions());

    private static List<Int8CalibratedSet> ParseSets(string value) => value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(set => set.Split(':') is [var name, var train, var test]
            ? new Int8CalibratedSet(name, train, test)
            : throw new UserInputException($"--sets: '{set}' is not name:train-dir:test-dir. {Usage}"))
        .ToList();
}
