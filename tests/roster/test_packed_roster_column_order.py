"""``decode_roster`` of the store's layout (``postguard-roster/2``) refuses a key column whose
ends are out of order, as it refuses rows cut out backwards.

Before (found in review): such a column was read as people with run-together or empty keys
(keys that match no contact's ``pupil_keys``), with no ``RosterCodecError``. The store's file
is sealed, so only data written with the roster key could reach it."""

from __future__ import annotations

from array import array

import pytest

from companion.roster.codec import RosterCodecError, decode_roster, write_packed_roster
from companion.roster.model import Person, Role, Roster


def test_key_ends_out_of_order_are_refused() -> None:
    people = (
        Person("pupil-aaaa", Role.PUPIL, "Ada", "Lovelace"),
        Person("pupil-bbbb", Role.PUPIL, "Alan", "Turing"),
        Person("staff-cccc", Role.STAFF, "Grace", "Hopper", title="Dr"),
    )
    out = bytearray()
    write_packed_roster(Roster(people=people, version="v-1"), out)
    whole = bytes(out)
    ends = array("I", [10, 20, 30]).tobytes()
    assert whole.count(ends) == 1
    damaged = whole.replace(ends, array("I", [20, 10, 30]).tobytes())
    with pytest.raises(RosterCodecError):
        got = decode_roster(damaged)
        # What is read instead: [('pupil-aaaapupil-bbbb', 'Ada'), ('', 'Alan'), ...]
        pytest.fail(f"accepted: {[(p.key, p.forename) for p in got.people]}")
