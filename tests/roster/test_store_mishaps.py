"""The roster in force and its history are never lost or stuck by accident: --fresh (for a lost
key) is refused while the roster opens, a damaged manifest is got past by --fresh, and a JSON
dry run says what a real import would be refused for. (Found in review: --fresh on a healthy
store replaced the roster with a partial file and deleted every kept version; a damaged
manifest left no command that worked.)"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from companion.settings import Settings
from tests.roster.cli_run import real_store, run
from tests.roster.samples import PUPIL_HEADER, PUPILS, csv_bytes


def one_pupil(tmp_path: Path) -> Path:
    path = tmp_path / "one-class.csv"
    path.write_bytes(csv_bytes(PUPIL_HEADER, PUPILS[:1], "utf-8"))
    return path


def test_fresh_on_a_store_that_opens_does_not_wipe_the_roster_and_its_history(
    exports: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--fresh is the way out when the key is lost; on a healthy store it would skip the shrink
    guard, replace the whole roster with a partial file and delete every kept version."""
    files = list(map(str, exports.values()))
    assert run(["roster", "import", *files], capsys)[0] == 0
    assert run(["roster", "import", *files], capsys)[0] == 0
    before = real_store().current_version()
    kept = len(real_store().versions())

    code, _, err = run(["roster", "import", "--fresh", str(one_pupil(tmp_path))], capsys)
    assert code != 0 and "--fresh" in err and "is refused" in err
    assert real_store().current_version() == before
    assert len(real_store().versions()) == kept
    assert run(["roster", "rollback"], capsys)[0] == 0


def test_a_damaged_manifest_can_be_recovered_from_by_importing_again(
    exports: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """A plain import says what is wrong and how out; --fresh gets past it."""
    files = list(map(str, exports.values()))
    assert run(["roster", "import", *files], capsys)[0] == 0
    manifest = real_store().manifest_path
    manifest.write_bytes(manifest.read_bytes()[:40])  # cut short (disk, sync tool, editor)

    code, _, err = run(["roster", "import", *files], capsys)
    assert code != 0 and "unexpected" not in err, err  # the store's own reason
    assert "manifest" in err and "--fresh" in err
    code, _, err = run(["roster", "import", "--fresh", *files], capsys)
    assert code == 0, err
    assert run(["roster", "status"], capsys)[0] == 0


def test_a_json_dry_run_says_a_real_import_would_be_refused(
    exports: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """docs/roster.md: 'A --dry-run shows what a real import would be refused for', in JSON too."""
    assert run(["roster", "import", *map(str, exports.values())], capsys)[0] == 0
    code, out, _ = run(
        ["roster", "import", str(one_pupil(tmp_path)), "--dry-run", "--json"], capsys
    )
    assert code == 0
    report = json.loads(out)
    assert report["would_be_refused"]["refused"] == "shrink", report
    assert "pupils" in report["would_be_refused"]["error"]


def test_a_dry_run_on_a_new_machine_keeps_nothing(
    exports: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """No roster key in the keyring, no store id, no file: a dry run only reads and reports."""
    roster_dir = Settings().roster_dir
    code, out, err = run(["roster", "import", *map(str, exports.values()), "--dry-run"], capsys)
    assert code == 0, err
    assert "dry run: nothing was saved" in out
    assert not roster_dir.exists() or not any(roster_dir.rglob("*"))
    assert real_store().current_version() is None
