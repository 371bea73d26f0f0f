"""The text vocabulary every check shares: how common a word is in English (and the levels the
checks compare it with), and where sentences end.

Frequencies are wordfreq's Zipf scale: 4 is about once in every 100,000 words, 5 once in 10,000,
6 once in 1,000. A name that is also a word is judged by these levels ("Will", "May", "Grace"),
and so are the words next to a name ("Great", "Thanks") and ordinary words that a typo could
turn into a name.
"""

from __future__ import annotations

import math
from functools import cache, lru_cache
from importlib import resources
from types import ModuleType

import regex

COMMON = 4.0  # a common word: not taken for a misspelt name; famous surnames reach this
AT_SENTENCE_START = 4.5  # a given name this common at a sentence start is the word ("Hope")
EVERYDAY = 5.0  # may, long, brown, mark, green; "Thanks" after a name; "Art" in "Art Week"
ALWAYS_A_WORD = 5.5  # names this frequent as words ("will", "may", "one") are words first

# A sentence ends at ! ? or a line break, or at a full stop followed by a space (not "12.03.18").
# A colon does not end one: "DOB: 01/02/2010" is one remark. (Whether a capital is evidence of a
# name looks at the character before a word instead: matching/evidence.py.)
_SENTENCE_END = regex.compile(r"[!?\n]+|\.(?=\s|$)")


# Every level is at least COMMON, so only words at least that frequent are kept (7,000 of
# wordfreq's 320,000): 0.01 below it, so that wordfreq's rounding to hundredths cannot lift a
# word left out up to a level.
_KEPT_FROM = 10 ** (COMMON - 0.01 - 9)


@lru_cache(maxsize=65536)
def frequency(word: str) -> float:
    """The word's Zipf frequency in English, as ``wordfreq.zipf_frequency(word, "en")`` gives
    it, for any word at least COMMON; 0 for rarer words. Tokens combine as wordfreq combines them
    ("don't", "o'neill", "10am")."""
    wordfreq = load_wordfreq()
    tokens = wordfreq.lossy_tokenize(word, "en")
    if not tokens:
        return 0.0
    table = _table()
    one_over = 0.0
    for token in tokens:
        smashed = wordfreq.smash_numbers(token)
        found = table.get(smashed)
        if found is None:
            return 0.0  # rarer than COMMON, and the whole rarer still
        one_over += 1.0 / (found * wordfreq.digit_freq(token) if smashed != token else found)
    combined = 1.0 / one_over
    combined = round(combined, math.floor(-math.log10(combined)) + 3)  # wordfreq's rounding
    return round(math.log10(combined) + 9, 2)


def at_least(word: str, level: float) -> bool:
    return frequency(word) >= level


TABLE_FILE = "word_frequencies.tsv"


@cache
def load_wordfreq() -> ModuleType:
    """wordfreq (its tokenizer, its table), imported when first asked for: 80 ms and 15 MB that a
    roster import and its second process never use, since they look up no word. The engine asks
    for it as it is made, so that a missing package stops ``serve`` as it starts, never a check
    (when the import was first made lazy, the warm-up failed in a thread and the service
    listened on, to fail every check)."""
    import wordfreq

    return wordfreq


@cache
def _table() -> dict[str, float]:
    """The words at least COMMON, with their frequencies: wordfreq's, kept in TABLE_FILE
    (scripts/make_word_frequencies.py writes it; a test checks it against wordfreq), so that a
    service reads 7,000 words at start-up, not wordfreq's 34 MB table."""
    table: dict[str, float] = {}
    lines = resources.files("companion").joinpath(TABLE_FILE).read_text("utf-8").splitlines()
    for line in lines:
        if line and not line.startswith("#"):
            word, frequency = line.split("\t")
            table[word] = float(frequency)
    return table


def words_from_wordfreq() -> dict[str, float]:
    """What TABLE_FILE holds, from the installed wordfreq (for the script and the test)."""
    return {w: f for w, f in load_wordfreq().get_frequency_dict("en").items() if f >= _KEPT_FROM}


def warm() -> None:
    """Read the frequencies (a few ms) and set up wordfreq's English tokenizer (~1 ms: it
    looks up the language's data) now rather than in the first check."""
    _table()
    load_wordfreq().lossy_tokenize("warm", "en")


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
