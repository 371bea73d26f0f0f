"""A photo whose EXIF block is damaged (a tag stored with the wrong type) is still turned the way
its orientation tag says and checked, or refused as damaged; it never stops the photo worker.

(Found in review: Pillow's exif_transpose rewrites the EXIF block and raised AttributeError,
TypeError or struct.error outside decode_image's net; in the worker that ended serve()'s loop,
so every photo it was checking was reported "the photo checker stopped unexpectedly", and
``postguard school set logo`` printed a traceback.)
"""

from __future__ import annotations

import io
import struct

import pytest
from PIL import Image

from companion.checks import ImageRequest
from companion.engine import Engine
from companion.photos import decode_image
from tests.photos.conftest import FACES_MISSING, engine  # noqa: F401 (fixture)

ORIENTATION_6 = (0x0112, 3, 1, struct.pack("<HH", 6, 0))  # "rotate 90 clockwise to display"


def jpeg_with_exif(
    *entries: tuple[int, int, int, bytes], size: tuple[int, int] = (16, 12)
) -> bytes:
    """A small JPEG whose EXIF holds ``entries`` (tag, TIFF type, count, 4 value bytes)."""
    offset = 8 + 2 + 12 * len(entries) + 4  # where the value data after the IFD starts
    ifd = struct.pack("<H", len(entries))
    for tag, kind, count, value in entries:
        ifd += struct.pack("<HHI", tag, kind, count) + value.replace(
            b"OFFS", struct.pack("<I", offset)
        )
    exif = b"Exif\x00\x00II*\x00" + struct.pack("<I", 8) + ifd + struct.pack("<I", 0)
    exif += struct.pack("<II", 1, 1)  # a rational's 8 bytes
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 10, 10)).save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


DAMAGED = {
    "Make stored as a rational": jpeg_with_exif(ORIENTATION_6, (0x010F, 5, 1, b"OFFS")),
    "XResolution stored as text": jpeg_with_exif(ORIENTATION_6, (0x011A, 2, 4, b"abc\x00")),
    "ImageWidth stored as text": jpeg_with_exif(ORIENTATION_6, (0x0100, 2, 4, b"abc\x00")),
}


@pytest.mark.parametrize("name", DAMAGED)
def test_damaged_exif_is_still_turned_by_its_orientation(name: str) -> None:
    # 16 x 12 stored, orientation 6 ("turn 90 degrees clockwise"): shown 12 x 16.
    assert decode_image(DAMAGED[name]).size == (12, 16)


def test_damaged_exif_does_not_stop_the_photo_worker(engine: Engine) -> None:  # noqa: F811
    verdict = engine.check_image(ImageRequest(data=DAMAGED["ImageWidth stored as text"]))
    messages = [f.message for f in verdict.findings]
    assert not any("stopped unexpectedly" in m for m in messages), messages
    assert (verdict.image_not_checked == () and verdict.faces == 0) or FACES_MISSING
