"""A snapshot as bytes, to be sealed beside its roster version so start-up loads, not builds.

Layout: one line of JSON (format, the roster version's description: no names), then the name
index's tables (``IndexData.to_bytes``). Plaintext: the roster store seals it with the roster
key, bound to the version id, before it touches a disk.
"""

from __future__ import annotations

import json
from datetime import date

from companion.engine.snapshot import RosterInfo, Snapshot
from companion.matching import NameIndex
from companion.matching.index_data import IndexData, IndexDataError

FORMAT = "postguard-snapshot/1"


class SnapshotFileError(ValueError):
    """Saved snapshot bytes that cannot be used; build the snapshot from the roster instead."""


def snapshot_bytes(snapshot: Snapshot) -> bytes:
    info = snapshot.roster
    header = {
        "format": FORMAT,
        "version": info.version,
        "people": info.people,
        "imported_at": info.imported_at,
        "expires": info.expires.isoformat() if info.expires else None,
        "source": info.source,
        "leaving_dates_reading": info.leaving_dates_reading,
    }
    line = json.dumps(header, separators=(",", ":")).encode("utf-8")
    return line + b"\n" + snapshot.names.data.to_bytes()


def snapshot_from_bytes(data: bytes, version: str) -> Snapshot:
    """The snapshot ``snapshot_bytes`` made for roster ``version``; ``SnapshotFileError`` for
    anything else (another version's, another format, damaged)."""
    line, _, rest = data.partition(b"\n")
    try:
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
        index = IndexData.from_bytes(rest)
    except SnapshotFileError:
        raise
    except IndexDataError as exc:
        raise SnapshotFileError(str(exc)) from None
    except (ValueError, KeyError, TypeError, AttributeError):
        raise SnapshotFileError("the saved snapshot's header is unreadable") from None
    if info.version != version:
        raise SnapshotFileError("the saved snapshot is another roster version's")
    if info.people != len(index.people):
        raise SnapshotFileError("the saved snapshot's people differ from its header")
    return Snapshot(roster=info, names=NameIndex.from_data(index))
