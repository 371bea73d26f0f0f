"""ONNX Runtime, as the photo worker and doctor load it: with its usage reporting off.

From version 1.29 ONNX Runtime reports usage to Microsoft from Linux and macOS unless
ORT_DISABLE_TELEMETRY is set before it loads (companion/photos/__init__.py sets it for every
process of Postguard's); on Windows it writes its events to the system's own trace logging,
which only its API turns off. Nothing of Postguard's leaves the computer.
"""

from __future__ import annotations

from typing import Any


def quiet_onnxruntime() -> Any:
    """The onnxruntime module, its telemetry events turned off (before any session is made)."""
    import onnxruntime

    onnxruntime.disable_telemetry_events()
    return onnxruntime
