"""The plaintext serialisation inside the encryption: lossless for what is kept, strict on input."""

from __future__ import annotations

import zlib
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from companion.roster.codec import RosterCodecError, decode_roster, encode_roster
from companion.roster.model import Person, Role, Roster
from tests.roster.strategies import people_named

names = st.text(min_size=1, max_size=20)
maybe = st.none() | names
people = people_named(names, maybe)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(people, max_size=8).map(tuple),
    st.none() | st.dates(date(2020, 1, 1), date(2040, 1, 1)),
)
def test_round_trip(everyone: tuple[Person, ...], expires: date | None) -> None:
    roster = Roster(people=everyone, imported_at="2026-11-24T10:00:00+00:00", expires=expires)
    decoded = decode_roster(encode_roster(roster))
    assert decoded == roster


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"not compressed",
        zlib.compress(b"\xff\xfe"),
        zlib.compress(b'{"format": "something-else/9"}'),
        zlib.compress(b'{"format": "postguard-roster/1", "people": [[1, 2]]}'),
    ],
)
def test_anything_else_is_refused(data: bytes) -> None:
    with pytest.raises(RosterCodecError):
        decode_roster(data)


HEAD = (
    '{"format":"postguard-roster/1","version":"v1","imported_at":"","expires":null,'
    '"source":"import"'
)
ROW = '["p-1","pupil","Ann","Lee",null,null,[],null,[],null,null]'


def test_names_that_look_like_the_document_s_own_punctuation_come_back() -> None:
    """The rows are read one at a time from the text: a name holding the text that starts or
    ends them must not cut them short."""
    tricky = (',"people":[', "]}", '"],[', "Ann,Lee]", "\\")
    everyone = tuple(Person(f"p-{n}", Role.PUPIL, name, name) for n, name in enumerate(tricky))
    roster = Roster(people=everyone, imported_at="2026-11-30T18:00:00+00:00")
    assert decode_roster(encode_roster(roster)) == roster


@pytest.mark.parametrize(
    "document",
    [
        HEAD + ',"people":[' + ROW + "]}",  # as encode_roster writes it
        '{"people":[' + ROW + "]," + HEAD[1:] + "}",  # people first
        HEAD + ',"people":[' + ROW + '],"title":"x"}',  # something after the people
        HEAD.replace(",", ", ") + ', "people": [' + ROW + "]}",  # json.dumps's own spacing
    ],
)
def test_a_document_laid_out_otherwise_is_read_the_same(document: str) -> None:
    roster = decode_roster(zlib.compress(document.encode()))
    assert [(p.key, p.forename, p.surname) for p in roster.people] == [("p-1", "Ann", "Lee")]
    assert roster.version == "v1"


@pytest.mark.parametrize(
    "document",
    [
        HEAD + ',"people":[' + ROW,  # cut off in the rows
        HEAD + ',"people":[' + ROW + "]",  # cut off after them
        HEAD + ',"people":[' + ROW + ";" + ROW + "]}",  # not a list
        HEAD + ',"people":[' + ROW + "]}trailing",  # more after the end
        HEAD + ',"people":[' + ROW[:-6] + "]]}",  # a row too short
        HEAD + ',"people":[' + ROW + "," + "]}",  # a comma and no row
        HEAD + ',"people":[[1,2]]}',
        HEAD + ',"people":[]]}',
    ],
)
def test_a_damaged_list_of_rows_is_refused(document: str) -> None:
    with pytest.raises(RosterCodecError):
        decode_roster(zlib.compress(document.encode()))


def test_an_empty_roster_comes_back() -> None:
    roster = Roster(people=(), imported_at="2026-11-30T18:00:00+00:00")
    assert decode_roster(encode_roster(roster)) == roster
