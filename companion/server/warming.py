"""The service's warm-up, run on the event loop a step at a time while no request is.

Warming up (the word list, who the common first names belong to, the school's patterns: about
0.3 s at a trust's size) in a thread held the interpreter lock against the first requests:
pairing and the first check, arriving as the service starts, took 30-250 ms longer (measured at
400,000 people on a 2-core machine). Here each step (a few ms at most) runs only once no request
has been in flight for ``QUIET_SECONDS`` (and ``STEP_GAP_SECONDS`` after the last step, for the
loop to take in what came during it), so a request waits for one step at most, and a burst of
requests for none after its first. Under requests that never pause (a benchmark, a local program
holding one open) the warm-up waits: the checks then work out what they need as they go, as
they would without any warm-up (a millisecond or so for a common first name's first use).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Iterator

from aiohttp import web

log = logging.getLogger("postguard.server")

QUIET_SECONDS = 0.05
STEP_GAP_SECONDS = 0.002


class Activity:
    """The requests in flight, and when the last one came or went."""

    def __init__(self, quiet_seconds: float = QUIET_SECONDS) -> None:
        self.quiet_seconds = quiet_seconds
        self._in_flight = 0
        self._last = time.monotonic()

    def started(self) -> None:
        self._in_flight += 1
        self._last = time.monotonic()

    def ended(self) -> None:
        self._in_flight -= 1
        self._last = time.monotonic()

    async def quiet(self) -> None:
        """Returns once no request has been in flight for ``quiet_seconds``."""
        while (left := self._quiet_in()) > 0:
            await asyncio.sleep(left)

    def _quiet_in(self) -> float:
        if self._in_flight:
            return self.quiet_seconds
        return self._last + self.quiet_seconds - time.monotonic()


def noting(activity: Activity) -> Callable[..., Awaitable[web.StreamResponse]]:
    """A middleware that tells ``activity`` of every request."""

    @web.middleware
    async def noted(
        request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        activity.started()
        try:
            return await handler(request)
        finally:
            activity.ended()

    return noted


async def warm_between_requests(steps: Iterator[None], activity: Activity) -> None:
    """Runs ``steps`` (a warm-up's) one at a time, each once requests are quiet. A step that
    fails ends the warm-up (the checks then do that work themselves, and meet the same error)."""
    try:
        while True:
            await activity.quiet()
            if next(steps, StopIteration) is StopIteration:
                return
            # What came in during the step is read before the next: one pass of the loop is
            # not enough (accepting, reading, then the handler, each a pass; found in review).
            await asyncio.sleep(STEP_GAP_SECONDS)
    except Exception as exc:  # its type only: a message could quote the school's profile
        log.warning("warming up stopped early: %s", type(exc).__name__)
