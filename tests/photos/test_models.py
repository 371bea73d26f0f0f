"""The model file Postguard ships for finding words in photos is the one it was measured with,
and a machine without it says so plainly instead of fetching another from the internet."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from companion.photos import models, ocr, worker


def test_the_shipped_text_detector_is_the_file_taken_from_its_wheel() -> None:
    digest = hashlib.sha256(models.TEXT_DETECTOR.read_bytes()).hexdigest()
    assert digest == models.TEXT_DETECTOR_SHA256
    licence = models.TEXT_DETECTOR.with_name("LICENSE-models.txt").read_text("utf-8")
    assert models.TEXT_DETECTOR.name in licence and "Apache License" in licence


def test_a_missing_text_detector_is_reported_with_what_to_do(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(models, "TEXT_DETECTOR", tmp_path / "gone.onnx")
    if ocr.text_reader_missing().startswith("no text reader is installed"):
        pytest.skip("rapidocr is not installed here")
    assert "text detector's model is missing" in ocr.text_reader_missing()
    assert "reinstall Postguard" in ocr.text_reader_missing()
    with pytest.raises(OSError, match="reinstall Postguard"):
        worker._load_reader()
