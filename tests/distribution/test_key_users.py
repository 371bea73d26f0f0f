"""The list of data directories using a school key (companion/distribution/key_users.py): a
directory reached through a symlink is one directory, and a key stored before the list existed is
never deleted by a purge (found by a second review; each test failed before its fix)."""

from __future__ import annotations

from pathlib import Path

from companion.distribution.config import SetupConfig, save_setup, school_key_secret_name
from companion.distribution.key_users import add_user, users_entry
from companion.distribution.publisher import create_publisher
from companion.distribution.purge import delete_keyring_entries
from companion.secrets.store import MemorySecretStore


def test_purge_through_a_symlinked_path_removes_the_school_key(tmp_path: Path) -> None:
    """The DPO's directory was set up through a symlink and is purged by its real path: it is
    one directory, so the school key goes. Before, the symlink's spelling counted as another
    directory using the key, and the key stayed in the keyring after the purge."""
    real = tmp_path / "srv-postguard"
    real.mkdir()
    link = tmp_path / "postguard"
    link.symlink_to(real, target_is_directory=True)
    store = MemorySecretStore()
    publisher = create_publisher(link, store, "Glazebury CE Primary", replace_keys=False)
    key_name = school_key_secret_name(publisher.key_id)
    assert store.get(key_name)

    delete_keyring_entries(real, store)

    assert store.get(key_name) is None
    assert store.get(users_entry(publisher.key_id)) is None


def test_purging_a_new_staff_directory_keeps_the_key_an_upgraded_dpo_directory_uses(
    tmp_path: Path,
) -> None:
    """The DPO's directory predates the list; a staff directory set up after the update is
    purged: the key stays, since someone unknown (the DPO) stored it before the list was kept.
    Before, the list held only the staff directory, and the purge deleted the DPO's key."""
    dpo, staff = tmp_path / "dpo", tmp_path / "staff"
    dpo.mkdir()
    staff.mkdir()
    store = MemorySecretStore()
    publisher = create_publisher(dpo, store, "Glazebury CE Primary", replace_keys=False)
    store.delete(users_entry(publisher.key_id))  # as yesterday's Postguard left it
    save_setup(
        staff,
        SetupConfig(
            source=str(tmp_path / "share"),
            signing_public_key=publisher.public_key,
            signer=publisher.signer,
            key_id=publisher.key_id,
        ),
    )
    add_user(store, publisher.key_id, staff)  # what setup.configure does

    delete_keyring_entries(staff, store)

    assert store.get(school_key_secret_name(publisher.key_id)), "the DPO's school key was deleted"
