"""The compiled name index saved beside each roster version: what start-up loads instead of
building. Reloaded, it answers exactly as a freshly built one; a store without one (or with a
damaged one) still loads, by building it and saving it again."""

from __future__ import annotations

from pathlib import Path

from companion.checks import ContactRequest, PostRequest
from companion.engine.engine import Engine
from companion.engine.snapshot import Snapshot
from companion.engine.snapshot_store import compiled_index, load_snapshot, roster_in_force
from companion.roster.importing import import_files
from companion.roster.model import Roster
from companion.roster.sealing import seal
from companion.roster.store import RosterStore

POSTS = [
    "Well done Zoë Brennan-Hughes on a brilliant performance!",
    "So proud of zoe brennan hughes today #WellDoneZoeBrennanHughes",
    "Great to see Declan O'Neill and Declan Oneil at the match",
    "Lovely walk along the canal this morning, the leaves are turning already.",
    "Marguerite Brennan-Hughes picked up the trophy",
    "Brennan-Hughes won again",
]
CONTACTS = ["Marguerite Brennan-Hughes", "Declan O'Neill 💕", "Mrs M. Hughes", "Nobody Atall"]


def roster_of(exports: dict[str, Path]) -> Roster:
    return import_files([exports["pupils"], exports["contacts"], exports["staff"]]).roster


def answers(snapshot: Snapshot) -> list[object]:
    engine = Engine()
    engine.snapshot = snapshot
    found: list[object] = []
    for text in POSTS:
        verdict = engine.check_post(PostRequest(text=text, site="x"))
        found.append([(f.rule, f.start, f.end, f.severity, f.message) for f in verdict.findings])
        found.append(verdict.roster_version)
    for name in CONTACTS:
        verdict = engine.check_contact(ContactRequest(name=name))
        found.append([(f.rule, f.severity, f.message) for f in verdict.findings])
    return found


def index_file(store: RosterStore, version: str) -> Path:
    return store.versions_dir / f"v-{version}.pgi"


def test_a_saved_index_answers_as_one_built_fresh(
    store: RosterStore, exports: dict[str, Path]
) -> None:
    version = store.save(roster_of(exports), operator="dpo", index=compiled_index)
    assert index_file(store, version).exists()
    loaded = load_snapshot(store)
    stored = store.load()
    assert loaded is not None and stored is not None
    fresh = Snapshot.build(stored)
    assert answers(loaded) == answers(fresh)
    assert any(answers(loaded)[0])  # the posts do name roster people
    assert loaded.summary() == fresh.summary()
    assert list(loaded.names.people) == list(stored.people)


def test_an_old_store_without_an_index_loads_and_saves_one(
    store: RosterStore, exports: dict[str, Path]
) -> None:
    version = store.save(roster_of(exports), operator="dpo")  # as stores were before
    assert not index_file(store, version).exists()
    built = load_snapshot(store)
    assert built is not None and built.roster.version == version
    assert index_file(store, version).exists()
    again = load_snapshot(store)
    assert again is not None
    assert answers(again) == answers(built)


def test_a_damaged_index_is_rebuilt_never_used(
    store: RosterStore, exports: dict[str, Path]
) -> None:
    version = store.save(roster_of(exports), operator="dpo", index=compiled_index)
    path = index_file(store, version)
    good = load_snapshot(store)
    assert good is not None
    expected = answers(good)
    sealed = bytearray(path.read_bytes())
    sealed[-40] ^= 0xFF  # fails authentication
    path.write_bytes(bytes(sealed))
    rebuilt = load_snapshot(store)
    assert rebuilt is not None and answers(rebuilt) == expected
    assert load_snapshot(store) is not None and path.read_bytes() != bytes(sealed)
    # Authentic but not an index of this version (say, written by a faulty build).
    key = store.person_key_secret()
    label = f"{version}/name-index"
    for plaintext in (b"garbage", b'{"format":"postguard-snapshot/1"}\nxx', path.read_bytes()):
        path.write_bytes(seal(key, plaintext, label))
        again = load_snapshot(store)
        assert again is not None and answers(again) == expected
        assert path.read_bytes() != seal(key, plaintext, label)


def test_another_version_s_index_is_not_used(store: RosterStore, exports: dict[str, Path]) -> None:
    first = store.save(roster_of(exports), operator="dpo", index=compiled_index)
    second = store.save(
        import_files([exports["pupils"]], current=roster_in_force(store)).roster,
        operator="dpo",
        index=compiled_index,
    )
    index_file(store, second).write_bytes(index_file(store, first).read_bytes())
    loaded = load_snapshot(store)
    assert loaded is not None and loaded.roster.version == second


def test_pruned_versions_take_their_index_with_them(
    store: RosterStore, exports: dict[str, Path]
) -> None:
    roster = roster_of(exports)
    versions = [store.save(roster, operator="dpo", index=compiled_index) for _ in range(7)]
    kept = {p.stem.removeprefix("v-") for p in store.versions_dir.glob("v-*.pgi")}
    assert kept == set(versions[-store.keep :])
