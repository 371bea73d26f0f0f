"""The import's diff, as the DPO reads it: who was added, removed, changed or left alone in each
role, and how many of each role the new roster lost altogether (what the shrink guard weighs).

It compares the people's tables (the rows the checks read), so it is held here to the plain
reading of that: people matched by key; a different role is one removed and one added; a
different anything else is one changed."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date

import pytest

from companion.roster.diff import Fingerprints, diff_rosters, diff_tables, shrinkage
from companion.roster.model import Person, Role, Roster
from companion.roster.people_table import PeopleTable

ROLES = list(Role)


def expected(old: list[Person], new: list[Person]) -> dict[str, tuple[int, ...]]:
    """Per role: added, removed, changed, unchanged, lost, by the plain reading."""
    before = {p.key: p for p in old}
    after = {p.key: p for p in new}
    counts = {}
    for role in ROLES:
        added = sum(
            p.role is role and (p.key not in before or before[p.key].role is not role) for p in new
        )
        removed = sum(
            p.role is role and (p.key not in after or after[p.key].role is not role) for p in old
        )
        changed = sum(
            p.role is role and p.key in before and before[p.key].role is role and before[p.key] != p
            for p in new
        )
        unchanged = sum(p.role is role and before.get(p.key) == p for p in new)
        lost = sum(p.role is role and p.key not in after for p in old)
        counts[role.value] = (added, removed, changed, unchanged, lost)
    return counts


def found(old: list[Person] | None, new: list[Person]) -> dict[str, tuple[int, ...]]:
    diff = diff_rosters(
        Roster(people=tuple(old), version="old") if old is not None else None,
        Roster(people=tuple(new), version="new"),
    )
    return {
        role: (c.added, c.removed, c.changed, c.unchanged, diff.lost[role])
        for role, c in diff.roles.items()
    }


def person(rng: random.Random, key: str) -> Person:
    return Person(
        key,
        rng.choice(ROLES),
        rng.choice(["Ann", "Zoë", "Łukasz", "Declan"]),
        rng.choice(["Smith", "O'Neill", "Brennan-Hughes"]),
        preferred_forename=rng.choice([None, "", "Annie"]),
        preferred_surname=rng.choice([None, "Jones"]),
        known_as=rng.choice([(), ("AJ",), ("AJ", "Nan")]),
        relationship=rng.choice([None, "parent", "carer"]),
        pupil_keys=rng.choice([(), ("p-1",), ("p-1", "p-2")]),
        legal_leaving_date=rng.choice([None, date(2031, 6, 30)]),
        title=rng.choice([None, "Mrs", ""]),
    )


def edited(rng: random.Random, p: Person) -> Person:
    """``p`` with one thing about them different (or none, a third of the time)."""
    field, value = rng.choice(
        [
            ("role", rng.choice(ROLES)),
            ("forename", p.forename + "e"),
            ("preferred_forename", None if p.preferred_forename else "Nan"),
            ("known_as", (*p.known_as, "Bee")),
            ("pupil_keys", (*p.pupil_keys, "p-9")),
            ("legal_leaving_date", None if p.legal_leaving_date else date(2030, 1, 1)),
            ("title", None if p.title else "Dr"),
            ("relationship", None if p.relationship else "other"),
        ]
    )
    return replace(p, **{field: value}) if rng.random() < 0.66 else p


@pytest.mark.parametrize("seed", range(6))
def test_counts_are_the_plain_reading_on_random_rosters(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(300):
        pool = [person(rng, f"k-{n}") for n in range(rng.randint(0, 30))]
        old = rng.sample(pool, rng.randint(0, len(pool)))
        new = [edited(rng, p) for p in rng.sample(pool, rng.randint(0, len(pool)))]
        assert found(old, new) == expected(old, new)


def test_a_first_import_adds_everyone() -> None:
    rng = random.Random(7)
    new = [person(rng, f"k-{n}") for n in range(40)]
    assert found(None, new) == expected([], new)


def test_names_are_listed_only_when_asked_and_from_the_right_roster() -> None:
    ann = Person("p-1", Role.PUPIL, "Ann", "Smith")
    bob = Person("p-2", Role.PUPIL, "Bob", "Jones")
    cat = Person("p-3", Role.PUPIL, "Cat", "Brown")
    old = Roster(people=(ann, bob, cat), version="old")
    new = Roster(
        people=(
            replace(ann, preferred_forename="Annie"),  # changed
            replace(bob, role=Role.EX_PUPIL),  # left: removed from pupils, added to ex-pupils
            Person("p-4", Role.PUPIL, "Dan", "Green"),  # new
        ),
        version="new",
    )  # Cat is gone altogether
    assert diff_rosters(old, new).names == {}
    assert diff_rosters(old, new, show_names=True).names == {
        "pupil": {
            "added": ["Dan Green"],
            "removed": ["Bob Jones", "Cat Brown"],
            "changed": ["Ann Smith"],
        },
        "ex-pupil": {"added": ["Bob Jones"]},
    }
    assert diff_rosters(old, new).lost == {"pupil": 1, "ex-pupil": 0, "contact": 0, "staff": 0}


def test_the_guard_weighs_only_who_is_gone_altogether() -> None:
    pupils = [Person(f"p-{n}", Role.PUPIL, "Ann", f"Smith{n}") for n in range(10)]
    left = [replace(p, role=Role.EX_PUPIL) for p in pupils[:8]] + pupils[8:]
    assert shrinkage(diff_rosters(Roster(tuple(pupils)), Roster(tuple(left)))) == []
    (shrink,) = shrinkage(diff_rosters(Roster(tuple(pupils)), Roster(tuple(pupils[:6]))))
    assert (shrink.role, shrink.before, shrink.removed) == ("pupil", 10, 4)


def test_the_new_keys_given_are_the_table_s_own() -> None:
    """The import passes the new people's keys as it holds them; the same answer either way."""
    rng = random.Random(3)
    pool = [person(rng, f"k-{n}") for n in range(50)]
    old, new = pool[:35], [edited(rng, p) for p in pool[15:]]
    before = Fingerprints.of(PeopleTable.of(old))
    table = PeopleTable.of(new)
    own = diff_tables(before, table)
    given = diff_tables(before, table, new_keys=iter([p.key for p in new]))
    assert own == given and own.roles == diff_rosters(Roster(tuple(old)), Roster(tuple(new))).roles


def test_names_cannot_be_listed_from_fingerprints_without_their_people() -> None:
    ann = Person("p-1", Role.PUPIL, "Ann", "Smith")
    before = Fingerprints.of(PeopleTable.of([ann]))
    with pytest.raises(ValueError, match="not kept"):
        diff_tables(before, PeopleTable.of([]), show_names=True)
