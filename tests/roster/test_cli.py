"""``postguard roster ...`` as the DPO uses it."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from companion.roster.diff import diff_rosters
from companion.roster.importing import import_files
from companion.secrets import KeyringSecretStore
from tests.roster.cli_run import real_store, run
from tests.roster.samples import PUPIL_HEADER, PUPILS, csv_bytes

REPO = Path(__file__).resolve().parents[2]


def test_dry_run_shows_changes_and_saves_nothing(
    exports: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(["roster", "import", *map(str, exports.values()), "--dry-run"], capsys)
    assert code == 0
    assert "pupil: +3 added" in out and "dry run: nothing was saved" in out
    assert real_store().current_version() is None
    code, _, err = run(["roster", "status"], capsys)
    assert code == 1 and "no roster has been imported yet" in err


def test_second_import_reports_leavers_renames_and_new_pupils(
    exports: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["roster", "import", *map(str, exports.values())], capsys)[0] == 0
    header = [*PUPIL_HEADER, "Status"]
    rows = [
        [*PUPILS[0], "Left"],  # Zoë has left
        [*PUPILS[1][:2], "O'Neill-Byrne", *PUPILS[1][3:], "Current"],  # renamed
        [*PUPILS[2], "Current"],
        ["1004", "Tomasz", "Wiśniewski", "", "01/09/2019", "", "", "", "", "Current"],
    ]
    new_pupils = tmp_path / "pupils-spring.csv"
    new_pupils.write_bytes(csv_bytes(header, rows, "utf-8-sig"))
    code, out, _ = run(["roster", "import", str(new_pupils), "--json"], capsys)
    assert code == 0
    changes = json.loads(out)["changes"]["by_role"]
    assert changes["pupil"] == {"added": 1, "removed": 1, "changed": 1}
    assert changes["ex-pupil"] == {"added": 1, "removed": 0, "changed": 0}
    assert changes["contact"] == {"added": 0, "removed": 0, "changed": 0}  # carried over
    assert "Wiśniewski" not in out and "Tomasz" not in out


def test_diff_names_only_when_asked(exports: dict[str, Path]) -> None:
    old = import_files([exports["pupils"]]).roster
    new = import_files([exports["pupils"], exports["staff"]]).roster
    assert diff_rosters(old, new).names == {}
    named = diff_rosters(old, new, show_names=True)
    assert named.names == {"staff": {"added": ["Philippa Ashworth-Lund"]}}
    assert "Philippa Ashworth-Lund" in "\n".join(named.lines())


def test_show_names_refuses_a_pipe(
    exports: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(["roster", "import", str(exports["staff"]), "--show-names"], capsys)
    assert code == 2 and "only to a terminal" in err and out == ""
    assert real_store().current_version() is None


def test_show_names_prints_names_on_a_terminal(exports: dict[str, Path]) -> None:
    main_fd, terminal_fd = pty.openpty()
    argv = ["roster", "import", str(exports["staff"]), "--show-names", "--dry-run"]
    child = subprocess.Popen(
        [sys.executable, "-m", "companion", *argv],
        stdout=terminal_fd,
        stderr=subprocess.PIPE,
        cwd=REPO,
    )
    os.close(terminal_fd)
    _, err = child.communicate(timeout=60)
    screen = b""
    while True:
        try:
            chunk = os.read(main_fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        screen += chunk
    os.close(main_fd)
    assert child.returncode == 0, err
    assert "a Philippa Ashworth-Lund" in screen.decode("utf-8")


def test_stale_roster_says_so(exports: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    store = real_store()
    roster = import_files(exports.values(), expires=date(2020, 7, 31)).roster
    store.save(roster, operator="test")
    code, out, _ = run(["roster", "status", "--json"], capsys)
    assert code == 0 and json.loads(out)["stale"] is True
    assert "STALE" in run(["roster", "status"], capsys)[1]


def test_rollback_and_verify(exports: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["roster", "rollback"], capsys)
    assert code == 2 and "no earlier roster version" in err
    run(["roster", "import", *map(str, exports.values()), "--json"], capsys)
    first = json.loads(run(["roster", "status", "--json"], capsys)[1])["version"]
    run(["roster", "import", str(exports["staff"])], capsys)
    code, out, _ = run(["roster", "rollback"], capsys)
    assert code == 0 and first in out
    assert json.loads(run(["roster", "status", "--json"], capsys)[1])["version"] == first
    code, out, _ = run(["roster", "verify"], capsys)
    assert code == 0 and f"ok   {first} (current)" in out
    sealed = real_store().versions_dir / f"v-{first}.pgr"
    data = sealed.read_bytes()
    sealed.write_bytes(data[:-1] + bytes([data[-1] ^ 0x01]))  # always a change (was 1 in 256 not)
    code, out, err = run(["roster", "verify"], capsys)
    assert code == 1 and "FAIL" in out and "failed verification" in err


def test_large_files_show_progress_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    header = ["pupil_id", "forename", "surname"]
    rows = [[str(n), f"Forename{n}", "Surname"] for n in range(25_000)]
    path = tmp_path / "big.csv"
    path.write_bytes(csv_bytes(header, rows, "utf-8"))
    code, out, err = run(["roster", "import", str(path), "--dry-run"], capsys)
    assert code == 0
    assert "reading big.csv:" in err and "100%" in err and "rows/s" in err
    assert "reading" not in out


def test_a_lost_roster_key_has_a_way_out(
    exports: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    files = list(map(str, exports.values()))
    assert run(["roster", "import", *files], capsys)[0] == 0
    KeyringSecretStore().delete(real_store().key_name)  # the keyring was reset: key gone

    code, _, err = run(["roster", "import", *files], capsys)
    assert code != 0 and "--fresh" in err
    code, out, _ = run(["roster", "import", "--fresh", *files], capsys)
    assert code == 0, out
    code, out, _ = run(["roster", "verify", "--json"], capsys)
    assert code == 0
    checks = json.loads(out)
    assert len(checks) == 1 and all(c["ok"] for c in checks)
    assert real_store().audit()[-1]["action"] == "import-fresh"
