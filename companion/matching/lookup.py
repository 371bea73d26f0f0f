"""Which roster people carry a given folded name form: the tables the matchers share."""

from __future__ import annotations

from dataclasses import dataclass

from companion.matching.postings import Postings
from companion.roster.model import Person
from companion.roster.people_table import PeopleTable

_NOBODY: frozenset[int] = frozenset()


@dataclass(frozen=True, slots=True)
class NameLookup:
    """People are numbered by their position in ``people``; sets of numbers intersect fast."""

    people: PeopleTable
    forenames: Postings  # own forenames and their nicknames
    own_forenames: Postings  # legal, preferred and known-as forenames only
    surnames: Postings

    def with_forename(self, form: str) -> frozenset[int]:
        return self.forenames.get(form, _NOBODY)

    def with_own_forename(self, form: str) -> frozenset[int]:
        return self.own_forenames.get(form, _NOBODY)

    def with_surname(self, form: str) -> frozenset[int]:
        return self.surnames.get(form, _NOBODY)

    def people_at(self, numbers: frozenset[int] | set[int]) -> list[Person]:
        return [self.people[n] for n in sorted(numbers)]
