using System.Globalization;
using MlNetTransfer;
using MlNetTransfer.Bench;
using MlNetTransfer.Workflows;

// Benchmarks of MlNetTransfer. One command for now:
//   dotnet run --project bench/MlNetTransfer.Bench -c Release -- heads [--data data/fashion-mnist] [--train-per-class 100]
//       [--test-limit 0] [--seed 0] [--extra-seeds 4] [--out BENCHMARKS.md]
// Exit codes: 0 done, 1 a user error (one line on stderr), 2 a bug.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

if (args.Length == 0 || args[0] != "heads")
{
    Console.Error.WriteLine(args.Length == 0 ? HeadsOptions.Usage : $"Unknown command '{args[0]}'. {HeadsOptions.Usage}");
    return 1;
}

try
{
    var options = HeadsOptions.Parse(args[1..]);
    var outPath = AtomicFile.CheckWritable(options.Out, "benchmark report"); // fail before the long run, not after
    var command = "dotnet run --project bench/MlNetTransfer.Bench -c Release -- " + string.Join(" ", args.Select(Quote));

    var results = HeadsBenchmark.Run(options, command, Console.Out);
    Console.WriteLine();
    Console.Write(HeadsReport.ConsoleTable(results));
    Console.WriteLine();
    var section = HeadsReport.Section(results);
    HeadsReport.WriteSection(outPath, HeadsReport.Title(options), section);
    Console.WriteLine(section);
    Console.WriteLine($"wrote section \"{HeadsReport.Title(options)[3..]}\" to {outPath}");
    return 0;
}
catch (MissingDataException e)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}
catch (UserInputException e)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}
catch (Exception e)
{
    Console.Error.WriteLine($"internal error: {e}");
    return 2;
}

static string Quote(string arg) => arg.Length > 0 && arg.All(c => char.IsLetterOrDigit(c) || "-_./=:,+".Contains(c)) ? arg : $"'{arg.Replace("'", "'\\''")}'";
