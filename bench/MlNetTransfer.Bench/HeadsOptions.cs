using System.Globalization;

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
    public static HeadsOptions Parse(IReadOnlyList<string> args)
    {
        var options = new HeadsOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (i + 1 >= args.Count) throw new UserInputException($"{name} needs a value. {Usage}");
            var value = args[++i];
            options = name switch
            {
                "--data" => options with { Data = value },
                "--train-per-class" => options with { TrainPerClass = Integer(name, value, minimum: 1) },
                "--test-limit" => options with { TestLimit = Integer(name, value, minimum: 0) },
                "--seed" => options with { Seed = Integer(name, value, minimum: 0) },
                "--extra-seeds" => options with { ExtraSeeds = Integer(name, value, minimum: 0) },
                "--out" => options with { Out = value },
                _ => throw new UserInputException($"Unknown option '{name}'. {Usage}"),
            };
        }
        return options;
    }

    private static int Integer(string name, string value, int minimum) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= minimum
            ? n
            : throw new UserInputException($"{name} must be an integer >= {minimum} (got '{value}').");
}
