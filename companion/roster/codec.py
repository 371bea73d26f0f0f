"""The roster's plaintext serialisation: what goes inside the encryption, and nothing else.

Compact JSON (one array per person) compressed with zlib. It holds exactly the ``Person`` and
``Roster`` fields, so nothing dropped at import can come back through it. Only ever handled in
memory: callers encrypt it before it touches a disk.
"""

from __future__ import annotations

import json
import zlib
from datetime import date
from typing import Any

from companion.roster.model import Person, Role, Roster

FORMAT = "postguard-roster/1"


class RosterCodecError(ValueError):
    pass


def encode_roster(roster: Roster) -> bytes:
    people = [
        [
            p.key,
            p.role.value,
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
        for p in roster.people
    ]
    document = {
        "format": FORMAT,
        "version": roster.version,
        "imported_at": roster.imported_at,
        "expires": roster.expires.isoformat() if roster.expires else None,
        "source": roster.source,
        "leaving_dates_reading": roster.leaving_dates_reading,
        "people": people,
    }
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    return zlib.compress(text.encode("utf-8"), 6)


def decode_roster(data: bytes) -> Roster:
    """The roster ``encode_roster`` made; ``RosterCodecError`` for anything else."""
    try:
        document = json.loads(zlib.decompress(data).decode("utf-8"))
        if document.get("format") != FORMAT:
            raise RosterCodecError(f"unknown roster format {document.get('format')!r}")
        return Roster(
            people=tuple(_person(row) for row in document["people"]),
            imported_at=document["imported_at"],
            expires=_date(document["expires"]),
            source=document["source"],
            version=document["version"],
            # Rosters written before the field existed were read the old way (reading 1).
            leaving_dates_reading=int(document.get("leaving_dates_reading", 1)),
        )
    except RosterCodecError:
        raise
    except (zlib.error, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError):
        raise RosterCodecError("the roster data is not in the expected format") from None


def _date(value: Any) -> date | None:
    return date.fromisoformat(value) if value else None


# Enum construction by value is slow enough to show in a 100,000-person load.
_ROLES = {role.value: role for role in Role}


def _person(row: list[Any]) -> Person:
    key, role, forename, surname, pf, ps, known, rel, pupils, leaving, title = row
    return Person(
        key=key,
        role=_ROLES[role],
        forename=forename,
        surname=surname,
        preferred_forename=pf,
        preferred_surname=ps,
        known_as=tuple(known),
        relationship=rel,
        pupil_keys=tuple(pupils),
        legal_leaving_date=_date(leaving),
        title=title,
    )
