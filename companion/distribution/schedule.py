"""The running server's puller: on start, then every few hours, off the event loop.

Checks never wait for a pull: the pull runs in a worker thread and only writes a new version to
the roster store; the server's own watcher swaps the new snapshot in with one assignment.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable
from typing import Any

from aiohttp import web

from companion.distribution.config import load_setup
from companion.distribution.errors import DistributionError
from companion.distribution.pull import RosterSink, pull_once
from companion.secrets import KeyringSecretStore, SecretStore
from companion.settings import Settings

log = logging.getLogger("postguard.distribution")

SETTINGS_KEY = "settings"


def app_settings(app: web.Application) -> Settings:
    """The app's Settings, whether stored under the plain key or under a typed AppKey."""
    value: Any = app.get(SETTINGS_KEY)
    if isinstance(value, Settings):
        return value
    for item in app.values():
        if isinstance(item, Settings):
            return item
    raise LookupError("the application carries no Settings")


def default_store(settings: Settings) -> RosterSink:
    from companion.roster.store import RosterStore

    return RosterStore(settings.roster_dir, KeyringSecretStore())  # type: ignore[return-value]


def pull_and_log(settings: Settings, secrets: SecretStore, store: RosterSink) -> None:
    try:
        outcome = pull_once(settings.home, secrets, store)
    except DistributionError as exc:
        log.warning("roster bundle refused or unreachable, roster in force kept: %s", exc)
    except Exception as exc:  # a pull must never take the server down
        log.error("roster bundle pull failed: %s", type(exc).__name__)
    else:
        if outcome.changed:
            log.info("roster bundle %d installed (%d people)", outcome.version, outcome.people)


def make_puller_ctx(
    open_secrets: Callable[[], SecretStore] = KeyringSecretStore,
    open_store: Callable[[Settings], RosterSink] = default_store,
) -> Callable[[web.Application], AsyncIterator[None]]:
    async def ctx(app: web.Application) -> AsyncIterator[None]:
        settings = app_settings(app)
        try:
            config = None if settings.demo else load_setup(settings.home)
        except DistributionError as exc:
            log.warning("%s", exc)
            config = None
        if config is None:
            yield
            return
        loop = asyncio.get_running_loop()
        try:
            secrets, store = open_secrets(), open_store(settings)
        except Exception as exc:
            log.error("roster bundle puller not started: %s", exc)
            yield
            return
        interval = config.interval_hours * 3600

        async def run_forever() -> None:
            while True:
                await loop.run_in_executor(None, pull_and_log, settings, secrets, store)
                await asyncio.sleep(interval)

        task = asyncio.create_task(run_forever())
        yield
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task

    return ctx


async def bundle_puller_ctx(app: web.Application) -> AsyncIterator[None]:
    """aiohttp cleanup_ctx: nothing without a bundle source; else pull on start and on schedule."""
    async for _ in make_puller_ctx()(app):
        yield
