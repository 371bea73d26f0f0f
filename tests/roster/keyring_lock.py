"""Lock the test keyring for real, and unlock it again without a GUI prompt.

``scripts/with-keyring`` unlocks its private GNOME Keyring with the password below; a headless
box cannot show the unlock prompt, so unlocking goes through GNOME Keyring's own D-Bus call for
unlocking with the master password.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import secretstorage
from jeepney import DBusAddress, new_method_call
from secretstorage.util import format_secret, open_session

TEST_KEYRING_PASSWORD = b"postguard-test"  # as in scripts/with-keyring
_INTERNAL = DBusAddress(
    "/org/freedesktop/secrets",
    bus_name="org.freedesktop.secrets",
    interface="org.gnome.keyring.InternalUnsupportedGuiltRiddenInterface",
)


@contextlib.contextmanager
def locked_keyring() -> Iterator[None]:
    connection = secretstorage.dbus_init()
    collection = secretstorage.get_default_collection(connection)
    collection.lock()
    assert collection.is_locked()
    try:
        yield
    finally:
        secret = format_secret(open_session(connection), TEST_KEYRING_PASSWORD, "text/plain")
        call = new_method_call(
            _INTERNAL, "UnlockWithMasterPassword", "o(oayays)", (collection.collection_path, secret)
        )
        connection.send_and_get_reply(call)
        assert not collection.is_locked()
        connection.close()
