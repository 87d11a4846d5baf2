#!/usr/bin/env python3
"""Convert Fashion-MNIST idx files into 8-bit grayscale PNGs in class folders.

Standard library only (gzip, struct, zlib): no PIL, no numpy.

Input  (--src): a directory holding
    train-images-idx3-ubyte.gz  train-labels-idx1-ubyte.gz
    t10k-images-idx3-ubyte.gz   t10k-labels-idx1-ubyte.gz
(uncompressed files without the .gz suffix are accepted as well).

Output (--out): <out>/<split>/<class-name>/<index>.png
    split       train (from the train-* files) or test (from the t10k-* files)
    class-name  t-shirt, trouser, pullover, dress, coat,
                sandal, shirt, sneaker, bag, ankle-boot   (labels 0..9)
    index       the image's position in its original idx file, 5 digits

--train-per-class N / --test-per-class N keep only the FIRST N images of each
class in file order (deterministic); the default keeps every image.
Each PNG is written atomically (temporary file + os.replace).

Example (the subset shipped in data/fashion-mnist-small):
    python3 data/fashion_mnist_to_png.py --src /usr/share/datasets/fashion-mnist \
        --out data/fashion-mnist-small --train-per-class 30 --test-per-class 10
"""

import argparse
import gzip
import os
import struct
import sys
import zlib

CLASS_NAMES = [
    "t-shirt",     # 0 T-shirt/top
    "trouser",     # 1 Trouser
    "pullover",    # 2 Pullover
    "dress",       # 3 Dress
    "coat",        # 4 Coat
    "sandal",      # 5 Sandal
    "shirt",       # 6 Shirt
    "sneaker",     # 7 Sneaker
    "bag",         # 8 Bag
    "ankle-boot",  # 9 Ankle boot
]

SPLITS = [
    # (output split name, idx file prefix)
    ("train", "train"),
    ("test", "t10k"),
]

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


# --------------------------------------------------------------------------- idx


def _open_idx(src, stem):
    """Open <src>/<stem>.gz, or <src>/<stem> if only the uncompressed file exists."""
    gz = os.path.join(src, stem + ".gz")
    if os.path.exists(gz):
        return gzip.open(gz, "rb")
    raw = os.path.join(src, stem)
    if os.path.exists(raw):
        return open(raw, "rb")
    raise FileNotFoundError("missing %s (or %s)" % (gz, raw))


def read_labels(src, prefix):
    with _open_idx(src, prefix + "-labels-idx1-ubyte") as f:
        data = f.read()
    magic, count = struct.unpack(">II", data[:8])
    if magic != 0x00000801:
        raise ValueError("%s labels: bad magic 0x%08x" % (prefix, magic))
    labels = data[8:]
    if len(labels) != count:
        raise ValueError("%s labels: header says %d, file has %d" % (prefix, count, len(labels)))
    bad = [v for v in set(labels) if v >= len(CLASS_NAMES)]
    if bad:
        raise ValueError("%s labels: unexpected label values %r" % (prefix, sorted(bad)))
    return labels


def read_images(src, prefix):
    """Return (count, rows, cols, pixel bytes) for an idx3 image file."""
    with _open_idx(src, prefix + "-images-idx3-ubyte") as f:
        data = f.read()
    magic, count, rows, cols = struct.unpack(">IIII", data[:16])
    if magic != 0x00000803:
        raise ValueError("%s images: bad magic 0x%08x" % (prefix, magic))
    pixels = data[16:]
    if len(pixels) != count * rows * cols:
        raise ValueError(
            "%s images: expected %d pixel bytes, file has %d"
            % (prefix, count * rows * cols, len(pixels))
        )
    return count, rows, cols, pixels


# --------------------------------------------------------------------------- png


def _chunk(kind, payload):
    return (
        struct.pack(">I", len(payload))
        + kind
        + payload
        + struct.pack(">I", zlib.crc32(kind + payload) & 0xFFFFFFFF)
    )


def encode_png_gray8(width, height, pixels):
    """Encode row-major 8-bit grayscale pixels as a PNG (colour type 0, no interlace)."""
    if len(pixels) != width * height:
        raise ValueError("pixel count does not match %dx%d" % (width, height))
    raw = bytearray()
    for y in range(height):
        raw.append(0)  # filter type 0 (None) for every scanline
        raw += pixels[y * width:(y + 1) * width]
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        PNG_SIGNATURE
        + _chunk(b"IHDR", ihdr)
        + _chunk(b"IDAT", zlib.compress(bytes(raw), 9))
        + _chunk(b"IEND", b"")
    )


def decode_png_gray8(blob):
    """Tiny decoder for the PNGs written above (8-bit gray, any scanline filter).

    Returns (width, height, pixels). Checks the signature and every chunk CRC.
    Used by --verify; also handy in tests.
    """
    if blob[:8] != PNG_SIGNATURE:
        raise ValueError("not a PNG (bad signature)")
    pos, idat, width, height = 8, bytearray(), None, None
    while pos < len(blob):
        (length,) = struct.unpack(">I", blob[pos:pos + 4])
        kind = blob[pos + 4:pos + 8]
        payload = blob[pos + 8:pos + 8 + length]
        (crc,) = struct.unpack(">I", blob[pos + 8 + length:pos + 12 + length])
        if zlib.crc32(kind + payload) & 0xFFFFFFFF != crc:
            raise ValueError("bad CRC in %r chunk" % kind)
        if kind == b"IHDR":
            width, height, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", payload)
            if (depth, ctype, interlace) != (8, 0, 0):
                raise ValueError("only 8-bit grayscale, non-interlaced PNGs are supported")
        elif kind == b"IDAT":
            idat += payload
        elif kind == b"IEND":
            break
        pos += 12 + length
    if width is None:
        raise ValueError("no IHDR chunk")
    raw = zlib.decompress(bytes(idat))
    if len(raw) != height * (width + 1):
        raise ValueError("decompressed size does not match IHDR")
    out, prev = bytearray(), bytearray(width)
    for y in range(height):
        ftype = raw[y * (width + 1)]
        line = bytearray(raw[y * (width + 1) + 1:(y + 1) * (width + 1)])
        for x in range(width):
            a = line[x - 1] if x else 0
            b = prev[x]
            c = prev[x - 1] if x else 0
            if ftype == 0:
                pred = 0
            elif ftype == 1:
                pred = a
            elif ftype == 2:
                pred = b
            elif ftype == 3:
                pred = (a + b) // 2
            elif ftype == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
            else:
                raise ValueError("bad filter type %d" % ftype)
            line[x] = (line[x] + pred) & 0xFF
        out += line
        prev = line
    return width, height, bytes(out)


def write_atomic(path, blob):
    tmp = "%s.tmp-%d" % (path, os.getpid())
    try:
        with open(tmp, "wb") as f:
            f.write(blob)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


# --------------------------------------------------------------------------- main


def convert_split(src, out, split, prefix, per_class, verify):
    labels = read_labels(src, prefix)
    count, rows, cols, pixels = read_images(src, prefix)
    if count != len(labels):
        raise ValueError("%s: %d images but %d labels" % (prefix, count, len(labels)))

    for name in CLASS_NAMES:
        os.makedirs(os.path.join(out, split, name), exist_ok=True)

    taken = [0] * len(CLASS_NAMES)
    size = rows * cols
    written = 0
    for index in range(count):
        label = labels[index]
        if per_class is not None and taken[label] >= per_class:
            if all(t >= per_class for t in taken):
                break
            continue
        taken[label] += 1
        img = pixels[index * size:(index + 1) * size]
        blob = encode_png_gray8(cols, rows, img)
        path = os.path.join(out, split, CLASS_NAMES[label], "%05d.png" % index)
        write_atomic(path, blob)
        if verify:
            with open(path, "rb") as f:
                w, h, back = decode_png_gray8(f.read())
            if (w, h, back) != (cols, rows, img):
                raise ValueError("verification failed for %s" % path)
        written += 1

    if per_class is not None:
        short = [CLASS_NAMES[i] for i, t in enumerate(taken) if t < per_class]
        if short:
            print("warning: %s: fewer than %d images for %s" % (split, per_class, ", ".join(short)),
                  file=sys.stderr)
    print("%s: wrote %d PNGs (%s)" % (
        split, written, ", ".join("%s=%d" % (n, t) for n, t in zip(CLASS_NAMES, taken))))
    return written


def _non_negative_int(text):
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError("must be >= 0")
    return value


def main(argv=None):
    ap = argparse.ArgumentParser(
        description="Convert Fashion-MNIST idx files to PNGs in <out>/<split>/<class>/<index>.png")
    ap.add_argument("--src", required=True,
                    help="directory with {train,t10k}-{images-idx3,labels-idx1}-ubyte.gz")
    ap.add_argument("--out", required=True, help="output directory")
    ap.add_argument("--train-per-class", type=_non_negative_int, default=None, metavar="N",
                    help="first N train images of each class (default: all)")
    ap.add_argument("--test-per-class", type=_non_negative_int, default=None, metavar="N",
                    help="first N test images of each class (default: all)")
    ap.add_argument("--verify", action="store_true",
                    help="re-decode every written PNG and compare it with the source pixels")
    args = ap.parse_args(argv)

    per_class = {"train": args.train_per_class, "test": args.test_per_class}
    total = 0
    for split, prefix in SPLITS:
        total += convert_split(args.src, args.out, split, prefix, per_class[split], args.verify)
    print("total: %d PNGs under %s" % (total, args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
