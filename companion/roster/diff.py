"""What an import changes: counts added, removed and changed per role; names only on request.

People are matched by their opaque key, so a renamed pupil is "changed" and a pupil who left is
one fewer pupil and one more ex-pupil.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import compress, repeat
from operator import and_, eq, not_

from companion.roster.model import Person, Role, Roster
from companion.roster.people_table import ROLES, PeopleTable, split_keys


@dataclass(frozen=True, slots=True)
class RoleChange:
    added: int = 0
    removed: int = 0
    changed: int = 0
    unchanged: int = 0


@dataclass(frozen=True, slots=True)
class RosterDiff:
    roles: dict[str, RoleChange]
    names: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # role -> what -> names
    # Per role: how many of the old roster's the new one holds in no role at all (a pupil who
    # left is an ex-pupil, not lost): what the shrink guard weighs.
    lost: dict[str, int] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not any(c.added or c.removed or c.changed for c in self.roles.values())

    def to_json(self) -> dict[str, object]:
        result: dict[str, object] = {
            role: {"added": c.added, "removed": c.removed, "changed": c.changed}
            for role, c in self.roles.items()
        }
        return {"by_role": result, **({"names": self.names} if self.names else {})}

    def lines(self) -> list[str]:
        lines = []
        for role, c in self.roles.items():
            lines.append(
                f"{role:>9}: +{c.added} added, -{c.removed} removed, ~{c.changed} changed,"
                f" {c.unchanged} unchanged"
            )
            for what, names in self.names.get(role, {}).items():
                lines.extend(f"{'':>11}{what[0]} {name}" for name in names)
        return lines


def display_name(person: Person) -> str:
    return f"{person.forename} {person.surname}"


@dataclass(frozen=True, slots=True)
class Fingerprints:
    """Who was on a roster, and a digest of each one's row (all the checks know of them): what
    a diff needs of the roster in force, 13 MB for a trust's 400,000 people where their rows
    take 50. The digests are Python's own hashes, which differ from process to process: they
    are compared in the process that made them. ``people``: kept to list who changes."""

    roles: bytes
    keys: str
    key_ends: array
    digests: array
    people: PeopleTable | None

    @classmethod
    def of(cls, table: PeopleTable, *, keep_people: bool = False) -> Fingerprints:
        roles, keys, key_ends, _, _ = table.state()
        digests = table.row_digests()
        return cls(roles, keys, key_ends, digests, table if keep_people else None)


def diff_rosters(old: Roster | None, new: Roster, *, show_names: bool = False) -> RosterDiff:
    """Old vs new by role. ``show_names`` adds who, for the DPO's own terminal only."""
    before = Fingerprints.of(PeopleTable.of(old.people), keep_people=show_names) if old else None
    return diff_tables(
        before,
        PeopleTable.of(new.people),
        show_names=show_names,
        new_keys=[p.key for p in new.people],
    )


def diff_tables(
    old: Fingerprints | None,
    new: PeopleTable,
    *,
    show_names: bool = False,
    new_keys: Iterable[str] | None = None,
) -> RosterDiff:
    """``diff_rosters`` of the people as the checks hold them: a person is changed when
    anything the checks know of them is (their row in the table), and matched by their key
    across roles, so a pupil who left is one removed from pupils and one added to ex-pupils.

    One pass over each roster and one table of the new people's keys: a trust's roster is
    400,000 people, and a first import has no old people to look up. ``new_keys``: the new
    people's keys in table order, as the caller already holds them (the table's own are cut
    from one string: 28 MB of new strings at a trust's size)."""
    if show_names and old is not None and old.people is None:
        raise ValueError("the old people were not kept: their names cannot be listed")
    new_roles = new.state()[0]
    added, changed, removed = _numbers(), _numbers(), _numbers()
    lost = [0] * len(ROLES)
    if old is None:
        for number, code in enumerate(new_roles):
            added[code].append(number)
    else:
        total = len(new)
        keys = new.keys() if new_keys is None else new_keys
        where = dict(zip(keys, range(total), strict=True))
        # In C, not a Python loop over 400,000 people: each old person's number in the new
        # roster (``total``: not in it), and whether their role and row are the same there.
        ats = array("I", map(where.pop, split_keys(old.keys, old.key_ends), repeat(total)))
        digests = array("q", new.row_digests())
        digests.append(0)  # and ``total``'s role is no role, so it is never the same
        same = map(
            and_,
            map(eq, map((new_roles + b"\xff").__getitem__, ats), old.roles),
            map(eq, map(digests.__getitem__, ats), old.digests),
        )
        del digests
        for number in compress(range(len(ats)), map(not_, same)):
            at, code = ats[number], old.roles[number]
            if at == total:  # in no role of the new roster
                removed[code].append(number)
                lost[code] += 1
            elif new_roles[at] != code:
                removed[code].append(number)
                added[new_roles[at]].append(at)
            else:
                changed[code].append(at)
        for at in where.values():  # what is left was not in the old roster
            added[new_roles[at]].append(at)
        del where
    counted = Counter(new_roles)
    roles: dict[str, RoleChange] = {}
    names: dict[str, dict[str, list[str]]] = {}
    for code, role in enumerate(ROLES):
        plus, minus, edited = added[code], removed[code], changed[code]
        unchanged = counted[code] - len(plus) - len(edited)
        roles[role.value] = RoleChange(len(plus), len(minus), len(edited), unchanged)
        if show_names and (plus or minus or edited):
            listed = {
                "added": (new, plus),
                "removed": (old.people if old is not None else new, minus),
                "changed": (new, edited),
            }
            names[role.value] = {
                what: sorted(display_name(table[n]) for n in numbers)
                for what, (table, numbers) in listed.items()
                if numbers
            }
    return RosterDiff(
        roles=roles,
        names=names,
        lost={role.value: lost[code] for code, role in enumerate(ROLES)},
    )


def _numbers() -> list[array]:
    return [array("I") for _ in ROLES]


# An import that takes away more than this share of any kind of person at once is more likely a
# partial or wrong export than a real change; the DPO must say so with --allow-shrink.
MAX_SHRINK_SHARE = 0.30
GUARDED_ROLES = (Role.PUPIL, Role.CONTACT, Role.STAFF)


@dataclass(frozen=True, slots=True)
class Shrink:
    role: str
    before: int
    removed: int

    def describe(self) -> str:
        plural = {"pupil": "pupils", "contact": "contacts", "staff": "staff"}[self.role]
        return f"{self.removed} of {self.before} {plural} ({100 * self.removed // self.before}%)"


def shrinkage(diff: RosterDiff, max_share: float = MAX_SHRINK_SHARE) -> list[Shrink]:
    """Kinds of people the new roster would lose too many of (``diff``: old against new); a
    pupil who left is not lost."""
    found = []
    for role in GUARDED_ROLES:
        change = diff.roles[role.value]
        before = change.unchanged + change.changed + change.removed  # the old roster's
        lost = diff.lost.get(role.value, 0)
        if before and lost and lost / before > max_share:
            found.append(Shrink(role.value, before, lost))
    return found
