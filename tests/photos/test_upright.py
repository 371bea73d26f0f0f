"""A photo is turned the way its EXIF or XMP orientation says, exactly as Pillow's
``exif_transpose`` turns it, though without it (which copied every upright photo and rewrote
the EXIF block), and scaled down by area averaging without losing what is written on it."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageOps, PngImagePlugin

from companion.photos.decode import decode_image, shrunk


def _picture() -> Image.Image:
    """Not symmetric in any way, so every wrong turn shows."""
    image = Image.new("RGB", (300, 200), (240, 240, 240))
    draw = ImageDraw.Draw(image)
    draw.rectangle((10, 10, 120, 60), fill=(200, 30, 30))
    draw.ellipse((200, 120, 290, 190), fill=(30, 30, 200))
    draw.line((0, 199, 150, 100), fill=(0, 0, 0), width=5)
    return image


def _png(image: Image.Image, **options: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG", **options)
    return buffer.getvalue()


@pytest.mark.parametrize("orientation", range(1, 9))
def test_every_exif_orientation_turns_as_pillow_does(orientation: int) -> None:
    exif = Image.Exif()
    exif[0x0112] = orientation
    data = _png(_picture(), exif=exif)
    expected = ImageOps.exif_transpose(Image.open(io.BytesIO(data))).convert("RGB")
    decoded = decode_image(data)
    assert decoded.size == expected.size
    assert np.array_equal(np.asarray(decoded), np.asarray(expected))


def test_an_xmp_orientation_is_applied_too() -> None:
    xmp = (
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/'
        '22-rdf-syntax-ns#"><rdf:Description xmlns:tiff="http://ns.adobe.com/tiff/1.0/" '
        'tiff:Orientation="6"/></rdf:RDF></x:xmpmeta>'
    )
    info = PngImagePlugin.PngInfo()
    info.add_itxt("XML:com.adobe.xmp", xmp)
    data = _png(_picture(), pnginfo=info)
    decoded = decode_image(data)
    assert decoded.size == (200, 300)
    expected = _picture().transpose(Image.Transpose.ROTATE_270)
    assert np.array_equal(np.asarray(decoded), np.asarray(expected))


def test_a_large_photo_is_scaled_to_the_longest_side_keeping_its_shape() -> None:
    image = Image.new("RGB", (3000, 1000), (255, 255, 255))
    assert shrunk(image, 1600).size == (1600, 533)
    assert shrunk(image, 4000) is image  # no larger: not copied


def test_scaling_down_averages_fine_stripes_instead_of_aliasing_them() -> None:
    """One-pixel stripes scaled to a third are grey, as the eye sees them from afar; picking
    pixels would leave them all black or all white (or moiré)."""
    stripes = np.zeros((300, 300, 3), dtype=np.uint8)
    stripes[:, ::2] = 255
    small = np.asarray(shrunk(Image.fromarray(stripes), 100)).astype(int)
    assert small.shape == (100, 100, 3)
    assert 100 <= small.mean() <= 155
    assert small.std() < 50


def test_a_photo_shrunk_to_less_than_0_6_of_its_size_as_decoded_is_still_averaged() -> None:
    """Bilinear is only for scaling by 0.6 or more (decode.BILINEAR_FROM): one-pixel stripes
    4,000 px wide decoded to 1,600 are grey, where bilinear would read them as stripes of a
    quarter and three quarters grey."""
    stripes = np.zeros((300, 4000, 3), dtype=np.uint8)
    stripes[:, ::2] = 255
    buffer = io.BytesIO()
    Image.fromarray(stripes).save(buffer, "PNG")
    small = np.asarray(decode_image(buffer.getvalue())).astype(int)
    assert small.shape == (120, 1600, 3)
    assert 100 <= small.mean() <= 155
    assert small.std() < 50
