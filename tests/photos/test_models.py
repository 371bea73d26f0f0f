"""The model files Postguard ships for reading words in photos are the ones they were measured
with, and a machine without one says so plainly instead of fetching another from the internet."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from companion.photos import models, ocr, worker


def test_the_shipped_text_detector_is_the_file_taken_from_its_wheel() -> None:
    digest = hashlib.sha256(models.TEXT_DETECTOR.read_bytes()).hexdigest()
    assert digest == models.TEXT_DETECTOR_SHA256
    licence = models.TEXT_DETECTOR.with_name("LICENSE-models.txt").read_text("utf-8")
    assert models.TEXT_DETECTOR.name in licence and "Apache License" in licence


def test_the_shipped_text_recogniser_is_the_one_measured_and_says_it_was_changed() -> None:
    digest = hashlib.sha256(models.TEXT_RECOGNISER.read_bytes()).hexdigest()
    assert digest == models.TEXT_RECOGNISER_SHA256
    licence = models.TEXT_RECOGNISER.with_name("LICENSE-models.txt").read_text("utf-8")
    entry = licence.split(models.TEXT_RECOGNISER.name, 1)[1].split(
        "Apache License, Version 2.0 follows"
    )[0]
    assert "CHANGED by Postguard" in entry and models.TEXT_RECOGNISER_SHA256 in entry


@pytest.mark.parametrize(
    ("name", "what"), [("TEXT_DETECTOR", "detector"), ("TEXT_RECOGNISER", "recogniser")]
)
def test_a_missing_text_model_is_reported_with_what_to_do(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, name: str, what: str
) -> None:
    monkeypatch.setattr(models, name, tmp_path / "gone.onnx")
    if ocr.text_reader_missing().startswith("no text reader is installed"):
        pytest.skip("rapidocr is not installed here")
    assert f"text {what}'s model is missing" in ocr.text_reader_missing()
    assert "reinstall Postguard" in ocr.text_reader_missing()
    with pytest.raises(OSError, match="reinstall Postguard"):
        worker._load_reader()


def test_the_reader_reads_with_the_shipped_recogniser() -> None:
    """RapidOCR is given the shipped files (it would otherwise take the ones in its own wheel).
    In a process of its own, as the worker: loading the reader puts the stand-in for requests
    in the process (no_downloads)."""
    if ocr.text_reader_missing():
        pytest.skip(ocr.text_reader_missing())
    shown = subprocess.run(
        [
            sys.executable,
            "-c",
            "from companion.photos import worker; config = worker._load_reader().cfg; "
            "print(config.Rec.model_path); print(config.Det.model_path)",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert shown.stdout.splitlines() == [str(models.TEXT_RECOGNISER), str(models.TEXT_DETECTOR)]
