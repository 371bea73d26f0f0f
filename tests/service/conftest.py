"""Helpers for service tests: the real CLI in a subprocess, a free port."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def postguard(*args: str, env: dict[str, str], timeout: float = 60):
    return subprocess.run(
        [sys.executable, "-m", "companion", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **env},
        cwd=Path(__file__).resolve().parents[2],
    )


@pytest.fixture
def user_env(tmp_path: Path, postguard_home: Path) -> dict[str, str]:
    """A user's environment with its own config dir (where systemd user units go)."""
    return {"POSTGUARD_HOME": str(postguard_home), "XDG_CONFIG_HOME": str(tmp_path / "config")}


@pytest.fixture
def fake_systemd(tmp_path: Path, user_env: dict[str, str]) -> dict[str, str]:
    """``user_env`` plus a ``systemctl`` on PATH that behaves like a user systemd."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    script = bin_dir / "systemctl"
    script.write_text(
        f'#!/bin/sh\nexec {sys.executable} {Path(__file__).with_name("fake_systemctl.py")} "$@"\n'
    )
    script.chmod(0o755)
    return {
        **user_env,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "FAKE_SYSTEMD_STATE": str(tmp_path / "systemd-state"),
    }
