"""The companion's loopback HTTP API (SPEC §4.2) and its channel security (§4.3)."""

from companion.server.app import create_app

__all__ = ["create_app"]
