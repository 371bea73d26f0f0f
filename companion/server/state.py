"""Typed keys for what the application holds (aiohttp ``AppKey``): no module globals."""

from __future__ import annotations

from aiohttp import web

from companion.engine import Engine
from companion.server.checking import CheckRunner
from companion.server.pairs import Pair, PairingWindow, PairRegistry
from companion.server.ratelimit import RateLimiter
from companion.server.warming import Activity
from companion.settings import Settings

SETTINGS = web.AppKey("settings", Settings)
ACTIVITY = web.AppKey("activity", Activity)
ENGINE = web.AppKey("engine", Engine)
PAIRS = web.AppKey("pairs", PairRegistry)
PAIRING = web.AppKey("pairing", PairingWindow)
RATE = web.AppKey("rate", RateLimiter)
PAIR_RATE = web.AppKey("pair_rate", RateLimiter)
STATS = web.AppKey("stats", dict)
CHECKS = web.AppKey("checks", CheckRunner)
# Photos' checks have threads of their own: each holds its thread while the photo worker looks,
# and a post's words must never wait behind them.
IMAGE_CHECKS = web.AppKey("image_checks", CheckRunner)
INSTANCE_KEY = web.AppKey("instance_key", bytes)
# The paired client a request came from, set by the channel guard (a request key, not the app's).
PAIR_ID = web.RequestKey("pair_id", str)

__all__ = [
    "ACTIVITY",
    "CHECKS",
    "ENGINE",
    "IMAGE_CHECKS",
    "INSTANCE_KEY",
    "PAIRING",
    "PAIRS",
    "PAIR_ID",
    "PAIR_RATE",
    "RATE",
    "SETTINGS",
    "STATS",
    "Pair",
]
