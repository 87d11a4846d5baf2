#!/usr/bin/python3
"""Writes the scikit-learn reference fixtures for tests/MlNetTransfer.Tests/FeatureSpace (PCA, t-SNE, trustworthiness).

Run with Debian's scikit-learn 1.2.1 (apt-get install python3-sklearn), which installs for /usr/bin/python3:

    /usr/bin/python3 tests/MlNetTransfer.Tests/FeatureSpace/Fixtures/make_pca_tsne_fixtures.py

Inputs, committed next to this script (copied from scikit-learn's bundled data, BSD-3; the data sets themselves are
UCI's, CC BY 4.0): digits.csv.gz (1,797 8x8 digit images, 64 pixel columns 0-16, then the class) and iris.csv (150 x 4,
then the class; first line is scikit-learn's header).

Outputs (floats written with repr: full float64 precision):
- pca_fixtures.json: PCA(n_components, svd_solver="full") on digits and iris, with an integer k and with a variance
  fraction: n_components_, mean_, components_, explained_variance_, explained_variance_ratio_ and transform of the first
  rows; digits30-* fit the first 30 digits (fewer rows than features).
- trustworthiness_fixture.json: random float32 data (so both sides read the same numbers) and a noisy 2-D projection
  of it, with sklearn.manifold.trustworthiness for several k.
- tsne_fixtures.json: TSNE (perplexity 30, init "pca", learning_rate "auto", n_iter 1000, angle 0.5, random_state 0) on
  digits, method "exact" on the first 300 rows and "barnes_hut" on all 1,797, with the trustworthiness (k = 10) of
  each embedding and its wall-clock seconds.
"""
import csv
import gzip
import json
import os
import platform
import time

import numpy as np
import sklearn
from sklearn.decomposition import PCA
from sklearn.manifold import TSNE, trustworthiness

HERE = os.path.dirname(os.path.abspath(__file__))
TRANSFORM_ROWS = 20


def digits():
    with gzip.open(os.path.join(HERE, "digits.csv.gz"), "rt") as f:
        data = np.loadtxt(f, delimiter=",")
    return data[:, :-1], data[:, -1].astype(int)


def iris():
    with open(os.path.join(HERE, "iris.csv"), newline="") as f:
        rows = list(csv.reader(f))[1:]
    data = np.array([[float(v) for v in r] for r in rows])
    return data[:, :-1], data[:, -1].astype(int)


def matrix(a):
    return [[float(v) for v in row] for row in np.asarray(a)]


def pca_case(name, x, n_components):
    pca = PCA(n_components=n_components, svd_solver="full").fit(x)
    return {
        "name": name,
        "data": "digits" if x.shape[1] == 64 else "iris",
        "rows": int(x.shape[0]),
        "nComponents": n_components,
        "chosen": int(pca.n_components_),
        "mean": [float(v) for v in pca.mean_],
        "components": matrix(pca.components_),
        "explainedVariance": [float(v) for v in pca.explained_variance_],
        "explainedVarianceRatio": [float(v) for v in pca.explained_variance_ratio_],
        "transform": matrix(pca.transform(x[:TRANSFORM_ROWS])),
    }


def tsne_case(method, x):
    start = time.perf_counter()
    embedding = TSNE(n_components=2, perplexity=30.0, early_exaggeration=12.0, learning_rate="auto", n_iter=1000,
                     init="pca", method=method, angle=0.5, random_state=0).fit_transform(x)
    seconds = time.perf_counter() - start
    return {
        "method": method,
        "rows": int(x.shape[0]),
        "perplexity": 30.0,
        "randomState": 0,
        "trustworthiness10": float(trustworthiness(x, embedding, n_neighbors=10)),
        "seconds": seconds,
    }


def main():
    meta = {"sklearn": sklearn.__version__, "numpy": np.__version__, "python": platform.python_version()}
    dx, _ = digits()
    ix, _ = iris()

    cases = [
        pca_case("digits-k10", dx, 10),
        pca_case("digits-f0.9", dx, 0.9),
        pca_case("digits-f0.5", dx, 0.5),
        pca_case("digits30-k5", dx[:30], 5),
        pca_case("digits30-f0.8", dx[:30], 0.8),
        pca_case("iris-k2", ix, 2),
        pca_case("iris-f0.95", ix, 0.95),
        pca_case("iris-k4", ix, 4),
    ]
    with open(os.path.join(HERE, "pca_fixtures.json"), "w") as f:
        json.dump({"meta": meta, "transformRows": TRANSFORM_ROWS, "cases": cases}, f, separators=(",", ":"))

    rng = np.random.RandomState(13)
    x = rng.standard_normal((120, 8)).astype(np.float32)
    projection = rng.standard_normal((8, 2))
    e = (x.astype(np.float64) @ projection + 0.5 * rng.standard_normal((120, 2))).astype(np.float32)
    trust = {str(k): float(trustworthiness(x.astype(np.float64), e.astype(np.float64), n_neighbors=k)) for k in (1, 5, 10, 30)}
    with open(os.path.join(HERE, "trustworthiness_fixture.json"), "w") as f:
        json.dump({"meta": meta, "x": matrix(x), "embedding": matrix(e), "trustworthiness": trust}, f, separators=(",", ":"))

    tsne = [tsne_case("exact", dx[:300]), tsne_case("barnes_hut", dx)]
    with open(os.path.join(HERE, "tsne_fixtures.json"), "w") as f:
        json.dump({"meta": meta, "cases": tsne}, f, indent=1)


if __name__ == "__main__":
    main()
