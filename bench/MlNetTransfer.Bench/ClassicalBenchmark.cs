using Microsoft.ML;
using MlNetTransfer.Datasets;
using MlNetTransfer.Workflows;

namespace MlNetTransfer.Bench;

/// <summary>One featurizer on one path, timed over all repetitions (<see cref="VariantTimes"/>: runs and chunks).</summary>
internal sealed record ClassicalVariant(string Featurizer, string Path, int Size, VariantTimes Times);

/// <summary>Everything one <c>classical</c> run measured.</summary>
internal sealed record ClassicalResults(
    ClassicalBenchOptions Options, MachineInfo Machine, DateTime StartedUtc, TimeSpan Duration, string Command, Dataset Images,
    LoadAverage? LoadAtStart, LoadAverage? LoadAtEnd, IReadOnlyList<ClassicalVariant> Variants, double ClassicalPathsDiff, double ResnetPathsDiff)
{
    public int N => Images.Count;

    public ClassicalVariant this[string featurizer, string path] => Variants.Single(v => v.Featurizer == featurizer && v.Path == path);

    /// <summary>Images per second of a variant, from its median run.</summary>
    public double ImagesPerSecond(ClassicalVariant v) => N / v.Times.MedianSeconds;

    /// <summary>resnet18's time over classical's on the same path, chunk by chunk (each pair ran back to back): median and quartiles.</summary>
    public (double Median, double Low, double High) Ratio(string path)
    {
        var ratios = this["resnet18", path].Times.Chunks.Zip(this["classical", path].Times.Chunks, (r, c) => r.Wall.TotalSeconds / c.Wall.TotalSeconds).ToList();
        return (Measure.Median(ratios), Measure.Quantile(ratios, 0.25), Measure.Quantile(ratios, 0.75));
    }
}

/// <summary>
/// The <c>classical</c> benchmark: the same images to features with <c>classical</c> and with <c>resnet18</c>, each on the
/// training path (<see cref="FeatureRun.Materialize"/>, as <c>train</c> and <c>featurize</c> run it: resnet18 through the
/// batched engine, no cache; classical through its saved steps) and on the saved-zip path (the fitted featurizer saved,
/// loaded with <c>Model.Load</c> and read row by row, as any ML.NET app runs it). Chunks of 128 images, every variant on a
/// chunk before the next, in an order that rotates, so the load of a shared machine falls on all alike.
/// </summary>
internal static class ClassicalBenchmark
{
    private static readonly (string Featurizer, string Path)[] Keys =
        [("resnet18", "training"), ("classical", "training"), ("resnet18", "saved zip"), ("classical", "saved zip")];

    public static ClassicalResults Run(ClassicalBenchOptions options, string command, TextWriter log)
    {
        var started = DateTime.UtcNow;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var loadAtStart = LoadAverage.Read();
        var images = BenchData.Spread(options.Data, options.Images);
        var n = images.Count;
        log.WriteLine($"images: {BenchData.Describe(images)}; load average at start {loadAtStart?.ToString() ?? "n/a"} on {Environment.ProcessorCount} cores");

        var ml = new MLContext(seed: 0);
        var folder = Directory.CreateTempSubdirectory("mlnet-transfer-bench-classical-").FullName;
        var runs = new Dictionary<string, FeatureRun>();
        var zips = new Dictionary<string, ModelFile>();
        try
        {
            foreach (var featurizer in new[] { "resnet18", "classical" })
            {
                var run = FeatureRun.Start(ml, images, new FeatureRunOptions { Backbones = [featurizer], CacheDir = null });
                runs[featurizer] = run;
                var zip = Path.Combine(folder, $"{featurizer}.zip");
                ModelFile.Save(ml, run.Featurizer.Transformer, run.InputSchema, TrainingRecord.Of(images), zip);
                zips[featurizer] = ModelFile.Load(ml, zip);
            }
            float[][] Once(string featurizer, string path, Dataset chunk) => path == "training"
                ? runs[featurizer].Materialize(chunk, "featurize").Select(v => v.DenseValues().ToArray()).ToArray()
                : Views.ReadVectors(zips[featurizer].Transformer.Transform(chunk.ToDataView(includeLabel: false)), "Features", chunk.Count);

            // Warm-up (JIT, ONNX Runtime's first run), not timed.
            var warm = images.Subset(Enumerable.Range(0, Math.Min(8, n)).ToList());
            foreach (var (f, p) in Keys) Once(f, p, warm);

            var chunks = Enumerable.Range(0, (n + ClassicalBenchOptions.ChunkSize - 1) / ClassicalBenchOptions.ChunkSize)
                .Select(c => images.Subset(Enumerable.Range(c * ClassicalBenchOptions.ChunkSize, Math.Min(ClassicalBenchOptions.ChunkSize, n - c * ClassicalBenchOptions.ChunkSize)).ToList()))
                .ToList();
            var repetitionTimes = Keys.ToDictionary(k => k, _ => new List<Timing>());
            var chunkTimes = Keys.ToDictionary(k => k, _ => new List<Timing>());
            var features = Keys.ToDictionary(k => k, _ => new List<float[]>());
            for (var rep = 1; rep <= options.Repetitions; rep++)
            {
                var thisRep = Keys.ToDictionary(k => k, _ => new List<Timing>());
                for (var c = 0; c < chunks.Count; c++)
                {
                    for (var i = 0; i < Keys.Length; i++)
                    {
                        var key = Keys[(i + c + rep) % Keys.Length];
                        var (result, t) = Measure.Time(() => Once(key.Featurizer, key.Path, chunks[c]));
                        thisRep[key].Add(t);
                        if (rep == 1) features[key].AddRange(result);
                    }
                    log.WriteLine($"  repetition {rep}, chunk {c + 1}/{chunks.Count}: " +
                                  string.Join(", ", Keys.Select(k => $"{k.Featurizer} {k.Path} {thisRep[k][^1].Wall.TotalSeconds:F2} s")) + $"; load {LoadAverage.Read()?.One:F2}");
                }
                foreach (var k in Keys)
                {
                    var parts = thisRep[k];
                    repetitionTimes[k].Add(new Timing(Sum(parts, t => t.Wall), Sum(parts, t => t.Cpu), parts[0].LoadBefore, parts[^1].LoadAfter));
                    chunkTimes[k].AddRange(parts);
                }
            }
            var variants = Keys.Select(k => new ClassicalVariant(k.Featurizer, k.Path, features[k][0].Length,
                new VariantTimes($"{k.Featurizer} {k.Path}", $"{k.Featurizer}, {k.Path} path", null, repetitionTimes[k], chunkTimes[k]))).ToList();
            double Diff(string featurizer) => Measure.MaxAbsDiff([.. features[(featurizer, "training")]], [.. features[(featurizer, "saved zip")]], n);
            return new ClassicalResults(options, MachineInfo.Current(), started, watch.Elapsed, command, images, loadAtStart, LoadAverage.Read(),
                variants, Diff("classical"), Diff("resnet18"));
        }
        finally
        {
            foreach (var zip in zips.Values) zip.Dispose();
            foreach (var run in runs.Values) run.Dispose();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static TimeSpan Sum(IEnumerable<Timing> parts, Func<Timing, TimeSpan> part) => parts.Aggregate(TimeSpan.Zero, (total, t) => total + part(t));
}
