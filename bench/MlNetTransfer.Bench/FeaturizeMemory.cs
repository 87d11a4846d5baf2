using MlNetTransfer.Common;
using MlNetTransfer.Workflows;

namespace MlNetTransfer.Bench;

/// <summary>
/// The <c>featurize-memory</c> diagnosis: runs <see cref="FeaturizeWorkflow"/> (<c>featurize --no-cache</c>, CSV to a temporary
/// folder) in this process and reads <see cref="MemorySample"/> every few seconds, so that what grows over a long run shows
/// as managed heap, native (malloc) memory or threads, not only as resident set. With <c>--collect true</c> each reading
/// follows a full collection and the pending finalizers: growth that remains is live, not garbage waiting for a collection.
/// </summary>
internal static class FeaturizeMemory
{
    public static void Run(FeaturizeMemoryOptions options, TextWriter log)
    {
        var outPath = AtomicFile.CheckWritable(options.Samples, "samples");
        var folder = Directory.CreateTempSubdirectory("featurize-memory-");
        var progress = new LatestDone();
        var samples = new List<MemorySample>();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        void Sample()
        {
            if (options.Collect)
            {
                GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
                GC.WaitForPendingFinalizers();
                GC.Collect();
            }
            var sample = MemorySample.Read(watch.Elapsed.TotalSeconds, progress.Done);
            lock (samples) samples.Add(sample);
            log.WriteLine(sample.CsvRow());
        }
        log.WriteLine(MemorySample.CsvHeader);
        using var stop = new ManualResetEventSlim();
        var sampler = new Thread(() =>
        {
            while (!stop.Wait(TimeSpan.FromSeconds(options.Every))) Sample();
        }) { IsBackground = true, Name = "memory sampler" };
        try
        {
            Sample();
            sampler.Start();
            var rows = FeaturizeWorkflow.Run(new FeaturizeOptions { Data = options.Data, Out = Path.Combine(folder.FullName, "features.csv"), Backbones = [options.Backbone] }, progress);
            stop.Set();
            sampler.Join();
            Sample();
            log.WriteLine($"{rows} rows featurized in {watch.Elapsed.TotalSeconds:F0} s; load {LoadAverage.Read()}");
        }
        finally
        {
            stop.Set();
            folder.Delete(recursive: true);
        }
        lock (samples) AtomicFile.WriteText(outPath, string.Join("\n", samples.Select(s => s.CsvRow()).Prepend(MemorySample.CsvHeader)) + "\n");
        log.WriteLine($"wrote {samples.Count} samples to {outPath}");
    }

    /// <summary>The images done so far in the featurizing stage, as the workflow reports them (from any thread).</summary>
    private sealed class LatestDone : IProgress<WorkflowProgress>
    {
        private int _done;

        public int Done => Volatile.Read(ref _done);

        public void Report(WorkflowProgress value)
        {
            if (value.Stage.StartsWith("Featurizing", StringComparison.Ordinal)) Volatile.Write(ref _done, value.Done);
        }
    }
}
