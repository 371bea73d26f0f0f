"""Images decode as the site shows them: a large transparent image scaled with its colours
weighted by their opacity, and a 16-bit greyscale scan as grey. Found in review."""

from __future__ import annotations

import io

import numpy as np
import pytest
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


def _half_transparent(mode: str) -> tuple[Image.Image, dict[str, object]]:
    """3,200 x 100: its left half transparent, its right half opaque red (or black in grey)."""
    if mode == "P":
        image = Image.new("P", (3200, 100), 0)
        image.putpalette([0, 0, 0, 255, 0, 0] + [0] * 762)
        image.paste(1, (1600, 0, 3200, 100))
        return image, {"transparency": 0}
    if mode == "LA":
        image = Image.new("LA", (3200, 100), (255, 0))
        image.paste((0, 255), (1600, 0, 3200, 100))
        return image, {}
    if mode == "L":
        image = Image.new("L", (3200, 100), 255)
        image.paste(0, (1600, 0, 3200, 100))
        return image, {"transparency": 255}
    image = Image.new("RGB", (3200, 100), (0, 0, 0))
    image.paste((255, 0, 0), (1600, 0, 3200, 100))
    return image, {"transparency": (0, 0, 0)}


@pytest.mark.parametrize("mode", ["P", "LA", "L", "RGB"])
def test_every_kind_of_large_transparent_png_decodes_on_white(mode: str) -> None:
    """Palette, grey-with-alpha and single-colour transparency, scaled down: the transparent half
    is white and the opaque half keeps its colour. Before (found reviewing the fix above): a
    palette image with a transparent colour was refused as damaged (Pillow premultiplies only
    from RGBA)."""
    image, options = _half_transparent(mode)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", **options)
    decoded = np.asarray(decode_image(buffer.getvalue())).astype(int)
    assert decoded.shape == (50, 1600, 3)
    assert (decoded[:, :790] == 255).all()  # transparent: the white page
    ink = decoded[:, 810:].reshape(-1, 3).mean(axis=0)
    expected = (255, 0, 0) if mode in ("P", "RGB") else (0, 0, 0)
    assert np.abs(ink - expected).max() <= 2
