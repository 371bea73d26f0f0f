"""An initial and a surname ("O. Thompson") names whoever of that surname has a forename with
that initial: to the class and its families, a pupil as surely as their full name. Before: no
finding at all, so "Well done O. Thompson in the chess final!" went out from a personal account
and from the school's."""

from __future__ import annotations

import pytest

from companion.checks import PostRequest
from companion.engine import Engine
from tests.matching.findings import name_findings


def test_a_pupil_s_initial_and_surname_is_a_warning_on_a_personal_account(
    engine: Engine,
) -> None:
    found = name_findings(engine, "Well done O. Thompson in the chess final!")
    assert found == [("pupil-name", "warn", "O. Thompson")]


def test_and_a_block_on_the_school_s_accounts(engine: Engine) -> None:
    found = name_findings(engine, "Well done O. Thompson in the chess final!", "school")
    assert found == [("pupil-name", "block", "O. Thompson")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thanks W Brown", [("pupil-name", "warn", "W Brown")]),  # no full stop
        ("Well done W. Brown", [("pupil-name", "warn", "W. Brown")]),  # William
        ("Well done J. Smith", [("pupil-name", "warn", "J. Smith")]),  # Joshua, "Josh"
        ("Thank you S. Smith for the cakes", [("family-name", "warn", "S. Smith")]),  # Sarah
        ("H. Walker is off today", [("staff-name", "warn", "H. Walker")]),  # Mrs Walker
        ("Mrs H. Walker is off today", [("staff-name", "warn", "Mrs H. Walker")]),
        ("Dear Mrs S. Smith", [("family-name", "warn", "Mrs S. Smith")]),  # Sarah, Josh's mother
        ("Congratulations O. Thompson!", [("pupil-name", "warn", "O. Thompson")]),
        ("Star of the week: O. Thompson", [("pupil-name", "warn", "O. Thompson")]),
        ("So proud. O. Thompson won", [("pupil-name", "warn", "O. Thompson")]),
        # typed all in lower case, a letter with a full stop is an initial (before: nothing)
        ("well done o. thompson", [("pupil-name", "warn", "o. thompson")]),
        ("WELL DONE O. THOMPSON", [("pupil-name", "warn", "O. THOMPSON")]),
    ],
)
def test_whoever_the_initial_fits_is_named(
    engine: Engine, text: str, expected: list[tuple[str, ...]]
) -> None:
    assert name_findings(engine, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "B. Smith was on the radio",  # no Smith on the roster is a B
        "A Thompson won the vote",  # "A" is the word
        "O Thompson, hear our prayer",  # and so is "O"
        "I Thompson",
        "plan b. smith said no",  # no capitals at all, and no Smith on the roster is a B
        "Grade A. Long day ahead",  # no Long is an A
        "BOTH. Thompson",  # a word, not a letter of its own
        "Dear Mr J. Smith",  # a title names an adult: Joshua Smith is a pupil
        "Mr O. Thompson rang",
        # someone else's middle initial, as real quotations write them ("H. G. Wells",
        # "-- Hunter S. Thompson"): here with the initial of the pupil Oliver Thompson
        "As H. O. Thompson put it",
        "-- Hunter O. Thompson",
        "a line from Sydney O. Thompson",
    ],
)
def test_other_letters_and_words_are_not_names(engine: Engine, text: str) -> None:
    assert name_findings(engine, text) == []


def test_a_full_name_is_still_a_full_name(engine: Engine) -> None:
    found = name_findings(engine, "Well done Oliver Thompson")
    assert found == [("pupil-name", "block", "Oliver Thompson")]


def test_a_preferred_forename_s_or_a_known_as_name_s_initial_names_them_too() -> None:
    """ "Kate" for Catherine, "Bex" beside Rebecca: staff write the name the child goes by."""
    from companion.matching import NameIndex
    from companion.roster.model import Person, Role, Roster

    people = (
        Person("p-kate", Role.PUPIL, "Catherine", "Hale", preferred_forename="Kate"),
        Person("p-bex", Role.PUPIL, "Rebecca", "Marsh", known_as=("Bex",)),
    )
    index = NameIndex.build(Roster(people=people, imported_at="test"))
    for text in ("Well done C. Hale", "Well done K. Hale", "Thanks R. Marsh", "Thanks B. Marsh"):
        (mention,) = index.find(text)
        written = text.split(" ", 1 + text.startswith("Well"))[-1]
        assert (mention.kind, text[mention.start : mention.end]) == ("initial", written), text
    assert index.find("Well done T. Hale") == []


def test_the_finding_says_why_an_initial_is_a_name(engine: Engine) -> None:
    verdict = engine.check_post(PostRequest(text="Well done O. Thompson"))
    (finding,) = [f for f in verdict.findings if f.rule == "pupil-name"]
    assert "an initial and a surname" in finding.message
    assert "names of pupils" in finding.policy  # the policy's own words, as for every name


@pytest.mark.parametrize(
    "text",
    [
        "Well done J. Smith O. Thompson!",
        "well done j. smith o. thompson",
        "Well done J. Smith, O. Thompson and W. Brown",
    ],
)
def test_each_of_several_initialled_names_is_found(engine: Engine, text: str) -> None:
    """Smith is a given name too, but after "J." it is a surname, so the "O." after it starts
    a name of its own, not Smith's middle initial (before, found in review: O. Thompson was
    dropped)."""
    found = {written.lower() for _, _, written in name_findings(engine, text)}
    assert {"j. smith", "o. thompson"} <= found


@pytest.mark.parametrize(
    "text",
    ["hunter o. thompson", "-- hunter o. thompson", "i.e. o. thompson", "Sydney J. Smith"],
)
def test_a_middle_initial_is_still_someone_else_s_in_any_case(engine: Engine, text: str) -> None:
    assert name_findings(engine, text) == []
