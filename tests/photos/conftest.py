"""Real photos from scikit-image's bundled data (NASA's astronaut portrait, the cameraman, a cat,
coffee, printed text), encoded as a phone or browser would send them."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

skimage_data = pytest.importorskip("skimage.data")


def encoded(name: str, fmt: str = "JPEG", **save: object) -> bytes:
    pixels = getattr(skimage_data, name)()
    if pixels.ndim == 2:
        pixels = np.stack([pixels] * 3, axis=-1)
    buffer = io.BytesIO()
    Image.fromarray(pixels[..., :3].astype(np.uint8)).save(buffer, fmt, **save)
    return buffer.getvalue()


FACES = ("astronaut", "camera")
NO_FACES = ("chelsea", "coffee", "text", "coins")

from tests.server.conftest import client, settings  # noqa: E402,F401 (pytest fixtures)
