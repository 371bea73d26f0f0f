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
