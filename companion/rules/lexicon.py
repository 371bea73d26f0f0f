"""Phrase lists from ``policy_data/lexicons`` and a matcher over normalised (folded) text."""

from __future__ import annotations

from collections.abc import Iterable

import regex

from companion.policy import policy_resource


def read_lexicon(name: str) -> tuple[str, ...]:
    """The phrases of ``policy_data/lexicons/<name>.txt``: one a line, ``#`` starts a comment."""
    text = policy_resource(f"lexicons/{name}.txt").read_text("utf-8")
    lines = (line.split("#", 1)[0].strip().lower() for line in text.splitlines())
    return tuple(dict.fromkeys(line for line in lines if line))


class PhraseMatcher:
    """Whole-word phrase matches: any spacing or hyphen between words, apostrophes optional.

    Works on normalised text (lower case, apostrophes folded to ``'``), so the phrases are
    compiled once and every request pays one regex scan.
    """

    def __init__(self, phrases: Iterable[str]) -> None:
        ordered = sorted(set(phrases), key=len, reverse=True)
        body = "|".join(_phrase(p) for p in ordered)
        self._pattern = regex.compile(rf"(?<![\p{{L}}\p{{N}}])(?:{body})(?![\p{{L}}\p{{N}}])")

    @classmethod
    def from_lexicon(cls, *names: str) -> PhraseMatcher:
        return cls(phrase for name in names for phrase in read_lexicon(name))

    def find(self, folded: str) -> list[tuple[int, int]]:
        return [m.span() for m in self._pattern.finditer(folded)]


def _phrase(phrase: str) -> str:
    words = phrase.split()
    parts = [regex.escape(w).replace("'", "'?") for w in words]
    return r"[\s\-]+".join(parts)
