"""Ordinary posts laid out in lines or with emoji (lists of first names, results, sign-offs)
are never blocked for a full name nobody wrote. A review of the first version of names across
lines found each of these blocked; false alarms of that kind teach staff to click through."""

from __future__ import annotations

import pytest

from companion.engine import Engine
from tests.matching.test_surface_forms import check, name_findings


@pytest.mark.parametrize(
    "text",
    [
        "Stars of the week:\nGrace\nWill\nHenry",
        "Stars of the week 🌟 Grace 🌟 Will 🌟 Henry 🌟",
    ],
)
def test_two_everyday_words_across_a_line_break_are_not_a_misspelt_name(
    engine: Engine, text: str
) -> None:
    """A misspelt full name is looked for only across spaces: "Grace\\nWill" is not pupil
    Grace Hill misspelt. Before: the one-typo path trusted the capital a line starts with, and a
    list of three first names was blocked for a name nobody wrote."""
    verdict = check(engine, text)
    assert not [f for f in name_findings(verdict) if f[1] == "block"], name_findings(verdict)


@pytest.mark.parametrize(
    "text",
    [
        "100m winner: Jack\nLong jump winner: Henry",
        "Love\nGrace\nHill Top Nursery",
        "Thanks for everything\nHenry\nAdams & Co Solicitors",
    ],
)
def test_a_name_ending_a_line_and_a_word_starting_the_next_is_never_a_block(
    engine: Engine, text: str
) -> None:
    """Sports results, sign-offs and addresses are laid out in lines: a first name ends one line
    and the next starts with a capitalised word ("Long jump", "Hill Top Nursery", "Adams & Co")
    that happens to be that pupil's surname. At most a warning that names the words (a name
    alone on its line is a list's item: nothing); before, a full-name block for Jack Long,
    Grace Hill and Henry Adams, so the sports-day results post could not go out."""
    verdict = check(engine, text)
    assert verdict.verdict != "block", name_findings(verdict)
    assert not [f for f in name_findings(verdict) if "\n" in f[2] and f[1] != "warn"]
