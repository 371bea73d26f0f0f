"""The service's warm-up (``Engine.warm_text_steps``, run between requests, for as long as they
keep coming) holds no roster between its steps: a roster the watcher replaces meanwhile is let
go at once, and the rest of its steps are not run (the watcher warms the new one itself). And a
first roster imported while the service runs is warmed before it is used.

Before (found in review): the warm-up took the name index once and kept it to its end, so a
replaced roster's people (a trust's: hundreds of MB; people a re-import removed) stayed in
memory for as long as requests kept the warm-up waiting, which a local program can do at will;
and a roster loaded only after the service started (none at start, or the first load failed)
was never warmed."""

from __future__ import annotations

import asyncio
import gc
import weakref
from pathlib import Path
from typing import Any

from companion.engine import Engine
from companion.engine.snapshot import Snapshot
from companion.roster.model import Person, Role, Roster
from companion.roster.store import open_roster_store
from companion.server import create_app
from companion.server.state import ENGINE
from companion.settings import Settings

FIRST_NAMES = ("Olivia", "Amelia", "Isla", "Jack", "Harry", "Oscar")


def _roster(tag: str) -> Roster:
    # Each first name shared by 250 people (more than COMMON_FIRST_NAME): a warm-up step each.
    people = [
        Person(f"{tag}-{n}", Role.PUPIL, FIRST_NAMES[n % len(FIRST_NAMES)], f"Zed{tag}{n}")
        for n in range(250 * len(FIRST_NAMES))
    ]
    return Roster(people=tuple(people))


def test_a_roster_replaced_while_warming_up_is_let_go_at_once() -> None:
    engine = Engine(_roster("old"))
    steps = engine.warm_text_steps()
    next(steps)  # the word list
    next(steps)  # the name lists
    next(steps)  # the first of the old index's common first names
    old = weakref.ref(engine.snapshot.names)

    engine.snapshot = Snapshot.build(_roster("new"))  # the roster watcher's reload
    gc.collect()
    assert old() is None, "the warm-up, waiting for a quiet moment, holds the replaced roster"
    new = engine.snapshot.names
    for _ in steps:  # the rest: the school's patterns, none of the old roster's names
        pass
    assert not new._first  # the watcher warms the new one; the old plan is not run on it


async def test_a_first_roster_imported_while_serving_is_warmed_before_it_is_used(
    aiohttp_client: Any, postguard_home: Path
) -> None:
    settings = Settings(home=postguard_home, roster_poll_seconds=0.1)
    client = await aiohttp_client(create_app(settings))
    engine = client.server.app[ENGINE]
    assert not engine.snapshot.loaded  # nothing imported yet
    open_roster_store(settings).save(_roster("first"), "dpo")
    async with asyncio.timeout(30):
        while not engine.snapshot.loaded:
            await asyncio.sleep(0.05)
    assert {name.lower() for name in FIRST_NAMES} <= set(engine.snapshot.names._first)
