"""The school's crest as the crest detector keeps it: a few hundred ORB keypoints with their
descriptors (crest.py keeps those found most often; templates registered before that keep up
to a thousand, and still work), and a small colour copy (with the crest's shape) for the second
check.

A template is a few tens of kilobytes and holds no photo of anyone: only the crest the DPO gave.
Reading one needs numpy only (no OpenCV), so the school profile can carry it cheaply.

File layout: ``MAGIC | header length (4 bytes, big-endian) | header JSON | zlib(arrays)``, the
arrays being points (float32, n x 2), descriptors (uint8, n x 32), picture (uint8, h x w x 3)
and mask (uint8, h x w).
"""

from __future__ import annotations

import json
import struct
import zlib
from dataclasses import dataclass
from typing import Any

import numpy as np

MAGIC = b"PGCREST1"
DESCRIPTOR_BYTES = 32  # ORB
MAX_POINTS = 4000
MAX_PICTURE_SIDE = 256
MAX_TEMPLATE_BYTES = 1024 * 1024
_PREFIX = len(MAGIC) + 4


class CrestTemplateError(ValueError):
    """A stored template that cannot be used; the message is one line for the user."""


@dataclass(frozen=True, slots=True, eq=False)
class CrestTemplate:
    width: int  # the crest's frame in the keypoints' coordinates
    height: int
    points: np.ndarray  # (n, 2) float32, keypoint positions in that frame
    descriptors: np.ndarray  # (n, 32) uint8, their ORB descriptors
    picture: np.ndarray  # (h, w, 3) uint8 RGB, the crest small, for the correlation check
    mask: np.ndarray  # (h, w) uint8, 255 where the crest is (not a transparent background)
    source_width: int  # the image the DPO registered, in pixels
    source_height: int
    registered_at: str  # ISO 8601, UTC

    def summary(self) -> dict[str, Any]:
        """What ``school show`` says about it: no pixels."""
        return {
            "width": self.source_width,
            "height": self.source_height,
            "registered_at": self.registered_at,
            "keypoints": len(self.points),
        }

    def to_bytes(self) -> bytes:
        header = {
            "width": self.width,
            "height": self.height,
            "points": len(self.points),
            "picture": list(self.mask.shape),
            "source": [self.source_width, self.source_height],
            "registered_at": self.registered_at,
        }
        header_bytes = json.dumps(header, sort_keys=True).encode("utf-8")
        arrays = b"".join(
            np.ascontiguousarray(a).tobytes()
            for a in (
                self.points.astype("<f4"),
                self.descriptors.astype(np.uint8),
                self.picture.astype(np.uint8),
                self.mask.astype(np.uint8),
            )
        )
        return MAGIC + struct.pack(">I", len(header_bytes)) + header_bytes + zlib.compress(arrays)

    @classmethod
    def from_bytes(cls, data: bytes) -> CrestTemplate:
        """Refuses anything malformed with CrestTemplateError (never a numpy or zlib error)."""
        if len(data) > MAX_TEMPLATE_BYTES or not data.startswith(MAGIC) or len(data) < _PREFIX:
            raise CrestTemplateError("not a Postguard crest template")
        (length,) = struct.unpack(">I", data[len(MAGIC) : _PREFIX])
        try:
            header = json.loads(data[_PREFIX : _PREFIX + length])
            count = _bounded(header["points"], MAX_POINTS)
            pic_h, pic_w = (_bounded(v, MAX_PICTURE_SIDE) for v in header["picture"])
            source_w, source_h = (_bounded(v, 1_000_000) for v in header["source"])
            width, height = _bounded(header["width"], 10_000), _bounded(header["height"], 10_000)
            registered_at = str(header["registered_at"])
            expected = count * 8 + count * DESCRIPTOR_BYTES + 4 * pic_h * pic_w
            decompressor = zlib.decompressobj()
            raw = decompressor.decompress(data[_PREFIX + length :], expected + 1)
        except (ValueError, TypeError, KeyError, zlib.error, RecursionError):
            raise CrestTemplateError("the crest template is corrupt") from None
        if len(raw) != expected or not decompressor.eof or decompressor.unused_data:
            raise CrestTemplateError("the crest template is corrupt (wrong size)")
        cut = np.cumsum([count * 8, count * DESCRIPTOR_BYTES, 3 * pic_h * pic_w])
        parts = np.split(np.frombuffer(raw, dtype=np.uint8), cut)
        return cls(
            width=width,
            height=height,
            points=parts[0].view("<f4").reshape(count, 2).astype(np.float32),
            descriptors=parts[1].reshape(count, DESCRIPTOR_BYTES).copy(),
            picture=parts[2].reshape(pic_h, pic_w, 3).copy(),
            mask=parts[3].reshape(pic_h, pic_w).copy(),
            source_width=source_w,
            source_height=source_h,
            registered_at=registered_at,
        )


def _bounded(value: Any, limit: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 < value <= limit:
        raise ValueError("out of range")
    return value
