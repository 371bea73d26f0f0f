"""The companion's loopback HTTP API (server/http_contract.json) and its channel security
(server/security.py)."""

from __future__ import annotations

from typing import Any

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    # create_app is imported when asked for: the commands that use only the request validation
    # or the pairing registry (check, pair) and `postguard --help` then load neither aiohttp
    # nor the engine through this package (0.44 s of the help's 0.8).
    if name == "create_app":
        from companion.server.app import create_app

        return create_app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
