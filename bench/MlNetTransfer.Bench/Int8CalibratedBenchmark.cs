using System.Diagnostics;
using System.Globalization;
using System.Numerics.Tensors;
using System.Text;
using MlNetTransfer.Backbones;
using MlNetTransfer.Common;
using MlNetTransfer.Datasets;
using MlNetTransfer.Engine;
using MlNetTransfer.Heads;
using MlNetTransfer.Workflows;

namespace MlNetTransfer.Bench;

/// <summary>One image set's row of the <c>int8-calibrated</c> benchmark.</summary>
internal sealed record Int8CalibratedRow(
    string Set, string TrainDir, string TestDir, int TrainExamples, int TestExamples,
    double Fp32Accuracy, double ShippedAccuracy, double UserAccuracy,
    (double Mean, double Min) ShippedCosine, (double Mean, double Min) UserCosine,
    QuantizedBackbone User, bool SameBytesAgain, double Seconds);

/// <summary>What one <c>int8-calibrated</c> run measured.</summary>
internal sealed record Int8CalibratedResults(string Command, MachineInfo Machine, string CpuFlags, Int8CalibratedOptions Options,
    IReadOnlyList<Int8CalibratedRow> Rows, LoadAverage? LoadBefore, LoadAverage? LoadAfter);

/// <summary>
/// The <c>int8-calibrated</c> benchmark: on each image set, <see cref="TrainWorkflow"/> with an <c>lr</c> head three times
/// — fp32 <c>resnet18</c>, the shipped <c>resnet18-int8</c> (ranges calibrated on 200 grayscale Fashion-MNIST images), and
/// <c>resnet18</c> with <see cref="TrainOptions.Quantize"/> (ranges calibrated on the set's own training images) — scored on
/// the set's test images; then the cosine of each int8 test embedding to its fp32 one, read back from the runs' embedding
/// cache through the engine (<see cref="BatchedImageEmbedder"/>). The user-calibrated backbone is quantized once more from
/// the same training images and seed (<c>QuantizeStage</c>) to check that it has the same bytes: that is what lets the
/// cache serve its embeddings.
/// </summary>
internal static class Int8CalibratedBenchmark
{
    public static Int8CalibratedResults Run(Int8CalibratedOptions options, string command, TextWriter log)
    {
        var machine = MachineInfo.Current();
        var flags = Int8Benchmark.CpuFlags();
        log.WriteLine($"{machine.Describe()}; {flags}");
        var loadBefore = LoadAverage.Read();
        var rows = options.Sets.Select(set => RunSet(set, options, log)).ToList();
        return new Int8CalibratedResults(command, machine, flags, options, rows, loadBefore, LoadAverage.Read());
    }

    private static Int8CalibratedRow RunSet(Int8CalibratedSet set, Int8CalibratedOptions options, TextWriter log)
    {
        foreach (var dir in new[] { set.Train, set.Test })
            if (!Directory.Exists(dir)) throw new MissingDataException($"'{Path.GetFullPath(dir)}' is missing (set '{set.Name}'): give --sets name:train-dir:test-dir with class folders.");
        var folder = Directory.CreateTempSubdirectory("mlnet-transfer-int8-calibrated-").FullName;
        try
        {
            var watch = Stopwatch.StartNew();
            var trainDir = Subset(set.Train, options.TrainPerClass, Path.Combine(folder, "train"));
            var testDir = Subset(set.Test, options.TestPerClass, Path.Combine(folder, "test"));
            var cache = Path.Combine(folder, "cache");
            var quantize = new QuantizeOptions { CalibrationImages = options.CalibrationImages };
            TrainResult Train(string name, string file, string backbone, QuantizeOptions? q)
            {
                log.WriteLine($"[{set.Name}] train lr with {name} ...");
                var result = TrainWorkflow.Run(new TrainOptions
                {
                    Data = trainDir, Test = testDir, Out = Path.Combine(folder, file + ".zip"), Backbones = [backbone],
                    Trainer = HeadRegistry.Default.Get("lr"), Seed = 0, CacheDir = cache, Quantize = q,
                }, new SynchronousProgress<WorkflowProgress>(p => { if (p.Detail is not null) log.WriteLine($"  {p.Stage}: {p.Detail}"); }));
                log.WriteLine($"  accuracy {result.Metrics.Accuracy:F4} ({result.TrainExamples} train, {result.TestExamples} test; {result.Featurizing})");
                return result;
            }
            var fp32 = Train("resnet18", "fp32", "resnet18", null);
            var shipped = Train("resnet18-int8", "shipped-int8", "resnet18-int8", null);
            var user = Train("resnet18 --quantize int8", "user-int8", "resnet18", quantize);
            var calibrated = user.Quantized.Single();

            // The same training images and seed quantize to the same bytes: the cache then holds this backbone's test embeddings.
            using var again = QuantizeStage.Run(quantize, ["resnet18"], DatasetLoader.Load(trainDir), seed: 0, progress: null, CancellationToken.None);
            var userManifest = BackboneCatalog.Default.Resolve(again.Backbones.Single());
            var sameBytes = again.Quantized.Single().Sha256 == calibrated.Sha256;
            var test = DatasetLoader.Load(testDir);
            using var embeddings = EmbeddingCache.Open(cache);
            float[][] Embed(BackboneManifest backbone)
            {
                using var embedder = new BatchedImageEmbedder(backbone);
                return embedder.Embed(test, Dataset.ImagePathColumn, "embed", cache: embeddings);
            }
            var a32 = Embed(BuiltInBackbones.ResNet18);
            (double, double) Cosine(BackboneManifest backbone)
            {
                var cosines = a32.Zip(Embed(backbone), (x, y) => (double)TensorPrimitives.CosineSimilarity(x, y)).ToList();
                return (cosines.Average(), cosines.Min());
            }
            var row = new Int8CalibratedRow(set.Name, set.Train, set.Test, fp32.TrainExamples, fp32.TestExamples,
                fp32.Metrics.Accuracy, shipped.Metrics.Accuracy, user.Metrics.Accuracy, Cosine(BuiltInBackbones.ResNet18Int8), Cosine(userManifest),
                calibrated, sameBytes, watch.Elapsed.TotalSeconds);
            log.WriteLine($"[{set.Name}] cosine to fp32: shipped mean {row.ShippedCosine.Mean:F4} min {row.ShippedCosine.Min:F4}; " +
                $"user-calibrated mean {row.UserCosine.Mean:F4} min {row.UserCosine.Min:F4}; same bytes again: {sameBytes}");
            return row;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    // The first perClass files of each class folder (ordinal order), linked into to/<class>/; 0: all.
    private static string Subset(string from, int perClass, string to)
    {
        foreach (var classDir in Directory.GetDirectories(from).Order(StringComparer.Ordinal))
        {
            var target = Directory.CreateDirectory(Path.Combine(to, Path.GetFileName(classDir))).FullName;
            var files = Directory.GetFiles(classDir).Order(StringComparer.Ordinal);
            foreach (var file in perClass > 0 ? files.Take(perClass) : files)
                File.CreateSymbolicLink(Path.Combine(target, Path.GetFileName(file)), Path.GetFullPath(file));
        }
        return to;
    }

    public static string Title => "## int8 calibrated on the user's images (`--quantize int8`) vs the shipped resnet18-int8";

    public static string ConsoleTable(Int8CalibratedResults r)
    {
        var s = new StringBuilder();
        foreach (var row in r.Rows)
            s.AppendLine(CultureInfo.InvariantCulture, $"{row.Set}: accuracy fp32 {row.Fp32Accuracy:P2}, shipped int8 {row.ShippedAccuracy:P2}, user int8 {row.UserAccuracy:P2}; " +
                $"cosine shipped {row.ShippedCosine.Mean:F4} (min {row.ShippedCosine.Min:F4}), user {row.UserCosine.Mean:F4} (min {row.UserCosine.Min:F4})");
        return s.ToString();
    }

    public static string Section(Int8CalibratedResults r)
    {
        var s = new StringBuilder();
        s.AppendLine(Title).AppendLine();
        s.AppendLine($"`{r.Command}`").AppendLine();
        s.AppendLine($"Machine: {r.Machine.Describe()}. CPU flags: {r.CpuFlags}. Load average (1 / 5 / 15 min) before {r.LoadBefore?.ToString() ?? "n/a"}, " +
            $"after {r.LoadAfter?.ToString() ?? "n/a"} (accuracy and cosine do not depend on load).").AppendLine();
        s.AppendLine($"`train` with an `lr` head, seed 0, on the first {Count(r.Options.TrainPerClass)} training and {Count(r.Options.TestPerClass)} test images per class of each set: " +
            "fp32 `resnet18`; the shipped `resnet18-int8` (activation ranges calibrated on 200 grayscale Fashion-MNIST images); " +
            $"`resnet18 --quantize int8` (ranges calibrated on {r.Options.CalibrationImages} of the set's own training examples, stratified). " +
            "Cosine: each test image's int8 embedding to its fp32 one (engine path).").AppendLine();
        s.AppendLine("| set | train / test | fp32 accuracy | shipped int8 accuracy | cosine to fp32 (mean / min) | user-calibrated int8 accuracy | cosine to fp32 (mean / min) | calibrated on |");
        s.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var row in r.Rows)
            s.AppendLine($"| {row.Set} | {row.TrainExamples:N0} / {row.TestExamples:N0} | {row.Fp32Accuracy:P2} | {row.ShippedAccuracy:P2} ({Points(row.ShippedAccuracy - row.Fp32Accuracy)}) | " +
                $"{row.ShippedCosine.Mean:F4} / {row.ShippedCosine.Min:F4} | {row.UserAccuracy:P2} ({Points(row.UserAccuracy - row.Fp32Accuracy)}) | " +
                $"{row.UserCosine.Mean:F4} / {row.UserCosine.Min:F4} | {row.User.CalibrationImages} images |");
        s.AppendLine();
        foreach (var row in r.Rows)
            s.AppendLine($"- {row.Set} (`{row.TrainDir}`, `{row.TestDir}`): {row.User.Name} sha256 `{row.User.Sha256}`; quantized again from the same training " +
                $"images and seed: {(row.SameBytesAgain ? "the same bytes" : "**other bytes**")}; {row.TestExamples} test images, so one image is " +
                $"{100.0 / row.TestExamples:F2} points and the binomial standard error of fp32's accuracy is {100 * Math.Sqrt(row.Fp32Accuracy * (1 - row.Fp32Accuracy) / row.TestExamples):F1} points; " +
                $"{row.Seconds:F0} s for the set.");
        return s.ToString();
    }

    private static string Count(int perClass) => perClass > 0 ? perClass.ToString(CultureInfo.InvariantCulture) : "all";

    private static string Points(double difference) => (difference * 100).ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture) + " points";
}
