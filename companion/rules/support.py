"""What several rules share per request: memoised roster mentions, sentences, spans."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

import regex

from companion.rules.base import CheckContext
from companion.rules.names import roster_names

if TYPE_CHECKING:
    from companion.matching import NameMention

T = TypeVar("T")

# A sentence ends at ! ? or a line break, or at a full stop followed by a space (not "12.03.18").
_SENTENCE_END = regex.compile(r"[!?\n]+|\.(?=\s|$)")


def memo(ctx: CheckContext, key: str, build: Callable[[], T]) -> T:
    """Compute something once per request, however many rules ask for it."""
    if key not in ctx.scratch:
        ctx.scratch[key] = build()
    return ctx.scratch[key]  # type: ignore[no-any-return]


def roster_mentions(ctx: CheckContext) -> list[NameMention]:
    """Roster names in the post (code points of the original text), shared with the name rules."""
    return roster_names(ctx)


def original_span(ctx: CheckContext, start: int, end: int) -> tuple[int, int]:
    """A span of the normalised text as code points of the original text."""
    return ctx.normalised.to_original(start, end)


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of ``text`` (original or normalised; the rule is the same for both)."""
    spans = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def sentence_of(spans: list[tuple[int, int]], position: int) -> int:
    """The index of the sentence holding ``position`` (the last one when past the end)."""
    for index, (start, end) in enumerate(spans):
        if start <= position < end:
            return index
    return len(spans) - 1
