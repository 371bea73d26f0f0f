"""The compiled index's tables as saved: read back (from bytes or in place from a buffer) they are
the tables built, and the import's piecewise writing saves the very same tables."""

from __future__ import annotations

import pytest

from companion.matching import NameIndex
from companion.matching.index_data import IndexData, IndexDataError
from companion.matching.lexicon import name_lexicon
from companion.roster.sealing import Unsealed
from tests.matching.people import hard_roster


def tables(data: IndexData) -> tuple[object, ...]:
    return (
        data.people.state(),
        data.forms,
        sorted(data.names.items()),
        data.fore.state(),
        data.own_fore.state(),
        data.sur.state(),
    )


@pytest.fixture(scope="module")
def built() -> IndexData:
    return IndexData.build(hard_roster().people, name_lexicon().nicknames)


def test_saved_tables_read_back_as_built(built: IndexData) -> None:
    saved = built.to_bytes()
    assert tables(IndexData.from_bytes(saved)) == tables(built)
    in_place = memoryview(bytearray(saved))  # as the store hands over a decrypted file
    assert tables(IndexData.from_bytes(in_place)) == tables(built)


def test_written_as_built_reads_back_as_built(built: IndexData) -> None:
    room = len(Unsealed())
    out = Unsealed()
    IndexData.write_built(hard_roster().people, name_lexicon().nicknames, out)
    assert tables(IndexData.from_bytes(memoryview(out)[room:])) == tables(built)
    again = Unsealed()
    built.write(again)
    assert tables(IndexData.from_bytes(bytes(again[room:]))) == tables(built)


def test_a_loaded_index_finds_what_a_built_one_does(built: IndexData) -> None:
    loaded = NameIndex.from_data(IndexData.from_bytes(built.to_bytes()))
    fresh = NameIndex.build(hard_roster())
    for person in list(fresh.people)[:40]:
        text = f"Well done {person.forename} {person.surname} today"
        assert loaded.find(text) == fresh.find(text)


@pytest.mark.parametrize("cut", [1, 100, -1])
def test_cut_or_padded_tables_are_refused(built: IndexData, cut: int) -> None:
    saved = built.to_bytes()
    with pytest.raises(IndexDataError):
        IndexData.from_bytes(saved[:cut] if cut > 0 else saved + b"\x00")
