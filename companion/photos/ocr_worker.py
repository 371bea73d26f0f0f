"""Runs in a separate process: the OCR engine (RapidOCR on ONNX Runtime) holds a few hundred MB
of model and arena memory that the companion's own process should not carry, and a crash in
native code cannot take the companion down with it. Imports nothing of ours.

Nothing read here is printed or logged: RapidOCR's own logger is set to critical.
"""

from __future__ import annotations

from typing import Any

# PP-OCRv6 small detection and recognition models ship inside the rapidocr wheel (Apache-2.0):
# nothing is downloaded. Text at an angle is rare in what staff photograph (certificates,
# banners, name labels), so the direction classifier is skipped; detection runs on at most
# DETECT_SIDE pixels (measured: 640 reads 80 px lettering on a 2,000 px certificate, at about
# half the cost of 960).
DETECT_SIDE = 640
THREADS = 2

_engine: Any = None


def _get_engine() -> Any:
    global _engine
    if _engine is None:
        from rapidocr import RapidOCR

        _engine = RapidOCR(
            params={
                "Global.use_cls": False,
                "Global.log_level": "critical",
                "Det.limit_side_len": DETECT_SIDE,
                "Det.limit_type": "max",
                "EngineConfig.onnxruntime.intra_op_num_threads": THREADS,
            }
        )
    return _engine


def read(width: int, height: int, rgb: bytes) -> list[tuple[str, float]]:
    """The lines of text in an RGB image, each with the recogniser's confidence."""
    import numpy as np

    pixels = np.frombuffer(rgb, dtype=np.uint8).reshape(height, width, 3)
    result = _get_engine()(np.ascontiguousarray(pixels[..., ::-1]))  # it expects BGR
    texts = result.txts or ()
    scores = result.scores or ()
    return [(str(t), float(s)) for t, s in zip(texts, scores, strict=False)]


def ready() -> bool:
    _get_engine()
    return True
