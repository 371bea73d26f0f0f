"""The companion's loopback HTTP API (server/http_contract.json) and its channel security
(server/security.py)."""

from companion.server.app import create_app

__all__ = ["create_app"]
