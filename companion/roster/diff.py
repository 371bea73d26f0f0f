"""What an import changes: counts added, removed and changed per role; names only on request.

People are matched by their opaque key, so a renamed pupil is "changed" and a pupil who left is
one fewer pupil and one more ex-pupil.
"""

from __future__ import annotations

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
    """Old vs new by role. ``show_names`` adds who, for the DPO's own terminal only."""
    before = _by_role(old)
    after = _by_role(new)
    roles: dict[str, RoleChange] = {}
    names: dict[str, dict[str, list[str]]] = {}
    for role in Role:
        a, b = before.get(role, {}), after.get(role, {})
        # Counted in one pass each, no sets of keys: a trust's roster is 400,000 people.
        added = [p for k, p in b.items() if k not in a]
        removed = [p for k, p in a.items() if k not in b]
        changed = [p for k, p in b.items() if k in a and a[k] != p]
        unchanged = len(b) - len(added) - len(changed)
        roles[role.value] = RoleChange(len(added), len(removed), len(changed), unchanged)
        if show_names and (added or removed or changed):
            listed = {"added": added, "removed": removed, "changed": changed}
            names[role.value] = {
                what: sorted(display_name(p) for p in people)
                for what, people in listed.items()
                if people
            }
        del added, removed, changed
    return RosterDiff(roles=roles, names=names)


def _by_role(roster: Roster | None) -> dict[Role, dict[str, Person]]:
    grouped: dict[Role, dict[str, Person]] = {}
    for person in roster.people if roster else ():
        grouped.setdefault(person.role, {})[person.key] = person
    return grouped


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


def shrinkage(old: Roster | None, new: Roster, max_share: float = MAX_SHRINK_SHARE) -> list[Shrink]:
    """Kinds of people the new roster would lose too many of; a pupil who left is not lost."""
    if old is None:
        return []
    kept = {p.key for p in new.people}
    found = []
    for role in GUARDED_ROLES:
        before = [p.key for p in old.people if p.role is role]
        removed = sum(key not in kept for key in before)
        if before and removed and removed / len(before) > max_share:
            found.append(Shrink(role.value, len(before), removed))
    return found
