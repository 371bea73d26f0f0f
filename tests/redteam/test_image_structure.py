"""Image files built to hold the companion's header check or the photo worker: each is refused
with its reason by a walk over the file's structure (companion/photos/structure.py), before
Pillow's parsers go over its pieces one at a time. All within the 10 MB limit, each found in
review: 0xFF fill held the header check 3.1 s, empty comments 2.0 s, empty PNG chunks 2.2 s, an
arithmetic-coded JPEG of 200 scans the worker 24.5 s. The walks' own cost is bench's to measure;
here a subprocess bounds the worker's decode as the photo worker's hold would."""

from __future__ import annotations

import io
import struct
import subprocess
import sys
import zlib

import pytest
from PIL import Image

from companion.photos.decode import ImageRejected, check_header
from companion.photos.structure import (
    MAX_GIF_BLOCKS,
    MAX_JPEG_SEGMENTS,
    MAX_PNG_CHUNKS,
    MAX_SCAN_MEGAPIXELS,
    MAX_SCANS,
)
from tests.photos.conftest import encoded
from tests.photos.test_animations import animation
from tests.redteam.test_jpeg_scans import DECODE, _segments

SECONDS = 15  # what the worker's decode may take here before the test calls it held


def jpeg(side: int = 64, mode: str = "RGB", **save: object) -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, (side, side), 128).save(buffer, "JPEG", **save)
    return buffer.getvalue()


def png_chunk(kind: bytes, body: bytes = b"") -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def refused(data: bytes, says: str) -> None:
    """The header check refuses ``data`` saying ``says``, and so does the worker's decode, in a
    process of its own that must finish."""
    with pytest.raises(ImageRejected, match=says):
        check_header(data)
    done = subprocess.run(
        [sys.executable, "-c", DECODE],
        input=data,
        timeout=SECONDS,
        check=True,
        capture_output=True,
        text=False,
    )
    assert b"rejected:" in done.stdout


def test_a_jpeg_padded_with_fill_bytes_is_refused() -> None:
    data = jpeg()
    refused(data[:2] + b"\xff" * (8 * 2**20) + data[2:], "padded with filler")


def test_a_jpeg_of_a_million_empty_comments_is_refused() -> None:
    data = jpeg()
    comments = b"\xff\xfe\x00\x02" * 1_000_000
    refused(data[:2] + comments + data[2:], f"over {MAX_JPEG_SEGMENTS} parts")


def test_an_arithmetic_coded_jpeg_is_refused() -> None:
    """Pillow cannot write arithmetic coding: the frame marker of a progressive JPEG is made
    SOF10's, as the file found in review had (its scans are then read as arithmetic-coded)."""
    data = jpeg(progressive=True)
    at = data.index(b"\xff\xc2")
    refused(data[:at] + b"\xff\xca" + data[at + 2 :], "arithmetic-coded")


def scans(side: int, count: int) -> bytes:
    """A progressive colour JPEG of ``side`` x ``side`` whose first DC scan is repeated to make
    ``count`` scans in all."""
    buffer = io.BytesIO()
    Image.new("RGB", (side, side), (120, 130, 140)).save(buffer, "JPEG", progressive=True)
    segments = _segments(buffer.getvalue())
    first = next(k for k, (marker, _) in enumerate(segments) if marker == 0xDA)
    body = b"".join(b for _, b in segments[:-1])
    total = sum(marker == 0xDA for marker, _ in segments)
    extra = segments[first][1] * (count - total)
    return b"\xff\xd8" + body + extra + b"\xff\xd9"


def test_a_large_jpeg_of_more_scans_than_its_size_allows_is_refused() -> None:
    side = 8000  # 64 MP
    count = MAX_SCAN_MEGAPIXELS // 64 + 2
    refused(scans(side, count), f"{count} scans at {side} x {side}")


def test_a_small_jpeg_of_more_scans_than_any_photo_is_refused_and_of_fewer_passes() -> None:
    refused(scans(1000, MAX_SCANS + 1), f"{MAX_SCANS + 1} scans at 1000 x 1000")
    assert check_header(scans(1000, 100)) == "JPEG"


def test_a_png_of_more_chunks_than_any_picture_is_refused() -> None:
    data = encoded("coffee", "PNG")
    at = data.index(b"IDAT") - 4
    notes = png_chunk(b"tEXt", b"a\x00b") * (MAX_PNG_CHUNKS + 1)
    refused(data[:at] + notes + data[at:], f"over {MAX_PNG_CHUNKS} chunks")
    empty = png_chunk(b"zzZz") * 800_000
    refused(data[:at] + empty + data[at:], f"over {MAX_PNG_CHUNKS} chunks")


def test_a_gif_of_a_million_tiny_blocks_is_refused() -> None:
    data = animation("GIF", [Image.new("RGB", (40, 30), "red"), Image.new("RGB", (40, 30), "blue")])
    at = data.index(b"\x2c")  # the first image: a comment of one-byte sub-blocks before it
    comment = b"\x21\xfe" + b"\x01x" * 1_000_000 + b"\x00"
    refused(data[:at] + comment + data[at:], f"over {MAX_GIF_BLOCKS} blocks")


@pytest.mark.parametrize(
    "data",
    [
        encoded("astronaut"),
        encoded("astronaut", "JPEG", progressive=True),
        encoded("astronaut", "JPEG", quality=95, subsampling=0, progressive=True),
        jpeg(4000, progressive=True),  # 16 MP, ten scans
        encoded("coffee", "PNG"),
        encoded("coffee", "GIF"),
        animation("GIF", [Image.new("RGB", (400, 300), c) for c in ("red", "blue", "green")]),
        animation("PNG", [Image.new("RGB", (400, 300), c) for c in ("red", "blue")]),
    ],
    ids=[
        "phone",
        "progressive",
        "progressive-444",
        "progressive-16mp",
        "png",
        "gif",
        "animated-gif",
        "apng",
    ],
)
def test_ordinary_photos_and_animations_pass_the_walk(data: bytes) -> None:
    assert check_header(data) in ("JPEG", "PNG", "GIF")


def test_the_scans_are_counted_even_when_no_frame_header_is_found() -> None:
    """A JPEG whose segments hide its frame header (a length that skips over it) is still held
    to MAX_SCANS by its count of scans."""
    data = scans(1000, MAX_SCANS + 1)
    at = data.index(b"\xff\xc2")
    hidden = data[:2] + b"\xff\xe1" + (at - 2 + 2).to_bytes(2, "big") + data[4:]
    with pytest.raises(ImageRejected, match=f"{MAX_SCANS + 1} scans"):
        check_header(hidden)
