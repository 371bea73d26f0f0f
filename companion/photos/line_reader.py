"""RapidOCR, with the lines it has found in a photo read by either of the photo worker's threads
(companion/photos/shared_work.py). Imported by the worker alone, once RapidOCR's downloader has
been replaced (companion/photos/no_downloads.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from typing import Any

from rapidocr import RapidOCR
from rapidocr.ch_ppocr_rec import TextRecInput, TextRecOutput

from companion.photos.shared_work import SharedWork

# The recogniser reads a line scaled to this many px high (RapidOCR's, for PP-OCRv6), and takes
# memory for its width: measured on one thread, 57 MB for a line 2,400 px wide, 137 MB at 4,800,
# 329 MB at 9,600 (a 2,000 px photo's thin lines). Wider than SHARED_WIDTH, a line is read by the
# thread that found it, never beside another (two such lines at once would hold twice as much):
# two lines read at once hold at most the wider one's memory and 57 MB. A certificate's lines are
# 500-650 px, a class register's ~1,800.
LINE_HEIGHT = 48
SHARED_WIDTH = 2_400


class SharedLinesReader(RapidOCR):  # type: ignore[misc]
    """RapidOCR whose recognition step hands each line to ``SharedWork``, the widest first (so
    the last to end is a short one), while ``sharing`` is in force; a line wider than
    SHARED_WIDTH once scaled is read by the calling thread alone."""

    _sharing: SharedWork | None = None

    @contextmanager
    def sharing(self, work: SharedWork) -> Iterator[None]:
        """The worker reads one photo at a time: its lines go to ``work`` during this."""
        self._sharing = work
        try:
            yield
        finally:
            self._sharing = None

    def recognize_txt(self, img: list[Any]) -> Any:
        work = self._sharing
        if work is None or len(img) < 2:
            return super().recognize_txt(img)
        recognise = self._load_rec_model()
        widths = [LINE_HEIGHT * line.shape[1] / max(1, line.shape[0]) for line in img]
        widest_first = sorted(range(len(img)), key=lambda i: -widths[i])
        answers = work.run_all(
            [
                partial(recognise, TextRecInput(img=[img[i]], return_word_box=self.return_word_box))
                for i in widest_first
            ],
            here_only=[widths[i] > SHARED_WIDTH for i in widest_first],
        )
        by_line = dict(zip(widest_first, answers, strict=True))
        lines = [by_line[i] for i in range(len(img))]
        return TextRecOutput(
            imgs=img,
            txts=tuple(line.txts[0] for line in lines),
            scores=tuple(line.scores[0] for line in lines),
            word_results=tuple(line.word_results[0] for line in lines),
            elapse=sum(line.elapse or 0.0 for line in lines),
            viser=lines[0].viser,
        )
