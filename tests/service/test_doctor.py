"""``postguard doctor``: each problem found for real, each with the command that fixes it."""

from __future__ import annotations

import asyncio
import http.server
import json
import shlex
import threading
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from aiohttp import web

from companion.cli.main import main as cli
from companion.distribution.config import (
    PullState,
    SchoolFromBundle,
    SetupConfig,
    save_school_record,
    save_setup,
    save_state,
)
from companion.roster.model import Person, Role, Roster
from companion.roster.store import RosterStore
from companion.secrets import KeyringSecretStore
from companion.server import create_app
from companion.server.pairs import PairRegistry
from companion.service.doctor_checks import bundle_check
from companion.settings import Settings
from tests.service.conftest import free_port, postguard

ORIGIN = "chrome-extension://abcdefghijklmnopabcdefghijklmnop"


def doctor(capsys: pytest.CaptureFixture[str], port: int, *extra: str) -> tuple[int, dict]:
    capsys.readouterr()
    code = cli(["doctor", "--json", "--port", str(port), *extra])
    report = json.loads(capsys.readouterr().out)
    return code, {c["name"]: c for c in report["checks"]}


def test_fresh_machine_lists_every_problem_with_its_fix(
    capsys: pytest.CaptureFixture[str], postguard_home: Path
) -> None:
    code, checks = doctor(capsys, free_port())
    assert code == 1
    assert checks["data directory"]["status"] == "fail"
    assert checks["data directory"]["fix"] == f"mkdir -p -m 700 {shlex.quote(str(postguard_home))}"
    assert checks["server"]["status"] == "fail"
    assert checks["server"]["fix"] == "postguard install-service"
    assert checks["roster"]["status"] in ("fail", "warn")
    assert checks["pairing"]["status"] == "fail"
    assert checks["pairing"]["fix"].startswith("postguard pair")
    assert checks["secrets"]["status"] == "ok"
    for check in checks.values():
        assert check["status"] == "ok" or check["fix"], check
    # Each photo detector is named, or says why it is missing and how to get it.
    photos = checks["photos"]["detail"]
    assert "faces: " in photos and "words in photos: " in photos
    assert "school crest: none registered" in photos


def test_text_output_shows_fixes_and_a_count(
    capsys: pytest.CaptureFixture[str], postguard_home: Path
) -> None:
    capsys.readouterr()
    assert cli(["doctor", "--port", str(free_port())]) == 1
    out = capsys.readouterr().out
    assert "[FAIL] server: the companion is not running" in out
    assert "       fix: postguard install-service" in out
    assert out.rstrip().endswith("problem(s) found.")


def test_data_directory_readable_by_others(
    capsys: pytest.CaptureFixture[str], postguard_home: Path
) -> None:
    postguard_home.mkdir(mode=0o755)
    postguard_home.chmod(0o755)
    _, checks = doctor(capsys, free_port())
    assert "readable by other users (mode 755)" in checks["data directory"]["detail"]
    assert checks["data directory"]["fix"] == f"chmod 700 {shlex.quote(str(postguard_home))}"


def test_port_taken_by_another_program(
    capsys: pytest.CaptureFixture[str], postguard_home: Path
) -> None:
    server = http.server.HTTPServer(("127.0.0.1", 0), http.server.SimpleHTTPRequestHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        port = server.server_address[1]
        code, checks = doctor(capsys, port)
    finally:
        server.shutdown()
    assert code == 1
    assert f"port {port} is taken by another program" in checks["server"]["detail"]
    assert f"--port {port + 1}" in checks["server"]["fix"]


async def test_running_paired_companion_is_healthy_on_those_counts(
    capsys: pytest.CaptureFixture[str], postguard_home: Path
) -> None:
    settings = Settings(home=postguard_home, demo=True, port=free_port())
    settings.ensure_home()
    PairRegistry(settings.pairs_file).add("Chrome", ORIGIN)
    runner = web.AppRunner(create_app(settings))
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", settings.port).start()
    try:
        loop = asyncio.get_running_loop()
        code, checks = await loop.run_in_executor(None, doctor, capsys, settings.port)
    finally:
        await runner.cleanup()
    assert checks["server"]["status"] == "ok"
    assert checks["roster"]["status"] == "ok"
    assert "not stale" in checks["roster"]["detail"]
    assert checks["pairing"] == {
        "name": "pairing",
        "status": "ok",
        "detail": "1 extension(s) paired",
        "fix": "",
    }
    assert checks["data directory"]["status"] == "ok"
    # Only the service (no user systemd in a test container) may still be wrong.
    assert code == (0 if checks["service"]["status"] != "fail" else 1)


def test_stale_roster_is_a_problem(
    capsys: pytest.CaptureFixture[str], postguard_home: Path
) -> None:
    settings = Settings(home=postguard_home)
    settings.ensure_home()
    expired = Roster(
        people=(Person(key="p1", role=Role.PUPIL, forename="Wilhelmina", surname="Ashdown"),),
        expires=date.today() - timedelta(days=1),
    )
    RosterStore(settings.roster_dir, KeyringSecretStore()).save(expired, "test")
    code, checks = doctor(capsys, free_port())
    assert code == 1
    assert checks["roster"]["status"] == "fail"
    assert "stale" in checks["roster"]["detail"]
    assert "Wilhelmina" not in json.dumps(checks)


@pytest.mark.parametrize(
    ("extra_env", "status"),
    [({}, "fail"), ({"POSTGUARD_ALLOW_INSECURE_KEYRING": "1"}, "warn")],
)
def test_plaintext_keyring_is_named(postguard_home: Path, extra_env: dict, status: str) -> None:
    env = {
        "POSTGUARD_HOME": str(postguard_home),
        "PYTHON_KEYRING_BACKEND": "keyrings.alt.file.PlaintextKeyring",
        **extra_env,
    }
    done = postguard("doctor", "--json", "--port", str(free_port()), env=env)
    assert done.returncode == 1
    checks = {c["name"]: c for c in json.loads(done.stdout)["checks"]}
    assert checks["secrets"]["status"] == status
    assert "plaintext" in checks["secrets"]["detail"]
    assert "PYTHON_KEYRING_BACKEND" in checks["secrets"]["fix"]


def test_overdue_and_never_pulled_bundles(postguard_home: Path) -> None:
    now = datetime(2026, 11, 24, 12, tzinfo=UTC)
    save_setup(postguard_home, SetupConfig("/srv/share", "PEM", "ab12", "cd34", 6.0))
    never = bundle_check(postguard_home, now=lambda: now)
    assert (never.status, never.fix) == ("fail", "postguard roster fetch")
    assert "never pulled" in never.detail
    last = (now - timedelta(hours=20)).isoformat(timespec="seconds")
    save_state(postguard_home, PullState(5, "v", last, last, ""))
    overdue = bundle_check(postguard_home, now=lambda: now)
    assert overdue.status == "fail"
    assert "overdue" in overdue.detail
    recent = bundle_check(postguard_home, now=lambda: now - timedelta(hours=18))
    assert recent.status == "ok"
    assert "/srv/share" in recent.detail
    assert "no bundle has carried a school profile yet" in recent.detail
    save_school_record(postguard_home, SchoolFromBundle(6, True))
    carried = bundle_check(postguard_home, now=lambda: now - timedelta(hours=18))
    assert carried.status == "ok"
    assert "school profile from bundle 6 (with the crest)" in carried.detail


def test_bad_port_is_a_one_line_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        cli(["doctor", "--port", "http"])
    assert exited.value.code == 2
    assert "not a port number" in capsys.readouterr().err


def test_doctor_tells_another_companion_on_the_port_from_its_own(
    capsys: pytest.CaptureFixture[str], postguard_home: Path, tmp_path: Path
) -> None:
    """A companion of another data directory (another user's, or a program imitating one by
    copying our health answer) holds the port: doctor must not call that "All good"."""
    from tests.cli.helpers import Companion

    other_home = tmp_path / "someone-else"
    with Companion(other_home, "--demo") as other:
        code, checks = doctor(capsys, other.port)
    assert code == 1
    assert checks["server"]["status"] == "fail"
    assert "not this data directory's" in checks["server"]["detail"]
    with Companion(postguard_home, "--demo") as ours:
        code, checks = doctor(capsys, ours.port)
    assert checks["server"]["status"] == "ok"
