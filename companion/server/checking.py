"""Checks run off the event loop, each within a time budget.

The event loop only parses requests and answers them; the engine runs in a small thread pool.
A check that has not finished within the budget is answered with a block ("too large to check"),
never an allow and never a hang, so /v1/health and other checks do not wait behind it and the
extension is told to hold the post back rather than timing out into its fail mode. (The thread
finishes its work in the background; Python threads cannot be stopped.)
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from companion.checks import Verdict
from companion.policy import PolicyBook

Request = TypeVar("Request")


class CheckRunner:
    def __init__(self, policy: PolicyBook, budget_seconds: float, workers: int = 2) -> None:
        self.policy = policy
        self.budget = budget_seconds
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="postguard-check")

    async def run(
        self,
        check: Callable[[Request], Verdict],
        request: Request,
        *,
        budget: float | None = None,
        on_timeout: Callable[[float], Verdict] | None = None,
    ) -> Verdict:
        """The check's verdict, or past the budget ``on_timeout(started)`` (default: a block)."""
        started = time.perf_counter()
        loop = asyncio.get_running_loop()
        future = loop.run_in_executor(self._pool, check, request)
        try:
            return await asyncio.wait_for(asyncio.shield(future), budget or self.budget)
        except TimeoutError:
            return (on_timeout or self.too_large)(started)

    def too_large(self, started: float) -> Verdict:
        finding = self.policy.rule("too-large").notice("personal", "block")
        return Verdict(findings=[finding], elapsed_ms=(time.perf_counter() - started) * 1000.0)

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
