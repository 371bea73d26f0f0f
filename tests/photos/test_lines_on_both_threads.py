"""The lines found in a written photo are read by both of the worker's threads, and read the same
words, in the page's order, as RapidOCR's own pipeline reads them (companion/photos/
line_reader.py); a line too wide to read beside another is read by the thread that found it. If
a RapidOCR release changed the step Postguard extends, these fail rather than the photos quietly
taking longer."""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from PIL import Image, ImageDraw

from companion.photos import line_reader, worker
from companion.photos.line_reader import LINE_HEIGHT
from companion.photos.shared_work import SharedWork
from tests.photos.conftest import certificate, font, needs_reader

pytestmark = needs_reader
SECONDS = 10


@pytest.fixture(scope="module")
def reader() -> Iterator[Any]:
    yield worker._load_reader()


class Recording:
    """The recogniser, noting which thread read each line and how wide it was once scaled. With
    ``meet``, its first two lines can only end if two threads read them at once."""

    def __init__(self, recogniser: Any, meet: bool) -> None:
        self.recogniser = recogniser
        self.lines: list[tuple[str, float]] = []
        self._meeting = threading.Barrier(2, timeout=SECONDS) if meet else None

    def __call__(self, lines: Any) -> Any:
        (line,) = lines.img
        self.lines.append(
            (threading.current_thread().name, LINE_HEIGHT * line.shape[1] / line.shape[0])
        )
        if self._meeting is not None and len(self.lines) <= 2:
            self._meeting.wait()
        return self.recogniser(lines)


def read_shared(reader: Any, image: Image.Image, meet: bool = False) -> tuple[list[Any], Recording]:
    """The words worker._words reads with a second thread helping, and what the recogniser saw."""
    recording = Recording(reader._load_rec_model(), meet)
    reader.text_rec = recording
    lines = SharedWork()
    try:
        with ThreadPoolExecutor(1, thread_name_prefix="faces-thread") as pool:
            helping = pool.submit(lines.help)
            try:
                words = worker._words(image, lines)
            finally:
                lines.close()
            helping.result(timeout=SECONDS)
    finally:
        reader.text_rec = recording.recogniser
    return words, recording


def rapidocrs_own(reader: Any, image: Image.Image) -> list[tuple[str, float]]:
    """What RapidOCR's own pipeline reads (no sharing in force: its own recognition step)."""
    result = reader(worker._bgr(worker._on_page(image)))
    return list(zip(result.txts or (), result.scores or (), strict=True))


def test_a_certificates_lines_are_read_by_both_threads_as_rapidocr_reads_them(
    reader: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(worker._state, worker.WORDS, reader)
    image = Image.open(io.BytesIO(certificate("Joshua Smith"))).convert("RGB")
    shared, recording = read_shared(reader, image, meet=True)
    own = rapidocrs_own(reader, image)
    assert [text for text, _ in shared] == [text for text, _ in own]  # the page's order
    assert [round(s, 4) for _, s in shared] == [round(s, 4) for _, s in own]
    assert any("Joshua Smith" in text for text, _ in shared)
    threads = [name for name, _ in recording.lines]
    assert len(threads) >= len(shared) >= 4  # one run of the recogniser a line
    assert any(t.startswith("faces-thread") for t in threads), threads


def test_a_line_too_wide_to_read_beside_another_is_read_by_the_thread_that_found_it(
    reader: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bar is lowered so that a banner's line of ordinary writing is over it (the real bar,
    2,400 px once scaled, is a thin line across a whole photo)."""
    monkeypatch.setitem(worker._state, worker.WORDS, reader)
    monkeypatch.setattr(line_reader, "SHARED_WIDTH", 500)
    page = Image.new("RGB", (1600, 900), "white")
    draw = ImageDraw.Draw(page)
    draw.text((30, 60), "Well done to Joshua Smith and Year Six", fill="black", font=font(44))
    draw.text((30, 160), "Thank you to all the families who came", fill="black", font=font(44))
    for row, words in enumerate(("Sports day", "Grace", "Team blue", "Relay race")):
        draw.text((60, 320 + row * 130), words, fill="black", font=font(60))
    shared, recording = read_shared(reader, page)
    assert [text for text, _ in shared] == [text for text, _ in rapidocrs_own(reader, page)]
    wide = [name for name, width in recording.lines if width > 500]
    assert len(wide) == 2, recording.lines  # two: without the bar, the helper takes the second
    assert set(wide) == {threading.current_thread().name}
    assert any(name.startswith("faces-thread") for name, _ in recording.lines), recording.lines
