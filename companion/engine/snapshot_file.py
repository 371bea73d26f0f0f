"""A snapshot as bytes, to be sealed beside its roster version so start-up loads, not builds.

Layout: one line of JSON (format, the roster version's description: no names), then the name
index's tables (``IndexData.to_bytes``). Plaintext: the roster store seals it with the roster
key, bound to the version id, before it touches a disk.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import date

from companion.engine.snapshot import RosterInfo, Snapshot
from companion.matching import NameIndex
from companion.matching.index_data import IndexData, IndexDataError
from companion.roster.model import Person
from companion.roster.people_table import PeopleTable
from companion.roster.sealing import Unsealed

FORMAT = "postguard-snapshot/1"
HEADER_LIMIT = 65536  # the header line is a few hundred bytes


class SnapshotFileError(ValueError):
    """Saved snapshot bytes that cannot be used; build the snapshot from the roster instead."""


def snapshot_bytes(snapshot: Snapshot) -> bytes:
    return data_bytes(snapshot.roster, snapshot.names.data)


def data_bytes(info: RosterInfo, data: IndexData) -> bytes:
    """What ``snapshot_bytes`` makes, from the index's tables alone (an import needs no more)."""
    return _header(info) + data.to_bytes()


def data_buffer(info: RosterInfo, data: IndexData) -> Unsealed:
    """``data_bytes`` written once, into a buffer the store seals where it lies."""
    out = Unsealed()
    out.write(_header(info))
    data.write(out)
    return out


def built_buffer(
    info: RosterInfo,
    people: Sequence[Person],
    nicknames: dict[str, frozenset[str]],
    made_elsewhere: Callable[[bytearray], bool] | None = None,
    people_made: Callable[[PeopleTable], None] | None = None,
) -> Unsealed:
    """``data_buffer`` of the index of ``people``, built as it is written (an import's peak);
    ``made_elsewhere``, ``people_made``: see ``IndexData.write_built``."""
    out = Unsealed()
    out.write(_header(info))
    IndexData.write_built(people, nicknames, out, made_elsewhere, people_made)
    return out


def _header(info: RosterInfo) -> bytes:
    header = {
        "format": FORMAT,
        "version": info.version,
        "people": info.people,
        "imported_at": info.imported_at,
        "expires": info.expires.isoformat() if info.expires else None,
        "source": info.source,
        "leaving_dates_reading": info.leaving_dates_reading,
    }
    return json.dumps(header, separators=(",", ":")).encode("utf-8") + b"\n"


def snapshot_from_bytes(data: bytes | memoryview, version: str) -> Snapshot:
    """The snapshot ``snapshot_bytes`` made for roster ``version``; ``SnapshotFileError`` for
    anything else (another version's, another format, damaged). A memoryview is read where it
    lies, not copied."""
    info, rest = _header_of(data, version)
    try:
        index = IndexData.from_bytes(rest)
    except IndexDataError as exc:
        raise SnapshotFileError(str(exc)) from None
    if info.people != len(index.people):
        raise SnapshotFileError("the saved snapshot's people differ from its header")
    return Snapshot(roster=info, names=NameIndex.from_data(index))


def people_from_bytes(data: bytes | memoryview, version: str) -> tuple[RosterInfo, PeopleTable]:
    """The description and the people's table of what ``snapshot_bytes`` made for roster
    ``version``, its name tables not read; ``SnapshotFileError`` as ``snapshot_from_bytes``."""
    info, rest = _header_of(data, version)
    try:
        people = IndexData.people_from_bytes(rest)
    except IndexDataError as exc:
        raise SnapshotFileError(str(exc)) from None
    if info.people != len(people):
        raise SnapshotFileError("the saved snapshot's people differ from its header")
    return info, people


def _header_of(data: bytes | memoryview, version: str) -> tuple[RosterInfo, memoryview]:
    """The header line read, and what follows it."""
    view = memoryview(data)
    cut = bytes(view[:HEADER_LIMIT]).find(b"\n")
    line, rest = bytes(view[: max(cut, 0)]), view[cut + 1 :]
    try:
        if cut < 0:
            raise SnapshotFileError("the saved snapshot has no header")
        header = json.loads(line)
        if header.get("format") != FORMAT:
            raise SnapshotFileError(f"unknown snapshot format {header.get('format')!r}")
        expires = header["expires"]
        info = RosterInfo(
            version=str(header["version"]),
            people=int(header["people"]),
            imported_at=str(header["imported_at"]),
            expires=date.fromisoformat(expires) if expires else None,
            source=str(header["source"]),
            leaving_dates_reading=int(header["leaving_dates_reading"]),
        )
    except SnapshotFileError:
        raise
    except (ValueError, KeyError, TypeError, AttributeError):
        raise SnapshotFileError("the saved snapshot's header is unreadable") from None
    if info.version != version:
        raise SnapshotFileError("the saved snapshot is another roster version's")
    return info, rest
