"""Pupils named by an initial in posts typed in capitals, and after a name written with an
initial ("Mr J. Smith O. Thompson"). Found in review of the change that read capitals as
saying nothing about initials."""

from __future__ import annotations

import pytest

from companion.engine import Engine
from tests.matching.findings import engine_of, named
from tests.matching.people import pupil


@pytest.fixture(scope="module")
def common_surnames() -> Engine:
    return engine_of(
        pupil("p-bella", "Bella", "Green"),
        pupil("p-ruby", "Ruby", "Brown"),
        pupil("p-jack", "Jack", "King"),
        pupil("p-sam", "Samuel", "White"),
        pupil("p-harry", "Harry", "Wood"),
        pupil("p-lily", "Lily", "Young"),
        pupil("p-ben", "Ben", "Hall"),
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("WELL DONE B. GREEN ON YOUR GOLD AWARD!", ["b. green"]),
        ("STAR OF THE WEEK: R. BROWN", ["r. brown"]),
        (
            "CONGRATULATIONS TO J. KING AND S. WHITE, OUR NEW HEAD PUPILS!",
            ["j. king", "s. white"],
        ),
        (
            "HUGE WELL DONE TO H. WOOD AND L. YOUNG FOR THEIR SWIMMING BADGES",
            ["h. wood", "l. young"],
        ),
        ("MAN OF THE MATCH: B. HALL", ["b. hall"]),
    ],
)
def test_a_pupil_named_by_initial_in_a_post_in_capitals_is_still_found(
    common_surnames: Engine, text: str, expected: list[str]
) -> None:
    """A post in capitals that names a pupil by an initial and a surname that is also an
    everyday word (Brown, Green, White, King, Wood, Young, Hall: among the commonest British
    surnames) is a warning naming the pupil, as in mixed case. Before (found in review of a
    change since withdrawn): every capital initial before such a surname was passed over in
    posts in capitals, and these posts raised nothing."""
    assert named(common_surnames, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Thank you Mr J. Smith O. Thompson for the flowers",
        "MR J. SMITH O. THOMPSON",
        "Goals today: J. Smith O. Thompson",
    ],
)
def test_an_initialled_name_after_a_titled_or_initialled_surname_is_found(
    thompsons: Engine, text: str
) -> None:
    """ "Mr J. Smith" and "J. Smith" end at Smith, as "Sydney J. Smith" does: after a title and
    an initial, or after an initial when the word is a roster surname or a common UK surname.
    Before (found in review): Smith, a given name too, was read as a first name with "O." as its
    middle initial, and Oliver Thompson was not found."""
    assert named(thompsons, text) == ["o. thompson"]


def test_two_pupils_with_consecutive_initials_in_capitals_are_both_found(
    common_surnames: Engine,
) -> None:
    """Two initials in a row of the alphabet are pupils, not a quiz's options."""
    assert named(common_surnames, "WELL DONE R. BROWN AND S. WHITE!") == ["r. brown", "s. white"]
