#!/usr/bin/python3
"""Makes bomb-30000x30000.png: a valid PNG whose header (IHDR) announces 30000 x 30000 8-bit grey pixels (900 million,
above the default limit of 89,478,485) with one empty IDAT: 65 bytes. A real bomb (all rows present, zlib-compressed)
would be ~900 KB; the pixel limit only reads the header, so this is enough. Run: python3 make_bomb.py"""
import os
import struct
import zlib

def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 30000, 30000, 8, 0, 0, 0, 0)) \
    + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b"")
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "bomb-30000x30000.png"), "wb") as f:
    f.write(png)
print(len(png), "bytes")
