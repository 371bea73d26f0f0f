"""A people's table is made only of columns that fit together: a saved index or roster whose
columns do not (a bug, a file from another release) is refused, never read half-way."""

from __future__ import annotations

from array import array
from typing import Any

import pytest

from companion.roster.model import Person, Role
from companion.roster.people_table import ROLES, PeopleTable


def _columns() -> list[Any]:
    table = PeopleTable.of(
        [
            Person("p-1", Role.PUPIL, "Zoë", "Brennan-Hughes"),
            Person("s-1", Role.STAFF, "Philippa", "Ashworth-Lund", title="Mrs"),
        ]
    )
    return list(table.state())


def _with(place: int, value: object) -> list[Any]:
    columns = _columns()
    columns[place] = value
    return columns


@pytest.mark.parametrize(
    ("what", "columns"),
    [
        ("a role no release has", _with(0, bytes([0, len(ROLES)]))),
        ("a role far beyond them", _with(0, bytes([255, 0]))),
        ("fewer roles than people", _with(0, bytes([0]))),
        ("keys cut short", _with(1, "p-1s-")),
        ("rows cut short", _with(3, _columns()[3][:-1])),
        ("offsets not from 0", _with(4, array("I", [1, *_columns()[4][1:]]))),
    ],
)
def test_columns_that_do_not_fit_are_refused(what: str, columns: list[Any]) -> None:
    with pytest.raises(ValueError):
        PeopleTable(*columns)


def test_the_columns_of_a_table_make_it_again() -> None:
    again = PeopleTable(*_columns())
    assert [again[n].role for n in range(len(again))] == [Role.PUPIL, Role.STAFF]
    assert again[1].title == "Mrs"
