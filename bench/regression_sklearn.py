# scikit-learn's RidgeCV and HistGradientBoostingRegressor (defaults, random_state=0) on the regression sets and splits
# of tests/MlNetTransfer.Tests/Heads/RegressionHeadTests.cs: Seattle's maximum temperature from precipitation, minimum
# temperature and wind (first 1,100 days train, the rest test) and the penguins' body mass from beak length, beak depth
# and flipper length (rows with a missing number dropped; row i tests when i % 5 == 4). Prints R² and MAE per model.
#
# Usage: /usr/bin/python3 bench/regression_sklearn.py [repo root, default .]   (needs Debian's python3-sklearn)
import csv, sys
import numpy as np
from sklearn.linear_model import RidgeCV
from sklearn.ensemble import HistGradientBoostingRegressor
from sklearn.metrics import r2_score, mean_absolute_error
import sklearn
root = sys.argv[1] if len(sys.argv) > 1 else "."
def seattle():
    rows = list(csv.DictReader(open(f"{root}/data/seattle-weather/seattle-weather.csv")))
    X = np.array([[float(r["precipitation"]), float(r["temp_min"]), float(r["wind"])] for r in rows], dtype=np.float32)
    y = np.array([float(r["temp_max"]) for r in rows], dtype=np.float32)
    return X[:1100], y[:1100], X[1100:], y[1100:]
def penguins():
    rows = [r for r in csv.DictReader(open(f"{root}/data/penguins/penguins.csv"))
            if all(r[c] != "" for c in ["Beak Length (mm)", "Beak Depth (mm)", "Flipper Length (mm)", "Body Mass (g)"])]
    X = np.array([[float(r["Beak Length (mm)"]), float(r["Beak Depth (mm)"]), float(r["Flipper Length (mm)"])] for r in rows], dtype=np.float32)
    y = np.array([float(r["Body Mass (g)"]) for r in rows], dtype=np.float32)
    test = np.arange(len(rows)) % 5 == 4
    return X[~test], y[~test], X[test], y[test]
print("scikit-learn", sklearn.__version__)
for name, data in [("seattle", seattle()), ("penguins", penguins())]:
    Xtr, ytr, Xte, yte = data
    for model_name, model in [("RidgeCV", RidgeCV()), ("HistGradientBoostingRegressor", HistGradientBoostingRegressor(random_state=0))]:
        p = model.fit(Xtr, ytr).predict(Xte)
        print(f"{name} {model_name}: R² {r2_score(yte, p):.4f}, MAE {mean_absolute_error(yte, p):.3f} ({len(yte)} test rows, {len(ytr)} train)")
