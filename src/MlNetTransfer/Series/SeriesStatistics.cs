namespace MlNetTransfer.Series;

/// <summary>
/// Moments, quantiles, zero crossings and autocorrelation of one series (double precision), each defined as the numpy /
/// scipy / statsmodels function it reproduces (pinned by <c>tests/MlNetTransfer.Tests/Series/Fixtures</c>, numpy 1.24 and
/// scipy 1.10, to 1e-9 relative). Every method throws <see cref="ArgumentException"/> for an empty series.
/// </summary>
public static class SeriesStatistics
{
    /// <summary>Arithmetic mean, <c>np.mean(x)</c>.</summary>
    public static double Mean(ReadOnlySpan<double> x)
    {
        RequireValues(x);
        var sum = 0.0;
        foreach (var v in x) sum += v;
        return sum / x.Length;
    }

    /// <summary>Population variance (divided by n, not n-1), <c>np.var(x)</c> (ddof=0).</summary>
    public static double Variance(ReadOnlySpan<double> x) => CentralMoment(x, Mean(x), 2);

    /// <summary>
    /// Sample skewness without bias correction, <c>scipy.stats.skew(x, bias=True)</c> = m3 / m2^1.5 with m_k the central
    /// moments (divided by n). A constant series (scipy's test: m2 &lt;= (1e-15 · mean)²) gives 0 where scipy gives NaN.
    /// </summary>
    public static double Skewness(ReadOnlySpan<double> x)
    {
        var mean = Mean(x);
        var m2 = CentralMoment(x, mean, 2);
        return IsConstant(m2, mean) ? 0 : CentralMoment(x, mean, 3) / Math.Pow(m2, 1.5);
    }

    /// <summary>
    /// Excess kurtosis without bias correction, <c>scipy.stats.kurtosis(x, fisher=True, bias=True)</c> = m4 / m2² − 3.
    /// A constant series gives 0 where scipy gives NaN (the same test as <see cref="Skewness"/>).
    /// </summary>
    public static double Kurtosis(ReadOnlySpan<double> x)
    {
        var mean = Mean(x);
        var m2 = CentralMoment(x, mean, 2);
        return IsConstant(m2, mean) ? 0 : CentralMoment(x, mean, 4) / (m2 * m2) - 3;
    }

    /// <summary>
    /// The <paramref name="q"/>-quantile (q in [0, 1]) by numpy's default linear method, <c>np.quantile(x, q)</c>:
    /// position h = (n − 1)·q in the sorted series, linear between its neighbours (numpy's <c>_lerp</c>, including its
    /// form for fractions ≥ 0.5). <paramref name="sorted"/> must be sorted ascending.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="q"/> is outside [0, 1] or NaN.</exception>
    public static double Quantile(ReadOnlySpan<double> sorted, double q)
    {
        RequireValues(sorted);
        if (!(q >= 0 && q <= 1)) throw new ArgumentOutOfRangeException(nameof(q), q, "A quantile is between 0 and 1.");
        var h = (sorted.Length - 1) * q;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        var t = h - lo;
        double a = sorted[lo], b = sorted[hi];
        var diff = b - a;
        return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
    }

    /// <summary>
    /// Zero-crossing rate of the mean-removed series: the number of sign changes between neighbours of d = x − mean
    /// (a sign is <c>np.signbit</c>: 0 counts as positive), divided by n − 1, so series of different lengths compare;
    /// <c>np.count_nonzero(np.diff(np.signbit(x - x.mean()))) / (n - 1)</c>. 0 for one value.
    /// </summary>
    public static double ZeroCrossingRate(ReadOnlySpan<double> x)
    {
        var mean = Mean(x);
        if (x.Length < 2) return 0;
        var crossings = 0;
        for (var t = 1; t < x.Length; t++)
            if (double.IsNegative(x[t - 1] - mean) != double.IsNegative(x[t] - mean)) crossings++;
        return crossings / (double)(x.Length - 1);
    }

    /// <summary>
    /// Autocorrelation at <paramref name="lag"/> (≥ 1) as statsmodels' <c>acf(x, adjusted=False)</c>: with d = x − mean,
    /// Σ_{t&lt;n−lag} d_t·d_{t+lag} / Σ d_t² (both sums over the whole series, no n/(n−lag) correction, so values lie in
    /// [−1, 1]). 0 when <paramref name="lag"/> ≥ n or the series is constant (statsmodels gives NaN there).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lag"/> is below 1.</exception>
    public static double Autocorrelation(ReadOnlySpan<double> x, int lag)
    {
        if (lag < 1) throw new ArgumentOutOfRangeException(nameof(lag), lag, "A lag is 1 or more.");
        var mean = Mean(x);
        if (lag >= x.Length) return 0;
        double numerator = 0, denominator = 0;
        for (var t = 0; t < x.Length; t++)
        {
            var d = x[t] - mean;
            denominator += d * d;
            if (t + lag < x.Length) numerator += d * (x[t + lag] - mean);
        }
        return denominator > 0 ? numerator / denominator : 0;
    }

    /// <summary>The k-th central moment, Σ (x − mean)^k / n.</summary>
    private static double CentralMoment(ReadOnlySpan<double> x, double mean, int k)
    {
        var sum = 0.0;
        foreach (var v in x)
        {
            var d = v - mean;
            sum += k switch { 2 => d * d, 3 => d * d * d, _ => d * d * d * d };
        }
        return sum / x.Length;
    }

    /// <summary>scipy's test for a constant series in skew/kurtosis: m2 &lt;= (float64 resolution 1e-15 · mean)².</summary>
    private static bool IsConstant(double m2, double mean) => m2 <= Math.Pow(1e-15 * mean, 2);

    private static void RequireValues(ReadOnlySpan<double> x)
    {
        if (x.IsEmpty) throw new ArgumentException("The series is empty.", nameof(x));
    }
}
