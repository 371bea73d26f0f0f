"""Photos: decoding an attached image safely, and what is in it (faces, written words, the
school's crest), never who. The detectors run in one worker process (detectors.py)."""

import os

# ONNX Runtime (1.29 and later) reports usage to Microsoft from Linux and macOS by default, and
# keeps a device identifier and an event store in the person's home folder and a session file in
# the temporary folder. Nothing of Postguard's leaves the computer: this turns all of it off. It
# must be set before onnxruntime is first imported, and every import of it in the companion is
# in this package (the photo worker, and doctor's check of the models; the worker inherits it;
# the scripts that make the shipped models set it themselves). On Windows the runtime's events
# go to the system's trace logging instead, which runtime.py turns off as it loads it.
os.environ["ORT_DISABLE_TELEMETRY"] = "1"

from companion.photos.decode import ImageRejected, check_header, decode_image
from companion.photos.detectors import Detectors, Look
from companion.photos.faces import DetectorFailed, FaceDetector, Faces, load_face_detector
from companion.photos.ocr import ImageText, TextReader, load_text_reader

__all__ = [
    "DetectorFailed",
    "Detectors",
    "FaceDetector",
    "Faces",
    "ImageRejected",
    "ImageText",
    "Look",
    "TextReader",
    "check_header",
    "decode_image",
    "load_face_detector",
    "load_text_reader",
]
