"""How long a photo check takes, whole and by stage, at 1 MP and 3 MP, what it reads, and what it
adds to RSS.

    .venv/bin/python bench/photos_bench.py [--runs 20] [--no-crest]

Photos are scikit-image's bundled astronaut portrait (one face) and coffee (none), and a class
certificate naming a pupil drawn with Pillow's own font, scaled to each size and encoded as a
phone's JPEG. The check is the engine's own (``Engine.check_image``): the companion's process
reads the image's header and sends the bytes to the photo worker, which decodes them once and
looks for faces (YuNet), the school's crest (OpenCV ORB; a crest is registered unless
``--no-crest``) and words (RapidOCR) at once. "whole" is the engine's call, end to end; the
stages are the worker's own timings of the same calls (decode, then faces and crest on one
thread while words are read on another). Recall: which of the names and school names written
on the test set's images (tests/photos/conftest.py) the words read contain; "small writing":
how many names written 14-26 px high on 1,600 px photos are read; "banners": how many of 20
phrases written ~72 px high on a banner are read word for word, the gaps between words kept.
Children's faces: of the faces found in photos of children only (tests/photos/data, and every
photo in ``--children DIR``), how many are named as a child's; and of those in photos of adults
only (scikit-image's astronaut and cameraman, and ``--adults DIR``), how many wrongly are. RSS
is the companion's process and the worker's, read from /proc.
"""

from __future__ import annotations

import argparse
import gc
import io
import multiprocessing
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from companion.checks import ImageRequest
from companion.demo import demo_roster
from companion.engine import Engine

PHOTOS = ("astronaut", "coffee", "certificate")
# "3 MP sent": the 3 MP photo as the extension sends it when staff attach it (content/photos.js:
# at most 1,600 px on its longest side, JPEG quality 0.88); the others as the CLI reads a file.
SIZES = ("1 MP", "3 MP", "3 MP sent")
STAGES = ("decode", "faces", "crest", "words")


def certificate() -> object:
    from PIL import Image, ImageDraw, ImageFont

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
    import numpy as np
    from PIL import Image
    from skimage import data

    if name == "certificate":
        image = certificate()
    else:
        pixels = getattr(data, name)()
        if pixels.ndim == 2:  # the cameraman is grey
            pixels = np.stack([pixels] * 3, axis=-1)
        image = Image.fromarray(pixels[..., :3].astype(np.uint8))
    scale = (megapixels * 1e6 / (image.width * image.height)) ** 0.5
    image = image.resize((round(image.width * scale), round(image.height * scale)))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def as_sent(data: bytes) -> bytes:
    """``data`` as the extension sends it: upright, at most 1,600 px, JPEG at quality 88."""
    from PIL import Image, ImageOps

    image = ImageOps.exif_transpose(Image.open(io.BytesIO(data))).convert("RGB")
    image.thumbnail((1600, 1600), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=88)
    return buffer.getvalue()


def word_images() -> list[tuple[str, bytes, tuple[str, ...]]]:
    """The test set's images with words on them, and what must be read on each."""
    from tests.photos.conftest import banner_over_photo
    from tests.photos.conftest import certificate as test_certificate

    school = "Glazebury CE Primary School"
    return [
        ("certificate 1 MP", photo("certificate", 1.0), ("Joshua Smith", school)),
        ("certificate 3 MP", photo("certificate", 3.0), ("Joshua Smith", school)),
        ("test certificate", test_certificate("Joshua Smith"), ("Joshua Smith", school)),
        ("test certificate", test_certificate("Grace Okonkwo"), ("Grace Okonkwo", school)),
        (
            "test certificate",
            test_certificate("Quillon Ardenwhite", "Riverside Library"),
            ("Quillon Ardenwhite", "Riverside Library"),
        ),
        ("banner", banner_over_photo("GLAZEBURY SPORTS DAY"), ("GLAZEBURY SPORTS DAY",)),
    ]


def register() -> bytes:
    """A class register photographed whole (1,600 x 1,200, as sent): 16 long lines of names,
    marks and notes, the densest writing staff photograph. Its check shows the worker's peak."""
    from PIL import Image, ImageDraw

    from tests.photos.conftest import font, jpeg

    page = Image.new("RGB", (1600, 1200), (252, 252, 248))
    draw = ImageDraw.Draw(page)
    for row in range(16):
        name = SMALL_NAMES[row % len(SMALL_NAMES)]
        line = f"{row + 1:2d}  {name:24s} present  present  absent  late  present  dinners paid"
        draw.text((40, 40 + row * 70), line, fill=(20, 20, 20), font=font(34))
    return jpeg(page)


SMALL_SIZES = (14, 16, 18, 20, 22, 26)  # px high, on a 1,600 x 1,200 photo
SMALL_SCENES = ("paper", "astronaut", "coffee", "chelsea", "rocket", "camera")
SMALL_NAMES = (
    "Joshua Smith", "Grace Okonkwo", "Amelia Hartley", "Oliver Brennan", "Zainab Qureshi",
    "Leo Fitzgerald", "Maisie Dunmore", "Harvey Pilkington", "Aisha Rahman",
    "Freddie Wolstenholme", "Poppy Ashworth", "Callum McBride",
)  # fmt: skip


def small_writing(
    times: float = 1.0,
    sizes: tuple[int, ...] = SMALL_SIZES,
    chance: random.Random | None = None,
) -> list[tuple[int, bytes, tuple[str, str]]]:
    """Two names on labels in each of six scenes at each of six small sizes, turned up to 6
    degrees, as the extension sends a photo (1,600 x 1,200, JPEG 88): name labels, a register
    on a desk, a display board seen across a classroom. With ``times``, the same on a photo that
    many times larger, each name ``times`` as high (bench/photo_scaling_bench.py)."""
    import numpy as np
    from PIL import Image, ImageDraw
    from skimage import data

    from tests.photos.conftest import font

    chance = chance or random.Random(7)
    page_size = (round(1600 * times), round(1200 * times))
    images = []
    for size in sizes:
        letters = font(round(size * times))
        for scene_name in SMALL_SCENES:
            if scene_name == "paper":
                scene = Image.new("RGB", page_size, (250, 245, 230))
            else:
                pixels = getattr(data, scene_name)()
                if pixels.ndim == 2:
                    pixels = np.stack([pixels] * 3, axis=-1)
                scene = Image.fromarray(pixels[..., :3].astype(np.uint8)).resize(page_size)
            names = tuple(chance.sample(SMALL_NAMES, 2))
            layer = Image.new("RGBA", scene.size, (0, 0, 0, 0))
            draw = ImageDraw.Draw(layer)
            for k, name in enumerate(names):
                x = chance.randint(40, int(700 * times))
                y = int((200 + k * 500 + chance.randint(-100, 100)) * times)
                width, height = draw.textbbox((0, 0), name, font=letters)[2:]
                box = (x - 10, y - 8, x + width + 10, y + height + 12)
                draw.rectangle(box, fill=(255, 255, 255, 230))
                draw.text((x, y), name, font=letters, fill=(20, 20, 60, 255))
            layer = layer.rotate(chance.uniform(-6, 6), resample=Image.Resampling.BICUBIC)
            page = Image.alpha_composite(scene.convert("RGBA"), layer).convert("RGB")
            buffer = io.BytesIO()
            page.save(buffer, "JPEG", quality=88)
            images.append((size, buffer.getvalue(), names))
    return images


# Phrases on banners and posters held up in a photo, written ~72 px high, most in capitals. A
# reader that loses the gap between large words reads "KESTRELCLASS ASSEMBLY": the name rules
# still find a name run into the next word, but quote it so, and a phrase run into one
# ("sports day" in "GLAZEBURYSPORTS DAY") is missed. The text networks in 8-bit integers read
# 1-3 fewer of these 20 (the detector) and 3-9 fewer (the recogniser), and the small writing's
# names as often (companion/photos/models/__init__.py).
BANNERS = (
    "GLAZEBURY SPORTS DAY",
    "RIVERSIDE SUMMER FETE",
    "WELL DONE YEAR SIX",
    "KESTREL CLASS ASSEMBLY",
    "Harvest Festival 2026",
    "Parents Evening Tonight",
    "BRAMLEY PARK NURSERY",
    "School Council Elections",
    "CHRISTMAS JUMPER DAY",
    "World Book Day Parade",
    "OAKWOOD ACADEMY CHOIR",
    "Meet The Teacher",
    "GOLDEN TIME REWARDS",
    "Reading Champions Wall",
    "ST MARY'S CE PRIMARY",
    "Eco Warriors Club",
    "SPORTS RELIEF MILE",
    "Year 3 Trip To Chester",
    "FOREST SCHOOL FRIDAY",
    "Happy Retirement Mrs Patel",
)


def banners() -> list[tuple[str, bytes]]:
    """Each of BANNERS on a banner over scikit-image's coffee cup (tests/photos/conftest.py)."""
    from tests.photos.conftest import banner_over_photo

    return [(words, banner_over_photo(words)) for words in BANNERS]


DATA = Path(__file__).resolve().parents[1] / "tests" / "photos" / "data"
CHILDREN = ("children-waving.jpg", "child-painted-face.jpg")  # every face a child's


def animations() -> dict[str, bytes]:
    """Animated GIFs as staff attach them: a short clip at 480 x 270 (12 frames, six of them
    looked at) and a larger one near the 10 MB limit (1,280 x 720, 16 frames)."""
    import io

    from PIL import Image

    made = {}
    for label, size, count in (
        ("480 x 270, 12 frames", (480, 270), 12),
        ("1,280 x 720, 16 frames", (1280, 720), 16),
    ):
        scene = Image.open(io.BytesIO(photo("astronaut", 1.0))).convert("RGB").resize(size)
        frames = [scene.rotate(i * 3, fillcolor=(255, 255, 255)) for i in range(count)]
        buffer = io.BytesIO()
        frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], duration=80)
        made[label] = buffer.getvalue()
    return made


def folder_photos(shipped: Path | None, more: Path | None) -> list[Path]:
    """The JPEG and PNG photos in ``shipped`` and in ``more`` (either may be None)."""
    folders = [f for f in (shipped, more) if f is not None]
    return sorted(p for f in folders for p in f.iterdir() if p.suffix.lower() in PHOTO_SUFFIXES)


PHOTO_SUFFIXES = {".jpg", ".jpeg", ".png"}


def machine_speed() -> float:
    """Seconds for a pure-Python loop of 10 million additions, the best of three: this VM's speed
    changes from day to day (0.55 s on 30 November 2026, 0.9-1.8 s on 1 December), and the photo
    figures with it, so each run says how fast the machine was."""
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        total = 0
        for number in range(10_000_000):
            total += number
        best = min(best, time.perf_counter() - started)
    return best


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def rss_of(pid: int | str, field: str = "VmRSS") -> float:
    """MB of ``field`` in /proc/PID/status: VmRSS, or RssAnon (the process's own memory, not
    the pages of shared libraries it maps, which other processes share and the system can drop)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    return 0.0


def read_ahead_kb(path: Path) -> int | None:
    """The read-ahead of the disk holding ``path``, KB (None where /sys does not say). The
    libraries' share of RSS follows how their files sit in the page cache: Linux (6.18 here, on
    ext4) can keep a file in large pieces, read with a large read-ahead, and maps each piece
    whole when a page of it is used. On 1 December 2026, just after the install (this VM's
    read-ahead: 8,192 KB), the worker held 104 MB of library pages and the bench added 182 MB in
    all; with the caches dropped and the read-ahead at Linux's usual 128 KB for one run, 61 MB and
    138 MB, and 61 and 139 MB in the next run at 8,192 KB (the files still cached in small
    pieces). The worker's own memory (RssAnon) was 76-77 MB each time."""
    device = os.stat(path).st_dev
    block = Path(f"/sys/dev/block/{os.major(device)}:{os.minor(device)}")
    for queue in (block / "queue", block / ".." / "queue"):  # a disk, or a partition of one
        try:
            return int((queue / "read_ahead_kb").read_text())
        except (OSError, ValueError):
            continue
    return None


def cpu_ms(pid: int | str) -> float:
    """User + system CPU time the process has used, ms."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def workers_cpu() -> float:
    return sum(cpu_ms(child.pid) for child in multiprocessing.active_children())


def workers_rss() -> list[float]:
    return [rss_of(child.pid) for child in multiprocessing.active_children()]


def settled(read: Callable[[], list[float]], seconds: float = 3.0) -> list[float]:
    """``read()`` once it gives the same answer three times 0.1 s apart (or after ``seconds``)."""
    deadline = time.monotonic() + seconds
    last, same = read(), 0
    while same < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
        now = read()
        same = same + 1 if [round(v) for v in now] == [round(v) for v in last] else 0
        last = now
    return last


def with_crest(home: Path) -> None:
    from companion.photos.crest import register_crest
    from companion.school.store import SchoolStore
    from tests.photos.crest_scenes import crest, crest_png

    SchoolStore(home).set_crest(register_crest(crest_png(crest())))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--no-crest", action="store_true", help="no crest registered")
    parser.add_argument("--children", type=Path, help="photos in which every face is a child's")
    parser.add_argument("--adults", type=Path, help="photos in which every face is an adult's")
    args = parser.parse_args()
    photos = {(n, f"{mp:.0f} MP"): photo(n, mp) for mp in (1.0, 3.0) for n in PHOTOS}
    photos |= {(n, "3 MP sent"): as_sent(photos[(n, "3 MP")]) for n in PHOTOS}
    words = word_images()
    # Every test image is made before the companion's memory is first read: making them (Pillow
    # in this process) is the bench's own memory, not the companion's.
    small = small_writing()
    large = banners()
    dense = register()
    clips = animations()
    # What the school may post (hands, backs of heads, children's drawings) and scikit-image's
    # photos without people: a face found in any is a false alarm.
    faceless = [
        p.read_bytes()
        for p in sorted(DATA.glob("*.jpg"))
        if p.name.startswith(("hands-", "back", "artwork-"))
    ] + [photo(n, 1.0) for n in ("chelsea", "coffee", "coins")]
    ages = {
        "children's": [(DATA / name).read_bytes() for name in CHILDREN]
        + [p.read_bytes() for p in folder_photos(None, args.children)],
        "adults'": [photo(n, 1.0) for n in ("astronaut", "camera")]
        + [p.read_bytes() for p in folder_photos(None, args.adults)],
    }
    home = Path(tempfile.mkdtemp(prefix="photos-bench-"))
    if not args.no_crest:
        with_crest(home)
    engine = Engine(demo_roster(), home=home)
    gc.collect()
    before = rss_of("self")
    engine.warm_photos()
    detectors = engine._detectors()  # the engine's own, for the worker's stage timings
    loaded = rss_of("self"), workers_rss()
    for jpeg in photos.values():  # every photo once, as warm-up
        engine.check_image(ImageRequest(data=jpeg))
    print(f"this machine: 10 million additions in {machine_speed():.2f} s (best of three)")
    print(
        f"{'photo':30} {'stage':7} {'p50 ms':>8} {'p95 ms':>8}  faces  logo   verdict  words read"
    )
    for size in SIZES:
        for name in PHOTOS:
            jpeg = photos[(name, size)]
            stages: dict[str, list[float]] = {stage: [] for stage in (*STAGES, "whole")}
            verdict = None
            cpu = cpu_ms("self"), workers_cpu()
            for _ in range(args.runs):
                started = time.perf_counter()
                verdict = engine.check_image(ImageRequest(data=jpeg))
                stages["whole"].append((time.perf_counter() - started) * 1000)
                for stage, ms in detectors.last_timings.items():
                    stages[stage].append(ms)
            label = f"{name} {size} ({len(jpeg) // 1024} KB)"
            main_cpu = (cpu_ms("self") - cpu[0]) / args.runs
            worker_cpu = (workers_cpu() - cpu[1]) / args.runs
            for stage, values in stages.items():
                if not values:
                    continue
                p50, p95 = statistics.median(values), percentile(values, 0.95)
                tail = ""
                if stage == "whole" and verdict is not None:
                    read = (verdict.image_text or "").replace("\n", " / ")[:40]
                    tail = f"  {verdict.faces!s:5}  {verdict.logo!s:5}  {verdict.verdict:7}  {read}"
                print(f"{label:30} {stage:7} {p50:8.1f} {p95:8.1f}{tail}")
            print(f"{label:30} CPU ms per photo: companion {main_cpu:.0f}, worker {worker_cpu:.0f}")
    found = wanted = 0
    for label, jpeg, names in words:
        text = engine.check_image(ImageRequest(data=jpeg)).image_text or ""
        hits = [n for n in names if n in text]
        found, wanted = found + len(hits), wanted + len(names)
        missed = ", ".join(n for n in names if n not in text)
        print(f"read: {label:18} {len(hits)}/{len(names)}{'  missed ' + missed if missed else ''}")
    print(f"recall on the images with words: {found}/{wanted} names and school names read")
    by_size: dict[int, list[int]] = {size: [0, 0] for size in SMALL_SIZES}
    for size, jpeg, names in small:
        text = engine.check_image(ImageRequest(data=jpeg)).image_text or ""
        by_size[size][0] += sum(name in text for name in names)
        by_size[size][1] += len(names)
    small_found = sum(found for found, _ in by_size.values())
    small_wanted = sum(wanted for _, wanted in by_size.values())
    sizes = ", ".join(f"{size} px {found}/{wanted}" for size, (found, wanted) in by_size.items())
    print(f"small writing, names read: {small_found}/{small_wanted} ({sizes})")
    misread = []
    for written, jpeg in large:
        text = engine.check_image(ImageRequest(data=jpeg)).image_text or ""
        if written not in text:
            misread.append(f'"{text.replace(chr(10), " / ")}"')
    print(
        f"banners written ~72 px high, read word for word: {len(large) - len(misread)}/"
        f"{len(large)}{' (read ' + ', '.join(misread) + ')' if misread else ''}"
    )
    # The worker's peak over the register alone (its high-water mark reset first: /proc allows
    # it for one's own processes).
    for child in multiprocessing.active_children():
        Path(f"/proc/{child.pid}/clear_refs").write_text("5")
    timed = []
    for _ in range(3):
        started = time.perf_counter()
        read = engine.check_image(ImageRequest(data=dense)).image_text or ""
        timed.append((time.perf_counter() - started) * 1000)
    register_peak = [rss_of(child.pid, "VmHWM") for child in multiprocessing.active_children()]
    named = sum(name in read for name in SMALL_NAMES)
    print(
        f"class register (16 long lines): {statistics.median(timed):.0f} ms, {named}/12 names "
        f"read, the worker's peak {' + '.join(f'{w:.0f}' for w in register_peak)} MB"
    )
    for label, clip in clips.items():
        timed = []
        for _ in range(3):
            started = time.perf_counter()
            verdict = engine.check_image(ImageRequest(data=clip))
            timed.append((time.perf_counter() - started) * 1000)
        print(
            f"animated GIF {label} ({len(clip) // 1024} KB): {statistics.median(timed):.0f} ms, "
            f"faces {verdict.faces}, decode {detectors.last_timings.get('decode', 0):.0f} ms, "
            f"not checked {list(verdict.image_not_checked)}"
        )
    checked = args.runs * len(photos) + len(words) + len(small) + len(large) + len(timed)
    alarms = [v.faces for v in (engine.check_image(ImageRequest(data=d)) for d in faceless)]
    checked += len(faceless)
    print(
        f"photos without a face (hands, backs of heads, drawings, a cat, coffee, coins): "
        f"{sum(1 for n in alarms if n)}/{len(faceless)} with a face found"
    )
    for whose, images in ages.items():
        verdicts = [engine.check_image(ImageRequest(data=data)) for data in images]
        checked += len(images)
        faces = sum(v.faces or 0 for v in verdicts)
        named = sum(v.children or 0 for v in verdicts)
        print(
            f"photos of {whose} faces only: {named}/{faces} faces named as a child's "
            f"({len(images)} photos)"
        )
    gc.collect()
    # The worker hands a photo's memory back once it has answered (worker_pool.serve): read it
    # idle, as it is between photos, not in the moment after its last answer.
    workers_now = settled(workers_rss)
    main_now = rss_of("self")
    peaks = [rss_of(child.pid, "VmHWM") for child in multiprocessing.active_children()]
    print(
        f"RSS: companion process {before:.0f} MB before any photo, {loaded[0]:.0f} MB with the "
        f"worker loaded, {main_now:.0f} MB after {checked} photos "
        f"(+{main_now - before:.0f} MB); worker {' + '.join(f'{w:.0f}' for w in loaded[1])} MB "
        f"loaded, {' + '.join(f'{w:.0f}' for w in workers_now)} MB after, idle (its peak while "
        f"checking: {' + '.join(f'{w:.0f}' for w in peaks)} MB); "
        f"added in all {main_now + sum(workers_now) - before:.0f} MB"
    )
    anonymous = [rss_of(child.pid, "RssAnon") for child in multiprocessing.active_children()]
    libraries = [rss_of(child.pid, "RssFile") for child in multiprocessing.active_children()]
    import onnxruntime  # where the largest libraries are: the read-ahead of their disk

    ahead = read_ahead_kb(Path(onnxruntime.__file__))
    print(
        f"of the worker's RSS, its own memory (RssAnon, not shared libraries' pages): "
        f"{' + '.join(f'{w:.0f}' for w in anonymous)} MB; libraries' pages (RssFile) "
        f"{' + '.join(f'{w:.0f}' for w in libraries)} MB, read from a disk whose read-ahead is "
        f"{'unknown' if ahead is None else f'{ahead:,} KB'}"
    )
    engine.close()


if __name__ == "__main__":
    main()
