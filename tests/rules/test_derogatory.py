"""Derogatory remarks about the school community are blocked; swearing alone is a note; mild
slang is nothing; the same words about a film or a train are everyday talk."""

from __future__ import annotations

import pytest

from companion.checks import PostRequest
from companion.demo import demo_roster
from companion.engine import Engine


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(demo_roster())


def rules(engine: Engine, text: str) -> dict[str, str]:
    return {f.rule: f.severity for f in engine.check_post(PostRequest(text=text)).findings}


@pytest.mark.parametrize(
    "text",
    [
        "Glazebury parents are a bunch of idiots",
        "Honestly the parents are useless this term",
        "My class were animals today",
        "Josh Smith is so lazy",
        "The governors are clueless",
    ],
)
def test_running_down_the_school_community_is_a_block(engine: Engine, text: str) -> None:
    assert rules(engine, text).get("derogatory") == "block", text


@pytest.mark.parametrize(
    "text",
    [
        "That film was rubbish",
        "What a pathetic excuse for a train service",
        "My own kids are so lazy this morning",
        "LMAO what a day",
        "OMG the queue at the post office",
    ],
)
def test_everyday_words_raise_nothing(engine: Engine, text: str) -> None:
    assert rules(engine, text) == {}, text


def test_swearing_alone_is_a_note_and_beside_the_school_a_block(engine: Engine) -> None:
    assert rules(engine, "this shit is wild") == {"offensive": "info"}
    assert rules(engine, "Glazebury is shit")["offensive"] == "block"


@pytest.mark.parametrize("name", ["Jayden", "Oliwia", "Zuzanna", "Muhammad", "Ioana", "Simran"])
def test_school_accounts_know_names_common_in_uk_schools(engine: Engine, name: str) -> None:
    """Not on the roster, yet a name: the school's account must not single a child out."""
    verdict = engine.check_post(
        PostRequest(text=f"Well done {name}, a better lesson today", account="school")
    )
    assert verdict.verdict == "block"
    assert "targeted-content" in {f.rule for f in verdict.findings}
