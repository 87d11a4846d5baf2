#!/usr/bin/python3
"""Writes histogram_fixtures.json: numpy's np.histogram(values, bins="auto") edges and counts for a few arrays.

Run from this folder with Debian's python3-numpy: /usr/bin/python3 make_histogram_fixtures.py
HistogramBinsTests matches MlNetTransfer.Plots.HistogramBins.Auto against it (edges to 1e-9, counts exactly).
"""
import json
import numpy as np

rng = np.random.default_rng(7)
cases = {
    "normal_361": rng.normal(0.0, 3.0, 361),
    "skewed_1000": rng.exponential(2.0, 1000),
    "integers_50": rng.integers(-5, 6, 50).astype(float),
    "iqr_zero": np.array([1.0] * 20 + [2.0, 3.0, 10.0]),
    "constant": np.array([4.0] * 7),
    "single": np.array([-2.5]),
    "two_clusters": np.concatenate([rng.normal(-10, 1, 200), rng.normal(10, 1, 200)]),
}
out = []
for name, values in cases.items():
    counts, edges = np.histogram(values, bins="auto")
    out.append({"name": name, "values": values.tolist(), "edges": edges.tolist(), "counts": counts.tolist()})
with open("histogram_fixtures.json", "w") as f:
    json.dump({"numpy": np.__version__, "cases": out}, f)
print(np.__version__, [(c["name"], len(c["counts"])) for c in out])
