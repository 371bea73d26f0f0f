"""Remove the keyring entries a data directory's rollout uses (``uninstall-service --purge``)."""

from __future__ import annotations

from pathlib import Path

from companion.distribution.config import load_setup, school_key_secret_name
from companion.distribution.errors import DistributionError
from companion.distribution.key_users import others_using
from companion.distribution.publisher import load_publisher, signing_secret_name
from companion.secrets import SecretStore


def keyring_entries(home: Path) -> list[str]:
    from companion.roster.store import stored_key_name
    from companion.settings import Settings

    roster_key = stored_key_name(Settings(home=home).roster_dir)
    names = [roster_key] if roster_key else []
    try:
        setup = load_setup(home)
        publisher = load_publisher(home)
    except DistributionError:  # damaged records: their keys cannot be named, the rest go
        return names
    if setup:
        names.append(school_key_secret_name(setup.key_id))
    if publisher:
        names += [school_key_secret_name(publisher.key_id), signing_secret_name(publisher.id)]
    return list(dict.fromkeys(names))


def delete_keyring_entries(home: Path, store: SecretStore) -> list[str]:
    """Delete this data directory's entries; a school key another data directory still uses
    stays (see key_users)."""
    shared = {school_key_secret_name(key_id): key_id for key_id in _school_key_ids(home)}
    names = []
    for name in keyring_entries(home):
        if name in shared and others_using(store, shared[name], home, _uses_key):
            continue
        # Only entries that exist: deleting a missing one is reported by the store as a failure.
        if store.get(name) is not None:
            store.delete(name)
            names.append(name)
    return names


def _school_key_ids(home: Path) -> list[str]:
    try:
        return _key_ids(home)
    except DistributionError:  # damaged records: their keys cannot be named
        return []


def _uses_key(home: Path, key_id: str) -> bool:
    """Whether the data directory at ``home`` names the school key (a damaged record is taken
    as naming it: better a key left in the keyring than one lost)."""
    try:
        return key_id in _key_ids(home)
    except DistributionError:
        return True


def _key_ids(home: Path) -> list[str]:
    setup, publisher = load_setup(home), load_publisher(home)
    return [record.key_id for record in (setup, publisher) if record is not None]
