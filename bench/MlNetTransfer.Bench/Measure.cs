using System.Diagnostics;
using System.Globalization;

namespace MlNetTransfer.Bench;

/// <summary>One timed run: wall clock, this process's CPU time (all threads), and the 1-minute load average before and after.</summary>
internal sealed record Timing(TimeSpan Wall, TimeSpan Cpu, double LoadBefore, double LoadAfter);

/// <summary>The 1-, 5- and 15-minute load averages from /proc/loadavg (null where there is none).</summary>
internal sealed record LoadAverage(double One, double Five, double Fifteen)
{
    public static LoadAverage? Read()
    {
        try
        {
            var parts = File.ReadAllText("/proc/loadavg").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            double P(int i) => double.Parse(parts[i], CultureInfo.InvariantCulture);
            return new LoadAverage(P(0), P(1), P(2));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    public override string ToString() => $"{One:F2} / {Five:F2} / {Fifteen:F2}";
}

/// <summary>Times a piece of work after a full garbage collection, so one variant's garbage is not collected in another's time.</summary>
internal static class Measure
{
    public static (T Result, Timing Timing) Time<T>(Func<T> work)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var loadBefore = LoadAverage.Read()?.One ?? double.NaN;
        var cpuBefore = CpuTime();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var result = work();
        watch.Stop();
        var cpu = CpuTime() - cpuBefore;
        return (result, new Timing(watch.Elapsed, cpu, loadBefore, LoadAverage.Read()?.One ?? double.NaN));
    }

    /// <summary>Wall time of one-off work (setup), without the collection and load readings.</summary>
    public static (T Result, TimeSpan Elapsed) Once<T>(Func<T> work)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var result = work();
        return (result, watch.Elapsed);
    }

    private static TimeSpan CpuTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0) return double.NaN;
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /// <summary>The <paramref name="q"/> quantile (0..1) of the values, interpolating linearly between neighbours.</summary>
    public static double Quantile(IEnumerable<double> values, double q)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0) return double.NaN;
        var position = q * (sorted.Count - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Count - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    /// <summary>Largest absolute difference between two sets of embeddings over their first <paramref name="rows"/> rows.</summary>
    public static double MaxAbsDiff(float[][] a, float[][] b, int rows)
    {
        var max = 0.0;
        for (var r = 0; r < rows; r++)
        {
            if (a[r].Length != b[r].Length) return double.PositiveInfinity;
            for (var i = 0; i < a[r].Length; i++) max = Math.Max(max, Math.Abs((double)a[r][i] - b[r][i]));
        }
        return max;
    }
}
