"""A photo's lines of text are read by both of the photo worker's threads (companion/photos/
shared_work.py): each line once, their words in the page's order, a failure reported where the
words are answered, and the helping thread never left waiting once the words are done."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from companion.photos.shared_work import SharedWork

SECONDS = 10  # far longer than any of these jobs: a timeout here is a hang, not slowness


def test_jobs_are_shared_with_a_helping_thread_and_answered_in_order() -> None:
    work = SharedWork()
    both_running = threading.Barrier(2, timeout=SECONDS)
    threads: list[str] = []

    def job(i: int) -> str:
        threads.append(threading.current_thread().name)
        if i < 2:  # the first two can only end if two threads run them at once
            both_running.wait()
        return f"line {i}"

    with ThreadPoolExecutor(1, thread_name_prefix="helper") as pool:
        helping = pool.submit(work.help)
        answers = work.run_all([lambda i=i: job(i) for i in range(6)])
        work.close()
        helping.result(timeout=SECONDS)
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


def test_a_job_that_fails_in_the_helper_fails_the_caller_once_the_others_have_ended() -> None:
    work = SharedWork()
    failing_started = threading.Event()
    ended: list[int] = []

    def fails() -> None:
        failing_started.set()
        raise RuntimeError("the recogniser broke")

    def slow(i: int) -> int:
        failing_started.wait(SECONDS)
        ended.append(i)
        return i

    with ThreadPoolExecutor(1) as pool:
        helping = pool.submit(work.help)
        with pytest.raises(RuntimeError, match="the recogniser broke"):
            work.run_all([lambda: slow(0), fails, lambda: slow(2), lambda: slow(3)])
        assert sorted(ended) == [0, 2, 3]  # nothing still running when the failure is raised
        work.close()
        helping.result(timeout=SECONDS)


def test_the_helper_returns_when_the_words_are_done_even_with_no_lines() -> None:
    work = SharedWork()
    with ThreadPoolExecutor(1) as pool:
        helping = pool.submit(work.help)
        work.close()
        helping.result(timeout=SECONDS)
    closed_first = SharedWork()
    closed_first.close()
    closed_first.help()  # returns at once
