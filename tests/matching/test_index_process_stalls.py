"""The importing process's wait for the second process's name tables is bounded, whatever state
that process is left in: a real spawned process, a real roster's tables, a real signal. Found by
a review of the change that brought the process in."""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from dataclasses import replace

from companion.matching.index_process import WAIT_SECONDS, NameTablesProcess
from companion.matching.lexicon import name_lexicon
from companion.roster.model import Person, Role
from tests.matching.people import hard_roster


def _people(count: int) -> tuple[Person, ...]:
    base = [p for p in hard_roster().people if p.role is Role.PUPIL]
    return tuple(
        replace(base[n % len(base)], key=f"x-{n:08x}", forename=f"Fore{n}", surname=f"Sur{n}")
        for n in range(count)
    )


def test_a_second_process_that_stalls_after_its_first_piece_does_not_hang_the_import() -> None:
    """A second process that stops half-way through sending (SIGSTOP, a debugger, wedged) is
    stopped after PIECE_SECONDS without a piece, and the import makes the tables itself.
    Before: only the wait for the first piece was bounded, and a read stuck in the middle of a
    piece left the import blocked for ever inside ``store.save``, holding the key and the
    plaintext roster."""
    people = _people(120_000)  # several MB of tables: many 1 MB pieces
    tables = NameTablesProcess().start()
    pid = tables._process.pid
    stopped = False
    try:
        tables.send(people, name_lexicon().nicknames)
        assert tables._conn is not None and tables._conn.poll(120)  # the first piece is there
        time.sleep(0.5)  # the process is now blocked sending a later piece (the pipe is full)
        os.kill(pid, signal.SIGSTOP)
        stopped = True
        answer: list[bool] = []
        out = bytearray(b"header")
        reader = threading.Thread(target=lambda: answer.append(tables.write_into(out)), daemon=True)
        reader.start()
        # Far beyond what a stalled process is allowed (WAIT_SECONDS bounds the whole wait in
        # spirit); here a few seconds past the point every sent byte has been read.
        reader.join(timeout=min(WAIT_SECONDS, 15))
        assert not reader.is_alive(), "write_into still waiting on a stalled second process"
        assert answer == [False] and out == b"header"
    finally:
        for sig in (signal.SIGCONT, signal.SIGKILL) if stopped else (signal.SIGKILL,):
            with contextlib.suppress(ProcessLookupError):  # already stopped for good
                os.kill(pid, sig)
        time.sleep(0.2)
        tables.close()
