"""Where the running server's roster comes from, and how it notices a new version."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
from collections.abc import AsyncIterator

from aiohttp import web

from companion.engine.snapshot_store import load_snapshot
from companion.roster.store import RosterStore, RosterStoreError, open_roster_store
from companion.secrets import SecretsUnavailableError
from companion.server.state import ENGINE, SETTINGS

log = logging.getLogger("postguard.server")


def open_store(app: web.Application) -> RosterStore:
    return open_roster_store(app[SETTINGS])


async def _reload_if_changed(
    app: web.Application, store: RosterStore, seen: str | None, *, warm: bool = True
) -> str | None:
    """Loads the store's current version when it is not ``seen``. ``warm``: its name index is
    warmed before it is used (the one loaded as the service starts is warmed between its first
    requests instead: cli/serve_cmd.py)."""
    loop = asyncio.get_running_loop()
    version = await loop.run_in_executor(None, store.current_version)
    if version is None or version == seen:
        return seen
    engine = app[ENGINE]
    # Load the new snapshot off the loop; swapping it in is one assignment.
    snapshot = await loop.run_in_executor(None, load_snapshot, store)
    if snapshot is not None:
        if warm:
            # A new version while serving (or the first, imported after the service started:
            # found in review): its common first names are worked out (~0.2 s at 400,000
            # people) before it takes over, as `serve` does for the one it starts with.
            await loop.run_in_executor(None, snapshot.names.warm)
        engine.snapshot = snapshot
        # What is alive now (the snapshot, the rules' tables) lives as long as the process:
        # the cyclic collector never walks it again, so checks see no long pauses.
        gc.freeze()
        info = snapshot.roster
        log.info("roster version %s loaded (%d people)", info.version, info.people)
    return version


def _describe(exc: Exception) -> str:
    """Our own errors carry messages written for the log; anything else only its type, since
    an unexpected error's message could quote roster data."""
    if isinstance(exc, RosterStoreError | SecretsUnavailableError):
        return str(exc)
    return type(exc).__name__


def _short(exc: Exception) -> str:
    """What health and verdicts may say about a load failure: its first clause, no data."""
    return _describe(exc).split(". ")[0].split("; ")[0][:160]


async def roster_watcher(app: web.Application) -> AsyncIterator[None]:
    """cleanup_ctx: load the stored roster at start, then poll for new versions."""
    settings = app[SETTINGS]
    store = open_store(app)
    seen: str | None = None
    try:
        seen = await _reload_if_changed(app, store, seen, warm=False)
    except Exception as exc:
        log.error("roster could not be loaded: %s", _describe(exc))
        app[ENGINE].roster_problem = f"the stored roster could not be opened ({_short(exc)})"

    async def poll() -> None:
        nonlocal seen
        while True:
            await asyncio.sleep(settings.roster_poll_seconds)
            try:
                seen = await _reload_if_changed(app, store, seen)
            except Exception as exc:
                log.error("roster reload failed, keeping version in force: %s", _describe(exc))

    task = asyncio.create_task(poll())
    yield
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
