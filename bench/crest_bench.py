"""How long finding the school's crest takes per photo at 1 MP and 3 MP, and how often it is right.

    .venv/bin/python bench/crest_bench.py [--runs 30]

The set is tests/photos/crest_scenes.py's: scikit-image's real photos with a crest drawn with
Pillow pasted on a jumper or sign (36 placements, 120-340 px wide, turned up to 15 degrees, at a
slant), another school's crest from the same template in the same places, and the same photos
with a sign or jumper but no crest. A second, harder set puts small crests (90-140 px once
searched) on busy photos (a 3 MP class photo, grass, gravel, brick) as drawn, faded to half
contrast, and faded to a third and softened: where the detector's limits are. find_crest is
timed on decoded images (decode_image's work is not included); one process, OpenCV's own threads
as it chooses.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import cv2
from PIL import Image

from companion.photos.crest import find_crest, register_crest
from companion.photos.crest_template import CrestTemplate
from tests.photos.crest_scenes import (
    CLASS_PHOTO,
    OTHER,
    Case,
    busy_cases,
    cases,
    crest,
    crest_png,
    decoded,
    faded,
    scene,
)


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]


def at_megapixels(image: Image.Image, megapixels: float) -> Image.Image:
    scale = (megapixels * 1e6 / (image.width * image.height)) ** 0.5
    size = (round(image.width * scale), round(image.height * scale))
    return image.resize(size, Image.Resampling.BICUBIC)


def timings(template: CrestTemplate, runs: int) -> None:
    with_crest = decoded(scene("coffee", crest(), 220, 5, 0.1, seed=3))
    without = decoded(scene("astronaut", None, 220, 5, 0.1, seed=4))
    for megapixels in (1.0, 3.0):
        for label, image in (("crest", with_crest), ("no crest", without)):
            sized = at_megapixels(image, megapixels)
            find_crest(sized, template)  # warm-up
            samples = []
            for _ in range(runs):
                start = time.perf_counter()
                find_crest(sized, template)
                samples.append((time.perf_counter() - start) * 1000)
            p50, p95 = percentiles(samples)
            print(
                f"{megapixels:.0f} MP {label:9} {sized.width}x{sized.height}: "
                f"p50 {p50:.0f} ms, p95 {p95:.0f} ms"
            )


def accuracy(template: CrestTemplate) -> None:
    own, others = (
        crest(),
        (crest("HPS", colours=OTHER), crest("SJB", motto="FAITH AND HOPE", colours=OTHER)),
    )
    found = false_other = false_plain = 0
    samples = []
    all_cases = cases()
    for case in all_cases:
        where = (case.name, case.width, case.angle, case.tilt, case.seed)
        for emblem, kind in (
            (own, "own"),
            (others[0], "other"),
            (others[1], "other"),
            (None, "plain"),
        ):
            image = decoded(scene(where[0], emblem, *where[1:]))
            start = time.perf_counter()
            match = find_crest(image, template)
            samples.append((time.perf_counter() - start) * 1000)
            if kind == "own":
                found += match is not None
            elif kind == "other":
                false_other += match is not None
            else:
                false_plain += match is not None
    n = len(all_cases)
    p50, p95 = percentiles(samples)
    print(f"recall: {found}/{n} pasted crests found")
    print(
        f"false matches: {false_other}/{2 * n} other schools' crests (same template), "
        f"{false_plain}/{n} photos with a sign or jumper but no crest"
    )
    print(f"per image on the set (~1.3 MP): p50 {p50:.0f} ms, p95 {p95:.0f} ms")


def busy(template: CrestTemplate) -> None:
    others = (crest("HPS", colours=OTHER), crest("SJB", motto="FAITH AND HOPE", colours=OTHER))
    all_cases = busy_cases()
    in_class = sum(case.name == CLASS_PHOTO for case in all_cases)
    plain = sum(
        find_crest(decoded(scene(c.name, None, *_pose(c))), template) is not None for c in all_cases
    )
    print(f"busy photos: {plain}/{len(all_cases)} without a crest matched")
    for contrast, blur, label in (
        (1.0, 0.0, "as drawn"),
        (0.5, 0.0, "half contrast"),
        (0.35, 1.0, "a third, softened"),
    ):
        found = found_in_class = false_other = 0
        for case in all_cases:
            hit = find_crest(
                decoded(scene(case.name, faded(crest(), contrast, blur), *_pose(case))), template
            )
            found += hit is not None
            found_in_class += hit is not None and case.name == CLASS_PHOTO
            false_other += sum(
                find_crest(
                    decoded(scene(case.name, faded(o, contrast, blur), *_pose(case))), template
                )
                is not None
                for o in others
            )
        print(
            f"busy photos, crest {label}: {found}/{len(all_cases)} found "
            f"({found_in_class}/{in_class} in the class photo), "
            f"{false_other}/{2 * len(all_cases)} other schools' crests matched"
        )


def _pose(case: Case) -> tuple[int, float, float, int, int]:
    return case.width, case.angle, case.tilt, case.seed, case.longest


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--threads", type=int, default=0, help="OpenCV's threads (0: its own)")
    args = parser.parse_args()
    if args.threads:
        cv2.setNumThreads(args.threads)
        print(f"OpenCV threads: {cv2.getNumThreads()}")
    template = register_crest(crest_png(crest()))
    print(f"template: {len(template.points)} keypoints, {len(template.to_bytes()) // 1024} KB")
    timings(template, args.runs)
    accuracy(template)
    busy(template)


if __name__ == "__main__":
    main()
