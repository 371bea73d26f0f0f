"""The photo detectors, all three behind one worker process: faces counted (faces.py), words
read (ocr.py) and the school's crest found (crest.py), each answered on its own as soon as it is
ready (worker.py runs in the process, worker_pool.py starts, replaces and rests it).

The companion's own process only checks that the bytes claim to be a JPEG, PNG, GIF or WebP of
a sane size (decode.check_header) and sends them: it never decodes the pixels, and never imports
OpenCV, ONNX Runtime or the face library.
"""

from __future__ import annotations

import importlib.util
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FuturesTimeout
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING, Any

from companion.photos import worker
from companion.photos.decode import ImageRejected, check_header
from companion.photos.faces import DetectorFailed, Faces, face_detector_missing, faces_found
from companion.photos.ocr import ImageText, text_found, text_reader_missing
from companion.photos.worker_pool import IMAGE, PhotoWorker

if TYPE_CHECKING:
    from companion.photos.crest_template import CrestTemplate

STOPPED = "the photo checker stopped unexpectedly"


def crest_detector_missing() -> str:
    """Why this machine cannot look for the school's crest, or "" (OpenCV found, not imported)."""
    if importlib.util.find_spec("cv2") is None:
        return "OpenCV is not installed (opencv-python-headless)"
    return ""


class Look:
    """One photo being looked at: each part's answer, waited for separately."""

    def __init__(
        self,
        futures: dict[str, Future[Any]],
        missing: dict[str, str],
        timings: dict[str, float],
        crest_asked: bool = False,
    ) -> None:
        self._futures = futures
        self._missing = missing
        self.timings = timings  # ms in the worker: decode and each detector
        self._crest_asked = crest_asked  # a crest is registered: it must be looked for
        # An animation's frames: how many it has, and how many of them were looked at.
        self.frames = 1
        self.frames_seen = 1
        self.stopped = STOPPED  # why the worker stopped before it had the photo, when it did

    def image(self, timeout: float | None = None) -> bool:
        """Waits until the worker has decoded the photo: False when the worker failed first
        (every part is then reported as not checked). ImageRejected when it is not an image;
        FuturesTimeout when not decoded by ``timeout``."""
        try:
            decoded = self._futures[IMAGE].result(timeout=timeout)
        except BrokenProcessPool as exc:  # its reason: a photo held it too long, say
            self.stopped = str(exc) or STOPPED
            return False
        except RuntimeError as exc:
            raise ImageRejected(str(exc)) from None
        if isinstance(decoded, tuple) and len(decoded) == 3:  # (size, frames seen, frames)
            self.frames_seen, self.frames = int(decoded[1]), int(decoded[2])
        return True

    def faces(self, timeout: float | None = None) -> Faces:
        boxes, height, children = self._answer(worker.FACES, timeout)
        return faces_found(boxes, height, children)

    def words(self, timeout: float | None = None) -> ImageText:
        """DetectorFailed when they could not be read; FuturesTimeout when not by ``timeout``."""
        return text_found(self._answer(worker.WORDS, timeout))

    def crest(self, timeout: float | None = None) -> bool | None:
        """Whether the school's crest is in the photo; None when no crest is registered.
        DetectorFailed when it could not be looked for."""
        if not self._crest_asked:
            return None
        return bool(self._answer(worker.CREST, timeout))

    def _answer(self, part: str, timeout: float | None) -> Any:
        future = self._futures.get(part)
        if future is None:
            raise DetectorFailed(self._missing.get(part) or f"no {part} detector")
        try:
            value, timings = future.result(timeout=timeout)
        except FuturesTimeout:
            raise
        except BrokenProcessPool as exc:
            raise DetectorFailed(str(exc) or STOPPED) from None
        except RuntimeError as exc:
            raise DetectorFailed(str(exc)) from None
        self.timings.update(timings)
        return value


class Detectors:
    """What this machine can look for in photos, and the one worker process that does it."""

    # A fresh worker after this many photos, whatever happens: a bound on what any library can
    # hold.
    PHOTOS_PER_WORKER = 500
    IDLE_SECONDS = 300.0
    # A photo is checked in well under a second on a two-core laptop (bench/photos_bench.py);
    # one that holds the worker this long has stalled a library, and the photos after it should
    # not wait behind it (the server reports each after its 3 s budget; the CLI would wait).
    HOLD_SECONDS = 10.0

    def __init__(self) -> None:
        """Finds which detectors are installed (without importing them); the worker starts with
        the first photo, or with ``warm``."""
        self.missing: dict[str, str] = {}
        faces = face_detector_missing()
        if faces:
            self.missing[worker.FACES] = faces
        words = text_reader_missing()
        if words:
            self.missing[worker.WORDS] = words
        crest = crest_detector_missing()
        if crest:
            self.missing[worker.CREST] = crest
        parts = tuple(
            p for p in (worker.FACES, worker.CREST, worker.WORDS) if p not in self.missing
        )
        self._worker = (
            PhotoWorker(
                worker.__name__,
                parts,
                photos_per_worker=self.PHOTOS_PER_WORKER,
                idle_seconds=self.IDLE_SECONDS,
                hold_seconds=self.HOLD_SECONDS,
            )
            if parts
            else None
        )
        self._crest: tuple[CrestTemplate, bytes] | None = None
        # The last photo's stages in the worker, ms (decode, faces, crest, words): for the bench.
        self.last_timings: dict[str, float] = {}

    def look(self, data: bytes, crest: CrestTemplate | None) -> Look:
        """Send the photo to the worker. ImageRejected at once for bytes that are not a JPEG,
        PNG, GIF or WebP of a sane size; a damaged one is refused by ``Look.image``."""
        check_header(data)
        parts = [worker.FACES, worker.WORDS]
        if crest is not None:
            parts.append(worker.CREST)
        wanted = tuple(p for p in parts if p not in self.missing)
        if self._worker is None or not wanted:
            from companion.photos.decode import decode_image

            decode_image(data)  # nothing looks at it, but a damaged image is still refused
            done: Future[Any] = Future()
            done.set_result(None)
            return Look({IMAGE: done}, self.missing, {}, crest is not None)
        request: dict[str, Any] = {"data": data, "parts": wanted}
        if worker.CREST in wanted:
            request["crest"] = self._crest_bytes(crest)
        self.last_timings = {}
        futures = self._worker.submit(request)
        return Look(futures, self.missing, self.last_timings, crest is not None)

    def warm(self) -> None:
        """Start the worker and wait until it has loaded its models (the server does this as it
        starts)."""
        if self._worker is not None:
            self.missing.update(self._worker.wait_ready())

    def close(self) -> None:
        if self._worker is not None:
            self._worker.close()

    def _crest_bytes(self, crest: CrestTemplate | None) -> bytes:
        assert crest is not None
        if self._crest is None or self._crest[0] is not crest:
            self._crest = (crest, crest.to_bytes())  # once per registered crest
        return self._crest[1]
