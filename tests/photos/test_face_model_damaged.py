"""The face detector's model file damaged or replaced: ``doctor`` and the photo worker check it
against the file Postguard ships (its SHA-256) and say "reinstall Postguard"; the words and the
crest go on.

Before (found in review): they only asked whether ONNX Runtime could open the file. Another
valid network copied over it opened fine: ``doctor`` said faces worked, and every photo then
failed in the worker with "KeyError in the faces detector". A file cut short was reported to
staff as "the face detector cannot start on this machine (InvalidProtobuf: ...)", with nothing
said of what to do."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from companion.photos import models, worker
from companion.service.doctor import Status
from companion.service.doctor_checks import photos_check
from tests.photos.conftest import needs_detector


@pytest.fixture
def not_yunet(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The face detector's file replaced by another valid ONNX model (the age network's)."""
    path = tmp_path / "yunet_s_dynamic.onnx"
    shutil.copyfile(models.AGE_ESTIMATOR, path)
    monkeypatch.setattr(models, "FACE_DETECTOR", path)
    return path


@pytest.fixture
def fresh_worker(monkeypatch: pytest.MonkeyPatch) -> dict:
    state: dict = {"missing": {}}
    monkeypatch.setattr(worker, "_state", state)
    return state


@needs_detector
def test_doctor_does_not_say_faces_work_with_a_model_that_is_not_yunet(
    not_yunet: Path, tmp_path: Path
) -> None:
    check = photos_check(tmp_path / "home")
    assert check.status is not Status.OK and "faces: YuNet" not in check.detail, check


@needs_detector
def test_the_worker_reports_a_model_that_is_not_yunet_as_missing_when_it_loads(
    not_yunet: Path, fresh_worker: dict
) -> None:
    missing: dict[str, str] = {}
    worker._load((worker.FACES,), missing)
    assert worker.FACES in missing, "loaded as if it worked: every photo then fails with KeyError"


@needs_detector
def test_a_model_cut_short_is_reported_with_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_worker: dict
) -> None:
    path = tmp_path / "yunet_s_dynamic.onnx"
    path.write_bytes(models.FACE_DETECTOR.read_bytes()[:100_000])
    monkeypatch.setattr(models, "FACE_DETECTOR", path)
    missing: dict[str, str] = {}
    worker._load((worker.FACES,), missing)
    assert "reinstall" in missing[worker.FACES].lower(), missing[worker.FACES]


@needs_detector
def test_a_runtime_that_refuses_the_shipped_model_is_told_to_be_upgraded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The model is the one shipped, so reinstalling Postguard would not help: an ONNX Runtime
    too old for it (or otherwise broken) is named as what to upgrade."""
    from companion.photos import yunet

    def refuses(*_: object, **__: object) -> None:
        raise RuntimeError("Unsupported model IR version")

    monkeypatch.setattr(yunet.YuNet, "__init__", refuses)
    check = photos_check(tmp_path / "home")
    assert "faces: the face detector cannot start" in check.detail
    assert "upgrade onnxruntime" in check.fix and "reinstall" not in check.fix
