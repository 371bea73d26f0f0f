"""Images decode as the site shows them: a large transparent image scaled with its colours
weighted by their opacity, and a 16-bit greyscale scan as grey. Found in review."""

from __future__ import annotations

import io

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from companion.photos.decode import decode_image


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def _as_the_site_shows(image: Image.Image, size: tuple[int, int]) -> np.ndarray:
    """On white, then scaled: what a browser draws (it scales with premultiplied alpha)."""
    page = Image.new("RGBA", image.size, (255, 255, 255, 255))
    shown = Image.alpha_composite(page, image.convert("RGBA")).convert("RGB")
    return np.asarray(shown.resize(size, Image.Resampling.BOX)).astype(int)


def test_thin_dark_lines_on_a_large_transparent_image_keep_their_ink() -> None:
    """A transparent PNG over 1,600 px of thin black strokes, its transparent pixels stored
    white (a worksheet exported with a transparent background), reaches the detectors as dark
    as the site shows it. Before (found in review of the change to OpenCV's scaling): the
    colours were averaged unweighted, the white under transparent pixels bled into the
    strokes, and they averaged 223 where the site shows 191."""
    pixels = np.zeros((1600, 3200, 4), np.uint8)
    pixels[..., :3] = 255  # the transparent background's stored colour: white
    pixels[:, ::4] = (0, 0, 0, 255)  # a one-pixel opaque black stroke every four columns
    image = Image.fromarray(pixels, "RGBA")
    decoded = np.asarray(decode_image(_png(image))).astype(int)
    expected = _as_the_site_shows(image, (1600, 800))
    assert decoded.shape == expected.shape
    assert abs(decoded.mean() - expected.mean()) <= 3


def test_text_on_a_large_transparent_image_is_as_dark_as_the_site_shows_it() -> None:
    """As above, with writing: black text on a transparent background stored white, 3,200 px
    wide, keeps its ink within 3%. Before (found in review): about an eighth of it was lost."""
    image = Image.new("RGBA", (3200, 1200), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    draw.text(
        (50, 50),
        "Well done Oliver Thompson in Year 4",
        fill=(0, 0, 0, 255),
        font=ImageFont.load_default(size=24),
    )
    decoded = np.asarray(decode_image(_png(image))).astype(int)
    expected = _as_the_site_shows(image, (1600, 600))
    ink, expected_ink = (255 - decoded).sum(), (255 - expected).sum()
    assert abs(ink - expected_ink) <= 0.03 * expected_ink


def test_a_16_bit_greyscale_png_is_not_decoded_as_blank_white() -> None:
    """A 16-bit greyscale PNG (what scanners give a scanned certificate or letter) is grey, as a
    browser shows it (value / 257). Before (found in review; older than this round): Pillow's
    conversion clipped every value over 255 to white, and the detectors got a blank page."""
    grey = np.full((200, 300), 32768, np.uint16)  # mid grey
    grey[80:120, 50:250] = 0  # a black bar, as a line of print
    decoded = np.asarray(decode_image(_png(Image.fromarray(grey)))).astype(int)
    assert abs(decoded[0, 0, 0] - 128) <= 2  # mid grey, not 255
    assert decoded[100, 150, 0] <= 2  # black stays black
