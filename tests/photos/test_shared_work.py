"""A photo's lines of text are read by both of the photo worker's threads (companion/photos/
shared_work.py): each line once, their words in the page's order, a line too wide to read beside
another read alone, a failure reported where the words are answered without reading the lines
left, and the helping thread never left waiting once the words are done."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager

import pytest

from companion.photos.shared_work import SharedWork

SECONDS = 10  # far longer than any of these jobs: a timeout here is a hang, not slowness


@contextmanager
def helped(work: SharedWork) -> Iterator[Future[None]]:
    """A second thread helping with ``work``, told the work is done whatever the test did."""
    with ThreadPoolExecutor(1, thread_name_prefix="helper") as pool:
        helping = pool.submit(work.help)
        try:
            yield helping
        finally:
            work.close()
        helping.result(timeout=SECONDS)


def test_jobs_are_shared_with_a_helping_thread_and_answered_in_order() -> None:
    work = SharedWork()
    both_running = threading.Barrier(2, timeout=SECONDS)
    threads: list[str] = []

    def job(i: int) -> str:
        threads.append(threading.current_thread().name)
        if i < 2:  # the first two can only end if two threads run them at once
            both_running.wait()
        return f"line {i}"

    with helped(work):
        answers = work.run_all([lambda i=i: job(i) for i in range(6)])
    assert answers == [f"line {i}" for i in range(6)]
    assert len(threads) == 6  # each job ran once
    assert any(t.startswith("helper") for t in threads)
    assert threading.current_thread().name in threads


def test_alone_every_job_runs_in_the_calling_thread() -> None:
    work = SharedWork()
    here = threading.current_thread().name
    assert work.run_all([lambda i=i: (i, threading.current_thread().name) for i in range(3)]) == [
        (0, here),
        (1, here),
        (2, here),
    ]
    assert work.run_all([]) == []


def test_jobs_kept_for_the_calling_thread_never_run_in_the_helper() -> None:
    """A line so wide that two at once would hold too much memory is read by the thread that
    found it, first, while the helper takes the others."""
    work = SharedWork()
    ran: dict[int, str] = {}
    helper_started = threading.Event()

    def job(i: int) -> int:
        ran[i] = threading.current_thread().name
        if threading.current_thread().name.startswith("helper"):
            helper_started.set()
        elif i == 0:  # the wide line: the helper takes a narrow one meanwhile
            assert helper_started.wait(SECONDS)
        return i

    with helped(work):
        answers = work.run_all(
            [lambda i=i: job(i) for i in range(5)], here_only=[True, False, True, False, False]
        )
    assert answers == list(range(5))
    here = threading.current_thread().name
    assert ran[0] == here and ran[2] == here
    assert any(name.startswith("helper") for name in ran.values())


def test_a_failure_drops_the_lines_not_yet_started_and_is_raised_once_the_others_end() -> None:
    """The widest line goes first: if reading it fails (memory), the others are not read before
    the words are answered as failed (the worker would otherwise spend its time budget on them)."""
    work = SharedWork()
    failing_started = threading.Event()
    ended: list[int] = []

    def fails() -> None:
        failing_started.set()
        raise MemoryError("the recogniser ran out of memory")

    def slow(i: int) -> int:
        failing_started.wait(SECONDS)
        time.sleep(0.01)
        ended.append(i)
        return i

    jobs: list[Callable[[], object]] = [lambda: slow(0), fails]
    jobs += [lambda i=i: slow(i) for i in range(2, 40)]
    with helped(work), pytest.raises(MemoryError, match="ran out of memory"):
        work.run_all(jobs)
    # the one running beside the failure ended; at most one more was taken before the rest
    # were dropped, of 38
    assert 0 in ended and len(ended) <= 2


def test_a_failure_in_a_job_kept_here_skips_the_rest() -> None:
    work = SharedWork()
    ran: list[int] = []

    def job(i: int) -> int:
        ran.append(i)
        if i == 1:
            raise ValueError("a line that cannot be read")
        return i

    with pytest.raises(ValueError, match="cannot be read"):
        work.run_all([lambda i=i: job(i) for i in range(6)], here_only=[True] * 6)
    assert ran == [0, 1]


def test_the_helper_returns_when_the_words_are_done_even_with_no_lines() -> None:
    work = SharedWork()
    with helped(work):
        pass
    closed_first = SharedWork()
    closed_first.close()
    closed_first.help()  # returns at once
