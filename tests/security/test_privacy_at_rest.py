"""After a realistic session, nothing on disk names a pupil or quotes a post, and the data
directory is the user's alone (SPEC §6.2)."""

from __future__ import annotations

import json
import stat
import subprocess
import sys
from pathlib import Path

from tests.cli.helpers import Companion, postguard
from tests.security.rawhttp import ORIGIN
from tests.security.staff_machine import staff_machine_env

PUPILS = (
    "pupil_id,forename,surname,date_of_birth,address,phone,upn\n"
    "P1,Quentin,Zabriskie,03/04/2016,12 Fernleaf Road,07700900123,A123456789012\n"
    "P2,Ottoline,Vanderpump,05/06/2015,9 Cobweb Lane,07700900456,B123456789012\n"
)
CONTACTS = "pupil_id,forename,surname,relationship\nP1,Marigold,Zabriskie,Mother\n"
SECRETS = (
    "Quentin",
    "Zabriskie",
    "Ottoline",
    "Vanderpump",
    "Marigold",
    "Fernleaf",
    "07700900",
    "A123456789012",
    "xylophone-9931",
)


def test_a_first_import_makes_the_data_directory_private(tmp_path: Path) -> None:
    home = tmp_path / "fresh" / "postguard"
    export = tmp_path / "pupils.csv"
    export.write_text(PUPILS)
    result = postguard("roster", "import", str(export), home=home)
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(home.stat().st_mode) == 0o700


def test_session_leaves_no_names_or_post_text_on_disk(tmp_path: Path) -> None:
    home = tmp_path / "home"
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    env = {"TMPDIR": str(scratch)}
    (tmp_path / "pupils.csv").write_text(PUPILS)
    (tmp_path / "contacts.csv").write_text(CONTACTS)
    imported = postguard(
        "roster",
        "import",
        str(tmp_path / "pupils.csv"),
        str(tmp_path / "contacts.csv"),
        home=home,
        env=env,
    )
    assert imported.returncode == 0, imported.stderr
    with Companion(home) as companion:
        token = companion.pair(ORIGIN)
        auth = {"Authorization": f"Bearer {token}", "Origin": ORIGIN}
        status, verdict = companion.post(
            "/v1/check/post", {"text": "xylophone-9931 Well done Quentin Zabriskie"}, auth
        )
        assert status == 200 and verdict["verdict"] == "block"
        status, _ = companion.post("/v1/check/contact", {"name": "Marigold Zabriskie"}, auth)
        assert status == 200
    (tmp_path / "pupils.csv").write_text(PUPILS.replace("P2,Ottoline", "P3,Ottoline"))
    for args in (
        ("roster", "import", str(tmp_path / "pupils.csv"), "--allow-shrink"),
        ("roster", "rollback"),
        ("bundle-keys", "init", "--school", "Test", "--out-dir", str(tmp_path / "keys")),
        ("roster", "bundle", "--out", str(tmp_path / "out.pgb")),
        ("check", "xylophone-9931 Ottoline Vanderpump"),
    ):
        result = postguard(*args, home=home, env=env)
        assert result.returncode == (2 if args[0] == "check" else 0), (args, result.stderr)
    postguard("doctor", home=home, env=env)
    logs = companion.output
    for secret in SECRETS:
        assert secret not in logs
    written = [p for root in (home, scratch, tmp_path / "keys") for p in root.rglob("*")]
    written.append(tmp_path / "out.pgb")
    for path in written:
        if path.is_file():
            data = path.read_bytes()
            for secret in SECRETS:
                assert secret.encode() not in data, (path, secret)
    for path in [home, *home.rglob("*")]:
        assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0, path
    assert list(scratch.iterdir()) == []


def test_checking_a_photo_turns_onnx_runtime_s_telemetry_off(tmp_path: Path) -> None:
    """ONNX Runtime (the photo worker's, and doctor's check of its models) reports usage to
    Microsoft by default from 1.29 on, keeping a device id and an event store in the person's
    home and a session file in the temporary folder; Postguard turns it off whatever the
    environment says. Before: deviceid and onnxruntime.db under ~/.cache/Microsoft and a .ses
    file in TMPDIR after the first photo."""
    from tests.photos.conftest import encoded

    person, scratch, data = tmp_path / "person", tmp_path / "tmp", tmp_path / "postguard"
    person.mkdir()
    scratch.mkdir()
    photo = tmp_path / "walk.jpg"
    photo.write_bytes(encoded("astronaut"))
    env = staff_machine_env(
        HOME=str(person),
        TMPDIR=str(scratch),
        POSTGUARD_HOME=str(data),
        ORT_DISABLE_TELEMETRY="0",  # an environment that asks for it is overruled
    )

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "companion", *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    checked = run("check-image", "--demo", "--json", str(photo))
    assert "image" in json.loads(checked.stdout), checked.stderr  # the photo was looked at
    assert "Traceback" not in run("doctor").stderr
    assert not (person / ".cache" / "Microsoft").exists()
    assert [p.name for p in person.rglob("*") if "onnxruntime" in p.name.lower()] == []
    assert list(scratch.iterdir()) == []
