"""Faces in a photo: how many, and how big. Never whose: no face is compared with another or with
anyone's photo (biometric data of children is special-category data under UK GDPR Article 9).

The detector is YuNet-s (yunet.py), its model shipped with Postguard (models/), run on ONNX
Runtime in the photo worker (companion/photos/worker.py), never in the companion's own process:
nothing is downloaded, and it works wherever ONNX Runtime installs (Windows, macOS and Linux,
x86-64 and ARM). Without it photos are reported as not checked for faces, never silently allowed
(``doctor`` says why).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

# Its scores run 0-100; below this, dogs and patterned fabric start to count as faces.
MIN_SCORE = 75


@dataclass(frozen=True, slots=True)
class Faces:
    count: int
    largest_share: float  # the largest face's height as a share of the image's height
    # how many look like a child's (companion/photos/ages.py), None when not estimated: it only
    # words a finding, and never clears a photo
    children: int | None = None


def sure_faces(boxes: Iterable[tuple[int, ...]]) -> list[tuple[int, ...]]:
    """The boxes (x, y, w, h, score, ...) YuNet is sure are faces."""
    return [b for b in boxes if b[4] >= MIN_SCORE]


def faces_found(boxes: list[tuple[int, ...]], height: int, children: int | None = None) -> Faces:
    """What the worker's boxes (x, y, w, h, score) on an image ``height`` px high amount to, and
    its count of faces that look like a child's."""
    kept = sure_faces(boxes)
    largest = max((b[3] for b in kept), default=0)
    if children is not None:
        children = max(0, min(int(children), len(kept)))
    return Faces(
        count=len(kept), largest_share=largest / height if height else 0.0, children=children
    )


class FaceDetector(Protocol):
    name: str

    def close(self) -> None: ...


class DetectorFailed(RuntimeError):
    """The detector could not answer for this photo (reported as not checked)."""


def face_detector_missing() -> str:
    """Why this machine cannot look for faces, or "" when it can (found, not loaded)."""
    from importlib.util import find_spec

    from companion.photos import models

    if find_spec("cv2") is None:  # its boxes are merged by OpenCV
        return "OpenCV is not installed (opencv-python-headless)"
    return models.face_detector_missing()


def load_face_detector() -> tuple[FaceDetector | None, str]:
    """The detector, or None and the reason there is none. Loads the model to see that it
    starts on this machine: for ``doctor``, not the server (photos use it in the worker)."""
    missing = face_detector_missing()
    if missing:
        return None, missing
    from companion.photos import models
    from companion.photos.yunet import YuNet

    try:
        return YuNet(models.FACE_DETECTOR, threads=1), ""
    except Exception as exc:  # ONNX Runtime's own errors: a damaged file, an old runtime
        return None, f"the face detector cannot start ({type(exc).__name__}: {exc})"
