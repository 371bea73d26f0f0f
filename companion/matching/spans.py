"""Overlap and nearness of spans, in log time so 64 KiB posts stay linear."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Protocol, TypeVar


class _Span(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


M = TypeVar("M", bound=_Span)


def longest_first(mentions: list[M]) -> list[M]:
    """Leftmost-longest: of overlapping mentions keep the one that starts first, then longest."""
    chosen: list[M] = []
    for mention in sorted(mentions, key=lambda m: (m.start, m.start - m.end)):
        if not chosen or mention.start >= chosen[-1].end:
            chosen.append(mention)
    return chosen


class Spans:
    """Sorted, non-nested spans answering "is there one near here" in log time."""

    __slots__ = ("_ends", "_spans", "_starts")

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self._spans = sorted(spans)
        self._starts = [a for a, _ in self._spans]
        self._ends = sorted(b for _, b in self._spans)

    def holds(self, start: int, end: int) -> bool:
        i = bisect_right(self._starts, start) - 1
        return i >= 0 and self._spans[i][1] >= end

    def ends_within(self, low: int, high: int) -> bool:
        i = bisect_left(self._ends, low)
        return i < len(self._ends) and self._ends[i] <= high

    def starts_within(self, low: int, high: int) -> bool:
        i = bisect_left(self._starts, low)
        return i < len(self._starts) and self._starts[i] <= high

    def any_within(self, low: int, high: int) -> bool:
        i = bisect_left(self._starts, low)
        return i < len(self._starts) and self._spans[i][1] <= high
