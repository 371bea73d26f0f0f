"""Secrets (roster key, token hashes' pepper) live in the OS keychain through ``keyring``."""

from companion.secrets.store import (
    InsecureKeyringError,
    KeyringSecretStore,
    KeyringUnavailableError,
    MemorySecretStore,
    SecretStore,
    get_or_create_key,
)

__all__ = [
    "InsecureKeyringError",
    "KeyringSecretStore",
    "KeyringUnavailableError",
    "MemorySecretStore",
    "SecretStore",
    "get_or_create_key",
]
