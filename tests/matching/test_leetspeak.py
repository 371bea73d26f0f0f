"""Leetspeak anywhere in a name, several substitutions at once, through the real engine; and
ordinary shorthand with digits raises nothing."""

from __future__ import annotations

import pytest

from companion.checks import PostRequest
from companion.engine import Engine
from companion.roster.model import Person, Role, Roster

PEOPLE = [
    ("Brenda", "Evans"),
    ("Ann", "Gallagher"),
    ("Jessica", "Smith"),
    ("Maurice", "Dixon"),
    ("Grace", "Okonkwo"),
    ("Tobias", "Bell"),
    ("Lily", "Stone"),
]


@pytest.fixture(scope="module")
def engine() -> Engine:
    people = tuple(
        Person(key=f"p{i}", role=Role.PUPIL, forename=f, surname=s)
        for i, (f, s) in enumerate(PEOPLE)
    )
    return Engine(Roster(people=people))


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("Well done Brend4 Evans", "Brend4 Evans"),  # a trailing 4
        ("4nn Gallagher was brilliant", "4nn Gallagher"),  # a leading 4 before two letters
        ("So proud of Jessic4 Smith", "Jessic4 Smith"),
        ("Mauric3 D1xon scored", "Mauric3 D1xon"),
        ("J3ss1c4 5m1th!!", "J3ss1c4 5m1th"),  # several at once, 1 read as i
        ("6r4c3 0k0nkw0 again", "6r4c3 0k0nkw0"),  # 6 as g, 0 as o
        ("T0814s 8ell", "T0814s 8ell"),  # 8 as b, 1 as i
        ("L1ly 5t0ne", "L1ly 5t0ne"),  # 1 read as l here
        ("Gr@ce Okonkwo", "Gr@ce Okonkwo"),
        ("J3$$ica $mith", "J3$$ica $mith"),
    ],
)
def test_leetspeak_full_names_are_blocked(engine: Engine, text: str, written: str) -> None:
    verdict = engine.check_post(PostRequest(text=text))
    assert verdict.verdict == "block", text
    assert [f.text for f in verdict.findings if f.rule == "pupil-name"] == [written]


@pytest.mark.parametrize(
    "text",
    [
        "Gr8 day b4 the 10am meeting with a1 results",
        "Back at 5pm, l8r",
        "Top 10 films of 2023, 4th one is the best",
        "Flight BA2490 lands at 7:45",
        "Call 0161 496 0000 for details",
        "mp3s and mp4s for the road trip",
    ],
)
def test_ordinary_digits_raise_no_name_findings(engine: Engine, text: str) -> None:
    verdict = engine.check_post(PostRequest(text=text))
    assert not [f for f in verdict.findings if f.rule.endswith("-name")], (text, verdict)
