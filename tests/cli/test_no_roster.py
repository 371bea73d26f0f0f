"""Staff are never told "allow" without being told that names were not checked."""

from __future__ import annotations

import json
import time
from datetime import date, timedelta
from pathlib import Path

from tests.cli.helpers import Companion, postguard

ORIGIN = "chrome-extension://abcdefghijklmnopabcdefghijklmnop"
PUPILS = "pupil_id,forename,surname,date_of_birth\nP1,Quentin,Zabriskie,01/02/2017\n"


def wait_for(companion: Companion, status: str, seconds: float = 15) -> dict:
    deadline = time.monotonic() + seconds
    while True:
        health = companion.get("/v1/health")
        if health["status"] == status or time.monotonic() > deadline:
            return health
        time.sleep(0.2)


def test_no_roster_means_degraded_health_and_a_finding_on_every_verdict(
    postguard_home: Path, tmp_path: Path
) -> None:
    with Companion(postguard_home) as companion:
        health = companion.get("/v1/health")
        assert health["status"] == "degraded"
        assert "no pupil roster" in health["reason"]
        assert health["roster"]["loaded"] is False
        token = companion.pair(ORIGIN)
        auth = {"Authorization": f"Bearer {token}", "Origin": ORIGIN}
        for path, body in (
            ("/v1/check/post", {"text": "Well done Quentin Zabriskie"}),
            ("/v1/check/contact", {"name": "Quentin Zabriskie"}),
        ):
            code, verdict = companion.post(path, body, auth)
            assert code == 200
            unchecked = [f for f in verdict["findings"] if f["rule"] == "roster-unavailable"]
            assert len(unchecked) == 1, verdict
            assert "not being checked" in unchecked[0]["message"]
            assert unchecked[0]["policy"]  # quotes the clause it cannot enforce

        (tmp_path / "pupils.csv").write_text(PUPILS)
        assert postguard("roster", "import", str(tmp_path / "pupils.csv"), home=postguard_home)
        health = wait_for(companion, "ok")
        assert health["status"] == "ok" and "reason" not in health
        code, verdict = companion.post(
            "/v1/check/post", {"text": "Well done Quentin Zabriskie"}, auth
        )
        assert verdict["verdict"] == "block"
        assert not [f for f in verdict["findings"] if f["rule"].startswith("roster-")]


def test_cli_check_without_a_roster_says_names_are_not_checked(postguard_home: Path) -> None:
    postguard_home.mkdir(parents=True)
    result = postguard("check", "--json", "Well done Quentin Zabriskie", home=postguard_home)
    assert result.returncode == 0, result.stderr
    verdict = json.loads(result.stdout)
    assert [f["rule"] for f in verdict["findings"]] == ["roster-unavailable"]
    text = postguard("check", "Well done Quentin", home=postguard_home)
    assert "not being checked" in text.stdout


def test_doctor_fails_without_a_roster(postguard_home: Path) -> None:
    postguard_home.mkdir(parents=True, mode=0o700)
    result = postguard("doctor", "--json", home=postguard_home)
    assert result.returncode == 1
    checks = {c["name"]: c for c in json.loads(result.stdout)["checks"]}
    assert checks["roster"]["status"] == "fail"
    assert "roster import" in checks["roster"]["fix"]


def test_a_roster_past_its_expiry_is_named_in_health_and_every_verdict() -> None:
    from dataclasses import replace

    from companion.checks import ContactRequest, PostRequest
    from companion.demo import demo_roster
    from companion.engine import Engine

    roster = demo_roster()
    engine = Engine(replace(roster, expires=date.today() - timedelta(days=1)))
    assert "expired" in (engine.degraded_reason() or "")
    for verdict in (
        engine.check_post(PostRequest(text="Well done Josh Smith")),
        engine.check_contact(ContactRequest(name="Rebecca Smith")),
    ):
        stale = [f for f in verdict.findings if f.rule == "roster-stale"]
        assert len(stale) == 1 and "expiry" in stale[0].message
        assert verdict.verdict == "block"  # still checked with the names it has
    assert Engine(roster).degraded_reason() is None


def test_exit_codes_say_the_verdict(postguard_home: Path) -> None:
    cases = {
        ("check", "--demo", "What a lovely sunset"): 0,
        ("check", "--demo", "Busy day at Glazebury today"): 1,
        ("check", "--demo", "Well done Josh Smith"): 2,
        ("check-contact", "--demo", "Rebecca Smith"): 2,
        ("check-contact", "--demo", "Totally Unknown Person"): 0,
        ("check", "--demo", "--site", "myspace", "hi"): 3,
        ("check", "--demo", "--no-such-flag", "hi"): 3,
    }
    for args, code in cases.items():
        result = postguard(*args, home=postguard_home)
        assert result.returncode == code, (args, result.stdout, result.stderr)
