"""Access to the OS keychain, refusing backends that would store secrets in plaintext."""

from __future__ import annotations

import base64
import contextlib
import os
import secrets
import time
from collections.abc import Callable
from typing import Protocol, TypeVar

import keyring
import keyring.errors
from keyring.backend import KeyringBackend

SERVICE = "postguard"
INSECURE_ENV = "POSTGUARD_ALLOW_INSECURE_KEYRING"
_T = TypeVar("_T")

# Backends that keep secrets readable by anyone who can read the file, or not at all.
_INSECURE = ("keyring.backends.fail", "keyring.backends.null", "keyrings.alt.file.Plaintext")
# keyrings.alt's other file backends ask for a master password on the terminal (getpass).
_PROMPTING = ("keyrings.alt.file.",)


class InsecureKeyringError(RuntimeError):
    pass


class KeyringUnavailableError(RuntimeError):
    pass


class SecretStore(Protocol):
    def get(self, name: str) -> str | None: ...

    def set(self, name: str, value: str) -> None: ...

    def delete(self, name: str) -> None: ...

    def describe(self) -> str: ...


def backend_names(backend: KeyringBackend) -> list[str]:
    """Qualified class names of a backend, unwrapping keyring's chainer."""
    inner = getattr(backend, "backends", None)
    members = list(inner) if inner else [backend]
    return [f"{type(b).__module__}.{type(b).__name__}" for b in members]


def insecure_reason(backend: KeyringBackend) -> str | None:
    """Why a backend must not hold our secrets, or None when it may.

    keyring's chainer writes to its highest-priority member, so that member is the one judged.
    """
    names = backend_names(backend)
    if not names:
        return "no keyring backend is available"
    if names[0].startswith(_INSECURE):
        return f"the keyring backend {names[0]} stores secrets in plaintext or not at all"
    if names[0].startswith(_PROMPTING):
        return (
            f"the keyring backend {names[0]} keeps secrets in a file behind a password typed at "
            "a prompt, which the background companion cannot answer"
        )
    return None


FIX_HINT = (
    "Install or unlock the OS keychain (Windows Credential Manager, macOS Keychain, or on Linux "
    "GNOME Keyring/KWallet via Secret Service), or point PYTHON_KEYRING_BACKEND at a secure "
    "backend; run 'postguard doctor' to check."
)


class KeyringSecretStore:
    """Secrets under one keyring service name; a locked keyring is retried with backoff."""

    def __init__(
        self,
        service: str = SERVICE,
        *,
        retries: int = 4,
        first_delay: float = 0.5,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.service = service
        self._retries = retries
        self._first_delay = first_delay
        self._sleep = sleep
        self.backend = keyring.get_keyring()
        reason = insecure_reason(self.backend)
        if reason and os.environ.get(INSECURE_ENV) != "1":
            raise InsecureKeyringError(f"Refusing to keep secrets: {reason}. {FIX_HINT}")

    def describe(self) -> str:
        return ", ".join(backend_names(self.backend))

    def _retry(self, call: Callable[[], _T]) -> _T:
        delay = self._first_delay
        for attempt in range(self._retries + 1):
            try:
                return call()
            except keyring.errors.KeyringLocked:
                if attempt == self._retries:
                    raise KeyringUnavailableError(
                        "The keyring is locked. Unlock it (log in to the desktop session, or "
                        "unlock the login keychain) and try again."
                    ) from None
                self._sleep(delay)
                delay *= 2
            except keyring.errors.PasswordDeleteError:
                raise
            except keyring.errors.KeyringError as exc:
                raise KeyringUnavailableError(f"The keyring failed: {exc}. {FIX_HINT}") from None
        raise AssertionError("unreachable")

    def get(self, name: str) -> str | None:
        return self._retry(lambda: keyring.get_password(self.service, name))

    def set(self, name: str, value: str) -> None:
        self._retry(lambda: keyring.set_password(self.service, name, value))

    def delete(self, name: str) -> None:
        with contextlib.suppress(keyring.errors.PasswordDeleteError):
            self._retry(lambda: keyring.delete_password(self.service, name))


class MemorySecretStore:
    """Ephemeral secrets for ``serve --demo``: gone when the process exits."""

    def __init__(self) -> None:
        self._values: dict[str, str] = {}

    def describe(self) -> str:
        return "in-memory (demo)"

    def get(self, name: str) -> str | None:
        return self._values.get(name)

    def set(self, name: str, value: str) -> None:
        self._values[name] = value

    def delete(self, name: str) -> None:
        self._values.pop(name, None)


def get_or_create_key(store: SecretStore, name: str, nbytes: int = 32) -> bytes:
    """A random key kept in the store under ``name``; created on first use."""
    existing = store.get(name)
    if existing:
        return base64.b64decode(existing)
    key = secrets.token_bytes(nbytes)
    store.set(name, base64.b64encode(key).decode("ascii"))
    return key
