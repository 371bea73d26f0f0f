"""The plaintext serialisation inside the encryption: lossless for what is kept, strict on input."""

from __future__ import annotations

import zlib
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from companion.roster.codec import RosterCodecError, decode_roster, encode_roster
from companion.roster.model import Person, Role, Roster

names = st.text(min_size=1, max_size=20)
maybe = st.none() | names
people = st.builds(
    Person,
    key=st.text(alphabet="0123456789abcdef-", min_size=3, max_size=24),
    role=st.sampled_from(Role),
    forename=names,
    surname=names,
    preferred_forename=maybe,
    preferred_surname=maybe,
    known_as=st.lists(names, max_size=3).map(tuple),
    relationship=maybe,
    pupil_keys=st.lists(names, max_size=3).map(tuple),
    legal_leaving_date=st.none() | st.dates(date(2000, 1, 1), date(2060, 12, 31)),
    title=maybe,
)


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
