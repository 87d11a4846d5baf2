using System.Globalization;
using MlNetTransfer;
using MlNetTransfer.Bench;
using MlNetTransfer.Workflows;

// Benchmarks of MlNetTransfer:
//   dotnet run --project bench/MlNetTransfer.Bench -c Release -- heads [--data data/fashion-mnist] [--train-per-class 100]
//       [--test-limit 0] [--seed 0] [--extra-seeds 4] [--out BENCHMARKS.md]
//   dotnet run --project bench/MlNetTransfer.Bench -c Release -- featurize [--data data/fashion-mnist] [--images 1000]
//       [--repetitions 3] [--out BENCHMARKS.md]
//   dotnet run --project bench/MlNetTransfer.Bench -c Release -- minilm [--sentences 1000] [--chunks 5] [--batch 32]
//   dotnet run --project bench/MlNetTransfer.Bench -c Release -- tfidf [--data data/spam-assassin] [--repetitions 5]
// heads, featurize and tfidf write (or replace) their own section of BENCHMARKS.md; minilm prints its table only.
// Exit codes: 0 done, 1 a user error (one line on stderr), 2 a bug.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var usage = HeadsOptions.Usage + "\n" + FeaturizeOptions.Usage + "\n" + TextBenchmark.Usage + "\n" + TfidfOptions.Usage;
if (args.Length == 0 || args[0] is not ("heads" or "featurize" or "minilm" or "tfidf"))
{
    Console.Error.WriteLine(args.Length == 0 ? usage : $"Unknown command '{args[0]}'.\n{usage}");
    return 1;
}

try
{
    var command = "dotnet run --project bench/MlNetTransfer.Bench -c Release -- " + string.Join(" ", args.Select(Quote));
    if (args[0] == "minilm") TextBenchmark.Run(args[1..], Console.Out);
    else if (args[0] == "heads") Heads(HeadsOptions.Parse(args[1..]), command);
    else if (args[0] == "tfidf") Tfidf(TfidfOptions.Parse(args[1..]), command);
    else Featurize(FeaturizeOptions.Parse(args[1..]), command);
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

static void Heads(HeadsOptions options, string command)
{
    var outPath = AtomicFile.CheckWritable(options.Out, "benchmark report"); // fail before the long run, not after
    var results = HeadsBenchmark.Run(options, command, Console.Out);
    Console.WriteLine();
    Console.Write(HeadsReport.ConsoleTable(results));
    Console.WriteLine();
    Write(outPath, HeadsReport.Title(options), HeadsReport.Section(results));
}

static void Featurize(FeaturizeOptions options, string command)
{
    var outPath = AtomicFile.CheckWritable(options.Out, "benchmark report");
    var results = FeaturizeBenchmark.Run(options, command, Console.Out);
    Console.WriteLine();
    Console.Write(FeaturizeReport.ConsoleTable(results));
    Console.WriteLine();
    Write(outPath, FeaturizeReport.Title(options), FeaturizeReport.Section(results));
}

static void Tfidf(TfidfOptions options, string command)
{
    var outPath = AtomicFile.CheckWritable(options.Out, "benchmark report");
    var results = TfidfBenchmark.Run(options, command, Console.Out);
    Console.WriteLine();
    Console.Write(TfidfBenchmark.ConsoleTable(results));
    Console.WriteLine();
    Write(outPath, TfidfBenchmark.Title, TfidfBenchmark.Section(results));
}

static void Write(string outPath, string title, string section)
{
    SectionFile.WriteSection(outPath, title, section);
    Console.WriteLine(section);
    Console.WriteLine($"wrote section \"{title[3..]}\" to {outPath}");
}

static string Quote(string arg) => arg.Length > 0 && arg.All(c => char.IsLetterOrDigit(c) || "-_./=:,+".Contains(c)) ? arg : $"'{arg.Replace("'", "'\\''")}'";
