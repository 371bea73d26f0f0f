"""The text detector's or recogniser's file damaged or replaced: ``doctor``, the companion and the
photo worker check it against the file Postguard ships (its SHA-256), say "reinstall Postguard",
and never read words with it; faces and the crest go on.

Before: only the face detector's file was checked. Another network copied over the recogniser
was loaded: ``doctor`` said words in photos worked, and a recogniser with other weights would
read other words, without an error, so a pupil's name on a certificate could go unread. A
damaged file was reported as "pip install rapidocr onnxruntime", which does not mend it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from companion.photos import models, ocr, worker
from companion.service.doctor_checks import photos_check
from tests.photos.conftest import needs_reader

TEXT_MODELS = ("TEXT_DETECTOR", "TEXT_RECOGNISER")


def _replaced(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str) -> Path:
    shipped: Path = getattr(models, name)
    path = tmp_path / shipped.name
    if how == "another network":  # valid ONNX, opens fine: the other text model
        other = models.TEXT_RECOGNISER if name == "TEXT_DETECTOR" else models.TEXT_DETECTOR
        shutil.copyfile(other, path)
    elif how == "cut short":
        path.write_bytes(shipped.read_bytes()[: shipped.stat().st_size // 2])
    else:  # one weight changed: still the same network, other numbers
        data = bytearray(shipped.read_bytes())
        data[-100] ^= 0x01
        path.write_bytes(bytes(data))
    monkeypatch.setattr(models, name, path)
    return path


HOW = ("another network", "cut short", "one byte changed")


@needs_reader
@pytest.mark.parametrize("how", HOW)
@pytest.mark.parametrize("name", TEXT_MODELS)
def test_the_companion_and_the_worker_refuse_a_text_model_that_is_not_the_one_shipped(
    name: str, how: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _replaced(name, tmp_path, monkeypatch, how)
    why = ocr.text_reader_missing()
    assert "damaged or not the one Postguard ships" in why and str(path) in why, why
    assert "reinstall Postguard" in why
    with pytest.raises(OSError, match="reinstall Postguard"):
        worker._load_reader()


@needs_reader
@pytest.mark.parametrize("name", TEXT_MODELS)
def test_doctor_says_to_reinstall_postguard_not_to_install_packages(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _replaced(name, tmp_path, monkeypatch, "another network")
    check = photos_check(tmp_path / "home")
    assert check.status == "warn"
    assert "words in photos: the text" in check.detail and "damaged" in check.detail
    assert "reinstall Postguard" in check.fix and "pip install rapidocr" not in check.fix
    assert "faces:" in check.detail  # the other detectors are still reported


@needs_reader
def test_the_shipped_text_models_pass_and_a_file_far_too_large_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert ocr.text_reader_missing() == ""
    huge = tmp_path / "huge.onnx"
    with huge.open("wb") as file:  # sparse: no disk used
        file.truncate(models.MOST_BYTES + 1)
    monkeypatch.setattr(models, "TEXT_RECOGNISER", huge)
    assert "damaged or not the one Postguard ships" in ocr.text_reader_missing()
