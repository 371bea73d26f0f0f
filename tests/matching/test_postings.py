"""Postings.among is the intersection the matchers rely on ("Mary" & "Smith"), whichever side is
large: a wrong answer here is a pupil's full name missed or a stranger blocked."""

from __future__ import annotations

import random

import pytest

from companion.matching.postings import Postings


@pytest.fixture(scope="module")
def postings() -> tuple[Postings, dict[str, set[int]]]:
    rng = random.Random(4)
    people = {
        "mary": set(rng.sample(range(50_000), 4_000)),  # a first name thousands share
        "zuzanna": {7, 19_000, 49_999},
        "smith": set(rng.sample(range(50_000), 300)),
    }
    slots = {form: slot for slot, form in enumerate(sorted(people))}
    return Postings.of(slots, people), people


@pytest.mark.parametrize("form", ["mary", "zuzanna", "smith", "nobody"])
@pytest.mark.parametrize("size", [0, 1, 5, 300, 20_000])
def test_among_is_the_intersection(
    postings: tuple[Postings, dict[str, set[int]]], form: str, size: int
) -> None:
    table, people = postings
    rng = random.Random(size)
    wanted = frozenset(rng.sample(range(50_000), size)) | (
        frozenset(list(people.get(form, ()))[:3]) if size else frozenset()
    )
    assert table.among(form, wanted) == frozenset(people.get(form, set()) & wanted)
