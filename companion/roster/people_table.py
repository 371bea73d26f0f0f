"""Roster people as a few flat columns, so 400,000 of them cost tens of megabytes, not hundreds.

A check needs most people only as a number in a name's list, and a few as their role and key;
the whole ``Person`` is made on demand from one packed row (contact checks, tools). The columns
are plain bytes, ``str`` and ``array`` values, so they pickle small and load fast, and the cyclic
garbage collector never has to walk them.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Collection, Iterable, Iterator
from datetime import date
from itertools import accumulate, chain, pairwise

from companion.roster.model import Person, Role

ROLES = tuple(Role)  # a role's code in the table is its place here
_ROLE_CODE = {role: code for code, role in enumerate(ROLES)}
_ROLE_CODES = bytes(range(len(ROLES)))
_SEP = "\x1f"  # unit separator: never in a name once imported (control characters are dropped)
_LIST = "\x1e"
_NONE = "\x01"
_CONTROLS = re.compile("[\x01\x1e\x1f]")
_PACK_BATCH = 8192
_NOBODY = [None] * _PACK_BATCH  # what a packed batch of people is replaced by when let go


class PeopleKeys:
    """Who is on a table (each one's role and key) without their rows: ``PeopleTable.who()``,
    and every table itself."""

    __slots__ = ("_key_ends", "_keys", "_roles")

    def __init__(self, roles: bytes, keys: str, key_ends: array) -> None:
        self._roles, self._keys, self._key_ends = roles, keys, key_ends

    def __len__(self) -> int:
        return len(self._roles)

    def __bool__(self) -> bool:
        return bool(self._roles)

    def role_counts(self) -> dict[Role, int]:
        """How many people have each role, counted in the roles' column (no person made)."""
        return {role: self._roles.count(code) for role, code in _ROLE_CODE.items()}

    def has(self, roles: Collection[Role]) -> bool:
        """Whether anyone is in ``roles``: a scan of the roles' column, in C."""
        return any(self._roles.find(_ROLE_CODE[role]) >= 0 for role in roles)

    def numbers_with(self, roles: Collection[Role]) -> list[int]:
        """The numbers of everyone in ``roles``, read from the roles' column alone."""
        if not self.has(roles):
            return []
        codes = {_ROLE_CODE[role] for role in roles}
        return [n for n, code in enumerate(self._roles) if code in codes]

    def role(self, number: int) -> Role:
        return ROLES[self._roles[number]]

    def keys(self) -> Iterator[str]:
        """Every person's key, in number order."""
        return split_keys(self._keys, self._key_ends)

    def key(self, number: int) -> str:
        start = self._key_ends[number - 1] if number else 0
        return self._keys[start : self._key_ends[number]]

    def number_of(self, key: str) -> int | None:
        """The number of the person with ``key`` (a scan: for tools, not the check path)."""
        return next((n for n in range(len(self)) if self.key(n) == key), None)

    def keys_with(self, roles: Collection[Role]) -> set[str]:
        """The keys of everyone in ``roles``, cut only for them."""
        return {self.key(n) for n in self.numbers_with(roles)}


class PeopleTable(PeopleKeys):
    """``table[n]`` is person number ``n``; ``roles`` and ``keys`` answer without making one."""

    __slots__ = ("_digests", "_offsets", "_rows")

    def __init__(
        self, roles: bytes, keys: str, key_ends: array, rows: bytes, offsets: array
    ) -> None:
        count = len(roles)
        if not (len(key_ends) == len(offsets) - 1 == count and offsets[0] == 0):
            raise ValueError("people table columns differ in length")
        if count and (key_ends[-1] != len(keys) or offsets[-1] != len(rows)):
            raise ValueError("people table columns are cut short")
        if roles.translate(None, _ROLE_CODES):  # what is left is no role's code (0.3 ms, not 12)
            raise ValueError("people table holds an unknown role")
        super().__init__(roles, keys, key_ends)
        self._rows = rows
        self._offsets = offsets
        self._digests: array | None = None

    @classmethod
    def of(cls, people: Iterable[Person], *, let_go: bool = False) -> PeopleTable:
        """The table of ``people`` (a table is its own). ``let_go``: ``people`` is a list that
        only this holds, emptied as it is packed, so each person is freed once their row is
        made (a trust's 400,000 people are 150 MB as objects, 31 MB as a table)."""
        if isinstance(people, PeopleTable):
            return people
        if let_go and not isinstance(people, list):
            raise TypeError("only a list of people is let go as it is packed")
        people = people if isinstance(people, tuple | list) else tuple(people)
        codes = _ROLE_CODE
        roles = bytearray()
        keys: list[str] = []
        key_ends = array("I")
        key_end = 0
        rows: list[bytes] = []
        offsets = array("I", [0])
        digests = array("q")  # see row_digests: 15 ms here, 0.1 s from the joined rows
        end = 0
        # Every column in pieces, a batch of people at a time, so that nothing is made for
        # everyone while everyone is still held (let go, each batch goes as it is packed), and
        # the rows are never held twice over (a list of rows and their join). UTF-8, not a
        # str: one "Łukasz" would make a str of every row two bytes a letter.
        for start in range(0, len(people), _PACK_BATCH):
            batch = people[start : start + _PACK_BATCH]
            roles.extend([codes[person.role] for person in batch])
            batch_keys = [person.key for person in batch]
            ends = accumulate(map(len, batch_keys), initial=key_end)
            next(ends)  # ``key_end`` itself, already in
            key_ends.extend(ends)
            key_end = key_ends[-1]
            keys.append("".join(batch_keys))
            piece = [_pack(person).encode("utf-8") for person in batch]
            ends = accumulate(map(len, piece), initial=end)
            next(ends)  # ``end`` itself, already in
            offsets.extend(ends)
            end = offsets[-1]
            digests.extend(map(hash, piece))
            rows.append(b"".join(piece))
            del batch, batch_keys, piece
            if let_go:
                people[start : start + _PACK_BATCH] = _NOBODY[: len(people) - start]
        if let_go:
            people.clear()
        table = cls(bytes(roles), "".join(keys), key_ends, b"".join(rows), offsets)
        table._digests = digests
        return table

    def state(self) -> tuple[bytes, str, array, bytes, array]:
        """The columns, for saving; ``PeopleTable(*state)`` makes the table again."""
        return self._roles, self._keys, self._key_ends, self._rows, self._offsets

    def row_digests(self) -> array:
        """Each person's row as a 64-bit digest (Python's hash of its bytes, which differs from
        process to process): made as the table is packed, else from the rows the first time."""
        if self._digests is None:
            rows, offsets = self._rows, self._offsets
            slices = map(slice, offsets, offsets[1:])
            self._digests = array("q", map(hash, map(rows.__getitem__, slices)))
        return self._digests

    def __getitem__(self, number: int) -> Person:
        row = self._rows[self._offsets[number] : self._offsets[number + 1]].decode("utf-8")
        return _unpack(self.key(number), ROLES[self._roles[number]], row)

    def __iter__(self) -> Iterator[Person]:
        return (self[n] for n in range(len(self)))

    def forenames(self, number: int) -> list[str]:
        """The person's forename, preferred forename and known-as names, read without making
        the whole person (for the initials of a surname's thousands of people)."""
        row = self._rows[self._offsets[number] : self._offsets[number + 1]].decode("utf-8")
        fore, _, preferred, _, known = row.split(_SEP, 5)[:5]
        names = [fore]
        if preferred and preferred != _NONE:
            names.append(preferred)
        if known:
            names.extend(known.split(_LIST))
        return names

    def who(self) -> PeopleKeys:
        """The roles' and keys' columns alone (they are shared, not copied)."""
        return PeopleKeys(self._roles, self._keys, self._key_ends)


def split_keys(keys: str, ends: array) -> Iterator[str]:
    """The keys of a table's key column (``state()``), in number order."""
    return (keys[start:end] for start, end in pairwise(chain((0,), ends)))


def _pack(person: Person) -> str:
    pf, ps = person.preferred_forename, person.preferred_surname
    rel, title, leaving = person.relationship, person.title, person.legal_leaving_date
    known, pupils = person.known_as, person.pupil_keys
    row = _SEP.join(
        (
            person.forename,
            person.surname,
            _NONE if pf is None else pf,
            _NONE if ps is None else ps,
            _LIST.join(known),
            _NONE if rel is None else rel,
            _LIST.join(pupils),
            leaving.isoformat() if leaving else "",
            _NONE if title is None else title,
        )
    )
    # Only the separators put in here: no field holds one of them (the usual case, as import
    # drops control characters), so the row needs no cleaning.
    nones = (pf is None) + (ps is None) + (rel is None) + (title is None)
    lists = max(len(known) - 1, 0) + max(len(pupils) - 1, 0)
    if row.count(_SEP) == 8 and row.count(_LIST) == lists and row.count(_NONE) == nones:
        return row
    return _pack_cleaned(person)


def _pack_cleaned(person: Person) -> str:
    fields = (
        person.forename,
        person.surname,
        person.preferred_forename,
        person.preferred_surname,
        _LIST.join(_CONTROLS.sub("", n) for n in person.known_as),
        person.relationship,
        _LIST.join(_CONTROLS.sub("", k) for k in person.pupil_keys),
        person.legal_leaving_date.isoformat() if person.legal_leaving_date else "",
        person.title,
    )
    # Import drops control characters from every cell, so these three never occur in a name;
    # anything else that holds one loses it here rather than breaking the table.
    text = [
        _CONTROLS.sub("", f) if f and i not in (4, 6) else f or "" for i, f in enumerate(fields)
    ]
    for i in (2, 3, 5, 8):  # None and "" differ for the optional fields: \x01 marks None
        if fields[i] is None:
            text[i] = _NONE
    return _SEP.join(text)


def _unpack(key: str, role: Role, row: str) -> Person:
    fore, sur, pf, ps, known, rel, pupils, leaving, title = row.split(_SEP)
    return Person(
        key=key,
        role=role,
        forename=fore,
        surname=sur,
        preferred_forename=_optional(pf),
        preferred_surname=_optional(ps),
        known_as=tuple(known.split(_LIST)) if known else (),
        relationship=_optional(rel),
        pupil_keys=tuple(pupils.split(_LIST)) if pupils else (),
        legal_leaving_date=date.fromisoformat(leaving) if leaving else None,
        title=_optional(title),
    )


def _optional(text: str) -> str | None:
    return None if text == _NONE else text
