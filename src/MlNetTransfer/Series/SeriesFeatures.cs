namespace MlNetTransfer.Series;

/// <summary>
/// The features of one series for one <see cref="SeriesFeaturesOptions"/>, in <see cref="SeriesFeaturesOptions.FeatureNames"/>
/// order (definitions and their numpy / scipy / PyWavelets sources on <see cref="SeriesStatistics"/>,
/// <see cref="SeriesSpectrum"/> and <see cref="DiscreteWavelet"/>):
/// <list type="bullet">
/// <item><b>stats</b>: mean, variance (np.var, ddof=0), std, min, max, range, skewness (scipy skew, bias=True), kurtosis
/// (scipy kurtosis, fisher=True, bias=True), the quantiles (np.quantile, linear), the zero-crossing rate of the
/// mean-removed series, the autocorrelation at each lag (statsmodels acf, adjusted=False);</item>
/// <item><b>fft</b>: the band amplitudes, dominant frequency, spectral centroid and normalised spectral entropy
/// (<see cref="SeriesSpectrum.Features"/>);</item>
/// <item><b>wavelet</b>: for each array of <c>pywt.wavedec(x, wavelet, mode='symmetric', level=L)</c>, coarsest first
/// (cA_L, cD_L, …, cD_1): the energy Σ c² / n (n the series' length, so series of different lengths compare; for an
/// orthogonal wavelet the energies add up to about mean(x²)) and the normalised entropy −Σ p ln p / ln m of the shares
/// p = c² / Σ c² over the array's m coefficients (0 when m = 1 or the array is all zeros).</item>
/// </list>
/// Any length ≥ 1 works: a lag beyond the series is 0, an FFT band without a bin is 0, and a wavelet with more levels than
/// the series supports is computed as PyWavelets does.
/// </summary>
public static class SeriesFeatures
{
    /// <summary>
    /// The features of <paramref name="x"/> (length ≥ 1, finite values). For a wavelet whose <see cref="SeriesFeaturesOptions.Levels"/>
    /// is null, the levels are <c>pywt.dwt_max_level</c> of this series (at least 1).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty.</exception>
    /// <exception cref="UserInputException">The options are invalid (every problem listed).</exception>
    public static double[] Compute(ReadOnlySpan<double> x, SeriesFeaturesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Problems();
        if (problems.Count > 0) throw new UserInputException(string.Join(" ", problems));
        if (x.IsEmpty) throw new ArgumentException("The series is empty.", nameof(x));
        if (options.Kind == SeriesFeatureKind.Wavelet && options.Levels is null)
            options = options with { Levels = DefaultLevels(x.Length, options) };
        var features = new double[options.Count];
        Compute(x, options, features);
        return features;
    }

    /// <summary>The levels a wavelet featurizer fitted on series of at least <paramref name="shortestLength"/> values uses: PyWavelets' <c>dwt_max_level</c>, at least 1.</summary>
    public static int DefaultLevels(int shortestLength, SeriesFeaturesOptions options) =>
        Math.Clamp(DiscreteWavelet.MaxLevel(shortestLength, (Wavelet.Find(options.Wavelet) ?? Wavelet.Db4).Length), 1, SeriesFeaturesOptions.MaxLevels);

    /// <summary>Writes the features to <paramref name="features"/> (at least <see cref="SeriesFeaturesOptions.Count"/> long); options already checked, levels known.</summary>
    internal static void Compute(ReadOnlySpan<double> x, SeriesFeaturesOptions options, Span<double> features)
    {
        switch (options.Kind)
        {
            case SeriesFeatureKind.Stats:
                Stats(x, options, features);
                break;
            case SeriesFeatureKind.Fft:
                SeriesSpectrum.Features(x, options.Bands, options.SampleRate, features);
                break;
            default:
                WaveletFeatures(x, options, features);
                break;
        }
    }

    private static void Stats(ReadOnlySpan<double> x, SeriesFeaturesOptions options, Span<double> features)
    {
        var sorted = x.ToArray();
        Array.Sort(sorted);
        var variance = SeriesStatistics.Variance(x);
        var i = 0;
        features[i++] = SeriesStatistics.Mean(x);
        features[i++] = variance;
        features[i++] = Math.Sqrt(variance);
        features[i++] = sorted[0];
        features[i++] = sorted[^1];
        features[i++] = sorted[^1] - sorted[0];
        features[i++] = SeriesStatistics.Skewness(x);
        features[i++] = SeriesStatistics.Kurtosis(x);
        foreach (var q in options.Quantiles) features[i++] = SeriesStatistics.Quantile(sorted, q);
        features[i++] = SeriesStatistics.ZeroCrossingRate(x);
        foreach (var lag in options.Lags) features[i++] = SeriesStatistics.Autocorrelation(x, lag);
    }

    private static void WaveletFeatures(ReadOnlySpan<double> x, SeriesFeaturesOptions options, Span<double> features)
    {
        var coefficients = DiscreteWavelet.Wavedec(x, Wavelet.Find(options.Wavelet)!, options.Levels!.Value);
        for (var a = 0; a < coefficients.Length; a++)
        {
            var c = coefficients[a];
            var energy = 0.0;
            foreach (var v in c) energy += v * v;
            var entropy = 0.0;
            if (energy > 0 && c.Length > 1)
            {
                foreach (var v in c)
                {
                    var p = v * v / energy;
                    if (p > 0) entropy -= p * Math.Log(p);
                }
                entropy /= Math.Log(c.Length);
            }
            features[2 * a] = energy / x.Length;
            features[2 * a + 1] = entropy;
        }
    }
}
