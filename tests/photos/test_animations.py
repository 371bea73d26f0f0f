"""An animated GIF, PNG or WebP shows every frame, so every frame a pupil could be in is looked at,
and what was not looked at is said (found in review: a blank first frame followed by the
astronaut's portrait was "allow, faces: 0", with no word of the second frame)."""

from __future__ import annotations

import io
import zlib

import pytest
from PIL import Image

from companion.checks import ImageRequest
from companion.engine import Engine
from companion.photos.decode import FRAME_PIXELS, MAX_FRAMES, decode_frames, frames_looked_at
from tests.photos.conftest import encoded, needs_detector


def portrait() -> Image.Image:
    return Image.open(io.BytesIO(encoded("astronaut"))).convert("RGB")


def animation(fmt: str, frames: list[Image.Image], **save: object) -> bytes:
    buffer = io.BytesIO()
    frames[0].save(buffer, fmt, save_all=True, append_images=frames[1:], duration=200, **save)
    return buffer.getvalue()


def blank_then_face(fmt: str, **save: object) -> bytes:
    """A white first frame, the astronaut's face in the second (what a browser plays)."""
    face = portrait()
    return animation(fmt, [Image.new("RGB", face.size, "white"), face], **save)


@needs_detector
@pytest.mark.parametrize("fmt", ["GIF", "PNG", "WEBP"])
def test_a_face_in_a_later_frame_of_an_animation_is_found(engine: Engine, fmt: str) -> None:
    save = {"lossless": True} if fmt == "WEBP" else {}
    verdict = engine.check_image(ImageRequest(data=blank_then_face(fmt, **save)))
    assert verdict.faces == 1
    assert verdict.verdict == "warn"
    assert "photo" in [f.rule for f in verdict.findings]
    assert verdict.image_not_checked == ()  # both frames were looked at


@needs_detector
def test_an_animated_png_s_default_image_and_its_frames_are_all_looked_at(engine: Engine) -> None:
    """An APNG's default image (shown by viewers that do not play it) may be outside the
    animation: a blank one in front of a face was the only picture looked at."""
    face = portrait()
    data = animation("PNG", [Image.new("RGB", face.size, "white"), face], default_image=True)
    assert engine.check_image(ImageRequest(data=data)).faces == 1


def many_blank_frames() -> bytes:
    """A GIF of three times MAX_FRAMES blank frames (each its own, so none is merged away)."""
    frames = [Image.new("RGB", (320, 240), "white") for _ in range(MAX_FRAMES * 3)]
    for index, frame in enumerate(frames):
        frame.putpixel((index, 0), (0, 0, 0))
    return animation("GIF", frames)


@needs_detector
def test_frames_not_looked_at_are_a_warning_never_a_silent_allow(engine: Engine) -> None:
    verdict = engine.check_image(ImageRequest(data=many_blank_frames()))
    assert verdict.verdict == "warn"
    assert verdict.image_not_checked == ("faces",)
    [note] = [f for f in verdict.findings if f.rule == "photo-unchecked"]
    assert f"an animation of {MAX_FRAMES * 3} frames" in note.message
    assert f"only {MAX_FRAMES} of them were looked at" in note.message


def test_the_frames_looked_at_are_spread_over_the_animation_and_bounded() -> None:
    assert frames_looked_at(1, 10**6) == [0]
    assert frames_looked_at(MAX_FRAMES, 10**6) == list(range(MAX_FRAMES))
    spread = frames_looked_at(100, 10**5)
    assert len(spread) == MAX_FRAMES and spread[0] == 0 and spread[-1] == 99
    # A huge canvas: only the frames reached within FRAME_PIXELS of decoding.
    canvas = FRAME_PIXELS // 3
    assert frames_looked_at(50, canvas) == [0, 1, 2]
    assert frames_looked_at(50, FRAME_PIXELS * 2) == [0]


def test_each_frame_decoded_is_its_own_picture() -> None:
    """Pillow's seek overwrites the open image: a frame kept as decoded must be a copy."""
    colours = [(255, 0, 0), (0, 128, 0), (0, 0, 255)]
    decoded = decode_frames(animation("GIF", [Image.new("RGB", (40, 30), c) for c in colours]))
    assert decoded.total == 3 and decoded.unseen == 0
    assert [f.getpixel((5, 5)) for f in decoded.images] == colours


def test_a_still_image_is_one_frame() -> None:
    for fmt in ("JPEG", "PNG", "GIF", "WEBP"):
        decoded = decode_frames(encoded("coffee", fmt))
        assert (decoded.total, len(decoded.images)) == (1, 1)


def test_an_animated_png_claiming_more_frames_than_it_has_is_read_and_said_so() -> None:
    """The frame count is the acTL chunk's claim: the frames reached are looked at, and the rest
    counted as not seen (a warning), never an error that loses the frames that are there."""
    colours = [(255, 0, 0), (0, 0, 255)]
    data = animation("PNG", [Image.new("RGB", (40, 30), c) for c in colours])
    at = data.index(b"acTL") + 4
    claimed = data[:at] + (1000).to_bytes(4, "big") + data[at + 4 :]
    crc = zlib.crc32(claimed[at - 4 : at + 8]).to_bytes(4, "big")
    decoded = decode_frames(claimed[: at + 8] + crc + claimed[at + 12 :])
    assert decoded.total == 1000
    assert decoded.images[0].getpixel((5, 5)) == colours[0]
    assert decoded.unseen == 1000 - len(decoded.images) > 0
