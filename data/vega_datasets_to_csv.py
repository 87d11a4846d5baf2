#!/usr/bin/env python3
"""Writes the shipped tabular sets from the npm package vega-datasets 3.2.1 (BSD-3-Clause), standard library only.

Usage: python3 data/vega_datasets_to_csv.py <unpacked package dir> <out dir>
  (npm pack vega-datasets@3.2.1 && tar xzf vega-datasets-3.2.1.tgz  ->  package/)

  <out>/seattle-weather/seattle-weather.csv  the package's data/seattle-weather.csv unchanged (1,461 days:
      date,precipitation,temp_max,temp_min,wind,weather)
  <out>/penguins/penguins.csv                data/penguins.json as CSV, same column names and row order (344
      penguins: Species,Island,Beak Length (mm),Beak Depth (mm),Flipper Length (mm),Body Mass (g),Sex);
      JSON null -> empty cell, the one Sex value "." -> empty cell (a missing value in the source)
"""
import csv
import json
import shutil
import sys
from pathlib import Path

package, out = Path(sys.argv[1]), Path(sys.argv[2])
(out / "seattle-weather").mkdir(parents=True, exist_ok=True)
shutil.copyfile(package / "data" / "seattle-weather.csv", out / "seattle-weather" / "seattle-weather.csv")

rows = json.loads((package / "data" / "penguins.json").read_text(encoding="utf-8"))
columns = list(rows[0].keys())
(out / "penguins").mkdir(parents=True, exist_ok=True)
with open(out / "penguins" / "penguins.csv", "w", newline="", encoding="utf-8") as f:
    writer = csv.writer(f, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if row[c] is None or row[c] == "." else row[c] for c in columns])
