"""Model files Postguard ships itself (the other detectors' weights ship inside their own wheels).

``ch_PP-OCRv4_det_infer.onnx`` finds where the words are in a photo, for RapidOCR to read them
with the recogniser in its own wheel. It is PaddleOCR's PP-OCRv4 mobile text detector (Apache-2.0,
Baidu and the PaddleOCR authors) as converted to ONNX by RapidOCR (Apache-2.0), taken unchanged
from the ``rapidocr_onnxruntime`` 1.4.4 wheel on PyPI (``rapidocr_onnxruntime/models/``); see
LICENSE-models.txt beside it. RapidOCR's own wheel ships only PP-OCRv6's small detector, which
costs three times as much for each pixel: on photos as staff send them (1,600 px) the mobile one at
672 px reads more of the small writing (bench/photos_bench.py, "small writing") in less time.
"""

from __future__ import annotations

from pathlib import Path

TEXT_DETECTOR = Path(__file__).with_name("ch_PP-OCRv4_det_infer.onnx")
# The file as it was taken from the wheel (tests/photos/test_models.py checks it).
TEXT_DETECTOR_SHA256 = "d2a7720d45a54257208b1e13e36a8479894cb74155a5efe29462512d42f49da9"
