"""Which data directories use a school key's secret entry, so that purging one never deletes a
key another still needs.

The entry is named by the key (``bundle-school-key:<key id>``), and one user account may hold
several data directories that carry the same school's key: the DPO's publishing directory and a
staff directory set up from its ``school.key`` to try the rollout, or an old and a new staff
directory after IT moved ``POSTGUARD_HOME``. Beside the key, a second entry lists the data
directories that use it; ``uninstall-service --purge`` takes its own directory off that list and
deletes the key only when no directory that still exists (and still names that key) is left.
A key stored by a Postguard from before this list has none: when a directory is added to a key
that already exists without a list, the list records that someone unknown uses it too, and the
key is never deleted by a purge. Paths are compared resolved (a data directory reached through a
symlink is one directory).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from companion.distribution.config import school_key_secret_name
from companion.secrets import SecretStore

UNKNOWN = "?"  # a data directory set up before the list was kept


def users_entry(key_id: str) -> str:
    return f"bundle-school-key-users:{key_id}"


def add_user(store: SecretStore, key_id: str, home: Path) -> None:
    """Record that ``home`` uses the key; call before storing the key itself."""
    users = _users(store, key_id)
    if not users and store.get(school_key_secret_name(key_id)) is not None:
        users = [UNKNOWN]  # stored by a Postguard from before the list: used by someone unknown
    mine = _path(home)
    if mine not in users:
        store.set(users_entry(key_id), json.dumps([*users, mine]))


def others_using(
    store: SecretStore, key_id: str, home: Path, still_uses: Callable[[Path, str], bool]
) -> list[Path]:
    """Take ``home`` off the key's list; the other directories still using it (they exist and
    ``still_uses(directory, key_id)``). The list entry goes when nobody is left."""
    mine = _path(home)
    others = [u for u in _users(store, key_id) if u != mine]
    left = [u for u in others if u == UNKNOWN or (Path(u).is_dir() and still_uses(Path(u), key_id))]
    if left:
        store.set(users_entry(key_id), json.dumps(left))
    elif store.get(users_entry(key_id)) is not None:
        store.delete(users_entry(key_id))
    return [Path(u) for u in left]


def _path(home: Path) -> str:
    return str(home.expanduser().resolve())


def _users(store: SecretStore, key_id: str) -> list[str]:
    raw = store.get(users_entry(key_id))
    try:
        users = json.loads(raw) if raw else []
    except ValueError:
        return []
    return [u for u in users if isinstance(u, str)] if isinstance(users, list) else []
