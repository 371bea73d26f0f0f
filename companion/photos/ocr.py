"""Text written in a photo (certificates, registers, banners, name labels), so that the same
name and school rules run on it as on typed text. Only the words are read; nothing about a
person is.

The reader is RapidOCR (Apache-2.0) on ONNX Runtime (MIT), with the PP-OCRv6 small models that
ship inside its wheel: no download at run time, wheels for Windows, macOS and Linux on x86-64
and ARM. It runs in a worker process (see ocr_worker), started on the first photo and replaced
every ``TASKS_PER_WORKER`` photos, and stopped after ``IDLE_SECONDS`` without one: its
models and ONNX Runtime hold a few hundred MB that a service running all day should not keep.
"""

from __future__ import annotations

import importlib.util
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Protocol

from PIL import Image

from companion.photos import ocr_worker
from companion.photos.faces import DetectorFailed
from companion.photos.worker_pool import WorkerProcess

# Larger images are scaled down before they cross to the worker; detection itself runs at
# ocr_worker.DETECT_SIDE, and recognition on crops of this image.
READ_SIDE = 1600
# Lines the recogniser is less sure of than this are noise (textures, foliage, brickwork).
MIN_CONFIDENCE = 0.75
MAX_CHARS = 2000


@dataclass(frozen=True, slots=True)
class ImageText:
    lines: tuple[str, ...]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)[:MAX_CHARS]


class TextReader(Protocol):
    name: str

    def read(self, image: Image.Image) -> ImageText: ...

    def warm(self) -> None: ...

    def close(self) -> None: ...


class RapidOcrReader:
    name = "RapidOCR (PP-OCRv6 small, ONNX Runtime)"
    TASKS_PER_WORKER = 100
    IDLE_SECONDS = 300.0

    def __init__(self) -> None:
        # Found, not imported: OpenCV, NumPy and ONNX Runtime would add ~90 MB to the companion's
        # own process; only the worker imports them.
        for package in ("rapidocr", "onnxruntime"):
            if importlib.util.find_spec(package) is None:
                raise ImportError(f"{package} is not installed", name=package)

        self._worker = WorkerProcess(
            ocr_worker.ready,
            tasks_per_worker=self.TASKS_PER_WORKER,
            idle_seconds=self.IDLE_SECONDS,
        )
        self._worker.start()  # load the models now, not on the first photo

    def read(self, image: Image.Image) -> ImageText:
        scaled = image.convert("RGB")
        scaled.thumbnail((READ_SIDE, READ_SIDE), Image.Resampling.BILINEAR)
        width, height = scaled.size
        try:
            found = self._worker.run(ocr_worker.read, width, height, scaled.tobytes())
        except BrokenProcessPool:
            raise DetectorFailed("the text reader stopped unexpectedly") from None
        return ImageText(
            tuple(t.strip() for t, score in found if score >= MIN_CONFIDENCE and t.strip())
        )

    def warm(self) -> None:
        """Wait until the worker has loaded the model (the server does this as it starts)."""
        self._worker.wait_ready()

    def close(self) -> None:
        self._worker.close()


def load_text_reader() -> tuple[TextReader | None, str]:
    """The text reader for this machine, or None and the reason there is none."""
    try:
        return RapidOcrReader(), ""
    except ImportError as exc:
        return (
            None,
            f"no text reader is installed ({exc.name or exc}): install rapidocr and onnxruntime",
        )
    except OSError as exc:
        return None, f"the text reader cannot start on this machine ({exc})"
