# scikit-learn's peers for the regression table, on the sets bench/regression_sets.py wrote: RidgeCV (default alphas
# 0.1, 1, 10, leave-one-out CV) on standardised numbers + one-hot categoricals, and HistGradientBoostingRegressor
# (defaults, random_state=0) on the same columns; the rotation set's features are the raw pixels (784 values / 255),
# what a scikit-learn user without a backbone has. Prints one JSON object per line: set, model, r2, mae, test rows.
#
# Usage: /usr/bin/python3 bench/regression_sklearn.py <sets folder>     (needs Debian's python3-sklearn, python3-pil)
import csv, json, os, sys
import numpy as np
import sklearn
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingRegressor
from sklearn.linear_model import RidgeCV
from sklearn.metrics import mean_absolute_error, r2_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

sets = sys.argv[1]


def table(folder, part, meta):
    rows = list(csv.DictReader(open(os.path.join(folder, f"{part}.csv"))))
    y = np.array([float(r[meta["label"]]) for r in rows])
    if meta["numeric"] or meta["categorical"]:
        cat = np.array([[r[c] for c in meta["categorical"]] for r in rows], dtype=object).reshape(len(rows), -1)
        num = np.array([[float(r[c]) for c in meta["numeric"]] for r in rows]).reshape(len(rows), -1)
        return np.concatenate([num, cat], axis=1), y
    from PIL import Image
    pixels = [np.asarray(Image.open(os.path.join(folder, r["image"])).convert("L"), dtype=np.float64).ravel() / 255 for r in rows]
    return np.array(pixels), y


for name in sorted(os.listdir(sets)):
    folder = os.path.join(sets, name)
    meta = json.load(open(os.path.join(folder, "meta.json")))
    Xtr, ytr = table(folder, "train", meta)
    Xte, yte = table(folder, "test", meta)
    n_num, n_cat = len(meta["numeric"]), len(meta["categorical"])
    if n_num + n_cat:
        num_cols, cat_cols = list(range(n_num)), list(range(n_num, n_num + n_cat))
        def encode(scale):
            return ColumnTransformer([("num", StandardScaler() if scale else "passthrough", num_cols),
                                      ("cat", OneHotEncoder(handle_unknown="ignore", sparse_output=False), cat_cols)])
        Xtr_f, Xte_f = Xtr, Xte
    else:
        def encode(scale):
            return StandardScaler() if scale else "passthrough"
        Xtr_f, Xte_f = Xtr.astype(float), Xte.astype(float)
    for model_name, model in [("RidgeCV", make_pipeline(encode(True), RidgeCV())),
                              ("HistGradientBoostingRegressor", make_pipeline(encode(False), HistGradientBoostingRegressor(random_state=0)))]:
        p = model.fit(Xtr_f, ytr).predict(Xte_f)
        print(json.dumps({"set": name, "model": model_name, "sklearn": sklearn.__version__, "r2": r2_score(yte, p),
                          "mae": mean_absolute_error(yte, p), "test": len(yte), "train": len(ytr)}))
