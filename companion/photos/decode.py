"""An attached image, decoded safely: only JPEG, PNG, GIF or WebP, bounded in bytes and pixels,
turned the way its EXIF says (detectors miss sideways faces), and scaled down for the detectors.
An animation is decoded as several of its frames: the site shows every one.

Image bytes are only ever held in memory: never written to disk or logged.
"""

from __future__ import annotations

import contextlib
import io
import struct
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from PIL import Image

from companion.photos.structure import BadStructure, Shape, check_gif, check_jpeg, check_png

MAX_BYTES = 10 * 1024 * 1024
# A phone photo is 12-48 MP; far beyond that is a decompression bomb (a tiny PNG claiming
# 100,000 x 100,000 pixels), refused before any pixel is decoded.
MAX_PIXELS = 64_000_000
# Pillow decodes every WebP through libwebp's animation decoder, which keeps the whole canvas
# several times over: a 64 MP WebP of 140 bytes took the worker to 1,152 MB (found in review).
# A WebP is a web image, not a camera's; the extension sends a still one scaled down as a JPEG.
MAX_WEBP_PIXELS = 24_000_000
LONGEST_SIDE = 1600
# A photo decoded larger than LONGEST_SIDE is scaled to it by 0.5-1 when it is a JPEG (its
# decoder has halved it already where that still leaves LONGEST_SIDE; by 0.6 or more when it is
# then at most 2,666 px long, as 3, 4, 12 and 48 MP phone photos are), on the way of every file
# checked (postguard check-image) and of every photo sent without the extension's scaling. On one
# core OpenCV's area averaging took 21-57 ms for it, bilinear 6-15 (bench/photo_scaling_bench.py,
# 2 December 2026), and scaled by this much or more bilinear finds as much: on photos 1.1-1.67
# times 1,600 px, of 40 faces 30-34 px wide once scaled, at four places each, 2,142 against
# 2,137 of 2,400; of names 14-20 px high once scaled, 227 against 228 of 240 read. Scaled by
# 0.53 it found 4 faces of 480 fewer. The faces' own scaling, 1,600 to 960 px, stays averaged:
# bilinear there missed 15 of 160 faces 32 px wide.
BILINEAR_FROM = 0.6
_SIXTEEN_BIT_GREY = frozenset({"I", "I;16", "I;16B", "I;16L", "I;16N"})
_KINDS = {
    b"\xff\xd8\xff": "JPEG",
    b"\x89PNG\r\n\x1a\n": "PNG",
    b"GIF87a": "GIF",
    b"GIF89a": "GIF",
}
# An animated GIF, PNG or WebP shows all its frames, and only its first was looked at: a blank
# first frame let a pupil's face in the second through as "allow" (found in review). Up to
# MAX_FRAMES frames are looked at, spread over the animation, and the check says how many it
# did not look at. Reaching a frame decodes every frame before it on the whole canvas (a GIF's
# 50th frame of 2,000 x 2,000 took 2.6 s, ~13 ms a megapixel), so only the frames reached within
# FRAME_PIXELS of canvas decoded are looked at. A JPEG's second picture (MPO: a camera's depth
# map or stereo pair) is not shown by the sites, and is not an animation.
MAX_FRAMES = 6
FRAME_PIXELS = 60_000_000
# Reaching a frame costs more than its pixels: an animated WebP of 30,000 frames of 1 x 1 held the
# worker 3.8 s (its decoder walks the frames from the first for each), a GIF of 99,000 empty
# frames 2.1 s (found in review). Each frame reached counts as at least this many pixels: at most
# 240 frames are reached.
FRAME_COST = 250_000
# Pillow's complaints about a frame after the first, damaged or cut short, or missing: found in
# review, a GIF with a short control block after its first frame raised IndexError or
# struct.error from Pillow's frame count.
_DAMAGED_LATER = (EOFError, OSError, IndexError, ValueError, SyntaxError, struct.error)
_ANIMATED_KINDS = frozenset({"PNG", "GIF", "WEBP"})
# Each kind's walk over its structure (structure.py); a PNG's and a GIF's give its shape.
_WALKS: dict[str, Callable[[bytes], Shape | None]] = {
    "JPEG": check_jpeg,
    "PNG": check_png,
    "GIF": check_gif,
}


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


@dataclass(frozen=True, slots=True)
class Frames:
    """The frames of an image that were decoded to be looked at (one for a still image)."""

    images: list[Image.Image]
    total: int  # how many frames the image has

    @property
    def unseen(self) -> int:
        """Frames of an animation that were not looked at."""
        return self.total - len(self.images)


def decode_image(data: bytes, longest_side: int = LONGEST_SIDE) -> Image.Image:
    """RGB, upright, at most ``longest_side`` pixels on its longest side; a transparent
    background as white, as the sites show it. An animation's first frame (see decode_frames)."""
    return _decoded_still(data, _checked_kind(data), longest_side)


def _decoded_still(data: bytes, kind: str, longest_side: int) -> Image.Image:
    """decode_image's work on bytes already checked to be a ``kind`` image."""
    with _refusing_bad_images():
        image = Image.open(io.BytesIO(data), formats=[kind])
        _check_size(image)
        if kind == "JPEG":  # decoded at 1/2, 1/4 or 1/8 of its size where that is enough
            image.draft("RGB", draft_size(image.size, longest_side))
        return _prepared(image, longest_side)


def decode_frames(data: bytes, longest_side: int = LONGEST_SIDE) -> Frames:
    """As decode_image, for each frame of an animation that is looked at (frames_looked_at)."""
    kind, shape = _checked(data)
    if kind not in _ANIMATED_KINDS:  # checked once: not walked again by decode_image
        return Frames([_decoded_still(data, kind, longest_side)], 1)
    with _refusing_bad_images():
        image = Image.open(io.BytesIO(data), formats=[kind])
        _check_size(image)
        canvas = image.width * image.height
        total = 1
        with contextlib.suppress(*_DAMAGED_LATER):  # Pillow's count reads every frame
            total = max(1, int(getattr(image, "n_frames", 1)))
        if shape is not None:  # the frames a browser plays, and the canvas they reach
            total = max(total, shape.frames)
            canvas = max(canvas, shape.width * shape.height)
        frames = []
        for index in frames_looked_at(total, canvas):
            try:
                image.seek(index)
                frame = _prepared(image, longest_side)
            except _DAMAGED_LATER:
                if not frames:
                    raise
                # Fewer frames than it claims, or a later one damaged: the frames before it
                # are looked at, and the rest counted as not seen.
                break
            # A frame left as decoded is the open image itself, which the next seek overwrites.
            frames.append(frame.copy() if frame is image else frame)
        return Frames(frames, total)


def frames_looked_at(total: int, canvas_pixels: int) -> list[int]:
    """Which of an animation's ``total`` frames are looked at: all of them up to MAX_FRAMES,
    else MAX_FRAMES spread from the first to the last reached within FRAME_PIXELS, each frame
    counted as at least FRAME_COST pixels."""
    reach = max(1, min(total, FRAME_PIXELS // max(FRAME_COST, canvas_pixels)))
    if reach <= MAX_FRAMES:
        return list(range(reach))
    step = (reach - 1) / (MAX_FRAMES - 1)
    return sorted({round(i * step) for i in range(MAX_FRAMES)})


def _prepared(image: Image.Image, longest_side: int) -> Image.Image:
    """An opened image (at the frame to look at) decoded as decode_image describes."""
    image.load()
    image = upright(image)
    if image.mode in _SIXTEEN_BIT_GREY:
        image = _eight_bit_grey(image)
    # Transparent pixels are mostly stored black: dropping the alpha would turn black
    # writing on a transparent background into black on black (found in review).
    transparent = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    if transparent:
        # Pillow scales RGBA with each colour weighted by its opacity, as browsers do
        # (averaged as stored, the colour under transparent pixels bled into thin dark
        # strokes: found in review), then the page shows white through it.
        image = shrunk(image if image.mode == "RGBA" else image.convert("RGBA"), longest_side)
        page = Image.new("RGBA", image.size, (255, 255, 255, 255))
        return Image.alpha_composite(page, image).convert("RGB")
    if image.mode != "RGB":  # a photo is RGB already: not copied (4 ms at 3 MP)
        image = image.convert("RGB")
    return shrunk(image, longest_side, bilinear_from=BILINEAR_FROM)


def draft_size(size: tuple[int, int], longest_side: int) -> tuple[int, int]:
    """The smallest size a JPEG of ``size`` may be decoded at and still be scaled down to
    ``longest_side``: the same shape, its longest side ``longest_side``. Pillow's draft takes the
    largest reduction that keeps both sides at least this size, so a square (longest_side,
    longest_side) would keep a 4:3 phone photo at full size: a 4032 x 3024 photo took 190 ms to
    decode where a 3464 x 3464 one took 54."""
    width, height = size
    if max(width, height) <= longest_side:
        return width, height
    # The shorter side rounded down, so that it never asks for more than the longer allows.
    if width >= height:
        return longest_side, max(1, height * longest_side // width)
    return max(1, width * longest_side // height), longest_side


def _eight_bit_grey(image: Image.Image) -> Image.Image:
    """A scanner's 16-bit grey as a browser shows it, its high byte ("L"; value / 257 to within
    one), its transparent colour kept as transparency ("LA"). Converted as it is, every value
    over 255 was white and the page blank, and a transparent colour matched no 8-bit value
    (both found in review). One byte a pixel for each result: a 64 MP scan stays bounded."""
    import numpy as np

    values = np.asarray(image)
    grey = Image.fromarray(np.clip(values >> 8, 0, 255).astype(np.uint8), "L")
    key = image.info.get("transparency")
    if not isinstance(key, int):
        return grey
    alpha = np.where(values == key, np.uint8(0), np.uint8(255))
    return Image.merge("LA", (grey, Image.fromarray(alpha, "L")))


def shrunk(image: Image.Image, longest_side: int, *, bilinear_from: float = 1.0) -> Image.Image:
    """``image`` scaled down to at most ``longest_side`` pixels on its longest side (itself when
    it is no larger), each pixel the average of the area it covers, so fine print and small
    faces are not aliased; bilinear when scaled by ``bilinear_from`` or more (see
    BILINEAR_FROM). OpenCV's where it is installed (the photo worker has it): 1,600 px to the
    faces' 960 in 13 ms on one core, where Pillow's antialiased bilinear took 14 ms, and a
    3 MP photo to 1,600 px bilinear in 6-15 ms, where averaged it took 21-57."""
    width, height = image.size
    scale = longest_side / max(width, height)
    if scale >= 1:
        return image
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    if image.mode in ("RGB", "L"):  # not RGBA: Pillow weights its colours by opacity
        try:
            import cv2
            import numpy as np
        except ImportError:  # the crest's library, missing: Pillow's, slower
            pass
        else:
            method = cv2.INTER_LINEAR if scale >= bilinear_from else cv2.INTER_AREA
            pixels = cv2.resize(np.asarray(image), size, interpolation=method)
            return Image.fromarray(pixels, image.mode)
    return image.resize(size, Image.Resampling.BILINEAR)


# EXIF orientation -> the turn that shows the image upright (the EXIF 2.32 table).
_TURNS = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}


def upright(image: Image.Image) -> Image.Image:
    """``image`` turned the way its EXIF (or XMP) orientation says, as Pillow's exif_transpose
    turns it, without its two costs: it copies an upright photo (4 ms at 3 MP, on the path of
    every check), and it rewrites the EXIF block, which fails on a damaged one (a tag stored
    with the wrong type: found in review, it stopped the photo worker). Nothing here keeps or
    writes the EXIF, so only the pixels are turned; a block too damaged to read is shown as
    stored."""
    turn = None
    with contextlib.suppress(Exception):  # AttributeError, TypeError, struct.error...
        turn = _TURNS.get(image.getexif().get(0x0112))
    return image.transpose(turn) if turn is not None else image


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
    except (OSError, SyntaxError, ValueError, IndexError, struct.error) as exc:
        raise ImageRejected(f"the image is damaged or cut short ({type(exc).__name__})") from None


def _checked_kind(data: bytes) -> str:
    return _checked(data)[0]


def _checked(data: bytes) -> tuple[str, Shape | None]:
    """The image's kind and, for a PNG or GIF, the shape its walk found."""
    shape = None
    if len(data) > MAX_BYTES:
        raise ImageRejected(f"the image is larger than {MAX_BYTES // 2**20} MB")
    kind = _kind(data)
    if kind is None:
        raise ImageRejected("this is not a JPEG, PNG, GIF or WebP image")
    # Pillow's parsers go over a file's markers, chunks and blocks one at a time in Python, and
    # libjpeg over the whole image for each of a JPEG's scans: how many there are is bounded first.
    walk = _WALKS.get(kind)
    if walk is not None:
        try:
            shape = walk(data)
        except BadStructure as exc:
            raise ImageRejected(str(exc)) from None
        if shape is not None and shape.width * shape.height > MAX_PIXELS:
            raise ImageRejected(
                f"the image's frames reach {shape.width} x {shape.height} pixels, "
                "more than any photo"
            )
    return kind, shape


def _check_size(image: Image.Image) -> None:
    width, height = image.size
    limit = MAX_WEBP_PIXELS if image.format == "WEBP" else MAX_PIXELS
    if width * height > limit:
        raise ImageRejected(f"the image claims {width} x {height} pixels, more than any photo")
