"""Which people carry each name form, as one flat array per kind of name (no set per form).

Forms are numbered (``slot``); ``ids[starts[slot]:starts[slot + 1]]`` are the numbers of the
people who carry form ``slot`` as this kind of name, in increasing order. A look-up makes the
``frozenset`` the matchers intersect on demand, so the resident index holds only arrays.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from itertools import chain

_NOBODY: frozenset[int] = frozenset()


class Postings:
    """A read-only ``form -> frozenset of person numbers`` view over flat arrays."""

    __slots__ = ("_ids", "_slots", "_starts")

    def __init__(self, slots: Mapping[str, int], starts: array, ids: array) -> None:
        if len(starts) != len(slots) + 1 or starts[0] != 0 or starts[-1] != len(ids):
            raise ValueError("name postings do not fit their forms")
        self._slots = slots
        self._starts = starts
        self._ids = ids

    @classmethod
    def of(cls, slots: Mapping[str, int], people: Mapping[str, Iterable[int]]) -> Postings:
        starts = array("I", [0])
        ids = array("I")
        by_slot = sorted(slots.items(), key=lambda item: item[1])
        for form, _ in by_slot:
            ids.extend(sorted(people.get(form, ())))
            starts.append(len(ids))
        return cls(slots, starts, ids)

    @classmethod
    def of_groups(
        cls,
        slots: Mapping[str, int],
        forms: Sequence[str],
        groups: Mapping[str, Sequence[Sequence[int]]],
    ) -> Postings:
        """``of``, from each form's lists of numbers: each list sorted, no number in two."""
        starts = array("I", [0])
        ids = array("I")
        for form in forms:  # in slot order
            lists = groups.get(form)
            if lists:
                ids.extend(lists[0] if len(lists) == 1 else sorted(chain.from_iterable(lists)))
            starts.append(len(ids))
        return cls(slots, starts, ids)

    def state(self) -> tuple[array, array]:
        return self._starts, self._ids

    def highest(self) -> int:
        """The highest person number listed, -1 when none is."""
        return max(self._ids, default=-1)

    def _range(self, form: str) -> tuple[int, int]:
        slot = self._slots.get(form)
        if slot is None:
            return 0, 0
        return self._starts[slot], self._starts[slot + 1]

    def __contains__(self, form: object) -> bool:
        if not isinstance(form, str):
            return False
        start, end = self._range(form)
        return end > start

    def __getitem__(self, form: str) -> frozenset[int]:
        start, end = self._range(form)
        if end == start:
            raise KeyError(form)
        return frozenset(self._ids[start:end])

    def shared_by(self, at_least: int) -> list[str]:
        """The forms that at least ``at_least`` people carry."""
        starts = self._starts
        return [f for f, slot in self._slots.items() if starts[slot + 1] - starts[slot] >= at_least]

    def among(self, form: str, people: frozenset[int]) -> frozenset[int]:
        """Those of ``people`` who carry ``form`` (``self[form] & people``, empty when nobody
        does), without making the set of a form thousands share: "Mary" at 400,000 people is
        looked up by bisection for each of the few people a surname names."""
        start, end = self._range(form)
        if end == start or not people:
            return _NOBODY
        if end - start <= 8 * len(people):
            return people.intersection(self._ids[start:end])
        ids = self._ids
        return frozenset(n for n in people if _holds(ids, start, end, n))

    def get(self, form: str, default: frozenset[int] = _NOBODY) -> frozenset[int]:
        start, end = self._range(form)
        return frozenset(self._ids[start:end]) if end > start else default


def _holds(ids: array, start: int, end: int, number: int) -> bool:
    at = bisect_left(ids, number, start, end)
    return at < end and ids[at] == number
