using System.Numerics;
using MathNet.Numerics.IntegralTransforms;

namespace MlNetTransfer.Series;

/// <summary>
/// The one-sided amplitude spectrum of a real series and the features read from it. The transform is MathNet.Numerics'
/// FFT without scaling, equal to <c>numpy.fft.rfft</c> (X_k = Σ x_t e^(−2πi·k·t/n), k = 0..⌊n/2⌋; any length, Bluestein
/// for lengths that are not powers of two). Frequencies are f_k = k / n cycles per sample, times the sample rate when
/// one is given (then Hz). The DC bin (k = 0, n times the mean) is left out of every feature: the mean is a stats feature.
/// </summary>
public static class SeriesSpectrum
{
    /// <summary><c>np.abs(np.fft.rfft(x))</c>: ⌊n/2⌋ + 1 magnitudes |X_k|, DC first.</summary>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty.</exception>
    public static double[] Magnitudes(ReadOnlySpan<double> x)
    {
        if (x.IsEmpty) throw new ArgumentException("The series is empty.", nameof(x));
        var samples = new Complex[x.Length];
        for (var t = 0; t < x.Length; t++) samples[t] = new Complex(x[t], 0);
        if (x.Length > 1) Fourier.Forward(samples, FourierOptions.NoScaling);
        var magnitudes = new double[x.Length / 2 + 1];
        for (var k = 0; k < magnitudes.Length; k++) magnitudes[k] = samples[k].Magnitude;
        return magnitudes;
    }

    /// <summary>
    /// Writes <paramref name="bands"/> + 3 features of <paramref name="x"/> to <paramref name="features"/>, over the bins
    /// k = 1..⌊n/2⌋: band b (of <paramref name="bands"/> equal slices of 0..Nyquist; bin k is in band min(⌊2·bands·k / n⌋,
    /// bands − 1)) is the mean of |X_k| / n over its bins (an amplitude: a sine of amplitude A with whole cycles gives A/2
    /// in its band), 0 when no bin falls in it (a series shorter than 2·bands); then the dominant frequency (f_k of the
    /// largest |X_k|, the first on ties, as <c>np.argmax</c>), the spectral centroid Σ f_k|X_k| / Σ |X_k| and the
    /// normalised spectral entropy −Σ p_k ln p_k / ln K of the power shares p_k = |X_k|² / Σ |X|² over the K = ⌊n/2⌋ bins
    /// (in [0, 1]; 0 when K ≤ 1). Frequencies are multiplied by <paramref name="sampleRate"/> when given. A series of one
    /// value, or a constant one, gives zeros.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="features"/> is shorter than <paramref name="bands"/> + 3.</exception>
    public static void Features(ReadOnlySpan<double> x, int bands, double? sampleRate, Span<double> features)
    {
        if (bands < 1) throw new ArgumentOutOfRangeException(nameof(bands), bands, "At least one band.");
        if (features.Length < bands + 3) throw new ArgumentException($"Room for {bands + 3} features is needed.", nameof(features));
        features[..(bands + 3)].Clear();
        var magnitudes = Magnitudes(x);
        var n = x.Length;
        var bins = magnitudes.Length - 1;
        if (bins < 1) return;
        var scale = sampleRate ?? 1.0;
        var counts = new int[bands];
        double total = 0, power = 0, weighted = 0, largest = -1;
        var dominant = 0;
        for (var k = 1; k <= bins; k++)
        {
            var m = magnitudes[k];
            var band = (int)Math.Min(2L * bands * k / n, bands - 1);
            features[band] += m / n;
            counts[band]++;
            total += m;
            power += m * m;
            weighted += k / (double)n * scale * m;
            if (m > largest)
            {
                largest = m;
                dominant = k;
            }
        }
        for (var b = 0; b < bands; b++)
            if (counts[b] > 0) features[b] /= counts[b];
        if (total <= 0) return;
        features[bands] = dominant / (double)n * scale;
        features[bands + 1] = weighted / total;
        if (bins > 1)
        {
            var entropy = 0.0;
            for (var k = 1; k <= bins; k++)
            {
                var p = magnitudes[k] * magnitudes[k] / power;
                if (p > 0) entropy -= p * Math.Log(p);
            }
            features[bands + 2] = entropy / Math.Log(bins);
        }
    }
}
