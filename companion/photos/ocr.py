"""Text written in a photo (certificates, registers, banners, name labels), so that the same
name and school rules run on it as on typed text. Only the words are read; nothing about a
person is.

The reader is RapidOCR (Apache-2.0) on ONNX Runtime (MIT): the PP-OCRv3 detector that
Postguard ships (companion/photos/models) finds the words, RapidOCR's PP-OCRv6 small recogniser,
its largest layers stored as 8-bit integers and its alphabet cut to the Latin one (shipped beside
it), reads them; the lines it reads are shared between the worker's two threads
(companion/photos/line_reader.py). A name written in another script is not read: the roster's
names, which it would be compared with, are in the Latin alphabet as a UK school's information
system holds them. No download at run
time; wheels for Windows, macOS and Linux on x86-64 and ARM. It runs in the photo worker
(companion/photos/worker.py), never in the companion's own process: its models and ONNX Runtime
hold memory that a service running all day should not keep between photos.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from typing import Protocol

# Lines the recogniser is less sure of than this are noise (textures, foliage, brickwork).
MIN_CONFIDENCE = 0.75
# The most of a photo's words judged: a page of small print is ~5,000 characters.
MAX_CHARS = 20_000
NAME = "RapidOCR (PP-OCRv3 detector, PP-OCRv6 small recogniser, ONNX Runtime)"


@dataclass(frozen=True, slots=True)
class ImageText:
    lines: tuple[str, ...]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)[:MAX_CHARS]

    def sent_back(self, quoted: list[str], limit: int) -> tuple[str, bool]:
        """The words to send back with the post, at most ``limit`` characters: first the lines
        holding what the image's own check ``quoted`` in its findings (a pupil's name at the
        foot of a long page), then the others in order while they fit. True when every line
        with a finding fits."""
        text = self.text
        if len(text) <= limit:
            return text, True
        lines = text.split("\n")
        wanted = [w.casefold() for w in quoted if w.strip()]
        first = [i for i, line in enumerate(lines) if any(w in line.casefold() for w in wanted)]
        firsts = set(first)
        kept: set[int] = set()
        room = limit
        for i in (*first, *(i for i in range(len(lines)) if i not in firsts)):
            if len(lines[i]) + 1 <= room:
                kept.add(i)
                room -= len(lines[i]) + 1
        return "\n".join(lines[i] for i in sorted(kept)), kept >= firsts


def text_found(lines: list[tuple[str, float]]) -> ImageText:
    """The lines the worker read that the recogniser is sure enough of."""
    return ImageText(
        tuple(t.strip() for t, score in lines if score >= MIN_CONFIDENCE and t.strip())
    )


class TextReader(Protocol):
    name: str

    def close(self) -> None: ...


def text_reader_missing() -> str:
    """Why this machine cannot read words in photos, or "" (found, not imported: OpenCV, NumPy
    and ONNX Runtime would add ~90 MB to the companion's own process)."""
    from companion.photos import models

    for package in ("rapidocr", "onnxruntime"):
        if importlib.util.find_spec(package) is None:
            return f"no text reader is installed ({package}): install rapidocr and onnxruntime"
    return models.missing()


class RapidOcrReader:
    """The reader as ``doctor`` reports it (photos use it through the photo worker)."""

    name = NAME

    def close(self) -> None:
        pass


def load_text_reader() -> tuple[TextReader | None, str]:
    """The text reader for this machine, or None and the reason there is none."""
    missing = text_reader_missing()
    return (None, missing) if missing else (RapidOcrReader(), "")
