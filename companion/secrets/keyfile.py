"""Secrets in one private file, for machines with no OS keychain (a Linux box with no desktop).

The trade-off, also in docs/secrets.md: the roster in the data directory stays encrypted (AES-GCM)
and is useless without this file, so a copied, synced or backed-up data directory leaks nothing,
and the file can live on another volume or be left out of backups. Unlike a keychain it is not
sealed by the user's login: anyone who can read the user's files (root, malware running as the
user) can read the key. Hence the checks: the file must be the user's own, mode 0600, outside the
data directory it protects.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from companion.private_files import StateFileError, read_json, write_json
from companion.secrets.store import SecretsUnavailableError

FORMAT = "postguard-keyfile/1"


class KeyFileError(SecretsUnavailableError):
    """The key file cannot be used as it is; the message names the fix."""


def check_key_file_path(path: Path, home: Path) -> None:
    """Refuse a key file that would travel with the data it protects, or that others can read."""
    if not path.is_absolute():
        raise KeyFileError(f"the key file path must be absolute, not {path}")
    resolved, data = path.resolve(), home.expanduser().resolve()
    if resolved == data or data in resolved.parents:
        raise KeyFileError(
            f"the key file {path} is inside the data directory {home}; keep it elsewhere "
            "(for example ~/.config/postguard/secrets.key), or a copy of the data directory "
            "carries its own key"
        )
    if not path.exists() or os.name == "nt":  # Windows: the user profile's ACLs apply
        return
    st = path.stat()
    if st.st_uid != os.getuid():
        raise KeyFileError(f"the key file {path} belongs to another user; chown $USER '{path}'")
    if st.st_mode & 0o077:
        raise KeyFileError(
            f"the key file {path} is readable by other users (mode {st.st_mode & 0o777:o}); "
            f"chmod 600 '{path}'"
        )


class KeyFileSecretStore:
    """Named secrets in a JSON file of mode 0600, replaced atomically on every change."""

    def __init__(self, path: Path, home: Path) -> None:
        check_key_file_path(path, home)
        self.path = path

    def describe(self) -> str:
        return f"key file {self.path}"

    def _read(self) -> dict[str, str]:
        try:
            raw: Any = read_json(self.path, None)
        except StateFileError:
            raise KeyFileError(f"the key file {self.path} is damaged (not JSON)") from None
        if raw is None:
            return {}
        if not isinstance(raw, dict) or raw.get("format") != FORMAT:
            raise KeyFileError(f"{self.path} is not a Postguard key file")
        values = raw.get("secrets")
        if not isinstance(values, dict) or not all(isinstance(v, str) for v in values.values()):
            raise KeyFileError(f"the key file {self.path} is damaged (no secrets table)")
        return dict(values)

    def _write(self, values: dict[str, str]) -> None:
        write_json(self.path, {"format": FORMAT, "secrets": values})

    def get(self, name: str) -> str | None:
        return self._read().get(name)

    def set(self, name: str, value: str) -> None:
        values = self._read()
        values[name] = value
        self._write(values)

    def delete(self, name: str) -> None:
        values = self._read()
        if values.pop(name, None) is not None:
            self._write(values)
