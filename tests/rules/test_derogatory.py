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
        "The kids in 9B are feral, every single one of them",
        "What a horrible bunch of parents we have this year",
        "Teaching 10B is like herding morons",
        "The dads on the touchline were a disgrace again",
        "This place is a joke",
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


@pytest.mark.parametrize(
    "text",
    [
        "The printer at my school is useless",
        "Parents complained the car park is a nightmare at pick-up",
        "My tutor group thrashed the teachers at rounders, we were useless",
        "Lorry drivers on the A580 are complete idiots, made me late for my Year 8s",
        "The kids loved feeding the animals at the farm",
        # What a sentence says of the parents ends with it: the next one is about the drivers.
        "The parents are lovely. Idiots on the road this morning though",
    ],
)
def test_a_thing_or_an_outsider_run_down_beside_school_people_is_not_derogatory(
    engine: Engine, text: str
) -> None:
    assert "derogatory" not in rules(engine, text), text


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
