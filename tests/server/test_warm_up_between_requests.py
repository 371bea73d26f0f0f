"""``postguard serve`` warms up (word list, common first names, the school's patterns) on its
event loop a step at a time, and never while a request is in flight: a warm-up in a thread held
the interpreter lock against the first pairing and the first checks."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator

import pytest

from companion.checks import PostRequest, Verdict
from companion.server.state import ACTIVITY, ENGINE
from companion.server.warming import warm_between_requests

from .conftest import Paired

STEPS = 120


async def test_no_step_runs_while_a_check_is_in_flight_and_every_step_runs(
    paired: Paired, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = paired.client.server.app
    engine = app[ENGINE]
    seen: list[str] = []
    real = engine.check_post

    def slow_check(post: PostRequest) -> Verdict:
        seen.append("check")
        time.sleep(0.03)  # long enough for a step to run beside it, if any would
        verdict = real(post)
        seen.append("checked")
        return verdict

    def steps() -> Iterator[None]:
        for _ in range(STEPS):
            seen.append("step")
            yield

    monkeypatch.setattr(engine, "check_post", slow_check)
    warming = asyncio.create_task(warm_between_requests(steps(), app[ACTIVITY]))
    answers = await asyncio.gather(
        *(paired.post("/v1/check/post", {"text": f"Lovely walk number {n}"}) for n in range(6))
    )
    assert [a.status for a in answers] == [200] * 6
    await asyncio.wait_for(warming, timeout=30)

    in_flight = 0
    for event in seen:
        in_flight += {"check": 1, "checked": -1}.get(event, 0)
        assert not (event == "step" and in_flight), seen
    assert seen.count("step") == STEPS
    assert seen.count("checked") == 6


async def test_a_step_that_fails_ends_the_warm_up_and_the_service_answers_on(
    paired: Paired, caplog: pytest.LogCaptureFixture
) -> None:
    def steps() -> Iterator[None]:
        yield
        raise RuntimeError("the school's profile says Glazebury")  # never in the log

    app = paired.client.server.app
    await asyncio.wait_for(warm_between_requests(steps(), app[ACTIVITY]), timeout=30)
    assert "warming up stopped early: RuntimeError" in caplog.text
    assert "Glazebury" not in caplog.text
    response = await paired.post("/v1/check/post", {"text": "Lovely walk in the hills today."})
    assert response.status == 200
