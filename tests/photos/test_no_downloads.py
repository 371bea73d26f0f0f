"""The photo worker never goes on the network: RapidOCR's downloader is replaced there by one that
uses the files Postguard installs or refuses with what to do, and ``requests`` refuses any use."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from companion.photos import ocr
from companion.photos.no_downloads import DownloadFile, DownloadFileException, DownloadFileInput
from tests.photos.conftest import in_a_process_of_its_own

# In a process of its own, as the worker is: the real reader loads and reads a drawn name.
_WORKER = """
import json, sys
from PIL import Image, ImageDraw, ImageFont
from companion.photos import worker
missing = worker.start(("words",))
page = Image.new("RGB", (640, 160), "white")
ImageDraw.Draw(page).text((20, 50), "Awarded to Jessica Smith", fill="black",
                          font=ImageFont.load_default(size=40))
read = " ".join(text for text, _ in worker._words(page))
requests = sys.modules.get("requests")
try:
    requests.get("http://127.0.0.1:9/")  # were it real, refused locally: nothing leaves
    refused = ""
except OSError as exc:
    refused = str(exc)
from rapidocr.inference_engine.base import InferSession
from rapidocr.utils.model_resolver import MODEL_ROUTES
print(json.dumps({
    "missing": missing, "read": read, "refused": refused,
    "loaded": [name for name in ("tqdm", "urllib3", "certifi") if name in sys.modules],
    "download list": len(InferSession.model_info) + len(MODEL_ROUTES),
}))
"""


def test_the_worker_reads_words_without_loading_anything_that_downloads() -> None:
    if ocr.text_reader_missing():
        pytest.skip(ocr.text_reader_missing())
    answer = in_a_process_of_its_own(_WORKER)
    assert answer["missing"] == {}
    assert "Jessica Smith" in answer["read"]
    assert "does not use the network" in answer["refused"]
    assert answer["loaded"] == []
    # RapidOCR's list of models to download, read as empty (0.65 s of every worker start).
    assert answer["download list"] == 0


def _asked(path: Path, sha256: str | None) -> DownloadFileInput:
    return DownloadFileInput(
        file_url="https://example.org/model.onnx", save_path=path, logger=None, sha256=sha256
    )


def test_a_missing_model_is_refused_with_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(DownloadFileException, match="missing: reinstall Postguard"):
        DownloadFile.run(_asked(tmp_path / "rec.onnx", None))
    assert not (tmp_path / "rec.onnx").exists()


def test_an_altered_model_is_refused_and_left_as_it_is(tmp_path: Path) -> None:
    model = tmp_path / "rec.onnx"
    model.write_bytes(b"the model as installed")
    installed = hashlib.sha256(model.read_bytes()).hexdigest()
    DownloadFile.run(_asked(model, installed))  # present and matching: used as it is
    DownloadFile.run(_asked(model, None))  # no checksum to compare: used as it is
    model.write_bytes(b"the model, altered")
    with pytest.raises(DownloadFileException, match="altered: reinstall Postguard"):
        DownloadFile.run(_asked(model, installed))
    assert model.read_bytes() == b"the model, altered"


def test_fields_a_later_rapidocr_adds_do_not_stop_the_reader(tmp_path: Path) -> None:
    """A RapidOCR release that passes one more field still gets the installed file checked:
    the words part must not fail for a keyword the stand-in did not know."""
    model = tmp_path / "rec.onnx"
    model.write_bytes(b"installed")
    asked = DownloadFileInput(
        file_url="https://example.org/rec.onnx", save_path=model, logger=None, retries=3
    )
    DownloadFile.run(asked)


def test_the_stand_in_for_requests_refuses_use_but_not_being_looked_over() -> None:
    """Any use of ``requests`` in the worker fails loudly; a tool that walks sys.modules asking
    for ``__file__`` (Hypothesis, inspect, warnings) gets "absent" instead. Before, that question
    raised OSError too, and a pytest run that had loaded the reader in-process broke later
    property tests."""
    from companion.photos.no_downloads import _Refused

    refused = _Refused("requests")
    assert getattr(refused, "__file__", None) is None
    assert getattr(refused, "__path__", "none") == "none"
    with pytest.raises(OSError, match="does not use the network"):
        refused.get("https://example.com")
