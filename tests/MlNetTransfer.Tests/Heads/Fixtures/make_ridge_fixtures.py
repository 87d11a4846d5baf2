"""Ridge fixtures for the `linear` regression head's closed-form penalty choice (scikit-learn 1.2.1, numpy).

Writes ridge_fixtures.json next to this script. For each case: the rows (float32, as C# reads them), labels, a fold per
row (row i is in fold i % 5; the Seattle case's rows and labels are the CSV's, read by the test, so null here), and for SDCA's penalty grid lambda in {1e-4 ... 10}:
  * cvErrors: per penalty, the mean over the 5 folds of the test-fold mean squared error of
    sklearn.linear_model.Ridge(alpha = n_train * lambda / 2) fitted on the training folds, with every feature multiplied
    by ML.NET NormalizeMeanVariance's scale (1 / sqrt(mean of x^2) over the training folds, 0 for a constant feature)
    when `standardize`, else unscaled;
  * chosenL2: the grid value with the least cvError (the first on ties);
  * coef, intercept: Ridge(alpha = n * chosenL2 / 2) on all rows, scaled the same way (coefficients of the scaled features);
  * testRows, testPredictions: held-out rows (float32) and that Ridge's predictions for them (the `linear` head's saved
    zip at L2 = chosenL2 must predict the same).
Run: /usr/bin/python3 make_ridge_fixtures.py (from any folder).
"""
import csv
import json
import os

import numpy as np
import sklearn
from sklearn.linear_model import Ridge

assert sklearn.__version__ == "1.2.1", sklearn.__version__

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", "..", "..", ".."))
GRID = [1e-4, 1e-3, 1e-2, 1e-1, 1.0, 10.0]
FOLDS = 5


def scale_of(x, standardize):
    if not standardize:
        return np.ones(x.shape[1])
    rms = np.sqrt(np.mean(x * x, axis=0))
    constant = np.all(x == x[0], axis=0)
    return np.where(constant, 0.0, 1.0 / np.where(rms == 0, 1.0, rms))


def ridge(x, y, l2, standardize):
    s = scale_of(x, standardize)
    model = Ridge(alpha=len(x) * np.float64(np.float32(l2)) / 2).fit(x * s, y)
    return model, s


def case(name, x, y, standardize, test_x):
    x = x.astype(np.float32).astype(np.float64)
    test_x = test_x.astype(np.float32).astype(np.float64)
    y = y.astype(np.float32).astype(np.float64)
    fold = np.arange(len(x)) % FOLDS
    errors = []
    for l2 in GRID:
        per_fold = []
        for k in range(FOLDS):
            train, test = fold != k, fold == k
            model, s = ridge(x[train], y[train], l2, standardize)
            per_fold.append(np.mean((model.predict(x[test] * s) - y[test]) ** 2))
        errors.append(float(np.mean(per_fold)))
    chosen = GRID[int(np.argmin(errors))]
    model, s = ridge(x, y, chosen, standardize)
    return {
        "name": name, "standardize": standardize,
        "rows": None if name == "seattle" else x.tolist(), "labels": None if name == "seattle" else y.tolist(),
        "folds": fold.tolist(),
        "l2": GRID, "cvErrors": errors, "chosenL2": chosen,
        "coef": model.coef_.tolist(), "intercept": float(model.intercept_),
        "testRows": test_x.tolist(), "testPredictions": model.predict(test_x * s).tolist(),
    }


def seattle():
    """temp_max from precipitation, temp_min, wind: the 1,461 days of data/seattle-weather."""
    with open(os.path.join(REPO, "data", "seattle-weather", "seattle-weather.csv"), newline="") as f:
        rows = list(csv.DictReader(f))
    x = np.array([[float(r["precipitation"]), float(r["temp_min"]), float(r["wind"])] for r in rows])
    y = np.array([float(r["temp_max"]) for r in rows])
    return x, y


def seattle_held_out():
    """20 days that are not in the data: precipitation 0-30 mm, temp_min -5-20 °C, wind 0-9 m/s."""
    rng = np.random.RandomState(1)
    return np.round(np.column_stack([rng.uniform(0, 30, 20), rng.uniform(-5, 20, 20), rng.uniform(0, 9, 20)]), 1)


def wide():
    """40 rows of 60 features (more than any fold trains on), feature 5 constant; y = 3 x0 - 2 x1 + noise; and 15
    held-out rows from the same distribution, except feature 5 = 4 (a feature constant in training adds nothing)."""
    rng = np.random.RandomState(0)
    x = rng.normal(size=(40, 60)) * (spread := rng.uniform(0.1, 10, size=60)) + (shift := rng.normal(size=60))
    x[:, 5] = 2.5
    y = 3 * x[:, 0] - 2 * x[:, 1] + rng.normal(size=40) + 7
    test_x = rng.normal(size=(15, 60)) * spread + shift
    test_x[:, 5] = 4
    return np.round(x, 3), np.round(y, 3), np.round(test_x, 3)


x, y = seattle()
wx, wy, wt = wide()
cases = [case("seattle", x, y, True, seattle_held_out()), case("wide", wx, wy, True, wt), case("wide-unscaled", wx, wy, False, wt)]
with open(os.path.join(HERE, "ridge_fixtures.json"), "w") as f:
    json.dump({"sklearn": sklearn.__version__, "numpy": np.__version__, "cases": cases}, f)
for c in cases:
    print(c["name"], c["chosenL2"], ["%.12g" % e for e in c["cvErrors"]])
