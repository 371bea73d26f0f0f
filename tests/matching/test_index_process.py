"""An import's name tables made in a second process (``index_process``): the index saved is the
one the importing process would have made itself, and when the second process cannot help (never
started, killed, gone before it answered) the import makes the tables itself and loses nothing.
Real processes, started as the CLI starts them."""

from __future__ import annotations

import os
import time
from dataclasses import replace

import pytest

from companion.engine.snapshot_store import compiled_index
from companion.matching.index_data import IndexData
from companion.matching.index_process import NameTablesProcess
from companion.matching.lexicon import name_lexicon
from companion.roster.model import Person, Role, Roster
from tests.matching.people import hard_roster
from tests.matching.test_index_data import tables


def a_trust(people: int = 6_000) -> Roster:
    """Pupils, contacts linked to them and staff, with forenames shared, preferred names and
    known-as names, so every kind of group the tables hold is there."""
    base = hard_roster().people
    made = []
    for n in range(people):
        model = base[n % len(base)]
        made.append(replace(model, key=f"x-{n:08x}", surname=f"{model.surname}{n % 997}"))
    return Roster(people=(*base, *made), version="v-test")


def plain(index: bytearray) -> tuple[object, ...]:
    """The index's tables as read back (the automaton's pickle is not the same bytes twice)."""
    return tables(IndexData.from_bytes(bytes(index[index.index(b"\n") + 1 :])))


@pytest.fixture(scope="module")
def roster() -> Roster:
    return a_trust()


def test_the_second_process_makes_the_index_the_import_would(roster: Roster) -> None:
    here = compiled_index(roster)
    tables = NameTablesProcess().start()
    answered: list[bool] = []

    def from_there(out: bytearray) -> bool:
        answered.append(tables.write_into(out))
        return answered[-1]

    try:
        tables.send(roster.people, name_lexicon().nicknames)
        there = compiled_index(roster, from_there)
    finally:
        tables.close()
    # Made there, not here after all: a process that fails is never noticed by the result
    # (a slip in how the groups are sent once made every import's tables here, found so).
    assert answered == [True]
    assert len(there) > 100_000  # a trust's tables, sent in pieces
    assert plain(there) == plain(here)
    assert len(plain(there)[0][0]) == len(roster.people)  # every person, one role byte each


def test_tables_from_a_process_that_died_are_made_here(roster: Roster) -> None:
    tables = NameTablesProcess().start()
    process = tables._process
    try:
        tables.send(roster.people, name_lexicon().nicknames)
        process.kill()
        process.join(10)
        out = bytearray(b"header")
        assert tables.write_into(out) is False
        assert out == b"header"  # nothing half-written is kept
    finally:
        tables.close()
    again = NameTablesProcess().start()
    again._process.kill()
    again._process.join(10)
    again.send(roster.people, name_lexicon().nicknames)  # into a pipe no one reads: no error
    assert plain(compiled_index(roster, again.write_into)) == plain(compiled_index(roster))


def test_without_a_second_process_the_tables_are_made_here() -> None:
    roster = Roster(
        people=(Person("p-1", Role.PUPIL, "Amelia", "Fitzgerald-O'Brien"),), version="v-1"
    )
    unstarted = NameTablesProcess()  # a dry run starts none
    unstarted.send(roster.people, name_lexicon().nicknames)
    assert unstarted.write_into(bytearray()) is False
    assert plain(compiled_index(roster, unstarted.write_into)) == plain(compiled_index(roster))


def test_an_import_that_stops_early_leaves_no_process_behind() -> None:
    """A refused import closes it before sending anything: it ends at once."""
    tables = NameTablesProcess().start()
    pid = tables._process.pid
    began = time.monotonic()
    tables.close()
    assert time.monotonic() - began < 5
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


def test_a_process_still_working_when_the_import_fails_is_stopped(roster: Roster) -> None:
    big = a_trust(60_000)
    tables = NameTablesProcess().start()
    pid = tables._process.pid
    tables.send(big.people, name_lexicon().nicknames)
    tables.close()  # the save failed: no one will read its tables
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


class _CutAfterFirstPiece:
    """The pipe to the real process, ending after its first piece (as when the process dies
    half-way through sending)."""

    def __init__(self, conn: object) -> None:
        self.conn = conn
        self.pieces = 0

    def poll(self, timeout: float) -> bool:
        return self.conn.poll(timeout)  # type: ignore[attr-defined]

    def recv_bytes(self) -> bytes:
        if self.pieces:
            raise EOFError
        self.pieces += 1
        return self.conn.recv_bytes()  # type: ignore[attr-defined]

    def close(self) -> None:
        self.conn.close()  # type: ignore[attr-defined]


def test_tables_cut_off_half_way_are_not_kept(roster: Roster) -> None:
    tables = NameTablesProcess().start()
    try:
        tables.send(roster.people, name_lexicon().nicknames)
        cut = tables._conn = _CutAfterFirstPiece(tables._conn)  # type: ignore[assignment]
        index = compiled_index(roster, tables.write_into)
    finally:
        tables.close()
    assert cut.pieces == 1  # a piece did arrive, and was taken back out
    assert plain(index) == plain(compiled_index(roster))


def test_the_tables_are_kept_in_whole_pieces_whatever_the_writes() -> None:
    """What pickle writes (a few bytes, or an automaton's megabytes at once) is kept as pieces
    of one size, the last shorter, which join to exactly what was written."""
    from companion.matching.index_process import PIECE, _Pieces

    writes = [b"a" * 10, os.urandom(3 * PIECE + 5), b"b" * 7, os.urandom(PIECE - 20), b"c" * 40]
    out = _Pieces()
    for data in writes:
        assert out.write(data) == len(data)
    assert out.write(memoryview(b"tail")) == 4
    out.close()
    pieces = list(out.pieces)
    assert b"".join(pieces) == b"".join(writes) + b"tail"
    assert {len(piece) for piece in pieces[:-1]} == {PIECE}
    assert 0 < len(pieces[-1]) <= PIECE
