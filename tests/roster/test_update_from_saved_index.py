"""A term's update reads the roster in force from the name index saved beside it (its people's
table: 0.2 s for a trust's 400,000 people, where decoding the roster takes 0.9 s). What the DPO
sees must not depend on it: the same diff, the same people carried over, the same refusal, with
the index or without it (missing, damaged, or another version's), and a refused import still
writes nothing at all."""

from __future__ import annotations

from pathlib import Path

import pytest

from companion.engine.snapshot_store import compiled_index, roster_in_force
from companion.roster.importing import import_files
from companion.roster.in_force import RosterInForce
from companion.roster.model import Role
from companion.roster.store import RosterStore
from tests.roster.cli_run import imported, real_store, run
from tests.roster.samples import (
    CONTACT_HEADER,
    CONTACTS,
    PUPIL_HEADER,
    PUPILS,
    csv_bytes,
    term_pupils,
)

EVERYONE = tuple(Role)


def index_file(store: RosterStore) -> Path:
    return store.versions_dir / f"v-{store.current_version()}.pgi"


def same(one: RosterInForce | None, other: RosterInForce | None) -> None:
    assert one is not None and other is not None
    assert one.people_with(EVERYONE) == other.people_with(EVERYONE)
    assert (one.version, one.expires, one.leaving_dates_reading, one.needs_reimport) == (
        other.version,
        other.expires,
        other.leaving_dates_reading,
        other.needs_reimport,
    )


def test_the_roster_in_force_from_its_index_is_the_roster(
    store: RosterStore, exports: dict[str, Path]
) -> None:
    roster = import_files(exports.values()).roster
    store.save(roster, operator="dpo", index=compiled_index)
    from_roster = RosterInForce.of_roster(store.load())  # type: ignore[arg-type]
    assert {p.key: p for p in from_roster.people_with(EVERYONE)} == {
        p.key: p for p in roster.people
    }
    in_force = roster_in_force(store)
    same(in_force, from_roster)
    assert in_force is not None
    assert in_force.people.who().keys_with([Role.STAFF]) == {
        p.key for p in roster.people if p.role is Role.STAFF
    }
    assert in_force.people_with([Role.STAFF]) and not in_force.people_with([])

    saved = index_file(store).read_bytes()
    index_file(store).unlink()  # no index: the roster itself is read
    same(roster_in_force(store), from_roster)
    damaged = bytearray(saved)
    damaged[len(damaged) // 2] ^= 1  # fails authentication: never half-trusted
    index_file(store).write_bytes(bytes(damaged))
    same(roster_in_force(store), from_roster)


def test_an_update_reports_and_carries_over_the_same_without_the_index(
    exports: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert imported(list(exports.values()), capsys)["ok"]
    store = real_store()
    staff = [p for p in store.load().people if p.role is Role.STAFF]  # type: ignore[union-attr]
    term = [term_pupils(tmp_path, gone=1, new=1)]
    with_index = imported(term, capsys, "--dry-run")
    saved = index_file(store).read_bytes()
    index_file(store).unlink()
    without = imported(term, capsys, "--dry-run")
    assert with_index["changes"] == without["changes"]
    assert with_index["changes"]["by_role"]["pupil"] == {"added": 1, "removed": 1, "changed": 1}
    assert with_index["carried_over"] == without["carried_over"] == ["contacts", "staff"]

    index_file(store).write_bytes(saved)
    done = imported(term, capsys, "--allow-shrink")  # one of three pupils gone
    assert done["changes"] == with_index["changes"] and done["version"]
    after = store.load()
    assert after is not None
    assert [p for p in after.people if p.role is Role.STAFF] == staff  # carried over as they were


def test_a_refused_update_writes_nothing(
    exports: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The guard reads the new people's table as the index is made, after the roster is
    sealed: nothing may reach the disk before it passes."""
    assert imported(list(exports.values()), capsys)["ok"]
    store = real_store()
    files = {p: p.read_bytes() for p in store.root.rglob("*") if p.is_file()}
    few = tmp_path / "few.csv"
    few.write_bytes(csv_bytes(PUPIL_HEADER, PUPILS[:1], "utf-8"))
    contacts = tmp_path / "contacts.csv"
    contacts.write_bytes(csv_bytes(CONTACT_HEADER, CONTACTS[:1], "utf-8"))
    code, out, err = run(["roster", "import", str(few), str(contacts)], capsys)
    assert code != 0 and "refused" in err
    assert "pupil:" in out  # the changes it would have made are still shown
    assert {p: p.read_bytes() for p in store.root.rglob("*") if p.is_file()} == files
