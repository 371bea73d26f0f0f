"""Secrets in the real Secret Service keyring (GNOME Keyring, started by scripts/with-keyring)."""

from __future__ import annotations

from collections.abc import Iterator

import keyring
import pytest
import secretstorage
from keyring.backends import null
from keyrings.alt.file import PlaintextKeyring
from secretstorage.util import DBusAddressWrapper

from companion.secrets import (
    InsecureKeyringError,
    KeyringSecretStore,
    KeyringUnavailableError,
    get_or_create_key,
)
from companion.secrets.store import insecure_reason

TEST_KEYRING_PASSWORD = b"postguard-test"  # set by scripts/with-keyring


@pytest.fixture
def collection() -> Iterator[secretstorage.Collection]:
    if "SecretService" not in type(keyring.get_keyring().backends[0]).__module__:
        pytest.skip("needs the Secret Service keyring: run under scripts/with-keyring")
    conn = secretstorage.dbus_init()
    col = secretstorage.get_default_collection(conn)
    yield col
    if col.is_locked():
        unlock(col)


def unlock(col: secretstorage.Collection) -> None:
    """Unlock without a GUI prompt through GNOME Keyring's master-password interface."""
    conn = col.connection
    service = DBusAddressWrapper("/org/freedesktop/secrets", "org.freedesktop.Secret.Service", conn)
    _, session = service.call("OpenSession", "sv", "plain", ("s", ""))
    internal = DBusAddressWrapper(
        "/org/freedesktop/secrets",
        "org.gnome.keyring.InternalUnsupportedGuiltRiddenInterface",
        conn,
    )
    secret = (session, b"", TEST_KEYRING_PASSWORD, "text/plain")
    internal.call("UnlockWithMasterPassword", "o(oayays)", col.collection_path, secret)


def test_secrets_round_trip_through_the_os_keyring(collection) -> None:
    store = KeyringSecretStore(service="postguard-test")
    key = get_or_create_key(store, "roster-key")
    assert len(key) == 32
    assert get_or_create_key(KeyringSecretStore(service="postguard-test"), "roster-key") == key
    assert "SecretService" in store.describe()
    store.delete("roster-key")
    assert store.get("roster-key") is None
    store.delete("roster-key")  # deleting what is not there is not an error


def test_locked_keyring_is_retried_with_backoff_then_a_clear_error(collection) -> None:
    KeyringSecretStore(service="postguard-test").set("k", "v")
    collection.lock()
    waits: list[float] = []
    store = KeyringSecretStore(
        service="postguard-test", retries=3, first_delay=0.01, sleep=waits.append
    )
    with pytest.raises(KeyringUnavailableError, match="locked"):
        store.get("k")
    assert waits == [0.01, 0.02, 0.04]


def test_keyring_unlocked_during_backoff_recovers(collection) -> None:
    KeyringSecretStore(service="postguard-test").set("k", "v")
    collection.lock()
    store = KeyringSecretStore(
        service="postguard-test", first_delay=0.01, sleep=lambda _: unlock(collection)
    )
    assert store.get("k") == "v"


@pytest.mark.parametrize("backend", [PlaintextKeyring(), null.Keyring()])
def test_plaintext_and_null_backends_are_refused(backend, monkeypatch) -> None:
    assert insecure_reason(backend) is not None
    monkeypatch.delenv("POSTGUARD_ALLOW_INSECURE_KEYRING", raising=False)
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    try:
        with pytest.raises(InsecureKeyringError, match="PYTHON_KEYRING_BACKEND"):
            KeyringSecretStore()
        monkeypatch.setenv("POSTGUARD_ALLOW_INSECURE_KEYRING", "1")
        assert KeyringSecretStore().describe()
    finally:
        keyring.set_keyring(previous)


def test_secret_service_is_accepted(collection) -> None:
    assert insecure_reason(keyring.get_keyring()) is None


PINNING_PROBE = """
import gc, weakref
from companion.secrets import KeyringSecretStore

class Roster:  # stands for whatever the first caller holds: an imported roster, a bundle
    pass

def first_use():
    held = Roster()
    try:
        KeyringSecretStore()  # keyring finds its backend here, the first time in this process
    except Exception:  # no usable keyring on this machine: it was looked for all the same
        pass
    return weakref.ref(held)

gone = first_use()
gc.collect()
print("freed" if gone() is None else "kept")
"""


def test_finding_the_keyring_keeps_nothing_its_first_caller_held() -> None:
    # keyring's backend modules that cannot load here keep the errors they caught, and with
    # them every frame on the stack: the caller's data must not live on in them.
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", PINNING_PROBE], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "freed", done.stderr
