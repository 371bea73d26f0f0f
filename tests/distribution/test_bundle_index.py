"""A bundle carries the roster's compiled name index: a staff machine starts with it, never
building it, and it is sealed, signed and checked like the rest of the bundle."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from companion.cli.bundle_cmds import bundle_command
from companion.distribution import roster_payload
from companion.engine import snapshot_store
from companion.engine.snapshot import Snapshot
from companion.engine.snapshot_store import compiled_index, load_snapshot
from companion.roster.codec import decode_roster
from tests.distribution.conftest import Machine, make_roster
from tests.distribution.test_roundtrip_directory import set_up_staff

ROSTER = make_roster(("Tobias", "Quennell"), ("Ffion", "Arkwright"), ("Zoë", "Brennan-Hughes"))


def index_files(machine: Machine) -> list[Path]:
    return sorted(machine.store().versions_dir.glob("v-*.pgi"))


def test_a_pulled_roster_starts_from_the_bundle_s_index(
    dpo: Machine, keys: Path, share: Path, machine, monkeypatch: pytest.MonkeyPatch
) -> None:
    dpo.store().save(ROSTER, "dpo", index=compiled_index)
    dpo.bundle(share / "roster.pgbundle")
    pulled = machine("staff")
    code, _, err = set_up_staff(pulled, share, keys)
    assert code == 0, err
    store = pulled.store()
    version = store.current_version()
    assert [p.name for p in index_files(pulled)] == [f"v-{version}.pgi"]

    def no_building(roster: object) -> Snapshot:
        raise AssertionError("the index was built, not loaded")

    monkeypatch.setattr(snapshot_store.Snapshot, "build", no_building)
    loaded = load_snapshot(store)
    assert loaded is not None and loaded.roster.version == version
    assert loaded.roster.people == len(ROSTER.people)
    monkeypatch.undo()
    fresh = Snapshot.build(store.load())
    for text in ("Well done Tobias Quennell!", "zoe brennan hughes won", "Ffion Arkwright"):
        assert loaded.names.find(text) == fresh.names.find(text)
        assert loaded.names.find(text)
    assert list(loaded.names.people) == list(fresh.names.people)


def test_a_bundle_without_an_index_still_installs_and_the_index_is_built(
    dpo: Machine, keys: Path, share: Path, machine
) -> None:
    # The dpo fixture's roster was saved as stores were before (no index beside it).
    dpo.bundle(share / "roster.pgbundle")
    pulled = machine("staff")
    code, _, err = set_up_staff(pulled, share, keys)
    assert code == 0, err
    assert index_files(pulled) == []
    assert load_snapshot(pulled.store()) is not None
    assert len(index_files(pulled)) == 1


def test_the_payload_still_opens_in_a_postguard_that_knows_no_index() -> None:
    index = bytes(compiled_index(ROSTER))
    payload = roster_payload.encode(ROSTER, index)
    assert decode_roster(payload) == ROSTER  # what older companions do with the payload
    assert roster_payload.carried_index(payload) == index
    assert roster_payload.carried_index(roster_payload.encode(ROSTER)) is None


def test_a_bundle_is_written_whole_for_staff_machines_to_read_and_never_makes_its_folder(
    dpo: Machine, share: Path, tmp_path: Path
) -> None:
    dpo.store().save(ROSTER, "dpo", index=compiled_index)
    out = share / "roster.pgbundle"
    dpo.bundle(out)
    assert stat.S_IMODE(out.stat().st_mode) == 0o644
    assert [p.name for p in share.iterdir() if p.name.startswith(".")] == []  # no temp left
    missing = tmp_path / "no-such-share" / "roster.pgbundle"
    code, text = dpo.call(bundle_command, out=str(missing), json=True)
    assert code != 0 and "no such folder" in text
    assert not missing.parent.exists()
