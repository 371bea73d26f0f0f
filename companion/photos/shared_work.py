"""One photo's lines of text, read by whichever of the photo worker's two threads is free.

The worker looks for faces and the crest on one thread while it finds the words on the other
(companion/photos/worker.py). The words' last step, reading each line, is most of a written
photo's time (a certificate's four lines: 170 ms of one core, its detector 72). Its threads
give little on this kind of machine: two threads inside one network took 64 ms where one took 73
for the text detector, for a third more CPU. So each network runs on one core, and the lines
are handed out one at a time: the thread that found them reads them, and the other joins in as
soon as it is done with the faces and the crest.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any


class SharedWork:
    """Jobs that ``run_all`` hands out and ``help`` takes, until ``close``."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        # Jobs not yet started: which run_all they belong to, and the job.
        self._waiting: list[tuple[object, Callable[[], None]]] = []
        self._closed = False

    def run_all(
        self, jobs: Sequence[Callable[[], Any]], *, here_only: Sequence[bool] = ()
    ) -> list[Any]:
        """Each job's answer, in order, once all have run: here, or in a thread in ``help``,
        except the jobs marked ``here_only`` (a line so wide that two at once would hold too much
        memory), which this thread runs first. When a job fails, the jobs not yet started are
        dropped and its exception is raised here once the ones running have ended."""
        answers: list[Any] = [None] * len(jobs)
        failures: list[BaseException] = []
        left = [len(jobs)]
        call = object()

        def task(index: int, job: Callable[[], Any]) -> Callable[[], None]:
            def run() -> None:
                try:
                    answers[index] = job()
                except BaseException as exc:  # raised in the caller's thread, not the helper's
                    failures.append(exc)
                    self._drop(call, left)
                finally:
                    with self._changed:
                        left[0] -= 1
                        self._changed.notify_all()

            return run

        alone = [i < len(here_only) and here_only[i] for i in range(len(jobs))]
        mine = [task(i, job) for i, job in enumerate(jobs) if alone[i]]
        with self._changed:
            self._waiting.extend((call, task(i, job)) for i, job in enumerate(jobs) if not alone[i])
            self._changed.notify_all()
        for run in mine:
            if failures:  # a failed job drops what is left: these were never waiting
                with self._changed:
                    left[0] -= 1
                continue
            run()
        while True:
            with self._changed:
                while not self._waiting_for(call) and left[0]:
                    self._changed.wait()
                if not left[0]:
                    break
                run = self._take(call)
            run()
        if failures:
            raise failures[0]
        return answers

    def help(self) -> None:
        """Run jobs as they are handed out, until ``close``."""
        while True:
            with self._changed:
                while not self._waiting and not self._closed:
                    self._changed.wait()
                if not self._waiting:
                    return
                _, run = self._waiting.pop(0)
            run()

    def close(self) -> None:
        """No more jobs: ``help`` returns once the one it is running, if any, has ended."""
        with self._changed:
            self._closed = True
            self._waiting.clear()  # none are left unless their run_all was interrupted
            self._changed.notify_all()

    def _waiting_for(self, call: object) -> bool:
        return any(owner is call for owner, _ in self._waiting)

    def _take(self, call: object) -> Callable[[], None]:
        index = next(i for i, (owner, _) in enumerate(self._waiting) if owner is call)
        return self._waiting.pop(index)[1]

    def _drop(self, call: object, left: list[int]) -> None:
        with self._changed:
            kept = [(owner, run) for owner, run in self._waiting if owner is not call]
            left[0] -= len(self._waiting) - len(kept)
            self._waiting[:] = kept
            self._changed.notify_all()
