"""What the checks need to know about people, and nothing more (docs/roster.md).

No addresses, phone numbers, identifiers from the MIS beyond an opaque key, nor full dates of
birth: a pupil keeps only the date they may legally leave full-time education.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from operator import attrgetter
from typing import Protocol, runtime_checkable


class Role(StrEnum):
    PUPIL = "pupil"
    EX_PUPIL = "ex-pupil"
    CONTACT = "contact"
    STAFF = "staff"


# Not frozen: a frozen dataclass sets each of its 11 fields through object.__setattr__ as it is
# made, 1.15 us a person against 0.25: a third of a second of a trust's import (400,000 people).
# Nothing changes a person once made; dataclasses.replace makes another. (Unhashable, as a
# mutable dataclass is: no code puts people in sets or uses them as keys.)
@dataclass(slots=True)
class Person:
    """One person on the roster.

    ``key`` is an opaque stable key (never the MIS id itself), used to diff versions and to link
    contacts to pupils. ``pupil_keys`` links a contact to the pupils they are a contact of.
    ``relationship`` is a category (parent, carer, grandparent, relative, family-friend, other).
    ``legal_leaving_date`` is the date a (former) pupil may legally leave full-time education.
    """

    key: str
    role: Role
    forename: str
    surname: str
    preferred_forename: str | None = None
    preferred_surname: str | None = None
    known_as: tuple[str, ...] = ()
    relationship: str | None = None
    pupil_keys: tuple[str, ...] = ()
    legal_leaving_date: date | None = None
    title: str | None = None

    def forenames(self) -> tuple[str, ...]:
        names = [self.forename, self.preferred_forename, *self.known_as]
        return tuple(dict.fromkeys(n for n in names if n))

    def surnames(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(n for n in (self.surname, self.preferred_surname) if n))


# How "Leaving Date" columns were read when a roster was imported. Reading 1 (before November
# 2026) took the canonical ``leaving_date`` and Arbor's "Leaving Date" for the day a child may
# legally leave education, so ex-pupils who are still children could be judged adults. Reading 2
# takes them for the day the pupil left the school. A roster stored under reading 1 must be
# imported again: doctor, health and the import diff say so.
LEAVING_DATES_READING = 2


@runtime_checkable
class CountsRoles(Protocol):
    """People kept packed (``PeopleTable``): counted by role without making each person."""

    def role_counts(self) -> dict[Role, int]: ...


@dataclass(frozen=True, slots=True)
class Roster:
    """``people``: a tuple, or (an import's, as it is saved) a ``PeopleTable`` that makes each
    person as they are read."""

    people: Sequence[Person]
    imported_at: str = ""
    expires: date | None = None
    source: str = "import"
    version: str = field(default="")
    leaving_dates_reading: int = LEAVING_DATES_READING

    @property
    def needs_reimport(self) -> bool:
        """Imported under the old, unsafe reading of leaving dates (see LEAVING_DATES_READING)."""
        return self.source == "import" and self.leaving_dates_reading < LEAVING_DATES_READING

    def __post_init__(self) -> None:
        if not self.version:
            object.__setattr__(self, "version", content_version(self.people))

    def counts(self) -> dict[str, int]:
        if isinstance(self.people, CountsRoles):
            by_role = self.people.role_counts()
            return {role.value: by_role.get(role, 0) for role in Role}
        counted = Counter(p.role.value for p in self.people)
        return {role.value: counted.get(role.value, 0) for role in Role}

    def is_stale(self, today: date | None = None) -> bool:
        return self.expires is not None and (today or date.today()) > self.expires


def content_version(people: Sequence[Person]) -> str:
    """A short hash of the roster's content: equal rosters have equal versions."""
    digest = hashlib.sha256()
    # In (role, key) order: each role's people sorted by key (a stable sort, as one sort by
    # (role, key) would be), so no key of a pair is made for each of 400,000 people.
    by_role: dict[Role, list[Person]] = {}
    for person in people:
        by_role.setdefault(person.role, []).append(person)
    for role in sorted(by_role):
        for person in sorted(by_role[role], key=_KEY):
            digest.update(person_repr(person).encode("utf-8"))
            digest.update(b"\0")
    return digest.hexdigest()[:12]


_KEY = attrgetter("key")


_ROLE_REPRS = {role: repr(role) for role in Role}


def person_repr(p: Person) -> str:
    """``repr(p)``, character for character, in a fraction of the time (the dataclass repr and
    the enum's are Python code): a 400,000-person roster's version is hashed from these."""
    if type(p) is not Person or type(p.role) is not Role:
        return repr(p)
    return (
        f"Person(key={p.key!r}, role={_ROLE_REPRS[p.role]}, forename={p.forename!r}, "
        f"surname={p.surname!r}, preferred_forename={p.preferred_forename!r}, "
        f"preferred_surname={p.preferred_surname!r}, known_as={p.known_as!r}, "
        f"relationship={p.relationship!r}, pupil_keys={p.pupil_keys!r}, "
        f"legal_leaving_date={p.legal_leaving_date!r}, title={p.title!r})"
    )


EMPTY_ROSTER = Roster(people=(), source="empty")
