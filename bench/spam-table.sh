#!/usr/bin/env bash
# The SpamAssassin table: mlnet-transfer's text featurizers x heads against scikit-learn's TfidfVectorizer +
# LogisticRegression, all on the same split: train on the older emails' 80% (data/spam-assassin/older-train.csv,
# easy-ham-1 + spam-1), test on the held-out older 20% (older-test.csv). Prints a Markdown table (accuracy, macro-F1,
# AUC of spam) and writes it, with the machine and the command, to the "SpamAssassin" section of BENCHMARKS.md.
#
# Usage: bash bench/spam-table.sh            (needs data/spam-assassin: bash data/fetch_spam_assassin.sh;
#                                              scikit-learn's row needs Debian's python3-sklearn)
set -euo pipefail
cd "$(dirname "$0")/.."
data=data/spam-assassin
[[ -f $data/older-train.csv ]] || { echo "spam-table.sh: $data/older-train.csv is missing: run bash data/fetch_spam_assassin.sh" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build src/MlNetTransfer.Cli -c Release -v q -nologo >/dev/null
app="dotnet src/MlNetTransfer.Cli/bin/Release/net10.0/mlnet-transfer.dll"
cache="$work/cache"   # one cache for the run: minilm embeds each email once, later rows read it

rows=()
for featurizers in "sklearn-tfidf" "tfidf" "minilm" "tfidf minilm"; do
  for trainer in lr fasttree; do
    [[ $featurizers == sklearn-tfidf && $trainer == fasttree ]] && continue   # sklearn-tfidf + lr: scikit-learn's own features
    args=()
    for f in $featurizers; do args+=(--text-featurizer "$f"); done
    name="${featurizers// /+} + $trainer"
    start=$(date +%s.%N)
    $app train --data $data/older-train.csv --test $data/older-test.csv --text-column text "${args[@]}" --trainer $trainer \
      --out "$work/m.zip" --metrics-json "$work/m.json" --cache-dir "$cache" >/dev/null
    seconds=$(echo "$(date +%s.%N) - $start" | bc)
    rows+=("$(python3 -c "import json,sys; m=json.load(open('$work/m.json')); print(f\"| mlnet-transfer {sys.argv[1]} | {m['examples']} | {m['accuracy']:.4f} | {m['macroF1']:.4f} | {m['auc']:.4f} | {float(sys.argv[2]):.0f} s |\")" "$name" "$seconds")")
    echo "${rows[-1]}" >&2
  done
done
if /usr/bin/python3 -c "import sklearn" 2>/dev/null; then
  start=$(date +%s.%N)
  /usr/bin/python3 bench/spam_sklearn.py $data --repetitions 1 > "$work/sk.json"
  seconds=$(echo "$(date +%s.%N) - $start" | bc)
  rows+=("$(python3 -c "import json,sys; r=json.load(open('$work/sk.json')); m=r['olderTest']; print(f\"| scikit-learn {r['sklearn']} TfidfVectorizer + LogisticRegression | {m['examples']} | {m['accuracy']:.4f} | {m['macroF1']:.4f} | {m['auc']:.4f} | {float(sys.argv[1]):.0f} s |\")" "$seconds")")
else
  rows+=("| scikit-learn (not run: /usr/bin/python3 has no sklearn) | | | | | |")
fi

{
  echo "## SpamAssassin — text featurizers and heads vs scikit-learn"
  echo
  echo "Train: \`$data/older-train.csv\` (2,416 older emails, 401 spam); test: \`$data/older-test.csv\` (584 held-out older emails, 99 spam);"
  echo "text = subject + body (\`data/spam_assassin_to_csv.py\`). *time*: the whole command (load, featurize, fit, score, save the zip; minilm rows after the first read its embeddings from the cache)."
  echo
  echo "| model | test emails | accuracy | macro-F1 | AUC (spam) | time |"
  echo "|---|---:|---:|---:|---:|---:|"
  printf '%s\n' "${rows[@]}"
  echo
  echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(git rev-parse --short HEAD); command: \`bash bench/spam-table.sh\`."
} > "$work/section.md"
cat "$work/section.md"
python3 bench/write_section.py "$work/section.md"
