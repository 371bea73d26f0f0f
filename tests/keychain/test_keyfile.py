"""A machine with no desktop session (no D-Bus, no keychain): the key-file way, end to end.

Every step runs the real ``postguard`` command with no session bus in its environment, as on a
server or an SSH-only Linux box; the roster stays AES-GCM ciphertext under the data directory.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import zlib
from pathlib import Path

import pytest

from tests.cli.helpers import Companion, postguard

NAMES = ("Quentin", "Zabriskie", "Marigold")
PUPILS = "pupil_id,forename,surname,date_of_birth\nP1,Quentin,Zabriskie,01/02/2017\n"
CONTACTS = "pupil_id,forename,surname,relationship\nP1,Marigold,Zabriskie,Mother\n"


@pytest.fixture
def headless(monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """No session bus and keyring's Secret Service named outright: what a server has."""
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    monkeypatch.delenv("POSTGUARD_ALLOW_INSECURE_KEYRING", raising=False)
    return {"PYTHON_KEYRING_BACKEND": "keyring.backends.SecretService.Keyring"}


def exports(tmp_path: Path) -> list[str]:
    (tmp_path / "pupils.csv").write_text(PUPILS)
    (tmp_path / "contacts.csv").write_text(CONTACTS)
    return [str(tmp_path / "pupils.csv"), str(tmp_path / "contacts.csv")]


def test_without_a_keychain_every_error_names_the_key_file_fix(
    postguard_home: Path, tmp_path: Path, headless: dict[str, str]
) -> None:
    for args in (("roster", "import", *exports(tmp_path)), ("roster", "status"), ("check", "hi")):
        result = postguard(*args, home=postguard_home, env=headless)
        assert result.returncode == (3 if args[0] == "check" else 2), args
        assert "Traceback" not in result.stderr and "unexpected" not in result.stderr, args
        assert "postguard secrets use-keyfile" in result.stderr, (args, result.stderr)
    doctor = postguard("doctor", "--json", home=postguard_home, env=headless)
    checks = {c["name"]: c for c in json.loads(doctor.stdout)["checks"]}
    assert checks["secrets"]["status"] == "fail"
    assert "use-keyfile" in checks["secrets"]["fix"]


def test_a_dpo_imports_and_checks_with_a_key_file(
    postguard_home: Path, tmp_path: Path, headless: dict[str, str]
) -> None:
    key_file = tmp_path / "config" / "secrets.key"
    chosen = postguard("secrets", "use-keyfile", str(key_file), home=postguard_home, env=headless)
    assert chosen.returncode == 0, chosen.stderr
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600

    imported = postguard("roster", "import", *exports(tmp_path), home=postguard_home, env=headless)
    assert imported.returncode == 0, imported.stderr
    check = postguard(
        "check", "--json", "Well done Quentin Zabriskie", home=postguard_home, env=headless
    )
    assert check.returncode == 2 and json.loads(check.stdout)["verdict"] == "block"
    contact = postguard("check-contact", "Marigold Zabriskie", home=postguard_home, env=headless)
    assert contact.returncode == 2 and "friend-family" in contact.stdout

    doctor = postguard("doctor", "--json", home=postguard_home, env=headless)
    checks = {c["name"]: c for c in json.loads(doctor.stdout)["checks"]}
    assert checks["secrets"]["status"] == "ok" and str(key_file) in checks["secrets"]["detail"]

    # The background service finds the same key file through the data directory alone.
    with Companion(postguard_home, env=headless) as companion:
        health = companion.get("/v1/health")
    assert health["status"] == "ok" and health["roster"]["people"] == 2

    # Encrypted at rest: no name in any file under the data directory, compressed or not,
    # and none in the key file.
    for path in [*postguard_home.rglob("*"), key_file]:
        if not path.is_file():
            continue
        data = path.read_bytes()
        texts = [data]
        for start in range(min(len(data), 64)):  # a zlib stream hidden behind a header
            with contextlib.suppress(zlib.error):
                texts.append(zlib.decompress(data[start:]))
        for text in texts:
            for name in NAMES:
                assert name.encode() not in text, (path, name)


def test_unsafe_key_files_are_refused(
    postguard_home: Path, tmp_path: Path, headless: dict[str, str]
) -> None:
    postguard_home.mkdir(parents=True, mode=0o700)
    inside = postguard(
        "secrets", "use-keyfile", str(postguard_home / "k.key"), home=postguard_home, env=headless
    )
    assert inside.returncode != 0 and "inside the data directory" in inside.stderr

    key_file = tmp_path / "secrets.key"
    assert (
        postguard(
            "secrets", "use-keyfile", str(key_file), home=postguard_home, env=headless
        ).returncode
        == 0
    )
    os.chmod(key_file, 0o644)
    result = postguard("roster", "import", *exports(tmp_path), home=postguard_home, env=headless)
    assert result.returncode != 0
    assert "readable by other users" in result.stderr and "chmod 600" in result.stderr

    os.chmod(key_file, 0o600)
    key_file.write_text("not json")
    result = postguard("roster", "import", *exports(tmp_path), home=postguard_home, env=headless)
    assert result.returncode != 0 and "damaged" in result.stderr
    assert "Traceback" not in result.stderr


def test_status_and_going_back_to_the_keychain(postguard_home: Path, tmp_path: Path) -> None:
    """With a working keychain (the suite's own GNOME Keyring), keys move both ways."""
    key_file = tmp_path / "secrets.key"
    assert postguard("roster", "import", exports(tmp_path)[0], home=postguard_home).returncode == 0
    moved = postguard("secrets", "use-keyfile", str(key_file), home=postguard_home)
    assert moved.returncode == 0 and "Moved 1 secret" in moved.stdout
    status = json.loads(postguard("secrets", "status", "--json", home=postguard_home).stdout)
    assert status["store"] == "keyfile" and status["path"] == str(key_file)
    assert postguard("check", "Quentin Zabriskie", home=postguard_home).returncode == 2
    back = postguard("secrets", "use-keyring", home=postguard_home)
    assert back.returncode == 0, back.stderr
    assert (
        json.loads(postguard("secrets", "status", "--json", home=postguard_home).stdout)["store"]
        == "keyring"
    )
    assert postguard("check", "Quentin Zabriskie", home=postguard_home).returncode == 2
