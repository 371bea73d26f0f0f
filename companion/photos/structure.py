"""A walk over an image file's structure, before any library parses it: how many pieces it is
made of, bounded, so that neither the companion's header check nor the photo worker spends
seconds in Pillow's parsers, which go over markers, chunks and blocks one at a time in Python.

Found in review, each within the 10 MB limit and refused by nothing else: a JPEG of 10 MB of
0xFF fill bytes held the header check 3.1 s, 2.4 million empty comments 2.0 s; a PNG of 800,000
empty chunks 2.2 s, 700,000 text chunks 1.6 s. And an arithmetic-coded progressive JPEG of 200
empty scans (2,979 bytes, 8,000 x 8,000) held the worker 24.5 s and 402 MB.

Each walk is over the pieces' lengths, not their bytes, and stops at its limit: under a
millisecond for a photo, a few milliseconds at worst.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A camera's JPEG has 10-30 segments before its first scan (APPn, tables, the frame); a PNG a
# few chunks and its image data in 8-64 kB chunks (a 10 MB PNG: ~1,300); a GIF its image data in
# sub-blocks of 255 bytes (10 MB: ~41,000). Ten times or more what any of them uses.
MAX_JPEG_SEGMENTS = 1_000
MAX_JPEG_PADDING = 16 * 1024  # fill bytes and stray bytes between segments
# Photoshop's resources (APP13), which Pillow reads one by one in Python: 160 segments of 5,450
# empty resources each held the header check 676 ms (found in review). Photoshop writes one, or
# a few when its resources pass 64 kB.
MAX_JPEG_PHOTOSHOP = 8
MAX_PNG_CHUNKS = 20_000
MAX_PNG_EXTRAS = 1_000  # chunks other than the image data and an animation's frames
MAX_PNG_INFLATED = 8  # zTXt, iTXt and iCCP chunks, each inflated by Pillow (the spec: one iCCP)
MAX_GIF_BLOCKS = 100_000
MAX_GIF_FRAMES = 5_000
_IMAGE_CHUNKS = frozenset({b"IDAT", b"fdAT", b"fcTL"})
_COMPRESSED_CHUNKS = frozenset({b"zTXt", b"iTXt", b"iCCP"})
# libjpeg goes over the whole image for each scan: scans times megapixels bounds the work. A
# progressive photo has ~10 scans (a 48 MP one: ~480); 1,200 lets through 18 scans at 64 MP, 100
# at 12 MP, and at 3 MP the 200 of MAX_SCANS.
MAX_SCAN_MEGAPIXELS = 1_200
MAX_SCANS = 200
# Arithmetic coding (SOF9-11, SOF13-15): no camera, phone or browser writes it, browsers do
# not show it, and libjpeg decodes it ~30 times slower a scan than Huffman coding.
_ARITHMETIC = frozenset({0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF})
_FRAMES = frozenset({0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7}) | _ARITHMETIC
_STANDALONE = frozenset({0x01, *range(0xD0, 0xD8)})  # TEM, RST0-7: no length follows
_FILL = re.compile(rb"\xff+")


class BadStructure(ValueError):
    """What is wrong with the file's structure, in words for the person."""


def check_jpeg(data: bytes) -> None:
    """Walks the segments before the first scan; BadStructure for too many of them, too much
    padding between them, arithmetic coding, or more scans than the image's size allows (the
    count of scans alone when no frame header is found: damaged, and Pillow says so)."""
    at, segments, padding, photoshop = 2, 0, 0, 0
    frame: tuple[int, int] | None = None
    while at < len(data):
        fill = _FILL.match(data, at)
        if fill is None:  # stray bytes: libjpeg skips them with a warning, Pillow one at a time
            found = data.find(b"\xff", at, at + MAX_JPEG_PADDING + 1)
            stray = (found if found >= 0 else min(len(data), at + MAX_JPEG_PADDING + 1)) - at
            at += stray
            padding += stray
        else:
            padding += fill.end() - fill.start() - 1
            at = fill.end()
            if at >= len(data):
                break
            marker = data[at]
            at += 1
            if marker == 0x00:  # 0xFF00 outside a scan: stray bytes
                continue
            segments += 1
            if marker == 0xD9:
                break
            if marker not in _STANDALONE and marker != 0xD8:
                length = int.from_bytes(data[at : at + 2], "big")
                if marker in _ARITHMETIC:
                    raise BadStructure(
                        "the image is an arithmetic-coded JPEG, which no camera or browser writes"
                    )
                if marker in _FRAMES and at + 7 <= len(data):
                    height = int.from_bytes(data[at + 3 : at + 5], "big")
                    width = int.from_bytes(data[at + 5 : at + 7], "big")
                    frame = (width, height)
                if marker == 0xDA:
                    break
                photoshop += marker == 0xED
                if photoshop > MAX_JPEG_PHOTOSHOP:
                    raise BadStructure(
                        f"the image is a JPEG of over {MAX_JPEG_PHOTOSHOP} Photoshop blocks; "
                        "a photo has one or two"
                    )
                at += max(length, 2)
        if segments > MAX_JPEG_SEGMENTS:
            raise BadStructure(
                f"the image is a JPEG of over {MAX_JPEG_SEGMENTS} parts before its picture; "
                "a photo has a few dozen"
            )
        if padding > MAX_JPEG_PADDING:
            raise BadStructure("the image is a JPEG padded with filler between its parts")
    # Counted from the bytes: inside a scan's data every 0xFF is followed by 0x00 or a restart
    # marker, so 0xFFDA only starts a scan (or sits in an EXIF thumbnail, which has its own).
    scans = data.count(b"\xff\xda")
    width, height = frame or (0, 0)  # no frame header found: the count of scans alone
    if scans > MAX_SCANS or scans * max(1.0, width * height / 1e6) > MAX_SCAN_MEGAPIXELS:
        raise BadStructure(
            f"the image is a JPEG of {scans} scans at {width} x {height} pixels; a photo has a few"
        )


@dataclass(frozen=True, slots=True)
class Shape:
    """What a walk learnt of an animation: its frames as a browser counts them, and the canvas
    they are drawn on (a GIF's frames may reach past its screen, and Pillow grows the canvas)."""

    frames: int
    width: int = 0
    height: int = 0


def check_png(data: bytes) -> Shape:
    """Walks the chunks; BadStructure for more than MAX_PNG_CHUNKS, more than MAX_PNG_EXTRAS
    besides the image data, or more than MAX_PNG_INFLATED compressed text and colour profiles
    (Pillow inflates each, up to 1 MB: 9,000 colour profiles held the header check 10.5 s,
    found in review). Its frames are its fcTL chunks, as browsers play them: an APNG with two
    acTL chunks is a still image to Pillow and four frames to Chromium and Firefox."""
    at, chunks, extras, inflated, frames = 8, 0, 0, 0, 0
    while at + 8 <= len(data):
        chunks += 1
        kind = data[at + 4 : at + 8]
        if kind == b"IEND":
            break
        if kind == b"fcTL":
            frames += 1
        elif kind in _COMPRESSED_CHUNKS:
            inflated += 1
        elif kind not in _IMAGE_CHUNKS:
            extras += 1
        if chunks > MAX_PNG_CHUNKS:
            raise BadStructure(
                f"the image is a PNG of over {MAX_PNG_CHUNKS} chunks; a picture has a few dozen"
            )
        if extras > MAX_PNG_EXTRAS:
            raise BadStructure(
                f"the image is a PNG of over {MAX_PNG_EXTRAS} notes and other chunks besides "
                "its picture; a picture has a few"
            )
        if inflated > MAX_PNG_INFLATED:
            raise BadStructure(
                f"the image is a PNG of over {MAX_PNG_INFLATED} compressed notes or colour profiles"
            )
        at += 12 + int.from_bytes(data[at : at + 4], "big")
    return Shape(max(1, frames))


def check_gif(data: bytes) -> Shape:
    """Walks the blocks and their sub-blocks; BadStructure for more than MAX_GIF_BLOCKS or
    MAX_GIF_FRAMES, for a stray byte between blocks (browsers stop there; Pillow reads on, a
    byte at a time: 10 MB held the header check 1.5 s). Its shape's canvas reaches every
    frame: a 1 x 1 GIF whose later frames were 9,000 x 9,000 passed the size check and took
    the worker 9.3 s and 1.1 GB (found in review)."""
    if len(data) < 13:
        return Shape(1)
    width = int.from_bytes(data[6:8], "little")
    height = int.from_bytes(data[8:10], "little")
    at = 13
    if data[10] & 0x80:  # the global colour table
        at += 3 << ((data[10] & 7) + 1)
    blocks = frames = 0
    while at < len(data):
        introducer = data[at]
        if introducer == 0x3B:  # the trailer
            break
        if introducer == 0x21:  # an extension: its label, then sub-blocks
            at += 2
        elif introducer == 0x2C:  # an image: its descriptor, colour table, LZW size, sub-blocks
            if at + 10 > len(data):
                break  # cut short: the frames before it are there
            left, top, wide, high = (
                int.from_bytes(data[at + k : at + k + 2], "little") for k in (1, 3, 5, 7)
            )
            width, height = max(width, left + wide), max(height, top + high)
            frames += 1
            if frames > MAX_GIF_FRAMES:
                raise BadStructure(
                    f"the image is a GIF of over {MAX_GIF_FRAMES} frames; "
                    "an animation has a few hundred"
                )
            packed = data[at + 9]
            at += 10 + ((3 << ((packed & 7) + 1)) if packed & 0x80 else 0) + 1
        else:
            raise BadStructure("the image is a damaged GIF (stray bytes between its parts)")
        while at < len(data):
            blocks += 1
            if blocks > MAX_GIF_BLOCKS:
                raise BadStructure(
                    f"the image is a GIF of over {MAX_GIF_BLOCKS} blocks; "
                    "an animation has a few thousand"
                )
            size = data[at]
            at += 1 + size
            if size == 0:
                break
    return Shape(max(1, frames), width, height)
