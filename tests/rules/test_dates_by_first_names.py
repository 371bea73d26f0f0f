"""A date beside a first name alone is a date of birth only with a cue (issue 13 false alarms:
e-mail quote lines such as "On Sat, 20 Jul 2002, kevin wrote:" were blocked)."""

from __future__ import annotations

import pytest

from companion.checks import PostRequest
from companion.engine import Engine
from companion.roster.model import Person, Role, Roster


@pytest.fixture(scope="module")
def engine() -> Engine:
    people = (Person(key="p-kevin", role=Role.PUPIL, forename="Kevin", surname="Lyda"),)
    return Engine(Roster(people=people))


def confidential(engine: Engine, text: str) -> list[tuple[str, str]]:
    verdict = engine.check_post(PostRequest(text=text))
    return [(f.severity, f.text) for f in verdict.findings if f.rule == "confidential-data"]


@pytest.mark.parametrize(
    "text",
    [
        "On Sat, 20 Jul 2002, kevin wrote:",
        "Met Kevin for coffee on 12/03/2024, lovely to catch up",
    ],
)
def test_a_date_by_a_first_name_alone_is_not_a_date_of_birth(engine: Engine, text: str) -> None:
    assert confidential(engine, text) == []
    assert engine.check_post(PostRequest(text=text)).verdict != "block"


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Kevin Lyda 12/03/2018", "12/03/2018"),
        ("Kevin was born on 3rd May 2017.", "3rd May 2017"),
        ("Well done Kevin, 12/03/2018", "12/03/2018"),
    ],
)
def test_a_date_by_a_full_name_a_cue_or_a_school_context_still_blocks(
    engine: Engine, text: str, date: str
) -> None:
    assert ("block", date) in confidential(engine, text)
