"""What IT meets installing, diagnosing and removing the companion: definitions printed as the
file they deploy, doctor's fixes that fix the problem, a purge that takes only its own keys, and
an install that is not fooled by a companion left running in a terminal. Found by a review of
IT's path; each test failed before its fix."""

from __future__ import annotations

import json
import os
import platform
import shlex
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from companion.service import doctor_checks
from companion.service.spec import ServiceSpec
from companion.service.systemd import render_unit
from tests.distribution.conftest import setup_args
from tests.service.conftest import free_port, postguard

REPO = Path(__file__).resolve().parents[2]


def raw_postguard(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[bytes]:
    """The CLI with its stdout kept as the bytes a shell redirect (``> file``) would write."""
    return subprocess.run(
        [sys.executable, "-m", "companion", *args],
        capture_output=True,
        timeout=60,
        env={**os.environ, **env},
        cwd=REPO,
    )


def doctor_json(env: dict[str, str], *extra: str) -> dict[str, dict]:
    done = postguard("doctor", "--json", *extra, env=env)
    assert "Traceback" not in done.stderr, done.stderr
    return {c["name"]: c for c in json.loads(done.stdout)["checks"]}


# --- install-service --print windows: the file IT deploys with schtasks /XML ----------------


def test_printed_windows_task_is_well_formed_xml_as_written_to_a_file(
    user_env: dict[str, str],
) -> None:
    """``postguard install-service --print windows > postguard-task.xml`` (docs/deploy.md) writes
    the UTF-16 bytes the XML declares, so ``schtasks /XML`` takes the file. Before, it was text
    in the console's encoding under a UTF-16 declaration: malformed XML."""
    done = raw_postguard(
        "install-service", "--print", "windows", env={**user_env, "PYTHONIOENCODING": "utf-8"}
    )
    assert done.returncode == 0, done.stderr
    ET.fromstring(done.stdout)  # raises: encoding specified in XML declaration is incorrect


def test_printed_windows_task_for_a_non_ascii_profile_does_not_fail(
    user_env: dict[str, str], tmp_path: Path
) -> None:
    """The same for a profile under ``C:\\Users\\Łukasz`` with a cp1252 redirect (cmd.exe): the
    definition is written. Before: "unexpected UnicodeEncodeError" and an empty file."""
    home = tmp_path / "Łukasz" / "postguard"
    done = raw_postguard(
        "install-service",
        "--print",
        "windows",
        env={**user_env, "POSTGUARD_HOME": str(home), "PYTHONIOENCODING": "cp1252"},
    )
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert b"LogonTrigger" in done.stdout.decode("utf-16").encode()


# --- doctor: advice that fixes the problem -----------------------------------------------


def test_doctor_does_not_advise_restarting_a_service_whose_python_is_gone(
    fake_systemd: dict[str, str], tmp_path: Path
) -> None:
    """The unit names an interpreter that no longer exists (the venv was moved or rebuilt):
    doctor says so and advises ``postguard install-service``. Before, it said "installed but
    not running" and advised a restart that could never work."""
    gone = tmp_path / "old-venv" / "bin" / "python"
    home = Path(fake_systemd["POSTGUARD_HOME"])
    home.mkdir(mode=0o700)
    unit = Path(fake_systemd["XDG_CONFIG_HOME"]) / "systemd" / "user" / "postguard.service"
    unit.parent.mkdir(parents=True)
    port = free_port()
    unit.write_text(
        render_unit(
            ServiceSpec(
                program=str(gone),
                arguments=(
                    "-m",
                    "companion.service.launch",
                    "--home",
                    str(home),
                    "serve",
                    "--port",
                    str(port),
                ),
                home=home,
                port=port,
            )
        )
    )
    service = doctor_json(fake_systemd)["service"]
    assert service["status"] == "fail"
    assert "systemctl" not in service["fix"], service
    assert "install-service" in service["fix"], service
    assert str(gone) in service["detail"], service


def test_doctor_names_the_services_data_directory_instead_of_moving_the_port(
    fake_systemd: dict[str, str], tmp_path: Path
) -> None:
    """The service was installed with ``POSTGUARD_HOME=/srv/pg``; doctor run without it names
    the service's data directory and how to run doctor for it. Before, it called the service
    "another program" and advised moving it to another port (onto an empty data directory)."""
    service_home = tmp_path / "srv-pg"
    port = free_port()
    env = {**fake_systemd, "POSTGUARD_HOME": str(service_home)}
    done = postguard("install-service", "--port", str(port), env=env)
    try:
        assert done.returncode == 0, done.stderr
        other = {**fake_systemd, "POSTGUARD_HOME": str(tmp_path / "default-home")}
        server = doctor_json(other)["server"]
        assert "--port" not in server["fix"], server
        assert str(service_home) in server["detail"] + server["fix"], server
    finally:
        postguard("uninstall-service", env=env)


@pytest.mark.parametrize("problem", ["missing", "open to others"])
def test_doctor_fix_for_the_data_directory_survives_an_apostrophe(
    tmp_path: Path, problem: str
) -> None:
    """A school's own directory ("St Mary's"): doctor's mkdir and chmod fixes quote the path
    for the shell (shlex.quote). Before, the apostrophe ended a hand-made single quoting."""
    home = tmp_path / "St Mary's" / "postguard"
    if problem == "open to others":
        home.mkdir(parents=True)
        home.chmod(0o755)
    check = doctor_checks.data_dir_check(home)
    assert check.status.value == "fail"
    words = shlex.split(check.fix)  # ValueError: No closing quotation
    assert words[-1] == str(home), words


def test_doctor_data_directory_fix_is_a_windows_command_on_windows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On Windows, doctor's fix for a missing data directory is a command cmd.exe and PowerShell
    understand. Before, it was ``mkdir -m 700 '...'``."""
    monkeypatch.setattr(platform, "system", lambda: "Windows")
    check = doctor_checks.data_dir_check(tmp_path / "missing")
    assert check.status.value == "fail"
    assert "-m 700" not in check.fix, check.fix


@pytest.mark.parametrize(
    ("damaged", "name"), [("pairs.json", "pairing"), ("distribution.json", "roster bundles")]
)
def test_doctor_gives_a_fix_for_a_damaged_state_file(
    user_env: dict[str, str], damaged: str, name: str
) -> None:
    """A damaged pairs.json or distribution.json: the check names the file and a fix IT can run
    (pair again; run setup again). Before: "the check itself failed", "report this"."""
    home = Path(user_env["POSTGUARD_HOME"])
    home.mkdir(mode=0o700)
    (home / damaged).write_text("{half a file")
    check = doctor_json(user_env, "--port", str(free_port()))[name]
    assert check["status"] == "fail"
    assert "report this" not in check["fix"], check
    assert "the check itself failed" not in check["detail"], check


# --- uninstall-service --purge: only this data directory's secrets ------------------------


def test_purge_leaves_the_school_key_another_data_directory_uses(
    user_env: dict[str, str], tmp_path: Path
) -> None:
    """Three data directories of one user carry the same school key (the DPO's and two staff
    directories). Purging one leaves the key the others use: the DPO publishes again and the
    other staff directory pulls. Before, the purge deleted the shared keyring entry."""
    work, share = tmp_path / "work", tmp_path / "share"
    work.mkdir()
    share.mkdir()
    (work / "pupils.csv").write_text(
        "pupil_id,forename,surname,date_of_birth\nP0,Tobias,Quennell,01/09/2017\n"
    )
    dpo = {**user_env, "POSTGUARD_HOME": str(tmp_path / "dpo")}
    old = {**user_env, "POSTGUARD_HOME": str(tmp_path / "staff-old")}
    new = {**user_env, "POSTGUARD_HOME": str(tmp_path / "staff-new")}

    def ok(*args: str, env: dict[str, str]) -> str:
        done = postguard(*args, env=env)
        assert done.returncode == 0, (args, done.stdout, done.stderr)
        return done.stdout

    keys = work / "keys"
    ok("bundle-keys", "init", "--school", "Glazebury CE Primary", "--out-dir", str(keys), env=dpo)
    ok("roster", "import", str(work / "pupils.csv"), "--no-expiry", env=dpo)
    ok("roster", "bundle", "--out", str(share / "roster.pgbundle"), env=dpo)
    setup = setup_args(share, keys)
    ok(*setup, env=old)
    ok(*setup, env=new)

    ok("uninstall-service", "--purge", env=old)

    # The DPO publishes next term's roster; the other staff directory pulls it.
    ok("roster", "bundle", "--out", str(share / "roster.pgbundle"), env=dpo)
    ok("roster", "fetch", env=new)


# --- install-service: "the companion answers" must mean the service's companion -----------


def test_install_does_not_take_a_hand_started_companion_for_the_service(
    fake_systemd: dict[str, str],
) -> None:
    """IT left ``postguard serve`` running in a terminal, then runs ``install-service`` on the
    same port: it is refused, saying a companion is already answering outside the service.
    Before, the terminal's companion made the install look done while the unit had failed on
    the taken port."""
    import time

    from tests.cli.helpers import Companion

    home = Path(fake_systemd["POSTGUARD_HOME"])
    port = free_port()
    with Companion(home, port=port, env=fake_systemd):
        done = postguard("install-service", "--port", str(port), env=fake_systemd)
        try:
            time.sleep(3)  # the unit's process has imported the CLI and tried to bind by now
            active = subprocess.run(
                ["systemctl", "--user", "is-active", "postguard.service"],
                capture_output=True,
                text=True,
                env={**os.environ, **fake_systemd},
            )
            reported_success = done.returncode == 0
            assert not reported_success or active.returncode == 0, (
                done.stdout,
                active.stdout,
            )
        finally:
            postguard("uninstall-service", env=fake_systemd)
