"""A 16-bit grey image with a transparent colour decodes on white, and a very large transparent
image decodes within bounded memory. Both found by a second review of this round's decoding
changes."""

from __future__ import annotations

import io
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

from companion.photos.decode import decode_image

_ROOT = Path(__file__).resolve().parents[2]


def test_a_16_bit_grey_png_with_a_transparent_colour_shows_its_background_white() -> None:
    """A 16-bit greyscale PNG whose near-black background is its transparent colour (tRNS
    value 1000), with black writing on it, shows black writing on white, as a browser shows
    it. Before (found in review): the 16-bit step scaled the pixels but not the transparent
    colour, nothing was transparent any more, and the detectors got black on black."""
    grey = np.full((100, 200), 1000, np.uint16)  # the transparent background, stored dark
    grey[40:60, 50:150] = 0  # black writing
    buffer = io.BytesIO()
    Image.fromarray(grey).save(buffer, "PNG", transparency=1000)
    decoded = np.asarray(decode_image(buffer.getvalue())).astype(int)
    assert decoded[5, 5].min() >= 250  # the transparent background: the white page
    assert decoded[50, 100].max() <= 5  # the writing stays black


_MEASURE = textwrap.dedent(
    """
    import resource, sys
    data = open(sys.argv[1], "rb").read()
    from companion.photos.decode import decode_image
    import cv2, numpy  # imported before the baseline: only the decode is measured
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    decode_image(data)
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print((after - before) // 1024)
    """
)


def test_a_64_mp_transparent_png_decodes_without_four_full_size_copies(tmp_path: Path) -> None:
    """A transparent 8,000 x 8,000 PNG (64 MP, at MAX_PIXELS; a poster exported at print size,
    63 KB here) raises the photo worker's peak memory by at most 2.75 full-size RGBA images
    (671 MiB): Pillow scales it, weighting colours by opacity, from the one RGBA copy. Before
    (found in review): it was premultiplied into a second full-size copy and handed to OpenCV
    through a third, 870-980 MB, and twice as slow."""
    image = Image.new("P", (8000, 8000), 0)
    image.putpalette([255, 255, 255, 0, 0, 0] + [0] * 762)
    draw = ImageDraw.Draw(image)
    for y in range(0, 8000, 200):
        draw.line((0, y, 8000, y), fill=1, width=3)
    path = tmp_path / "poster.png"
    image.save(path, "PNG", transparency=0)
    del image, draw
    result = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(path)],
        capture_output=True,
        text=True,
        cwd=_ROOT,
        check=True,
        env={"PYTHONPATH": str(_ROOT), "PATH": "/usr/bin:/bin"},
    )
    rise_mb = int(result.stdout.strip().splitlines()[-1])
    full_size_rgba_mb = 8000 * 8000 * 4 / 2**20
    assert rise_mb <= 2.75 * full_size_rgba_mb, f"decode raised peak memory by {rise_mb} MB"
