"""Words written in a photo (certificates, banners, name labels) are read on this computer and
judged by the same rules as typed text, with the same rule ids; through the real OCR models, the
engine, the CLI and the HTTP server. Nothing read is logged or stored."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from companion.checks import Attachment, ImageRequest, PostRequest
from companion.engine import Engine
from tests.cli.helpers import Companion, postguard
from tests.photos.conftest import (
    banner_over_photo,
    certificate,
    encoded,
    font,
    name_labels,
    needs_reader,
)
from tests.server.conftest import EXTENSION, pair_with


@needs_reader
def test_a_certificate_naming_a_pupil_is_blocked_with_the_typed_text_rule(engine: Engine) -> None:
    verdict = engine.check_image(ImageRequest(data=certificate("Joshua Smith")))
    assert "Joshua Smith" in (verdict.image_text or "")
    named = [f for f in verdict.findings if f.rule == "pupil-name"]
    assert named and named[0].severity == "block" and named[0].text == "Joshua Smith"
    assert named[0].source == "attachment"
    assert named[0].message.startswith("In an attached image:")
    assert "school-reference" in {f.rule for f in verdict.findings}
    assert verdict.verdict == "block"


@needs_reader
def test_a_certificate_for_someone_not_on_the_roster_names_no_pupil(engine: Engine) -> None:
    verdict = engine.check_image(
        ImageRequest(data=certificate("Quillon Ardenwhite", "Riverside Library"))
    )
    assert "Quillon Ardenwhite" in (verdict.image_text or "")
    assert not {"pupil-name", "family-name", "school-reference"} & {
        f.rule for f in verdict.findings
    }


@needs_reader
@pytest.mark.parametrize("size", [16, 20])
def test_small_name_labels_on_a_class_photo_are_read(engine: Engine, size: int) -> None:
    """Writing 1/75-1/60 of the photo's height: RapidOCR's own detector at 512 px read two or
    three of these four names (bench/photos_bench.py, "small writing")."""
    names = ["Joshua Smith", "Grace Okonkwo", "Amelia Hartley", "Oliver Brennan"]
    verdict = engine.check_image(ImageRequest(data=name_labels(names, size)))
    text = verdict.image_text or ""
    assert [n for n in names if n not in text] == []
    named = [f for f in verdict.findings if f.rule == "pupil-name"]
    assert named and verdict.verdict == "block"


@needs_reader
def test_a_banner_in_a_photo_naming_the_school_is_a_school_reference(engine: Engine) -> None:
    verdict = engine.check_image(ImageRequest(data=banner_over_photo("GLAZEBURY SPORTS DAY")))
    assert "school-reference" in {f.rule for f in verdict.findings}


@needs_reader
@pytest.mark.parametrize("name", ["astronaut", "chelsea", "coffee"])
def test_photos_without_writing_read_no_names(engine: Engine, name: str) -> None:
    verdict = engine.check_image(ImageRequest(data=encoded(name)))
    rules = {f.rule for f in verdict.findings}
    assert not {"pupil-name", "family-name", "staff-name", "school-reference"} & rules


def test_what_an_image_s_check_read_is_judged_again_at_submit(engine: Engine) -> None:
    """The extension sends the words back with the post; no OCR is needed for this."""
    image = Attachment(kind="image", faces=0, text="Certificate\nawarded to Joshua Smith")
    verdict = engine.check_post(PostRequest(text="So proud of this one!", attachments=(image,)))
    named = [f for f in verdict.findings if f.rule == "pupil-name"]
    assert named and named[0].source == "attachment" and verdict.verdict == "block"
    plain = engine.check_post(PostRequest(text="So proud of this one!"))
    assert plain.verdict == "allow"


async def test_the_post_endpoint_takes_an_image_s_words_and_bounds_them(client, capsys) -> None:
    paired = await pair_with(client, capsys)
    headers = {"Authorization": f"Bearer {paired.token}", "Origin": EXTENSION}
    body = {"text": "Look!", "attachments": [{"kind": "image", "text": "Well done Joshua Smith"}]}
    answer = await client.post("/v1/check/post", json=body, headers=headers)
    assert answer.status == 200
    data = await answer.json()
    assert data["verdict"] == "block"
    assert any(f["rule"] == "pupil-name" and f["source"] == "attachment" for f in data["findings"])
    body["attachments"][0]["text"] = "x" * 2001
    too_long = await client.post("/v1/check/post", json=body, headers=headers)
    assert too_long.status == 400 and "at most 2000" in (await too_long.json())["error"]


@needs_reader
def test_the_cli_reads_a_certificate_and_nothing_read_is_logged(
    postguard_home: Path, tmp_path: Path
) -> None:
    photo = tmp_path / "certificate.jpg"
    photo.write_bytes(certificate("Joshua Smith"))
    done = postguard("check-image", "--demo", "--json", str(photo), home=postguard_home)
    assert done.returncode == 2, done.stderr
    answer = json.loads(done.stdout)
    assert "Joshua Smith" in answer["image"]["text"]
    assert any(f["rule"] == "pupil-name" for f in answer["findings"])

    with Companion(postguard_home, "--demo") as companion:
        token = companion.pair(EXTENSION)

        def check(photo: bytes) -> dict:
            return companion.check_image(photo, token, EXTENSION)

        # The server answers within its budget: while the reader is still loading (just after
        # start, or after a rest) the words are reported as not read, never silently skipped.
        first = check(encoded("coffee"))
        read = first["image"]["text"] is not None or any(
            f["rule"] == "photo-text-unchecked" for f in first["findings"]
        )
        assert read
        for _ in range(10):
            answer = check(certificate("Grace Okonkwo"))
            if not any(f["rule"] == "photo-text-unchecked" for f in answer["findings"]):
                break
        assert "Okonkwo" in answer["image"]["text"]
    log = companion.output
    assert "Grace" not in log and "Okonkwo" not in log and "Certificate" not in log
    stored = [p for p in postguard_home.rglob("*") if p.is_file()]
    assert not any(b"Okonkwo" in p.read_bytes() for p in stored)


@needs_reader
def test_the_reader_drops_lines_it_is_unsure_of(engine: Engine) -> None:
    noise = Image.fromarray(
        np.random.default_rng(1).integers(0, 255, (600, 800, 3), dtype=np.uint8)
    )
    buffer = io.BytesIO()
    noise.save(buffer, "PNG")
    verdict = engine.check_image(ImageRequest(data=buffer.getvalue()))
    assert verdict.image_text == ""
    assert "photo-text-unchecked" not in {f.rule for f in verdict.findings}


def strip(width: int, height: int, words: str = "", size: int = 12) -> bytes:
    image = Image.new("RGB", (width, height), "white")
    if words:
        ImageDraw.Draw(image).text(
            (10, (height - size) // 2 - 2), words, fill="black", font=font(size)
        )
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


@needs_reader
def test_a_name_on_a_thin_strip_is_read(engine: Engine) -> None:
    """RapidOCR reads a strip under 30 px high as one line without looking for lines in it, and
    missed this name 12 px high on a 1,600 x 16 strip: it is read on a white page."""
    verdict = engine.check_image(ImageRequest(data=strip(1600, 16, "Well done Joshua Smith")))
    assert "Joshua Smith" in {f.text for f in verdict.findings if f.rule == "pupil-name"}


THIN_STRIP = """
import resource, sys
from companion.photos import worker
from companion.photos.decode import decode_image
worker.start(("words",))
image = decode_image(sys.stdin.buffer.read())
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
lines = worker._words(image)
print(lines, (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) // 1024)
"""


@needs_reader
def test_a_one_pixel_strip_does_not_take_the_reader_s_memory() -> None:
    """A 1,600 x 1 PNG of 85 bytes, read as one line 76,800 px wide, took the worker to 1.8 GB
    (found in review); on a page it is a blank image."""
    done = subprocess.run(
        [sys.executable, "-c", THIN_STRIP],
        input=strip(1600, 1),
        capture_output=True,
        check=True,
        timeout=120,
    )
    lines, grown_mb = done.stdout.decode().rsplit(" ", 1)
    assert lines == "[]"
    assert int(grown_mb) < 300, f"reading a 1 px strip grew the worker by {grown_mb} MB"
