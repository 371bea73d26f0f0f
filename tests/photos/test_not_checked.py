"""What an image's check could not do (no face detector on this computer, the crest not looked
for, the words not read in time) is named in its verdict, comes back with the post, and is said
again at submit: a photo is never passed as if it had been looked at. The extension's side of
this (photos.js and bodies.js carrying the answer to the post) is driven in
test_unchecked_parts_at_submit.py."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from companion.checks import Attachment, ImageRequest, PostRequest
from companion.demo import demo_roster
from companion.engine import Engine
from companion.photos.crest import register_crest
from companion.school.store import SchoolStore
from tests.photos.conftest import FACES_MISSING, encoded
from tests.photos.crest_scenes import crest, crest_png
from tests.server.conftest import EXTENSION, pair_with


def notes(findings: list) -> list[tuple[str, str]]:
    return [
        (f.rule, f.severity)
        for f in findings
        if f.rule in ("photo-unchecked", "photo-text-unchecked")
    ]


@pytest.fixture
def crest_engine(tmp_path: Path) -> Iterator[Engine]:
    SchoolStore(tmp_path).set_crest(register_crest(crest_png(crest())))
    engine = Engine(demo_roster(), home=tmp_path)
    yield engine
    engine.close()


def test_a_registered_crest_that_cannot_be_looked_for_is_said(crest_engine: Engine) -> None:
    # OpenCV failing to load on this computer: the school's crest is registered but no part of
    # the worker can look for it.
    crest_engine._detectors().missing["crest"] = "OpenCV is not installed (opencv-python-headless)"
    photo = crest_engine.check_image(ImageRequest(data=encoded("coffee")))
    assert photo.image_not_checked == ("crest",)
    assert photo.to_json()["image"]["not_checked"] == ["crest"]
    unchecked = [f for f in photo.findings if f.rule == "photo-unchecked"]
    assert unchecked and "crest could not be looked for" in unchecked[0].message
    assert photo.logo is None and photo.verdict == "warn"


def test_each_part_not_checked_is_said_again_at_submit() -> None:
    engine = Engine(demo_roster())
    try:

        def posted(*parts: str, account: str = "personal") -> list[tuple[str, str]]:
            image = Attachment(kind="image", faces=0, not_checked=parts)
            post = PostRequest(text="Lovely afternoon out", account=account, attachments=(image,))
            return notes(engine.check_post(post).findings)

        assert posted() == []
        assert posted("faces") == [("photo-unchecked", "warn")]
        assert posted("crest", account="school") == [("photo-unchecked", "warn")]
        assert posted("words") == [("photo-text-unchecked", "warn")]
        assert sorted(posted("faces", "words", "crest")) == [
            ("photo-text-unchecked", "warn"),
            ("photo-unchecked", "warn"),
        ]
        image = Attachment(kind="image", not_checked=("faces", "crest"))
        verdict = engine.check_post(PostRequest(text="Look!", attachments=(image,)))
        [finding] = [f for f in verdict.findings if f.rule == "photo-unchecked"]
        assert "its faces could not be looked for" in finding.message
        assert "crest could not be looked for" in finding.message
    finally:
        engine.close()


async def test_the_post_endpoint_takes_the_parts_not_checked_and_refuses_others(
    client, capsys
) -> None:
    paired = await pair_with(client, capsys)
    headers = {"Authorization": f"Bearer {paired.token}", "Origin": EXTENSION}

    async def post(not_checked: object):
        body = {"text": "Look!", "attachments": [{"kind": "image", "not_checked": not_checked}]}
        return await client.post("/v1/check/post", json=body, headers=headers)

    answer = await post(["faces"])
    assert answer.status == 200
    data = await answer.json()
    assert data["verdict"] == "warn"
    assert [f["rule"] for f in data["findings"]] == ["photo-unchecked"]
    for bad in (["eyes"], ["faces", "faces"], "faces", [1], {"faces": True}):
        refused = await post(bad)
        assert refused.status == 400, bad
        assert "not_checked" in (await refused.json())["error"]


def test_a_photo_not_looked_at_in_time_says_so_and_the_next_one_is_checked() -> None:
    """The server's budget for a photo (``within``) bounds every part, the decoding included:
    a worker still starting (or held by another photo) never holds the check's thread, and
    what was not looked at is named."""
    engine = Engine(demo_roster())
    try:
        late = engine.check_image(ImageRequest(data=encoded("astronaut")), within=0.0)
        assert late.image_not_checked == ("faces", "words")
        [finding] = [f for f in late.findings if f.rule == "photo-unchecked"]
        assert "took too long" in finding.message and late.verdict == "warn"
        checked = engine.check_image(ImageRequest(data=encoded("astronaut")))
        assert checked.image_not_checked == () or FACES_MISSING
        assert checked.faces == 1 or FACES_MISSING
    finally:
        engine.close()
