"""Which secret store a data directory uses: the OS keychain (default) or a private key file.

The choice is recorded in the data directory itself (``secrets.json``, which holds a path and
never a secret), so every command and the background service, which is started with ``--home``
and no environment of its own on Windows, find the same store without being told.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import platformdirs

from companion.private_files import StateFileError, read_json, remove, write_json
from companion.secrets.keyfile import KeyFileError, KeyFileSecretStore, check_key_file_path
from companion.secrets.store import KeyringSecretStore, SecretStore

CHOICE_FILE = "secrets.json"
KEYRING, KEYFILE = "keyring", "keyfile"


@dataclass(frozen=True, slots=True)
class SecretsChoice:
    kind: str  # KEYRING or KEYFILE
    path: Path | None = None


def default_key_file() -> Path:
    """Beside the user's configuration, away from the data directory it protects."""
    return Path(platformdirs.user_config_dir("postguard", appauthor=False)) / "secrets.key"


def read_choice(home: Path) -> SecretsChoice:
    try:
        raw = read_json(home / CHOICE_FILE, None)
    except StateFileError as exc:
        raise KeyFileError(str(exc)) from None
    if raw is None:
        return SecretsChoice(KEYRING)
    if isinstance(raw, dict) and raw.get("store") == KEYFILE and isinstance(raw.get("path"), str):
        return SecretsChoice(KEYFILE, Path(raw["path"]))
    if isinstance(raw, dict) and raw.get("store") == KEYRING:
        return SecretsChoice(KEYRING)
    raise KeyFileError(
        f"{home / CHOICE_FILE} is damaged; run 'postguard secrets use-keyfile' again"
    )


def open_secret_store(home: Path, **keyring_options: object) -> SecretStore:
    """The store this data directory's secrets live in (raises SecretsUnavailableError)."""
    choice = read_choice(home)
    if choice.kind == KEYFILE and choice.path is not None:
        return KeyFileSecretStore(choice.path, home)
    return KeyringSecretStore(**keyring_options)  # type: ignore[arg-type]


def choose_key_file(home: Path, path: Path) -> None:
    check_key_file_path(path, home)
    write_json(home / CHOICE_FILE, {"store": KEYFILE, "path": str(path)})


def choose_keyring(home: Path) -> None:
    remove(home / CHOICE_FILE)
