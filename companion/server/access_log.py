"""An access log that records method, route, status and time: never bodies or query strings."""

from __future__ import annotations

from aiohttp import web
from aiohttp.abc import AbstractAccessLogger

KNOWN_PATHS = {"/v1/health", "/v1/pair", "/v1/hello", "/v1/check/post", "/v1/check/contact"}


class PrivacyAccessLogger(AbstractAccessLogger):
    def log(self, request: web.BaseRequest, response: web.StreamResponse, time: float) -> None:
        path = request.path if request.path in KNOWN_PATHS else "(other)"
        self.logger.info("%s %s %d %.1fms", request.method, path, response.status, time * 1000)
