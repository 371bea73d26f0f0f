"""Run the real ``postguard`` console entry point as a separate process."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str


def run_in_process(capsys: pytest.CaptureFixture[str], *args: str) -> Run:
    """The real ``postguard`` entry point in this process (faster than a subprocess)."""
    from companion.cli.main import main

    capsys.readouterr()
    code = main(list(args))
    out, err = capsys.readouterr()
    return Run(code, out, err)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def postguard(
    *args: str,
    home: Path,
    input: str | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 60,
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "companion", *args],
        input=input,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "POSTGUARD_HOME": str(home), **(env or {})},
    )


def console_script(*args: str, home: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The installed ``postguard`` command run from ``cwd``, as IT and the DPO run it (unlike
    ``python -m companion``, it never imports from the current directory itself)."""
    return subprocess.run(
        [str(Path(sys.executable).parent / "postguard"), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "POSTGUARD_HOME": str(home)},
    )


class Companion:
    """``postguard serve`` in the background, stopped (SIGTERM) on exit."""

    def __init__(
        self,
        home: Path,
        *args: str,
        port: int | None = None,
        env: dict[str, str] | None = None,
        before_start: Callable[[], None] | None = None,
    ) -> None:
        self.home = home
        self.env = env or {}
        self.before_start = before_start  # run in the child before it starts (e.g. its limits)
        self.port = port or free_port()
        self.args = ["serve", "--port", str(self.port), *args]
        self.proc: subprocess.Popen[str] | None = None
        self.output = ""

    def __enter__(self) -> Companion:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "companion", *self.args],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env={**os.environ, "POSTGUARD_HOME": str(self.home), **self.env},
            preexec_fn=self.before_start,
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"companion exited: {self.proc.stdout.read()}")
            try:
                self.get("/v1/health")
                return self
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("companion did not start")

    def __exit__(self, *exc: object) -> None:
        assert self.proc is not None
        self.proc.terminate()
        out, _ = self.proc.communicate(timeout=10)
        self.output = out

    def get(self, path: str) -> dict:
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=5) as r:
            return json.loads(r.read())

    def post(self, path: str, body: dict, headers: dict[str, str]) -> tuple[int, dict]:
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}{path}",
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json", **headers},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=5) as r:
                return r.status, json.loads(r.read())
        except urllib.error.HTTPError as err:
            return err.code, json.loads(err.read())

    def check_image(self, photo: bytes, token: str, origin: str) -> dict:
        """POST /v1/check/image as the paired extension would; the verdict."""
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}/v1/check/image",
            data=photo,
            method="POST",
            headers={
                "Content-Type": "image/jpeg",
                "Authorization": f"Bearer {token}",
                "Origin": origin,
            },
        )
        with urllib.request.urlopen(request, timeout=20) as answer:
            return json.loads(answer.read())

    def pair(self, origin: str) -> str:
        code = json.loads(postguard("pair", "--json", home=self.home).stdout)["code"]
        status, body = self.post("/v1/pair", {"code": code, "client": "t"}, {"Origin": origin})
        assert status == 200, body
        return body["token"]
