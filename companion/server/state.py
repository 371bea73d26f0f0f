"""Typed keys for what the application holds (aiohttp ``AppKey``): no module globals."""

from __future__ import annotations

from aiohttp import web

from companion.engine import Engine
from companion.server.pairs import Pair, PairingWindow, PairRegistry
from companion.server.ratelimit import RateLimiter
from companion.settings import Settings

SETTINGS = web.AppKey("settings", Settings)
ENGINE = web.AppKey("engine", Engine)
PAIRS = web.AppKey("pairs", PairRegistry)
PAIRING = web.AppKey("pairing", PairingWindow)
RATE = web.AppKey("rate", RateLimiter)
PAIR_RATE = web.AppKey("pair_rate", RateLimiter)
STATS = web.AppKey("stats", dict)

__all__ = [
    "ENGINE",
    "PAIRING",
    "PAIRS",
    "PAIR_RATE",
    "RATE",
    "SETTINGS",
    "STATS",
    "Pair",
]
