"""offensive: a note alone (staff's own post), block together with a reference to the school."""

from __future__ import annotations

from tests.rules.conftest import Check
from tests.rules.helpers import found


def test_offensive_word_alone_is_a_note(check: Check):
    verdict = check("What a shit day")
    assert found(verdict, "offensive") == [("info", "shit")]
    assert verdict.verdict == "allow"


def test_offensive_word_with_the_school_blocks(check: Check):
    verdict = check("What a shit day at Glazebury")
    assert found(verdict, "offensive") == [("block", "shit")]
    finding = next(f for f in verdict.findings if f.rule == "offensive")
    assert "disrepute" in finding.message
    assert verdict.verdict == "block"


def test_offensive_word_with_a_workplace_reference_blocks(check: Check):
    assert found(check("my class are little shits"), "offensive") == [("block", "shits")]


def test_leetspeak_does_not_hide_a_word(check: Check):
    assert found(check("what a sh1t day"), "offensive") == [("info", "sh1t")]


def test_offensive_blocks_on_the_school_account(check: Check):
    assert found(check("bloody hell, shit weather", account="school"), "offensive") == [
        ("block", "shit")
    ]


def test_everyday_words_from_the_library_list_are_excluded(check: Check):
    # "god", "hell", "fat chance": everyday English the library's list would flag
    assert found(check("Oh my god, fat chance, what the hell"), "offensive") == []


def test_words_containing_a_listed_word_are_fine(check: Check):
    assert found(check("Scunthorpe and Essex are lovely; pass the assessment"), "offensive") == []


def test_topic_words_identity_words_and_names_are_not_offensive(check: Check):
    # The reviewed exclusions: innocent senses, topics, identity words, names (bench/rules).
    text = (
        "Murder mystery night at the rum bar: screw the slope, a stupid ugly pasty, "
        "my gay brother and Guido came"
    )
    assert found(check(text), "offensive") == []


def test_swearing_and_slurs_stay_on_the_list(check: Check):
    assert found(check("fuck this, you bastard"), "offensive") == [
        ("info", "fuck"),
        ("info", "bastard"),
    ]
