"""An attached image, decoded safely: only JPEG, PNG or WebP, bounded in bytes and pixels, turned
the way its EXIF says (detectors miss sideways faces), and scaled down for the detectors.

Image bytes are only ever held in memory: never written to disk or logged.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

from PIL import Image, ImageOps

MAX_BYTES = 10 * 1024 * 1024
# A phone photo is 12-48 MP; far beyond that is a decompression bomb (a tiny PNG claiming
# 100,000 x 100,000 pixels), refused before any pixel is decoded.
MAX_PIXELS = 64_000_000
LONGEST_SIDE = 1600
_KINDS = {b"\xff\xd8\xff": "JPEG", b"\x89PNG\r\n\x1a\n": "PNG"}


class ImageRejected(ValueError):
    """The bytes are not an image we check; the message says why, for the person."""


def _kind(data: bytes) -> str | None:
    for magic, kind in _KINDS.items():
        if data.startswith(magic):
            return kind
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    return None


def check_header(data: bytes) -> str:
    """The image's kind (JPEG, PNG, WEBP), read from its header alone: ImageRejected when it is
    too large, not an image we check, or claims more pixels than any photo. Decodes no pixels
    (the photo worker does), so it costs a fraction of a millisecond."""
    kind = _checked_kind(data)
    with _refusing_bad_images(), Image.open(io.BytesIO(data), formats=[kind]) as image:
        _check_size(image)
    return kind


def decode_image(data: bytes, longest_side: int = LONGEST_SIDE) -> Image.Image:
    """RGB, upright, at most ``longest_side`` pixels on its longest side."""
    kind = _checked_kind(data)
    with _refusing_bad_images():
        image = Image.open(io.BytesIO(data), formats=[kind])
        _check_size(image)
        if kind == "JPEG":
            image.draft("RGB", (longest_side, longest_side))  # decode at a smaller scale
        image.load()
    image = ImageOps.exif_transpose(image)
    image = image.convert("RGB")
    image.thumbnail((longest_side, longest_side), Image.Resampling.BILINEAR)
    return image


@contextmanager
def _refusing_bad_images() -> Iterator[None]:
    """Pillow's complaints about a bomb or a damaged image, as ImageRejected saying which."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            yield
    except ImageRejected:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageRejected("the image claims more pixels than any photo") from None
    except (OSError, SyntaxError, ValueError) as exc:
        raise ImageRejected(f"the image is damaged or cut short ({type(exc).__name__})") from None


def _checked_kind(data: bytes) -> str:
    if len(data) > MAX_BYTES:
        raise ImageRejected(f"the image is larger than {MAX_BYTES // 2**20} MB")
    kind = _kind(data)
    if kind is None:
        raise ImageRejected("this is not a JPEG, PNG or WebP image")
    return kind


def _check_size(image: Image.Image) -> None:
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise ImageRejected(f"the image claims {width} x {height} pixels, more than any photo")
