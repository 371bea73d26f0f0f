"""Secrets (roster key, school and signing keys): the OS keychain, or a private key file."""

from companion.secrets.choice import (
    KEYFILE,
    KEYRING,
    SecretsChoice,
    choose_key_file,
    choose_keyring,
    default_key_file,
    open_secret_store,
    read_choice,
)
from companion.secrets.keyfile import KeyFileError, KeyFileSecretStore
from companion.secrets.store import (
    FIX_HINT,
    InsecureKeyringError,
    KeyringSecretStore,
    KeyringUnavailableError,
    MemorySecretStore,
    SecretStore,
    SecretsUnavailableError,
    get_or_create_key,
)

__all__ = [
    "FIX_HINT",
    "KEYFILE",
    "KEYRING",
    "InsecureKeyringError",
    "KeyFileError",
    "KeyFileSecretStore",
    "KeyringSecretStore",
    "KeyringUnavailableError",
    "MemorySecretStore",
    "SecretStore",
    "SecretsChoice",
    "SecretsUnavailableError",
    "choose_key_file",
    "choose_keyring",
    "default_key_file",
    "get_or_create_key",
    "open_secret_store",
    "read_choice",
]
