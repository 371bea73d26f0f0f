"""Writing on a transparent background (a PNG made in an editor, a sticker) is read as the sites
show it, on white: the companion flattens the image onto white before it looks, and so does the
extension before it encodes the JPEG it sends (content/photos.js).

(Found in review: the transparency was dropped, the transparent pixels are stored black, and
black writing on them became black on black: a PNG naming a pupil was allowed.)
"""

from __future__ import annotations

import io

from PIL import Image, ImageDraw

from companion.checks import ImageRequest
from companion.engine import Engine
from tests.photos.conftest import font, needs_reader


def congratulations(background: tuple[int, int, int, int]) -> bytes:
    image = Image.new("RGBA", (1400, 400), background)
    ImageDraw.Draw(image).text(
        (40, 150), "Well done Joshua Smith!", fill=(0, 0, 0, 255), font=font(90)
    )
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


@needs_reader
def test_black_writing_on_a_transparent_background_is_read(engine: Engine) -> None:
    opaque = engine.check_image(ImageRequest(data=congratulations((255, 255, 255, 255))))
    assert ("pupil-name", "block") in [(f.rule, f.severity) for f in opaque.findings]
    transparent = engine.check_image(ImageRequest(data=congratulations((0, 0, 0, 0))))
    rules = [(f.rule, f.severity) for f in transparent.findings]
    assert ("pupil-name", "block") in rules, (
        f"verdict {transparent.verdict}, words read {transparent.image_text!r}"
    )
