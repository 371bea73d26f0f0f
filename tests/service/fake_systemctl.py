#!/usr/bin/env python3
"""A stand-in for ``systemctl --user`` on machines without a user systemd (test containers).

It does what systemd would do with our unit: runs its ExecStart in the background, reports
whether it is alive, and stops it. It knows nothing of Postguard beyond the unit file format.
"""

import os
import shlex
import signal
import subprocess
import sys
import time
from pathlib import Path

STATE = Path(os.environ["FAKE_SYSTEMD_STATE"])
UNITS = Path(os.environ["XDG_CONFIG_HOME"]) / "systemd" / "user"


def pid_file(unit: str) -> Path:
    return STATE / f"{unit}.pid"


def running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return False
    return state != "Z"  # an exited process nobody reaped yet is not running


def alive(unit: str) -> bool:
    try:
        return running(int(pid_file(unit).read_text()))
    except (FileNotFoundError, ValueError):
        return False


def start(unit: str) -> int:
    text = (UNITS / unit).read_text()
    line = next(ln for ln in text.splitlines() if ln.startswith("ExecStart="))
    argv = shlex.split(line.removeprefix("ExecStart=").replace("%%", "%").replace("$$", "$"))
    log = (STATE / f"{unit}.log").open("ab")
    proc = subprocess.Popen(argv, stdout=log, stderr=log, start_new_session=True)
    pid_file(unit).write_text(str(proc.pid))
    return 0


def stop(unit: str) -> int:
    if alive(unit):
        pid = int(pid_file(unit).read_text())
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + 10
        while running(pid) and time.monotonic() < deadline:
            time.sleep(0.05)
    pid_file(unit).unlink(missing_ok=True)
    return 0


def main(args: list[str]) -> int:
    STATE.mkdir(parents=True, exist_ok=True)
    with (STATE / "calls.log").open("a") as calls:
        calls.write(" ".join(args) + "\n")
    assert args[0] == "--user", args
    verb, rest = args[1], [a for a in args[2:] if a != "--now"]
    if verb in ("show-environment", "daemon-reload"):
        return 0
    if verb == "enable":
        return 0 if alive(rest[0]) else start(rest[0])
    if verb == "restart":
        stop(rest[0])
        return start(rest[0])
    if verb == "disable":
        return stop(rest[0])
    if verb == "is-active":
        print("active" if alive(rest[0]) else "inactive")
        return 0 if alive(rest[0]) else 3
    print(f"fake systemctl: unknown verb {verb}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
