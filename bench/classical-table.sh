#!/usr/bin/env bash
# The Fashion-MNIST table for issue 13: raw pixels vs classical image features (--backbone classical) vs ResNet18
# (--backbone resnet18), each with the lr and fasttree heads, all through `mlnet-transfer train`. Train: the first 100
# images of each class of the training set (1,000); test: the whole test set (10,000). Raw pixels go in as a CSV of 784
# numeric columns (bench/fashion_pixels_csv.py): the CLI has no raw-pixel image featurizer, and its numeric part
# (missing values -> mean, then standardised) is what a raw-pixel model needs. Prints a Markdown table and writes it, with
# the machine and the commands, to the "Fashion-MNIST — raw pixels vs classical vs ResNet18" section of BENCHMARKS.md.
#
# Usage: bash bench/classical-table.sh [DATA_DIR]
#   DATA_DIR (default ${TMPDIR:-/tmp}/fashion-mnist-100) is filled by data/fetch.sh DATA_DIR --train-per-class 100
#   (apt-get download dataset-fashion-mnist; nothing is written into the repository but BENCHMARKS.md).
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-${TMPDIR:-/tmp}/fashion-mnist-100}
bash data/fetch.sh "$data" --train-per-class 100 >&2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build src/MlNetTransfer.Cli -c Release -v q -nologo >/dev/null
app="dotnet src/MlNetTransfer.Cli/bin/Release/net10.0/mlnet-transfer.dll"
cache="$work/cache"   # one cache for the run: the fasttree row of resnet18 reads the lr row's embeddings
python3 bench/fashion_pixels_csv.py "$data/train" "$work/train-pixels.csv"
python3 bench/fashion_pixels_csv.py "$data/test" "$work/test-pixels.csv"

rows=()
commands=()
for features in "raw pixels" classical resnet18; do
  for trainer in lr fasttree; do
    if [[ $features == "raw pixels" ]]; then
      args=(--data "$work/train-pixels.csv" --test "$work/test-pixels.csv" --label label)
      shown="train --data train-pixels.csv --test test-pixels.csv --label label --trainer $trainer"
    else
      args=(--data "$data/train" --test "$data/test" --backbone "$features")
      shown="train --data \$DATA/train --test \$DATA/test --backbone $features --trainer $trainer"
    fi
    start=$(date +%s.%N)
    $app train "${args[@]}" --trainer "$trainer" --out "$work/m.zip" --metrics-json "$work/m.json" --cache-dir "$cache" > "$work/log.txt"
    seconds=$(echo "$(date +%s.%N) - $start" | bc)
    rows+=("$(python3 - "$features" "$trainer" "$seconds" "$work/m.json" <<'PY'
import json, sys
features, trainer, seconds, path = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4]
m = json.load(open(path))
size = {"raw pixels": "784", "classical": "1,868", "resnet18": "512"}[features]
print(f"| {features} | {size} | {trainer} | {m['examples']:,} | {m['accuracy']:.4f} | {m['macroF1']:.4f} | {seconds:.0f} s |")
PY
)")
    commands+=("mlnet-transfer $shown")
    grep -E "^Featurizing|^Training" "$work/log.txt" >&2 || true
    echo "${rows[-1]}" >&2
  done
done

{
  echo "## Fashion-MNIST — raw pixels vs classical vs ResNet18 features, 100 labels per class"
  echo
  echo "Train: the first 100 images of each class of the Fashion-MNIST training set (1,000 images); test: the whole test set (10,000 images); 28×28 gray PNGs"
  echo "written by \`data/fetch.sh \$DATA --train-per-class 100\` from Debian's \`dataset-fashion-mnist\`. Every row is one \`mlnet-transfer train\` run:"
  echo "*raw pixels* is a CSV of the 784 gray levels as numeric columns (\`bench/fashion_pixels_csv.py\`; the CLI has no raw-pixel image featurizer), standardised"
  echo "by the numeric part; *classical* is \`--backbone classical\` (colour, Sobel, uniform LBP and HOG features of the image resized to 64×64);"
  echo "*resnet18* the frozen ImageNet ResNet18. *time*: the whole command (load, featurize train and test, fit, score 10,000 images, save the zip);"
  echo "resnet18 + fasttree reads the embeddings the lr run cached, so its time leaves out featurizing."
  echo
  echo "| features | values | head | test images | accuracy | macro-F1 | time |"
  echo "|---|---:|---|---:|---:|---:|---:|"
  printf '%s\n' "${rows[@]}"
  echo
  echo "Commands (\`bash bench/classical-table.sh\` runs them all and writes this section):"
  echo
  echo '```'
  printf '%s\n' "${commands[@]}"
  echo '```'
  echo
  echo "Machine: $(nproc) cores, $(lscpu | grep -m1 'Model name' | cut -d: -f2 | xargs), load average $(cut -d' ' -f1-3 /proc/loadavg) at the end (shared), commit $(git rev-parse --short HEAD)."
} > "$work/section.md"
cat "$work/section.md"
python3 bench/write_section.py "$work/section.md"
