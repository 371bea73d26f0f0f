"""What `postguard serve` warms as it starts (Engine.warm_text) leaves nothing for the first
check to build: the school's patterns compiled, wordfreq's tokenizer set up. Tests never time
anything; they check that no pattern is compiled and no language data is looked up by a check."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
import regex
from wordfreq import language_info

from companion.checks import PostRequest
from companion.demo import demo_roster
from companion.engine.engine import Engine

POSTS = [
    PostRequest(text="Josh Smith was brilliant at Glazebury sports day #proud", site="x"),
    PostRequest(text="the parents here are idiots lol", site="facebook", account="school"),
]


def counting(calls: list[str], name: str, real: Callable[..., Any]) -> Callable[..., Any]:
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        calls.append(name)
        return real(*args, **kwargs)

    return wrapped


def test_a_check_after_the_warm_up_builds_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    engine = Engine(demo_roster())
    engine.warm_text()
    calls: list[str] = []
    monkeypatch.setattr(regex, "compile", counting(calls, "regex.compile", regex.compile))
    monkeypatch.setattr(re, "compile", counting(calls, "re.compile", re.compile))
    monkeypatch.setattr(
        language_info, "closest_match", counting(calls, "langcodes", language_info.closest_match)
    )
    verdicts = [engine.check_post(post) for post in POSTS]
    assert calls == []
    assert [v.verdict for v in verdicts] == ["block", "block"]  # the checks did run in full
