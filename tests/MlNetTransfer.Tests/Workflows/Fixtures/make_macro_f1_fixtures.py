#!/usr/bin/python3
"""Writes macro_f1.json: scikit-learn's macro-averaged F1 for ClassificationMetricsTests.

Run with Debian's scikit-learn 1.2.1 (apt-get install python3-sklearn), which installs for /usr/bin/python3:

    /usr/bin/python3 tests/MlNetTransfer.Tests/Workflows/Fixtures/make_macro_f1_fixtures.py

Each case holds a model's labels, true and predicted labels, and `f1_score(y_true, y_pred, average="macro",
zero_division=0)` with scikit-learn's default labels (unique_labels(y_true, y_pred): the classes true or predicted at
least once), plus the per-class F1 of those labels. The cases are small hand-made ones (a subset that holds some of the
model's classes, a class only predicted, a class never predicted, perfect and all-wrong predictions) and seeded random
ones in which a random part of the model's labels is left out of the data.
"""
import json
import os
import platform

import numpy
import sklearn
from sklearn.metrics import f1_score
from sklearn.utils.multiclass import unique_labels

HERE = os.path.dirname(os.path.abspath(__file__))


def case(name, labels, y_true, y_pred):
    present = [str(x) for x in unique_labels(y_true, y_pred)]
    per_class = f1_score(y_true, y_pred, labels=present, average=None, zero_division=0)
    return {
        "name": name,
        "labels": labels,
        "truth": list(y_true),
        "predicted": list(y_pred),
        "presentLabels": present,
        "perClassF1": [float(v) for v in per_class],
        "macroF1": float(f1_score(y_true, y_pred, average="macro", zero_division=0)),
    }


def main():
    abc = ["a", "b", "c", "d"]
    cases = [
        case("subset of the model's classes", abc, ["a", "a", "b", "b"], ["a", "b", "b", "b"]),
        case("a class only predicted", abc, ["a", "a", "b"], ["a", "c", "b"]),
        case("a class never predicted", abc, ["a", "b", "c"], ["a", "b", "b"]),
        case("perfect on two of four", abc, ["c", "d", "d"], ["c", "d", "d"]),
        case("all wrong", abc, ["a", "b"], ["b", "a"]),
        case("one class only", abc, ["b", "b", "b"], ["b", "b", "b"]),
        case("binary, one class present", ["neg", "pos"], ["pos", "pos", "pos"], ["pos", "neg", "pos"]),
    ]
    rng = numpy.random.RandomState(0)
    for i in range(12):
        k = int(rng.randint(3, 9))
        labels = [f"class{j}" for j in range(k)]
        used = sorted(rng.choice(k, size=int(rng.randint(2, k + 1)), replace=False))
        n = int(rng.randint(5, 60))
        y_true = [labels[j] for j in rng.choice(used, size=n)]
        # mostly right, sometimes any of the model's labels (including ones absent from the data)
        y_pred = [t if rng.rand() < 0.6 else labels[int(rng.randint(k))] for t in y_true]
        cases.append(case(f"random {i}", labels, y_true, y_pred))
    out = {
        "generator": "make_macro_f1_fixtures.py",
        "python": platform.python_version(),
        "sklearn": sklearn.__version__,
        "numpy": numpy.__version__,
        "cases": cases,
    }
    with open(os.path.join(HERE, "macro_f1.json"), "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
