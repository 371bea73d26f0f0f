"""A face that looks like a child's is named as one in every photo finding on a personal
account, the blocks included: a photo beside the school's name, or with the school's crest.
Before (found in review): those two, the most serious, said only "faces"."""

from __future__ import annotations

import pytest

from companion.checks import Attachment, PostRequest
from companion.demo import demo_roster
from companion.engine import Engine

CHILD_SAYS = "looks like a child's"


@pytest.fixture(scope="module")
def engine():
    checks = Engine(demo_roster())  # check_post only: no photo worker is started
    yield checks
    checks.close()


def photo_finding(engine: Engine, text: str, **seen: object):
    attachment = Attachment(kind="image", faces=2, children=2, **seen)
    request = PostRequest(text=text, account="personal", attachments=(attachment,))
    verdict = engine.check_post(request)
    return next(f for f in verdict.findings if f.rule == "photo")


def test_a_child_s_face_beside_the_school_s_name_is_named_as_a_child_s(engine: Engine) -> None:
    finding = photo_finding(engine, "Sports day at Glazebury!")
    assert finding.severity == "block"
    assert CHILD_SAYS in finding.message


def test_a_child_s_face_with_the_school_s_crest_is_named_as_a_child_s(engine: Engine) -> None:
    finding = photo_finding(engine, "Lovely day out", logo=True)
    assert finding.severity == "block"
    assert CHILD_SAYS in finding.message
