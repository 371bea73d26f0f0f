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
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import ahocorasick

from companion.matching.forms import name_variants, nickname_forms
from companion.matching.postings import Postings
from companion.roster.model import Person
from companion.roster.people_table import _CONTROLS, PeopleTable

# 2: the people's rows are UTF-8 bytes; each table is a pickle of its own
FORMAT = "postguard-name-index/2"
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
        people = people if isinstance(people, tuple | list) else tuple(people)
        return cls(PeopleTable.of(people), *_name_tables(people, nicknames))

    @staticmethod
    def write_built(
        people: Iterable[Person],
        nicknames: dict[str, frozenset[str]],
        out: bytearray,
        made_elsewhere: Callable[[bytearray], bool] | None = None,
        people_made: Callable[[PeopleTable], None] | None = None,
    ) -> None:
        """``build(people, nicknames).write(out)``, holding less at once: each table is written
        and let go before the next is made (tens of MB at a trust's size).
        ``made_elsewhere(out)``: appends what ``write_name_tables`` would for these people,
        made in another process (an import's: ``index_process``), or says it could not.
        ``people_made(table)`` is shown the people's table once the tables made elsewhere have
        come (that process ends then, before an import's diff adds its own tens of MB), and
        before any are made here; whatever it raises stops the index there."""
        if not isinstance(people, PeopleTable | tuple | list):
            people = tuple(people)
        table = PeopleTable.of(people)  # a table (an import's people) is its own
        _dump((FORMAT, table.state()), out)
        made = made_elsewhere is not None and made_elsewhere(out)
        if people_made is not None:
            people_made(table)
        del table
        if not made:
            write_name_tables(name_groups(people), nicknames, out)

    def hits(self, text: str) -> Iterator[tuple[int, tuple[str, int]]]:
        """``(end_index, (form, flags))`` for every form that ends at ``end_index``."""
        if not self.forms or not text:
            return
        forms = self.forms
        for last, value in self.names.iter(text):
            yield last, (forms[value >> 2], value & 3)

    def to_bytes(self) -> bytes:
        """Six pickles, one after another: the format and the people's table, the forms, the
        automaton, then the fore, own-fore and surname postings."""
        out = io.BytesIO()
        self.write(out)
        return out.getvalue()

    def write(self, out: Any) -> None:
        """``to_bytes`` written to ``out`` (a file) as it is made, never whole in between.

        One pickle each, so what pickling copies (an array's bytes, the automaton's nodes) is
        let go after each, not kept to the end by the pickler's memo."""
        _dump((FORMAT, self.people.state()), out)
        _dump(_FORMS_SEP.join(self.forms), out)
        _dump(self.names, out)
        for postings in (self.fore, self.own_fore, self.sur):
            _dump(postings.state(), out)

    @classmethod
    def from_bytes(cls, data: bytes | memoryview) -> IndexData:
        """The index ``to_bytes`` made; ``IndexDataError`` for anything else. A memoryview is
        read where it lies (a 400,000-person index is tens of MB: no copy of it is made)."""
        try:
            reader = _Reader(data)
            table = _people(reader)
            # One unpickler per pickle: an unpickler's memo outlives its load(), and each
            # pickle numbers its memo from 0 again.
            joined, names, fore, own, sur = (_Unpickler(reader).load() for _ in range(5))
            if not reader.at_end():
                raise IndexDataError("the name index has more after its end")
            forms = tuple(joined.split(_FORMS_SEP)) if joined else ()
            slots = {form: slot for slot, form in enumerate(forms)}
            if len(slots) != len(forms):
                raise IndexDataError("the name index repeats a form")
            if not isinstance(names, ahocorasick.Automaton):
                raise IndexDataError("the name index has no automaton")
            if names.store != ahocorasick.STORE_INTS or len(names) != len(forms):
                raise IndexDataError("the name index automaton does not fit its forms")
            postings = [Postings(slots, *_arrays(p, (array, array))) for p in (fore, own, sur)]
            if any(p.highest() >= len(table) for p in postings):  # (authenticated, but a bug)
                raise IndexDataError("the name index names people the roster does not have")
            return cls(table, forms, names, *postings)
        except IndexDataError:
            raise
        except Exception as exc:  # any shape of damage: never half-trusted
            raise IndexDataError(f"the name index is unreadable ({type(exc).__name__})") from None

    @staticmethod
    def people_from_bytes(data: bytes | memoryview) -> PeopleTable:
        """The people's table alone of the index ``to_bytes`` made, its name tables not read
        (an import needs only who was on the roster in force: 20 ms at a trust's size, where
        the roster itself takes 0.9 s to decode); ``IndexDataError`` as ``from_bytes``."""
        try:
            return _people(_Reader(data))
        except IndexDataError:
            raise
        except Exception as exc:
            raise IndexDataError(f"the name index is unreadable ({type(exc).__name__})") from None


Groups = dict[str | tuple[Any, ...], array]  # a person's names -> the numbers of who has them


def write_name_tables(
    groups: list[Groups],
    nicknames: dict[str, frozenset[str]],
    out: Any,
    variants: NameVariants | None = None,
) -> None:
    """What ``write`` writes after the people's table: the forms, the automaton and the
    postings of ``groups`` (``name_groups``; emptied, so they go as soon as they are used),
    each table let go once it is written. ``variants``: names' forms already worked out."""
    variants = NameVariants() if variants is None else variants
    tables = list(_tables_of_groups(groups, nicknames, variants))
    _dump(_FORMS_SEP.join(tables.pop(0)), out)
    while tables:
        part = tables.pop(0)
        _dump(part if isinstance(part, ahocorasick.Automaton) else part.state(), out)
        del part


def _name_tables(
    people: Sequence[Person], nicknames: dict[str, frozenset[str]]
) -> tuple[tuple[str, ...], Any, Postings, Postings, Postings]:
    """Forms, automaton, and the fore/own/sur postings of ``people`` (numbered in order)."""
    return _tables_of_groups(name_groups(people), nicknames, NameVariants())


def name_groups(people: Sequence[Person]) -> list[Groups]:
    """People with the same forenames, and with the same surnames, by number: plain strings,
    tuples and arrays, to be worked into tables here or sent to another process."""
    # People with the same forenames (or surnames) share their forms: group them first (one
    # look-up per person), then work out each group's forms once. Numbers are added in
    # increasing order, so every group's list is sorted.
    # A person's only name is the group's key itself (no tuple made for each person).
    # Numbers as C integers (``array``), not an int object each: 400,000 of them are 11 MB.
    by_fore: Groups = {}
    by_sur: Groups = {}
    for number, person in enumerate(people):
        key: str | tuple[Any, ...] = person.forename
        if person.preferred_forename is not None or person.known_as:
            key = (person.forename, person.preferred_forename, *person.known_as)
        group = by_fore.get(key)
        if group is None:
            by_fore[key] = array("I", (number,))
        else:
            group.append(number)
        key = person.surname
        if person.preferred_surname is not None:
            key = (person.surname, person.preferred_surname)
        group = by_sur.get(key)
        if group is None:
            by_sur[key] = array("I", (number,))
        else:
            group.append(number)
    return [by_fore, by_sur]


def _tables_of_groups(
    groups: list[Groups], nicknames: dict[str, frozenset[str]], variants: NameVariants
) -> tuple[tuple[str, ...], Any, Postings, Postings, Postings]:
    by_fore, by_sur = groups
    groups.clear()  # the caller's list no longer holds them: they go when used (below)
    own: dict[str, list[array]] = {}
    nick: dict[str, list[array]] = {}
    sur: dict[str, list[array]] = {}
    nicks: dict[frozenset[str], frozenset[str]] = {}
    for key, numbers in by_fore.items():
        names = dict.fromkeys(n for n in ((key,) if isinstance(key, str) else key) if n)
        forms = frozenset().union(*(variants.of(n) for n in names))
        for form in forms:
            own.setdefault(form, []).append(numbers)
        found = nicks.get(forms)
        if found is None:
            found = nicks[forms] = frozenset(nickname_forms(set(forms), nicknames))
        for form in found:
            nick.setdefault(form, []).append(numbers)
    for key, numbers in by_sur.items():
        names = dict.fromkeys(n for n in ((key,) if isinstance(key, str) else key) if n)
        for form in frozenset().union(*(variants.of(n) for n in names)):
            sur.setdefault(form, []).append(numbers)
    del by_fore, by_sur, nicks
    variants.clear()  # used up: tens of MB at a trust, let go before the tables are made
    # A person is in one group of each kind, and a group's nicknames are never its own
    # forms: the lists a form gathers never share a number.
    fore = {form: [*own.get(form, ()), *nick.get(form, ())] for form in own.keys() | nick}
    forms = tuple(sorted(fore.keys() | sur.keys()))
    slots = {form: slot for slot, form in enumerate(forms)}
    names = ahocorasick.Automaton(ahocorasick.STORE_INTS)
    for slot, form in enumerate(forms):
        flags = (FORE if form in fore else 0) | (SUR if form in sur else 0)
        names.add_word(form, slot * 4 + flags)
    if forms:
        names.make_automaton()
    return (
        forms,
        names,
        Postings.of_groups(slots, forms, fore),
        Postings.of_groups(slots, forms, own),
        Postings.of_groups(slots, forms, sur),
    )


def _people(reader: _Reader) -> PeopleTable:
    """The first of the index's pickles: its format and the people's table."""
    fmt, people = _Unpickler(reader).load()
    if fmt != FORMAT:
        raise IndexDataError(f"unknown name index format {fmt!r}")
    return PeopleTable(*_arrays(people, (bytes, str, array, bytes, array)))


def _dump(value: Any, out: Any) -> None:
    pickle.dump(value, out, protocol=5)


def _arrays(values: Any, types: tuple[type, ...]) -> tuple[Any, ...]:
    if not isinstance(values, tuple) or len(values) != len(types):
        raise IndexDataError("the name index has the wrong shape")
    for value, kind in zip(values, types, strict=True):
        if not isinstance(value, kind) or (kind is array and value.typecode != "I"):
            raise IndexDataError("the name index has the wrong shape")
    return values


class _Reader:
    """A read-only file over bytes or a memoryview, for the unpickler: it copies out only the
    pieces asked for (``io.BytesIO`` would first copy a memoryview whole)."""

    def __init__(self, data: bytes | memoryview) -> None:
        self._data = memoryview(data)
        self._at = 0

    def read(self, size: int = -1) -> bytes:
        start = self._at
        end = len(self._data) if size < 0 else min(start + size, len(self._data))
        self._at = end
        return bytes(self._data[start:end])

    def readinto(self, buffer: Any) -> int:
        with memoryview(buffer) as target:
            piece = self._data[self._at : self._at + len(target)]
            target[: len(piece)] = piece
        self._at += len(piece)
        return len(piece)

    def at_end(self) -> bool:
        return self._at >= len(self._data)

    def readline(self, size: int = -1) -> bytes:
        rest = self._data[self._at :]
        cut = bytes(rest[: 4096 if size < 0 else size])
        end = cut.find(b"\n")
        return self.read(len(cut) if end < 0 else end + 1)


class _Unpickler(pickle.Unpickler):
    """Only the automaton and arrays; the bytes are authenticated, but never run anything."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in _ALLOWED:
            raise IndexDataError(f"the name index holds a {module}.{name}")
        return super().find_class(module, name)


class NameVariants(dict[str, str | tuple[str, ...]]):
    """Each roster name's written forms, worked out once per name (people share names), and
    ahead of time where the names are known early (``index_process``: an import's pupils).

    Most names have one form ("Smith": smith), kept as that string alone; the others as a
    tuple. A frozenset each was 29 MB for a trust's 91,000 names, this is 9 MB."""

    def of(self, name: str) -> tuple[str, ...]:
        found = self.get(name)
        if found is None:
            # As ``PeopleTable`` keeps the name: without its separator characters.
            forms = name_variants(_CONTROLS.sub("", name))
            found = self[name] = forms.pop() if len(forms) == 1 else tuple(sorted(forms))
        return (found,) if isinstance(found, str) else found
