#!/usr/bin/python3
"""Writes the reference fixtures for tests/MlNetTransfer.Tests/DomainAdaptation (CORAL, subspace alignment, MMD, AUC, KS).

Run with Debian's numpy / scipy / scikit-learn 1.2.1, which install for /usr/bin/python3:

    /usr/bin/python3 tests/MlNetTransfer.Tests/DomainAdaptation/Fixtures/make_domain_adaptation_fixtures.py

Output: domain_adaptation_fixtures.json next to this script. The data are seeded random float32 values (written as
float64 repr, so both sides read the same numbers):
- coral: source (80 x 6, correlated Gaussian) and target (60 x 6, another covariance and mean). The paper's formula
  (Sun, Feng & Saenko 2016, Algorithm 1) with C = np.cov(X, rowvar=False) + eps * I and scipy.linalg.sqrtm:
  A = sqrtm(inv(C_s)) @ sqrtm(C_t), for eps 1 on the raw rows ("raw") and eps 1 on each domain standardised with its own
  mean and population std ("standardized"), and the mapped source rows of each mode:
  raw: (X_s - mean_s) @ A + mean_t; standardized: ((X_s - mean_s) / std_s) @ A.
- subspace: source (70 x 8) and target (50 x 8); sklearn.decomposition.PCA(k, svd_solver="full") of each; the
  mapped source rows (X_s - mean_s) @ P_s @ P_s.T @ P_t and target rows (X_t - mean_t) @ P_t (Fernando et al. 2013),
  with P = components_.T.
- mmd: source (40 x 5) and target (30 x 5, shifted); bandwidth = np.median of the pooled pairwise distances
  (scipy.spatial.distance.pdist), biased MMD^2 = mean K_ss + mean K_tt - 2 mean K_st with K = exp(-d^2 / (2 bw^2)).
- auc: scores with ties and labels; sklearn.metrics.roc_auc_score.
- ks: two samples with ties; scipy.stats.ks_2samp(a, b).statistic.
- logistic: 80 rows x 4 (two overlapping Gaussians) and 0/1 labels; sklearn.linear_model.LogisticRegression(C=1,
  tol=1e-10, max_iter=10000) (the domain classifier's model): coef_ and intercept_.
"""
import json
import os

import numpy as np
import scipy
import scipy.linalg
import scipy.spatial.distance
import scipy.stats
import sklearn
from sklearn.decomposition import PCA
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

rng = np.random.default_rng(12)


def gaussian(n, d, shift):
    mixing = rng.normal(size=(d, d))
    return (rng.normal(size=(n, d)) @ mixing + shift).astype(np.float32)


def rows(x):
    return [[float(v) for v in r] for r in np.asarray(x, dtype=np.float64)]


def coral_matrix(xs, xt, eps):
    d = xs.shape[1]
    cs = np.cov(xs, rowvar=False) + eps * np.eye(d)
    ct = np.cov(xt, rowvar=False) + eps * np.eye(d)
    return np.real(scipy.linalg.sqrtm(np.linalg.inv(cs)) @ scipy.linalg.sqrtm(ct))


xs = gaussian(80, 6, 0.0)
xt = gaussian(60, 6, 2.0)
s64, t64 = xs.astype(np.float64), xt.astype(np.float64)
ms, mt = s64.mean(axis=0), t64.mean(axis=0)
zs, zt = (s64 - ms) / s64.std(axis=0), (t64 - mt) / t64.std(axis=0)
a_raw = coral_matrix(s64, t64, 1.0)
a_std = coral_matrix(zs, zt, 1.0)
coral = {
    "source": rows(xs), "target": rows(xt), "eps": 1.0,
    "raw_matrix": rows(a_raw), "raw_mapped_source": rows((s64 - ms) @ a_raw + mt),
    "standardized_matrix": rows(a_std), "standardized_mapped_source": rows(zs @ a_std),
}

ys = gaussian(70, 8, 0.0)
yt = gaussian(50, 8, -1.0)
subspace = {"source": rows(ys), "target": rows(yt), "cases": []}
for k in (3, 5):
    ps_fit = PCA(n_components=k, svd_solver="full").fit(ys.astype(np.float64))
    pt_fit = PCA(n_components=k, svd_solver="full").fit(yt.astype(np.float64))
    ps, pt = ps_fit.components_.T, pt_fit.components_.T
    subspace["cases"].append({
        "k": k,
        "mapped_source": rows((ys.astype(np.float64) - ps_fit.mean_) @ ps @ ps.T @ pt),
        "mapped_target": rows((yt.astype(np.float64) - pt_fit.mean_) @ pt),
    })

ms_ = rng.normal(size=(40, 5)).astype(np.float32)
mt_ = (rng.normal(size=(30, 5)) * 1.5 + 0.7).astype(np.float32)
pooled = np.vstack([ms_, mt_]).astype(np.float64)
bandwidth = float(np.median(scipy.spatial.distance.pdist(pooled)))
kernel = np.exp(-scipy.spatial.distance.cdist(pooled, pooled, "sqeuclidean") / (2 * bandwidth ** 2))
kss, ktt, kst = kernel[:40, :40], kernel[40:, 40:], kernel[:40, 40:]
mmd = {"source": rows(ms_), "target": rows(mt_), "bandwidth": bandwidth,
       "mmd2": float(kss.mean() + ktt.mean() - 2 * kst.mean())}

scores = np.round(rng.uniform(size=60), 1)
labels = rng.uniform(size=60) < 0.4 + 0.3 * scores
auc = {"scores": [float(v) for v in scores], "labels": [bool(v) for v in labels],
       "auc": float(roc_auc_score(labels, scores))}

ka = np.round(rng.normal(size=50), 1)
kb = np.round(rng.normal(0.4, 1.2, size=37), 1)
ks = {"a": [float(v) for v in ka], "b": [float(v) for v in kb],
      "statistic": float(scipy.stats.ks_2samp(ka, kb).statistic)}

lx = np.vstack([rng.normal(size=(40, 4)), rng.normal(size=(40, 4)) + [0.8, 0.0, -0.5, 0.3]])
ly = np.array([0] * 40 + [1] * 40)
lr = LogisticRegression(C=1, tol=1e-10, max_iter=10000).fit(lx, ly)
logistic = {"x": rows(lx), "y": [int(v) for v in ly], "coef": [float(v) for v in lr.coef_[0]],
            "intercept": float(lr.intercept_[0])}

out = {
    "versions": {"numpy": np.__version__, "scipy": scipy.__version__, "sklearn": sklearn.__version__},
    "coral": coral, "subspace": subspace, "mmd": mmd, "auc": auc, "ks": ks, "logistic": logistic,
}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "domain_adaptation_fixtures.json")
with open(path, "w") as f:
    json.dump(out, f, indent=1)
print("wrote", path)
