"""A term's update with only ``pupils.csv`` (a documented, everyday use: the staff and the
contacts of pupils still on roll are carried over) needs no more memory than importing every
file again.

Before (found in review): once the roster in force became its packed people's table, each
carried contact was made again from its row with nothing shared (the decoded roster had shared
a pupil's one-key tuple between their contacts and interned the names), and the import made
every carried person a second time only to see whether there were any. At a trust's 400,000
people a pupils-only update peaked at 465 MB (321 before that change, 303 now, where a full
update takes 296).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import companion
from bench.roster_data import write_exports
from companion.roster.store import stored_key_name
from companion.secrets import KeyringSecretStore
from companion.settings import Settings

PUPILS = 25_000
REPO = Path(companion.__file__).resolve().parent.parent


def peak_kb(*argv: str, cwd: Path) -> int:
    """``postguard ARGV`` in a process of its own: its peak RSS (KB), the second process it
    starts (joined) included, as /usr/bin/time reports it."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    code = "import sys; from companion.cli.main import main; sys.exit(main(sys.argv[1:]))"
    process = subprocess.Popen(
        [sys.executable, "-c", code, *argv],
        cwd=cwd,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    err = process.stderr.read().decode() if process.stderr else ""
    if process.stderr:
        process.stderr.close()
    assert process.returncode == 0, err
    return usage.ru_maxrss


def test_a_pupils_only_update_needs_no_more_memory_than_importing_every_file(
    tmp_path: Path, postguard_home: Path
) -> None:
    # A trust's shape, at a quarter of a 100,000-person school: most families a surname apart.
    pupils, contacts = write_exports(
        tmp_path / "exports", PUPILS, contacts_per_pupil=3, distinct_surnames=0.9
    )
    try:
        peak_kb("roster", "import", str(pupils), str(contacts), cwd=tmp_path)
        full = peak_kb("roster", "import", str(pupils), str(contacts), cwd=tmp_path)
        pupils_only = peak_kb("roster", "import", str(pupils), cwd=tmp_path)
    finally:
        name = stored_key_name(Settings().roster_dir)
        if name:
            KeyringSecretStore(retries=0).delete(name)
    assert pupils_only <= full * 1.10, (
        f"a pupils-only update peaked at {pupils_only // 1024} MB, importing every file at "
        f"{full // 1024} MB"
    )
