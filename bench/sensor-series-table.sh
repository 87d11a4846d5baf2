#!/usr/bin/env bash
# The sensor-series table: which of four motes recorded a window of 32 readings (160 s) of temperature and humidity
# (data/sensor-series, made by data/sensor_series_to_csv.py; test windows come later in the session than every
# training window). Raw values (the 64 readings as numeric columns) against the series featurizers (stats, fft,
# wavelet, all three; --series-column temperature --series-column humidity), each with the lr and fasttree heads, all
# through the CLI. Prints a Markdown table and writes it, with the machine and the command, to the "Sensor series"
# section of BENCHMARKS.md.
#
# Usage: bash bench/sensor-series-table.sh     (needs only the .NET SDK and python3)
set -euo pipefail
cd "$(dirname "$0")/.."
data=data/sensor-series
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build src/MlNetTransfer.Cli -c Release -v q -nologo >/dev/null
app="dotnet src/MlNetTransfer.Cli/bin/Release/net10.0/mlnet-transfer.dll"

# Raw values: the same windows with one numeric column per reading (t00..t31, h00..h31).
python3 - "$data" "$work" <<'PY'
import csv, sys, os
for split in ("train", "test"):
    rows = list(csv.DictReader(open(os.path.join(sys.argv[1], split + ".csv"), newline="")))
    with open(os.path.join(sys.argv[2], split + "-wide.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["mote"] + [f"t{i:02}" for i in range(32)] + [f"h{i:02}" for i in range(32)])
        for r in rows:
            w.writerow([r["mote"]] + r["temperature"].split(";") + r["humidity"].split(";"))
PY
raw_columns=()
for i in $(seq -w 0 31); do raw_columns+=(--numeric-column "t$i" --numeric-column "h$i"); done

rows=()
for features in raw stats fft wavelet "stats fft wavelet"; do
  for trainer in lr fasttree; do
    if [[ $features == raw ]]; then
      args=(--data "$work/train-wide.csv" --test "$work/test-wide.csv" "${raw_columns[@]}")
    else
      args=(--data $data/train.csv --test $data/test.csv --series-column temperature --series-column humidity)
      for f in $features; do args+=(--series-featurizer "$f"); done
    fi
    start=$(date +%s.%N)
    $app train "${args[@]}" --label mote --trainer $trainer --out "$work/m.zip" --metrics-json "$work/m.json" >/dev/null
    seconds=$(echo "$(date +%s.%N) - $start" | bc)
    rows+=("$(python3 -c "import json,sys; m=json.load(open('$work/m.json')); print(f\"| {sys.argv[1]} | {sys.argv[2]} | {m['accuracy']:.4f} | {m['macroF1']:.4f} | {float(sys.argv[3]):.1f} s |\")" "${features// /+}" "$trainer" "$seconds")")
    echo "${rows[-1]}" >&2
  done
done
majority=$(python3 -c "import csv,collections; c=collections.Counter(r['mote'] for r in csv.DictReader(open('$data/test.csv'))); print(f'{max(c.values())/sum(c.values()):.4f}')")

{
  echo "## Sensor series — raw values vs stats / fft / wavelet features"
  echo
  echo "Which of four motes (two indoor, two outdoor) recorded a window of 32 readings (160 s) of temperature and humidity:"
  echo "\`$data/train.csv\` (404 windows: the first 70% of each mote's, in time) -> \`$data/test.csv\` (180 later windows), single-hop"
  echo "sensor network data (CC BY 4.0, \`data/README.md\`). *raw*: the 64 readings as numeric columns; the others: \`--series-column"
  echo "temperature --series-column humidity --series-featurizer …\` (stats: 18 features per series, fft: 8 bands + 3, wavelet: db4,"
  echo "2 levels fitted, 6). The majority class is $majority of the test windows. *time*: the whole command (load, featurize, fit, score, save)."
  echo
  echo "| features | head | accuracy | macro-F1 | time |"
  echo "|---|---|---:|---:|---:|"
  printf '%s\n' "${rows[@]}"
  echo
  echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(git rev-parse --short HEAD); command: \`bash bench/sensor-series-table.sh\`."
} > "$work/section.md"
cat "$work/section.md"
python3 bench/write_section.py "$work/section.md"
