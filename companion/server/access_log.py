"""Server logs that record method, route, status and time: never bodies, headers or paths.

aiohttp's own error log quotes the bytes it could not parse (a bad chunk size is the body itself;
an over-long header line is the header), with a traceback. ``DataFreeErrors`` cuts every record
from aiohttp's server loggers down to its message and the error's type.
"""

from __future__ import annotations

import logging

from aiohttp import web
from aiohttp.abc import AbstractAccessLogger

from companion.server.contract import routes

# The contract's routes are named; any other path (which may carry anything) is "(other)". Read
# from the contract, so a new route is named without a second list (POST /v1/check/image was
# logged as "(other)" while this list was kept by hand).
KNOWN_PATHS = frozenset(route.path for route in routes())
# aiohttp logs parse and handler errors here, quoting request bytes.
AIOHTTP_ERROR_LOGGERS = ("aiohttp.server", "aiohttp.web")


class PrivacyAccessLogger(AbstractAccessLogger):
    def log(self, request: web.BaseRequest, response: web.StreamResponse, time: float) -> None:
        path = request.path if request.path in KNOWN_PATHS else "(other)"
        self.logger.info("%s %s %d %.1fms", request.method, path, response.status, time * 1000)


class DataFreeErrors(logging.Filter):
    """Keep a record's fixed message and the error's type; drop its arguments and traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        kind = record.exc_info[1] if record.exc_info else None
        text = record.msg if isinstance(record.msg, str) else type(record.msg).__name__
        if record.args:
            text = text.split("%", 1)[0].removesuffix(" from ").rstrip(" :")
        if kind is not None:
            status = getattr(kind, "code", None) or getattr(kind, "status", None)
            text += f" ({type(kind).__name__}{f' {status}' if status else ''})"
        record.msg, record.args = text.replace("%", "%%"), ()
        record.exc_info = record.exc_text = record.stack_info = None
        return True


def install_data_free_error_logs() -> None:
    """Idempotent: put the filter on aiohttp's error loggers once per process."""
    for name in AIOHTTP_ERROR_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, DataFreeErrors) for f in logger.filters):
            logger.addFilter(DataFreeErrors())
