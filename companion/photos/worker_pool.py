"""One worker process for a native detector: started when a photo needs it, replaced after a
number of photos (which bounds what a leaking library can hold), and stopped after a quiet
spell, so the companion, which runs all day, carries a detector's memory only while photos are
being checked. A crash in native code breaks the worker, never the companion.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any


class WorkerProcess:
    def __init__(
        self, warm_up: Callable[[], Any], *, tasks_per_worker: int, idle_seconds: float
    ) -> None:
        self._warm_up = warm_up
        self._tasks = tasks_per_worker
        self._idle = idle_seconds
        self._lock = threading.Lock()
        self._pool: ProcessPoolExecutor | None = None
        self._timer: threading.Timer | None = None
        self._warming: Future[Any] | None = None

    def start(self) -> None:
        """Start the worker now (and load what it needs), not on the first photo."""
        with self._lock:
            self._ensure()
            self._rest_later()

    def wait_ready(self, timeout: float | None = None) -> None:
        """Block until the worker has loaded what it needs (BrokenProcessPool if it could not)."""
        with self._lock:
            self._ensure()
            warming = self._warming
        if warming is not None:
            warming.result(timeout=timeout)

    def run(self, fn: Callable[..., Any], *args: Any) -> Any:
        """``fn(*args)`` in the worker. BrokenProcessPool if the worker died; the next call
        starts a fresh one."""
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()  # not stopped while it works
            pool = self._ensure()
            future = pool.submit(fn, *args)
        try:
            return future.result()
        except BrokenProcessPool:
            with self._lock:
                if self._pool is pool:
                    self._stop()
            raise
        finally:
            with self._lock:
                if self._pool is not None:
                    self._rest_later()

    def close(self) -> None:
        with self._lock:
            self._stop()

    def _ensure(self) -> ProcessPoolExecutor:
        if self._pool is None:
            context = multiprocessing.get_context("spawn")  # never fork a threaded server
            self._pool = ProcessPoolExecutor(
                max_workers=1, mp_context=context, max_tasks_per_child=self._tasks
            )
            self._warming = self._pool.submit(self._warm_up)
        return self._pool

    def _rest_later(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
        self._timer = threading.Timer(self._idle, self.close)
        self._timer.daemon = True
        self._timer.start()

    def _stop(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if self._pool is not None:
            # Waiting joins the pool's manager thread: left running, it is woken at interpreter
            # exit through a pipe already closed, and prints a traceback ("Bad file descriptor")
            # after a CLI command. The worker is idle or finishing one photo, so this is short.
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    @property
    def running(self) -> bool:
        return self._pool is not None
