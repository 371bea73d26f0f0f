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


# Blocks from this size up are mapped on their own and unmapped when freed.
LARGE_BLOCK = 1 << 20
_M_MMAP_THRESHOLD = -3  # malloc.h


def map_large_blocks() -> None:
    """From now on, blocks of ``LARGE_BLOCK`` and more are mapped on their own: freed, they go
    back to the system at once, and a growing buffer is moved by remapping, never copied.

    glibc's threshold otherwise rises to the largest block freed so far (up to 32 MB), after
    which a buffer grown a write at a time (an import's 56 MB index) is copied within the heap
    and leaves its old places there, held until a trim. For a process that makes a few large
    buffers (an import), not one that makes many (the photo worker: 8-20% more CPU there)."""
    libc = glibc()
    if libc is not None:
        libc.mallopt(_M_MMAP_THRESHOLD, LARGE_BLOCK)
