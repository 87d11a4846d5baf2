using System.Globalization;
using MlNetTransfer;
using MlNetTransfer.Bench;
using MlNetTransfer.Common;

// Benchmarks of MlNetTransfer:
//   dotnet run --project bench/MlNetTransfer.Bench -c Release -- heads [--data data/fashion-mnist] [--train-per-class 100]
//       [--test-limit 0] [--seed 0] [--extra-seeds 4] [--out BENCHMARKS.md]
//   dotnet run --project bench/MlNetTransfer.Bench -c Release -- featurize [--data data/fashion-mnist] [--images 1000]
//       [--repetitions 3] [--out BENCHMARKS.md]
//   dotnet run --project bench/MlNetTransfer.Bench -c Release -- minilm [--sentences 1000] [--chunks 5] [--batch 32] [--out BENCHMARKS.md]
//   dotnet run --project bench/MlNetTransfer.Bench -c Release -- tfidf [--data data/spam-assassin] [--repetitions 5]
//   dotnet run --project bench/MlNetTransfer.Bench -c Release -- tsne [--rows 5000] [--dimensions 512] [--clusters 10] [--seed 0]
//   dotnet run --project bench/MlNetTransfer.Bench -c Release -- classical [--data data/fashion-mnist] [--images 512] [--repetitions 3] [--out BENCHMARKS.md]
//   dotnet run --project bench/MlNetTransfer.Bench -c Release -- train-cache [--data data/fashion-mnist] [--images 4000] [--second-head fasttree] [--out BENCHMARKS.md]
//   dotnet run --project bench/MlNetTransfer.Bench -c Release -- heads-speed [--data data/fashion-mnist] [--train 4000] [--test 1000]
//       [--features <dir>] [--repetitions 3] [--baseline-repetitions 1] [--seed 0] [--out BENCHMARKS.md]
//   dotnet run --project bench/MlNetTransfer.Bench -c Release -- mlp-small [--shipped data] [--fashion data/fashion-mnist] [--pair coat,shirt]
//       [--seeds 1,2,3] [--cache-dir <dir>] [--out BENCHMARKS.md]
//   dotnet run --project bench/MlNetTransfer.Bench -c Release -- adapt [--shifts data/fashion-mnist-shifts] [--spam data/spam-assassin] [--seeds 0,1,2]
//       [--trainer lr] [--cache-dir <dir>] [--out BENCHMARKS.md]
//   dotnet run --project bench/MlNetTransfer.Bench -c Release -p:UseGpu=true -- gpu-check [--data data/fashion-mnist] [--images 2000]
//       [--batch-sizes 1,64] [--repetitions 3] [--device cuda] [--out BENCHMARKS.md]      (bench/gpu-check.sh runs it)
//   dotnet run --project bench/MlNetTransfer.Bench -c Release -- int8-calibrate [--data data/fashion-mnist-small] [--images 200]
//       [--weight-bits 7] [--models onnx-models] [--from resnet18]      (writes onnx-models/resnet18-int8.json + .onnx; no report)
//   dotnet run --project bench/MlNetTransfer.Bench -c Release -- int8 [--data data/fashion-mnist-small] [--cosine-images 0] [--rounds 5]
//       [--batches-per-round 4] [--batch 32] [--threads 0] [--accuracy true] [--out BENCHMARKS.md]
//   dotnet run --project bench/MlNetTransfer.Bench -c Release -- int8-calibrated [--sets "name:train-dir:test-dir;…"] [--train-per-class 100]
//       [--test-per-class 100] [--calibration-images 200] [--out BENCHMARKS.md]   (fp32 vs shipped int8 vs --quantize int8: accuracy, cosine)
//   dotnet run --project bench/MlNetTransfer.Bench -c Release -- finetune [--data /work/evidence/fashion] [--train-per-class 100]
//       [--test-per-class 100] [--epochs 10] [--speed-rows 256] [--speed-epochs 2] [--seed 1] [--python python3] [--out BENCHMARKS.md]
//   dotnet run --project bench/MlNetTransfer.Bench -c Release -- decode-threads [--data data/fashion-mnist] [--images 192] [--rounds 3] [--out BENCHMARKS.md]
//   dotnet run --project bench/MlNetTransfer.Bench -c Release -- featurize-memory --data <image folder> [--backbone resnet18] [--every 10]
//       [--collect false] [--samples featurize-memory.csv]      (memory sampled during featurize --no-cache; no report)
// Each command writes (or replaces) its own section of BENCHMARKS.md.
// Exit codes: 0 done, 1 a user error (one line on stderr), 2 a bug, 3 gpu-check ran and failed (CUDA not used, or CPU and GPU disagree).
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var usage = string.Join("\n", HeadsOptions.Usage, FeaturizeBenchOptions.Usage, MiniLmOptions.Usage, TfidfOptions.Usage, TsneBenchOptions.Usage, TrainCacheOptions.Usage, GpuCheckOptions.Usage, ClassicalBenchOptions.Usage, HeadsSpeedOptions.Usage, MlpSmallOptions.Usage, Int8CalibrateOptions.Usage, Int8BenchOptions.Usage, Int8CalibratedOptions.Usage, AdaptBenchOptions.Usage, FineTuneBenchOptions.Usage, DecodeThreadsOptions.Usage, FeaturizeMemoryOptions.Usage);
if (args.Length == 0 || args[0] is not ("heads" or "featurize" or "minilm" or "tfidf" or "tsne" or "train-cache" or "gpu-check" or "classical" or "heads-speed" or "mlp-small" or "int8-calibrate" or "int8" or "int8-calibrated" or "adapt" or "finetune" or "decode-threads" or "featurize-memory"))
{
    Console.Error.WriteLine(args.Length == 0 ? usage : $"Unknown command '{args[0]}'.\n{usage}");
    return 1;
}

try
{
    var command = "dotnet run --project bench/MlNetTransfer.Bench -c Release " + (args[0] == "gpu-check" ? "-p:UseGpu=true " : "") + "-- " + string.Join(" ", args.Select(Quote));
    switch (args[0])
    {
        case "heads": Heads(HeadsOptions.Parse(args[1..]), command); return 0;
        case "featurize": Featurize(FeaturizeBenchOptions.Parse(args[1..]), command); return 0;
        case "minilm": TextBenchmark.Run(MiniLmOptions.Parse(args[1..]), Console.Out, command); return 0;
        case "tfidf": Tfidf(TfidfOptions.Parse(args[1..]), command); return 0;
        case "tsne": TsneRun(TsneBenchOptions.Parse(args[1..]), command); return 0;
        case "train-cache": TrainCache(TrainCacheOptions.Parse(args[1..]), command); return 0;
        case "classical": Classical(ClassicalBenchOptions.Parse(args[1..]), command); return 0;
        case "heads-speed": HeadsSpeed(HeadsSpeedOptions.Parse(args[1..]), command); return 0;
        case "mlp-small": MlpSmall(MlpSmallOptions.Parse(args[1..]), command); return 0;
        case "int8": Section(Int8BenchOptions.Parse(args[1..]).Out, () => Int8Benchmark.Run(Int8BenchOptions.Parse(args[1..]), command, Console.Out), Int8Benchmark.ConsoleTable, Int8Benchmark.Title, Int8Benchmark.Section); return 0;
        case "int8-calibrated": Section(Int8CalibratedOptions.Parse(args[1..]).Out, () => Int8CalibratedBenchmark.Run(Int8CalibratedOptions.Parse(args[1..]), command, Console.Out), Int8CalibratedBenchmark.ConsoleTable, Int8CalibratedBenchmark.Title, Int8CalibratedBenchmark.Section); return 0;
        case "int8-calibrate": Int8Calibrate.Run(Int8CalibrateOptions.Parse(args[1..]), command, Console.Out); return 0;
        case "adapt": Adapt(AdaptBenchOptions.Parse(args[1..]), command); return 0;
        case "finetune": Section(FineTuneBenchOptions.Parse(args[1..]).Out, () => FineTuneBenchmark.Run(FineTuneBenchOptions.Parse(args[1..]), command, Console.Out), FineTuneBenchmark.ConsoleTable, FineTuneBenchmark.Title, FineTuneBenchmark.Section); return 0;
        case "decode-threads": Section(DecodeThreadsOptions.Parse(args[1..]).Out, () => DecodeThreadsBenchmark.Run(DecodeThreadsOptions.Parse(args[1..]), command, Console.Out), DecodeThreadsBenchmark.ConsoleTable, DecodeThreadsBenchmark.Title, DecodeThreadsBenchmark.Section); return 0;
        case "featurize-memory": FeaturizeMemory.Run(FeaturizeMemoryOptions.Parse(args[1..]), Console.Out); return 0;
        default: return GpuCheck(GpuCheckOptions.Parse(args[1..]), command);
    }
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

static void Heads(HeadsOptions options, string command) =>
    Section(options.Out, () => HeadsBenchmark.Run(options, command, Console.Out), HeadsReport.ConsoleTable, HeadsReport.Title(options), HeadsReport.Section);

static void Featurize(FeaturizeBenchOptions options, string command) =>
    Section(options.Out, () => FeaturizeBenchmark.Run(options, command, Console.Out), FeaturizeReport.ConsoleTable, FeaturizeReport.Title(options), FeaturizeReport.Section);

static void Tfidf(TfidfOptions options, string command) =>
    Section(options.Out, () => TfidfBenchmark.Run(options, command, Console.Out), TfidfBenchmark.ConsoleTable, TfidfBenchmark.Title, TfidfBenchmark.Section);

static void TsneRun(TsneBenchOptions options, string command) =>
    Section(options.Out, () => TsneBenchmark.Run(options, command, Console.Out), TsneBenchmark.ConsoleTable, TsneBenchmark.Title, TsneBenchmark.Section);

static void TrainCache(TrainCacheOptions options, string command) =>
    Section(options.Out, () => TrainCacheBenchmark.Run(options, command, Console.Out), TrainCacheReport.ConsoleTable, TrainCacheReport.Title(options), TrainCacheReport.Section);

static void Classical(ClassicalBenchOptions options, string command) =>
    Section(options.Out, () => ClassicalBenchmark.Run(options, command, Console.Out), ClassicalReport.ConsoleTable, ClassicalReport.Title(options), ClassicalReport.Section);

static void HeadsSpeed(HeadsSpeedOptions options, string command) =>
    Section(options.Out, () => HeadsSpeedBenchmark.Run(options, command, Console.Out), HeadsSpeedReport.ConsoleTable, HeadsSpeedReport.Title(options), HeadsSpeedReport.Section);

static void MlpSmall(MlpSmallOptions options, string command) =>
    Section(options.Out, () => MlpSmallBenchmark.Run(options, command, Console.Out), MlpSmallBenchmark.ConsoleTable, MlpSmallBenchmark.Title, MlpSmallBenchmark.Section);

static void Adapt(AdaptBenchOptions options, string command) =>
    Section(options.Out, () => AdaptBenchmark.Run(options, command, Console.Out), AdaptBenchmark.ConsoleTable, AdaptBenchmark.Title, AdaptBenchmark.Section);

// One command's run: check the report is writable before the long run, run, print the table, write the section.
static void Section<T>(string outFile, Func<T> run, Func<T, string> consoleTable, string title, Func<T, string> section)
{
    var outPath = AtomicFile.CheckWritable(outFile, "benchmark report");
    var results = run();
    Console.WriteLine();
    Console.Write(consoleTable(results));
    Console.WriteLine();
    Write(outPath, title, section(results));
}

static int GpuCheck(GpuCheckOptions options, string command)
{
    var outPath = AtomicFile.CheckWritable(options.Out, "benchmark report");
    var results = GpuCheckBenchmark.Run(options, command, Console.Out);
    Console.WriteLine();
    Write(outPath, GpuCheckReport.Title, GpuCheckReport.Section(results));
    Console.WriteLine();
    Console.Write(GpuCheckReport.ConsoleTable(results)); // last: the verdict ends the output
    return results.Failures().Count == 0 ? 0 : 3;
}

static void Write(string outPath, string title, string section)
{
    SectionFile.WriteSection(outPath, title, section);
    Console.WriteLine(section);
    Console.WriteLine($"wrote section \"{title[3..]}\" to {outPath}");
}

static string Quote(string arg) => arg.Length > 0 && arg.All(c => char.IsLetterOrDigit(c) || "-_./=:,+".Contains(c)) ? arg : $"'{arg.Replace("'", "'\\''")}'";
