"""Shared test set-up: every test gets its own data directory; nothing touches the real one."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def postguard_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "postguard-home"
    monkeypatch.setenv("POSTGUARD_HOME", str(home))
    return home
