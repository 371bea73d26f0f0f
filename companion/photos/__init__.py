"""Photos: decoding an attached image safely, and what is in it (faces), never who."""

from companion.photos.decode import ImageRejected, decode_image
from companion.photos.faces import DetectorFailed, FaceDetector, Faces, load_face_detector

__all__ = [
    "DetectorFailed",
    "FaceDetector",
    "Faces",
    "ImageRejected",
    "decode_image",
    "load_face_detector",
]
