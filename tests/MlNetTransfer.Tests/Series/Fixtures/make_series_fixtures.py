#!/usr/bin/python3
"""Reference values for the series featurizers (src/MlNetTransfer/Series), written to series_fixtures.json.

Run from the repository root:  /usr/bin/python3 tests/MlNetTransfer.Tests/Series/Fixtures/make_series_fixtures.py
Pinned to the Debian packages numpy 1.24, scipy 1.10 and PyWavelets 1.1.1 (versions written into the JSON). Every value
is computed by those libraries with the definitions the C# docs state (SeriesStatistics, SeriesSpectrum, SeriesFeatures,
DiscreteWavelet):

stats    mean, variance (np.var, ddof=0), std (its square root), min, max, range, skewness (scipy.stats.skew,
         bias=True), kurtosis (scipy.stats.kurtosis, fisher=True, bias=True), quantiles (np.quantile, method 'linear'),
         zero-crossing rate (sign changes of the mean-removed series, np.signbit, divided by n-1), autocorrelation
         (statsmodels' acf with adjusted=False: sum_{t<n-k} d_t d_{t+k} / sum d_t^2, d = x - mean; written with numpy
         because statsmodels is not installed).
fft      np.fft.rfft; bins k = 1..n//2 (the DC bin is left out: the mean is a stats feature); f_k = k/n cycles per
         sample (times the sample rate when given); band b of B holds the bins with min(2*B*k // n, B-1) == b and is
         the mean of |X_k|/n over them (0 when empty); dominant frequency f at np.argmax(|X_k|); spectral centroid
         sum f|X| / sum |X|; spectral entropy of p = |X|^2/sum|X|^2, -sum p ln p / ln(K), K = n//2 bins.
wavelet  pywt.wavedec(x, wavelet, mode='symmetric', level=L): [cA_L, cD_L, ..., cD_1]; per array: energy
         sum c^2 / n and entropy -sum p ln p / ln(m), p = c^2/sum c^2, m = len(c) (0 when m <= 1 or sum c^2 = 0).
"""
import json
import os
import warnings

import numpy as np
import pywt
import scipy
import scipy.stats

LAGS = [1, 2, 5, 10]
QUANTILES = [0.1, 0.25, 0.5, 0.75, 0.9]


def stats(x):
    x = np.asarray(x, dtype=np.float64)
    n = len(x)
    d = x - x.mean()
    denom = float(np.sum(d * d))
    acf = [float(np.sum(d[: n - k] * d[k:]) / denom) if k < n and denom > 0 else 0.0 for k in LAGS]
    return {
        "mean": float(np.mean(x)), "variance": float(np.var(x)), "std": float(np.std(x)),
        "min": float(np.min(x)), "max": float(np.max(x)), "range": float(np.ptp(x)),
        "skewness": float(scipy.stats.skew(x, bias=True)),
        "kurtosis": float(scipy.stats.kurtosis(x, fisher=True, bias=True)),
        "quantiles": [float(v) for v in np.quantile(x, QUANTILES)],
        "zero_crossing_rate": float(np.count_nonzero(np.diff(np.signbit(d))) / (n - 1)) if n > 1 else 0.0,
        "autocorrelation": acf,
    }


def fft(x, bands, rate=None):
    x = np.asarray(x, dtype=np.float64)
    n = len(x)
    mag = np.abs(np.fft.rfft(x))[1:]
    k = np.arange(1, n // 2 + 1)
    f = k / n * (rate if rate else 1.0)
    band_of = np.minimum((2 * bands * k) // n, bands - 1)
    band = [float(np.mean(mag[band_of == b] / n)) if np.any(band_of == b) else 0.0 for b in range(bands)]
    total = mag.sum()
    power = mag ** 2
    p = power / power.sum()
    nz = p[p > 0]
    return {
        "bands": band,
        "dominant_frequency": float(f[np.argmax(mag)]),
        "spectral_centroid": float(np.sum(f * mag) / total),
        "spectral_entropy": float(-np.sum(nz * np.log(nz)) / np.log(len(mag))) if len(mag) > 1 else 0.0,
        "magnitudes": [float(v) for v in mag],
    }


def wavelet(x, name, level):
    coeffs = pywt.wavedec(np.asarray(x, dtype=np.float64), name, mode="symmetric", level=level)
    n = len(x)
    features = []
    for c in coeffs:
        e = float(np.sum(c * c))
        p = c * c / e if e > 0 else None
        ent = float(-np.sum(p[p > 0] * np.log(p[p > 0])) / np.log(len(c))) if p is not None and len(c) > 1 else 0.0
        features += [e / n, ent]
    return {"wavelet": name, "level": level, "coefficients": [[float(v) for v in c] for c in coeffs], "features": features}


def case(name, x, bands=8, rate=None, wavelet_levels=None):
    x = [float(v) for v in x]
    out = {"name": name, "series": x, "stats": stats(x), "fft": {"bands_count": bands, "rate": rate, **fft(x, bands, rate)}, "wavelets": []}
    for w in ["haar", "db2", "db4"]:
        max_level = pywt.dwt_max_level(len(x), pywt.Wavelet(w).dec_len)
        levels = sorted({max(1, max_level)} | set(wavelet_levels or []))
        for level in levels:
            out["wavelets"].append(wavelet(x, w, level))
    return out


# Levels above dwt_max_level are wanted (short series): PyWavelets warns and computes them.
warnings.filterwarnings("ignore", message="Level value of")
rng = np.random.default_rng(20261130)
t = np.arange(64)
cases = [
    case("sine-0.125", np.sin(2 * np.pi * 0.125 * t + 0.3), bands=8),
    case("sine-0.125-rate-100hz", np.sin(2 * np.pi * 0.125 * t + 0.3), bands=4, rate=100.0),
    case("normal-64", rng.normal(3.0, 2.0, 64), wavelet_levels=[1, 2]),
    case("normal-37-odd", rng.normal(-1.0, 0.5, 37), bands=5),
    case("random-walk-200", np.cumsum(rng.normal(0, 1, 200)), bands=16),
    case("short-5-beyond-max-level", rng.normal(0, 1, 5), bands=2, wavelet_levels=[2, 3]),
    case("integers-with-ties-20", rng.integers(0, 5, 20), bands=4),
    case("exponential-skewed-50", rng.exponential(1.0, 50), bands=8),
]

meta = {"numpy": np.__version__, "scipy": scipy.__version__, "pywt": pywt.__version__, "lags": LAGS, "quantiles": QUANTILES,
        "filters": {w: {"dec_lo": pywt.Wavelet(w).dec_lo, "dec_hi": pywt.Wavelet(w).dec_hi} for w in ["haar", "db2", "db3", "db4"]}}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "series_fixtures.json")
with open(path + ".tmp", "w") as f:
    json.dump({"meta": meta, "cases": cases}, f, indent=1)
os.replace(path + ".tmp", path)
print(f"{len(cases)} cases -> {path} ({os.path.getsize(path)} bytes)")
