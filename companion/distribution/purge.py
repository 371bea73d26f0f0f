"""Remove the keyring entries a data directory's rollout uses (``uninstall-service --purge``)."""

from __future__ import annotations

from pathlib import Path

from companion.distribution.config import load_setup, school_key_secret_name
from companion.distribution.errors import DistributionError
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
    # Only entries that exist: deleting a missing one is reported by the store as a failure.
    names = [name for name in keyring_entries(home) if store.get(name) is not None]
    for name in names:
        store.delete(name)
    return names
