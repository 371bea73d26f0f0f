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

from companion.distribution.config import SetupConfig, load_setup
from companion.distribution.errors import DistributionError
from companion.distribution.pull import RosterSink, pull_once
from companion.secrets import SecretStore, open_secret_store
from companion.settings import Settings

log = logging.getLogger("postguard.distribution")

SETTINGS_KEY = "settings"
SETUP_RECHECK_SECONDS = 300.0


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

    return RosterStore(settings.roster_dir, open_secret_store(settings.home))  # type: ignore[return-value]


def pull_and_log(settings: Settings, secrets: SecretStore, store: RosterSink) -> None:
    try:
        outcome = pull_once(settings.home, secrets, store)
    except DistributionError as exc:
        log.warning("roster bundle refused or unreachable, roster in force kept: %s", exc)
    except Exception as exc:  # a pull must never take the server down
        log.error("roster bundle pull failed: %s", type(exc).__name__)
    else:
        if outcome.changed:
            school = ", school profile and crest" if outcome.crest else ", school profile"
            log.info(
                "roster bundle %d installed (%d people%s)",
                outcome.version,
                outcome.people,
                school if outcome.school_profile else "",
            )
        if outcome.school_note:
            log.warning("roster bundle %d: %s", outcome.version, outcome.school_note)


def current_setup(settings: Settings) -> SetupConfig | None:
    try:
        return load_setup(settings.home)
    except DistributionError as exc:
        log.warning("%s", exc)
        return None


def make_puller_ctx(
    recheck_seconds: float = SETUP_RECHECK_SECONDS,
) -> Callable[[web.Application], AsyncIterator[None]]:
    """The cleanup_ctx, with how often to look for a setup made after the server started."""

    async def ctx(app: web.Application) -> AsyncIterator[None]:
        settings = app_settings(app)
        if settings.demo:
            yield
            return
        loop = asyncio.get_running_loop()

        async def run_forever() -> None:
            opened: tuple[SecretStore, RosterSink] | None = None
            while True:
                # Re-read each time: IT may run 'postguard setup' after the service started,
                # or change the interval.
                config = await loop.run_in_executor(None, current_setup, settings)
                if config is None:
                    await asyncio.sleep(recheck_seconds)
                    continue
                try:
                    opened = opened or (open_secret_store(settings.home), default_store(settings))
                except Exception as exc:
                    log.error("roster bundle puller cannot open the keyring or store: %s", exc)
                    await asyncio.sleep(recheck_seconds)
                    continue
                await loop.run_in_executor(None, pull_and_log, settings, *opened)
                await asyncio.sleep(config.interval_hours * 3600)

        task = asyncio.create_task(run_forever())
        yield
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task

    return ctx


async def bundle_puller_ctx(app: web.Application) -> AsyncIterator[None]:
    """aiohttp cleanup_ctx: pull on start and on schedule once a bundle source is set up."""
    async for _ in make_puller_ctx()(app):
        yield
