"""The second process ``postguard roster import`` starts for the name tables
(``companion/matching/index_process.py``), met as a user meets it: the real console script (and
``python -m companion``), real files, real signals, no mocks of Postguard's code. Found by a
review of the change that brought the process in."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.cli.helpers import console_script

CONSOLE_SCRIPT = Path(sys.executable).parent / "postguard"
ENTRY_POINTS = {
    "console-script": [str(CONSOLE_SCRIPT)],
    "python-m": [sys.executable, "-m", "companion"],
}


def _pupils(path: Path, rows: int) -> Path:
    fores = ["Amelia", "Oliver", "Zoe", "Declan", "Renee", "Aisha", "Jack", "Isla"]
    surs = ["Brennan-Hughes", "O'Neill", "Castellanos", "Okafor", "Nguyen", "de la Cruz"]
    lines = ["pupil_id,forename,surname,date_of_birth"]
    lines += [
        f"P{n},{fores[n % len(fores)]}{n % 5000},{surs[n % len(surs)]}{n % 3001},01/09/2017"
        for n in range(rows)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _index_children(pid: int) -> list[int]:
    """The ``postguard-index`` process(es) (spawned with --multiprocessing-fork) of ``pid``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        if parent == pid and b"--multiprocessing-fork" in cmdline:
            found.append(int(entry.name))
    return found


def _ctrl_c_disposition(pid: int) -> set[str]:
    """How ``pid`` treats SIGINT now: {"caught"} (a handler), {"ignored"}, or empty (the
    default, which ends it silently), from the masks in /proc/PID/status."""
    bit = 1 << (signal.SIGINT - 1)
    masks = {"SigCgt:": "caught", "SigIgn:": "ignored"}
    found = set()
    for line in (Path("/proc") / str(pid) / "status").read_text().splitlines():
        label = line.split(maxsplit=1)[0] if line else ""
        if label in masks and int(line.split()[1], 16) & bit:
            found.add(masks[label])
    return found


def _import_under_way(pid: int) -> bool:
    """The second process runs with its SIGINT disposition settled (ignored from its start, or
    a handler once its Python is up) and the importing process has its own Ctrl-C handler back
    (it ignores SIGINT only while starting the second one)."""
    children = _index_children(pid)
    return (
        bool(children)
        and all(_ctrl_c_disposition(child) for child in children)
        and ("caught" in _ctrl_c_disposition(pid))
    )


@pytest.mark.parametrize("entry", sorted(ENTRY_POINTS))
def test_ctrl_c_during_an_import_prints_no_traceback(
    entry: str, postguard_home: Path, tmp_path: Path
) -> None:
    """Ctrl-C in a terminal sends SIGINT to the whole foreground process group, the second
    process included: the import ends as exit 130 with no traceback, as the CLI promises
    (entry.py). The second process ignores SIGINT from its start and is stopped by the
    importing one. Before: multiprocessing printed "Process postguard-index:" and a full
    traceback, and stopping an import looked like a crash."""
    export = _pupils(tmp_path / "pupils.csv", 150_000)
    proc = subprocess.Popen(
        [*ENTRY_POINTS[entry], "roster", "import", str(export)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "POSTGUARD_HOME": str(postguard_home)},
        start_new_session=True,  # its own process group, as a terminal's foreground job
    )
    try:
        deadline = time.monotonic() + 30
        while not _import_under_way(proc.pid):
            assert proc.poll() is None and time.monotonic() < deadline, "no second process"
            time.sleep(0.02)
        # A fixed wait here lost the race on a fast machine, where the whole import takes
        # under 2 s.
        assert proc.poll() is None, "the import ended before Ctrl-C could be pressed"
        os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C at a terminal does
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
    assert proc.returncode == 130, err[-2000:]
    assert "Traceback" not in err, err[-2000:]
    assert "KeyboardInterrupt" not in err, err[-2000:]


def test_an_import_never_runs_code_from_the_current_directory(
    postguard_home: Path, tmp_path: Path
) -> None:
    """The directory a user happens to be in (say ~/Downloads, where the MIS export and
    anything else a browser saved land) is never imported from: the second process starts
    with PYTHONSAFEPATH. Before: it was spawned as ``python -c '...spawn_main...'``, and
    ``-c`` put the current directory first on sys.path, so a ``socket.py`` there ran inside
    the process that is then sent every pupil's and contact's name (and in the resource
    tracker)."""
    here = tmp_path / "downloads"
    here.mkdir()
    marker = tmp_path / "ran-from-cwd.txt"
    (here / "socket.py").write_text(
        "import importlib.util, os, sys\n"
        f"open({str(marker)!r}, 'a').write(repr(sys.argv) + '\\n')\n"
        "del sys.modules['socket']\n"
        "spec = importlib.util.spec_from_file_location(\n"
        "    'socket', os.path.join(os.path.dirname(os.__file__), 'socket.py'))\n"
        "module = importlib.util.module_from_spec(spec)\n"
        "sys.modules['socket'] = module\n"
        "spec.loader.exec_module(module)\n"
    )
    _pupils(here / "pupils.csv", 20)
    result = console_script("roster", "import", "pupils.csv", home=postguard_home, cwd=here)
    assert result.returncode == 0, result.stderr
    ran = marker.read_text() if marker.exists() else ""
    assert not ran, f"code from the current directory ran in: {ran}"
