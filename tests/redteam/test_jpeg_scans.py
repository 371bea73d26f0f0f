"""A progressive JPEG made of thousands of empty scans is refused at once, by the companion's own
header check, before the photo worker decodes it.

libjpeg goes over every block of the image for each scan, and nothing else bounds how many
scans a JPEG may have: a 2.6 MB file claiming 8,000 x 8,000 pixels (within MAX_PIXELS) with
20,000 copies of one empty AC scan took decode_image over a minute (~4 ms a scan; a 10 MB file,
~85,000 scans, ~5 minutes), the one worker answered no other photo, and the server's check
threads waiting on it left text checks answered "too large to check". (Found in review.)
"""

from __future__ import annotations

import io
import subprocess
import sys

import pytest
from PIL import Image

from companion.photos.decode import ImageRejected, check_header
from tests.photos.conftest import encoded

SIDE = 8000  # 64 MP: exactly MAX_PIXELS
SCANS = 20_000
SECONDS = 15  # a 1,600 px phone photo decodes in ~50 ms


def _segments(data: bytes) -> list[tuple[int, bytes]]:
    """The JPEG's marker segments after SOI, each scan with its entropy-coded data."""
    i, out = 2, []
    while i < len(data):
        marker = data[i + 1]
        if marker == 0xD9:
            out.append((marker, data[i : i + 2]))
            break
        end = i + 2 + int.from_bytes(data[i + 2 : i + 4], "big")
        if marker == 0xDA:  # entropy-coded data runs to the next marker that is not RSTn or FF00
            while not (
                data[end] == 0xFF and data[end + 1] != 0 and not 0xD0 <= data[end + 1] <= 0xD7
            ):
                end += 1
        out.append((marker, data[i:end]))
        i = end
    return out


def many_scans() -> bytes:
    buffer = io.BytesIO()
    Image.new("L", (SIDE, SIDE), 128).save(buffer, "JPEG", progressive=True, quality=90)
    segments = _segments(buffer.getvalue())
    first_ac = next(
        k
        for k, (marker, body) in enumerate(segments)
        if marker == 0xDA and body[4 + 1 + 2 * body[4]] > 0  # Ss > 0: an AC scan
    )
    table = segments[first_ac - 1][1] if segments[first_ac - 1][0] == 0xC4 else b""
    repeated = (table + segments[first_ac][1]) * SCANS
    return b"\xff\xd8" + b"".join(b for _, b in segments[:-1]) + repeated + b"\xff\xd9"


# The photo worker's decode, in a process of its own: the bytes on stdin.
DECODE = """
import sys
from companion.photos.decode import ImageRejected, decode_frames
try:
    decode_frames(sys.stdin.buffer.read())
except ImageRejected as exc:
    print("rejected:", exc)
"""


def test_a_jpeg_of_thousands_of_scans_is_refused_by_its_header() -> None:
    data = many_scans()
    assert len(data) < 3 * 2**20
    with pytest.raises(ImageRejected, match=r"a JPEG of \d+ scans at 8000 x 8000"):
        check_header(data)
    # Nor does the worker's own decode spend long on it.
    try:
        subprocess.run(
            [sys.executable, "-c", DECODE],
            input=data,
            timeout=SECONDS,
            check=True,
            capture_output=True,
        )
    except subprocess.TimeoutExpired:
        raise AssertionError(
            f"the worker's decode still decoding a {len(data) // 1024} kB JPEG after {SECONDS} s "
            f"({SCANS} scans): the photo worker would be held as long"
        ) from None


def test_progressive_photos_and_phone_photos_still_pass() -> None:
    buffer = io.BytesIO()
    Image.open(io.BytesIO(encoded("astronaut"))).save(buffer, "JPEG", progressive=True)
    assert check_header(buffer.getvalue()) == "JPEG"
    assert check_header(encoded("astronaut")) == "JPEG"
