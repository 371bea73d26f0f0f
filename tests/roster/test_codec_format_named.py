"""A roster in another format (a later Postguard's) is refused by name: "unknown roster
format 'postguard-roster/2'", which the store passes on to the DPO, rather than being called
damaged (whose advice is --fresh, which deletes every kept version). Before (found in review):
the row-at-a-time decoder took the people out before it looked at the format, and a format
without them was called "not in the expected format"."""

from __future__ import annotations

import zlib

import pytest

from companion.roster.codec import RosterCodecError, decode_roster


@pytest.mark.parametrize(
    "document",
    [
        b'{"format":"postguard-roster/2","rows":[]}',
        b'{"format": "something-else/9"}',  # tests/roster/test_codec.py's own example
    ],
)
def test_another_format_is_named_in_the_refusal(document: bytes) -> None:
    with pytest.raises(RosterCodecError, match="unknown roster format"):
        decode_roster(zlib.compress(document))
