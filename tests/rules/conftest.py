"""Every rules test goes through the real engine with the invented demo roster."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from companion.checks import Attachment, PostRequest, Verdict
from companion.demo import demo_roster
from companion.engine import Engine

Check = Callable[..., Verdict]


@pytest.fixture
def engine(postguard_home: Path) -> Engine:
    return Engine(demo_roster())


@pytest.fixture
def check(engine: Engine) -> Check:
    def run(text: str, attachments: tuple[Attachment, ...] = (), **fields: str) -> Verdict:
        return engine.check_post(PostRequest(text=text, attachments=attachments, **fields))

    return run
