"""Friend requests and follows, by role, through the real engine."""

from __future__ import annotations

import pytest

from companion.checks import ContactRequest
from companion.engine import Engine
from companion.matching import NameIndex
from companion.roster.model import Person, Role, Roster


def contact(engine: Engine, name: str, handle: str | None = None, site: str = "facebook"):
    return engine.check_contact(
        ContactRequest(name=name, handle=handle, site=site, action="accept")
    )


@pytest.mark.parametrize(
    "name",
    [
        "Josh Smith",
        "Joshua Smith ⚽️",
        "Joshua James Smith",
        "JOSH SMITH",
        "J\u043esh Smith",
    ],
)
def test_a_pupil_is_blocked(engine: Engine, name: str) -> None:
    verdict = contact(engine, name)
    assert verdict.verdict == "block"
    assert [f.rule for f in verdict.findings] == ["friend-pupil"]


@pytest.mark.parametrize(
    "name",
    [
        "Sarah Smith",
        "Mrs Sarah Smith 💕",
        "Sarah Smith (Mummy)",
        "Sarah Jones (née Smith)",
        "Sarah (Josh's Mum)",
    ],
)
def test_a_pupils_parent_is_blocked(engine: Engine, name: str) -> None:
    verdict = contact(engine, name)
    assert verdict.verdict == "block"
    assert [f.rule for f in verdict.findings] == ["friend-family"]


def test_a_parent_s_surname_inside_a_double_barrelled_one_is_a_warning(engine: Engine) -> None:
    # Sarah Smith may have become Sarah Smith-Jones, or this is another Sarah: the person is
    # asked, with the reason given, rather than stopped (a block is kept for the name itself).
    verdict = contact(engine, "Sarah Smith-Jones")
    assert verdict.verdict == "warn"
    assert [f.rule for f in verdict.findings] == ["friend-family"]


def test_a_handle_alone_is_enough_to_follow(engine: Engine) -> None:
    verdict = contact(engine, "S 🌸", handle="@sarahsmith82", site="x")
    assert [f.rule for f in verdict.findings] == ["friend-family"]
    assert "handle" in verdict.findings[0].message


def test_an_ex_pupil_still_in_education_is_blocked(engine: Engine) -> None:
    verdict = contact(engine, "Callum Fraser")
    assert verdict.verdict == "block"
    assert [f.rule for f in verdict.findings] == ["friend-ex-pupil"]


def test_an_ex_pupil_who_has_left_education_is_allowed_with_a_note(engine: Engine) -> None:
    verdict = contact(engine, "Megan Doyle")
    assert verdict.verdict == "allow"
    assert [(f.rule, f.severity) for f in verdict.findings] == [("friend-ex-pupil", "info")]
    assert "now legally left" in verdict.findings[0].message
    assert "Wait until" not in verdict.findings[0].message  # no advice that contradicts it


@pytest.mark.parametrize(
    "name",
    ["Helen Walker", "Mrs Helen Walker", "Jane Doe", "Josh", "🌸", "Sarah Smyth", "Sara Smiths"],
)
def test_colleagues_strangers_and_first_names_are_allowed(engine: Engine, name: str) -> None:
    verdict = contact(engine, name)
    assert verdict.verdict == "allow"
    assert verdict.findings == []


def test_the_message_says_what_kind_of_match_never_which_pupil(engine: Engine) -> None:
    verdict = contact(engine, "Sarah (Josh's Mum)")
    message = verdict.findings[0].message
    assert "parent" in message
    assert "relationship" in message
    assert "Josh" not in message
    assert "Smith" not in message


def test_match_contact_returns_the_people_for_the_rule(index: NameIndex) -> None:
    assert [p.key for p in index.match_contact("Billy Brown")] == ["p-will"]
    assert index.match_contact("Zoe Hughes")[0].key == "p-zoe"
    assert index.match_contact("Ciara ONeill")[0].key == "p-ciara"
    assert index.match_contact("Nobody Here") == []


def test_the_most_exact_fit_wins_when_a_colleague_and_a_parent_share_names() -> None:
    roster = Roster(
        people=(
            Person(key="s", role=Role.STAFF, forename="Sophie", surname="Jones"),
            Person(key="c", role=Role.CONTACT, forename="Sophie", surname="Smith-Jones"),
            Person(key="s2", role=Role.STAFF, forename="Danny", surname="Price"),
            Person(key="c2", role=Role.CONTACT, forename="Daniel", surname="Price"),
        )
    )
    engine = Engine(roster=roster)
    assert contact(engine, "Sophie Jones").verdict == "allow"
    assert contact(engine, "Sophie Smith-Jones").verdict == "block"
    assert contact(engine, "Danny Price").verdict == "allow"
    assert contact(engine, "Daniel Price").verdict == "block"


def test_half_of_a_double_barrelled_surname_is_a_warning_not_a_block() -> None:
    people = (
        Person(key="p", role=Role.PUPIL, forename="Amy", surname="Turner"),
        Person(key="c", role=Role.CONTACT, forename="Howard", surname="Turner", pupil_keys=("p",)),
    )
    engine = Engine(Roster(people=people))
    stranger = engine.check_contact(ContactRequest(name="Howard Alexander-Turner"))
    assert [(f.rule, f.severity) for f in stranger.findings] == [("friend-family", "warn")]
    assert "double-barrelled" in stranger.findings[0].message
    parent = engine.check_contact(ContactRequest(name="Howard Turner"))
    assert [(f.rule, f.severity) for f in parent.findings] == [("friend-family", "block")]
