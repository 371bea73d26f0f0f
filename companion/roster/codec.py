"""The roster's plaintext serialisation: what goes inside the encryption, and nothing else.

Compact JSON (one array per person) compressed with zlib. It holds exactly the ``Person`` and
``Roster`` fields, so nothing dropped at import can come back through it. Only ever handled in
memory: callers encrypt it before it touches a disk.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterator
from datetime import date
from sys import intern
from typing import Any

import orjson

from companion.roster.model import Person, Role, Roster

FORMAT = "postguard-roster/1"


class RosterCodecError(ValueError):
    pass


# Level 3: a 400,000-person roster packs in a quarter of level 6's time, 9% larger.
COMPRESS_LEVEL = 3
ENCODE_BATCH = 4096  # people per piece of JSON: the whole document is never held at once


def encode_roster(roster: Roster) -> bytes:
    head = {
        "format": FORMAT,
        "version": roster.version,
        "imported_at": roster.imported_at,
        "expires": roster.expires.isoformat() if roster.expires else None,
        "source": roster.source,
        "leaving_dates_reading": roster.leaving_dates_reading,
    }
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


def decode_roster(data: bytes) -> Roster:
    """The roster ``encode_roster`` made; ``RosterCodecError`` for anything else.

    The rows are read from the text one at a time, never parsed whole: at 400,000 people the
    parsed document took 300 MB, and the people made from it stayed spread over that memory (a
    term's import, which reads the roster in force, peaked at 485 MB). A document laid out
    otherwise than ``encode_roster`` lays it out (a later version's, say) is parsed whole."""
    try:
        text = zlib.decompress(data).decode("utf-8")
        try:
            document, people = _read(*_by_rows(text))
        except RosterCodecError:
            raise
        except (ValueError, IndexError, TypeError):  # laid out otherwise, or damaged
            whole = json.loads(text)
            del text
            document, people = _read(whole, whole.pop("people", None))
        return Roster(
            people=people,
            imported_at=document["imported_at"],
            expires=_date(document["expires"]),
            source=document["source"],
            version=document["version"],
            # Rosters written before the field existed were read the old way (reading 1).
            leaving_dates_reading=int(document.get("leaving_dates_reading", 1)),
        )
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
