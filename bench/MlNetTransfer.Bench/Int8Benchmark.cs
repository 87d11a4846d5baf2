using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;
using MlNetTransfer.Backbones;
using MlNetTransfer.Datasets;
using MlNetTransfer.Engine;
using MlNetTransfer.Featurizers;
using MlNetTransfer.Heads;
using MlNetTransfer.Workflows;

namespace MlNetTransfer.Bench;

/// <summary>What one <c>int8</c> run measured.</summary>
internal sealed record Int8Results(
    string Command, MachineInfo Machine, string CpuFlags, int Threads, int Batch, int ImagesPerRound,
    IReadOnlyList<(double Fp32, double Int8)> Rounds, IReadOnlyDictionary<string, int> OptimizedOps,
    int CosineImages, double CosineMean, double CosineMin,
    string TrainData, string TestData, double? Fp32Accuracy, double? Int8Accuracy, int TrainExamples, int TestExamples,
    LoadAverage? LoadBefore, LoadAverage? LoadAfter)
{
    public IReadOnlyList<double> Ratios => Rounds.Select(r => r.Int8 / r.Fp32).ToList();
    public double MedianRatio => Median(Ratios);
    public double MedianFp32 => Median(Rounds.Select(r => r.Fp32).ToList());
    public double MedianInt8 => Median(Rounds.Select(r => r.Int8).ToList());

    private static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}

/// <summary>
/// The <c>int8</c> benchmark: resnet18-int8 against resnet18 on one machine, in one run. (1) Throughput of the backbone alone:
/// the same preprocessed batches through one ONNX Runtime session of each, fp32 and int8 alternating batch by batch, images/s and the
/// ratio per round (the median is the row). (2) Which kernels ONNX Runtime runs: the operator counts of the int8 session's
/// optimised graph (QLinearConv means the int8 convolution kernels of MLAS). (3) The cosine of each test image's int8 embedding
/// to its fp32 one, through the engine (<see cref="BatchedImageEmbedder"/>). (4) Accuracy: <see cref="TrainWorkflow"/> with an
/// <c>lr</c> head on <c>train</c>, scored on <c>test</c>, once per backbone.
/// </summary>
internal static class Int8Benchmark
{
    public const string Fp32Name = "resnet18";
    public const string Int8Name = "resnet18-int8";

    public static Int8Results Run(Int8BenchOptions options, string command, TextWriter log)
    {
        var root = Path.GetFullPath(options.Data);
        var testDir = Path.Combine(root, "test");
        var trainDir = Path.Combine(root, "train");
        foreach (var dir in new[] { trainDir, testDir })
            if (!Directory.Exists(dir)) throw new MissingDataException($"'{dir}' is missing: give --data a folder with train/ and test/ class folders.");
        var fp32 = BackboneCatalog.Default.Resolve(Fp32Name);
        var int8 = BackboneCatalog.Default.Resolve(Int8Name);
        var threads = options.Threads > 0 ? options.Threads : Environment.ProcessorCount;
        var machine = MachineInfo.Current();
        var flags = CpuFlags();
        log.WriteLine($"{machine.Describe()}; {flags}; {threads} intra-op threads");

        // (1) throughput of the backbone alone, on preprocessed batches.
        var test = BenchData.FirstPerClass(DatasetLoader.Load(testDir), 0);
        var testPaths = test.Columns.Single(c => c.Name == Dataset.ImagePathColumn).Values;
        var perRound = options.Batch * options.BatchesPerRound;
        var timedPaths = Enumerable.Range(0, perRound).Select(i => testPaths[i % testPaths.Count]).ToList();
        var pixels = Pixels(fp32, timedPaths);
        var sampleShape = new long[] { 3, fp32.Image!.Height, fp32.Image.Width };
        var sampleSize = (int)(3L * fp32.Image.Height * fp32.Image.Width);
        var rounds = new List<(double, double)>();
        var loadBefore = LoadAverage.Read();
        var optimized = Path.Combine(Path.GetTempPath(), $"mlnet-transfer-int8-optimized-{Guid.NewGuid():N}.onnx");
        {
            using var fp32Session = Session(fp32, threads, null);
            using var int8Session = Session(int8, threads, optimized);
            TimeSpan RunBatch(InferenceSession session, BackboneManifest backbone, int b)
            {
                var batch = pixels.AsMemory(b * options.Batch * sampleSize, options.Batch * sampleSize);
                using var tensor = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, batch, [options.Batch, .. sampleShape]);
                using var runOptions = new RunOptions();
                var watch = Stopwatch.StartNew();
                using var outputs = session.Run(runOptions, [backbone.Input], [tensor], [backbone.Output]);
                return watch.Elapsed;
            }
            RunBatch(fp32Session, fp32, 0); // warm-up: first-run allocations and thread pool start
            RunBatch(int8Session, int8, 0);
            for (var r = 0; r < options.Rounds; r++)
            {
                // fp32 and int8 alternate batch by batch, so a change of load on a shared machine falls on both alike.
                TimeSpan a = TimeSpan.Zero, q = TimeSpan.Zero;
                for (var b = 0; b < options.BatchesPerRound; b++)
                {
                    a += RunBatch(fp32Session, fp32, b);
                    q += RunBatch(int8Session, int8, b);
                }
                var (fp32Rate, int8Rate) = (perRound / a.TotalSeconds, perRound / q.TotalSeconds);
                rounds.Add((fp32Rate, int8Rate));
                log.WriteLine($"round {r + 1}: fp32 {fp32Rate:F1} img/s, int8 {int8Rate:F1} img/s, ratio {int8Rate / fp32Rate:F2}x");
            }
        }
        var loadAfter = LoadAverage.Read();
        var ops = OptimizedOperators(optimized);
        log.WriteLine($"int8 session runs: {string.Join(", ", ops.Select(o => $"{o.Key} x{o.Value}"))}");

        // (3) cosine of int8 to fp32 embeddings, through the engine.
        var cosineSet = options.CosineImages > 0 && options.CosineImages < test.Count ? test.Subset(Enumerable.Range(0, options.CosineImages).ToList()) : test;
        float[][] Embed(BackboneManifest backbone)
        {
            using var embedder = new BatchedImageEmbedder(backbone, options.Batch, threads);
            return embedder.Embed(cosineSet, Dataset.ImagePathColumn, "embed");
        }
        var a32 = Embed(fp32);
        var a8 = Embed(int8);
        var cosines = a32.Zip(a8, (x, y) => (double)System.Numerics.Tensors.TensorPrimitives.CosineSimilarity(x, y)).ToList();
        log.WriteLine($"cosine int8 vs fp32 over {cosines.Count} test images: mean {cosines.Average():F4}, min {cosines.Min():F4}");

        // (4) accuracy with each backbone.
        double? accuracy32 = null, accuracy8 = null;
        int trainCount = 0, testCount = 0;
        if (options.Accuracy)
        {
            var folder = Directory.CreateTempSubdirectory("mlnet-transfer-int8-bench-").FullName;
            try
            {
                TrainResult Train(string backbone)
                {
                    log.WriteLine($"train lr on {trainDir} with {backbone} ...");
                    var result = TrainWorkflow.Run(new TrainOptions
                    {
                        Data = trainDir, Test = testDir, Out = Path.Combine(folder, backbone + ".zip"), Backbones = [backbone],
                        Trainer = HeadRegistry.Default.Get("lr"), Seed = 0,
                    });
                    log.WriteLine($"  accuracy {result.Metrics.Accuracy:F4} ({result.TrainExamples} train, {result.TestExamples} test)");
                    return result;
                }
                var r32 = Train(Fp32Name);
                var r8 = Train(Int8Name);
                (accuracy32, accuracy8, trainCount, testCount) = (r32.Metrics.Accuracy, r8.Metrics.Accuracy, r32.TrainExamples, r32.TestExamples);
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        File.Delete(optimized);
        return new Int8Results(command, machine, flags, threads, options.Batch, perRound, rounds, ops, cosines.Count, cosines.Average(), cosines.Min(),
            options.Data + "/train", options.Data + "/test", accuracy32, accuracy8, trainCount, testCount, loadBefore, loadAfter);
    }

    public static string Title => "## int8 backbone (resnet18-int8)";

    public static string ConsoleTable(Int8Results r)
    {
        var s = new StringBuilder();
        s.AppendLine($"{r.Machine.Cpu}, {r.Threads} threads, batch {r.Batch}: {r.CpuFlags}");
        s.AppendLine($"fp32 {r.MedianFp32:F1} img/s, int8 {r.MedianInt8:F1} img/s, ratio {r.MedianRatio:F2}x (rounds {string.Join(", ", r.Ratios.Select(x => x.ToString("F2", CultureInfo.InvariantCulture)))})");
        s.AppendLine($"cosine mean {r.CosineMean:F4}, min {r.CosineMin:F4} over {r.CosineImages} images");
        if (r.Fp32Accuracy is { } a && r.Int8Accuracy is { } q) s.AppendLine($"accuracy fp32 {a:P2}, int8 {q:P2}");
        return s.ToString();
    }

    public static string Section(Int8Results r)
    {
        var s = new StringBuilder();
        s.AppendLine(Title).AppendLine();
        s.AppendLine($"`{r.Command}`").AppendLine();
        s.AppendLine($"Machine: {r.Machine.Describe()}. CPU flags: {r.CpuFlags}. ONNX Runtime {OrtEnv.Instance().GetVersionString()}, {r.Threads} intra-op threads.").AppendLine();
        s.AppendLine($"Backbone alone (preprocessed batches of {r.Batch}, {r.ImagesPerRound} images per backbone per round, fp32 and int8 alternating batch by batch; median of {r.Rounds.Count} rounds):").AppendLine();
        s.AppendLine("| backbone | images/s | ratio to fp32 | target | met |");
        s.AppendLine("|---|---:|---:|---:|---|");
        s.AppendLine($"| resnet18 (fp32) | {r.MedianFp32:F1} | 1.00x | | |");
        s.AppendLine($"| resnet18-int8 | {r.MedianInt8:F1} | {r.MedianRatio:F2}x | >= {Int8BenchOptions.TargetRatio:F1}x | {(r.MedianRatio >= Int8BenchOptions.TargetRatio ? "yes" : "**no**")} |");
        s.AppendLine();
        s.AppendLine($"Ratio per round: {string.Join(", ", r.Ratios.Select(x => x.ToString("F2", CultureInfo.InvariantCulture) + "x"))}. " +
            $"Load average (1 / 5 / 15 min) before the rounds {r.LoadBefore?.ToString() ?? "n/a"}, after {r.LoadAfter?.ToString() ?? "n/a"} " +
            $"on {r.Machine.Cores} cores" + (Math.Max(r.LoadBefore?.One ?? 0, r.LoadAfter?.One ?? 0) > r.Machine.Cores
                ? ": above the core count, other processes took part of the cores and both rates are low by the same cause."
                : ".")).AppendLine();
        s.AppendLine($"Operators ONNX Runtime runs for resnet18-int8 (its optimised graph): {string.Join(", ", r.OptimizedOps.Select(o => $"{o.Key} x{o.Value}"))}.").AppendLine();
        s.AppendLine($"Embeddings (engine path, {r.CosineImages} images of {r.TestData}, not used for calibration): cosine of int8 to fp32 mean {r.CosineMean:F4}, min {r.CosineMin:F4}.").AppendLine();
        if (r.Fp32Accuracy is { } a && r.Int8Accuracy is { } q)
        {
            var gap = (a - q) * 100;
            s.AppendLine($"Accuracy (`train`, lr head, {r.TrainExamples} images of {r.TrainData}, scored on {r.TestExamples} of {r.TestData}):").AppendLine();
            s.AppendLine("| backbone | accuracy | points below fp32 | within 1 point |");
            s.AppendLine("|---|---:|---:|---|");
            s.AppendLine($"| resnet18 (fp32) | {a:P2} | | |");
            s.AppendLine($"| resnet18-int8 | {q:P2} | {gap:F2} | {(gap <= Int8BenchOptions.AccuracyTolerancePoints ? "yes" : "**no**")} |");
        }
        return s.ToString();
    }

    // The flags that decide which int8 kernels MLAS can use.
    internal static string CpuFlags()
    {
        var line = File.Exists("/proc/cpuinfo") ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("flags", StringComparison.Ordinal)) : null;
        if (line is null) return "CPU flags unknown (no /proc/cpuinfo)";
        var flags = line.Split(':', 2)[1].Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        string Has(string flag) => flags.Contains(flag) ? "yes" : "no";
        return $"AVX2 {Has("avx2")}, AVX-512F {Has("avx512f")}, AVX-512 VNNI {Has("avx512_vnni")}, AVX-VNNI {Has("avx_vnni")}" +
               (flags.Contains("avx512_vnni") || flags.Contains("avx_vnni") ? "" : " (no VNNI: MLAS runs int8 with AVX2's u8 x s8 multiply-adds)");
    }

    private static InferenceSession Session(BackboneManifest backbone, int threads, string? optimizedPath)
    {
        using var options = EngineSessions.CreateOptions(threads, device: null);
        if (optimizedPath is not null)
        {
            options.OptimizedModelFilePath = optimizedPath;
            options.LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR; // not the warning that an NCHWc graph is machine-specific: it is only read here
        }
        return new InferenceSession(backbone.ModelPath, options);
    }

    private static SortedDictionary<string, int> OptimizedOperators(string path)
    {
        var model = OnnxGraphs.Read(path);
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var node in model.Graph.Node) counts[node.OpType] = counts.GetValueOrDefault(node.OpType) + 1;
        return counts;
    }

    // The images' pixels through the saved zip's own ML.NET steps, as one float array of [images, 3, H, W].
    private static float[] Pixels(BackboneManifest backbone, IReadOnlyList<string> paths)
    {
        var ml = new MLContext(0);
        var view = new TableDataView(paths.Count).AddText("path", paths);
        var pixels = ImageEmbeddingCatalog.ImagePixels(ml.Transforms, backbone, "path", "pixels", "image", "resized").Fit(view).Transform(view);
        var result = new List<float>();
        var buffer = default(VBuffer<float>);
        using var cursor = pixels.GetRowCursor(pixels.Schema.Where(c => c.Name == "pixels"));
        var getter = cursor.GetGetter<VBuffer<float>>(pixels.Schema["pixels"]);
        while (cursor.MoveNext())
        {
            getter(ref buffer);
            result.AddRange(buffer.DenseValues());
        }
        return result.ToArray();
    }
}
