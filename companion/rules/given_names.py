"""Personal names that are not on the roster, for the school accounts' "no names" rule.

Given names come from the ``nicknames`` package's ``names.csv`` (both columns). A capitalised
word counts as a name unless it is a month or weekday, or it starts a sentence and is also a very
common English word ("Will you…", "May we…"), or sits in a title ("Art Week"), judged by
``wordfreq``.
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
# Zipf-scale frequencies: a name this common as a word ("One", "Day", "May", "Will") is taken as
# the word anywhere; at a sentence start a lower bar applies ("Grace", "Hope"); and a name next to
# a capitalised word this common is part of a title ("Art Week").
_ALWAYS_A_WORD = 5.5
_COMMON_AT_START = 4.5
_TITLE_WORD = 5.0


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
        starts = {s + len(text[s:e]) - len(text[s:e].lstrip()) for s, e in sentences(text)}
        words = list(_CAPITALISED.finditer(text))
        for index, match in enumerate(words):
            word = match.group().lower()
            if word not in self.names or any(s <= match.start() < e for s, e in found):
                continue
            frequency = zipf_frequency(word, "en")
            if frequency >= _ALWAYS_A_WORD:
                continue
            if match.start() in starts and frequency >= _COMMON_AT_START:
                continue
            if self._in_a_title(text, words, index):
                continue
            found.append(match.span())
        return sorted(found)

    def _in_a_title(self, text: str, words: list[regex.Match[str]], index: int) -> bool:
        """Next to a capitalised everyday word: "Art Week", "Green Park", "Sports Day"."""
        for other in (index - 1, index + 1):
            if not 0 <= other < len(words):
                continue
            first, second = sorted((words[index], words[other]), key=lambda m: m.start())
            if text[first.end() : second.start()].strip():
                continue  # not adjacent
            neighbour = words[other].group().lower()
            if neighbour not in self.names and zipf_frequency(neighbour, "en") >= _TITLE_WORD:
                return True
        return False
