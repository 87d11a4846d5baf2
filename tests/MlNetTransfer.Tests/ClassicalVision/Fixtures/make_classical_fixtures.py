#!/usr/bin/python3
"""Writes the scikit-image reference fixtures for tests/MlNetTransfer.Tests/ClassicalVision.

Run with Debian's scikit-image 0.19.3 (apt-get install python3-skimage python3-pil), which installs for /usr/bin/python3:

    /usr/bin/python3 tests/MlNetTransfer.Tests/ClassicalVision/Fixtures/make_classical_fixtures.py

Two kinds of cases, written to classical_fixtures.json:

* "gray": a grayscale float64 image (stored with repr, full precision, so C# reads the same doubles) and what
  scikit-image computes from it: skimage.filters.sobel_h / sobel_v / sobel, skimage.feature.local_binary_pattern
  (method='uniform') for (P, R) = (8, 1) and (16, 2), and skimage.feature.hog (channel_axis=None,
  block_norm='L2-Hys', feature_vector=True, transform_sqrt=False) for the HOG settings listed with the case.
  These test the math alone, on arrays.
* "png": an RGB PNG written here (classical_64.png, 64x64, so resizing to 64x64 changes nothing) and the whole
  classical feature vector of it computed from the pixels Pillow decodes, by `classical_features` below: the
  reference for MlNetTransfer's product path (LoadImages -> ResizeImages -> ExtractPixels -> the features mapping).
  Also a few RGB triplets and skimage.color.rgb2gray of them.

`classical_features` is the definition of the feature vector (ClassicalImageFeatures in the library):
  [0, 48)     colour histogram: R, G, B, each 16 bins of width 16 over 0..255, fraction of pixels;
  [48, 64)    Sobel edge magnitude (skimage.filters.sobel of the gray image in [0, 1]) histogram, 16 bins over [0, 1],
              fraction of pixels;
  [64, 76)    Sobel edge orientation histogram: atan2(sobel_h, sobel_v) folded into [0, pi), 12 bins, each pixel
              weighted by its magnitude, divided by the total magnitude (all zero when there is no edge);
  [76, 86)    uniform LBP (P=8, R=1) histogram, codes 0..9, fraction of pixels;
  [86, 104)   uniform LBP (P=16, R=2) histogram, codes 0..17, fraction of pixels;
  [104, 1868) HOG: 9 orientations, pixels_per_cell = size/8 (8x8 cells), cells_per_block 2x2, L2-Hys, 1764 values.
Gray is skimage.color.rgb2gray: 0.2125 R + 0.7154 G + 0.0721 B of the channels scaled to [0, 1].
"""
import json
import os
import platform

import numpy as np
import PIL
import skimage
from PIL import Image
from skimage.color import rgb2gray
from skimage.feature import hog, local_binary_pattern
from skimage.filters import sobel, sobel_h, sobel_v

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", "..", "..", ".."))
LBP_SETTINGS = [(8, 1), (16, 2)]


def numbers(a, digits=None):
    """A flat list of an array's values: exact (repr) for inputs, rounded to `digits` significant digits for outputs."""
    flat = np.asarray(a, dtype=np.float64).ravel()
    if digits is None:
        return [float(v) for v in flat]
    return [float(f"{v:.{digits}g}") for v in flat]


def orientation_histogram(h, v, mag, bins=12):
    theta = np.arctan2(h, v)
    theta = np.where(theta < 0, theta + np.pi, theta)
    theta = np.where(theta >= np.pi, theta - np.pi, theta)
    hist, _ = np.histogram(theta, bins=bins, range=(0, np.pi), weights=mag)
    total = hist.sum()
    return hist / total if total > 0 else hist


def classical_features(rgb):
    """The classical feature vector of an RGB uint8 image of size x size (size a multiple of 8)."""
    size = rgb.shape[0]
    assert rgb.shape == (size, size, 3) and size % 8 == 0
    n = size * size
    parts = []
    for c in range(3):
        hist, _ = np.histogram(rgb[:, :, c], bins=16, range=(0, 256))
        parts.append(hist / n)
    gray = rgb2gray(rgb)
    h, v, mag = sobel_h(gray), sobel_v(gray), sobel(gray)
    hist, _ = np.histogram(mag, bins=16, range=(0, 1))
    parts.append(hist / n)
    parts.append(orientation_histogram(h, v, mag))
    for p, r in LBP_SETTINGS:
        codes = local_binary_pattern(gray, p, r, method="uniform")
        hist, _ = np.histogram(codes, bins=p + 2, range=(0, p + 2))
        parts.append(hist / n)
    parts.append(hog(gray, orientations=9, pixels_per_cell=(size // 8, size // 8), cells_per_block=(2, 2),
                     block_norm="L2-Hys", channel_axis=None, feature_vector=True))
    return np.concatenate(parts)


def gray_case(name, image, hogs):
    image = np.ascontiguousarray(image, dtype=np.float64)
    case = {
        "name": name,
        "kind": "gray",
        "rows": image.shape[0],
        "cols": image.shape[1],
        "image": numbers(image),
        "sobelH": numbers(sobel_h(image), 10),
        "sobelV": numbers(sobel_v(image), 10),
        "sobel": numbers(sobel(image), 10),
        "lbp": [{"p": p, "r": r, "codes": [int(c) for c in local_binary_pattern(image, p, r, method="uniform").ravel()]}
                for p, r in LBP_SETTINGS],
        "hog": [],
    }
    for orientations, cell, block in hogs:
        values = hog(image, orientations=orientations, pixels_per_cell=(cell, cell), cells_per_block=(block, block),
                     block_norm="L2-Hys", channel_axis=None, feature_vector=True)
        case["hog"].append({"orientations": orientations, "pixelsPerCell": cell, "cellsPerBlock": block,
                            "values": numbers(values, 10)})
    return case


def fashion_image():
    """The first shipped Fashion-MNIST training image of 'ankle-boot' (28x28 gray), as skimage reads it: v / 255."""
    path = os.path.join(REPO, "data", "fashion-mnist-small", "train", "ankle-boot", "00000.png")
    pixels = np.asarray(Image.open(path).convert("L"), dtype=np.uint8)
    return skimage.img_as_float(pixels)


def png_image(rng):
    """A 64x64 RGB test picture: colour gradients, flat shapes (ties for LBP), a thin line and a noisy patch."""
    y, x = np.mgrid[0:64, 0:64]
    rgb = np.zeros((64, 64, 3), dtype=np.float64)
    rgb[:, :, 0] = x * 4
    rgb[:, :, 1] = y * 4
    rgb[:, :, 2] = 255 - (x + y) * 2
    rgb[(x - 20) ** 2 + (y - 22) ** 2 < 100] = (250, 240, 30)
    rgb[40:56, 36:60] = (20, 60, 200)
    rgb[10, 30:62] = (0, 0, 0)
    rgb[44:60, 4:20] = rng.integers(0, 256, size=(16, 16, 3))
    return np.clip(rgb, 0, 255).astype(np.uint8)


def main():
    rng = np.random.default_rng(13)
    cases = []

    steps = np.zeros((24, 32), dtype=np.uint8)
    steps[4:20, 6:14] = 200
    steps[8:16, 18:30] = 90
    steps[:, 28:] += 30
    steps[12, :] = 255
    cases.append(gray_case("steps-24x32", skimage.img_as_float(steps), [(9, 8, 2), (6, 4, 3)]))

    noise = rng.integers(0, 256, size=(32, 32), dtype=np.uint8)
    cases.append(gray_case("noise-32x32", skimage.img_as_float(noise), [(9, 8, 2), (9, 4, 2)]))

    cases.append(gray_case("fashion-28x28", fashion_image(), [(9, 8, 2), (9, 4, 2)]))

    y, x = np.mgrid[0:36, 0:36]
    ramp = (x * 7 + y * 3) / 400.0
    ramp[(x - 18) ** 2 + (y - 18) ** 2 < 64] = 0.8
    cases.append(gray_case("ramp-disc-36x36", ramp, [(9, 6, 2), (12, 9, 2)]))

    cases.append(gray_case("float-16x20", rng.random((16, 20)), [(9, 4, 2), (8, 5, 1)]))

    rgb = png_image(rng)
    png_path = os.path.join(HERE, "classical_64.png")
    Image.fromarray(rgb, "RGB").save(png_path, optimize=True)
    decoded = np.asarray(Image.open(png_path).convert("RGB"), dtype=np.uint8)
    assert np.array_equal(decoded, rgb)
    cases.append({"name": "classical_64.png", "kind": "png", "file": "classical_64.png", "size": 64,
                  "features": numbers(classical_features(decoded), 10)})

    triplets = np.array([[0, 0, 0], [255, 255, 255], [255, 0, 0], [0, 255, 0], [0, 0, 255], [12, 200, 77],
                         [128, 128, 128], [1, 2, 3], [250, 17, 99]], dtype=np.uint8)
    gray = rgb2gray(triplets.reshape(1, -1, 3)).ravel()
    fixtures = {
        "generator": {
            "script": "make_classical_fixtures.py",
            "python": platform.python_version(),
            "numpy": np.__version__,
            "skimage": skimage.__version__,
            "pillow": PIL.__version__,
        },
        "rgb2gray": {"rgb": triplets.tolist(), "gray": numbers(gray)},
        "cases": cases,
    }
    with open(os.path.join(HERE, "classical_fixtures.json"), "w", encoding="utf-8") as f:
        json.dump(fixtures, f, separators=(",", ":"))
        f.write("\n")
    print(f"{len(cases)} cases written; features of the PNG: {len(cases[-1]['features'])} values")


if __name__ == "__main__":
    main()
