"""A close-up of a child's face (the face three quarters of the photo's height or more, as a
phone's portrait or a "star of the week" photo has it) counts as a face: YuNet-s also looks at the
photo 320 px long (yunet.CLOSE_UP_SIDE), where such a face is the size it was trained on.

Before (found in review): it looked at 960 px only, where a face 700-900 px high is larger than
anything it was trained for; its score fell to 56-63, below faces.MIN_SCORE, and the photo was
checked as having no face at all and posted without a warning."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from companion.checks import ImageRequest
from companion.engine import Engine
from tests.photos.conftest import needs_detector

PAINTED = Path(__file__).with_name("data") / "child-painted-face.jpg"
FACE_CENTRE = (423, 524)  # the girl's face, about 193 x 262 px in the 800 x 1204 photo


def close_up(half: int) -> bytes:
    """The photo cropped square around the girl's face, saved as a phone would (1,200 px)."""
    x, y = FACE_CENTRE
    crop = Image.open(PAINTED).convert("RGB").crop((x - half, y - half, x + half, y + half))
    buffer = io.BytesIO()
    crop.resize((1200, 1200), Image.Resampling.LANCZOS).save(buffer, "JPEG", quality=92)
    return buffer.getvalue()


@needs_detector
@pytest.mark.parametrize("half", [175, 150], ids=["face-75pc-of-height", "face-87pc-of-height"])
def test_a_close_up_of_a_child_s_face_is_a_face(engine: Engine, half: int) -> None:
    verdict = engine.check_image(ImageRequest(data=close_up(half)))
    assert verdict.faces is not None and verdict.faces >= 1, (
        f"a close-up of a child's face was checked as {verdict.faces} faces: "
        f"{[(f.rule, f.severity) for f in verdict.findings]}"
    )
