"""Photos checked before they are posted: faces counted (never identified), bad input refused
clearly and cheaply, nothing stored; through the real engine, CLI and HTTP server."""

from __future__ import annotations

import io
import json
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image

from companion.checks import Attachment, ImageRequest, PostRequest
from companion.engine import Engine
from companion.photos import ImageRejected
from companion.server import create_app
from companion.settings import Settings
from tests.cli.helpers import Companion, console_script, postguard
from tests.photos.conftest import FACES, FACES_MISSING, NO_FACES, encoded, needs_detector
from tests.server.conftest import EXTENSION, pair_with


@needs_detector
@pytest.mark.parametrize("name", FACES)
def test_a_photo_with_a_face_asks_whether_a_pupil_is_in_it(engine: Engine, name: str) -> None:
    verdict = engine.check_image(ImageRequest(data=encoded(name)))
    assert verdict.faces == 1
    assert [(f.rule, f.severity) for f in verdict.findings] == [("photo", "warn")]
    school = engine.check_image(ImageRequest(data=encoded(name), account="school"))
    assert ("faces", "block") in [(f.rule, f.severity) for f in school.findings]


@needs_detector
@pytest.mark.parametrize("name", NO_FACES)
def test_photos_without_people_pass(engine: Engine, name: str) -> None:
    verdict = engine.check_image(ImageRequest(data=encoded(name, "PNG")))
    assert verdict.faces == 0 and verdict.verdict == "allow"


@needs_detector
def test_exif_orientation_is_applied_before_detection(engine: Engine) -> None:
    upright = Image.open(io.BytesIO(encoded("astronaut")))
    stored_sideways = upright.rotate(90, expand=True)  # what the camera sensor wrote
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90 clockwise to display"
    buffer = io.BytesIO()
    stored_sideways.save(buffer, "JPEG", exif=exif)
    assert engine.check_image(ImageRequest(data=buffer.getvalue())).faces == 1


def test_a_face_beside_a_pupil_s_name_or_the_school_is_a_block(engine: Engine) -> None:
    face = (Attachment(kind="image", faces=1),)
    alone = engine.check_post(PostRequest(text="Lovely walk today", attachments=face))
    assert [(f.rule, f.severity) for f in alone.findings] == [("photo", "warn")]
    named = engine.check_post(PostRequest(text="Well done Josh Smith", attachments=face))
    assert ("photo", "block") in [(f.rule, f.severity) for f in named.findings]
    school = engine.check_post(PostRequest(text="Sports day at Glazebury!", attachments=face))
    assert ("photo", "block") in [(f.rule, f.severity) for f in school.findings]


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims enormous dimensions (a decompression bomb)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (png_claiming(100_000, 100_000), "pixels"),
        (b"%PDF-1.7 not an image", "not a JPEG, PNG, GIF or WebP"),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 100, "damaged or cut short"),
    ],
)
def test_bad_images_are_refused_with_a_reason(engine: Engine, data: bytes, says: str) -> None:
    with pytest.raises(ImageRejected, match=says):
        engine.check_image(ImageRequest(data=data))


def test_a_truncated_jpeg_is_refused(engine: Engine) -> None:
    whole = encoded("astronaut")
    with pytest.raises(ImageRejected, match="damaged or cut short"):
        engine.check_image(ImageRequest(data=whole[: len(whole) // 3]))


@needs_detector
def test_the_cli_checks_a_photo_and_exits_with_its_verdict(
    postguard_home: Path, tmp_path: Path
) -> None:
    photo = tmp_path / "trip.jpg"
    photo.write_bytes(encoded("astronaut"))
    done = postguard("check-image", "--demo", "--json", str(photo), home=postguard_home)
    assert done.returncode == 1, done.stderr
    assert json.loads(done.stdout)["image"] == {"faces": 1, "children": 0, "text": ""}
    cat = tmp_path / "cat.png"
    cat.write_bytes(encoded("chelsea", "PNG"))
    assert postguard("check-image", "--demo", str(cat), home=postguard_home).returncode == 0
    junk = tmp_path / "notes.jpg"
    junk.write_text("not a photo")
    bad = postguard("check-image", "--demo", str(junk), home=postguard_home)
    assert bad.returncode == 3 and "not a JPEG" in bad.stderr and "Traceback" not in bad.stderr
    # As the school's account on Facebook: a face is a block there (exit 2).
    school = postguard(
        "check-image",
        "--demo",
        "--json",
        "--account",
        "school",
        "--site",
        "facebook",
        str(photo),
        home=postguard_home,
    )
    assert school.returncode == 2, school.stderr
    assert [(f["rule"], f["severity"]) for f in json.loads(school.stdout)["findings"]] == [
        ("faces", "block")
    ]
    wrong = postguard("check-image", "--demo", "--site", "myspace", str(photo), home=postguard_home)
    assert wrong.returncode != 0 and "myspace" in wrong.stderr and "Traceback" not in wrong.stderr
    # A truncated file and one over the 10 MB limit: a clear error each, nothing checked.
    cut = tmp_path / "cut.jpg"
    cut.write_bytes(encoded("astronaut")[:20_000])
    truncated = postguard("check-image", "--demo", str(cut), home=postguard_home)
    assert truncated.returncode == 3 and "damaged or cut short" in truncated.stderr
    huge = tmp_path / "huge.jpg"
    huge.write_bytes(encoded("astronaut") + b"\0" * (10 * 1024 * 1024))
    over = postguard("check-image", "--demo", str(huge), home=postguard_home)
    assert over.returncode == 3 and "10 MB" in over.stderr and "Traceback" not in over.stderr
    # A 300-byte PNG claiming 100,000 x 100,000 pixels: refused from its header, never decoded.
    bomb = tmp_path / "bomb.png"
    bomb.write_bytes(png_claiming(100_000, 100_000))
    refused = postguard("check-image", "--demo", str(bomb), home=postguard_home)
    assert refused.returncode == 3 and "pixels" in refused.stderr, refused.stderr
    assert "Traceback" not in refused.stderr


async def test_the_image_endpoint(client, capsys) -> None:
    paired = await pair_with(client, capsys)
    headers = {"Authorization": f"Bearer {paired.token}", "Origin": EXTENSION}

    async def send(data: bytes, kind: str = "image/jpeg", **extra: str):
        return await client.post(
            "/v1/check/image", data=data, headers={**headers, "Content-Type": kind, **extra}
        )

    answer = await send(encoded("astronaut"), **{"X-Postguard-Account": "school"})
    assert answer.status == 200
    body = await answer.json()
    if not FACES_MISSING:
        assert body["image"] == {"faces": 1, "children": 0, "text": ""}
        assert body["verdict"] == "block"
    else:
        assert body["findings"][0]["rule"] == "photo-unchecked"
    assert (await send(b"{}", "application/json")).status == 415
    assert (await send(b"not an image")).status == 400
    assert (await send(png_claiming(90_000, 90_000), "image/png")).status == 400
    assert (await send(b"\xff" * (10 * 1024 * 1024 + 1))).status == 413
    cut = await send(encoded("astronaut")[:20_000])
    assert cut.status == 400 and "damaged or cut short" in (await cut.json())["error"]
    wrong = await send(encoded("coffee"), **{"X-Postguard-Site": "myspace"})
    assert wrong.status == 400
    unauthenticated = await client.post(
        "/v1/check/image",
        data=encoded("coffee"),
        headers={"Content-Type": "image/jpeg", "Origin": EXTENSION},
    )
    assert unauthenticated.status == 401


@needs_detector
def test_image_bytes_never_reach_a_log_or_a_file(postguard_home: Path, tmp_path: Path) -> None:
    photo = encoded("astronaut")
    with Companion(postguard_home, "--demo") as companion:
        token = companion.pair(EXTENSION)
        assert companion.check_image(photo, token, EXTENSION)["image"]["faces"] == 1
    pieces = [photo[i : i + 24] for i in range(1000, len(photo) - 24, len(photo) // 20)]
    assert not any(p in companion.output.encode() for p in pieces)
    # The access log names the route (an IT person counting photos checked can), and no more.
    [logged] = [line for line in companion.output.splitlines() if "/v1/check/image" in line]
    assert "POST /v1/check/image 200" in logged and "(other)" not in companion.output
    for path in postguard_home.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert not any(p in data for p in pieces), path


@needs_detector
def test_the_photo_worker_never_runs_code_from_the_current_directory(
    postguard_home: Path, tmp_path: Path
) -> None:
    """``postguard check-image`` run from a folder holding a ``socket.py`` (Downloads, where a
    browser saves anything) checks the photo without running it: the worker starts with
    PYTHONSAFEPATH (companion/child_process.py). Before: the worker, spawned as ``python -c``,
    had the current directory first on its path while multiprocessing was imported, and ran
    that file in the process every photo is sent to."""
    here = tmp_path / "downloads"
    here.mkdir()
    marker = tmp_path / "ran-from-cwd.txt"
    (here / "socket.py").write_text(f"open({str(marker)!r}, 'a').write('ran')\nraise ImportError\n")
    (here / "trip.jpg").write_bytes(encoded("astronaut"))
    done = console_script(
        "check-image", "--demo", "--json", "trip.jpg", home=postguard_home, cwd=here
    )
    assert done.returncode == 1, done.stderr
    assert json.loads(done.stdout)["image"]["faces"] == 1
    assert not marker.exists()


async def test_a_photo_not_checked_within_the_server_s_budget_is_a_warning(
    aiohttp_client, postguard_home: Path, capsys
) -> None:
    """The photo worker not even started (a cold companion) and a budget of 50 ms: the answer
    comes within it, and says the photo was not checked: a warning, never an allow."""
    settings = Settings(home=postguard_home, demo=True, image_budget_seconds=0.05)
    app = create_app(settings)
    client = await aiohttp_client(app)
    paired = await pair_with(client, capsys)
    answer = await client.post(
        "/v1/check/image",
        data=encoded("astronaut"),
        headers={
            "Authorization": f"Bearer {paired.token}",
            "Origin": EXTENSION,
            "Content-Type": "image/jpeg",
        },
    )
    assert answer.status == 200
    body = await answer.json()
    assert body["verdict"] == "warn"
    assert "photo-unchecked" in [f["rule"] for f in body["findings"]], body
