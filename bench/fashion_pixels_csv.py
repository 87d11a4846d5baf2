#!/usr/bin/env python3
"""Writes a class-folder tree of Fashion-MNIST PNGs (data/fetch.sh) as a CSV of raw pixels: label,p0,...,p783.

Standard library only (the PNGs are decoded by data/fashion_mnist_to_png.py's decoder). Rows in the loader's order
(class folders by name, files by name). Used by bench/classical-table.sh to give `mlnet-transfer train` the raw pixels
as 784 numeric columns (the CLI has no raw-pixel image featurizer).

Usage: python3 bench/fashion_pixels_csv.py <class-folder-tree> <out.csv>
"""
import csv
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data"))
from fashion_mnist_to_png import decode_png_gray8  # noqa: E402


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__.strip().splitlines()[-1])
    root, out = sys.argv[1], sys.argv[2]
    rows = 0
    tmp = out + ".tmp"
    with open(tmp, "w", newline="") as f:
        writer = csv.writer(f)
        header_written = False
        for label in sorted(os.listdir(root)):
            folder = os.path.join(root, label)
            if not os.path.isdir(folder):
                continue
            for name in sorted(os.listdir(folder)):
                if not name.endswith(".png"):
                    continue
                with open(os.path.join(folder, name), "rb") as png:
                    width, height, pixels = decode_png_gray8(png.read())
                if not header_written:
                    writer.writerow(["label"] + [f"p{i}" for i in range(width * height)])
                    header_written = True
                writer.writerow([label] + list(pixels))
                rows += 1
    os.replace(tmp, out)
    print(f"{rows} rows written to {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
