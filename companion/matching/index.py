"""Name index built once per roster version.

Placeholder: exact, case-insensitive, whole-word matching of forenames and full names.
The matching-engine issue replaces the internals; the interface (``build``, ``find``,
``match_contact``, ``NameMention``) is what rules depend on.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from companion.roster.model import Person, Role, Roster

_WORD = regex.compile(r"[\p{L}\p{M}'’-]+")


@dataclass(frozen=True, slots=True)
class NameMention:
    """A roster name found in text; ``start``/``end`` are code points in the original text."""

    start: int
    end: int
    kind: str  # "full" (forename + surname) or "first" (a forename alone)
    roles: frozenset[Role]
    person_keys: tuple[str, ...]
    form: str = "exact"


class NameIndex:
    def __init__(self, roster: Roster) -> None:
        self._first: dict[str, list[Person]] = {}
        self._full: dict[tuple[str, str], list[Person]] = {}
        self._people = {p.key: p for p in roster.people}
        for person in roster.people:
            for fore in person.forenames():
                self._first.setdefault(fore.casefold(), []).append(person)
                for sur in person.surnames():
                    self._full.setdefault((fore.casefold(), sur.casefold()), []).append(person)

    @classmethod
    def build(cls, roster: Roster) -> NameIndex:
        return cls(roster)

    def person(self, key: str) -> Person | None:
        return self._people.get(key)

    def find(self, text: str) -> list[NameMention]:
        words = [(m.start(), m.end(), m.group().casefold()) for m in _WORD.finditer(text)]
        found: list[NameMention] = []
        i = 0
        while i < len(words):
            start, end, word = words[i]
            if i + 1 < len(words) and (word, words[i + 1][2]) in self._full:
                people = self._full[(word, words[i + 1][2])]
                found.append(_mention(start, words[i + 1][1], "full", people))
                i += 2
                continue
            if word in self._first:
                found.append(_mention(start, end, "first", self._first[word]))
            i += 1
        return found

    def match_contact(self, name: str, handle: str | None = None) -> list[Person]:
        """People whose full name appears in a contact's display name."""
        return [p for m in self.find(name) if m.kind == "full" for p in _people(self, m)]


def _mention(start: int, end: int, kind: str, people: list[Person]) -> NameMention:
    return NameMention(
        start=start,
        end=end,
        kind=kind,
        roles=frozenset(p.role for p in people),
        person_keys=tuple(p.key for p in people),
    )


def _people(index: NameIndex, mention: NameMention) -> list[Person]:
    return [p for k in mention.person_keys if (p := index.person(k)) is not None]
