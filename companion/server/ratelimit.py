"""Token buckets: a paired client gets a sustained rate with some burst; beyond it, 429."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(slots=True)
class _Bucket:
    tokens: float
    updated: float


class RateLimiter:
    def __init__(
        self,
        per_second: float,
        burst: int,
        clock: Callable[[], float] = time.monotonic,
        max_keys: int = 1024,
    ) -> None:
        self.per_second = per_second
        self.burst = burst
        self._clock = clock
        self._buckets: dict[str, _Bucket] = {}
        self._max_keys = max_keys

    def allow(self, key: str, cost: float = 1.0) -> bool:
        """Take ``cost`` tokens if the bucket holds them; False (nothing taken) otherwise."""
        now = self._clock()
        bucket = self._buckets.get(key)
        if bucket is None:
            if len(self._buckets) >= self._max_keys:
                self._buckets.clear()
            bucket = self._buckets[key] = _Bucket(tokens=float(self.burst), updated=now)
        bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.updated) * self.per_second)
        bucket.updated = now
        if bucket.tokens < cost:
            return False
        bucket.tokens -= cost
        return True

    def charge(self, key: str, amount: float) -> None:
        """Take ``amount`` more tokens for work a request turned out to cost (long texts, many
        names found), so that the limit meters work rather than requests. The bucket may go
        below zero, down to one burst's worth: the client then waits that much longer."""
        bucket = self._buckets.get(key)
        if bucket is not None and amount > 0:
            bucket.tokens = max(-float(self.burst), bucket.tokens - amount)
