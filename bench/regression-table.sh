#!/usr/bin/env bash
# The regression table: mlnet-transfer's regression heads (linear, fasttree, lightgbm, mlp) against scikit-learn's
# RidgeCV and HistGradientBoostingRegressor on the same train/test CSVs (bench/regression_sets.py: Seattle's temp_max,
# the penguins' body mass, scikit-learn's diabetes, and the turn angle of the shipped Fashion-MNIST images). Prints a
# Markdown table (R², MAE) and writes it, with the machine and the command, to the "Regression" section of BENCHMARKS.md.
#
# Usage: bash bench/regression-table.sh      (needs Debian's python3-sklearn and python3-pil)
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build src/MlNetTransfer.Cli -c Release -v q -nologo >/dev/null
app="dotnet src/MlNetTransfer.Cli/bin/Release/net10.0/mlnet-transfer.dll"
/usr/bin/python3 bench/regression_sets.py "$work/sets"
/usr/bin/python3 bench/regression_sklearn.py "$work/sets" > "$work/sklearn.jsonl"

declare -A what=(
  [seattle]="Seattle weather: temp_max (°C) from precipitation, temp_min, wind, weather"
  [penguins]="Penguins: body mass (g) from species, island, sex, beak and flipper sizes"
  [diabetes]="Diabetes (scikit-learn): disease progression from 10 measures"
  [rotation]="Fashion-MNIST turned: angle (°) from the image (ResNet18 for us, raw pixels for scikit-learn)"
  [rotation-classical]="Fashion-MNIST turned: angle (°) from the image (\`--backbone classical\` for us: HOG, Sobel, LBP; raw pixels for scikit-learn)"
)
rows=()
for row in seattle penguins diabetes rotation rotation-classical; do
  set=${row%%-*}
  extra=()
  [[ $row == *-classical ]] && extra=(--backbone classical)
  dir="$work/sets/$set"
  label=$(python3 -c "import json; print(json.load(open('$dir/meta.json'))['label'])")
  cells=()
  for trainer in linear fasttree lightgbm mlp; do
    $app train --data "$dir/train.csv" --test "$dir/test.csv" --label "$label" --task regression --trainer $trainer \
      --seed 1 "${extra[@]}" --out "$work/m.zip" --metrics-json "$work/m.json" --cache-dir "$work/cache" >/dev/null
    cells+=("$(python3 -c "import json; m=json.load(open('$work/m.json')); print(f\"{m['r2']:.3f} / {m['mae']:.3g}\")")")
  done
  peers=$(python3 -c "
import json
rows = [json.loads(l) for l in open('$work/sklearn.jsonl') if json.loads(l)['set'] == '$set']
by = {r['model']: r for r in rows}
print(' | '.join(f\"{by[m]['r2']:.3f} / {by[m]['mae']:.3g}\" for m in ['RidgeCV', 'HistGradientBoostingRegressor']), '|', rows[0]['train'], '/', rows[0]['test'])")
  rows+=("| ${what[$row]} | $(IFS='|'; echo "${cells[*]}" | sed 's/|/ | /g') | $peers |")
  echo "${rows[-1]}" >&2
done
sk=$(head -1 "$work/sklearn.jsonl" | python3 -c "import json,sys; print(json.load(sys.stdin)['sklearn'])")

{
  echo "## Regression — heads vs scikit-learn"
  echo
  echo "Each cell: R² / MAE (label units) on the test CSV; ours is \`mlnet-transfer train --task regression --trainer <head> --seed 1\` on"
  echo "the same train/test CSVs scikit-learn $sk reads (\`bench/regression_sets.py\`: seeded random 80/20 splits; categorical columns"
  echo "one-hot on both sides, numbers standardised for the linear models)."
  echo
  echo "| set | linear | fasttree | lightgbm | mlp | RidgeCV | HistGradientBoosting | train / test rows |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|"
  printf '%s\n' "${rows[@]}"
  echo
  echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(git rev-parse --short HEAD); command: \`bash bench/regression-table.sh\`."
} > "$work/section.md"
cat "$work/section.md"
python3 bench/write_section.py "$work/section.md"
