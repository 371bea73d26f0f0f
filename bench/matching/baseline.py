"""The naive baseline: a case-insensitive deny-list of roster names, whole words only.

What a school would get from a keyword filter: each full name ("josh smith") and each pupil's
first name, lower-cased, found with the same Aho-Corasick library on lower-cased text.
"""

from __future__ import annotations

import ahocorasick

from companion.roster.model import Role, Roster


class DenyList:
    def __init__(self, roster: Roster) -> None:
        self._automaton = ahocorasick.Automaton()
        entries: dict[str, set[tuple[str, Role]]] = {}
        for person in roster.people:
            for fore in person.forenames():
                if person.role == Role.PUPIL:
                    entries.setdefault(fore.lower(), set()).add(("first", person.role))
                for sur in person.surnames():
                    entries.setdefault(f"{fore} {sur}".lower(), set()).add(("full", person.role))
        for key, value in entries.items():
            self._automaton.add_word(key, (key, frozenset(value)))
        self._automaton.make_automaton()

    def find(self, text: str) -> list[tuple[int, int, frozenset[tuple[str, Role]]]]:
        lowered = text.lower()
        found = []
        for last, (key, kinds) in self._automaton.iter(lowered):
            start, end = last + 1 - len(key), last + 1
            if (start == 0 or not lowered[start - 1].isalnum()) and (
                end == len(lowered) or not lowered[end].isalnum()
            ):
                found.append((start, end, kinds))
        return found

    def severity(self, text: str) -> tuple[str, list[tuple[int, int]]]:
        """Same severities as the product: full pupil/family name block, pupil first name warn."""
        worst, spans = "allow", []
        for start, end, kinds in self.find(text):
            for kind, role in kinds:
                if kind == "full" and role in (Role.PUPIL, Role.CONTACT):
                    worst = "block"
                    spans.append((start, end))
                elif worst == "allow" and (kind == "first" or role == Role.STAFF):
                    worst = "warn"
                    spans.append((start, end))
                elif kind == "first" or role == Role.STAFF:
                    spans.append((start, end))
        return worst, spans

    def contact_role(self, name: str) -> set[Role]:
        return {
            role
            for _, _, kinds in self.find(name)
            for kind, role in kinds
            if kind == "full" and len(name.strip()) > 0
        }
