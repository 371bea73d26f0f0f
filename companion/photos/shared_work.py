"""One photo's lines of text, read by whichever of the photo worker's two threads is free.

The worker looks for faces and the crest on one thread while it finds the words on the other
(companion/photos/worker.py). The words' last step, reading each line, is most of a written
photo's time (a certificate's four lines: 170 ms of one core, its detector 72). Its threads
give little on this kind of machine: two threads inside one network took 64 ms where one took 73
for the text detector, for a third more CPU. So each network runs on one thread, and the lines
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
        self._waiting: list[Callable[[], None]] = []
        self._closed = False

    def run_all(self, jobs: Sequence[Callable[[], Any]]) -> list[Any]:
        """Each job's answer, in order, once all have run, here or in a thread in ``help``. The
        first job's exception to be raised is raised here, once the others have ended."""
        answers: list[Any] = [None] * len(jobs)
        failures: list[BaseException] = []
        left = [len(jobs)]

        def task(index: int, job: Callable[[], Any]) -> Callable[[], None]:
            def run() -> None:
                try:
                    answers[index] = job()
                except BaseException as exc:  # raised in the caller's thread, not the helper's
                    failures.append(exc)
                finally:
                    with self._changed:
                        left[0] -= 1
                        self._changed.notify_all()

            return run

        with self._changed:
            self._waiting.extend(task(i, job) for i, job in enumerate(jobs))
            self._changed.notify_all()
        while True:
            with self._changed:
                while not self._waiting and left[0]:
                    self._changed.wait()
                if not left[0]:
                    break
                run = self._waiting.pop(0)
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
                run = self._waiting.pop(0)
            run()

    def close(self) -> None:
        """No more jobs: ``help`` returns once it has none."""
        with self._changed:
            self._closed = True
            self._changed.notify_all()
