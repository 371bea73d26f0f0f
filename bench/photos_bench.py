"""How long a photo check takes, whole and by stage, at 1 MP and 3 MP, and what it adds to RSS.

    .venv/bin/python bench/photos_bench.py [--runs 40]

Photos are scikit-image's bundled astronaut portrait (one face) and coffee (none), and a class
certificate naming a pupil drawn with Pillow's own font, scaled to each size and encoded as a
phone's JPEG. The check is the engine's own: decode with EXIF orientation and downscaling, then
faces (YuNet) and words (RapidOCR) at the same time, each in its worker process. RSS counts the
companion and its worker processes.
"""

from __future__ import annotations

import argparse
import gc
import io
import multiprocessing
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np
from PIL import Image, ImageDraw, ImageFont
from skimage import data

from companion.checks import ImageRequest
from companion.demo import demo_roster
from companion.engine import Engine
from companion.photos import decode_image, load_face_detector, load_text_reader

PHOTOS = ("astronaut", "coffee", "certificate")


def certificate() -> Image.Image:
    page = Image.new("RGB", (2000, 1500), (250, 245, 230))
    draw = ImageDraw.Draw(page)
    for y, words, size in (
        (250, "Certificate of Achievement", 90),
        (520, "awarded to Joshua Smith", 90),
        (780, "for excellent progress in reading", 56),
        (1050, "Glazebury CE Primary School", 56),
    ):
        draw.text((300, y), words, fill="black", font=ImageFont.load_default(size=size))
    return page


def photo(name: str, megapixels: float) -> bytes:
    if name == "certificate":
        image = certificate()
    else:
        image = Image.fromarray(getattr(data, name)()[..., :3].astype(np.uint8))
    scale = (megapixels * 1e6 / (image.width * image.height)) ** 0.5
    image = image.resize((round(image.width * scale), round(image.height * scale)))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def rss_of(pid: int | str) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def rss_mb() -> float:
    """Resident memory now (not the peak: making the test photos is not the companion's), of
    this process and its worker processes."""
    try:
        return rss_of("self") + sum(
            rss_of(child.pid) for child in multiprocessing.active_children()
        )
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=40)
    args = parser.parse_args()
    photos = {(n, mp): photo(n, mp) for mp in (1.0, 3.0) for n in PHOTOS}
    gc.collect()
    engine = Engine(demo_roster())
    before = rss_mb()
    for jpeg in photos.values():  # the engine's own workers, loaded and used once per photo
        engine.check_image(ImageRequest(data=jpeg))
    gc.collect()
    working = rss_mb()
    detector, reason = load_face_detector()
    if detector is None:
        sys.exit(f"no face detector: {reason}")
    reader, reason = load_text_reader()
    if reader is None:
        sys.exit(f"no text reader: {reason}")
    print(f"{'photo':26} {'stage':7} {'p50 ms':>8} {'p95 ms':>8}  faces  verdict  words read")
    for megapixels in (1.0, 3.0):
        for name in PHOTOS:
            jpeg = photos[(name, megapixels)]
            decode, detect, read, whole = [], [], [], []
            faces, words, verdict = 0, "", ""
            for _ in range(args.runs):
                t0 = time.perf_counter()
                image = decode_image(jpeg)
                t1 = time.perf_counter()
                faces = detector.detect(image).count
                t2 = time.perf_counter()
                words = " / ".join(reader.read(image).lines)
                t3 = time.perf_counter()
                verdict = engine.check_image(ImageRequest(data=jpeg)).verdict
                t4 = time.perf_counter()
                decode.append((t1 - t0) * 1000)
                detect.append((t2 - t1) * 1000)
                read.append((t3 - t2) * 1000)
                whole.append((t4 - t3) * 1000)
            label = f"{name} {megapixels:.0f} MP ({len(jpeg) // 1024} KB)"
            stages = (("decode", decode), ("faces", detect), ("words", read), ("whole", whole))
            for stage, values in stages:
                p50, p95 = statistics.median(values), percentile(values, 0.95)
                tail = f"  {faces:5}  {verdict:7}  {words[:40]}" if stage == "whole" else ""
                print(f"{label:26} {stage:7} {p50:8.1f} {p95:8.1f}{tail}")
    print(
        f"companion RSS with its detector workers: {before:.0f} MB before any photo, "
        f"{working:.0f} MB while photos are checked (+{working - before:.0f} MB; the workers stop "
        "after 5 minutes without a photo)"
    )
    detector.close()
    reader.close()
    engine.close()


if __name__ == "__main__":
    main()
