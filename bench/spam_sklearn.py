#!/usr/bin/env python3
"""scikit-learn's side of the SpamAssassin comparison: TfidfVectorizer (defaults) + LogisticRegression (defaults,
max_iter raised so it converges) trained on data/spam-assassin/older-train.csv and tested on older-test.csv (and
newer.csv), the same split MlNetTransfer's bench uses. Also times TfidfVectorizer.fit_transform over the training
emails (median of --repetitions runs, wall clock and this process's CPU time: on a shared machine the CPU time is
the steadier of the two), the reference for the TF-IDF throughput ratio.

Prints one JSON object on stdout. Needs Debian's python3-sklearn (run with /usr/bin/python3).
Usage: spam_sklearn.py DATA_DIR [--repetitions N]
"""
import csv
import json
import statistics
import sys
import time

import sklearn
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score, roc_auc_score


def read(path):
    csv.field_size_limit(sys.maxsize)
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return [r["text"] for r in rows], [r["label"] for r in rows]


def metrics(model, vectorizer, texts, labels):
    x = vectorizer.transform(texts)
    predicted = model.predict(x)
    spam = list(model.classes_).index("spam")
    probability = model.predict_proba(x)[:, spam]
    return {
        "examples": len(labels),
        "accuracy": accuracy_score(labels, predicted),
        "macroF1": f1_score(labels, predicted, average="macro"),
        "auc": roc_auc_score([label == "spam" for label in labels], probability),
    }


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    data_dir = argv[1]
    repetitions = int(argv[argv.index("--repetitions") + 1]) if "--repetitions" in argv else 3
    train_x, train_y = read(f"{data_dir}/older-train.csv")
    test_x, test_y = read(f"{data_dir}/older-test.csv")
    newer_x, newer_y = read(f"{data_dir}/newer.csv")

    seconds, cpu_seconds = [], []
    for _ in range(repetitions):
        start, start_cpu = time.perf_counter(), time.process_time()
        vectorizer = TfidfVectorizer()
        matrix = vectorizer.fit_transform(train_x)
        seconds.append(time.perf_counter() - start)
        cpu_seconds.append(time.process_time() - start_cpu)
    model = LogisticRegression(max_iter=1000).fit(matrix, train_y)
    result = {
        "sklearn": sklearn.__version__,
        "python": sys.version.split()[0],
        "train": len(train_y),
        "vocabulary": len(vectorizer.vocabulary_),
        "tfidfFitTransformSeconds": statistics.median(seconds),
        "tfidfSecondsEach": seconds,
        "tfidfFitTransformCpuSeconds": statistics.median(cpu_seconds),
        "olderTest": metrics(model, vectorizer, test_x, test_y),
        "newer": metrics(model, vectorizer, newer_x, newer_y),
    }
    json.dump(result, sys.stdout, indent=2)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
