"""The roster as the store now keeps it (``postguard-roster/2``): the people's table column by
column, written from an import that holds its people packed. Lossless for what an import keeps,
strict on anything else, and a store written by the earlier release (JSON) still opens."""

from __future__ import annotations

import gc
import tracemalloc
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.roster_data import write_exports
from companion.roster.codec import (
    PACKED_FORMAT,
    RosterCodecError,
    decode_roster,
    encode_roster,
    write_packed_roster,
)
from companion.roster.importing import import_files
from companion.roster.model import Person, Role, Roster
from companion.roster.people_table import PeopleTable
from companion.roster.sealing import seal
from companion.roster.store import RosterStore
from tests.roster.samples import SECRET_VALUES
from tests.roster.strategies import people_named

# What an import keeps: no control characters (records.clean_cell drops them), no empty names.
names = st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=20)
maybe = st.none() | st.just("") | names
people = people_named(names, maybe)


def packed(roster: Roster) -> bytes:
    out = bytearray()
    write_packed_roster(roster, out)
    return bytes(out)


@settings(max_examples=80, deadline=None)
@given(
    st.lists(people, max_size=8).map(tuple),
    st.none() | st.dates(date(2020, 1, 1), date(2040, 1, 1)),
    st.sampled_from(["import", "bundle", "demo"]),
)
def test_round_trip(everyone: tuple[Person, ...], expires: date | None, source: str) -> None:
    roster = Roster(
        people=everyone, imported_at="2026-12-01T10:00:00+00:00", expires=expires, source=source
    )
    data = packed(roster)
    assert data.startswith(PACKED_FORMAT.encode() + b"\n")
    assert decode_roster(data) == roster
    assert decode_roster(memoryview(bytearray(data))) == roster  # as the store unseals it
    # And from the people already packed, as an import hands them over
    as_table = Roster(
        people=PeopleTable.of(everyone),
        imported_at=roster.imported_at,
        expires=expires,
        source=source,
        version=roster.version,
    )
    assert packed(as_table) == data


def test_a_name_holding_a_table_separator_is_kept_without_it() -> None:
    """Never from an import (control characters are dropped from every cell); from anything
    else the separator is dropped rather than the row broken."""
    odd = Person("p-1", Role.PUPIL, "Ada\x1fBob", "Love\x1elace", known_as=("A\x01da",))
    roster = Roster(people=(odd,), version="v-1")
    (back,) = decode_roster(packed(roster)).people
    assert (back.forename, back.surname, back.known_as) == ("AdaBob", "Lovelace", ("Ada",))


def _roster() -> Roster:
    everyone = (
        Person("p-1", Role.PUPIL, "Zoë", "Brennan-Hughes", preferred_forename="Zo"),
        Person("p-2", Role.EX_PUPIL, "Łukasz", "Nowak", legal_leaving_date=date(2031, 8, 31)),
        Person("c-1", Role.CONTACT, "Marguerite", "Brennan-Hughes", relationship="parent",
               pupil_keys=("p-1", "p-2")),
        Person("s-1", Role.STAFF, "Philippa", "Ashworth-Lund", title="Mrs"),
    )  # fmt: skip
    return Roster(people=everyone, imported_at="2026-12-01T10:00:00+00:00", version="v-9")


def _damaged() -> list[tuple[str, bytes]]:
    whole = packed(_roster())
    head_end = whole.index(b"\n", len(PACKED_FORMAT) + 1) + 1
    first_length = whole[head_end : head_end + 8]
    return [
        ("cut short", whole[:-5]),
        ("more after its end", whole + b"\0"),
        ("no head", PACKED_FORMAT.encode() + b"\n"),
        ("head not JSON", PACKED_FORMAT.encode() + b"\n{not json\n" + whole[head_end:]),
        (
            "another format in the head",
            whole.replace(PACKED_FORMAT.encode(), b"postguard-roster/9").replace(
                b"postguard-roster/9", PACKED_FORMAT.encode(), 1
            ),
        ),
        (
            "a column longer than the file",
            whole[:head_end] + (1 << 40).to_bytes(8, "little") + whole[head_end + 8 :],
        ),
        (
            "columns of different lengths",
            whole[:head_end]
            + (int.from_bytes(first_length, "little") - 1).to_bytes(8, "little")
            + whole[head_end + 8 : head_end + 8 + 3]
            + whole[head_end + 8 + 4 :],
        ),
        ("a role no release has", whole[: head_end + 8] + b"\x09" + whole[head_end + 9 :]),
        ("a row's text not UTF-8", whole.replace("Łukasz".encode(), b"\xff" * 7)),
        ("a row's date not a date", whole.replace(b"2031-08-31", b"2031-13-99")),
    ]  # fmt: skip


@pytest.mark.parametrize(("what", "data"), _damaged(), ids=[w for w, _ in _damaged()])
def test_anything_else_is_refused(what: str, data: bytes) -> None:
    assert data != packed(_roster()), what
    with pytest.raises(RosterCodecError):
        decode_roster(data)


def test_an_import_hands_over_its_people_packed_and_keeps_none_as_objects(
    exports: dict[str, Path],
) -> None:
    files = [exports["pupils"], exports["contacts"], exports["staff"]]
    plain = import_files(files).roster
    shown: list[int] = []
    gc.collect()
    before = sum(type(o) is Person for o in gc.get_objects())
    roster = import_files(files, packed=True, people_known=lambda them: shown.append(len(them)))
    people = roster.roster.people
    assert isinstance(people, PeopleTable)
    # Not one person made by the import is left as an object once it returns: each was let go
    # as its row was packed (a trust's 400,000 people: 150 MB as objects, 31 MB packed).
    assert sum(type(o) is Person for o in gc.get_objects()) == before
    assert shown == [len(plain.people)]  # shown them all once, before they were packed
    assert list(people) == list(plain.people)  # the same people, in the same order
    assert roster.roster.counts() == plain.counts()
    assert len(people) == len(plain.people)


def test_the_store_keeps_the_packed_layout_and_nothing_the_import_dropped(
    store: RosterStore, exports: dict[str, Path]
) -> None:
    result = import_files(list(exports.values()), packed=True)
    version = store.save(result.roster, operator="dpo")
    plaintext = bytes(store._unsealed(version))
    assert plaintext.startswith(PACKED_FORMAT.encode() + b"\n")
    for secret in (*SECRET_VALUES, "1001"):
        assert secret.encode() not in plaintext, secret
    loaded = store.load()
    assert loaded is not None
    assert loaded.people == tuple(result.roster.people)
    assert [v.counts for v in store.versions()] == [result.roster.counts()]
    assert [c.ok for c in store.verify()] == [True]


def test_a_version_saved_by_the_earlier_release_still_opens(
    store: RosterStore, exports: dict[str, Path]
) -> None:
    """Its roster sealed as JSON (``postguard-roster/1``): the store reads both."""
    roster = import_files(list(exports.values())).roster
    version = store.save(roster, operator="dpo")
    saved = store.load()
    assert saved is not None
    store._file(version).write_bytes(seal(store._existing_key(), encode_roster(saved), version))
    assert not bytes(store._unsealed(version)).startswith(PACKED_FORMAT.encode())
    again = store.load()
    assert again == saved
    assert [c.ok for c in store.verify()] == [True]


def test_each_person_is_let_go_as_their_row_is_packed(tmp_path: Path) -> None:
    """Packing adds little to what the import held once its people were known: each batch of
    people goes as its rows are made. Held until the end (a tuple of them made first once held
    them all, found in writing this), packing added the whole table on top."""
    files = write_exports(tmp_path, 12_000, contacts_per_pupil=3, distinct_surnames=0.9)
    at_known: list[int] = []

    def known(_people: object) -> None:
        tracemalloc.reset_peak()
        at_known.append(tracemalloc.get_traced_memory()[0])

    tracemalloc.start()
    try:
        table = import_files(files, packed=True, people_known=known).roster.people
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert isinstance(table, PeopleTable)
    roles, keys, key_ends, rows, offsets = table.state()
    table_bytes = len(roles) + len(keys) + len(rows) + 4 * (len(key_ends) + len(offsets))
    assert len(table) > 45_000 and table_bytes > 3_000_000  # contacts of siblings are one
    # Measured at this size: 0.6 of the table's size (the first batches, while the pupils'
    # keys are still shared with their contacts), then less and less; with every person held
    # to the end, 2.1 (the whole table on top of them, its rows twice over).
    assert peak - at_known[0] < 1.3 * table_bytes
