"""Photos: decoding an attached image safely, and what is in it (faces, written words, the
school's crest), never who. The detectors run in one worker process (detectors.py)."""

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
