"""The age estimate skips a face it cannot cut a chip from, and still names the children among
the others. The faces are the real detector's answers for a real photo, recorded, plus one large
face whose chip falls almost wholly outside the photo (no real photo made YuNet report one in
2,025 placements, but nothing stops it). Before (found in review): OpenCV refused to shrink that
sliver (cv2.error, not skipped), and the whole photo's estimate was lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from companion.photos import models, worker
from companion.photos.decode import decode_image

WAVING = Path(__file__).with_name("data") / "children-waving.jpg"
# YuNet's sure faces in children-waving.jpg as the worker sees it (960 x 640 of 1200 x 800):
# x, y, w, h, score and the five landmarks (measured with the real detector, November 2026).
SURE = [
    (765, 207, 189, 292, 90, 812, 322, 907, 337, 840, 388, 802, 421, 884, 435),
    (113, 78, 158, 212, 93, 156, 173, 233, 159, 207, 207, 176, 239, 245, 227),
    (397, 265, 200, 206, 91, 448, 321, 528, 369, 447, 388, 401, 398, 465, 439),
    (586, 438, 174, 205, 92, 649, 515, 728, 546, 677, 580, 622, 588, 690, 614),
    (641, 133, 129, 163, 86, 698, 191, 748, 204, 724, 229, 683, 247, 726, 259),
]
# A large face (800 px in the decoded photo) whose chip covers only a strip at its left edge.
EDGE = (-629, 80, 640, 640, 80, -450, 331, -190, 329, -337, 460, -424, 559, -205, 557)


@pytest.mark.skipif(bool(models.age_estimator_missing()), reason="no age network here")
def test_one_face_the_chip_cannot_be_cut_from_loses_no_other_face_s_estimate(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from companion.photos.ages import AgeEstimator

    image = decode_image(WAVING.read_bytes())
    monkeypatch.setitem(worker._state, worker.AGES, AgeEstimator(models.AGE_ESTIMATOR))
    monkeypatch.setitem(worker._state, worker.FACES, lambda scaled: list(SURE))
    boxes, height, children = worker._faces(image)
    assert (len(boxes), height) == (5, 640) and children is not None and children >= 2

    monkeypatch.setitem(worker._state, worker.FACES, lambda scaled: [*SURE, EDGE])
    boxes, height, children = worker._faces(image)
    assert len(boxes) == 6  # the count survives (it does)
    # ... and the children among the five faces that could be read are still named
    assert children is not None and children >= 2
