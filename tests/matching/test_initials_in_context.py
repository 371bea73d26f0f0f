"""Initials as teachers write them around other words: after abbreviations, quiz markers and
famous people's names, at the start of a sentence, in lists, in posts typed in lower case or in
capitals. Every case here was found in a review of the initials' rules (fda4ff1); each test says
what happens now and what happened before."""

from __future__ import annotations

import pytest

from companion.engine import Engine
from tests.matching import findings
from tests.matching.findings import engine_of
from tests.matching.people import hard_roster, pupil


def named(engine: Engine, text: str, account: str = "school") -> list[str]:
    """The names the post's name findings quote, in lower case (the school's account unless
    said)."""
    return findings.named(engine, text, account)


@pytest.fixture(scope="module")
def johnsons() -> Engine:
    return engine_of(
        pupil("p-george", "George", "Johnson"),
        pupil("p-josh", "Joshua", "Smith", preferred_forename="Josh"),
        pupil("p-sophie", "Sophie", "Thompson"),
    )


@pytest.fixture(scope="module")
def greens() -> Engine:
    return engine_of(
        pupil("p-bella", "Bella", "Green"),
        pupil("p-violet", "Violet", "Green"),
        pupil("p-ben", "Ben", "Hall"),
    )


@pytest.mark.parametrize("account", ["personal", "school"])
@pytest.mark.parametrize(
    "text",
    [
        "black history month: year 6 researched inspiring people e.g. katherine g. johnson "
        "and mae c. jemison",
        "space week in year 5! we learnt about nasa mathematicians, i.e. katherine g. johnson",
        "Black History Month quiz! Q. Who calculated the flight path for Apollo 11? "
        "A. Katherine G. Johnson",
        "p.s. hunter s. thompson said it best",
        "e.g. sydney j. smith",
        "black history month: year 6 researched inspiring people like katherine g. johnson",
        "Black History Month: we learnt about Katherine G. Johnson",
    ],
)
def test_a_famous_middle_initial_after_an_abbreviation_is_not_a_pupil(
    johnsons: Engine, text: str, account: str
) -> None:
    """ "Katherine" stays a given name, since no name found in the post ends with it. Before:
    any given name after an initial was taken as a surname, so the "g." of "e.g.", the "s." of
    "p.s." or a quiz's "A." made "G. Johnson" a pupil George Johnson (Black History Month,
    space-topic and quiz posts are staples of primary school accounts)."""
    assert named(johnsons, text, account) == []


@pytest.mark.parametrize(
    "text",
    [
        "'we choose to go to the moon' - john f. kennedy. year 6 loved their space topic!",
        "'We choose to go to the moon' - John F. Kennedy. Year 6 loved their space topic!",
    ],
)
def test_a_president_s_middle_initial_is_not_a_pupil(text: str) -> None:
    """ "John", "George", "Michael", "James", "David" are given names before an initial, as
    "Hunter" is; only words that are mostly words ("Day", "Will", "Mark") are not. Before: those
    names are frequent enough to count as everyday words, so they were passed over and "F.
    Kennedy" named a pupil Freya Kennedy (in mixed case since the initial rule began)."""
    assert named(engine_of(pupil("p-freya", "Freya", "Kennedy")), text) == []


def test_an_initialled_name_after_a_full_name_is_found() -> None:
    """ "Smith" ends a name already found, so the "O." after it starts a name of its own.
    Before: only a name written with an initial ("J. Smith") made the given name "Smith" a
    surname; after "Josh Smith", O. Thompson was dropped as Smith's middle initial."""
    found = named(Engine(roster=hard_roster()), "Well done Josh Smith O. Thompson and W. Brown")
    assert {"josh smith", "o. thompson", "w. brown"} <= set(found)


@pytest.mark.parametrize(
    "text",
    [
        "Our carol service is on Christmas Eve. O. Thompson will read the first lesson.",
        "We all sang Amazing Grace. O. Thompson played the piano solo beautifully.",
        "our carol service is on christmas eve. o. thompson will read the first lesson.",
    ],
)
def test_an_initial_starting_a_sentence_is_a_name(thompsons: Engine, text: str) -> None:
    """A middle initial never follows a full stop. Before (older than fda4ff1): the full stop
    after "Eve" or "Grace" was ignored, "O." taken as their middle initial, and nothing was
    found, where "Christmas Eve. Oliver Thompson will read" was blocked."""
    assert named(thompsons, text) == ["o. thompson"]


@pytest.mark.parametrize(
    "text",
    [
        "well done o. thompson in pe today!",
        "well done o. thompson in PE today!",
        "so proud of o. thompson in the year 6 SATs",
        "well done o. thompson, I'm so proud",
    ],
)
def test_one_acronym_does_not_hide_a_lower_case_initial(thompsons: Engine, text: str) -> None:
    """A post begun in lower case is read as its writer types, whatever its acronyms or a
    phone's "I". Before: one "PE", "SATs" or "I'm" made the post's capitals count, so the
    lower-case "o." was no initial and nothing was found, on either account."""
    assert named(thompsons, text) == ["o. thompson"]


@pytest.mark.parametrize("account", ["personal", "school"])
@pytest.mark.parametrize(
    "text",
    [
        "friday quiz! which colour do you get if you mix blue and yellow? "
        "a. red b. green c. purple",
        "great result for our year 6 girls v. green lane primary today, won 3-1!",
        "wet play again so it's plan b. hall games this afternoon",
    ],
)
def test_a_lower_case_letter_before_an_everyday_surname_is_not_a_pupil(
    greens: Engine, text: str, account: str
) -> None:
    """Without capitals nothing tells a quiz's answer, "v." or "plan b." from an initial before
    a surname that is also a word (Green, Hall, Day, Long, White). Before: "b. green" named a
    pupil Bella Green, "v. green" Violet Green, "plan b. hall" Ben Hall; the matching bench
    could not see it, its ordinary posts being written in mixed case."""
    assert named(greens, text, account) == []


@pytest.mark.parametrize(
    "text",
    [
        "HAPPY MOTHER'S DAY TO ALL OUR AMAZING MUMS!",
        "HAPPY ST PATRICK'S DAY FROM EVERYONE IN YEAR 3",
    ],
)
def test_a_possessive_s_in_capitals_is_not_an_initial(text: str) -> None:
    """A letter after an apostrophe is the end of a word. Before (older than fda4ff1):
    "MOTHER'S DAY" named the hard roster's pupil Summer Day, and the bench's fortunes in
    capitals flagged "MURPHY'S LAW"."""
    assert named(Engine(roster=hard_roster()), text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Happy birthday to Sydney J. Smith O. Thompson and everyone born in May",
        "happy birthday to sydney j. smith o. thompson and everyone born in may",
    ],
)
def test_an_initialled_name_after_a_name_with_a_middle_initial_is_found(
    thompsons: Engine, text: str
) -> None:
    """ "Smith" follows a given name and an initial, so it is a surname and the "O." after it
    starts a name of its own, whether or not Sydney J. Smith is on the roster. Before: Smith is
    a given name too, so "O." was read as its middle initial and Oliver Thompson was missed."""
    assert named(thompsons, text) == ["o. thompson"]


def test_an_initial_in_capitals_before_a_surname_that_is_no_word_is_found(
    thompsons: Engine,
) -> None:
    """Shouting does not hide a pupil whose surname is no everyday word."""
    assert named(thompsons, "WELL DONE O. THOMPSON IN THE CHESS FINAL!") == ["o. thompson"]
