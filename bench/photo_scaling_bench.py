"""Scaling a photo larger than 1,600 px down to it: OpenCV's area averaging against bilinear,
in time and in what the detectors still find (decode.BILINEAR_FROM is chosen from this).

    .venv/bin/python bench/photo_scaling_bench.py

For each size (1.1 to 1.9 times 1,600 x 1,200): the time each takes on one core; of 40 faces
30-34 px wide once scaled, at four places each, how many the worker's faces pass finds (the
photo scaled to 1,600 px, then to 960 as the worker does); and of names 14-20 px high once
scaled, on labels in six scenes, how many the worker's reader reads.
"""

from __future__ import annotations

import io
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import cv2
import numpy as np
from PIL import Image

from bench.photos_bench import small_writing
from companion.photos import worker
from companion.photos.decode import BILINEAR_FROM, LONGEST_SIDE, draft_size, shrunk
from tests.photos.conftest import class_photo

TIMES = (1.1, 1.25, 1.6, 1.62, 1.67, 1.9)
FACE_WIDTHS = (30, 32, 34)  # px, once scaled to 1,600
NAME_SIZES = (14, 16, 18, 20)  # px high, once scaled to 1,600
ARMS = {"area": 1.0, "bilinear": 0.0}


def scaled(data: bytes, bilinear_from: float) -> Image.Image:
    """The JPEG decoded as decode.py decodes it (drafted, then scaled to 1,600 px)."""
    image = Image.open(io.BytesIO(data))
    image.draft("RGB", draft_size(image.size, LONGEST_SIDE))
    image.load()
    return shrunk(image.convert("RGB"), LONGEST_SIDE, bilinear_from=bilinear_from)


def jpeg(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def milliseconds(job, runs: int = 15) -> float:
    taken = []
    for _ in range(runs):
        started = time.perf_counter()
        job()
        taken.append((time.perf_counter() - started) * 1000)
    return statistics.median(taken)


def main() -> None:
    from companion.photos import models
    from companion.photos.faces import sure_faces
    from companion.photos.yunet import YuNet

    cv2.setNumThreads(worker.CREST_THREADS)  # as in the worker
    detect = YuNet(models.FACE_DETECTOR, worker.SESSION_THREADS)
    worker._state[worker.WORDS] = worker._load_reader()
    chance = random.Random(11)
    print(f"decode.BILINEAR_FROM = {BILINEAR_FROM}")
    print("times   scale   ms area / bilinear   faces area / bilinear   names area / bilinear")
    for times in TIMES:
        sample = class_photo(32, times)
        took = {
            arm: milliseconds(lambda f=f, s=sample: shrunk(s, LONGEST_SIDE, bilinear_from=f))
            for arm, f in ARMS.items()
        }
        faces = dict.fromkeys(ARMS, 0)
        for face_width in FACE_WIDTHS:
            for shift in range(4):
                data = jpeg(class_photo(face_width, times, shift))
                for arm, f in ARMS.items():
                    looked_at = shrunk(scaled(data, f), worker.FACE_SIDE)
                    faces[arm] += len(sure_faces(detect(np.asarray(looked_at))))
        names = dict.fromkeys(ARMS, 0)
        pages = small_writing(times, NAME_SIZES, chance)
        for _, data, written in pages:
            for arm, f in ARMS.items():
                read = " ".join(text for text, _ in worker._words(scaled(data, f)))
                names[arm] += sum(name in read for name in written)
        print(
            f"{times:<7} {1 / times:<7.2f} {took['area']:5.1f} / {took['bilinear']:<12.1f}"
            f"{faces['area']:4d} / {faces['bilinear']:<4d} of {40 * 4 * len(FACE_WIDTHS):<9}"
            f"{names['area']:3d} / {names['bilinear']:<3d} of {2 * len(pages)}"
        )
    detect.close()


if __name__ == "__main__":
    main()
