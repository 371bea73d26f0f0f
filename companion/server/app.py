"""The application factory: one place that wires routes, middlewares and state."""

from __future__ import annotations

from aiohttp import web

from companion.demo import demo_roster
from companion.distribution.schedule import bundle_puller_ctx
from companion.engine import Engine
from companion.instance import instance_key
from companion.server.access_log import install_data_free_error_logs
from companion.server.checking import CheckRunner
from companion.server.pairs import PairingWindow, PairRegistry
from companion.server.ratelimit import RateLimiter
from companion.server.roster_source import roster_watcher
from companion.server.routes import add_routes
from companion.server.security import channel_guard, never_crash
from companion.server.state import (
    ACTIVITY,
    CHECKS,
    ENGINE,
    IMAGE_CHECKS,
    INSTANCE_KEY,
    PAIR_RATE,
    PAIRING,
    PAIRS,
    RATE,
    SETTINGS,
    STATS,
)
from companion.server.warming import Activity, noting
from companion.settings import Settings

# The photo worker looks at one photo at a time; a second thread has the next one's bytes ready.
IMAGE_CHECK_THREADS = 2


def create_app(settings: Settings, engine: Engine | None = None) -> web.Application:
    """Build the companion's app.

    ``engine`` defaults to the demo roster with ``settings.demo``, otherwise to the roster
    store in the data directory, watched for new versions while the server runs.
    """
    install_data_free_error_logs()
    activity = Activity()  # for the warm-up, which runs while no request is (warming.py)
    app = web.Application(
        middlewares=[noting(activity), never_crash, channel_guard],
        # Each route reads its body within its own limit (routes.read_body); this is the largest.
        client_max_size=max(settings.max_body, settings.max_image_body),
    )
    app[SETTINGS] = settings
    app[ACTIVITY] = activity
    app[PAIRS] = PairRegistry(settings.pairs_file)
    app[PAIRING] = PairingWindow(settings.pairing_file, settings.pair_max_attempts)
    app[RATE] = RateLimiter(settings.rate_per_second, settings.rate_burst)
    app[PAIR_RATE] = RateLimiter(settings.pair_rate_per_second, settings.pair_rate_burst)
    app[STATS] = {}
    if engine is None:
        roster = demo_roster() if settings.demo else None
        engine = Engine(roster, home=settings.home)
        if not settings.demo:
            app.cleanup_ctx.append(roster_watcher)
            app.cleanup_ctx.append(bundle_puller_ctx)
    app[ENGINE] = engine
    app[CHECKS] = CheckRunner(engine.policy, settings.check_budget_seconds)
    app[IMAGE_CHECKS] = CheckRunner(
        engine.policy, settings.image_budget_seconds, workers=IMAGE_CHECK_THREADS
    )
    # Proves to local tools (doctor, install-service) that this is the data directory's companion.
    app[INSTANCE_KEY] = instance_key(settings.home, create=True) or b""
    app.on_cleanup.append(_close_checks)
    add_routes(app)
    return app


async def _close_checks(app: web.Application) -> None:
    app[CHECKS].close()
    app[IMAGE_CHECKS].close()
    app[ENGINE].close()
