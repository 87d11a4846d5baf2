namespace MlNetTransfer.Series;

/// <summary>
/// Multi-level discrete wavelet transform as PyWavelets 1.1.1 computes it with its default signal extension,
/// <c>mode='symmetric'</c> (half-sample symmetric: … x1 x0 | x0 x1 … x(n−1) | x(n−1) x(n−2) …, reflected again when the
/// filter is longer than the signal). Equal to <c>pywt.dwt</c> / <c>pywt.wavedec</c> to 1e-9 on the committed fixtures.
/// </summary>
public static class DiscreteWavelet
{
    /// <summary>
    /// One level, <c>pywt.dwt(x, wavelet, mode='symmetric')</c>: approximation and detail coefficients, each of length
    /// ⌊(n + F − 1) / 2⌋ (F the filter length); coefficient o = Σ_j filter[j] · x_ext[2o + 1 − j].
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty.</exception>
    public static (double[] Approximation, double[] Detail) Dwt(ReadOnlySpan<double> x, Wavelet wavelet)
    {
        ArgumentNullException.ThrowIfNull(wavelet);
        if (x.IsEmpty) throw new ArgumentException("The series is empty.", nameof(x));
        var n = x.Length;
        var f = wavelet.Length;
        var count = (n + f - 1) / 2;
        var approximation = new double[count];
        var detail = new double[count];
        for (var o = 0; o < count; o++)
        {
            var i = 2 * o + 1;
            double a = 0, d = 0;
            for (var j = 0; j < f; j++)
            {
                var v = x[Symmetric(i - j, n)];
                a += wavelet.DecLo[j] * v;
                d += wavelet.DecHi[j] * v;
            }
            approximation[o] = a;
            detail[o] = d;
        }
        return (approximation, detail);
    }

    /// <summary>
    /// <paramref name="level"/> levels, <c>pywt.wavedec(x, wavelet, mode='symmetric', level=level)</c>: the arrays
    /// [cA_level, cD_level, …, cD_1], coarsest first. A level above <see cref="MaxLevel"/> is computed as PyWavelets does
    /// (it warns that every coefficient then feels the boundary): this is how a series shorter than the training ones is
    /// transformed with the fitted number of levels.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is below 1.</exception>
    public static double[][] Wavedec(ReadOnlySpan<double> x, Wavelet wavelet, int level)
    {
        if (level < 1) throw new ArgumentOutOfRangeException(nameof(level), level, "A decomposition has 1 level or more.");
        var result = new double[level + 1][];
        double[] approximation = x.ToArray();
        for (var l = 0; l < level; l++)
        {
            var (a, d) = Dwt(approximation, wavelet);
            result[level - l] = d;
            approximation = a;
        }
        result[0] = approximation;
        return result;
    }

    /// <summary>
    /// <c>pywt.dwt_max_level(length, filterLength)</c>: ⌊log2(⌊length / (F − 1)⌋)⌋, 0 when length &lt; F − 1 — the deepest
    /// level at which some coefficients are free of boundary effects.
    /// </summary>
    public static int MaxLevel(int length, int filterLength)
    {
        if (filterLength < 2 || length < filterLength - 1) return 0;
        var ratio = length / (filterLength - 1);
        var level = 0;
        while ((ratio >>= 1) > 0) level++;
        return level;
    }

    /// <summary>The index of x_ext[index] in x under half-sample symmetric extension of period 2n.</summary>
    private static int Symmetric(int index, int n)
    {
        if ((uint)index < (uint)n) return index;
        var p = index % (2 * n);
        if (p < 0) p += 2 * n;
        return p < n ? p : 2 * n - 1 - p;
    }
}
