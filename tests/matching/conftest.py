"""Engines and indexes over the invented hard roster, and one over a lone pupil Oliver Thompson
(built once per test module)."""

from __future__ import annotations

import pytest

from companion.engine import Engine
from companion.matching import NameIndex
from tests.matching.findings import engine_of
from tests.matching.people import hard_roster, pupil


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(roster=hard_roster())


@pytest.fixture(scope="module")
def index() -> NameIndex:
    return NameIndex.build(hard_roster())


@pytest.fixture(scope="module")
def thompsons() -> Engine:
    """The initials tests' pupil: "O. Thompson" names him."""
    return engine_of(pupil("p-oliver", "Oliver", "Thompson"))
