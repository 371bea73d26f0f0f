"""Careless input to every command: one line on stderr, a non-zero exit, never a traceback."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.cli.helpers import postguard

PUPILS = "pupil_id,forename,surname\nP1,Quentin,Zabriskie\nP2,Ottoline,Vanderpump\n"


def _assert_one_line_error(result, home: Path) -> None:  # type: ignore[no-untyped-def]
    assert result.returncode != 0, result.stdout
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("postguard"), result.stderr


@pytest.mark.parametrize("rate", ["nan", "inf", "-inf", "1e309", "0"])
def test_serve_with_a_rate_that_is_not_a_positive_number(postguard_home: Path, rate: str) -> None:
    result = postguard("serve", "--demo", "--port", "1", "--rate", rate, home=postguard_home)
    _assert_one_line_error(result, postguard_home)


@pytest.mark.parametrize("command", [("pair",), ("pair", "--json"), ("pairs", "list")])
def test_data_directory_that_is_a_file(tmp_path: Path, command: tuple[str, ...]) -> None:
    home = tmp_path / "not-a-dir"
    home.write_text("x")
    _assert_one_line_error(postguard(*command, home=home), home)


def test_pairs_file_with_entries_of_the_wrong_shape(postguard_home: Path) -> None:
    postguard_home.mkdir(parents=True)
    (postguard_home / "pairs.json").write_text(json.dumps({"pairs": [{"id": 1}]}))
    for command in (("pairs", "list"), ("pairs", "revoke", "abc")):
        _assert_one_line_error(postguard(*command, home=postguard_home), postguard_home)


def test_bundle_of_a_roster_that_fails_its_integrity_check(postguard_home: Path) -> None:
    export = postguard_home.parent / "pupils.csv"
    export.write_text(PUPILS)
    assert postguard("roster", "import", str(export), home=postguard_home).returncode == 0
    (sealed,) = (postguard_home / "roster" / "versions").glob("*.pgr")
    data = bytearray(sealed.read_bytes())
    data[-5] ^= 0xFF  # one flipped byte: the authenticated decryption must refuse it
    sealed.write_bytes(bytes(data))
    result = postguard(
        "roster", "bundle", "--out", str(postguard_home.parent / "b.pgb"), home=postguard_home
    )
    _assert_one_line_error(result, postguard_home)


def test_ctrl_c_while_starting_up_is_not_a_traceback(postguard_home: Path) -> None:
    """Building the parser imports every command (about half a second): Ctrl-C there too."""
    for delay in (0.2, 0.3, 0.4, 0.5):
        proc = subprocess.Popen(
            [sys.executable, "-m", "companion", "check", "--demo", "hello"],
            stderr=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "POSTGUARD_HOME": str(postguard_home)},
        )
        time.sleep(delay)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=30)
        assert "Traceback" not in err, (delay, err)
