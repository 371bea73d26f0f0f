"""A phone's photo (4:3, 12 MP or more) is decoded at half its size or less, as a square one was,
and comes out as the detectors need it: upright, 1,600 px on its longest side, the same picture.

Before (found measuring, 1 December 2026): the JPEG was asked for a 1,600 x 1,600 draft, and
Pillow only reduces a draft while both sides stay that large, so a 4032 x 3024 photo (3024 <
3200) was decoded at full size: 190 ms where a 3464 x 3464 one took 54, on the path of every
photo checked from a file (postguard check-image) or sent without the extension's scaling.
"""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image, ImageDraw

from companion.photos.decode import LONGEST_SIDE, decode_image, draft_size


def _phone_photo(size: tuple[int, int], orientation: int = 1) -> bytes:
    """A JPEG with shapes at known places, so a wrong scale or turn shows."""
    image = Image.new("RGB", size, (235, 230, 220))
    draw = ImageDraw.Draw(image)
    width, height = size
    draw.rectangle((0, 0, width // 4, height // 4), fill=(200, 30, 30))
    draw.ellipse((width // 2, height // 2, width - 1, height - 1), fill=(30, 30, 200))
    exif = Image.Exif()
    exif[0x0112] = orientation
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90, exif=exif)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("stored", "drafted"),
    [
        ((4032, 3024), (2016, 1512)),  # a 12 MP phone photo, landscape
        ((3024, 4032), (1512, 2016)),  # and portrait
        ((8000, 6000), (2000, 1500)),  # 48 MP
        ((4000, 1800), (2000, 900)),  # a panorama's shape
        ((2048, 1536), (2048, 1536)),  # 3 MP: halved it would be under 1,600 px
    ],
)
def test_a_phone_photo_is_decoded_at_the_smallest_scale_that_still_gives_1600_px(
    stored: tuple[int, int], drafted: tuple[int, int]
) -> None:
    with Image.open(io.BytesIO(_phone_photo(stored))) as image:
        image.draft("RGB", draft_size(image.size, LONGEST_SIDE))
        assert image.size == drafted
        assert max(image.size) >= LONGEST_SIDE


@pytest.mark.parametrize(("orientation", "expected"), [(1, (1600, 1200)), (6, (1200, 1600))])
def test_the_decoded_phone_photo_is_the_same_picture_upright_at_1600_px(
    orientation: int, expected: tuple[int, int]
) -> None:
    data = _phone_photo((4032, 3024), orientation)
    decoded = decode_image(data)
    assert decoded.size == expected
    # The same picture as decoding every pixel and scaling it down: within a few levels.
    with Image.open(io.BytesIO(data)) as full:
        full.load()
        reference = full.convert("RGB")
    if orientation == 6:
        reference = reference.transpose(Image.Transpose.ROTATE_270)
    reference = reference.resize(expected, Image.Resampling.BOX)
    difference = np.abs(np.asarray(decoded, float) - np.asarray(reference, float))
    assert difference.mean() < 2.0
    # The red corner is top left as stored, top right once turned a quarter clockwise.
    red = np.array([200, 30, 30])
    corner = (50, 50) if orientation == 1 else (50, expected[0] - 50)
    assert np.abs(np.asarray(decoded)[corner].astype(int) - red).max() < 20


def test_a_shape_no_photo_has_still_gives_sizes_pillow_accepts() -> None:
    for size in [(1, 100_000), (64_000, 1_000), (1_600, 1), (1_000, 800)]:
        asked = draft_size(size, LONGEST_SIDE)
        assert min(asked) >= 1
        assert max(asked) == min(max(size), LONGEST_SIDE)
