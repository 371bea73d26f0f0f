"""The name index's compiled tables: built once per roster version, saved, loaded in one go.

Everything here is flat (a pickled pyahocorasick automaton storing integers, ``array`` columns,
one string of all name forms), so a 400,000-person index loads in a fraction of a second and
holds few Python objects. ``to_bytes`` is plaintext: callers seal it (``roster.store``) before it
touches a disk, and ``from_bytes`` checks the shape of what it reads, so a damaged copy is
refused (and rebuilt by the caller) rather than used.
"""

from __future__ import annotations

import io
import pickle
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import ahocorasick

from companion.matching.forms import name_variants, nickname_forms
from companion.matching.people import PeopleTable
from companion.matching.postings import Postings
from companion.roster.model import Person

FORMAT = "postguard-name-index/1"
FORE, SUR = 1, 2  # flags of a form: someone's forename (or its nickname), someone's surname
_FORMS_SEP = "\n"  # folded forms never hold a line break
_ALLOWED = {
    ("ahocorasick", "Automaton"),
    ("array", "array"),
    ("array", "_array_reconstructor"),
}


class IndexDataError(ValueError):
    """Saved index bytes that are not a whole index of this format."""


@dataclass(frozen=True, slots=True)
class IndexData:
    people: PeopleTable
    forms: tuple[str, ...]  # slot -> folded form
    names: Any  # ahocorasick.Automaton(STORE_INTS): form -> slot * 4 + flags
    fore: Postings  # own forenames and their nicknames
    own_fore: Postings  # legal, preferred and known-as forenames only
    sur: Postings

    @classmethod
    def build(cls, people: Iterable[Person], nicknames: dict[str, frozenset[str]]) -> IndexData:
        table = PeopleTable.of(people)
        own: dict[str, set[int]] = {}
        nick: dict[str, set[int]] = {}
        sur: dict[str, set[int]] = {}
        # Rosters repeat names a lot: work out each distinct name's forms once.
        variants: dict[str, frozenset[str]] = {}
        nicks: dict[frozenset[str], set[str]] = {}
        for number, person in enumerate(table):
            forms = frozenset().union(*(_cached(variants, f) for f in person.forenames()))
            for form in forms:
                own.setdefault(form, set()).add(number)
            if forms not in nicks:
                nicks[forms] = nickname_forms(set(forms), nicknames)
            for form in nicks[forms]:
                nick.setdefault(form, set()).add(number)
            for surname in person.surnames():
                for form in _cached(variants, surname):
                    sur.setdefault(form, set()).add(number)
        fore = {f: own.get(f, set()) | nick.get(f, set()) for f in own.keys() | nick.keys()}
        forms = tuple(sorted(fore.keys() | sur.keys()))
        slots = {form: slot for slot, form in enumerate(forms)}
        names = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        for slot, form in enumerate(forms):
            flags = (FORE if form in fore else 0) | (SUR if form in sur else 0)
            names.add_word(form, slot * 4 + flags)
        if forms:
            names.make_automaton()
        return cls(
            people=table,
            forms=forms,
            names=names,
            fore=Postings.of(slots, fore),
            own_fore=Postings.of(slots, own),
            sur=Postings.of(slots, sur),
        )

    def hits(self, text: str) -> Iterator[tuple[int, tuple[str, int]]]:
        """``(end_index, (form, flags))`` for every form that ends at ``end_index``."""
        if not self.forms or not text:
            return
        forms = self.forms
        for last, value in self.names.iter(text):
            yield last, (forms[value >> 2], value & 3)

    def to_bytes(self) -> bytes:
        state = (
            FORMAT,
            self.people.state(),
            _FORMS_SEP.join(self.forms),
            self.names,
            self.fore.state(),
            self.own_fore.state(),
            self.sur.state(),
        )
        return pickle.dumps(state, protocol=5)

    @classmethod
    def from_bytes(cls, data: bytes) -> IndexData:
        """The index ``to_bytes`` made; ``IndexDataError`` for anything else."""
        try:
            state = _Unpickler(io.BytesIO(data)).load()
            fmt, people, joined, names, fore, own, sur = state
            if fmt != FORMAT:
                raise IndexDataError(f"unknown name index format {fmt!r}")
            forms = tuple(joined.split(_FORMS_SEP)) if joined else ()
            slots = {form: slot for slot, form in enumerate(forms)}
            if len(slots) != len(forms):
                raise IndexDataError("the name index repeats a form")
            if not isinstance(names, ahocorasick.Automaton):
                raise IndexDataError("the name index has no automaton")
            if names.store != ahocorasick.STORE_INTS or len(names) != len(forms):
                raise IndexDataError("the name index automaton does not fit its forms")
            table = PeopleTable(*_arrays(people, (bytes, str, array, str, array)))
            postings = [Postings(slots, *_arrays(p, (array, array))) for p in (fore, own, sur)]
            if any(p.highest() >= len(table) for p in postings):
                raise IndexDataError("the name index names people the roster does not have")
            return cls(table, forms, names, *postings)
        except IndexDataError:
            raise
        except Exception as exc:  # any shape of damage: never half-trusted
            raise IndexDataError(f"the name index is unreadable ({type(exc).__name__})") from None


def _arrays(values: Any, types: tuple[type, ...]) -> tuple[Any, ...]:
    if not isinstance(values, tuple) or len(values) != len(types):
        raise IndexDataError("the name index has the wrong shape")
    for value, kind in zip(values, types, strict=True):
        if not isinstance(value, kind) or (kind is array and value.typecode != "I"):
            raise IndexDataError("the name index has the wrong shape")
    return values


class _Unpickler(pickle.Unpickler):
    """Only the automaton and arrays; the bytes are authenticated, but never run anything."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in _ALLOWED:
            raise IndexDataError(f"the name index holds a {module}.{name}")
        return super().find_class(module, name)


def _cached(variants: dict[str, frozenset[str]], name: str) -> frozenset[str]:
    found = variants.get(name)
    if found is None:
        found = variants[name] = frozenset(name_variants(name))
    return found
