"""What an import changes: counts added, removed and changed per role; names only on request.

People are matched by their opaque key, so a renamed pupil is "changed" and a pupil who left is
one fewer pupil and one more ex-pupil.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from companion.roster.model import Person, Role, Roster


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


def diff_rosters(old: Roster | None, new: Roster, *, show_names: bool = False) -> RosterDiff:
    """Old vs new by role. ``show_names`` adds who, for the DPO's own terminal only.

    A person whose role changed (a pupil who left) is one removed from the old role and one
    added to the new. One pass over each roster and one table of the old people's keys: a
    trust's roster is 400,000 people, and a first import has no old people to look up."""
    before = {p.key: p for p in old.people} if old else {}
    added: dict[Role, list[Person]] = {role: [] for role in Role}
    changed: dict[Role, list[Person]] = {role: [] for role in Role}
    removed: dict[Role, list[Person]] = {role: [] for role in Role}
    counted = Counter(p.role for p in new.people)
    lost: Counter[Role] = Counter()
    if before:
        for person in new.people:
            was = before.pop(person.key, None)
            if was is None:
                added[person.role].append(person)
            elif was.role is not person.role:
                added[person.role].append(person)
                removed[was.role].append(was)
            elif was != person:
                changed[person.role].append(person)
        for was in before.values():  # what is left was not in the new roster
            removed[was.role].append(was)
            lost[was.role] += 1
    else:
        for person in new.people:
            added[person.role].append(person)
    del before
    roles: dict[str, RoleChange] = {}
    names: dict[str, dict[str, list[str]]] = {}
    for role in Role:
        plus, minus, edited = added[role], removed[role], changed[role]
        unchanged = counted[role] - len(plus) - len(edited)
        roles[role.value] = RoleChange(len(plus), len(minus), len(edited), unchanged)
        if show_names and (plus or minus or edited):
            listed = {"added": plus, "removed": minus, "changed": edited}
            names[role.value] = {
                what: sorted(display_name(p) for p in people)
                for what, people in listed.items()
                if people
            }
    return RosterDiff(
        roles=roles,
        names=names,
        lost={role.value: lost[role] for role in Role},
    )


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
