"""A pupil's initial and surname after an award's name ("Star of the Day O. Little") names the
pupil, as "Well done O. Little" does. Before (found in review): "Day" is in the given names, so
the initial was taken for someone else's middle one ("Hunter S. Thompson") and the post had no
finding, even from the school's account; now a given name that is an everyday word ("Day",
"King", "Will") is not taken for one."""

from __future__ import annotations

import pytest

from companion.checks import PostRequest
from companion.engine import Engine
from companion.roster.model import Person, Role, Roster


@pytest.fixture(scope="module")
def engine() -> Engine:
    people = (Person("p-olivia", Role.PUPIL, "Olivia", "Little"),)
    return Engine(roster=Roster(people=people, imported_at="test"))


def pupil_findings(engine: Engine, text: str, account: str) -> list[tuple[str, str]]:
    verdict = engine.check_post(PostRequest(text=text, account=account))
    return [(f.severity, f.text) for f in verdict.findings if f.rule == "pupil-name"]


def test_well_done_o_little_is_found(engine: Engine) -> None:
    """The control: the same initial and surname after "Well done" is found."""
    assert pupil_findings(engine, "Well done O. Little", "school") == [("block", "O. Little")]


@pytest.mark.parametrize(
    "text",
    [
        "Pupil of the Day O. Little",
        "Star of the Day O. Little for brilliant reading",
    ],
)
def test_an_award_of_the_day_names_the_pupil_too(engine: Engine, text: str) -> None:
    assert pupil_findings(engine, text, "school") == [("block", "O. Little")]
