"""The roster's plaintext serialisation: what goes inside the encryption, and nothing else.

Two layouts, both holding exactly the ``Person`` and ``Roster`` fields, so nothing dropped at
import can come back through them, and both only ever handled in memory (callers encrypt them
before they touch a disk):

- ``postguard-roster/1`` (``encode_roster``): compact JSON, one array per person, compressed
  with zlib. Roster bundles carry it, so a companion of any release opens them.
- ``postguard-roster/2`` (``write_packed_roster``): the store's. A line of JSON for the roster,
  then the people's table (``PeopleTable``) column by column, each its length (8 bytes, little
  endian) and its bytes. An import already holds its people so, and writes them in
  milliseconds where the JSON took 0.9 s at a trust's size.

``decode_roster`` reads either.
"""

from __future__ import annotations

import json
import sys
import zlib
from array import array
from collections.abc import Iterator
from datetime import date
from itertools import islice
from operator import le
from sys import intern
from typing import Any

import orjson

from companion.roster.model import Person, Role, Roster
from companion.roster.people_table import PeopleTable

FORMAT = "postguard-roster/1"
PACKED_FORMAT = "postguard-roster/2"
_PACKED_START = PACKED_FORMAT.encode("ascii") + b"\n"  # never how zlib's output starts
_COLUMNS = 5  # a people table's: roles, keys, key ends, rows, row offsets
_LENGTH = 8


class RosterCodecError(ValueError):
    pass


# Level 3: a 400,000-person roster packs in a quarter of level 6's time, 9% larger.
COMPRESS_LEVEL = 3
ENCODE_BATCH = 4096  # people per piece of JSON: the whole document is never held at once


def encode_roster(roster: Roster) -> bytes:
    head = {**_head(roster), "format": FORMAT}
    # The same document as json.dumps({**head, "people": [...]}) would write, written in pieces
    # into the compressor.
    compressor = zlib.compressobj(COMPRESS_LEVEL)
    text = json.dumps(head, ensure_ascii=False, separators=(",", ":"))
    out = [compressor.compress((text[:-1] + ',"people":[').encode("utf-8"))]
    people = roster.people
    for start in range(0, len(people), ENCODE_BATCH):
        rows = [_row(p) for p in people[start : start + ENCODE_BATCH]]
        # orjson writes what json.dumps(rows, ensure_ascii=False, separators=(",", ":")) would,
        # as UTF-8, in a seventh of the time.
        piece = orjson.dumps(rows)[1:-1]
        out.append(compressor.compress((b"," if start else b"") + piece))
    out.append(compressor.compress(b"]}"))
    out.append(compressor.flush())
    return b"".join(out)


def _row(p: Person) -> list[Any]:
    return [
        p.key,
        _VALUES[p.role],
        p.forename,
        p.surname,
        p.preferred_forename,
        p.preferred_surname,
        list(p.known_as),
        p.relationship,
        list(p.pupil_keys),
        p.legal_leaving_date.isoformat() if p.legal_leaving_date else None,
        p.title,
    ]


def write_packed_roster(roster: Roster, out: bytearray) -> None:
    """Appends ``roster`` to ``out`` in the store's layout (``postguard-roster/2``)."""
    table = PeopleTable.of(roster.people)
    out += _PACKED_START
    out += json.dumps(_head(roster), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    out += b"\n"
    roles, keys, key_ends, rows, offsets = table.state()
    for column in (roles, keys.encode("utf-8"), _little(key_ends), rows, _little(offsets)):
        out += len(column).to_bytes(_LENGTH, "little")
        out += column


def _little(numbers: array) -> bytes:
    if sys.byteorder == "big":
        numbers = array(numbers.typecode, numbers)
        numbers.byteswap()
    return numbers.tobytes()


def _numbers(data: memoryview) -> array:
    numbers = array("I")
    numbers.frombytes(data)  # ValueError unless whole numbers
    if sys.byteorder == "big":
        numbers.byteswap()
    return numbers


def _decode_packed(data: memoryview) -> Roster:
    """The roster ``write_packed_roster`` wrote (``data`` after its first line)."""
    end = bytes(data[: 1 << 16]).find(b"\n")
    if end < 0:
        raise RosterCodecError("the roster's head is cut short")
    head = json.loads(bytes(data[:end]))
    if head.get("format") != PACKED_FORMAT:
        raise RosterCodecError(f"unknown roster format {head.get('format')!r}")
    at, columns = end + 1, []
    for _ in range(_COLUMNS):
        size = int.from_bytes(data[at : at + _LENGTH], "little")
        at += _LENGTH
        if at + size > len(data):
            raise RosterCodecError("the roster is cut short")
        columns.append(data[at : at + size])
        at += size
    if at != len(data):
        raise RosterCodecError("the roster has more after its end")
    roles, keys, key_ends, rows, offsets = columns
    ends, starts = _numbers(key_ends), _numbers(offsets)
    # Each key and row ends where the next begins: ends out of order would cut keys and rows
    # from one another's bytes (found in review).
    if not (_in_order(ends) and _in_order(starts)):
        raise RosterCodecError("the roster's columns are out of order")
    table = PeopleTable(bytes(roles), str(keys, "utf-8"), ends, bytes(rows), starts)
    return _roster(head, tuple(table))


def _in_order(numbers: array) -> bool:
    return all(map(le, numbers, islice(numbers, 1, None)))


def _head(roster: Roster) -> dict[str, Any]:
    return {
        "format": PACKED_FORMAT,
        "version": roster.version,
        "imported_at": roster.imported_at,
        "expires": roster.expires.isoformat() if roster.expires else None,
        "source": roster.source,
        "leaving_dates_reading": roster.leaving_dates_reading,
    }


def _roster(document: dict[str, Any], people: tuple[Person, ...]) -> Roster:
    return Roster(
        people=people,
        imported_at=document["imported_at"],
        expires=_date(document["expires"]),
        source=document["source"],
        version=document["version"],
        # Rosters written before the field existed were read the old way (reading 1).
        leaving_dates_reading=int(document.get("leaving_dates_reading", 1)),
    )


def decode_roster(data: bytes | bytearray | memoryview) -> Roster:
    """The roster ``encode_roster`` or ``write_packed_roster`` made; ``RosterCodecError`` for
    anything else.

    The rows are read from the text one at a time, never parsed whole: at 400,000 people the
    parsed document took 300 MB, and the people made from it stayed spread over that memory (a
    term's import, which reads the roster in force, peaked at 485 MB). A document laid out
    otherwise than ``encode_roster`` lays it out (a later version's, say) is parsed whole."""
    try:
        with memoryview(data) as view:
            if view[: len(_PACKED_START)] == _PACKED_START:
                return _decode_packed(view[len(_PACKED_START) :])
        text = zlib.decompress(data).decode("utf-8")
        try:
            document, people = _read(*_by_rows(text))
        except RosterCodecError:
            raise
        except (ValueError, IndexError, TypeError):  # laid out otherwise, or damaged
            whole = json.loads(text)
            del text
            document, people = _read(whole, whole.pop("people", None))
        return _roster(document, people)
    except RosterCodecError:
        raise
    except (
        zlib.error,
        UnicodeDecodeError,
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        IndexError,
    ):
        raise RosterCodecError("the roster data is not in the expected format") from None


def _read(document: Any, rows: Any) -> tuple[dict[str, Any], tuple[Person, ...]]:
    """The head, once its format is known to be this one, and the people of ``rows``."""
    if document.get("format") != FORMAT:
        raise RosterCodecError(f"unknown roster format {document.get('format')!r}")
    links: dict[str, tuple[str, ...]] = {}
    return document, tuple(_person(row, links) for row in rows)


_PEOPLE = ',"people":['  # where encode_roster starts the rows: after the head, to the end


def _by_rows(text: str) -> tuple[dict[str, Any], Iterator[Any]]:
    """The head, and the rows as they are read; ValueError for any other layout."""
    cut = text.find(_PEOPLE)  # never inside a string: a quote there would be escaped
    if cut < 0:
        raise ValueError("not laid out as encode_roster lays it out")
    return json.loads(text[:cut] + "}"), _rows(text, cut + len(_PEOPLE))


def _rows(text: str, at: int) -> Iterator[Any]:
    scan = json.JSONDecoder().raw_decode
    if text[at] == "]":
        end = at + 1
    else:
        while True:
            row, at = scan(text, at)
            yield row
            at += 1
            if text[at - 1] == "]":
                end = at
                break
            if text[at - 1] != ",":
                raise ValueError("not a list of rows")
    if text[end:] != "}":
        raise ValueError("more after the rows")


def _date(value: Any) -> date | None:
    return date.fromisoformat(value) if value else None


# Enum construction by value is slow enough to show in a 100,000-person load.
_ROLES = {role.value: role for role in Role}
_VALUES = {role: role.value for role in Role}


def _person(row: list[Any], links: dict[str, tuple[str, ...]]) -> Person:
    key, role, forename, surname, pf, ps, known, rel, pupils, leaving, title = row
    if len(pupils) == 1:  # a pupil's contacts share one (pupil_key,), as an import makes them
        pupil_keys = links.get(pupils[0])
        if pupil_keys is None:
            pupil_keys = links[pupils[0]] = (pupils[0],)
    else:
        pupil_keys = tuple(pupils)
    return Person(  # in field order: keywords cost a fifth of the time at 400,000 people
        key,
        _ROLES[role],
        intern(forename) if isinstance(forename, str) else forename,
        intern(surname) if isinstance(surname, str) else surname,
        pf,
        ps,
        tuple(known),
        intern(rel) if isinstance(rel, str) else rel,
        pupil_keys,
        _date(leaving) if leaving else None,
        title,
    )
