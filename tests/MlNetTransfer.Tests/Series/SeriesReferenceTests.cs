using MlNetTransfer.Series;
using static MlNetTransfer.Tests.Series.SeriesFixtures;

namespace MlNetTransfer.Tests.Series;

/// <summary>
/// The series features against numpy 1.24 / scipy 1.10 / PyWavelets 1.1.1 (Fixtures/make_series_fixtures.py, 8 series:
/// sines, normal, odd length, random walk, 5 values, integer ties, skewed), plus answers worked out by hand.
/// </summary>
public sealed class SeriesReferenceTests
{
    private const double Tolerance = 1e-9;

    [Theory]
    [MemberData(nameof(CaseNames), MemberType = typeof(SeriesFixtures))]
    public void Stats_EqualNumpyAndScipy(string name)
    {
        var c = Case(name);
        var x = Doubles(c.GetProperty("series"));
        var expected = c.GetProperty("stats");
        var options = new SeriesFeaturesOptions { Lags = Ints(Root.GetProperty("meta").GetProperty("lags")), Quantiles = Doubles(Root.GetProperty("meta").GetProperty("quantiles")) };
        var features = SeriesFeatures.Compute(x, options);
        var names = options.FeatureNames();
        double[] reference =
        [
            .. new[] { "mean", "variance", "std", "min", "max", "range", "skewness", "kurtosis" }.Select(k => expected.GetProperty(k).GetDouble()),
            .. Doubles(expected.GetProperty("quantiles")),
            expected.GetProperty("zero_crossing_rate").GetDouble(),
            .. Doubles(expected.GetProperty("autocorrelation")),
        ];
        Assert.Equal(reference.Length, features.Length);
        for (var i = 0; i < features.Length; i++) Near(reference[i], features[i], Tolerance, $"{name} {names[i]}");
    }

    [Theory]
    [MemberData(nameof(CaseNames), MemberType = typeof(SeriesFixtures))]
    public void Fft_EqualsNumpyRfft(string name)
    {
        var c = Case(name);
        var x = Doubles(c.GetProperty("series"));
        var expected = c.GetProperty("fft");
        var magnitudes = SeriesSpectrum.Magnitudes(x);
        var reference = Doubles(expected.GetProperty("magnitudes"));
        Assert.Equal(reference.Length, magnitudes.Length - 1);
        for (var k = 0; k < reference.Length; k++) Near(reference[k], magnitudes[k + 1], Tolerance, $"{name} |X_{k + 1}|");

        var rate = expected.GetProperty("rate").ValueKind == System.Text.Json.JsonValueKind.Null ? (double?)null : expected.GetProperty("rate").GetDouble();
        var options = SeriesFeaturesOptions.Fft with { Bands = expected.GetProperty("bands_count").GetInt32(), SampleRate = rate };
        var features = SeriesFeatures.Compute(x, options);
        double[] all = [.. Doubles(expected.GetProperty("bands")), .. new[] { "dominant_frequency", "spectral_centroid", "spectral_entropy" }.Select(k => expected.GetProperty(k).GetDouble())];
        var names = options.FeatureNames();
        for (var i = 0; i < all.Length; i++) Near(all[i], features[i], Tolerance, $"{name} {names[i]}");
    }

    [Theory]
    [MemberData(nameof(CaseNames), MemberType = typeof(SeriesFixtures))]
    public void Wavedec_EqualsPywt_AndItsFeatures(string name)
    {
        var c = Case(name);
        var x = Doubles(c.GetProperty("series"));
        foreach (var w in c.GetProperty("wavelets").EnumerateArray())
        {
            var wavelet = Wavelet.Find(w.GetProperty("wavelet").GetString()!)!;
            var level = w.GetProperty("level").GetInt32();
            var coefficients = DiscreteWavelet.Wavedec(x, wavelet, level);
            var reference = w.GetProperty("coefficients").EnumerateArray().Select(Doubles).ToArray();
            Assert.Equal(reference.Length, coefficients.Length);
            for (var a = 0; a < reference.Length; a++)
            {
                Assert.Equal(reference[a].Length, coefficients[a].Length);
                for (var k = 0; k < reference[a].Length; k++)
                    Assert.True(Math.Abs(reference[a][k] - coefficients[a][k]) <= 1e-9, $"{name} {wavelet} level {level} array {a} [{k}]: {reference[a][k]:R} vs {coefficients[a][k]:R}");
            }
            var features = SeriesFeatures.Compute(x, SeriesFeaturesOptions.WaveletDb4 with { Wavelet = wavelet.Name, Levels = level });
            var expected = Doubles(w.GetProperty("features"));
            for (var i = 0; i < expected.Length; i++) Near(expected[i], features[i], Tolerance, $"{name} {wavelet} level {level} feature {i}");
        }
    }

    [Fact]
    public void Filters_AreThoseOfPywt()
    {
        foreach (var filter in Root.GetProperty("meta").GetProperty("filters").EnumerateObject())
        {
            var wavelet = Wavelet.Find(filter.Name)!;
            Assert.Equal(Doubles(filter.Value.GetProperty("dec_lo")), wavelet.DecLo);
            Assert.Equal(Doubles(filter.Value.GetProperty("dec_hi")), wavelet.DecHi);
        }
    }

    [Fact]
    public void PureSine_DominantFrequency_IsItsFrequency_InCyclesPerSampleAndHz()
    {
        // 5 whole cycles in 80 samples: f = 1/16 cycle per sample; at 200 samples per second, 12.5 Hz.
        var x = Enumerable.Range(0, 80).Select(t => 3 * Math.Sin(2 * Math.PI * t / 16 + 0.7)).ToArray();
        var perSample = SeriesFeatures.Compute(x, SeriesFeaturesOptions.Fft);
        var hz = SeriesFeatures.Compute(x, SeriesFeaturesOptions.Fft with { SampleRate = 200 });
        Assert.Equal(1.0 / 16, perSample[8], 12);
        Assert.Equal(12.5, hz[8], 10);
        Assert.Equal(1.0 / 16, perSample[9], 9); // all the amplitude in one bin: the centroid is that bin
        Assert.Equal(0, perSample[10], 9); // and the entropy 0
        // Band 1 of 8 holds bins 5..9 (f = 1/16..9/80); the sine's bin 5 has |X| = 3·80/2, so its amplitude share is 1.5 / 5 bins.
        Assert.Equal(1.5 / 5, perSample[1], 9);
    }

    [Fact]
    public void HaarDwt_WorkedByHand()
    {
        // Haar: a_k = (x_2k + x_2k+1)/√2, d_k = (x_2k − x_2k+1)/√2 (pywt convolves with dec_hi = [−1/√2, 1/√2], reversed); even length: no boundary.
        double[] x = [4, 6, 10, 12, 8, 6, 5, 5];
        var s = Math.Sqrt(2);
        var levels = DiscreteWavelet.Wavedec(x, Wavelet.Haar, 2);
        double[] a1 = [10 / s, 22 / s, 14 / s, 10 / s];
        double[] d1 = [-2 / s, -2 / s, 2 / s, 0];
        double[] a2 = [(a1[0] + a1[1]) / s, (a1[2] + a1[3]) / s]; // 16, 12
        double[] d2 = [(a1[0] - a1[1]) / s, (a1[2] - a1[3]) / s]; // -6, 2
        Assert.Equal([16, 12], a2.Select(v => Math.Round(v, 12)));
        Assert.Equal([-6, 2], d2.Select(v => Math.Round(v, 12)));
        Assert.Equal(3, levels.Length);
        Assert.Equal(a2, levels[0], new Tol());
        Assert.Equal(d2, levels[1], new Tol());
        Assert.Equal(d1, levels[2], new Tol());
        // Odd length: symmetric mode repeats the last value, so (…, 7 | 7) gives a detail of 0 and an approximation of 14/√2.
        var (a, d) = DiscreteWavelet.Dwt([1, 3, 7], Wavelet.Haar);
        Assert.Equal([4 / s, 14 / s], a, new Tol());
        Assert.Equal([-2 / s, 0], d, new Tol());
        Assert.Equal(1, DiscreteWavelet.MaxLevel(7, 4)); // ⌊log2(⌊7/3⌋)⌋
        Assert.Equal(3, DiscreteWavelet.MaxLevel(8, 2));
    }

    [Fact]
    public void Moments_OfASmallSeries_WorkedByHand()
    {
        double[] x = [1, 2, 3, 10];
        // mean 4; deviations −3 −2 −1 6; m2 = 50/4 = 12.5; m3 = (−27 −8 −1 + 216)/4 = 45; m4 = (81 + 16 + 1 + 1296)/4 = 348.5.
        Assert.Equal(4, SeriesStatistics.Mean(x));
        Assert.Equal(12.5, SeriesStatistics.Variance(x));
        Assert.Equal(45 / Math.Pow(12.5, 1.5), SeriesStatistics.Skewness(x), 12);
        Assert.Equal(348.5 / (12.5 * 12.5) - 3, SeriesStatistics.Kurtosis(x), 12);
        Assert.Equal(2.5, SeriesStatistics.Quantile([1, 2, 3, 10], 0.5));
        Assert.Equal(1.0 / 3, SeriesStatistics.ZeroCrossingRate(x), 12); // signs − − − +: one change in 3 steps
        Assert.Equal((6.0 + 2 - 6) / 50, SeriesStatistics.Autocorrelation(x, 1), 12); // (−3·−2 + −2·−1 + −1·6) / 50
    }

    [Fact]
    public void ConstantAndOneValueSeries_GiveZerosNotNaN()
    {
        foreach (var x in new[] { new double[] { 5 }, [2, 2, 2, 2] })
            foreach (var options in new[] { SeriesFeaturesOptions.Stats, SeriesFeaturesOptions.Fft, SeriesFeaturesOptions.WaveletDb4 with { Wavelet = "haar" } })
                Assert.All(SeriesFeatures.Compute(x, options), v => Assert.True(double.IsFinite(v)));
        var stats = SeriesFeatures.Compute([2, 2, 2, 2], SeriesFeaturesOptions.Stats);
        Assert.Equal(0, stats[6]); // skewness: scipy gives NaN for a constant series
        Assert.Equal(0, stats[7]);
    }

    private sealed class Tol : IEqualityComparer<double>
    {
        public bool Equals(double a, double b) => Math.Abs(a - b) <= 1e-12;
        public int GetHashCode(double v) => 0;
    }
}
