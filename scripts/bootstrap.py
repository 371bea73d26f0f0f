#!/usr/bin/env python3
"""Put Postguard in its own virtual environment, then run a command from it.

    python3 scripts/bootstrap.py serve --demo          # the demo companion (README, first command)
    python3 scripts/bootstrap.py --extras test --no-run # what scripts/test.sh uses

Works with a distribution's own ``python3`` (Debian/Ubuntu forbid ``pip install`` into it,
PEP 668, and ship neither pip nor ``ensurepip`` by default), and with the python.org and
Homebrew interpreters on macOS and Windows. The environment never sees the system's
site-packages, so a package installed by hand on this machine cannot hide a missing dependency.

Only the standard library is used here: this runs before anything is installed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request
import venv
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MIN_PYTHON = (3, 11)
PIP_METADATA = "https://pypi.org/pypi/pip/json"


def fail(message: str) -> None:
    print(f"bootstrap: {message}", file=sys.stderr)
    raise SystemExit(3)


def bin_dir(env: Path) -> Path:
    return env / ("Scripts" if os.name == "nt" else "bin")


def env_python(env: Path) -> Path:
    return bin_dir(env) / ("python.exe" if os.name == "nt" else "python")


def has_pip(python: Path) -> bool:
    probe = subprocess.run(
        [str(python), "-m", "pip", "--version"], capture_output=True, check=False
    )
    return probe.returncode == 0


def ensurepip_available() -> bool:
    if os.environ.get("POSTGUARD_BOOTSTRAP_NO_ENSUREPIP") == "1":  # exercises the Debian path
        return False
    try:
        import ensurepip  # noqa: F401
    except ImportError:
        return False
    return True


def pip_from_pypi(python: Path) -> None:
    """Install pip into an environment made without it (Debian without python3-venv).

    The wheel comes from PyPI and is checked against the digest PyPI publishes for it; pip can
    run from its own wheel, which installs it.
    """
    print("bootstrap: this python has no ensurepip; fetching pip's wheel from PyPI")
    with urllib.request.urlopen(PIP_METADATA, timeout=60) as answer:
        meta = json.load(answer)
    wheel = next((f for f in meta["urls"] if f["packagetype"] == "bdist_wheel"), None)
    # Some mirrors list files relative to the metadata's address.
    url = urllib.parse.urljoin(PIP_METADATA, wheel["url"]) if wheel else ""
    if wheel is None or not url.startswith("https://"):
        fail("PyPI listed no pip wheel; install python3-venv (apt install python3-venv)")
    with urllib.request.urlopen(url, timeout=120) as answer:  # noqa: S310
        data = answer.read()
    if hashlib.sha256(data).hexdigest() != wheel["digests"]["sha256"]:
        fail("pip's wheel did not match the digest PyPI publishes; try again")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / wheel["filename"]
        path.write_bytes(data)
        run([str(python), f"{path}/pip", "install", "--quiet", str(path)])


def run(argv: list[str]) -> None:
    result = subprocess.run(argv, check=False)
    if result.returncode != 0:
        fail(f"'{' '.join(argv[:4])} …' failed (exit {result.returncode})")


def make_env(env: Path, *, with_pip: bool) -> None:
    venv.EnvBuilder(with_pip=with_pip, clear=True, system_site_packages=False).create(env)


def create(env: Path) -> Path:
    python = env_python(env)
    if python.exists() and has_pip(python):
        return python
    print(f"bootstrap: creating the virtual environment {env}")
    try:
        make_env(env, with_pip=ensurepip_available())
    except (subprocess.CalledProcessError, OSError):
        # Debian's and Ubuntu's python3 without python3-venv: venv works, its ensurepip does not.
        print("bootstrap: this python cannot put pip into a virtual environment; fetching pip")
        make_env(env, with_pip=False)
    if not has_pip(python):
        pip_from_pypi(python)
    return python


def install(python: Path, env: Path, extras: str) -> None:
    """Install the project (editable: edits take effect) unless this exact state is installed."""
    target = f".[{extras}]" if extras else "."
    stamp_text = f"{extras}\n{(REPO / 'pyproject.toml').read_text(encoding='utf-8')}"
    stamp = env / ".postguard-installed"
    wanted = hashlib.sha256(stamp_text.encode()).hexdigest()
    if stamp.exists() and stamp.read_text(encoding="ascii").strip() == wanted:
        return
    print(f"bootstrap: installing Postguard{f' with [{extras}]' if extras else ''} into {env}")
    quiet = ["--quiet", "--disable-pip-version-check"]
    run([str(python), "-m", "pip", "install", *quiet, "--upgrade", "pip"])
    run([str(python), "-m", "pip", "install", *quiet, "-e", target])
    stamp.write_text(wanted + "\n", encoding="ascii")


def main() -> None:
    if sys.version_info < MIN_PYTHON:
        fail(
            f"Postguard needs Python {'.'.join(map(str, MIN_PYTHON))} or newer; this is "
            f"{sys.version.split()[0]}"
        )
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--venv", default=str(REPO / ".venv"), help="where the environment lives")
    parser.add_argument("--extras", default="", help="optional dependency groups, e.g. test")
    parser.add_argument("--no-run", action="store_true", help="set up only; run nothing")
    args, command = parser.parse_known_args()
    env = Path(args.venv).absolute()
    os.chdir(REPO)
    python = create(env)
    install(python, env, args.extras)
    if args.no_run:
        print(f"bootstrap: ready; {env_python(env)}")
        return
    postguard = bin_dir(env) / ("postguard.exe" if os.name == "nt" else "postguard")
    argv = [str(postguard), *command]
    if os.name == "nt":  # no exec on Windows: wait and pass the exit code on
        raise SystemExit(subprocess.run(argv, check=False).returncode)
    os.execv(argv[0], argv)


if __name__ == "__main__":
    main()
