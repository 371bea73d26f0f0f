"""The C library's heap in the importing processes: a large buffer freed goes back to the
system at once, so an import's two processes together stay under their memory bar."""

from __future__ import annotations

import subprocess
import sys

import pytest

from companion import native_heap

pytestmark = pytest.mark.skipif(native_heap.glibc() is None, reason="glibc's heap only")

# A 30 MB block freed first raises glibc's own threshold for mapping blocks to 30 MB (where an
# import stands once its files are read); a 24 MB buffer is then grown a write at a time, as
# the index and the roster are, and freed. RSS is read before, at its largest and after.
_GROWN_AND_FREED = """
import sys
from companion import native_heap

def rss():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS"):
                return int(line.split()[1]) // 1024

if sys.argv[1] == "mapped":
    native_heap.map_large_blocks()
block = bytearray(30 << 20)
del block
before = rss()
buffer = bytearray()
piece = b"x" * 65536
for _ in range(24 * 16):
    buffer += piece
largest = rss()
del buffer
print(before, largest, rss())
"""


def _rss_grown_and_freed(mode: str) -> tuple[int, int, int]:
    done = subprocess.run(
        [sys.executable, "-c", _GROWN_AND_FREED, mode], capture_output=True, text=True, check=True
    )
    before, largest, after = map(int, done.stdout.split())
    assert largest >= before + 20, "the buffer was not counted while it was held"
    return before, largest, after


def test_a_large_buffer_freed_goes_back_to_the_system_at_once() -> None:
    before, _, after = _rss_grown_and_freed("mapped")
    assert after <= before + 4


def test_without_it_the_freed_buffer_stays_counted() -> None:
    """Why the importing processes set it: glibc alone keeps the buffer's memory."""
    before, _, after = _rss_grown_and_freed("default")
    assert after >= before + 16
