"""The photo worker makes all its networks as it loads and, when it was started before any photo
(as `postguard serve` starts it), runs each once on a made-up page before it says it is ready:
RapidOCR makes its text detector's and recogniser's sessions only when first used, and a
network's first run pays for its code's first use, so the first photo after the companion started
waited for all of it (a certificate: 478-547 ms where the next took 259-326, 2 December 2026). A
worker started by a photo (after 5 minutes without one) does not run the made-up page: that photo
would wait for its words too; nor does one whose Pillow cannot draw the page, and its networks
still work."""

from __future__ import annotations

import pytest

from tests.photos.conftest import in_a_process_of_its_own, needs_detector, needs_reader

# In a process of its own, as the worker is, with everything it loads; each network's runs counted
# by its model's file.
_WORKER = """
import collections, json, sys
from pathlib import Path
import onnxruntime
from companion.photos import worker
runs = collections.Counter()
run = onnxruntime.InferenceSession.run
def counted(session, *args, **kwargs):
    runs[Path(session._model_path).name] += 1
    return run(session, *args, **kwargs)
onnxruntime.InferenceSession.run = counted
if sys.argv[1] == "a photo came":
    worker._photo_came.set()  # as look() does as soon as a photo comes
if sys.argv[1] == "no page":
    def no_font():
        raise OSError("cannot open resource")  # a Pillow without FreeType's fonts
    worker._warm_up_page = no_font
if sys.argv[1] == "faces fail":
    from companion.photos.yunet import YuNet
    def fails(self, rgb):
        raise RuntimeError("bad allocation")  # what a runtime unfit for this machine says
    YuNet.__call__ = fails
missing = worker.start(("faces", "crest", "words"))
reader = worker._state.get("words")
print(json.dumps({
    "missing": missing,
    "text detector made": getattr(reader, "text_det", None) is not None,
    "text recogniser made": getattr(reader, "text_rec", None) is not None,
    "faces": "faces" in worker._state,
    "ages": "ages" in worker._state,
    "runs": runs,
}))
"""
# Before any photo: the faces' network on the page and on its 320 px copy for close-ups, the age
# network on a chip of it, the words' detector, and the recogniser on the line it finds.
WARMED = {
    "yunet_s_dynamic.onnx": 2,
    "age-v1_int8.onnx": 1,
    "ch_PP-OCRv3_det_infer.onnx": 1,
    "PP-OCRv6_rec_small_int8.onnx": 1,
}


@needs_detector
@needs_reader
@pytest.mark.parametrize(
    ("started", "runs"), [("warm", WARMED), ("a photo came", {}), ("no page", {})]
)
def test_every_network_is_made_as_the_worker_loads_and_warmed_up_only_before_any_photo(
    started: str, runs: dict[str, int]
) -> None:
    answer = in_a_process_of_its_own(_WORKER, started)
    assert answer == {
        "missing": {},
        "text detector made": True,
        "text recogniser made": True,
        "faces": True,
        "ages": True,
        "runs": runs,
    }


@needs_detector
@needs_reader
def test_a_network_that_fails_its_first_run_is_reported_missing_with_why() -> None:
    """Found before any photo, and said (postguard doctor shows it), instead of every photo
    failing; the other parts go on."""
    answer = in_a_process_of_its_own(_WORKER, "faces fail")
    assert set(answer["missing"]) == {"faces"}
    why = answer["missing"]["faces"]
    assert "cannot start on this machine" in why and "made-up page" in why, why
    assert "RuntimeError: bad allocation" in why, why
    assert not answer["faces"] and not answer["ages"]
    assert answer["text recogniser made"]
