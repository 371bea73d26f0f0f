"""The running server pulls on start and on schedule, and a pull drops no live check."""

from __future__ import annotations

import asyncio
import json
from dataclasses import replace
from pathlib import Path

from aiohttp.test_utils import TestClient

from companion.distribution.config import load_setup, save_setup
from companion.distribution.schedule import bundle_puller_ctx, make_puller_ctx
from companion.server import create_app
from companion.server.pairs import PairRegistry
from companion.settings import Settings
from tests.distribution.conftest import Machine, make_roster, setup_args

ORIGIN = "chrome-extension://abcdefghijklmnopabcdefghijklmnop"


def serving_app(settings: Settings):
    app = create_app(settings)
    assert bundle_puller_ctx in app.cleanup_ctx  # the factory wires the scheduled pull itself
    return app


def set_up(staff: Machine, share: Path, keys: Path) -> None:
    """``postguard setup`` on a staff machine, pointing at the share (no first fetch)."""
    code, _, err = staff.run(*setup_args(share, keys, "--no-fetch"))
    assert code == 0, err


async def people(client: TestClient) -> int:
    response = await client.get("/v1/health")
    return (await response.json())["roster"]["people"]


async def wait_for_people(client: TestClient, count: int, seconds: float = 20) -> None:
    async with asyncio.timeout(seconds):
        while await people(client) != count:
            await asyncio.sleep(0.1)


async def test_pull_on_start_and_on_schedule_without_dropping_checks(
    dpo: Machine, keys: Path, share: Path, machine, aiohttp_client
) -> None:
    dpo.bundle(share / "roster.pgbundle")
    staff = machine("staff")
    set_up(staff, share, keys)
    # A schedule of a few seconds stands in for six hours.
    save_setup(staff.home, replace(load_setup(staff.home), interval_hours=1 / 1800))
    settings = Settings(home=staff.home, roster_poll_seconds=0.2)
    _, token = PairRegistry(settings.pairs_file).add("test", ORIGIN)
    client = await aiohttp_client(serving_app(settings))
    await wait_for_people(client, 3)  # the pull on start installed the first bundle

    headers = {
        "Authorization": f"Bearer {token}",
        "Origin": ORIGIN,
        "Content-Type": "application/json",
    }

    async def check(text: str) -> tuple[int, dict]:
        response = await client.post(
            "/v1/check/post", data=json.dumps({"text": text}), headers=headers
        )
        return response.status, await response.json()

    statuses: list[int] = []
    stop = asyncio.Event()

    async def keep_checking() -> None:
        while not stop.is_set():
            statuses.append((await check("Lovely walk with Tobias Quennell today"))[0])
            await asyncio.sleep(0.05)

    worker = asyncio.create_task(keep_checking())
    try:
        assert (await check("Oisín Pemberton-Lowe"))[1]["verdict"] == "allow"
        dpo.store().save(make_roster(("Oisín", "Pemberton-Lowe"), ("Tobias", "Quennell")), "dpo")
        dpo.bundle(share / "roster.pgbundle")
        # The new roster has as many people as the old: the verdict shows the swap.
        async with asyncio.timeout(20):
            while (await check("Oisín Pemberton-Lowe"))[1]["verdict"] != "block":
                await asyncio.sleep(0.2)
    finally:
        stop.set()
        await worker
    assert len(statuses) > 5
    assert set(statuses) == {200}


async def test_without_a_bundle_source_the_puller_does_nothing(machine, aiohttp_client) -> None:
    staff = machine("staff")
    settings = Settings(home=staff.home, roster_poll_seconds=0.2)
    client = await aiohttp_client(serving_app(settings))
    response = await client.get("/v1/health")
    assert response.status == 200
    await asyncio.sleep(0.3)
    assert not (staff.home / "bundle-state.json").exists()


async def test_setup_made_after_the_server_started_is_picked_up(
    dpo: Machine, keys: Path, share: Path, machine, aiohttp_client
) -> None:
    staff = machine("staff")
    settings = Settings(home=staff.home, roster_poll_seconds=0.2)
    app = create_app(settings)
    app.cleanup_ctx.append(make_puller_ctx(recheck_seconds=0.2))
    client = await aiohttp_client(app)
    assert await people(client) == 0
    dpo.bundle(share / "roster.pgbundle")
    set_up(staff, share, keys)
    await wait_for_people(client, 3)
