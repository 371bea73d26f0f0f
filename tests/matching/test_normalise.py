"""The normaliser: every obfuscation folds to the plain name, and spans map back exactly."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from companion.matching.normalise import (
    join_spaced_letters,
    normalise,
    split_camel,
    split_handle,
)


@pytest.mark.parametrize(
    ("written", "folded"),
    [
        ("JOSH", "josh"),
        ("j\u043esh", "josh"),  # Cyrillic o
        ("J0sh", "josh"),
        ("3mma", "emma"),
        ("Jo\u200bsh", "josh"),  # zero-width space
        ("Jo\u00adsh", "josh"),  # soft hyphen
        ("Zo\u00eb", "zoe"),
        ("Zoe\u0308", "zoe"),  # decomposed diaeresis
        ("\uff2a\uff2f\uff33\uff28", "josh"),  # full-width
        ("\U0001d409\U0001d428\U0001d42c\U0001d421", "josh"),  # mathematical bold
        ("\u0141ukasz Wi\u015bniewska", "lukasz wisniewska"),
        ("Siobh\u00e1n", "siobhan"),
        ("O\u2019Neill", "o'neill"),
        ("Brennan\u2013Hughes", "brennan-hughes"),
        ("J o s h", "josh"),
        ("J.O.S.H", "josh"),
    ],
)
def test_obfuscations_fold_to_the_plain_form(written: str, folded: str) -> None:
    result = normalise(written)
    assert result.text == folded
    assert result.original_slice(0, len(result.text)) == written.strip()


def test_trailing_digits_of_handles_stay_digits() -> None:
    assert normalise("@josh_smith12 scored in 1st half").text == "@josh_smith12 scored in 1st half"


def test_camel_case_inside_a_hashtag_marks_word_edges() -> None:
    result = normalise("Go #WellDoneJosh!")
    josh = result.text.index("josh")
    assert josh in result.word_starts
    assert josh + 4 in result.word_ends
    assert result.in_tag(josh, josh + 4) is not None


def test_an_ordinary_word_has_no_inner_edges() -> None:
    result = normalise("jacket")
    assert result.word_starts == {0}
    assert result.word_ends == {6}


def test_span_maps_back_over_expanded_and_dropped_characters() -> None:
    text = "Stra\u00dfe \U0001f389 Zoe\u0308!"
    result = normalise(text)
    zoe = result.text.index("zoe")
    start, end = result.to_original(zoe, zoe + 3)
    assert text[start:end] == "Zoe\u0308"


def test_spaced_letters_map_back_to_the_whole_run() -> None:
    text = "well done J o s h"
    result = normalise(text)
    start, end = result.to_original(result.text.index("josh"), len(result.text))
    assert text[start:end] == "J o s h"


@pytest.mark.parametrize(
    "text",
    ["", "\ud800", "\U0001f389" * 50, "\u05e9\u05dc\u05d5\u05dd \u202ejosh\u202c", "a\u0301" * 30],
)
def test_awkward_input_never_raises(text: str) -> None:
    result = normalise(text)
    assert result.to_original(0, len(result.text))[1] <= len(text)


def test_helpers_split_tags_handles_and_spaced_letters() -> None:
    assert split_camel("WellDoneJosh") == ["Well", "Done", "Josh"]
    assert split_handle("@josh_smith12") == ["josh", "smith", "12"]
    assert split_handle("@JoshSmith") == ["Josh", "Smith"]
    assert join_spaced_letters("hi J o s h!") == "hi Josh!"


@given(st.text(max_size=200))
def test_every_folded_span_maps_inside_the_original(text: str) -> None:
    result = normalise(text)
    size = len(result.text)
    for start in range(0, size + 1, max(1, size // 7)):
        for end in range(start, size + 1, max(1, size // 5)):
            first, last = result.to_original(start, end)
            assert 0 <= first <= last <= len(text)


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=120))
def test_folding_is_stable(text: str) -> None:
    once = normalise(text).text
    assert normalise(once).text == normalise(normalise(once).text).text


def test_folded_text_is_what_normalise_folds_for_every_kind_of_name() -> None:
    """An import folds each roster name with ``folded_text`` (the index's forms); a check folds
    the post with ``normalise``. Were they to differ on any name, that name could never be
    found in a post. Names of every script and shape, spaced-out letters, leet, marks, zero
    width characters, and 50,000 random strings of those pieces."""
    import random

    from companion.matching.normalise import folded_text

    names = [
        "O'Neill", "Zoë", "J o s h", "a J o s h", "Łukasz Wiśniewski", "J0sh", "3mma",
        "smith12", "Fitzgerald-O'Brien", "ǅemal", "ﬁona", "Straße", "İlker", "K.a.t.e",
        "M a r y - J a n e", "Renée", "\u200bAnna", "Ann\u0301a", "Σοφία", "Ærøskøbing",
    ]  # fmt: skip
    pieces = "abcXYZ '-.·_0139éÉßİıŁłǅﬁ\u0301\u200bΣς"
    rng = random.Random(15)
    names += ["".join(rng.choices(pieces, k=rng.randint(1, 14))) for _ in range(50_000)]
    differ = [n for n in names if folded_text(n) != normalise(n).text]
    assert differ == []
    assert folded_text("J o s h") == "josh"  # the spaced-out branch is taken, not skipped
    assert folded_text("Łukasz") == "lukasz"
