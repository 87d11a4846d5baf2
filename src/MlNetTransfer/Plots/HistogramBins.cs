namespace MlNetTransfer.Plots;

/// <summary>Histogram binning as numpy's <c>np.histogram(values, bins="auto")</c>.</summary>
public static class HistogramBins
{
    /// <summary>The most bins <see cref="Auto"/> makes (numpy has no cap: one outlier among near-equal values would ask for millions).</summary>
    public const int MaxBins = 200;

    /// <summary>
    /// numpy's <c>"auto"</c> rule: the smaller of the Freedman–Diaconis width (2·IQR·n^(-1/3), percentiles with linear
    /// interpolation) and the Sturges width (range / (log2 n + 1)), Sturges alone when the IQR is 0; equal-width bins over
    /// [min, max] (max ± 0.5 when every value is the same), the last bin closed on the right; at most <see cref="MaxBins"/> bins.
    /// </summary>
    /// <param name="values">At least one finite value.</param>
    /// <returns>Bin edges (one more than the counts) and the count per bin.</returns>
    /// <exception cref="ArgumentException">No values, or a value is NaN or infinite.</exception>
    public static (double[] Edges, int[] Counts) Auto(IReadOnlyList<double> values)
    {
        if (values.Count == 0) throw new ArgumentException("a histogram needs at least one value", nameof(values));
        if (values.Any(v => !double.IsFinite(v))) throw new ArgumentException("a histogram needs finite values", nameof(values));
        var sorted = values.Order().ToArray();
        double first = sorted[0], last = sorted[^1];
        if (first == last) { first -= 0.5; last += 0.5; }
        var bins = 1;
        var range = sorted[^1] - sorted[0];
        if (range > 0)
        {
            var sturges = range / (Math.Log2(sorted.Length) + 1);
            var fd = 2 * (Percentile(sorted, 75) - Percentile(sorted, 25)) * Math.Pow(sorted.Length, -1.0 / 3);
            var width = fd > 0 ? Math.Min(fd, sturges) : sturges;
            bins = (int)Math.Clamp(Math.Ceiling((last - first) / width), 1, MaxBins);
        }
        var edges = new double[bins + 1];
        for (var i = 0; i <= bins; i++) edges[i] = first + (last - first) * i / bins;
        edges[^1] = last;
        var counts = new int[bins];
        foreach (var v in sorted)
        {
            var bin = (int)((v - first) / (last - first) * bins);
            bin = Math.Clamp(bin, 0, bins - 1);
            // numpy corrects the computed bin against the actual edges (floating point).
            if (v < edges[bin]) bin--;
            else if (v >= edges[bin + 1] && bin < bins - 1) bin++;
            counts[bin]++;
        }
        return (edges, counts);
    }

    /// <summary>numpy's default (linear) percentile of sorted values.</summary>
    private static double Percentile(double[] sorted, double q)
    {
        var position = q / 100 * (sorted.Length - 1);
        var low = (int)Math.Floor(position);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
    }
}
