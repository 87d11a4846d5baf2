#!/usr/bin/env python3
"""Writes the odd-but-valid images of the bad-input table (each must featurize): 16-bit grayscale PNG, CMYK JPEG,
8-bit grayscale PNG, RGBA PNG with transparency, a 3x517 RGB PNG and a palette GIF, all drawn from one shipped
Fashion-MNIST image (MIT) so they look like a bag. Needs Pillow (Debian: python3-pil). Run from this folder:
    /usr/bin/python3 make_odd_images.py
"""
import os
from PIL import Image

here = os.path.dirname(os.path.abspath(__file__))
source = os.path.join(here, "..", "..", "..", "data", "fashion-mnist-small", "train", "bag")
first = sorted(f for f in os.listdir(source) if f.endswith(".png"))[0]
base = Image.open(os.path.join(source, first)).convert("L")
out = os.path.join(here, "odd-images")
os.makedirs(out, exist_ok=True)

base.convert("I").point(lambda v: v * 257).save(os.path.join(out, "gray16.png"))  # mode I with values > 255: a 16-bit PNG
base.convert("RGB").convert("CMYK").save(os.path.join(out, "cmyk.jpg"), quality=95)
base.save(os.path.join(out, "gray8.png"))
rgba = base.convert("RGBA")
rgba.putalpha(base.point(lambda v: 255 if v > 10 else 0))
rgba.save(os.path.join(out, "rgba.png"))
base.convert("RGB").resize((3, 517)).save(os.path.join(out, "thin-3x517.png"))
base.convert("P").save(os.path.join(out, "palette.gif"))
for name in sorted(os.listdir(out)):
    image = Image.open(os.path.join(out, name))
    print(name, image.mode, image.size, os.path.getsize(os.path.join(out, name)), "bytes")
