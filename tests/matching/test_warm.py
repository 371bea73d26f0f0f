"""Working out the common first names ahead (NameIndex.warm, run as the server starts) changes no
answer: the same posts find the same names, with the same roles, warmed or not."""

from __future__ import annotations

from companion.matching import NameIndex
from tests.matching.people import hard_roster

POSTS = [
    "Well done Grace in Year 3!",
    "so proud of Zoë Brennan-Hughes and Josh today",
    "saw may green at the park",
    "Jack Johnson played well, and will may go",
    "#WellDoneSiobhan",
]


def found(index: NameIndex) -> list[list[tuple[int, int, str, frozenset[object], str, bool]]]:
    return [
        [(m.start, m.end, m.kind, m.roles, m.form, m.in_context) for m in index.find(post)]
        for post in POSTS
    ]


def test_a_warmed_index_answers_as_a_cold_one() -> None:
    roster = hard_roster()
    cold, warmed = NameIndex(roster), NameIndex(roster)
    warmed.warm(shared_by=1)  # every first name worked out ahead
    assert warmed._first  # it did work them out
    assert found(warmed) == found(cold)
    assert any(found(cold))  # the posts do name people
