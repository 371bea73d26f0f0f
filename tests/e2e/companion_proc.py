"""The real companion (``postguard serve --demo``) as a subprocess the tests can stop and start."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class DemoCompanion:
    def __init__(self, home: Path) -> None:
        self.home = home
        self.port = free_port()
        self.proc: subprocess.Popen[bytes] | None = None
        self.log = home / "companion.log"
        self.started = False

    @property
    def env(self) -> dict[str, str]:
        return {**os.environ, "POSTGUARD_HOME": str(self.home)}

    def start(self) -> DemoCompanion:
        if self.started:
            # Come back on a fresh port: nothing then depends on the old one being free again,
            # and the tests also exercise the user changing the port in the options page.
            self.port = free_port()
        self.started = True
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "companion", "serve", "--demo", "--port", str(self.port)],
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=self.log.open("ab"),
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                err = self.log.read_text(errors="replace")[-2000:]
                raise RuntimeError(f"companion exited with {self.proc.returncode}: {err}")
            try:
                self.health()
                return self
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("companion did not start")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=10)
        self.proc = None

    def health(self) -> dict:
        url = f"http://127.0.0.1:{self.port}/v1/health"
        with urllib.request.urlopen(url, timeout=2) as answer:
            return json.loads(answer.read())

    def pairing_code(self) -> str:
        out = subprocess.run(
            [sys.executable, "-m", "companion", "pair", "--json"],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        return json.loads(out.stdout)["code"]

    def pairs(self) -> list[dict]:
        out = subprocess.run(
            [sys.executable, "-m", "companion", "pairs", "list", "--json"],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        return json.loads(out.stdout)
