"""The school's crest in a photo (on a jumper, a sign, a letter): where, never who.

Two checks, both needed. ORB keypoints (OpenCV, Apache-2.0) matched with Lowe's ratio test and a
RANSAC homography say "something shaped like the crest is here"; but crests made from the same
template (the same shield, other letters) share most keypoints, and matched 7 times in 12 on
that alone (issue 16's measurement). So the found region is warped back into the crest's own
frame, aligned finely (ECC), and each colour channel must correlate with the registered crest's
(normalised correlation >= MIN_CORRELATION in red, green and blue alike: insensitive to lighting
and white balance, but a crest in other colours fails). A crest that differs from the school's
only in its letters, in the same colours, is not told apart (its correlation is ~0.9 against
~0.95).

Of the ~800 keypoints ORB finds on the registered crest, only the KEPT_KEYPOINTS found most often
in made-up photos of it (small, turned, at a slant, on noise, as a JPEG) are kept. The others
were mostly matched wrongly: dropping them both cuts the matching's cost (it grows with the
crest's keypoints times the photo's) and raises RANSAC's share of right matches, so more crests
are found (bench/crest_bench.py's busy photos).

Crests under ~90 px wide in the photo are not found (too few keypoints); the photo is worked on
at <= 1,600 px on its longest side. In a busy photo (a class photo at 3 MP), a faded crest's
keypoints lose out to hair, faces and clothes among the photo's SCENE_FEATURES and it is missed.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from datetime import UTC, datetime

import cv2
import numpy as np
from PIL import Image

from companion.photos.crest_template import CrestTemplate
from companion.photos.decode import ImageRejected, decode_image, upright

WORK_SIDE = 1600  # the photo, longest side
SCENE_FEATURES = 4000
CREST_SIDE = 400  # the registered crest is keypointed at this size
CREST_FEATURES = 1000  # found on the crest; KEPT_KEYPOINTS of them are kept
KEPT_KEYPOINTS = 300
PRACTICE_VIEWS = 32  # made-up photos of the crest that rank its keypoints
PRACTICE_WIDTHS = (90, 360)  # px, the crest in them
MAX_TURN = 15.0  # degrees
MAX_SLANT = 0.2  # the top edge shortened by up to this share
FOUND_WITHIN = 4.0  # px: a match this near where the keypoint must be counts as found
PICTURE_SIDE = 96  # the correlation check's size
MIN_SOURCE_WIDTH = 90  # narrower crest images are refused
SMALL_SOURCE_WIDTH = 200  # below this, registering works but finds fewer crests
MIN_CREST_KEYPOINTS = 60
BACKGROUND_TOLERANCE = 24  # colour steps: a JPEG's white margin is not all 255
RATIO = 0.8
MIN_INLIERS = 10
MIN_CORRELATION = 0.6
MIN_FOUND_SIDE = 40  # px in the working image: smaller quads are noise
ATTEMPTS = 3  # homographies tried per photo (a near miss's matches are removed each time)


class CrestRejected(ImageRejected):
    """The file cannot be registered as the crest; the message says why, for the person."""


@dataclass(frozen=True, slots=True)
class CrestMatch:
    corners: tuple[tuple[float, float], ...]  # the crest's four corners in the image given
    width: int  # its width in the image given, px
    inliers: int
    correlation: float


def register_crest(data: bytes, *, now: datetime | None = None) -> CrestTemplate:
    """A template from the crest's PNG/JPEG/WebP bytes; CrestRejected when it cannot be one."""
    rgb, mask = _decode_crest(data)
    if rgb.width < MIN_SOURCE_WIDTH:
        raise CrestRejected(
            f"the crest image is {rgb.width} px wide; crests narrower than {MIN_SOURCE_WIDTH} px "
            f"cannot be found in photos (give the largest copy you have, {SMALL_SOURCE_WIDTH} px "
            "or more)"
        )
    source = rgb.size
    scale = CREST_SIDE / max(rgb.size)
    size = (max(1, round(rgb.width * scale)), max(1, round(rgb.height * scale)))
    resized = rgb.resize(size, Image.Resampling.LANCZOS)
    grey = np.asarray(resized.convert("L"))
    keypoints, descriptors = _orb(CREST_FEATURES, nlevels=10).detectAndCompute(grey, None)
    if descriptors is None or len(keypoints) < MIN_CREST_KEYPOINTS:
        raise CrestRejected(
            f"the crest image has too little detail to be found in photos ({len(keypoints)} "
            f"distinctive points, at least {MIN_CREST_KEYPOINTS} needed); give the full crest"
        )
    points = np.array([k.pt for k in keypoints], dtype=np.float32)
    shape = np.asarray(mask.resize(size, Image.Resampling.BILINEAR))
    kept = _most_repeatable(np.asarray(resized), shape, points, descriptors)
    small = _small_size(size)
    return CrestTemplate(
        width=size[0],
        height=size[1],
        points=points[kept],
        descriptors=descriptors[kept],
        picture=np.asarray(resized.resize(small, Image.Resampling.BOX)),
        mask=np.asarray(mask.resize(small, Image.Resampling.BILINEAR).point(_opaque)),
        source_width=source[0],
        source_height=source[1],
        registered_at=(now or datetime.now(UTC)).isoformat(timespec="seconds"),
    )


def find_crest(image: Image.Image, template: CrestTemplate) -> CrestMatch | None:
    """The crest in ``image`` (an upright RGB photo, as decode_image gives), or None.

    The image is scaled down to 1,600 px first if larger; corners are in the image's own pixels.
    Cost on one core of this 2-core machine, with a 300-keypoint template: ~22 ms at 1 MP,
    28-39 ms at 1,600 x 1,200 (more when the photo must be scaled down first; bench/crest_bench.py).
    Thread-safe (no state is shared between calls); OpenCV may use a second core.
    """
    scale = min(1.0, WORK_SIDE / max(image.size))
    work = image if image.mode == "RGB" else image.convert("RGB")
    if scale < 1.0:
        size = (round(image.width * scale), round(image.height * scale))
        work = work.resize(size, Image.Resampling.BILINEAR)
    scene = np.asarray(work)
    grey = cv2.cvtColor(scene, cv2.COLOR_RGB2GRAY)
    keypoints, descriptors = _orb(SCENE_FEATURES, nlevels=8).detectAndCompute(grey, None)
    if descriptors is None or len(keypoints) < MIN_INLIERS:
        return None
    pairs = _ratio_matches(template.descriptors, descriptors)
    crest_pts = np.float32([template.points[q] for q, _ in pairs])
    scene_pts = np.float32([keypoints[t].pt for _, t in pairs])
    for _ in range(ATTEMPTS):
        if len(crest_pts) < MIN_INLIERS:
            return None
        homography, inlier_mask = cv2.findHomography(crest_pts, scene_pts, cv2.RANSAC, 5.0)
        if homography is None:
            return None
        inliers = inlier_mask.ravel().astype(bool)
        if inliers.sum() < MIN_INLIERS:
            return None
        corners = _corners(template, homography)
        if _plausible(corners):
            correlation = _correlation(scene, template, homography)
            if correlation >= MIN_CORRELATION:
                return _match(corners / scale, int(inliers.sum()), correlation)
        crest_pts, scene_pts = crest_pts[~inliers], scene_pts[~inliers]
    return None


def _most_repeatable(
    crest: np.ndarray, shape: np.ndarray, points: np.ndarray, descriptors: np.ndarray
) -> np.ndarray:
    """The indices of the KEPT_KEYPOINTS keypoints that find_crest's own matching finds most
    often, at the right place, in PRACTICE_VIEWS made-up photos of the crest (ties: ORB's order).

    The views are drawn from a fixed seed, so registering the same crest twice gives the same
    template.
    """
    rng = np.random.default_rng(16)
    found = np.zeros(len(points), np.int64)
    orb = _orb(SCENE_FEATURES, nlevels=8)
    for _ in range(PRACTICE_VIEWS):
        view, homography = _practice_view(crest, shape, rng)
        keypoints, seen = orb.detectAndCompute(cv2.cvtColor(view, cv2.COLOR_RGB2GRAY), None)
        if seen is None:
            continue
        pairs = np.array(_ratio_matches(descriptors, seen), dtype=np.int64).reshape(-1, 2)
        expected = cv2.perspectiveTransform(points[pairs[:, 0]].reshape(-1, 1, 2), homography)
        actual = np.float32([keypoints[t].pt for t in pairs[:, 1]]).reshape(-1, 2)
        near = np.linalg.norm(expected.reshape(-1, 2) - actual, axis=1) < FOUND_WITHIN
        np.add.at(found, pairs[near, 0], 1)
    return np.sort(np.argsort(-found, kind="stable")[:KEPT_KEYPOINTS])


def _practice_view(
    crest: np.ndarray, shape: np.ndarray, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """The crest small, turned and slanted on a noisy plain ground, through a JPEG; and the
    homography from the crest's frame to the view."""
    h, w = shape.shape
    scale = rng.uniform(*PRACTICE_WIDTHS) / w
    slant = rng.uniform(0, MAX_SLANT) * w / 2
    frame = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    placed = np.float32([[slant, 0], [w - slant, 0], [w, h], [0, h]]) * scale
    turn = math.radians(rng.uniform(-MAX_TURN, MAX_TURN))
    rotation = np.float32([[math.cos(turn), -math.sin(turn)], [math.sin(turn), math.cos(turn)]])
    placed = (placed - placed.mean(axis=0)) @ rotation.T
    side = int(np.ptp(placed, axis=0).max() * 1.5) + 16
    placed = (placed + side / 2).astype(np.float32)
    homography = cv2.getPerspectiveTransform(frame, placed)
    ground = rng.uniform(20, 240, 3) + rng.normal(0, 8, (side, side, 3))
    drawn = cv2.warpPerspective(crest, homography, (side, side), flags=cv2.INTER_AREA)
    alpha = cv2.warpPerspective(shape, homography, (side, side))[..., None] / 255.0
    view = np.clip(drawn * alpha + ground * (1 - alpha), 0, 255).astype(np.uint8)
    buffer = io.BytesIO()
    Image.fromarray(view).save(buffer, "JPEG", quality=int(rng.integers(60, 91)))
    with Image.open(buffer) as compressed:
        return np.asarray(compressed.convert("RGB")), homography


def _decode_crest(data: bytes) -> tuple[Image.Image, Image.Image]:
    """The crest upright on white, cropped to the crest, and its shape (L, 255 = crest)."""
    try:
        rgb = decode_image(data, longest_side=2 * CREST_SIDE)
    except ImageRejected as exc:
        raise CrestRejected(str(exc)) from None
    mask = Image.new("L", rgb.size, 255)
    alpha = _alpha(data, rgb.size)
    if alpha is not None:
        white = Image.new("RGB", rgb.size, (255, 255, 255))
        rgb = Image.composite(rgb, white, alpha)
        mask = alpha
        box = alpha.point(_opaque).getbbox()
    else:
        mask = _not_background(rgb)
        box = mask.getbbox()
    if box is None:
        raise CrestRejected("the crest image is blank")
    return rgb.crop(box), mask.crop(box)


def _not_background(rgb: Image.Image) -> Image.Image:
    """The crest's shape in an opaque image: all but the plain margin around it (L, 255 = crest).

    The margin is what floods in from the corners within a small colour tolerance; without
    this, a crest given on white would be compared with the jumper around it in a photo.
    """
    pixels = np.array(rgb)  # a writable copy: floodFill insists, though it only marks the mask
    h, w = pixels.shape[:2]
    flooded = np.zeros((h + 2, w + 2), np.uint8)
    tolerance = (BACKGROUND_TOLERANCE,) * 3
    flags = 4 | cv2.FLOODFILL_MASK_ONLY | cv2.FLOODFILL_FIXED_RANGE | (255 << 8)
    for corner in ((0, 0), (w - 1, 0), (0, h - 1), (w - 1, h - 1)):
        if not flooded[corner[1] + 1, corner[0] + 1]:
            cv2.floodFill(pixels, flooded, corner, (0, 0, 0), tolerance, tolerance, flags)
    return Image.fromarray(255 - flooded[1:-1, 1:-1])


def _alpha(data: bytes, size: tuple[int, int]) -> Image.Image | None:
    """A PNG or WebP crest's transparency (already checked safe by decode_image), or None."""
    if data.startswith(b"\xff\xd8\xff"):
        return None
    with Image.open(io.BytesIO(data)) as opened:
        image = upright(opened)
        if "A" not in image.getbands() and "transparency" not in image.info:
            return None
        alpha = image.convert("RGBA").getchannel("A")
    return alpha.resize(size, Image.Resampling.BILINEAR)


def _opaque(value: int) -> int:
    return 255 if value > 127 else 0


def _orb(features: int, nlevels: int) -> cv2.ORB:
    return cv2.ORB_create(nfeatures=features, scaleFactor=1.2, nlevels=nlevels)


def _ratio_matches(crest: np.ndarray, scene: np.ndarray) -> list[tuple[int, int]]:
    knn = cv2.BFMatcher(cv2.NORM_HAMMING).knnMatch(crest, scene, k=2)
    return [
        (pair[0].queryIdx, pair[0].trainIdx)
        for pair in knn
        if len(pair) == 2 and pair[0].distance < RATIO * pair[1].distance
    ]


def _corners(template: CrestTemplate, homography: np.ndarray) -> np.ndarray:
    w, h = template.width, template.height
    frame = np.float32([[0, 0], [w, 0], [w, h], [0, h]]).reshape(-1, 1, 2)
    return cv2.perspectiveTransform(frame, homography).reshape(4, 2)


def _plausible(corners: np.ndarray) -> bool:
    """A convex, unmirrored quad of some size: not a homography collapsed onto a few points."""
    if not np.isfinite(corners).all() or not cv2.isContourConvex(corners.astype(np.float32)):
        return False
    sides = np.linalg.norm(corners - np.roll(corners, 1, axis=0), axis=1)
    if sides.min() < MIN_FOUND_SIDE or sides.max() > 6 * sides.min():
        return False
    (ax, ay), (bx, by) = corners[1] - corners[0], corners[3] - corners[0]
    return float(ax * by - ay * bx) > 0  # clockwise in image coordinates, as the crest is


def _correlation(scene: np.ndarray, template: CrestTemplate, homography: np.ndarray) -> float:
    """The found region, straightened into the crest's frame: its worst channel's correlation."""
    ph, pw = template.mask.shape
    to_template = np.diag([template.width / pw, template.height / ph, 1.0])
    warped = cv2.warpPerspective(
        scene,
        homography @ to_template,
        (pw, ph),
        flags=cv2.INTER_AREA | cv2.WARP_INVERSE_MAP,
        borderMode=cv2.BORDER_REPLICATE,
    )
    crest = cv2.GaussianBlur(template.picture, (3, 3), 0).astype(np.float32)
    found = cv2.GaussianBlur(_aligned(warped, template), (3, 3), 0).astype(np.float32)
    inside = template.mask > 0
    return min(_ncc(found[..., c][inside], crest[..., c][inside]) for c in range(3))


def _aligned(warped: np.ndarray, template: CrestTemplate) -> np.ndarray:
    """``warped`` moved onto the crest to the pixel: keypoints of a small crest are coarse."""
    luma = np.float32([0.299, 0.587, 0.114])
    crest = template.picture.astype(np.float32) @ luma
    found = warped.astype(np.float32) @ luma
    criteria = (cv2.TERM_CRITERIA_EPS | cv2.TERM_CRITERIA_COUNT, 40, 1e-4)
    try:
        _, refine = cv2.findTransformECC(
            crest,
            found,
            np.eye(3, dtype=np.float32),
            cv2.MOTION_HOMOGRAPHY,
            criteria,
            template.mask,
            3,
        )
    except cv2.error:  # did not converge: keep the keypoints' alignment
        return warped
    size = (warped.shape[1], warped.shape[0])
    flags = cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP
    return cv2.warpPerspective(warped, refine, size, flags=flags, borderMode=cv2.BORDER_REPLICATE)


def _ncc(a: np.ndarray, b: np.ndarray) -> float:
    a, b = a - a.mean(), b - b.mean()
    denominator = float(np.sqrt((a * a).sum() * (b * b).sum()))
    return float((a * b).sum() / denominator) if denominator > 0 else 0.0


def _small_size(size: tuple[int, int]) -> tuple[int, int]:
    scale = PICTURE_SIDE / max(size)
    return max(8, round(size[0] * scale)), max(8, round(size[1] * scale))


def _match(corners: np.ndarray, inliers: int, correlation: float) -> CrestMatch:
    points = tuple((float(x), float(y)) for x, y in corners)
    width = round(float(max(np.linalg.norm(corners[1] - corners[0]), 1.0)))
    return CrestMatch(points, width, inliers, round(correlation, 3))
