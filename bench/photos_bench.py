"""How long a photo check takes, whole and by stage, at 1 MP and 3 MP, and what it adds to RSS.

    .venv/bin/python bench/photos_bench.py [--runs 40]

Photos are scikit-image's bundled astronaut portrait (one face) and coffee (none), scaled up to
each size and encoded as a phone's JPEG; the check is the engine's own (decode with EXIF
orientation and downscaling, face detection), in-process, one core.
"""

from __future__ import annotations

import argparse
import gc
import io
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np
from PIL import Image
from skimage import data

from companion.checks import ImageRequest
from companion.demo import demo_roster
from companion.engine import Engine
from companion.photos import decode_image, load_face_detector


def photo(name: str, megapixels: float) -> bytes:
    pixels = getattr(data, name)()[..., :3].astype(np.uint8)
    image = Image.fromarray(pixels)
    scale = (megapixels * 1e6 / (image.width * image.height)) ** 0.5
    image = image.resize((round(image.width * scale), round(image.height * scale)))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def rss_mb() -> float:
    """Current resident memory (not the peak: making the test photos is not the companion's)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=40)
    args = parser.parse_args()
    photos = {(n, mp): photo(n, mp) for mp in (1.0, 3.0) for n in ("astronaut", "coffee")}
    gc.collect()
    engine = Engine(demo_roster())
    before = rss_mb()
    detector, reason = load_face_detector()
    if detector is None:
        sys.exit(f"no face detector: {reason}")
    print(f"{'photo':22} {'stage':10} {'p50 ms':>8} {'p95 ms':>8}  faces")
    for megapixels in (1.0, 3.0):
        for name in ("astronaut", "coffee"):
            jpeg = photos[(name, megapixels)]
            decode, detect, whole, faces = [], [], [], 0
            for _ in range(args.runs):
                t0 = time.perf_counter()
                image = decode_image(jpeg)
                t1 = time.perf_counter()
                faces = detector.detect(image).count
                t2 = time.perf_counter()
                engine.check_image(ImageRequest(data=jpeg))
                t3 = time.perf_counter()
                decode.append((t1 - t0) * 1000)
                detect.append((t2 - t1) * 1000)
                whole.append((t3 - t2) * 1000)
            label = f"{name} {megapixels:.0f} MP ({len(jpeg) // 1024} KB)"
            for stage, values in (("decode", decode), ("faces", detect), ("whole", whole)):
                p50, p95 = statistics.median(values), percentile(values, 0.95)
                print(f"{label:22} {stage:10} {p50:8.1f} {p95:8.1f}  {faces}")
    gc.collect()
    after = rss_mb()
    print(
        f"companion RSS: {before:.0f} MB before photo checks, {after:.0f} MB after "
        f"(+{after - before:.0f} MB)"
    )


if __name__ == "__main__":
    main()
