#!/usr/bin/python3
"""Makes the EXIF-orientation fixtures (run once; the tests only read the committed files).

upright.jpg: 48x32 pixels of flat 8x8 blocks of seeded random colours, JPEG quality 100, 4:4:4, no EXIF.
orientation-N.jpg (N = 1..8): the same picture STORED transformed so that a viewer applying EXIF Orientation = N shows
it upright, with that tag written. Every 8x8 block is one colour, so each JPEG block has only a DC coefficient and
decodes the same whatever the block order: the upright pixels of every file are bit-identical to upright.jpg's (checked below with Pillow's exif_transpose).

Needs python3-pil (Debian). Run: /usr/bin/python3 make_exif_fixtures.py (writes next to this script).
"""
import os
import random

from PIL import Image, ImageOps

here = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(11)
W, H, B = 48, 32, 8
upright = Image.new("RGB", (W, H))
px = upright.load()
for by in range(H // B):
    for bx in range(W // B):
        colour = tuple(rng.randrange(256) for _ in range(3))
        for y in range(by * B, by * B + B):
            for x in range(bx * B, bx * B + B):
                px[x, y] = colour

def save(image, name, orientation=None):
    kwargs = {"quality": 100, "subsampling": 0}
    if orientation is not None:
        exif = Image.Exif()
        exif[0x0112] = orientation
        kwargs["exif"] = exif.tobytes()
    image.save(os.path.join(here, name), "JPEG", **kwargs)

T = Image.Transpose
# The stored picture is the inverse of the transform a viewer applies for the tag (EXIF 2.32, Orientation).
stored = {
    1: lambda im: im,
    2: lambda im: im.transpose(T.FLIP_LEFT_RIGHT),
    3: lambda im: im.transpose(T.ROTATE_180),
    4: lambda im: im.transpose(T.FLIP_TOP_BOTTOM),
    5: lambda im: im.transpose(T.TRANSPOSE),
    6: lambda im: im.transpose(T.ROTATE_90),   # shown after a 90-degree clockwise turn
    7: lambda im: im.transpose(T.TRANSVERSE),
    8: lambda im: im.transpose(T.ROTATE_270),  # shown after a 90-degree counter-clockwise turn
}
save(upright, "upright.jpg")
reference = list(Image.open(os.path.join(here, "upright.jpg")).convert("RGB").getdata())
for n, transform in stored.items():
    name = f"orientation-{n}.jpg"
    save(transform(upright), name, n)
    shown = ImageOps.exif_transpose(Image.open(os.path.join(here, name))).convert("RGB")
    assert shown.size == (W, H) and list(shown.getdata()) == reference, name
    print(name, Image.open(os.path.join(here, name)).size, "ok")
