"""Engines and indexes over the invented hard roster (built once per test module)."""

from __future__ import annotations

import pytest

from companion.engine import Engine
from companion.matching import NameIndex
from tests.matching.people import hard_roster


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(roster=hard_roster())


@pytest.fixture(scope="module")
def index() -> NameIndex:
    return NameIndex.build(hard_roster())
