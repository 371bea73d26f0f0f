"""The lines found in a written photo are read by both of the worker's threads, and read the same
words, in the page's order, as when one thread reads them all (companion/photos/line_reader.py).
If a RapidOCR release changed the step Postguard extends, these fail rather than the photos
quietly taking twice as long."""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from PIL import Image

from companion.photos import worker
from companion.photos.shared_work import SharedWork
from tests.photos.conftest import certificate, needs_reader

pytestmark = needs_reader


@pytest.fixture(scope="module")
def reader() -> Iterator[Any]:
    reader = worker._load_reader()
    yield reader


class Recording:
    """The recogniser, noting which thread read each line."""

    def __init__(self, recogniser: Any) -> None:
        self.recogniser = recogniser
        self.threads: list[str] = []

    def __call__(self, lines: Any) -> Any:
        self.threads.append(threading.current_thread().name)
        return self.recogniser(lines)


def read(
    reader: Any, image: Image.Image, helped: bool
) -> tuple[list[tuple[str, float]], list[str]]:
    """The words worker._words reads, and the threads that read each line."""
    recording = Recording(reader._load_rec_model())
    reader.text_rec = recording
    try:
        lines = SharedWork()
        with ThreadPoolExecutor(1, thread_name_prefix="faces-thread") as pool:
            helping = pool.submit(lines.help) if helped else None
            try:
                words = worker._words(image, lines)
            finally:
                lines.close()
            if helping is not None:
                helping.result(timeout=10)
    finally:
        reader.text_rec = recording.recogniser
    return words, recording.threads


def test_a_certificates_lines_are_read_by_both_threads_as_one_thread_reads_them(
    reader: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(worker._state, worker.WORDS, reader)
    image = Image.open(io.BytesIO(certificate("Joshua Smith"))).convert("RGB")
    shared, threads = read(reader, image, helped=True)
    alone, alone_threads = read(reader, image, helped=False)
    assert [text for text, _ in shared] == [text for text, _ in alone]
    assert any("Joshua Smith" in text for text, _ in shared)
    assert len(threads) >= len(shared) >= 4  # one run of the recogniser a line
    assert any(t.startswith("faces-thread") for t in threads), threads
    assert set(alone_threads) == {threading.current_thread().name}
    # the same confidence, whichever thread read the line
    assert [round(s, 4) for _, s in shared] == [round(s, 4) for _, s in alone]
