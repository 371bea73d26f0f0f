"""Every module imports alone, in a fresh interpreter: no import cycle hides behind entry points
that happen to import things in the right order."""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.cli.helpers import postguard

ROOT = Path(__file__).resolve().parents[1]


def modules() -> list[str]:
    names = []
    for path in sorted((ROOT / "companion").rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        if parts[-1] == "__main__":
            continue  # running it is the CLI itself
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def test_every_module_imports_alone() -> None:
    def alone(name: str) -> str:
        done = subprocess.run(
            [sys.executable, "-c", f"import {name}"], capture_output=True, text=True, cwd=ROOT
        )
        return f"{name}: {done.stderr.strip().splitlines()[-1]}" if done.returncode else ""

    names = modules()
    assert len(names) > 80
    # One interpreter per module, as many at once as there are cores (the suite's time).
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        bad = [failed for failed in pool.map(alone, names) if failed]
    assert bad == []


def test_a_missing_dependency_is_a_clear_error_not_a_quietly_weaker_check(tmp_path) -> None:
    """With `cryptography` unimportable, `postguard check` must not answer "allow"."""
    blocker = tmp_path / "cryptography"
    blocker.mkdir()
    (blocker / "__init__.py").write_text("raise ModuleNotFoundError(name='cryptography')\n")
    done = subprocess.run(
        [sys.executable, "-m", "companion", "check", "Well done Josh Smith"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": f"{tmp_path}:{ROOT}"},
        check=False,
    )
    assert done.returncode == 3, done.stdout + done.stderr
    assert "cryptography" in done.stderr and "Traceback" not in done.stderr
    assert "verdict" not in done.stdout


@pytest.mark.parametrize("package", ["aiohttp", "wordfreq"])
def test_a_dependency_only_the_server_imports_is_a_clear_error_too(
    tmp_path: Path, package: str
) -> None:
    """`serve` imports aiohttp when it runs, not while the command line is read; wordfreq (the
    text checks' tokenizer) is imported only when the engine is made, and a missing one stops
    the service as it starts. Before, for wordfreq: the warm-up failed in a thread and the
    service listened on, with every check to fail."""
    blocker = tmp_path / package
    blocker.mkdir()
    (blocker / "__init__.py").write_text(f"raise ModuleNotFoundError(name='{package}')\n")
    done = subprocess.run(
        [sys.executable, "-m", "companion", "serve", "--demo", "--port", "1"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={
            **__import__("os").environ,
            "PYTHONPATH": f"{tmp_path}:{ROOT}",
            "POSTGUARD_HOME": str(tmp_path / "home"),
        },
        check=False,
        timeout=60,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert f"the package '{package}' that Postguard needs is missing" in done.stderr
    assert "Traceback" not in done.stderr
    assert "listening" not in done.stdout


def test_the_command_line_needs_no_web_server(tmp_path: Path) -> None:
    """`postguard --help` and a text check run without aiohttp: only `serve` loads the web
    server, so a broken one leaves IT the rest of the command line to find out why. Before:
    reading the command line imported the server package, whose create_app loaded aiohttp and
    the engine (0.44 s of the help's 0.8 s), and `--help` failed without aiohttp."""
    blocker = tmp_path / "aiohttp"
    blocker.mkdir()
    (blocker / "__init__.py").write_text("raise ModuleNotFoundError(name='aiohttp')\n")
    blocked = {"PYTHONPATH": f"{tmp_path}:{ROOT}"}
    helped = postguard("--help", home=tmp_path / "home", env=blocked)
    assert helped.returncode == 0, helped.stderr
    assert "serve" in helped.stdout
    checked = postguard("check", "--demo", "Well done Josh Smith", home=tmp_path, env=blocked)
    assert checked.returncode == 2, checked.stdout + checked.stderr  # 2: a block
    assert checked.stdout.startswith("verdict: block")
