"""A real ``postguard serve --demo`` process, paired for real, for attacks over raw sockets."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.helpers import Companion
from tests.security.rawhttp import ORIGIN


@pytest.fixture
def companion(postguard_home: Path) -> Iterator[Companion]:
    with Companion(postguard_home, "--demo") as running:
        yield running


@pytest.fixture
def token(companion: Companion) -> str:
    return companion.pair(ORIGIN)


# One companion for a whole module whose requests are all refused or answered without changing
# anything (starting one takes 1.3-1.6 s: 35 s over the two modules that use these).
@pytest.fixture(scope="module")
def companion_of_module(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Companion]:
    with Companion(tmp_path_factory.mktemp("shared") / "postguard-home", "--demo") as running:
        yield running


@pytest.fixture(scope="module")
def token_of_module(companion_of_module: Companion) -> str:
    return companion_of_module.pair(ORIGIN)
