"""A valid roster document laid out otherwise than encode_roster lays it out is read as a whole
document is: a key after the people holding a list (a later version's), spaced rows. The format
is read across versions (kept versions, rollback, a newer DPO's bundle). Before (found in
review): the row-at-a-time decoder took any text holding ',"people":[' and ending in ']}' for
its own layout, and refused these."""

from __future__ import annotations

import json
import zlib

import pytest

from companion.roster.codec import decode_roster

HEAD = (
    '{"format":"postguard-roster/1","version":"v1","imported_at":"","expires":null,'
    '"source":"import"'
)
ROW = '["p-1","pupil","Ann","Lee",null,null,[],null,[],null,null]'


@pytest.mark.parametrize(
    "document",
    [
        # people not last, and the key after them holds a list (ends "]}" as encode_roster's)
        HEAD + ',"people":[' + ROW + '],"schools":["x"]}',
        # people not last, then an empty list
        HEAD + ',"people":[' + ROW + '],"notes":[]}',
        # a compact head, but rows spaced as json.dumps's default separators would space them
        HEAD + ',"people":[ ' + ROW + ", " + ROW.replace("p-1", "p-2") + " ]}",
    ],
)
def test_a_valid_document_laid_out_otherwise_is_read_as_json_reads_it(document: str) -> None:
    expected = json.loads(document)["people"]  # what the document holds
    roster = decode_roster(zlib.compress(document.encode()))
    assert [p.key for p in roster.people] == [row[0] for row in expected]
    assert roster.version == "v1"
