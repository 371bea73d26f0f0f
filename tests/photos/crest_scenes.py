"""School crests drawn with Pillow, and real photos (scikit-image's) with one pasted in: on a
jumper or a sign, at several sizes, turned a little and seen at a slant, saved as a phone JPEG.

``crest("GCE")`` is the school's; ``crest("HPS", colours=...)`` is another school's crest made from
the same template (same shield, band and motto, other letters and colours): it must not match.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageEnhance, ImageFilter, ImageFont
from skimage import data as skimage_data

from companion.photos import decode_image

CREST_SIZE = (400, 480)
NAVY, GOLD, WHITE, RED = (20, 40, 110), (230, 180, 40), (255, 255, 255), (170, 25, 35)
GREEN, SILVER = (20, 110, 60), (200, 200, 205)


@dataclass(frozen=True)
class Colours:
    field: tuple[int, int, int] = NAVY
    charge: tuple[int, int, int] = GOLD
    band: tuple[int, int, int] = RED


SCHOOL = Colours()
OTHER = Colours(field=GREEN, charge=SILVER, band=NAVY)


def crest(
    letters: str = "GCE", motto: str = "LEARN AND GROW", colours: Colours = SCHOOL
) -> Image.Image:
    """A shield with a cross, stars, a book and the school's letters, over a motto ribbon (RGBA)."""
    w, h = CREST_SIZE
    image = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    shield = [(30, 20), (w - 30, 20), (w - 30, 230), (w // 2, 400), (30, 230)]
    draw.polygon(shield, fill=colours.field, outline=colours.charge, width=8)
    draw.line([(w // 2, 28), (w // 2, 390)], fill=colours.charge, width=10)  # a cross
    draw.line([(38, 130), (w - 38, 130)], fill=colours.charge, width=10)
    for cx, cy in ((110, 75), (290, 75)):
        _star(draw, cx, cy, 28, colours.charge)
    draw.rectangle([150, 265, 250, 330], fill=WHITE, outline=colours.charge, width=4)  # a book
    draw.line([(200, 265), (200, 330)], fill=colours.field, width=3)
    font = ImageFont.load_default(size=64)
    draw.text(
        (w // 2, 195),
        letters,
        font=font,
        fill=WHITE,
        anchor="mm",
        stroke_width=2,
        stroke_fill=colours.charge,
    )
    band = [(10, 400), (w - 10, 400), (w - 30, 440), (w - 10, 475), (10, 475), (30, 440)]
    draw.polygon(band, fill=colours.band, outline=colours.charge, width=4)
    draw.text((w // 2, 438), motto, font=ImageFont.load_default(size=30), fill=WHITE, anchor="mm")
    return image


def _star(draw: ImageDraw.ImageDraw, cx: int, cy: int, r: int, fill: tuple[int, int, int]) -> None:
    points = []
    for i in range(10):
        radius = r if i % 2 == 0 else r * 0.45
        angle = math.pi / 2 + i * math.pi / 5
        points.append((cx + radius * math.cos(angle), cy - radius * math.sin(angle)))
    draw.polygon(points, fill=fill)


def crest_png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def background(name: str, longest: int = 1400) -> Image.Image:
    if name == CLASS_PHOTO:
        return _class_photo()  # 2,048 px whatever ``longest`` says
    pixels = getattr(skimage_data, name)()
    if pixels.ndim == 2:
        pixels = np.stack([pixels] * 3, axis=-1)
    image = Image.fromarray(pixels[..., :3].astype(np.uint8))
    scale = longest / max(image.size)
    return image.resize(
        (round(image.width * scale), round(image.height * scale)), Image.Resampling.BICUBIC
    )


CLASS_PHOTO = "class photo"
DATA = Path(__file__).with_name("data")


@cache
def _class_photo() -> Image.Image:
    """A busy 3 MP photo: two rows of children (this folder's two real photos, tiled and mirrored)
    at about their own resolution, so hair, faces and clothes compete with the crest for the
    detector's keypoints as they do in a class photo."""
    waving = Image.open(DATA / "children-waving.jpg").convert("RGB")  # 1200 x 800
    painted = Image.open(DATA / "child-painted-face.jpg").convert("RGB").resize((533, 800))
    mirror = Image.Transpose.FLIP_LEFT_RIGHT
    canvas = Image.new("RGB", (2400, 1600))
    canvas.paste(waving, (0, 0))
    canvas.paste(waving.transpose(mirror), (1200, 0))
    canvas.paste(waving.transpose(mirror), (0, 800))
    for x in (1200, 1733):
        canvas.paste(painted, (x, 800))
    canvas.paste(painted.transpose(mirror).crop((0, 0, 134, 800)), (2266, 800))
    return canvas.resize((2048, 1365), Image.Resampling.LANCZOS)


BACKGROUNDS = ("astronaut", "coffee", "chelsea", "rocket", "camera", "coins")
# A jumper (navy, red, grey knit) or a sign (white, cream board): what a crest is printed on.
SURFACES = ((25, 30, 60), (150, 20, 30), (120, 120, 125), (245, 245, 240), (235, 225, 190))


def scene(
    name: str,
    emblem: Image.Image | None,
    width: int,
    angle: float = 0.0,
    tilt: float = 0.0,
    seed: int = 0,
    longest: int = 1400,
) -> bytes:
    """``name``'s photo with ``emblem`` (``width`` px wide) on a jumper or sign, as a JPEG.

    ``tilt`` shortens the top edge by that share (seen from below); ``emblem`` None: just the
    surface, so photos with signs and jumpers but no crest are tested too.
    """
    rng = np.random.default_rng(seed)
    photo = np.asarray(background(name, longest)).copy()
    surface = SURFACES[seed % len(SURFACES)]
    pw, ph = int(width * 1.5), int(width * 1.5 * CREST_SIZE[1] / CREST_SIZE[0])
    patch = np.clip(np.array(surface, np.float32) + rng.normal(0, 6, (ph, pw, 3)), 0, 255).astype(
        np.uint8
    )
    if emblem is not None:
        small = emblem.resize(
            (width, round(width * emblem.height / emblem.width)), Image.Resampling.LANCZOS
        )
        board = Image.fromarray(patch)
        board.paste(small, ((pw - small.width) // 2, (ph - small.height) // 2), small)
        patch = np.asarray(board)
    src = np.float32([[0, 0], [pw, 0], [pw, ph], [0, ph]])
    shrink = tilt * pw / 2
    dst = np.float32([[shrink, 0], [pw - shrink, 0], [pw, ph], [0, ph]]) - [pw / 2, ph / 2]
    turn = math.radians(angle)
    rotation = np.float32([[math.cos(turn), -math.sin(turn)], [math.sin(turn), math.cos(turn)]])
    dst = dst @ rotation.T
    height, width_px = photo.shape[:2]
    span = np.ptp(dst, axis=0)
    cx = rng.uniform(span[0] / 2 + 5, width_px - span[0] / 2 - 5)
    cy = rng.uniform(span[1] / 2 + 5, height - span[1] / 2 - 5)
    dst = (dst + np.float32([cx, cy])).astype(np.float32)
    matrix = cv2.getPerspectiveTransform(src, dst)
    warped = cv2.warpPerspective(patch, matrix, (width_px, height), flags=cv2.INTER_LINEAR)
    inside = cv2.warpPerspective(np.full((ph, pw), 255, np.uint8), matrix, (width_px, height))
    photo[inside > 127] = warped[inside > 127]
    buffer = io.BytesIO()
    Image.fromarray(photo).save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def faded(emblem: Image.Image, contrast: float, blur: float = 0.0) -> Image.Image:
    """``emblem`` with its contrast cut to ``contrast`` (1: as drawn) and softened by ``blur`` px:
    a washed jumper's embroidery, a crest in shade."""
    colour = emblem.convert("RGB")
    if blur:
        colour = colour.filter(ImageFilter.GaussianBlur(blur))
    worn = ImageEnhance.Contrast(colour).enhance(contrast).convert("RGBA")
    worn.putalpha(emblem.getchannel("A"))
    return worn


def decoded(jpeg: bytes) -> Image.Image:
    return decode_image(jpeg)


@dataclass(frozen=True)
class Case:
    name: str
    width: int
    angle: float
    tilt: float
    seed: int
    longest: int = 1400  # the photo's longest side, px


def cases() -> list[Case]:
    """36 placements: 6 photos x 6 (size, turn, slant) combinations, every size >= 120 px."""
    return _placed(BACKGROUNDS, (120, 140, 170, 220, 280, 340), first_seed=0, longest=1400)


def _placed(
    names: tuple[str, ...], widths: tuple[int, ...], first_seed: int, longest: int
) -> list[Case]:
    """Each photo with a crest at each width, turned and slanted a little differently each time."""
    turns = ((0, 0.0), (8, 0.1), (-12, 0.0), (5, 0.2), (-6, 0.15), (15, 0.05))
    return [
        Case(name, width, angle, tilt, seed=first_seed + i * 7 + j, longest=longest)
        for i, name in enumerate(names)
        for j, (width, (angle, tilt)) in enumerate(zip(widths, turns, strict=True))
    ]


# Busy photos: the class photo, and scikit-image's grass, gravel and brick (a playing field, a
# path, a wall) at 2,048 px, whose texture fills the image with strong corners.
BUSY = (CLASS_PHOTO, CLASS_PHOTO, "grass", "gravel", "brick")


def busy_cases() -> list[Case]:
    """30 placements on busy photos, the crest 115-180 px wide (90-140 px once the photo is
    searched at 1,600 px): near the smallest crest found at all."""
    return _placed(BUSY, (115, 125, 135, 145, 160, 180), first_seed=100, longest=2048)
