"""Running the roster CLI in-process, and the real store it writes (shared by the tests)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from companion.cli.main import main
from companion.roster.store import RosterStore
from companion.secrets import KeyringSecretStore
from companion.settings import Settings


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """The command's exit code, stdout and stderr."""
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def real_store() -> RosterStore:
    return RosterStore(Settings().roster_dir, KeyringSecretStore(retries=0))


def imported(files: list[Path], capsys: pytest.CaptureFixture[str], *more: str) -> dict:
    """``roster import FILES --json MORE``, which must succeed: its report."""
    code, out, err = run(["roster", "import", *map(str, files), "--json", *more], capsys)
    assert code == 0, err
    return json.loads(out)
