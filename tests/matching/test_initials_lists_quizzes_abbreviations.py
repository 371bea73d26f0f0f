"""Initials in lists, quizzes and abbreviations: pupils listed by initial in a post in
capitals; a quiz's answer letter or a spaced abbreviation before a famous person's middle
initial; a double-barrelled surname before the next initial. Each case was found by a second
hostile review of this round's initials changes."""

from __future__ import annotations

import pytest

from companion.engine import Engine
from tests.matching.findings import engine_of, named
from tests.matching.people import pupil


@pytest.fixture(scope="module")
def everyday_surnames() -> Engine:
    return engine_of(
        pupil("p-amy", "Amy", "Green"),
        pupil("p-ben", "Ben", "Hall"),
        pupil("p-chloe", "Chloe", "Wood"),
        pupil("p-daisy", "Daisy", "Wood"),
        pupil("p-ella", "Ella", "Hall"),
        pupil("p-finley", "Finley", "Green"),
        pupil("p-lily", "Lily", "Young"),
        pupil("p-nina", "Nina", "Green"),
    )


@pytest.mark.parametrize("account", ["personal", "school"])
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "A. GREEN, B. HALL AND C. WOOD ARE OUR NEW PREFECTS!",
            ["a. green", "b. hall", "c. wood"],
        ),
        ("OUR NEW PREFECTS:\nA. GREEN\nB. HALL\nC. WOOD", ["a. green", "b. hall", "c. wood"]),
        ("WELL DONE D. WOOD AND F. GREEN IN P.E. TODAY", ["d. wood", "f. green"]),
        ("WELL DONE E. HALL AND F. GREEN, STARS OF THE WEEK IN D.T.!", ["e. hall", "f. green"]),
        ("WELL DONE B. HALL AND C. WOOD, BOTH GOT AN A.", ["b. hall", "c. wood"]),
        ("WELL DONE TO L. YOUNG AND N. GREEN, SEE YOU AT 9 A.M.", ["l. young", "n. green"]),
        ("WELL DONE D. WOOD, OUR STAR AT ST MARY'S C. OF E. SPORTS DAY", ["d. wood"]),
    ],
)
def test_pupils_by_initial_in_capitals_are_not_taken_for_a_quiz(
    everyday_surnames: Engine, text: str, expected: list[str], account: str
) -> None:
    """A post in capitals naming pupils by initial and an everyday surname (Green, Hall, Wood,
    Young) is a warning naming them, on the school account a block. Before (found in review):
    a test for a quiz's options, which counted any letters with full stops nearby, passed over
    an alphabetical list of prefects and pupils next to "P.E.", "D.T.", "A.M." or a grade; it
    was withdrawn, so a quiz typed in capitals raises a question again."""
    assert named(everyday_surnames, text, account) == expected


@pytest.mark.parametrize(
    ("people", "text"),
    [
        (
            [pupil("p-freya", "Freya", "Kennedy")],
            "Friday quiz! Q. Who was the 35th US president? A. John F. Kennedy",
        ),
        (
            [pupil("p-freya", "Freya", "Kennedy")],
            "friday quiz! q. who was the 35th us president? a. john f. kennedy",
        ),
        (
            [pupil("p-freya", "Freya", "Kennedy")],
            "Who was the 35th president? A. John F. Kennedy B. Richard Nixon C. Jimmy Carter",
        ),
        (
            [pupil("p-walter", "Walter", "Bush")],
            "History quiz answers: 1. A. George W. Bush 2. C. Winston Churchill",
        ),
        (
            [pupil("p-sophie", "Sophie", "Thompson")],
            "Q. Who wrote Fear and Loathing in Las Vegas? A. Hunter S. Thompson",
        ),
    ],
)
def test_a_quiz_answer_before_a_famous_middle_initial_is_not_a_pupil(
    people: list, text: str
) -> None:
    """A quiz's answer letter ("A.", "C.") before a famous person written with a middle
    initial is no pupil: "F. Kennedy", "W. Bush", "S. Thompson" are the middle initials of John
    F. Kennedy, George W. Bush and Hunter S. Thompson. A word that is a common first name never
    ends a name after a bare initial. Before (found in review): John, George and Hunter, being
    also common last names, ended a name there, and the pupils Freya Kennedy, Walter Bush and
    Sophie Thompson were named."""
    assert named(engine_of(*people), text) == []


@pytest.mark.parametrize(
    "text",
    [
        "p. s. hunter s. thompson said it best",
        "e. g. hunter s. thompson, roald dahl and j. k. rowling",
        "P. S. Hunter S. Thompson said it best",
    ],
)
def test_a_famous_middle_initial_after_a_spaced_abbreviation_is_not_a_pupil(text: str) -> None:
    """ "p. s." and "e. g." written with a space are the abbreviations "p.s." and "e.g.", and
    Hunter S. Thompson's "S." is still his middle initial. Before (found in review): only the
    unspaced forms were recognised, and the pupil Sophie Thompson was named."""
    assert named(engine_of(pupil("p-sophie", "Sophie", "Thompson")), text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Goals today: J. Price-Thomas O. Thompson",
        "Man of the match: J. Hall-Thomas O. Thompson",
    ],
)
def test_a_pupil_after_a_double_barrelled_surname_is_found(text: str) -> None:
    """A double-barrelled surname after an initial ends a name, as "J. Smith" does, so the
    pupil O. Thompson after "J. Price-Thomas" is found. Before (found in review; older than
    this round): "Thomas", a given name too, was read as a first name with "O." its middle
    initial, and Oliver Thompson was missed."""
    engine = engine_of(
        pupil("p-oliver", "Oliver", "Thompson"),
        pupil("p-jacob", "Jacob", "Price-Thomas"),
        pupil("p-jess", "Jessica", "Hall-Thomas"),
    )
    assert "o. thompson" in named(engine, text)
