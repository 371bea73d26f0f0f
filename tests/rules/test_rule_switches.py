"""The engine weighs every finding by rules.toml and does not run a rule the policy turns off."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from companion.checks import Attachment, ContactRequest, PostRequest
from companion.demo import demo_roster
from companion.engine import Engine
from companion.policy import parse_policy, policy_resource
from companion.rules.base import CheckContext, Hit
from companion.rules.school_account import NoReplies
from tests.rules.conftest import Check
from tests.rules.helpers import found

GRIEVANCE = "Thinking of handing in my notice after today"


def _policy_data() -> dict[str, Any]:
    with policy_resource("rules.toml").open("rb") as fh:
        return tomllib.load(fh)


def test_a_rule_off_for_the_account_is_never_run(
    monkeypatch: pytest.MonkeyPatch, postguard_home: Path
) -> None:
    """no-replies is "off" for personal accounts: the engine does not even ask it."""
    asked: list[str] = []

    def hits(self: NoReplies, ctx: CheckContext) -> Iterator[Hit]:
        asked.append(ctx.account)
        yield Hit(0, len(ctx.text))

    monkeypatch.setattr(NoReplies, "hits", hits)
    engine = Engine(demo_roster())
    personal = engine.check_post(PostRequest("Thanks!", context="reply"))
    school = engine.check_post(PostRequest("Thanks!", context="reply", account="school"))
    assert asked == ["school"]
    assert found(personal, "no-replies") == []
    assert found(school, "no-replies") == [("block", "Thanks!")]


def test_turning_a_rule_off_in_policy_data_stops_it_for_that_account(
    check: Check, postguard_home: Path
) -> None:
    assert found(check(GRIEVANCE), "grievance")  # on, as shipped
    data = _policy_data()
    data["rules"]["grievance"]["severity"]["personal"] = "off"
    engine = Engine(demo_roster(), parse_policy(data))
    assert found(engine.check_post(PostRequest(GRIEVANCE)), "grievance") == []
    school = engine.check_post(PostRequest(GRIEVANCE, account="school"))
    assert [severity for severity, _ in found(school, "grievance")] == ["warn"]


def test_a_graded_severity_comes_from_policy_data(postguard_home: Path) -> None:
    data = _policy_data()
    data["rules"]["pupil-name"]["severity"]["personal"]["full"] = "warn"
    data["rules"]["pupil-name"]["severity"]["personal"]["first_in_context"] = "off"
    engine = Engine(demo_roster(), parse_policy(data))
    verdict = engine.check_post(PostRequest("Lovely to see Joshua Smith. Well done Josh in class"))
    assert found(verdict, "pupil-name") == [("warn", "Joshua Smith")]


def test_a_friend_request_is_weighed_by_policy_data(postguard_home: Path) -> None:
    """friend-* severities are read from rules.toml, not written into the rule."""
    data = _policy_data()
    data["rules"]["friend-pupil"]["severity"]["personal"] = "warn"
    data["rules"]["friend-family"]["severity"]["personal"] = "off"
    engine = Engine(demo_roster(), parse_policy(data))
    pupil = engine.check_contact(ContactRequest("Joshua Smith"))
    assert [(f.rule, f.severity) for f in pupil.findings] == [("friend-pupil", "warn")]
    assert engine.check_contact(ContactRequest("Rebecca Smith")).findings == []


def test_an_unchecked_photo_is_reported_on_the_schools_account(check: Check) -> None:
    """photo is off for the school's accounts, photo-unchecked is not: it is a rule of its own."""
    unchecked = (Attachment(kind="image", name="a.jpg", unchecked=True),)
    verdict = check("Our display", attachments=unchecked, account="school")
    assert [(f.rule, f.severity) for f in verdict.findings] == [("photo-unchecked", "warn")]
