"""The photo worker: one process that holds the detectors, started when a photo needs it (or
when the server starts), replaced after a number of photos (which bounds what a leaking library
can hold) and stopped after a quiet spell, so the companion, which runs all day, carries the
detectors' memory only while photos are being checked. A crash in native code breaks the
worker, never the companion: the photo it was checking is reported as not checked and the next
photo starts a fresh worker.

A photo is sent once (its bytes, through a pipe: never a file) and each part asked for (faces,
words, crest) is answered on its own, as soon as it is ready, so a caller with a time budget can
use the faces and the crest while the words are still being read. What runs in the process is
a "kit" module, named, with ``start(parts) -> {part: why missing}``,
``look(request, reply, spawn)`` and optionally ``prepare()`` (run first, before the worker has
any other thread) and ``trim()`` (``companion.photos.worker``; the tests use a small one).
"""

from __future__ import annotations

import contextlib
import importlib
import itertools
import multiprocessing
import os
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from companion import native_heap
from companion.child_process import ignore_ctrl_c, started_safely

READY = "ready"
IMAGE = "image"  # the part every photo has: it fails when the bytes are not an image we check
# How far below the companion the worker runs: its seconds of loading and its photos give way to
# the text checks staff wait on as they type (Unix nice; Windows' "below normal" class).
NICENESS = 10
# How often the thread that reads the worker's answers looks whether a photo holds it too long.
_WATCH_SECONDS = 0.5
_BELOW_NORMAL_PRIORITY_CLASS = 0x4000


class PhotoWorker:
    def __init__(
        self,
        kit: str,
        parts: tuple[str, ...],
        *,
        photos_per_worker: int,
        idle_seconds: float,
        hold_seconds: float,
    ) -> None:
        self._kit = kit
        self._parts = parts
        self._per_worker = photos_per_worker
        self._idle = idle_seconds
        self._hold = hold_seconds
        # Reentrant: a future failed under it (a pipe that broke as a photo was sent) runs
        # _finished in the same thread.
        self._lock = threading.RLock()
        self._current: _Process | None = None
        self._timer: threading.Timer | None = None
        self._ids = itertools.count()
        self._closed = False  # by close(): no successor is started for a retired worker

    def start(self) -> None:
        """Start the worker now (and load what it needs), not on the first photo."""
        with self._lock:
            self._closed = False
            self._ensure()
            self._rest_later()

    def wait_ready(self, timeout: float | None = None) -> dict[str, str]:
        """Block until the worker has loaded what it needs; returns each part that cannot work
        on this machine and why (BrokenProcessPool if the worker could not start at all)."""
        with self._lock:
            self._closed = False
            ready = self._ensure().ready
            self._rest_later()
        return ready.result(timeout=timeout)

    def submit(self, request: dict[str, Any]) -> dict[str, Future[Any]]:
        """Send one photo; a future for each of ``request["parts"]`` (and ``"image"``, which
        fails when the bytes are not an image). A future fails with BrokenProcessPool if the
        worker dies first, and with RuntimeError(reason) if its part could not be checked."""
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()  # not stopped while it works
                self._timer = None
            self._closed = False
            process = self._ensure()
            futures = process.send(next(self._ids), request)
            if process.sent >= self._per_worker:
                # Its share is done: it stops once this photo is answered, and a fresh process
                # starts loading then, for the next photo.
                process.retire(self._replace)
                self._current = None
        for future in futures.values():
            future.add_done_callback(self._finished)
        return futures

    def close(self) -> None:
        with self._lock:
            self._closed = True
            process = self._detach()
        if process is not None:
            process.stop()  # outside the lock: its photos' callbacks take it

    def _rest(self) -> None:
        """A quiet spell: the worker stops, and the next photo starts another."""
        with self._lock:
            if self._current is not None and self._current.busy:
                return  # a photo came as the timer fired: it rests after that one
            process = self._detach()
        if process is not None:
            process.stop()

    @property
    def running(self) -> bool:
        with self._lock:
            return self._current is not None and self._current.alive

    def _finished(self, _: Future[Any]) -> None:
        with self._lock:
            if self._current is not None and not self._current.alive:
                self._current = None  # it died: the next photo starts another
            if self._current is not None and not self._current.busy:
                self._rest_later()

    def _replace(self) -> None:
        with self._lock:
            if self._current is None and not self._closed:
                self._ensure()
                self._rest_later()

    def _ensure(self) -> _Process:
        if self._current is None or not self._current.alive:
            self._current = _Process(self._kit, self._parts, self._hold)
        return self._current

    def _rest_later(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
        self._timer = threading.Timer(self._idle, self._rest)
        self._timer.daemon = True
        self._timer.start()

    def _detach(self) -> _Process | None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        process, self._current = self._current, None
        return process


class _Process:
    """One worker process, the pipe to it and the thread that reads its answers."""

    def __init__(self, kit: str, parts: tuple[str, ...], hold: float) -> None:
        context = multiprocessing.get_context("spawn")  # never fork a threaded server
        self._conn, child = context.Pipe()
        self._process = context.Process(
            target=serve, args=(child, kit, parts), name="postguard-photos", daemon=True
        )
        # nothing from the current directory runs with the photos; malloc in 2 MB pages
        with started_safely(), native_heap.huge_pages_for_children():
            self._process.start()
        child.close()
        self.ready: Future[dict[str, str]] = Future()
        self.sent = 0
        self._lock = threading.Lock()
        self._pending: dict[int, dict[str, Future[Any]]] = {}
        self._retiring = False
        self._on_retired: Callable[[], None] | None = None
        self._hold = hold
        # When the photo it is on now was started (None: no photo, or still loading): one photo
        # that holds it longer than ``hold`` has it stopped, so the photos after it get a fresh
        # worker instead of waiting behind it.
        self._since: float | None = None
        self._why_broken = "the photo worker stopped unexpectedly"
        self.alive = True
        self._reader = threading.Thread(target=self._read, name="postguard-photos", daemon=True)
        self._reader.start()

    @property
    def busy(self) -> bool:
        with self._lock:
            return bool(self._pending)

    def send(self, job: int, request: dict[str, Any]) -> dict[str, Future[Any]]:
        futures: dict[str, Future[Any]] = {part: Future() for part in (IMAGE, *request["parts"])}
        with self._lock:
            if not self.alive:
                _fail(futures, BrokenProcessPool("the photo worker stopped"))
                return futures
            self._pending[job] = dict(futures)  # answered parts leave this copy, not the caller's
            self.sent += 1
            if self._since is None and self.ready.done():
                self._since = time.monotonic()
        try:
            self._conn.send((job, request))
        except (OSError, ValueError, TypeError):  # TypeError: closed as the process died
            self._broken()
        return futures

    def retire(self, then: Callable[[], None]) -> None:
        """Stop once every photo sent has been answered, then call ``then``."""
        with self._lock:
            self._retiring = True
            self._on_retired = then
            idle = not self._pending
        if idle:
            threading.Thread(target=self._retired, daemon=True).start()

    def stop(self) -> None:
        with self._lock:
            was_alive, self.alive = self.alive, False
        if was_alive:
            with contextlib.suppress(OSError, ValueError):
                self._conn.send(None)
        self._process.join(timeout=5)
        if self._process.is_alive():
            self._process.kill()
            self._process.join()
        self._broken()
        if threading.current_thread() is not self._reader:
            self._reader.join(timeout=5)

    def _read(self) -> None:
        while True:
            try:
                if not self._conn.poll(_WATCH_SECONDS):
                    self._watch()
                    continue
                message = self._conn.recv()
            except (EOFError, OSError):
                break
            if message[0] == READY:
                _, ok, value = message
                if ok:
                    self.ready.set_result(value)
                else:
                    self.ready.set_exception(BrokenProcessPool(value))
                with self._lock:
                    self._since = time.monotonic() if self._pending else None
                continue
            job, part, ok, value = message
            with self._lock:
                futures = self._pending.get(job, {})
                if part == IMAGE and not ok:  # not an image: no other part is answered
                    answered = list(futures.values())
                    futures.clear()
                else:
                    answered = [futures.pop(part)] if part in futures else []
                if not futures and self._pending.pop(job, None) is not None:
                    self._since = time.monotonic() if self._pending else None  # the next photo
                drained = self._retiring and not self._pending
            for future in answered:
                if ok:
                    future.set_result(value)
                else:
                    future.set_exception(RuntimeError(value))
            if drained:
                threading.Thread(target=self._retired, daemon=True).start()
        self._broken()
        with contextlib.suppress(OSError):
            self._conn.close()

    def _watch(self) -> None:
        """Stop the process if one photo has held it too long (its library stuck on a hostile
        image, say): that photo and any queued behind it are reported as not checked, and the
        next photo starts a fresh worker."""
        with self._lock:
            held = self._since is not None and time.monotonic() - self._since > self._hold
            if held:
                self._why_broken = (
                    f"a photo held the photo worker over {self._hold:.0f} s: it was restarted"
                )
        if held:
            self._process.kill()  # the pipe then closes: _read ends and fails what was waiting

    def _retired(self) -> None:
        self.stop()
        if self._on_retired is not None:
            self._on_retired()

    def _broken(self) -> None:
        """The process is gone: every photo still waiting fails (reported as not checked)."""
        with self._lock:
            self.alive = False
            pending, self._pending = self._pending, {}
        for futures in pending.values():
            _fail(futures, BrokenProcessPool(self._why_broken))
        if not self.ready.done():
            self.ready.set_exception(BrokenProcessPool(self._why_broken))


def _fail(futures: dict[str, Future[Any]], exc: BaseException) -> None:
    for future in futures.values():
        if not future.done():
            future.set_exception(exc)


def serve(conn: Any, kit_name: str, parts: tuple[str, ...]) -> None:
    """The worker process: load the kit beside the loop, then answer photos one at a time
    until told to stop (None) or the companion goes away (the pipe closes)."""
    ignore_ctrl_c()  # the companion stops it
    lower_priority()  # first: the threads started below (and the libraries') inherit it
    kit = importlib.import_module(kit_name)
    if hasattr(kit, "prepare"):
        kit.prepare()  # before any thread: settings such as malloc's arenas bind threads made later
    lock = threading.Lock()

    def send(message: tuple[Any, ...]) -> None:
        # The companion may have stopped this worker meanwhile (models still loading when it
        # shut down): nobody is left to answer, and the loop ends at its next receive.
        with lock, contextlib.suppress(OSError, ValueError):
            conn.send(message)

    def starting() -> None:
        try:
            missing = kit.start(parts)
        except Exception as exc:
            send((READY, False, f"{type(exc).__name__}: {exc}"))
        else:
            send((READY, True, missing))

    threading.Thread(target=starting, daemon=True).start()
    helper = ThreadPoolExecutor(max_workers=1, thread_name_prefix="photo-helper")
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            break
        if message is None:
            break
        job, request = message

        def reply(part: str, ok: bool, value: Any, job: int = job) -> None:
            send((job, part, ok, value))

        kit.look(request, reply, helper.submit)
        if not conn.poll() and hasattr(kit, "trim"):
            kit.trim()  # nothing waiting: hand what the photo used back to the system
    helper.shutdown(wait=False, cancel_futures=True)
    conn.close()


def lower_priority() -> None:
    """Run this process below the companion (see NICENESS); where that cannot be done, it
    runs as before."""
    with contextlib.suppress(OSError, AttributeError):
        if sys.platform == "win32":
            import ctypes

            kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
            kernel32.SetPriorityClass(kernel32.GetCurrentProcess(), _BELOW_NORMAL_PRIORITY_CLASS)
        else:
            os.nice(NICENESS)
