"""Jobs for the worker-process tests: importable by a spawned child, importing nothing of ours."""

from __future__ import annotations

import os


def ready() -> bool:
    return True


def pid() -> int:
    return os.getpid()


def die() -> None:
    os._exit(3)  # what a crash in native code looks like from outside
