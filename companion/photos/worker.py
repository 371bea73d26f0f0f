"""What runs in the one photo worker process (see worker_pool): the image is decoded once there,
then its faces counted (YuNet-s on ONNX Runtime), its words read (RapidOCR on ONNX Runtime) and
the school's crest looked for (OpenCV ORB), each answer sent back as soon as it is ready.

One process for all three: one Python, NumPy, OpenCV and ONNX Runtime instead of one per
detector, and the companion's own process never decodes the pixels or loads any of them. The
native libraries' memory goes when the worker rests; a crash in them cannot take the companion
down. Faces are looked for on one thread while the words are found on another, then the crest by
whichever is free first, and then the lines of words found are read by both (shared_work.py),
each network on one core. Until 2 December each network could use both cores, and the lines were
read by the words' thread alone: on a 3 MP certificate as the extension sends it, p95 298-326 ms
now against 378-421, and 478-524 ms of CPU against 583-645 (bench/photos_bench.py, the two trees
interleaved; the recogniser's Latin alphabet, models/__init__.py, is in these figures too).

Nothing read here is printed or logged, and no image is written anywhere: the bytes arrive
through a pipe and stay in memory.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from companion import native_heap
from companion.photos.shared_work import SharedWork

if TYPE_CHECKING:
    from companion.photos.yunet import YuNet

FACES, WORDS, CREST = "faces", "words", "crest"
# Not a part of its own: with the faces, how many look like a child's (None: not estimated).
AGES = "ages"
IMAGE = "image"  # the part that fails when the bytes are not an image we check

# YuNet works best on images no larger than this on their longest side.
FACE_SIDE = 960
# The words: where they are is found by the PP-OCRv3 detector Postguard ships
# (companion/photos/models), on at most WORD_SIDE pixels; they are read by the PP-OCRv6 small
# recogniser (rapidocr's, its largest layers stored as 8-bit integers: models/__init__.py), on
# crops of the decoded image. Both Apache-2.0, both shipped with Postguard, nothing downloaded.
# bench/photos_bench.py, 30 November 2026: a mobile detector at 672 px read 68 of 72 names written
# 14-26 px high on 1,600 px photos where RapidOCR's own (PP-OCRv6 small, three times the cost a
# pixel) at 512 px read 54, and a certificate as the extension sends it was checked in p95 292-297
# ms instead of 314-323 (PP-OCRv3's detector replaced PP-OCRv4's on 1 December: models/__init__.py).
# Text at an angle is rare in what staff photograph (certificates, banners, name labels), so the
# direction classifier is off.
WORD_SIDE = 672
REC_BATCH = 1  # lines read at once (see _load_reader)
# RapidOCR reads an image under STRIP_HEIGHT px high or over STRIP_RATIO times as wide as high as
# one line, without looking for lines in it, and its recogniser's work grows with the square of
# that line's width once scaled to 48 px high: a 1,600 x 1 strip (an 85-byte PNG) took 3.2 s and
# 1.8 GB (found in review), and a name 12 px high on a 1,600 x 16 strip was not read. Such a strip
# is put on a white page as the site shows it, where its lines are found as in any photo (the
# 1,600 x 1 strip: 19 ms; the name: read).
STRIP_HEIGHT = 30
STRIP_RATIO = 8
# Threads each ONNX Runtime session uses. The photo worker's own two threads keep both cores busy
# (faces and the crest on one, the words on the other, their lines read by both: shared_work.py);
# two threads inside a network gave little here (the text detector 64 ms instead of 73, the
# recogniser 33 instead of 48 a line) for 20-35% more CPU, which the other thread then lacked.
SESSION_THREADS = 1
CREST_THREADS = 1  # ORB on one image is over in ~45 ms: more threads only add start-up

Reply = Callable[[str, bool, Any], None]  # part, ok, value (the answer, or why there is none)

_state: dict[str, Any] = {"missing": {}}
_quick_loaded = threading.Event()  # faces and crest: a fraction of a second
_words_loaded = threading.Event()  # the reader's models: a second or more
_photo_came = threading.Event()  # from then on, nothing is warmed up (see _warm_up)
_crest: tuple[bytes, Any] | None = None  # the last template's bytes and the template


def start(parts: tuple[str, ...]) -> dict[str, str]:
    """Load what ``parts`` need; returns each part that cannot work here and why.

    The caller runs this beside its loop, so a photo that arrives meanwhile gets its faces and
    crest as soon as they are loaded (first), and its words once the reader is in memory. Until a
    photo comes, each network is also run once on a made-up page as it loads (_warm_up)."""
    missing: dict[str, str] = _state["missing"]
    prepare()  # again when called without worker_pool.serve (tests, the bench of one part)
    try:
        _load(parts, missing)
    finally:  # a photo waiting for a part that failed to load is answered with why
        _quick_loaded.set()
        _words_loaded.set()
    if not _photo_came.is_set():  # else the photo's own threads are at work, and it trims after
        # What loading and the made-up page used, handed back: a worker started warm held
        # 177-180 MB until its first photo, and holds 130 (bench/photos_bench.py, 2 December 2026).
        trim()
    return dict(missing)


def prepare() -> None:
    """Set before any native library loads and before the worker has another thread: the C
    library keeps one malloc arena. Each thread would otherwise keep its own, holding freed
    image buffers: measured 413 -> 266 MB after 30 photos with at most two arenas and
    malloc_trim after each photo, and 205 -> 156 MB after 63 photos with one arena instead of
    two, for no measurable time (faces and crest read beside the words: 12.0-12.6 s for the 63,
    was 13.1)."""
    libc = native_heap.glibc()
    if libc is not None:
        libc.mallopt(-8, 1)  # M_ARENA_MAX
        # A fixed M_MMAP_THRESHOLD (1 or 4 MB: big buffers handed back at once) was measured
        # too: ~35 MB less in one run, none in another, for 8-20% more CPU per photo. Not set.


def trim() -> None:
    """Hand the memory a photo used back to the system (after each photo, when idle)."""
    native_heap.trim()


def _load(parts: tuple[str, ...], missing: dict[str, str]) -> None:
    if FACES in parts:
        from companion.photos.faces import face_detector_missing

        if why := face_detector_missing():  # its model checked against the one shipped
            missing[FACES] = why
        else:
            import numpy as np

            try:
                detector = _face_detector()
                _warm_up(lambda page: detector(np.asarray(page)))
            except Exception as exc:  # ONNX Runtime's own errors: the words and crest go on
                missing[FACES] = (
                    f"the face detector cannot start on this machine ({type(exc).__name__}: {exc})"
                )
            else:
                _state[FACES] = detector
                _load_ages(missing)
    if CREST in parts:
        try:
            import cv2

            cv2.setNumThreads(CREST_THREADS)
            _state[CREST] = cv2
        except ImportError as exc:
            missing[CREST] = f"OpenCV is not installed ({exc})"
    _quick_loaded.set()
    if WORDS in parts:
        try:
            reader = _load_reader()
            # RapidOCR makes its sessions only when they are first used: made now, as the worker
            # loads, and not while a photo waits for its words.
            reader._load_det_model()
            reader._load_rec_model()
            _warm_up(lambda page: reader(_bgr(page)))
            _state[WORDS] = reader
        except (ImportError, OSError) as exc:
            missing[WORDS] = f"the text reader cannot start on this machine ({exc})"
        except Exception as exc:  # another RapidOCR than the one measured: faces and crest go on
            missing[WORDS] = (
                f"the text reader cannot start on this machine ({type(exc).__name__}: {exc})"
            )


def _load_ages(missing: dict[str, str]) -> None:
    """The age network, which words a face finding as a child's (companion/photos/ages.py). Faces
    are still counted without it."""
    import numpy as np

    from companion.photos.ages import load_age_estimator

    estimator, why = load_age_estimator()
    if estimator is None:
        missing[AGES] = why
        return
    try:  # a made-up face's landmarks: the network runs once on a chip of the page
        _warm_up(lambda page: estimator.children(page, [np.array(WARM_UP_FACE, dtype=float)]))
    except Exception as exc:  # faces are still counted without it
        missing[AGES] = f"the age network cannot run on this machine ({type(exc).__name__}: {exc})"
    else:
        _state[AGES] = estimator


# Where a face's eyes, nose and mouth corners would be on the warm-up page.
WARM_UP_FACE = ((430, 200), (500, 200), (465, 240), (435, 280), (495, 280))


class FirstRunFailed(RuntimeError):
    """A network loaded, and failed its first run on the made-up page: it would fail on photos."""


def _warm_up(run: Callable[[Any], Any]) -> None:
    """``run`` a network on a made-up page (_warm_up_page) as it loads, unless a photo has come:
    a network's first run pays for its code's first use and for the shape's memory plans, so the
    first photo after the worker was started warm waited for all of it (a certificate as sent:
    478-547 ms where the next took 259-326, 2 December 2026). A worker started by a photo
    (after 5 minutes without one, the usual case) does not warm up: the photo would wait for the
    made-up page's words too (its first answer 100-250 ms later, measured). A photo that comes
    while a network runs on the page waits for that run (at most the words': ~0.3 s); each
    network is handed to the photos only after it. FirstRunFailed when the network fails."""
    if _photo_came.is_set():
        return
    try:
        page = _warm_up_page()
    except Exception:  # a Pillow without a font to draw with: the first photo pays, as before
        return
    try:
        run(page)
    except Exception as exc:
        raise FirstRunFailed(
            f"its first run, on a made-up page, failed ({type(exc).__name__}: {exc})"
        ) from exc


def _warm_up_page() -> Any:
    """960 x 720 with one line of writing: the shape of a 4:3 photo as the faces and the words
    look at it."""
    from PIL import Image, ImageDraw, ImageFont

    try:
        font: Any = ImageFont.load_default(size=72)  # Pillow 10.1 or later, with FreeType
    except (TypeError, ImportError, OSError):
        font = ImageFont.load_default()  # small, and the page still has its shape
    page = Image.new("RGB", (FACE_SIDE, FACE_SIDE * 3 // 4), (246, 244, 238))
    ImageDraw.Draw(page).text((80, 420), "Postguard", fill=(25, 25, 25), font=font)
    return page


def _load_reader() -> Any:
    import logging

    from companion.photos import models, no_downloads

    if why := models.missing():
        raise OSError(why)
    no_downloads.install()  # before RapidOCR is imported
    from companion.photos.runtime import quiet_onnxruntime

    quiet_onnxruntime()  # before RapidOCR makes its sessions
    from companion.photos.line_reader import SharedLinesReader

    logging.getLogger("RapidOCR").setLevel(logging.CRITICAL)
    _quiet_sessions()
    return SharedLinesReader(
        params={
            "Global.use_cls": False,
            "Global.log_level": "critical",
            "Det.model_path": str(models.TEXT_DETECTOR),
            "Rec.model_path": str(models.TEXT_RECOGNISER),
            "Det.limit_side_len": WORD_SIDE,
            "Det.limit_type": "max",
            # One line at a time: RapidOCR pads a batch of lines to the widest, and the
            # recogniser's attention grows with the square of a line's width, so six long lines
            # of a letter or a register held +536 MB at once (one: +165 MB, and no slower).
            "Rec.rec_batch_num": REC_BATCH,
            "EngineConfig.onnxruntime.intra_op_num_threads": SESSION_THREADS,
            "EngineConfig.onnxruntime.inter_op_num_threads": 1,
            "EngineConfig.onnxruntime.enable_cpu_mem_arena": False,
        }
    )


def _quiet_sessions() -> None:
    """ONNX Runtime's session options as RapidOCR makes them, plus: its threads sleep when idle
    instead of spinning (the faces and crest thread needs that core); and the text detector's
    memory is planned, one block a photo, where the recogniser's is not.

    The detector sees at most WORD_SIDE pixels a side in steps of 32, so its plans are few; with
    them, its peak while it runs is 63 MB instead of 181 (each buffer malloc'd and freed in turn
    leaves the heap in pieces) and it is ~15% faster (61 ms instead of 75 at 672 px, measured
    alone). The recogniser reads lines of every width: a plan for each would keep growing, and a
    plan made for a page of long lines is one block the size of all of them (its high-water mark
    on text-heavy pages was 774 MB with plans, 725 without)."""
    try:
        from rapidocr.inference_engine.onnxruntime.main import OrtInferSession

        made_options = OrtInferSession._init_sess_opts
        made_session = OrtInferSession.__init__
    except (ImportError, AttributeError):  # another RapidOCR: its own options, still correct
        return
    building = threading.local()

    def session(self: Any, cfg: Any) -> None:
        building.task = str(getattr(cfg, "get", lambda *_: "")("task_type", "")).lower()
        try:
            made_session(self, cfg)
        finally:
            building.task = ""

    def options(cfg: Any) -> Any:
        sess_opt = made_options(cfg)
        sess_opt.enable_mem_pattern = "det" in getattr(building, "task", "")
        sess_opt.add_session_config_entry("session.intra_op.allow_spinning", "0")
        return sess_opt

    OrtInferSession.__init__ = session
    OrtInferSession._init_sess_opts = staticmethod(options)


def look(
    request: dict[str, Any], reply: Reply, spawn: Callable[[Callable[[], None]], None]
) -> None:
    """Decode ``request["data"]`` (or take ``request["pixels"]``: width, height, RGB bytes) and
    answer each of ``request["parts"]`` through ``reply``. ``spawn`` runs a function in another
    thread: faces and the crest are looked for there while the words are found here, and then
    it reads lines of them too (shared_work.py). An
    animation's frames are each looked at (decode.decode_frames), and each part answered for
    all of them; the image's own answer says how many frames it has and how many were seen."""
    _photo_came.set()
    from PIL import Image

    from companion.photos.decode import Frames, ImageRejected, decode_frames

    started = time.perf_counter()
    try:
        if "pixels" in request:
            width, height, rgb = request["pixels"]
            frames = Frames([Image.frombytes("RGB", (width, height), rgb)], 1)
        else:
            frames = decode_frames(request["data"])
    except ImageRejected as exc:
        reply(IMAGE, False, str(exc))
        return
    except Exception as exc:  # Pillow's surprises: this photo fails, never the worker
        reply(IMAGE, False, f"the image could not be read ({type(exc).__name__})")
        return
    images = frames.images
    reply(IMAGE, True, (images[0].size, len(images), frames.total))
    parts = request["parts"]
    missing = _state["missing"]
    timings = {"decode": (time.perf_counter() - started) * 1000}

    def answer(part: str, job: Callable[[], Any]) -> None:
        if part in missing or part not in _state:
            reply(part, False, missing.get(part, f"the {part} detector is not loaded"))
            return
        began = time.perf_counter()
        try:
            value = job()
        except Exception as exc:
            reply(part, False, f"{type(exc).__name__} in the {part} detector")
            return
        timings[part] = (time.perf_counter() - began) * 1000
        reply(part, True, (value, dict(timings)))

    # The crest is looked for by whichever thread is free first: after the faces, or after the
    # words when they were read sooner (a portrait with little writing: bench/photos_bench.py).
    crest_taken = threading.Lock()
    lines = SharedWork()  # the words' lines, read by both threads

    def crest() -> None:
        if CREST in parts and crest_taken.acquire(blocking=False):
            _quick_loaded.wait()
            answer(CREST, lambda: any(_find_crest(i, request["crest"]) for i in images))

    def faces_and_crest() -> None:
        _quick_loaded.wait()
        if FACES in parts:
            answer(FACES, lambda: _most_faces([_faces(i) for i in images]))
        crest()
        if _cores() > 1:  # on one core, a second reader only holds a second line's memory
            lines.help()  # until the words are read

    if WORDS in parts:
        beside = spawn(faces_and_crest)
        try:
            _words_loaded.wait()
            answer(WORDS, lambda: _all_words([_words(i, lines) for i in images]))
        finally:  # the other thread stops reading lines whatever became of the words
            lines.close()
        crest()
        beside.result()  # the photo is done when all its parts are
    else:
        lines.close()
        faces_and_crest()


def _cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # Windows and macOS have no affinity call
        return os.cpu_count() or 1


def _most_faces(
    frames: list[tuple[list[tuple[int, ...]], int, int | None]],
) -> tuple[list[tuple[int, ...]], int, int | None]:
    """An animation's faces: the frame with the most that YuNet is sure of (the same person in
    every frame is one person), and the most that look like a child's in any frame."""
    from companion.photos.faces import sure_faces

    boxes, height, _ = max(frames, key=lambda f: len(sure_faces(f[0])))
    estimates = [f[2] for f in frames if f[2] is not None]
    return boxes, height, max(estimates) if estimates else None


def _all_words(frames: list[list[tuple[str, float]]]) -> list[tuple[str, float]]:
    """An animation's lines of text: each frame's, a line read again in a later frame once."""
    seen: dict[str, float] = {}
    for lines in frames:
        for text, score in lines:
            seen.setdefault(text, score)
    return list(seen.items())


def _faces(image: Any) -> tuple[list[tuple[int, ...]], int, int | None]:
    """YuNet's boxes (x, y, w, h, score 0-100), the height of the image it looked at, and how
    many of the faces it is sure of look like a child's (None when that cannot be estimated)."""
    import numpy as np

    from companion.photos.decode import shrunk
    from companion.photos.faces import sure_faces

    scaled = shrunk(image, FACE_SIDE)
    found = _state[FACES](np.asarray(scaled))
    boxes = [face[:5] for face in found]
    ages = _state.get(AGES)
    if ages is None:
        return boxes, scaled.height, None
    sure = sorted(sure_faces(found), key=lambda f: -f[3])
    if not sure:
        return boxes, scaled.height, 0
    # The chips are cut from the photo as decoded, so a small face keeps all its pixels.
    scale = image.width / scaled.width
    marks = [np.array(f[5:15], dtype=float).reshape(5, 2) * scale for f in sure]
    try:
        children = ages.children(image, marks)
    except Exception:  # the estimate only words the finding: its failure loses no face
        children = None
    return boxes, scaled.height, children


def _face_detector() -> YuNet:
    """YuNet-s with the model shipped in companion/photos/models."""
    from companion.photos import models
    from companion.photos.yunet import YuNet

    return YuNet(models.FACE_DETECTOR, SESSION_THREADS)


def _words(image: Any, lines: SharedWork | None = None) -> list[tuple[str, float]]:
    """The lines of text, each with the recogniser's confidence; the lines found are read by
    whichever thread is free (``lines``; without it, by this one)."""

    reader = _state[WORDS]
    bgr = _bgr(_on_page(image))  # it expects BGR
    with reader.sharing(lines or SharedWork()):
        result = reader(bgr)
    texts = result.txts or ()
    scores = result.scores or ()
    return [(str(t), float(s)) for t, s in zip(texts, scores, strict=False)]


def _on_page(image: Any) -> Any:
    """A strip RapidOCR would read as one line (see STRIP_RATIO), centred on a white page whose
    lines it looks for; any other image as it is."""
    from PIL import Image

    width, height = image.size
    if height >= STRIP_HEIGHT and width <= STRIP_RATIO * height:
        return image
    page_height = max(STRIP_HEIGHT, -(-width // STRIP_RATIO), height)
    page = Image.new("RGB", (width, page_height), (255, 255, 255))
    page.paste(image, (0, (page_height - height) // 2))
    return page


def _find_crest(image: Any, template_bytes: bytes) -> bool:
    global _crest
    from companion.photos.crest import find_crest
    from companion.photos.crest_template import CrestTemplate

    if _crest is None or _crest[0] != template_bytes:
        _crest = (template_bytes, CrestTemplate.from_bytes(template_bytes))
    return find_crest(image, _crest[1]) is not None


def _bgr(image: Any) -> Any:
    """The RGB image's pixels in OpenCV's order, as one C-ordered array: 3.4 ms at 1,600 px
    where NumPy's reversed view copied is 10 ms, on the words' way to their answer."""
    import numpy as np

    try:
        import cv2
    except ImportError:  # the crest's library, missing: the same pixels, slower
        return np.ascontiguousarray(np.asarray(image)[..., ::-1])
    return cv2.cvtColor(np.asarray(image), cv2.COLOR_RGB2BGR)
