"""Red team against the companion's HTTP API with a valid token (a stolen or misused pairing):
it must not be able to enumerate the roster quickly, link parents to pupils, or stall the
server into letting a post through. Keep adding cases here as they are found."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from companion.checks import ContactRequest, PostRequest
from companion.demo import demo_roster
from companion.engine import Engine
from companion.roster.model import Person, Role, Roster
from companion.server import create_app
from companion.settings import Settings
from tests.server.conftest import pair_with

FORENAMES = [f"Quorra{chr(97 + i)}{chr(97 + j)}" for i in range(8) for j in range(8)]


def class_roster(count: int) -> Roster:
    people = tuple(
        Person(key=f"p{i}", role=Role.PUPIL, forename=FORENAMES[i], surname=f"Vantablack{i}")
        for i in range(count)
    )
    return Roster(people=people)


def test_a_post_naming_more_than_a_class_is_blocked_without_listing_anyone() -> None:
    engine = Engine(class_roster(60))
    many = ", ".join(f"{FORENAMES[i]} Vantablack{i}" for i in range(40))
    verdict = engine.check_post(PostRequest(text=f"Well done {many}"))
    assert verdict.verdict == "block"
    assert [f.rule for f in verdict.findings] == ["too-many-names"]
    body = json.dumps(verdict.to_json())
    assert "Quorra" not in body and "Vantablack" not in body

    few = ", ".join(f"{FORENAMES[i]} Vantablack{i}" for i in range(5))
    verdict = engine.check_post(PostRequest(text=f"Well done {few}"))
    assert {f.rule for f in verdict.findings} == {"pupil-name"} and len(verdict.findings) == 5


def test_one_name_repeated_thousands_of_times_gives_a_bounded_answer() -> None:
    verdict = Engine(demo_roster()).check_post(PostRequest(text="Josh " * 12000))
    assert verdict.findings and len(verdict.findings) <= 200
    assert len(json.dumps(verdict.to_json())) < 200_000  # was 5 MB


def test_a_remark_repeated_thousands_of_times_gives_a_bounded_answer() -> None:
    # The derogatory rule pairs people, verbs and insults: pairing every one with every other
    # took 54 s at 500 repeats. Walking a few words from each keeps it linear.
    verdict = Engine(demo_roster()).check_post(PostRequest(text="the parents are idiots " * 2500))
    assert verdict.verdict == "block"
    assert 0 < len(verdict.findings) <= 200


@pytest.mark.parametrize("child", ["Josh", "Grace", "Zoë"])
def test_contact_answers_do_not_depend_on_which_pupil_a_parent_belongs_to(child: str) -> None:
    """Rebecca Smith is Josh's mother in the demo roster; Grace and Zoë are other pupils."""
    engine = Engine(demo_roster())

    def seen(name: str) -> tuple:
        verdict = engine.check_contact(ContactRequest(name=name))
        return verdict.verdict, [
            (f.rule, f.severity, f.message, f.policy) for f in verdict.findings
        ]

    reference = seen("Rebecca (Josh's mum)")
    assert reference[0] == "block"
    assert seen(f"Rebecca ({child}'s mum)") == reference
    assert seen(f"Rebecca ({child}'s Mum)") == reference
    unknown = engine.check_contact(ContactRequest(name="Rebecca (Zebedee's mum)"))
    assert unknown.verdict == "allow"


async def test_a_check_over_budget_is_a_block_and_health_does_not_wait(
    aiohttp_client, postguard_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = Settings(home=postguard_home, demo=True, check_budget_seconds=0.05)
    client = await aiohttp_client(create_app(settings))
    paired = await pair_with(client, capsys)
    heavy = asyncio.create_task(paired.post("/v1/check/post", {"text": "Josh Smith " * 5900}))
    health_done_first = False
    while not heavy.done():
        health = await client.get("/v1/health")
        assert health.status == 200
        health_done_first = health_done_first or not heavy.done()
        await asyncio.sleep(0)
    assert health_done_first  # health was answered while the heavy check ran
    answer = await (await heavy).json()
    assert answer["verdict"] == "block"
    assert [f["rule"] for f in answer["findings"]] == ["too-large"]


async def test_the_rate_limit_meters_work_not_requests(
    aiohttp_client, postguard_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = Settings(home=postguard_home, demo=True, rate_burst=40, rate_per_second=0.01)
    client = await aiohttp_client(create_app(settings))
    paired = await pair_with(client, capsys)
    small = [(await paired.post("/v1/check/post", {"text": "hello"})).status for _ in range(5)]
    assert small == [200] * 5  # 5 of the 40 tokens
    big = "the quick brown fox jumps over the lazy dog " * 1400  # ~62,000 characters
    statuses = [(await paired.post("/v1/check/post", {"text": big})).status for _ in range(4)]
    # About 30 tokens each: the first fits in what is left, the next does not.
    assert statuses[0] == 200 and statuses[1:] == [429, 429, 429]
