"""Starting Postguard's own helper processes (the photo worker, an import's name tables) so that
nothing but Postguard runs in them and a Ctrl-C ends them quietly.

Both are started by multiprocessing's "spawn" (the same on every platform), whose new interpreter
begins as ``python -c ...``: that puts the current directory first on its path while
multiprocessing's own modules are imported, so a ``socket.py`` in the directory the command was
run from (Downloads, beside the MIS exports) would run inside a process then sent every pupil's
name, or every photo (found in review). And a Ctrl-C at a terminal reaches every process of the
command: the helpers leave it to the process that started them, which stops them, rather than
each printing a traceback from inside multiprocessing.
"""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Iterator


@contextlib.contextmanager
def started_safely() -> Iterator[None]:
    """Around ``Process.start()``: the new interpreter without the current directory on its path
    (PYTHONSAFEPATH, Python 3.11+) and ignoring SIGINT from its first instruction (an ignored
    signal stays ignored in the new program; where the caller is not the main thread, the
    helper ignores it itself with ``ignore_ctrl_c`` once it runs)."""
    try:
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    except ValueError:  # not the main thread
        previous = None
    try:
        with environment_for_children("PYTHONSAFEPATH", "1"):
            yield
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)


@contextlib.contextmanager
def environment_for_children(name: str, value: str) -> Iterator[None]:
    """Processes started inside this have ``name`` set to ``value``; this process has it back
    as it was (unset, or its own value) afterwards."""
    before = os.environ.get(name)
    os.environ[name] = value
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = before


def ignore_ctrl_c() -> None:
    """In the helper: Ctrl-C is for the process that started it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
