#!/usr/bin/python3
"""Domain-shift pairs built from Fashion-MNIST PNGs (as data/fetch.sh writes them), for the adaptation evidence.

Writes, under --out:
  source/<class>/*.png            the first --source-per-class train images of each class, unchanged (28x28)
  <shift>/target/<class>/*.png    the next --target-per-class train images of each class, shifted (the unlabeled
                                  target: adapt never fits on these labels; the oracle trains on them)
  <shift>/test/<class>/*.png      the first --test-per-class test images of each class, shifted (target test)
for each shift:
  geometric      object shrunk to 45-70% of its size, moved to a random place, then the whole image downsampled
                 to 8x8 (bilinear) and saved at 8x8: objects of a different size, place and resolution
  inverted       255 - pixel (white background, dark object)
  low-contrast   pixel * 0.25 + 96 (grey on grey)
Deterministic (--seed). Needs Pillow (Debian python3-pil); files are written atomically.

Usage: /usr/bin/python3 data/fashion_mnist_shifts.py --src data/fashion-mnist --out <dir>
       [--source-per-class 100] [--target-per-class 200] [--test-per-class 100] [--seed 0]
"""
import argparse
import os
import random

from PIL import Image

SHIFTS = ("geometric", "inverted", "low-contrast")


def save(img, path):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = path + ".tmp"
    img.save(tmp, format="PNG")
    os.replace(tmp, path)


def shifted(img, shift, rng):
    if shift == "inverted":
        return img.point(lambda p: 255 - p)
    if shift == "low-contrast":
        return img.point(lambda p: int(p * 0.25 + 96))
    scale = rng.uniform(0.45, 0.70)
    size = max(4, int(round(28 * scale)))
    small = img.resize((size, size), Image.BILINEAR)
    canvas = Image.new("L", (28, 28), 0)
    canvas.paste(small, (rng.randint(0, 28 - size), rng.randint(0, 28 - size)))
    return canvas.resize((8, 8), Image.BILINEAR)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--src", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--source-per-class", type=int, default=100)
    ap.add_argument("--target-per-class", type=int, default=200)
    ap.add_argument("--test-per-class", type=int, default=100)
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    for cls in sorted(os.listdir(os.path.join(a.src, "train"))):
        train = sorted(os.listdir(os.path.join(a.src, "train", cls)))
        test = sorted(os.listdir(os.path.join(a.src, "test", cls)))
        need = a.source_per_class + a.target_per_class
        if len(train) < need or len(test) < a.test_per_class:
            raise SystemExit(f"{cls}: {len(train)} train / {len(test)} test images; need {need} / {a.test_per_class} (fetch more with data/fetch.sh)")
        for name in train[:a.source_per_class]:
            save(Image.open(os.path.join(a.src, "train", cls, name)).convert("L"), os.path.join(a.out, "source", cls, name))
        for shift in SHIFTS:
            for split, names, folder in (("target", train[a.source_per_class:need], "train"), ("test", test[:a.test_per_class], "test")):
                for name in names:
                    img = Image.open(os.path.join(a.src, folder, cls, name)).convert("L")
                    save(shifted(img, shift, rng), os.path.join(a.out, shift, split, cls, name))
    print(f"wrote {a.out}: source, " + ", ".join(SHIFTS))


if __name__ == "__main__":
    main()
