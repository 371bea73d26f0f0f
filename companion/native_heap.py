"""The C library's heap: memory freed by Python's big buffers handed back to the system.

glibc keeps freed memory for reuse, so a process that held hundreds of MB for a moment keeps
counting it (an import's roster, a photo's pixels) until ``malloc_trim`` returns it. Elsewhere
(Windows, macOS, musl) there is no such call and these do nothing.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any

from companion.child_process import environment_for_children


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


# glibc 2.35 and later: malloc asks the kernel for 2 MB pages (transparent huge pages, where the
# system allows them: Linux's "madvise" and "always" modes) for its heap and its large blocks.
# Older glibc ignores it; other C libraries never read it.
HUGE_PAGES = "glibc.malloc.hugetlb=1"


@contextmanager
def huge_pages_for_children() -> Iterator[None]:
    """Processes started inside this (on Linux) have malloc use 2 MB pages, as the variable
    glibc reads when a program starts says; anything already in that variable is kept, and a
    choice of page size already made there is left as it is.

    For the photo worker: it hands a photo's memory back after each photo, so the next photo's
    buffers (the text detector's plan alone is 63 MB) are new memory, met a 4 kB page at a time,
    ~30,000 page faults a photo. In 2 MB pages, a 3 MP certificate as the extension sends it was
    checked in p95 257-261 ms instead of 287-306 and 424-446 ms of CPU instead of 482-486, with
    the same memory held when idle (bench/photos_bench.py, 2 December 2026, interleaved)."""
    if not sys.platform.startswith("linux"):
        yield
        return
    before = os.environ.get("GLIBC_TUNABLES")
    if before and "glibc.malloc.hugetlb=" in before:  # the machine's own choice (glibc: last wins)
        yield
        return
    tunables = f"{before}:{HUGE_PAGES}" if before else HUGE_PAGES
    with environment_for_children("GLIBC_TUNABLES", tunables):
        yield
