"""companion/vocabulary.py keeps only the words the checks can ask about, and answers for them
exactly as wordfreq does, so a name that is also a word is judged the same as before."""

from __future__ import annotations

import re
from importlib import resources

import pytest
from wordfreq import zipf_frequency

from companion import vocabulary

LEVELS = (
    vocabulary.COMMON,
    vocabulary.AT_SENTENCE_START,
    vocabulary.EVERYDAY,
    vocabulary.ALWAYS_A_WORD,
)
AWKWARD = ["don't", "o'neill", "O'Neill", "10am", "gr8", "b4", "12.03.18", "MAY", "Zoë", "a1", ""]


@pytest.mark.parametrize("word", ["the", "will", "may", "grace", "jefferson", *AWKWARD])
def test_frequent_words_match_wordfreq_exactly(word: str) -> None:
    theirs = zipf_frequency(word, "en")
    ours = vocabulary.frequency(word)
    if theirs >= vocabulary.COMMON - 0.01:
        assert ours == theirs
    assert [ours >= level for level in LEVELS] == [theirs >= level for level in LEVELS]


def test_every_word_of_real_text_is_judged_as_wordfreq_judges_it() -> None:
    # Every word of the fortune-mod collection (real text nobody on the team wrote).
    folder = resources.files("fortune").joinpath("datfiles")
    text = " ".join(
        entry.read_text("utf-8", errors="replace")
        for entry in folder.iterdir()
        if not entry.name.endswith(".dat")
    )
    found = re.findall(r"[\w'’.-]+", text)
    words = set(found) | {w.lower() for w in found}
    assert len(words) > 10_000
    differ = [
        w
        for w in words
        if [vocabulary.frequency(w) >= lv for lv in LEVELS]
        != [zipf_frequency(w, "en") >= lv for lv in LEVELS]
    ]
    assert differ == []


def test_only_a_small_table_is_kept() -> None:
    vocabulary.warm()
    assert 5_000 < len(vocabulary._table()) < 20_000
    assert re.fullmatch(r"[\w'’.-]+", next(iter(vocabulary._table())))


def test_the_shipped_table_is_what_the_installed_wordfreq_says() -> None:
    # A wordfreq with other data fails here: run scripts/make_word_frequencies.py.
    vocabulary._table.cache_clear()
    assert vocabulary._table() == vocabulary.words_from_wordfreq()
