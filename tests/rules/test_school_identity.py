"""Which account a post goes out as: the school profile is the one list of the school's own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from companion.checks import PostRequest
from companion.demo import demo_roster
from companion.engine import Engine
from companion.school import SchoolStore
from tests.cli.helpers import run_in_process
from tests.rules.conftest import Check
from tests.rules.helpers import rules_of

TARGETED = "Well done Josh, a better lesson today"


@pytest.mark.parametrize(
    ("site", "identity"),
    [
        ("x", "GlazeburyCE"),
        ("x", "@glazeburyceprimary"),
        ("facebook", "Glazebury C E Primary School"),  # a Page shows its name, not its handle
        ("facebook", "Glazebury CE Primary School"),
    ],
)
def test_a_post_from_one_of_the_schools_accounts_is_checked_as_the_school(
    check: Check, site: str, identity: str
) -> None:
    verdict = check(TARGETED, site=site, identity=identity)
    assert {"targeted-content", "no-names"} <= rules_of(verdict)
    assert verdict.verdict == "block"


@pytest.mark.parametrize(
    ("site", "identity"),
    [
        ("x", "GlazeburyCE_fan"),
        ("x", "Glazebury"),  # the village has accounts too
        ("facebook", "Glazebury PTA"),
        ("x", ""),
    ],
)
def test_other_accounts_stay_personal(check: Check, site: str, identity: str) -> None:
    verdict = check(TARGETED, site=site, identity=identity)
    assert not {"targeted-content", "no-names"} & rules_of(verdict)


def test_an_account_it_marked_as_the_schools_stays_the_schools(check: Check) -> None:
    """IT's managed schoolAccounts reach the companion as account "school"; never undone."""
    verdict = check(TARGETED, account="school", identity="Glazebury Juniors Page")
    assert "targeted-content" in rules_of(verdict)


def test_a_handle_the_dpo_adds_is_the_schools_at_once(postguard_home: Path) -> None:
    engine = Engine(demo_roster(), home=postguard_home)
    post = PostRequest(TARGETED, site="x", identity="@GlazeburyPE")
    assert "targeted-content" not in rules_of(engine.check_post(post))
    SchoolStore(postguard_home).set("handles.x", ["GlazeburyCE", "GlazeburyPE"])
    assert "targeted-content" in rules_of(engine.check_post(post))


def test_the_cli_checks_a_post_as_the_account_it_goes_out_as(
    capsys: pytest.CaptureFixture[str], postguard_home: Path
) -> None:
    args = ("check", "--demo", "--site", "x", "--json", TARGETED)
    personal = run_in_process(capsys, *args)
    school = run_in_process(capsys, *args, "--as", "@GlazeburyCE")
    assert "targeted-content" not in personal.stdout
    assert school.returncode == 2
    assert "targeted-content" in {f["rule"] for f in json.loads(school.stdout)["findings"]}
