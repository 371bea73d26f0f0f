"""What a bundle carries: the roster in the roster package's own encoding, then (since
November 2026) the school profile the DPO set and the roster's compiled name index.

The roster is one zlib stream, as it always was: a Postguard from before the other sections reads
it and never looks past its end. Each section after it is a zlib stream, its length (8 bytes,
big-endian) and a mark naming it, so sections are found from the end without unpacking the
roster::

    roster | [school stream, length, SCHOOL_MARK] | [index stream, length, INDEX_MARK]

The index stays last, where a Postguard from before the school section looks for it; either
section may be missing (a bundle from an older DPO has neither, or the index alone). All of it is
inside the bundle's encryption and covered by its signature.

The school section unpacks to ``header length (4 bytes, big-endian) | header JSON | crest``: the
header is ``{"profile": <the DPO's school.json>, "crest": true|false}`` and the crest is the
crest template's own bytes (none when ``crest`` is false). A section is authoritative: an empty
profile and no crest put a staff machine back to the shipped profile with no crest. Keys of the
header this Postguard does not know are ignored (a newer DPO may add some); what a staff machine
does with a profile it cannot wholly use is pull.py's business (the roster is installed anyway).
"""

from __future__ import annotations

import json
import struct
import zlib
from dataclasses import dataclass, field
from typing import Any

from companion.distribution.errors import BundleRefused
from companion.roster.model import Roster

INDEX_MARK = b"PGINDEX1"
SCHOOL_MARK = b"PGSCHOO1"
MAX_INDEX_BYTES = 1 << 30  # far beyond any school's (a 400,000-person index is ~60 MB)
MAX_PROFILE_BYTES = 256 * 1024  # the profile's changes: a few lists of names and handles
MAX_SCHOOL_BYTES = 2 * 1024 * 1024  # those and a crest template (at most 1 MiB)
_LENGTH = struct.Struct(">Q")


@dataclass(frozen=True, slots=True)
class CarriedSchool:
    """The school profile as a bundle carries it, not yet checked: the DPO's changes to the
    shipped profile (``school.json`` as it is) and the crest template's bytes (None: no crest)."""

    overrides: dict[str, Any] = field(default_factory=dict)
    crest: bytes | None = None


def encode(
    roster: Roster, index: bytes | memoryview | None = None, school: CarriedSchool | None = None
) -> bytes:
    from companion.roster.codec import encode_roster

    parts = [encode_roster(roster)]
    if school is not None:
        parts.append(_section(zlib.compress(_school_bytes(school)), SCHOOL_MARK))
    if index is not None:
        parts.append(_section(zlib.compress(index, 1), INDEX_MARK))
    return b"".join(parts)


def decode(payload: bytes) -> Roster:
    from companion.roster.codec import decode_roster

    try:
        return decode_roster(payload)  # the roster's own stream; what follows is not read
    except Exception as exc:  # the codec's own errors vary; none may crash a pull
        raise BundleRefused(f"the bundle's roster cannot be read ({type(exc).__name__})") from None


def carried_index(payload: bytes) -> bytes | None:
    """The compiled index after the roster, or None when the bundle carries none (a bundle from
    before November 2026, or one whose index was too large to carry)."""
    found = _find(payload, len(payload), INDEX_MARK, "name index")
    if found is None:
        return None
    return _unpack(payload, *found, MAX_INDEX_BYTES, "name index")


def carried_school(payload: bytes) -> CarriedSchool | None:
    """The school profile after the roster (before the index), or None when the bundle carries
    none (a bundle from a DPO's Postguard of before November 2026). Refuses a section that is
    malformed or too large; what it holds is checked by the school store, not here."""
    end = len(payload)
    index = _find(payload, end, INDEX_MARK, "name index")
    if index is not None:
        end = index[0]
    found = _find(payload, end, SCHOOL_MARK, "school profile")
    if found is None:
        return None
    raw = _unpack(payload, *found, MAX_SCHOOL_BYTES, "school profile")
    corrupt = BundleRefused("the bundle's school profile is corrupt")
    if len(raw) < 4:
        raise corrupt
    (length,) = struct.unpack(">I", raw[:4])
    if length > MAX_PROFILE_BYTES or 4 + length > len(raw):
        raise corrupt
    try:
        header = json.loads(raw[4 : 4 + length].decode("utf-8"), parse_constant=_no_constant)
    except (ValueError, RecursionError):  # UnicodeDecodeError and JSONDecodeError included
        raise corrupt from None
    if not isinstance(header, dict):
        raise corrupt
    overrides, has_crest = header.get("profile"), header.get("crest")
    crest = raw[4 + length :]
    if not isinstance(overrides, dict) or not isinstance(has_crest, bool):
        raise corrupt
    if has_crest != bool(crest):
        raise corrupt
    return CarriedSchool(overrides, crest if has_crest else None)


def _school_bytes(school: CarriedSchool) -> bytes:
    header = json.dumps(
        {"profile": school.overrides, "crest": school.crest is not None}, sort_keys=True
    ).encode("utf-8")
    return struct.pack(">I", len(header)) + header + (school.crest or b"")


def _section(packed: bytes, mark: bytes) -> bytes:
    return packed + _LENGTH.pack(len(packed)) + mark


def _find(payload: bytes, end: int, mark: bytes, what: str) -> tuple[int, int] | None:
    """Where the section ending at ``end`` with ``mark`` has its stream; None: no such section."""
    if not payload.endswith(mark, 0, end):
        return None
    stop = end - len(mark) - _LENGTH.size
    (length,) = _LENGTH.unpack(payload[stop : stop + _LENGTH.size]) if stop > 0 else (-1,)
    if not 0 < length < stop:  # the roster's stream comes first: never an empty one
        raise BundleRefused(f"the bundle's {what} is cut short")
    return stop - length, stop


def _unpack(payload: bytes, start: int, stop: int, limit: int, what: str) -> bytes:
    try:
        stream = zlib.decompressobj()
        with memoryview(payload)[start:stop] as packed:
            plaintext = stream.decompress(packed, limit)
        if not stream.eof or stream.unconsumed_tail or stream.unused_data:
            raise BundleRefused(f"the bundle's {what} is cut short or too large")
    except zlib.error:
        raise BundleRefused(f"the bundle's {what} cannot be read") from None
    return plaintext


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not a value a school profile may hold")
