"""The C library's heap: memory freed by Python's big buffers handed back to the system.

glibc keeps freed memory for reuse, so a process that held hundreds of MB for a moment keeps
counting it (an import's roster, a photo's pixels) until ``malloc_trim`` returns it. Elsewhere
(Windows, macOS, musl) there is no such call and these do nothing.
"""

from __future__ import annotations

import sys
from functools import cache
from typing import Any


@cache
def glibc() -> Any:
    """glibc, or None where the C library is another."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes
    import ctypes.util

    try:
        # glibc's own name first: find_library runs ldconfig in a child process, a fork of
        # this one that for a moment counts all of its memory again (an import's, mid-way).
        try:
            libc = ctypes.CDLL("libc.so.6")
        except OSError:
            libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.mallopt  # noqa: B018 (glibc only)
        libc.malloc_trim  # noqa: B018
    except (OSError, AttributeError):
        return None
    return libc


def trim() -> None:
    """Hand the heap's free memory back to the system (a few ms)."""
    libc = glibc()
    if libc is not None:
        libc.malloc_trim(0)
