"""The encrypted store, against the real GNOME keyring and the real cipher."""

from __future__ import annotations

import json
import stat
from datetime import date
from pathlib import Path

import pytest

from companion.roster.importing import import_files
from companion.roster.model import Roster
from companion.roster.store import RosterStore, RosterStoreError
from companion.secrets import KeyringSecretStore
from tests.roster.keyring_lock import locked_keyring


def imported(exports: dict[str, Path], *kinds: str, expires: date | None = None) -> Roster:
    paths = [exports[k] for k in kinds or ("pupils", "contacts", "staff")]
    return import_files(paths, expires=expires).roster


def test_nothing_saved_yet(store: RosterStore) -> None:
    assert store.current_version() is None
    assert store.load() is None
    assert store.versions() == []


def test_save_then_load_round_trip(store: RosterStore, exports: dict[str, Path]) -> None:
    roster = imported(exports, expires=date(2030, 7, 31))
    version = store.save(roster, operator="dpo")
    loaded = store.load()
    assert loaded is not None
    assert store.current_version() == version == loaded.version
    assert loaded.people == roster.people
    assert (loaded.imported_at, loaded.expires) == (roster.imported_at, date(2030, 7, 31))


def test_files_are_private(store: RosterStore, exports: dict[str, Path]) -> None:
    store.save(imported(exports), operator="dpo")
    assert stat.S_IMODE(store.root.stat().st_mode) == 0o700
    files = [p for p in store.root.rglob("*") if p.is_file()]
    assert {p.name for p in files} >= {"manifest.json", "audit.log"}
    assert len([p for p in files if p.suffix == ".pgr"]) == 1
    for path in files:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_every_save_is_a_new_version_and_old_ones_are_pruned(
    secrets: KeyringSecretStore, tmp_path: Path, exports: dict[str, Path]
) -> None:
    store = RosterStore(tmp_path / "r", secrets, keep=3)
    versions = [store.save(imported(exports), operator="dpo") for _ in range(5)]
    assert len(set(versions)) == 5
    assert [v.version for v in store.versions()] == versions[-3:]
    assert len(list((tmp_path / "r" / "versions").glob("*.pgr"))) == 3
    assert store.versions()[-1].current


def test_rollback_restores_the_previous_version_and_a_second_one_undoes_it(
    store: RosterStore, exports: dict[str, Path]
) -> None:
    first = store.save(imported(exports), operator="dpo")
    with pytest.raises(RosterStoreError, match="no earlier roster version"):
        store.rollback(operator="dpo")
    second = store.save(imported(exports, "pupils"), operator="dpo")
    assert store.current_version() == second
    restored, rolled_from = store.rollback(operator="dpo")
    assert restored.version == first == store.current_version()
    assert rolled_from == second
    assert restored.counts()["staff"] == 1
    assert [v.version for v in store.versions()] == [second, first]  # nothing deleted
    undone, _ = store.rollback(operator="dpo")
    assert undone.version == second == store.current_version()
    assert store.load() is not None and store.load().counts()["staff"] == 0
    actions = [(a["action"], a["version"]) for a in store.audit()]
    assert actions == [
        ("import", first),
        ("import", second),
        ("rollback", first),
        ("rollback", second),
    ]


def test_audit_lines_carry_counts_and_operator(
    store: RosterStore, exports: dict[str, Path]
) -> None:
    store.save(imported(exports), operator="j.bloggs")
    (line,) = store.audit()
    assert set(line) == {"time", "action", "version", "operator", "counts"}
    assert line["operator"] == "j.bloggs"
    assert line["counts"] == {"pupil": 3, "ex-pupil": 0, "contact": 2, "staff": 1}


def test_tampered_ciphertext_is_refused(store: RosterStore, exports: dict[str, Path]) -> None:
    version = store.save(imported(exports), operator="dpo")
    path = store.versions_dir / f"v-{version}.pgr"
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    with pytest.raises(RosterStoreError, match="integrity check") as caught:
        store.load()
    assert "\n" not in str(caught.value)
    assert [c.ok for c in store.verify()] == [False]


def test_a_version_file_swapped_for_another_is_refused(
    store: RosterStore, exports: dict[str, Path]
) -> None:
    old = store.save(imported(exports), operator="dpo")
    new = store.save(imported(exports, "staff"), operator="dpo")
    old_bytes = (store.versions_dir / f"v-{old}.pgr").read_bytes()
    (store.versions_dir / f"v-{new}.pgr").write_bytes(old_bytes)
    with pytest.raises(RosterStoreError, match="integrity check"):
        store.load()
    assert store.rollback(operator="dpo")[0].version == old  # the older one is still good


def test_missing_key_and_damaged_manifest(store: RosterStore, exports: dict[str, Path]) -> None:
    store.save(imported(exports), operator="dpo")
    store.manifest_path.write_text("{not json")
    with pytest.raises(RosterStoreError, match=r"manifest .* is damaged"):
        store.current_version()
    store.manifest_path.unlink()
    assert store.load() is None
    store.save(imported(exports), operator="dpo")
    store.secrets.delete(store.key_name)
    with pytest.raises(RosterStoreError, match="roster key is missing"):
        store.load()


def test_locked_keyring_is_a_clear_error_and_changes_nothing(
    store: RosterStore, exports: dict[str, Path]
) -> None:
    version = store.save(imported(exports), operator="dpo")
    with locked_keyring():
        with pytest.raises(RosterStoreError, match="keyring is locked"):
            store.load()
        with pytest.raises(RosterStoreError, match="keyring is locked"):
            store.save(imported(exports, "staff"), operator="dpo")
    assert store.current_version() == version
    loaded = store.load()
    assert loaded is not None and loaded.version == version


def test_current_version_changes_are_seen_by_a_poller(
    store: RosterStore, exports: dict[str, Path], secrets: KeyringSecretStore
) -> None:
    """What the running server does: poll the cheap pointer, reload when it moves."""
    server_side = RosterStore(store.root, secrets)
    store.save(imported(exports), operator="dpo")
    seen = server_side.current_version()
    new = store.save(imported(exports, "staff"), operator="dpo")
    assert server_side.current_version() != seen
    loaded = server_side.load()
    assert loaded is not None and loaded.version == new


def test_manifest_names_nobody(store: RosterStore, exports: dict[str, Path]) -> None:
    store.save(imported(exports), operator="dpo")
    manifest = json.loads(store.manifest_path.read_text())
    (entry,) = manifest["versions"]
    assert set(entry) == {"version", "saved_at", "imported_at", "expires", "counts", "operator"}


def test_each_data_directory_has_its_own_key(
    secrets, exports: dict[str, Path], tmp_path: Path
) -> None:
    school_a = RosterStore(tmp_path / "a" / "roster", secrets)
    school_b = RosterStore(tmp_path / "b" / "roster", secrets)
    try:
        school_a.save(imported(exports), operator="dpo")
        school_b.save(imported(exports), operator="dpo")
        assert school_a.key_name != school_b.key_name
        secrets.delete(school_a.key_name)  # one school's purge…
        assert school_b.load() is not None  # …leaves the other's roster readable
        # The id survives the directory being moved: it is in the store, not in its path.
        moved = tmp_path / "moved"
        (tmp_path / "b").rename(moved)
        assert RosterStore(moved / "roster", secrets).load() is not None
    finally:
        secrets.delete(school_b.key_name)
