"""The text vocabulary every check shares: how common a word is in English (and the levels the
checks compare it with), and where sentences end.

Frequencies are wordfreq's Zipf scale: 4 is about once in every 100,000 words, 5 once in 10,000,
6 once in 1,000. A name that is also a word is judged by these levels ("Will", "May", "Grace"),
and so are the words next to a name ("Great", "Thanks") and ordinary words that a typo could
turn into a name.
"""

from __future__ import annotations

from functools import lru_cache

import regex
from wordfreq import zipf_frequency

COMMON = 4.0  # a common word: not taken for a misspelt name; famous surnames reach this
AT_SENTENCE_START = 4.5  # a given name this common at a sentence start is the word ("Hope")
EVERYDAY = 5.0  # may, long, brown, mark, green; "Thanks" after a name; "Art" in "Art Week"
ALWAYS_A_WORD = 5.5  # names this frequent as words ("will", "may", "one") are words first

# A sentence ends at ! ? or a line break, or at a full stop followed by a space (not "12.03.18").
# A colon does not end one: "DOB: 01/02/2010" is one remark. (Whether a capital is evidence of a
# name looks at the character before a word instead: matching/evidence.py.)
_SENTENCE_END = regex.compile(r"[!?\n]+|\.(?=\s|$)")


@lru_cache(maxsize=65536)
def frequency(word: str) -> float:
    """The word's Zipf frequency in English (0 for a word wordfreq has never seen)."""
    return zipf_frequency(word, "en")


def at_least(word: str, level: float) -> bool:
    return frequency(word) >= level


def warm() -> None:
    """Load wordfreq's English table (~27 MB, ~0.25 s) now rather than in the first check."""
    frequency("the")


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
