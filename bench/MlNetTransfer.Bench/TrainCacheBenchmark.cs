using System.Diagnostics;
using MlNetTransfer.Common;
using MlNetTransfer.Heads;
using MlNetTransfer.Datasets;
using MlNetTransfer.Engine;
using MlNetTransfer.Workflows;

namespace MlNetTransfer.Bench;

/// <summary>
/// The <c>train-cache</c> benchmark: <see cref="TrainWorkflow.Run"/> end to end (load, featurize, fit, score, save the zip) on the same
/// N images three times with one fresh embedding cache: cold with <see cref="TrainCacheOptions.ColdHead"/>, then with another head
/// (<see cref="TrainCacheOptions.WarmHead"/>), then with the cold run's head again (so the saving from the cache is seen apart from the
/// change of head). The engine's counters (<see cref="TrainResult.Featurizing"/>) show whether the backbone ran.
/// </summary>
internal static class TrainCacheBenchmark
{
    public static TrainCacheResults Run(TrainCacheOptions options, string command, TextWriter log)
    {
        var started = DateTime.UtcNow;
        var watch = Stopwatch.StartNew();
        var loadAtStart = LoadAverage.Read();
        var images = BenchData.Spread(options.Data, options.Images);
        log.WriteLine($"images: {BenchData.Describe(images)} from {images.Source}");
        var folder = Directory.CreateTempSubdirectory("mlnet-transfer-bench-train-cache-").FullName;
        try
        {
            // The images as one CSV of absolute paths and labels: TrainWorkflow reads it like any user's CSV.
            var csv = Path.Combine(folder, "images.csv");
            File.WriteAllLines(csv, images.Ids.Zip(images.Labels!, (path, label) => $"\"{Path.GetFullPath(path)}\",{label}").Prepend("image,label"));
            var cache = Path.Combine(folder, "cache");
            var runs = new List<TrainRun>();
            foreach (var (name, head) in new[] { ("cold: first train, empty cache", TrainCacheOptions.ColdHead), ("second train, another head", options.WarmHead),
                         ("third train, the first head again", TrainCacheOptions.ColdHead) })
            {
                var model = Path.Combine(folder, $"model-{runs.Count + 1}-{head}.zip");
                var trainOptions = new TrainOptions { Data = csv, Out = model, Trainer = HeadRegistry.Default.Get(head), CacheDir = cache, Seed = 0 };
                var stages = new List<(string Stage, TimeSpan Start)>();
                var clock = new Stopwatch();
                var progress = new SynchronousProgress<WorkflowProgress>(p =>
                {
                    if (stages.Count == 0 || stages[^1].Stage != p.Stage) stages.Add((p.Stage, clock.Elapsed));
                });
                log.WriteLine($"train {runs.Count + 1} ({name}): {head} head ...");
                var (result, timing) = Measure.Time(() =>
                {
                    clock.Restart();
                    return TrainWorkflow.Run(trainOptions, progress);
                });
                var total = clock.Elapsed;
                var durations = new List<(string, TimeSpan)> { (TrainRun.Setup, stages.Count > 0 ? stages[0].Start : total) };
                durations.AddRange(stages.Select((s, i) => (s.Stage, (i + 1 < stages.Count ? stages[i + 1].Start : total) - s.Start)));
                var run = new TrainRun(name, head, timing, durations, result, new FileInfo(model).Length);
                runs.Add(run);
                log.WriteLine($"  {timing.Wall.TotalSeconds:F2} s, accuracy {result.Metrics.Accuracy:F4}, {result.Featurizing}; zip {run.ZipBytes / 1024.0 / 1024:F1} MiB; " +
                              string.Join(", ", durations.Select(d => $"{d.Item1} {d.Item2.TotalSeconds:F2} s")));
            }
            long cacheBytes;
            using (var opened = EmbeddingCache.Open(cache)) cacheBytes = opened.Info().Bytes;
            return new TrainCacheResults(options, MachineInfo.Current(), started, watch.Elapsed, command, images, loadAtStart, LoadAverage.Read(), runs, cacheBytes);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
