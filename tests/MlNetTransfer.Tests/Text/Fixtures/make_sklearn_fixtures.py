#!/usr/bin/python3
"""Writes the scikit-learn reference fixtures for tests/MlNetTransfer.Tests/Text.

Run with Debian's scikit-learn (apt-get install python3-sklearn), which installs for /usr/bin/python3:

    /usr/bin/python3 tests/MlNetTransfer.Tests/Text/Fixtures/make_sklearn_fixtures.py

Each case fits a vectorizer on `fit` documents and records feature names (get_feature_names_out order), the
fit_transform matrix and the transform matrix of other documents (unseen words), dense, as float64 (repr: full
precision). Tokens of every document (build_analyzer) are recorded too, so the tokenizer is tested on its own.
"""
import json
import os
import platform

import numpy
import scipy
import sklearn
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS
from sklearn.pipeline import FeatureUnion

HERE = os.path.dirname(os.path.abspath(__file__))

SEED = [
    "The quick brown fox jumped over the lazy dog.",
    "The dog slept through the entire day.",
    "The fox ran in circles trying to catch its tail.",
    "The lazy dog finally woke up to chase the fox.",
]

# Varied short documents: punctuation, digits, underscores, apostrophes, 1-char tokens, accented and other
# unicode words (including a decomposed accent, Greek capitals with a final sigma, a dotted capital I, a
# non-BMP letter), repeated words, an empty string and whitespace only.
CORPUS = [
    "I can't believe it's not butter!",
    "The cat sat on the mat; the mat was flat.",
    "Call 555-1234 or 555_9876 before 10pm, ok?",
    "snake_case_names and CamelCaseNames are both identifiers",
    "a b c d e f g h i j",
    "",
    "   \t\n  ",
    "Café au lait, s'il vous plaît — très bon!",
    "Naïve résumé: coöperate with the façade.",
    "Straße, Größe und Übermut in München",
    "ΣΟΦΙΑΣ και ΛΟΓΟΣ: the Greek words",
    "İstanbul and Diyarbakır are cities",
    "Cafe\u0301 with a combining accent",
    "𝐁𝐨𝐥𝐝 math letters and 𝔣𝔯𝔞𝔨𝔱𝔲𝔯",
    "数据科学 and 機械学習 in Japanese",
    "dog dog dog dog dog cat",
    "The the THE tHe thE",
    "Email me at someone@example.com or visit http://example.org/page?id=42",
    "It's 3.14159 and 2,718 and 1e10 and x² and ½ cup",
    "Don't stop believing; hold on to that feeling.",
    "We're here, we're queer, get used to it!",
    "The quick brown fox jumps over the lazy dog again and again",
    "To be or not to be, that is the question.",
    "All work and no play makes Jack a dull boy. All work!",
    "R2-D2 and C-3PO are droids; BB-8 too.",
    "hello-world hello_world helloworld HelloWorld",
    "Tabs\tand\nnewlines\r\nseparate   words",
    "#hashtag @mention $dollar %percent ^caret &amp *star",
    "ML.NET vs scikit-learn: which is faster?",
    "the fox, the dog, the cat and the mat",
    # held-out part (transform only): unseen words, some seen ones
    "An unseen zebra and a dog met the fox.",
    "Completely novel vocabulary here xylophone quasar",
    "",
    "  ",
    "The cat and the dog and the fox: all friends now.",
    "Übermut café naïve ΣΟΦΙΑΣ",
    "It's not butter, it's margarine!",
    "work work work play play",
    "snake_case_names again, and hello_world",
    "a I x y z",
]
FIT, HELD = CORPUS[:30], CORPUS[30:]

# (name, keyword arguments shared by CountVectorizer and TfidfVectorizer, tfidf-only keyword arguments)
CASES = [
    ("default", {}, {}),
    ("ngram_1_2", {"ngram_range": (1, 2)}, {}),
    ("ngram_1_3", {"ngram_range": (1, 3)}, {}),
    ("ngram_2_3", {"ngram_range": (2, 3)}, {}),
    ("min_df_2", {"min_df": 2}, {}),
    ("min_df_0.1", {"min_df": 0.1}, {}),
    ("max_df_0.5", {"max_df": 0.5}, {}),
    ("max_df_3", {"max_df": 3}, {}),
    ("max_features_10", {"max_features": 10}, {}),
    ("max_features_40_ngram_1_2", {"max_features": 40, "ngram_range": (1, 2)}, {}),
    ("binary", {"binary": True}, {}),
    ("binary_max_features_10", {"binary": True, "max_features": 10}, {}),
    ("stop_words", {"stop_words": "english"}, {}),
    ("stop_words_ngram_1_2_min_df_2", {"stop_words": "english", "ngram_range": (1, 2), "min_df": 2}, {}),
    ("stop_words_ngram_1_3_max_df_0.5", {"stop_words": "english", "ngram_range": (1, 3), "max_df": 0.5}, {}),
    ("sublinear", {}, {"sublinear_tf": True}),
    ("sublinear_ngram_1_3_max_features_25", {"ngram_range": (1, 3), "max_features": 25}, {"sublinear_tf": True}),
    ("sublinear_binary", {"binary": True}, {"sublinear_tf": True}),
    ("char_wb_3_3", {"analyzer": "char_wb", "ngram_range": (3, 3)}, {}),
    ("char_wb_1_5", {"analyzer": "char_wb", "ngram_range": (1, 5)}, {}),
    ("char_wb_2_4_min_df_2", {"analyzer": "char_wb", "ngram_range": (2, 4), "min_df": 2}, {}),
]


def dense(matrix):
    return [[float(v) for v in row] for row in matrix.toarray()]


def record(vectorizer, fit_docs, held_docs):
    fitted = vectorizer.fit_transform(fit_docs)
    return {
        "featureNames": [str(n) for n in vectorizer.get_feature_names_out()],
        "fit": dense(fitted),
        "transform": dense(vectorizer.transform(held_docs)) if held_docs else [],
    }


def union_names(union):
    return [str(n) for n in union.get_feature_names_out()]


def main():
    cases = []
    for name, common, tfidf_only in CASES:
        for kind in ("count", "tfidf"):
            if kind == "count" and tfidf_only:
                continue
            options = dict(common)
            if kind == "tfidf":
                options.update(tfidf_only)
            vectorizer = (CountVectorizer if kind == "count" else TfidfVectorizer)(**options)
            case = {"name": f"{kind}_{name}", "kind": kind,
                    "options": {k: list(v) if isinstance(v, tuple) else v for k, v in options.items()},
                    "fitDocuments": "corpusFit", "transformDocuments": "corpusHeld"}
            case.update(record(vectorizer, FIT, HELD))
            cases.append(case)
    for kind in ("count", "tfidf"):
        cls = CountVectorizer if kind == "count" else TfidfVectorizer
        case = {"name": f"{kind}_seed", "kind": kind, "options": {},
                "fitDocuments": "seed", "transformDocuments": "seed"}
        case.update(record(cls(), SEED, SEED))
        cases.append(case)
        # The library's `bow` / `tfidf` presets: word 1-2-grams and char_wb 3-grams, each part weighted (and
        # L2-normalised for tfidf) on its own, then concatenated, as a FeatureUnion does.
        union = FeatureUnion([("word", cls(ngram_range=(1, 2))), ("char", cls(analyzer="char_wb", ngram_range=(3, 3)))])
        fitted = union.fit_transform(FIT)
        cases.append({"name": f"preset_{'bow' if kind == 'count' else 'tfidf'}", "kind": kind, "options": {"preset": True},
                      "fitDocuments": "corpusFit", "transformDocuments": "corpusHeld",
                      "featureNames": union_names(union), "fit": dense(fitted), "transform": dense(union.transform(HELD))})

    # numpy's default (unstable) argsort, which breaks max_features ties: integer arrays full of ties.
    rng = numpy.random.RandomState(0)
    argsort_cases = []
    for size, high in [(5, 3), (16, 4), (17, 4), (50, 5), (200, 7), (1000, 10), (3000, 3)]:
        values = -rng.randint(0, high, size=size).astype(numpy.int64)
        argsort_cases.append({"values": [int(v) for v in values], "argsort": [int(i) for i in values.argsort()]})
    descending = -numpy.arange(300, dtype=numpy.int64) // 7
    argsort_cases.append({"values": [int(v) for v in descending], "argsort": [int(i) for i in descending.argsort()]})

    analyzer = CountVectorizer().build_analyzer()
    fixture = {
        "generator": "tests/MlNetTransfer.Tests/Text/Fixtures/make_sklearn_fixtures.py",
        "sklearnVersion": sklearn.__version__,
        "numpyVersion": numpy.__version__,
        "scipyVersion": scipy.__version__,
        "python": platform.python_version(),
        "documents": {"seed": SEED, "corpusFit": FIT, "corpusHeld": HELD},
        "tokens": [analyzer(d) for d in SEED + CORPUS],
        "tokenDocuments": SEED + CORPUS,
        "englishStopWords": sorted(ENGLISH_STOP_WORDS),
        "argsortCases": argsort_cases,
        "cases": cases,
    }
    path = os.path.join(HERE, "sklearn_fixtures.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(fixture, f, ensure_ascii=False, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {path}: {len(cases)} cases, sklearn {sklearn.__version__}")


if __name__ == "__main__":
    main()
