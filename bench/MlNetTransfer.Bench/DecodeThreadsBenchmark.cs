using System.Text;
using MlNetTransfer.Backbones;
using MlNetTransfer.Datasets;
using MlNetTransfer.Engine;

namespace MlNetTransfer.Bench;

/// <summary>One threading of the engine: ONNX Runtime intra-op threads, whether they spin while waiting, the most decode threads.</summary>
internal sealed record ThreadSetting(int IntraOp, bool Spin, int Decode)
{
    public override string ToString() => $"intra-op {IntraOp}, spinning {(Spin ? "on" : "off")}, decode ≤ {Decode}";
}

/// <summary>A setting's runs (one per round) and the most batches it decoded at once.</summary>
internal sealed record ThreadRuns(ThreadSetting Setting, IReadOnlyList<Timing> Runs, int PeakDecode, double MaxAbsDiffToFirst)
{
    public double MedianSeconds => Measure.Median(Runs.Select(r => r.Wall.TotalSeconds));

    public double MedianCpuSeconds => Measure.Median(Runs.Select(r => r.Cpu.TotalSeconds));
}

/// <summary>Everything one <c>decode-threads</c> run measured.</summary>
internal sealed record DecodeThreadsResults(DecodeThreadsOptions Options, MachineInfo Machine, DateTime StartedUtc, TimeSpan Duration, string Command,
    LoadAverage? LoadAtStart, LoadAverage? LoadAtEnd, int Images, IReadOnlyList<ThreadRuns> Settings, ThreadSetting Default);

/// <summary>
/// The <c>decode-threads</c> benchmark: <see cref="BatchedImageEmbedder"/> (batch 32, no cache) over the same images with every
/// combination of ONNX Runtime intra-op threads (1, cores), intra-op spinning (on, off: <c>session.intra_op.allow_spinning</c>)
/// and decode threads (1, cores), round after round in a rotating order, so that the engine's defaults are chosen from what
/// the threads buy on this machine kind, not assumed.
/// </summary>
internal static class DecodeThreadsBenchmark
{
    public const string Title = "## Engine threads — what decode threads, intra-op threads and spinning buy (decode-threads)";

    public static DecodeThreadsResults Run(DecodeThreadsOptions options, string command, TextWriter log)
    {
        var started = DateTime.UtcNow;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var loadAtStart = LoadAverage.Read();
        var images = FeaturizeBenchmark.Load(options.Data, options.Images);
        var cores = Environment.ProcessorCount;
        var settings = (from intra in new[] { 1, cores }.Distinct()
                        from spin in new[] { true, false }
                        from decode in new[] { 1, cores }.Distinct()
                        select new ThreadSetting(intra, spin, decode)).ToList();
        log.WriteLine($"{images.Count} images, {settings.Count} settings, {options.Rounds} rounds; load {loadAtStart} on {cores} cores");
        using var probe = new BatchedImageEmbedder(BuiltInBackbones.ResNet18);
        var defaults = new ThreadSetting(cores, EngineSessions.DefaultAllowSpinning, probe.DecodeThreads);
        var embedders = settings.Select(s => new BatchedImageEmbedder(BuiltInBackbones.ResNet18, 32, s.IntraOp, null, s.Decode, s.Spin)).ToList();
        try
        {
            var runs = settings.Select(_ => new List<Timing>()).ToList();
            var peaks = new int[settings.Count];
            var firstEmbeddings = new float[settings.Count][][];
            for (var round = 0; round < options.Rounds; round++)
                for (var k = 0; k < settings.Count; k++)
                {
                    var i = (k + round) % settings.Count;
                    var (embedded, t) = Measure.Time(() => embedders[i].Embed(images, Dataset.ImagePathColumn, "decode-threads"));
                    runs[i].Add(t);
                    peaks[i] = Math.Max(peaks[i], embedders[i].PeakDecodeThreads);
                    firstEmbeddings[i] ??= embedded;
                    log.WriteLine($"  round {round + 1}, {settings[i]}: {t.Wall.TotalSeconds:F2} s, CPU {t.Cpu.TotalSeconds:F2} s, load {t.LoadBefore:F2}");
                }
            var results = settings.Select((s, i) => new ThreadRuns(s, runs[i], peaks[i], Measure.MaxAbsDiff(firstEmbeddings[0], firstEmbeddings[i], images.Count))).ToList();
            return new DecodeThreadsResults(options, MachineInfo.Current(), started, watch.Elapsed, command, loadAtStart, LoadAverage.Read(), images.Count, results, defaults);
        }
        finally
        {
            foreach (var e in embedders) e.Dispose();
        }
    }

    private static IEnumerable<string[]> Rows(DecodeThreadsResults r)
    {
        var fastest = r.Settings.Min(s => s.MedianSeconds);
        foreach (var s in r.Settings.OrderBy(s => s.MedianSeconds))
            yield return
            [
                s.Setting.ToString() + (s.Setting == r.Default ? " (default)" : ""),
                $"{s.MedianSeconds:F2}", $"{1000 * s.MedianSeconds / r.Images:F1}", $"{s.MedianCpuSeconds:F1}", $"{1000 * s.MedianCpuSeconds / r.Images:F1}",
                string.Join(", ", s.Runs.Select(t => $"{t.Wall.TotalSeconds:F1}")), $"{s.MedianSeconds / fastest:F2}×", $"{s.PeakDecode}", $"{s.MaxAbsDiffToFirst:G3}",
            ];
    }

    private static readonly string[] Columns = ["setting", "median (s)", "ms/image", "CPU (s)", "CPU ms/image", "runs (s)", "vs fastest", "peak decode", "max abs diff"];

    public static string ConsoleTable(DecodeThreadsResults r)
    {
        var rows = Rows(r).Prepend(Columns).ToList();
        var widths = Enumerable.Range(0, Columns.Length).Select(c => rows.Max(row => row[c].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var row in rows)
            text.AppendLine(string.Join("  ", row.Select((cell, c) => c == 0 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))).TrimEnd());
        return text.ToString();
    }

    public static string Section(DecodeThreadsResults r)
    {
        var s = new StringBuilder();
        s.AppendLine(Title).AppendLine();
        s.AppendLine($"Measured {r.StartedUtc:yyyy-MM-dd HH:mm} UTC on {r.Machine.Describe()}; the whole run took {r.Duration.TotalMinutes:F1} min; "
                     + $"1/5/15-minute load average {r.LoadAtStart?.ToString() ?? "n/a"} at the start, {r.LoadAtEnd?.ToString() ?? "n/a"} at the end.").AppendLine();
        s.AppendLine("```bash").AppendLine(r.Command).AppendLine("```").AppendLine();
        s.AppendLine($"`BatchedImageEmbedder` (ResNet18, batch 32, no cache) on the first {r.Images:N0} Fashion-MNIST training images, once per setting in each of "
                     + $"{r.Options.Rounds} rounds, the settings' order rotating from round to round. *decode ≤ n*: at most n batches decode ahead of inference on background "
                     + "threads (how many do is measured batch by batch: *peak decode*); *spinning*: ONNX Runtime's `session.intra_op.allow_spinning`. "
                     + "Sorted by median wall time; *CPU* is this process's CPU time (all threads), the fairer figure on a loaded shared machine; "
                     + "*max abs diff*: embeddings against the first setting's.").AppendLine();
        s.AppendLine("| " + string.Join(" | ", Columns) + " |");
        s.AppendLine("|---|" + string.Join("|", Columns.Skip(1).Select(_ => "---:")) + "|");
        foreach (var row in Rows(r)) s.AppendLine("| " + string.Join(" | ", row) + " |");
        return s.ToString();
    }
}
