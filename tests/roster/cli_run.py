"""Running the roster CLI in-process, and the real store it writes (shared by the tests)."""

from __future__ import annotations

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
