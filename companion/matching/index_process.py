"""An import's name tables, worked out in a second process while the importing one encodes and
seals the roster.

Saving a trust's import is three pieces of work: the roster encoded and sealed, the people's
table packed, and the name tables (every name's written forms, the automaton, the postings)
worked out. The name tables are the longest (1.2 s of a 400,000-person import on a 2-core
machine) and need only which people share which names, so they are made here, beside the rest,
on the other core. The process is started before the files are read, so its start-up is over by
the time the people are known; people reach it as ``name_groups`` (strings and arrays) through
a pipe, never a file. Whatever goes wrong with it (it cannot start, it dies, it answers
something else), the tables are made in the importing process instead: an import never fails
for want of a second core.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import threading
import time
from array import array
from collections import deque
from collections.abc import Iterable, Sequence
from itertools import accumulate, chain
from multiprocessing.connection import Connection
from typing import Any

from companion import native_heap
from companion.child_process import ignore_ctrl_c, started_safely
from companion.matching.index_data import Groups, NameVariants, name_groups, write_name_tables
from companion.roster.model import Person

# How long the importing process waits for the tables once it needs them before making them
# itself: far beyond the seconds a trust's tables take, short of an import that never ends.
WAIT_SECONDS = 120.0
NAMES, GROUPS = "names", "groups"  # what the importing process sends
PIECE = 1 << 20  # the tables are sent in pieces of this size, appended where they are kept
# Once the first piece is there, the rest are already made: a process that sends nothing more for
# this long has stalled (stopped, wedged), and the tables are made here instead.
PIECE_SECONDS = 5.0


class NameTablesProcess:
    """``start()`` the process; ``names_ahead(names)`` now and then; ``send(people,
    nicknames)``; ``write_into(out)`` what ``write_name_tables`` writes for them (or False:
    make them here); ``close()``."""

    def __init__(self) -> None:
        self._conn: Connection | None = None
        self._process: Any = None
        self._sent = False

    def start(self) -> NameTablesProcess:
        try:
            context = multiprocessing.get_context("spawn")  # the same on every platform
            self._conn, child = context.Pipe()
            self._process = context.Process(
                target=serve, args=(child,), name="postguard-index", daemon=True
            )
            with started_safely():
                self._process.start()
            child.close()
        except (OSError, RuntimeError, ValueError):
            self.close()  # no second process on this machine: the tables are made here
        return self

    def names_ahead(self, names: Iterable[str]) -> None:
        """Names the people will have (an import's pupils, known long before its contacts
        are read): their forms are worked out there meanwhile, off the path to the tables."""
        if self._conn is None:
            return
        try:
            self._conn.send((NAMES, list(names)))
        except (OSError, ValueError):  # it has gone: made here
            self.close()

    def send(self, people: Sequence[Person], nicknames: dict[str, frozenset[str]]) -> None:
        if self._conn is None:
            return
        try:
            self._conn.send((GROUPS, (_flattened(name_groups(people)), nicknames)))
            self._sent = True
        except (OSError, ValueError):  # it has gone: made here
            self.close()

    def write_into(self, out: bytearray) -> bool:
        """Appends the tables to ``out`` as they arrive, a piece at a time (never held twice
        over); False when they did not all come, ``out`` then as it was."""
        if self._conn is None or not self._sent:
            return False
        mark, complete = len(out), False
        deadline = None
        try:
            # WAIT_SECONDS for the tables to be made, then PIECE_SECONDS for each piece: past
            # that, the process is stopped, which ends a read from it (EOFError).
            if self._conn.poll(WAIT_SECONDS):
                deadline = _Deadline(self._process, PIECE_SECONDS)
                while piece := self._conn.recv_bytes():  # bytes as they are: not unpickled
                    out += piece
                    deadline.extend(PIECE_SECONDS)
                complete = True
        except (OSError, EOFError):  # it failed, died or stalled on the way: made here
            pass
        finally:
            if deadline is not None:
                deadline.cancel()
            self.close()
            if not complete:
                del out[mark:]
        return complete

    def close(self) -> None:
        conn, process, self._conn, self._process = self._conn, self._process, None, None
        if conn is not None:
            conn.close()
        if process is not None:
            # Its work sent (or no longer wanted: a refused import), it ends on its own; one
            # still working on tables no one will read is stopped rather than waited for.
            with contextlib.suppress(OSError, ValueError, AssertionError):
                process.join(timeout=1)
                if process.is_alive():
                    process.kill()
                    process.join(timeout=5)


# Each group's numbers are an array; pickled one by one, 400,000 arrays leave a few thousand
# small objects behind in the importing process, spread over the memory its people are freed
# from, so that little of it goes back to the system (50 MB at a trust's size). Sent as one
# list of names, one array of where each group ends and one of all the numbers, they leave none.
Flat = list[tuple[list[str | tuple[Any, ...]], array, array]]


def _flattened(groups: list[Groups]) -> Flat:
    flat = []
    for by_name in groups:
        numbers = array("I")
        for group in by_name.values():
            numbers.extend(group)
        ends = array("I", accumulate(map(len, by_name.values())))
        flat.append((list(by_name), ends, numbers))
    return flat


def _unflattened(flat: Flat) -> list[Groups]:
    groups: list[Groups] = []
    while flat:
        names, ends, numbers = flat.pop(0)
        starts = chain((0,), ends)
        groups.append({name: numbers[a:b] for name, a, b in zip(names, starts, ends, strict=False)})
        del names, ends, numbers
    return groups


class _Deadline:
    """Stops ``process`` unless it is heard from in time: a read from a process that stalls
    half-way through a piece (stopped, wedged) would otherwise wait for ever (found in
    review), since no wait on a pipe can end in the middle of a message."""

    def __init__(self, process: Any, seconds: float) -> None:
        self._at = time.monotonic() + seconds
        self._done = threading.Event()
        threading.Thread(
            target=self._watch, args=(process,), name="postguard-index-deadline", daemon=True
        ).start()

    def extend(self, seconds: float) -> None:
        self._at = time.monotonic() + seconds

    def cancel(self) -> None:
        self._done.set()

    def _watch(self, process: Any) -> None:
        while not self._done.wait(0.25):
            if time.monotonic() > self._at:
                with contextlib.suppress(OSError, ValueError, AttributeError):
                    process.kill()
                return


def serve(conn: Connection) -> None:
    """The second process: names to work out ahead (any number of times), then one set of
    groups; their tables go back as bytes, in pieces, then an empty piece, and it ends. On a
    failure it ends without the empty piece."""
    ignore_ctrl_c()
    gc.disable()  # tables of hundreds of thousands of objects and no reference cycles
    native_heap.map_large_blocks()  # each piece sent goes back to the system at once
    variants = NameVariants()
    try:
        while True:
            kind, value = conn.recv()
            if kind != NAMES:
                break
            for name in value:
                variants.of(name)
            del value
        flat, nicknames = value
        del value
        groups = _unflattened(flat)
        del flat
        out = _Pieces()
        write_name_tables(groups, nicknames, out, variants)
        out.close()
        del groups, variants
        native_heap.trim()  # what the tables were made with, handed back as they are sent
    except (EOFError, OSError):
        return  # the import ended (refused, failed, or a dry run) before all was sent
    except Exception:  # whatever it is, the importing process makes the tables itself
        conn.close()  # without the empty piece that says the tables are whole
        return
    with contextlib.suppress(OSError):
        while out.pieces:
            conn.send_bytes(out.pieces.popleft())
        conn.send_bytes(b"")  # the end: the tables are whole
    conn.close()


class _Pieces:
    """A file for ``pickle.dump`` that keeps what is written in pieces of ``PIECE`` bytes, so
    each is let go once sent: the tables are never held whole here while the importing
    process takes them in (25 MB at a trust's size, counted twice for the moment it lasted)."""

    def __init__(self) -> None:
        self.pieces: deque[bytes] = deque()
        self._open = bytearray()

    def write(self, data: Any) -> int:
        # A large write (the automaton's pickle, megabytes) is cut into pieces where it lies,
        # never copied whole first.
        with memoryview(data) as whole, whole.cast("B") as view:
            at = 0
            if self._open:
                at = min(PIECE - len(self._open), len(view))
                self._open += view[:at]
                if len(self._open) == PIECE:
                    self.pieces.append(bytes(self._open))
                    self._open = bytearray()
            while len(view) - at >= PIECE:
                self.pieces.append(bytes(view[at : at + PIECE]))
                at += PIECE
            self._open += view[at:]
            return len(view)

    def close(self) -> None:
        if self._open:
            self.pieces.append(bytes(self._open))
        self._open = bytearray()
