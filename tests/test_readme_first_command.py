"""The README's first command, as written, on a fresh copy of the tree: a private virtual
environment is made, Postguard is installed into it, and the demo companion answers.

It runs with the distribution's own ``/usr/bin/python3`` where there is one (Debian and Ubuntu
forbid ``pip install`` into it, PEP 668) and as if ``ensurepip`` were missing, as on a stock
Debian without python3-venv, so the slowest, most fragile path is the one proven.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.cli.helpers import free_port

ROOT = Path(__file__).resolve().parents[1]


def first_command() -> list[str]:
    readme = (ROOT / "README.md").read_text("utf-8")
    block = re.search(r"```sh\n(.*?)```", readme, re.S)
    assert block, "the README's first screen has no sh block"
    lines = [line.split("  #")[0].strip() for line in block.group(1).splitlines() if line.strip()]
    assert len(lines) == 2, "exactly two set-up commands on the first screen"
    return shlex.split(lines[0])


def fresh_copy(target: Path) -> None:
    """What a fresh clone holds: tracked and new files, nothing ignored (.venv, node_modules)."""
    listed = (
        subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=ROOT,
            capture_output=True,
            check=True,
        )
        .stdout.decode()
        .split("\0")
    )
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)


@pytest.mark.slow
def test_readme_first_command_brings_up_the_demo_companion(tmp_path: Path) -> None:
    command = first_command()
    assert command[:2] == ["python3", "scripts/bootstrap.py"] and "--demo" in command
    checkout = tmp_path / "checkout"
    fresh_copy(checkout)
    stock = "/usr/bin/python3" if Path("/usr/bin/python3").exists() else sys.executable
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    env["POSTGUARD_BOOTSTRAP_NO_ENSUREPIP"] = "1"
    proc = subprocess.Popen(
        [stock, *command[1:], "--port", str(port)],
        cwd=checkout,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 300
        health = None
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/v1/health", timeout=2) as r:
                    health = r.read().decode()
                    break
            except OSError:
                time.sleep(0.5)
        assert health is not None, proc.stdout.read() if proc.poll() is not None else "timeout"
        assert '"status": "ok"' in health and '"loaded": true' in health
        venv_python = checkout / ".venv" / "bin" / "python"
        site = subprocess.run(
            [str(venv_python), "-c", "import sys; print(sys.flags.no_site, sys.path)"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert "dist-packages" not in site  # nothing from the system's site-packages
    finally:
        proc.terminate()
        proc.communicate(timeout=20)
