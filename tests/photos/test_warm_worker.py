"""The photo worker has run each of its networks once, on a made-up page, by the time it says it
is ready: RapidOCR makes its text detector's and recogniser's sessions only when they are first
used, so the first photo after the companion started (or after the worker was replaced) waited
for them and for each network's first run (a certificate: 475-541 ms where the next took 265-326,
2 December 2026)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.photos.conftest import needs_detector, needs_reader

ROOT = Path(__file__).resolve().parents[2]

# In a process of its own, as the worker is, with everything it loads.
_WORKER = """
import json
from companion.photos import worker
missing = worker.start(("faces", "crest", "words"))
reader = worker._state.get("words")
print(json.dumps({
    "missing": missing,
    "text detector made": getattr(reader, "text_det", None) is not None,
    "text recogniser made": getattr(reader, "text_rec", None) is not None,
    "faces": "faces" in worker._state,
    "ages": "ages" in worker._state,
}))
"""


@needs_detector
@needs_reader
def test_every_network_is_made_and_run_before_the_first_photo() -> None:
    ran = subprocess.run(
        [sys.executable, "-c", _WORKER],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=True,
    )
    answer = json.loads(ran.stdout.splitlines()[-1])
    assert answer == {
        "missing": {},
        "text detector made": True,
        "text recogniser made": True,
        "faces": True,
        "ages": True,
    }
