"""A small kit for the photo worker's tests: importable by a spawned child, importing nothing of
ours, answering at once (loading for half a second with the part "slow"). ``look`` answers each
part with the worker's pid; a request with ``"die"`` ends the process as a crash in native code
would, one with ``"hang"`` never finishes (a library stalled by a hostile image), ``"not an
image"`` is refused as the real kit refuses damaged bytes, ``"threads at prepare"`` is
answered with how many threads the process had when ``prepare`` ran, and ``"large pages"`` with
how much of 64 MB just written is in 2 MB pages (Linux's AnonHugePages) and the variable glibc
read at the process's start."""

from __future__ import annotations

import os
import threading
import time
from typing import Any

_state: dict[str, Any] = {"threads at prepare": None}
_loaded = threading.Event()  # as in the real kit, a photo waits until the kit has loaded


def prepare() -> None:
    _state["threads at prepare"] = threading.active_count()


def start(parts: tuple[str, ...]) -> dict[str, str]:
    if "slow" in parts:  # models still loading when the companion stops the worker
        time.sleep(0.5)
    _loaded.set()
    return {"words": "no reader in the test kit"} if "words" in parts else {}


def look(request: dict[str, Any], reply: Any, spawn: Any) -> None:
    _loaded.wait()
    if request.get("die"):
        os._exit(3)  # what a crash in native code looks like from outside
    if request.get("hang"):
        time.sleep(3600)
    if request.get("not an image"):
        reply("image", False, "this is not a JPEG, PNG, GIF or WebP image")
        return
    if request.get("large pages"):
        reply("image", True, _large_pages())
        return
    if request.get("threads at prepare"):
        reply("image", True, _state["threads at prepare"])
        return
    reply("image", True, None)
    for part in request["parts"]:
        if part == "words":
            reply(part, False, "no reader in the test kit")
        else:
            spawn(lambda part=part: reply(part, True, os.getpid())).result()


def _large_pages() -> tuple[int, bytes]:
    written = bytearray(64 << 20)  # a block malloc maps on its own, as the detector's plan is
    written[:: 1 << 12] = b"\1" * (len(written) >> 12)
    with open("/proc/self/smaps_rollup") as totals:
        huge_kb = next(int(line.split()[1]) for line in totals if line.startswith("AnonHugePages"))
    with open("/proc/self/environ", "rb") as environ:
        tunables = environ.read().split(b"GLIBC_TUNABLES=", 1)[-1][:200]
    del written
    return huge_kb, tunables
