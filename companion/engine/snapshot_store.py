"""The current roster version's snapshot from the encrypted store: loaded from the index saved
beside it when there is a good one, otherwise built from the roster and saved for next time."""

from __future__ import annotations

import logging
from collections.abc import Callable

from companion.engine.snapshot import RosterInfo, Snapshot
from companion.engine.snapshot_file import (
    SnapshotFileError,
    built_buffer,
    data_buffer,
    people_from_bytes,
    snapshot_from_bytes,
)
from companion.matching.lexicon import name_lexicon
from companion.roster.in_force import RosterInForce
from companion.roster.model import Roster
from companion.roster.people_table import PeopleTable
from companion.roster.sealing import Unsealed
from companion.roster.store import RosterStore, RosterStoreError

log = logging.getLogger("postguard.roster")


def compiled_index(
    roster: Roster,
    made_elsewhere: Callable[[bytearray], bool] | None = None,
    people_made: Callable[[PeopleTable], None] | None = None,
) -> Unsealed:
    """What ``RosterStore.save(index=...)`` seals beside a version: its built snapshot (only
    the tables that are saved: none of what a running index adds on top of them).
    ``made_elsewhere``: the name tables from ``index_process`` (else they are made here);
    ``people_made``: shown the people's table (when: ``IndexData.write_built``)."""
    nicknames = name_lexicon().nicknames
    return built_buffer(
        RosterInfo.of(roster), roster.people, nicknames, made_elsewhere, people_made
    )


def roster_in_force(store: RosterStore) -> RosterInForce | None:
    """The roster in force as an import needs it; None when none was ever saved;
    ``RosterStoreError`` when it does not open. Its people come from the index saved beside it
    (0.2 s for a trust's, where decoding the roster takes 0.9 s), or from the roster itself
    when that index is missing, fails authentication or is not this version's."""
    version = store.current_version()
    if version is None:
        return None
    saved = store.load_index(version)
    if saved is not None:
        # The roster itself must still open, as it must when it is decoded (below): an import
        # over one that does not would leave a version that 'roster rollback' cannot go back
        # to, and --fresh is for exactly that (found in review).
        store.check_opens(version)
        try:
            info, people = people_from_bytes(saved, version)
        except SnapshotFileError as exc:
            log.warning("the saved name index of version %s is not used: %s", version, exc)
        else:
            return RosterInForce(
                version=info.version,
                expires=info.expires,
                leaving_dates_reading=info.leaving_dates_reading,
                needs_reimport=info.needs_reimport,
                people=people,
            )
        finally:
            del saved
    roster = store.load()
    return None if roster is None else RosterInForce.of_roster(roster)


def load_snapshot(store: RosterStore) -> Snapshot | None:
    """The current version's snapshot; None when no roster was ever saved.

    A saved index that is missing, fails authentication, or does not fit the version (an old
    store, a damaged file) is never used: the snapshot is built from the roster and saved.
    """
    version = store.current_version()
    if version is None:
        return None
    saved = store.load_index(version)
    if saved is not None:
        try:
            return snapshot_from_bytes(saved, version)
        except SnapshotFileError as exc:
            log.warning("the saved name index of version %s is not used: %s", version, exc)
    roster = store.load()
    if roster is None:
        return None
    snapshot = Snapshot.build(roster)
    try:
        store.save_index(roster.version, data_buffer(snapshot.roster, snapshot.names.data))
    except RosterStoreError as exc:
        log.warning("the name index could not be saved: %s", exc)
    return snapshot
