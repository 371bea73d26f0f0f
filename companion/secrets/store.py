"""Access to the OS keychain, refusing backends that would store secrets in plaintext."""

from __future__ import annotations

import base64
import contextlib
import os
import secrets
import threading
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


class SecretsUnavailableError(RuntimeError):
    """No secret store can be used; the message names the fix."""


class InsecureKeyringError(SecretsUnavailableError):
    pass


class KeyringUnavailableError(SecretsUnavailableError):
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
    "With a desktop session, use its keychain (Windows Credential Manager, macOS Keychain, GNOME "
    "Keyring or KWallet; unset PYTHON_KEYRING_BACKEND to let keyring find it). With no desktop "
    "session (a server, a Linux machine nobody logs in to), keep the secrets in a private key "
    "file instead: 'postguard secrets use-keyfile' (see docs/secrets.md). 'postguard doctor' "
    "checks either."
)


def named_backend_reason() -> str | None:
    """Judge the backend PYTHON_KEYRING_BACKEND names before keyring loads it.

    Loading some (keyrings.alt's EncryptedKeyring) prompts for a password or fails with a bare
    RuntimeError when their crypto package is missing; the name alone is enough to refuse them.
    """
    named = os.environ.get("PYTHON_KEYRING_BACKEND", "").strip()
    if named.startswith(_INSECURE):
        return f"the keyring backend {named} (PYTHON_KEYRING_BACKEND) stores secrets in plaintext"
    if named.startswith(_PROMPTING):
        return (
            f"the keyring backend {named} (PYTHON_KEYRING_BACKEND) keeps secrets in a file behind "
            "a password typed at a prompt, which the background companion cannot answer"
        )
    return None


def load_backend() -> KeyringBackend:
    """keyring's backend, or a clear error: a named backend that cannot start raises anything."""
    found = _discovered()
    if isinstance(found, Exception):
        named = os.environ.get("PYTHON_KEYRING_BACKEND", "") or "the default"
        raise KeyringUnavailableError(
            f"The keyring backend {named} cannot start ({type(found).__name__}: "
            f"{str(found)[:120]}). {FIX_HINT}"
        )
    return found


def _discovered() -> KeyringBackend | Exception:
    """keyring.get_keyring(), the first time on a thread of its own. Finding the backend imports
    every backend module, and those that cannot load here (Windows', macOS') keep the error they
    caught, whose traceback keeps every frame that was on the stack alive for good: called from
    `roster import`, that was the whole imported roster; from a thread, only the thread's own."""
    result: list[KeyringBackend | Exception] = []

    def discover() -> None:
        try:
            result.append(keyring.get_keyring())
        except Exception as exc:  # a named backend that cannot start raises anything
            result.append(exc)

    worker = threading.Thread(target=discover, name="keyring-discovery", daemon=True)
    worker.start()
    worker.join()
    return result[0] if result else KeyringUnavailableError("keyring discovery did not finish")


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
        allowed = os.environ.get(INSECURE_ENV) == "1"
        named = named_backend_reason()
        if named and not allowed:
            raise InsecureKeyringError(f"Refusing to keep secrets: {named}. {FIX_HINT}")
        self.backend = load_backend()
        reason = insecure_reason(self.backend)
        if reason and not allowed:
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
            except Exception as exc:  # D-Bus gone, a backend's own errors: never a traceback
                raise KeyringUnavailableError(
                    f"The keyring failed ({type(exc).__name__}). {FIX_HINT}"
                ) from None
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
