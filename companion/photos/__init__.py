"""Photos: decoding an attached image safely, and what is in it (faces, written words), never
who."""

from companion.photos.decode import ImageRejected, decode_image
from companion.photos.faces import DetectorFailed, FaceDetector, Faces, load_face_detector
from companion.photos.ocr import ImageText, TextReader, load_text_reader

__all__ = [
    "DetectorFailed",
    "FaceDetector",
    "Faces",
    "ImageRejected",
    "ImageText",
    "TextReader",
    "decode_image",
    "load_face_detector",
    "load_text_reader",
]
