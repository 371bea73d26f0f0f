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

from companion.photos.decode import (
    FRAME_COST,
    FRAME_PIXELS,
    MAX_WEBP_PIXELS,
    ImageRejected,
    check_header,
    decode_frames,
    frames_looked_at,
)
from companion.photos.structure import (
    MAX_GIF_BLOCKS,
    MAX_GIF_FRAMES,
    MAX_JPEG_PHOTOSHOP,
    MAX_JPEG_SEGMENTS,
    MAX_PNG_CHUNKS,
    MAX_PNG_EXTRAS,
    MAX_PNG_INFLATED,
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
    notes = png_chunk(b"tEXt", b"a\x00b") * 500_000
    refused(data[:at] + notes + data[at:], f"over {MAX_PNG_EXTRAS} notes")
    empty = png_chunk(b"zzZz") * 800_000
    refused(data[:at] + empty + data[at:], f"over {MAX_PNG_EXTRAS} notes")
    # Empty image data chunks: each is read by Pillow in Python as the picture is decoded.
    refused(data[:at] + png_chunk(b"IDAT") * (MAX_PNG_CHUNKS + 1) + data[at:], "over 20000 chunks")


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


# --- found in the second review (2 December): GIF, APNG and WebP built against decode_frames ---


def gif(screen: tuple[int, int], frames: list[tuple[int, int]], between: bytes = b"") -> bytes:
    """A GIF of a ``screen`` whose frames have the given sizes (each a 1 x 1 picture's data
    stretched by its descriptor, as a hostile file would), ``between`` put before the second."""
    lzw = b"\x02\x02\x44\x01\x00"  # one pixel of colour 0, min code size 2
    out = b"GIF89a" + struct.pack("<HHBBB", *screen, 0x80, 0, 0) + b"\x00\x00\x00\xff\xff\xff"
    for index, (width, height) in enumerate(frames):
        out += between if index == 1 else b""
        out += b"," + struct.pack("<HHHHB", 0, 0, width, height, 0) + lzw
    return out + b";"


def test_a_gif_whose_later_frames_outgrow_its_screen_is_refused() -> None:
    """Pillow grows the canvas as it reaches each frame: a 1 x 1 GIF with frames of 9,000 x 9,000
    passed the size check and took the worker 9.3 s and 1.1 GB."""
    refused(gif((1, 1), [(1, 1)] + [(9000, 9000)] * 6), "frames reach 9000 x 9000")


def test_a_gif_with_stray_bytes_between_its_parts_is_refused() -> None:
    """Browsers stop at the stray byte; Pillow read on a byte at a time (10 MB: 1.5 s)."""
    refused(gif((4, 4), [(4, 4), (4, 4)], between=b"\x00" * 2**20), "stray bytes")


def test_a_gif_of_more_frames_than_any_animation_is_refused() -> None:
    refused(gif((1, 1), [(1, 1)] * (MAX_GIF_FRAMES + 1)), f"over {MAX_GIF_FRAMES} frames")


def test_a_gif_damaged_after_its_first_frame_keeps_that_frame_and_says_the_rest_unseen() -> None:
    """A control block cut to one byte before the second frame: Pillow's frame count raised
    IndexError, and the photo was 'could not be read' instead of its first frame looked at."""
    decoded = decode_frames(gif((1, 1), [(1, 1), (1, 1)], between=b"!\xf9\x01\x01\x00"))
    assert len(decoded.images) == 1 and decoded.total == 2 and decoded.unseen == 1


@pytest.mark.filterwarnings("ignore:Invalid APNG")  # Pillow's own, about this very file
def test_an_apng_that_pillow_takes_for_a_still_image_counts_the_frames_browsers_play() -> None:
    """Two acTL chunks: Pillow warns and reads one picture; Chromium and Firefox play all four
    frames. The frames it could not reach are counted as unseen: a warning, not 'allow'."""
    frames = [Image.new("RGB", (8, 8), c) for c in ("red", "green", "blue", "white")]
    data = animation("PNG", frames)
    at = data.index(b"acTL") - 4
    actl = data[at : at + 20]
    decoded = decode_frames(data[:at] + actl + data[at:])
    assert decoded.total == 4 and decoded.unseen >= 1


def test_a_png_of_many_colour_profiles_or_compressed_notes_is_refused() -> None:
    """Pillow inflates each, up to 1 MB: 9,000 colour profiles held the header check 10.5 s."""
    data = encoded("coffee", "PNG")
    at = data.index(b"IDAT") - 4
    profile = png_chunk(b"iCCP", b"p\x00\x00" + zlib.compress(b"\x00" * (2**20 - 1), 9))
    refused(data[:at] + profile * (MAX_PNG_INFLATED + 1) + data[at:], "compressed notes")
    notes = png_chunk(b"zzZz") * (MAX_PNG_EXTRAS + 1)
    refused(data[:at] + notes + data[at:], f"over {MAX_PNG_EXTRAS} notes")


def test_an_animation_of_thousands_of_tiny_frames_reaches_only_a_few_hundred() -> None:
    """An animated WebP of 30,000 frames of 1 x 1 held the worker 3.8 s (its decoder walks the
    frames from the first for each one reached): a frame costs at least FRAME_COST pixels."""
    assert max(frames_looked_at(30_000, 1)) < FRAME_PIXELS // FRAME_COST
    frames = [Image.new("RGB", (1, 1), (i % 256, 0, 0)) for i in range(2_000)]
    decoded = decode_frames(animation("WEBP", frames, lossless=True))
    assert decoded.total == 2_000 and len(decoded.images) == 6


def test_a_webp_larger_than_any_web_image_is_refused() -> None:
    """libwebp keeps the canvas several times over: 64 MP of WebP (140 bytes animated, 2.5 kB
    still) took the worker to 1,152 MB."""
    buffer = io.BytesIO()
    Image.new("L", (MAX_WEBP_PIXELS // 4000 + 1, 4000)).save(buffer, "WEBP", lossless=True)
    refused(buffer.getvalue(), "more than any photo")


def test_a_jpeg_of_many_photoshop_blocks_is_refused() -> None:
    """Pillow reads Photoshop's resources one by one: 160 blocks of 5,450 empty ones took the
    header check 676 ms."""
    data = jpeg()
    resources = b"Photoshop 3.0\x00" + b"8BIM\x04\x04\x00\x00\x00\x00\x00\x00" * 5_000
    block = b"\xff\xed" + (len(resources) + 2).to_bytes(2, "big") + resources
    refused(data[:2] + block * (MAX_JPEG_PHOTOSHOP + 1) + data[2:], "Photoshop blocks")
    assert check_header(data[:2] + block + data[2:]) == "JPEG"
