"""The photo worker makes all its networks as it loads and, when it was started before any photo
(as `postguard serve` starts it), runs each once on a made-up page before it says it is ready:
RapidOCR makes its text detector's and recogniser's sessions only when first used, and a
network's first run pays for its code's first use, so the first photo after the companion started
waited for all of it (a certificate: 475-541 ms where the next took 265-326, 2 December 2026). A
worker started by a photo (after 5 minutes without one) does not run the made-up page: that photo
would wait for its words too."""

from __future__ import annotations

import pytest

from tests.photos.conftest import in_a_process_of_its_own, needs_detector, needs_reader

# In a process of its own, as the worker is, with everything it loads.
_WORKER = """
import json, sys
from companion.photos import worker
pages = []
made_up = worker._warm_up_page
worker._warm_up_page = lambda: pages.append(1) or made_up()
if sys.argv[1] == "a photo came":
    worker._photo_came.set()  # as look() does as soon as a photo comes
missing = worker.start(("faces", "crest", "words"))
reader = worker._state.get("words")
print(json.dumps({
    "missing": missing,
    "text detector made": getattr(reader, "text_det", None) is not None,
    "text recogniser made": getattr(reader, "text_rec", None) is not None,
    "faces": "faces" in worker._state,
    "ages": "ages" in worker._state,
    "made-up pages run": len(pages),
}))
"""


@needs_detector
@needs_reader
@pytest.mark.parametrize(("started", "pages"), [("warm", 3), ("a photo came", 0)])
def test_every_network_is_made_as_the_worker_loads_and_warmed_up_only_before_any_photo(
    started: str, pages: int
) -> None:
    answer = in_a_process_of_its_own(_WORKER, started)
    assert answer == {
        "missing": {},
        "text detector made": True,
        "text recogniser made": True,
        "faces": True,
        "ages": True,
        "made-up pages run": pages,  # faces, the age network, the words
    }
