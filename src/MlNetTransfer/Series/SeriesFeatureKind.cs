namespace MlNetTransfer.Series;

/// <summary>Which features <see cref="SeriesFeaturesOptions"/> computes from a series.</summary>
public enum SeriesFeatureKind
{
    /// <summary>Moments, extremes, quantiles, zero-crossing rate and autocorrelations (<see cref="SeriesStatistics"/>).</summary>
    Stats,

    /// <summary>Band amplitudes, dominant frequency, spectral centroid and entropy of the FFT (<see cref="SeriesSpectrum"/>).</summary>
    Fft,

    /// <summary>Energy and entropy of each level of a multi-level DWT (<see cref="DiscreteWavelet"/>).</summary>
    Wavelet,
}
