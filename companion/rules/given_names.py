"""Personal names that are not on the roster, for the school accounts' "no names" rule.

Given names come from the ``nicknames`` package's ``names.csv`` (both columns). A capitalised
word counts as a name unless it is a month or weekday, or it starts a sentence and is also a very
common English word ("Will you…", "May we…"), judged by ``wordfreq``.
"""

from __future__ import annotations

import calendar
import csv
import io
from importlib import resources

import regex
from wordfreq import zipf_frequency

from companion.rules.support import sentences

_CAPITALISED = regex.compile(r"(?<![\p{L}\p{N}'’@#])\p{Lu}\p{Ll}+(?![\p{L}\p{N}'’])")
_TITLED = regex.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+\p{Lu}[\p{L}'’-]+")
# a word this common (Zipf scale) that opens a sentence is taken as the word, not the name
_COMMON_AT_START = 4.5


def given_names() -> frozenset[str]:
    raw = resources.files("nicknames").joinpath("names.csv").read_text("utf-8")
    rows = csv.DictReader(io.StringIO(raw))
    names = {n for row in rows for n in (row["name1"], row["name2"]) if len(n) >= 3}
    calendar_words = {w.lower() for w in (*calendar.month_name, *calendar.day_name) if w}
    return frozenset(names - calendar_words)


class GivenNames:
    def __init__(self) -> None:
        self.names = given_names()

    def find(self, text: str) -> list[tuple[int, int]]:
        """Spans of likely personal names in original text: "Josh", "Mrs Patel"."""
        found = [m.span() for m in _TITLED.finditer(text)]
        starts = {start for start, _ in sentences(text)}
        starts |= {s + len(text[s:e]) - len(text[s:e].lstrip()) for s, e in sentences(text)}
        for match in _CAPITALISED.finditer(text):
            word = match.group().lower()
            if word not in self.names:
                continue
            if match.start() in starts and zipf_frequency(word, "en") >= _COMMON_AT_START:
                continue
            if not any(s <= match.start() < e for s, e in found):
                found.append(match.span())
        return sorted(found)
