"""The detectors' worker process: started on demand, replaced after a number of photos, stopped
when idle, and a crash in it never leaves the photo checks broken for good."""

from __future__ import annotations

import time
from concurrent.futures.process import BrokenProcessPool

import pytest

from companion.photos.worker_pool import WorkerProcess
from tests.photos import worker_jobs


def test_it_is_replaced_after_its_share_of_photos_and_stops_when_idle() -> None:
    worker = WorkerProcess(worker_jobs.ready, tasks_per_worker=3, idle_seconds=1.0)
    try:
        first = [worker.run(worker_jobs.pid) for _ in range(2)]
        assert first[0] == first[1]
        # ready() counted as one task: the third job runs in a fresh process
        assert worker.run(worker_jobs.pid) != first[0]
        assert worker.running
        time.sleep(2.0)
        assert not worker.running  # the quiet spell stopped it: no memory held
        assert worker.run(worker_jobs.pid) not in first  # and the next photo starts another
    finally:
        worker.close()


def test_a_crashed_worker_fails_that_photo_only() -> None:
    worker = WorkerProcess(worker_jobs.ready, tasks_per_worker=50, idle_seconds=30.0)
    try:
        before = worker.run(worker_jobs.pid)
        with pytest.raises(BrokenProcessPool):
            worker.run(worker_jobs.die)
        assert worker.run(worker_jobs.pid) != before
    finally:
        worker.close()
