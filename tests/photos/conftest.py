"""Real photos from scikit-image's bundled data (NASA's astronaut portrait, the cameraman, a cat,
coffee, printed text), encoded as a phone or browser would send them; and photographed writing
(a class certificate, a banner in a scene) drawn with Pillow's own font."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from collections.abc import Iterator
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from companion.demo import demo_roster
from companion.engine import Engine
from companion.photos.faces import face_detector_missing

skimage_data = pytest.importorskip("skimage.data")


def encoded(name: str, fmt: str = "JPEG", **save: object) -> bytes:
    pixels = getattr(skimage_data, name)()
    if pixels.ndim == 2:
        pixels = np.stack([pixels] * 3, axis=-1)
    buffer = io.BytesIO()
    Image.fromarray(pixels[..., :3].astype(np.uint8)).save(buffer, fmt, **save)
    return buffer.getvalue()


def font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.load_default(size=size)  # Pillow's own FreeType font: no system fonts needed


def jpeg(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, "JPEG", quality=88)
    return buffer.getvalue()


def class_photo(face_width: int, times: float = 1.0, shift: int = 0) -> Image.Image:
    """Forty faces (the astronaut's) ``face_width`` px wide once the photo is 1,600 x 1,200, on a
    photo ``times`` that size: a class photo's back row. ``shift`` moves them all a few pixels,
    so the network's grid falls differently on them."""
    face = Image.fromarray(skimage_data.astronaut()[..., :3]).crop((150, 30, 300, 200))
    crop = round(face_width * times * 150 / 90)  # the face is 90 px of the 150 cut
    scene = Image.new("RGB", (round(1600 * times), round(1200 * times)), (120, 140, 110))
    for i in range(40):
        place = (60 + shift * 3 + (i % 8) * 190, 60 + shift * 5 + (i // 8) * 220)
        scene.paste(
            face.resize((crop, crop * 17 // 15)), (round(place[0] * times), round(place[1] * times))
        )
    return scene


def certificate(name: str, school: str = "Glazebury CE Primary School") -> bytes:
    """A class certificate as a phone photographs it: 2,000 x 1,500, cream paper."""
    page = Image.new("RGB", (2000, 1500), (250, 245, 230))
    draw = ImageDraw.Draw(page)
    draw.rectangle((60, 60, 1940, 1440), outline=(120, 90, 30), width=12)
    draw.text((300, 250), "Certificate of Achievement", fill="black", font=font(90))
    draw.text((300, 520), f"awarded to {name}", fill=(20, 30, 110), font=font(90))
    draw.text((300, 780), "for excellent progress in reading", fill="black", font=font(56))
    draw.text((300, 1050), school, fill="black", font=font(56))
    return jpeg(page.rotate(-3, expand=True, fillcolor=(60, 60, 60)))


def banner_over_photo(words: str) -> bytes:
    """A banner held up in a real photo (scikit-image's coffee cup as the scene)."""
    scene = Image.open(io.BytesIO(encoded("coffee"))).resize((1200, 800))
    draw = ImageDraw.Draw(scene)
    draw.rectangle((80, 560, 1120, 700), fill=(250, 250, 250))
    draw.text((110, 585), words, fill=(200, 20, 20), font=font(72))
    return jpeg(scene)


def name_labels(names: list[str], size: int) -> bytes:
    """White name labels, their words ``size`` px high, held up in a 1,600 x 1,200 photo (as the
    extension sends it): writing about 1/60 of the photo's height, as on a class photo's labels."""
    scene = Image.open(io.BytesIO(encoded("astronaut"))).resize((1600, 1200))
    draw = ImageDraw.Draw(scene)
    for i, name in enumerate(names):
        x, y = 80 + (i % 2) * 760, 300 + (i // 2) * 520
        width, height = draw.textbbox((0, 0), name, font=font(size))[2:]
        draw.rectangle((x - 12, y - 10, x + width + 12, y + height + 14), fill=(250, 250, 250))
        draw.text((x, y), name, fill=(10, 10, 10), font=font(size))
    return jpeg(scene)


# Which detectors this machine has, found without starting their worker processes.
FACES_MISSING = face_detector_missing()
WORDS_MISSING = (
    "" if find_spec("rapidocr") and find_spec("onnxruntime") else "rapidocr is not installed"
)
needs_detector = pytest.mark.skipif(bool(FACES_MISSING), reason=FACES_MISSING)
needs_reader = pytest.mark.skipif(bool(WORDS_MISSING), reason=WORDS_MISSING)


@pytest.fixture(scope="module")
def engine() -> Iterator[Engine]:
    """The demo school's engine with its photo detectors loaded, as 'postguard serve' starts."""
    checks = Engine(demo_roster())
    checks.warm_photos()
    yield checks
    checks.close()


FACES = ("astronaut", "camera")
NO_FACES = ("chelsea", "coffee", "text", "coins")

from tests.server.conftest import client, settings  # noqa: E402,F401 (pytest fixtures)


def in_a_process_of_its_own(script: str, *args: str) -> Any:
    """What ``script`` prints last, as JSON, run by this Python in a fresh process at the
    repository's root: as the photo worker runs, with nothing of the test process loaded."""
    ran = subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
        timeout=120,
        check=True,
    )
    return json.loads(ran.stdout.splitlines()[-1])
