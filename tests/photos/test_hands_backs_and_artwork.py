"""The photos the policy says the school may post: "a child creating a piece of artwork that
features the child's hands or back of the head". Real photos of hands, of people seen from
behind and of children's drawings (several with drawn faces: a smiling figure, a stick figure,
characters with eyes and a mouth) have no face found in them, so the school's account posts
them and a personal account is not asked whether a pupil is in them.

(Found in review: the photo set had no such image; the school account's rule was tested only
with an attachment that said "no faces".)
"""

from __future__ import annotations

from pathlib import Path

import pytest

from companion.checks import ImageRequest
from companion.engine import Engine
from tests.photos.conftest import needs_detector

DATA = Path(__file__).with_name("data")
NO_FACE = sorted(
    p.name for p in DATA.glob("*.jpg") if p.name.startswith(("hands-", "back", "artwork-"))
)
FACE_RULES = {"photo", "faces"}


def test_the_set_holds_each_kind() -> None:
    kinds = {name.split("-")[0] for name in NO_FACE}
    assert kinds == {"hands", "back", "backs", "artwork"} and len(NO_FACE) == 14


@needs_detector
@pytest.mark.parametrize("name", NO_FACE)
def test_no_face_is_found_so_the_school_may_post_it(engine: Engine, name: str) -> None:
    data = (DATA / name).read_bytes()
    school = engine.check_image(ImageRequest(data=data, account="school"))
    assert school.faces == 0, f"{name}: {school.faces} face(s) found"
    assert school.verdict == "allow", [(f.rule, f.severity) for f in school.findings]
    personal = engine.check_image(ImageRequest(data=data, account="personal"))
    assert not FACE_RULES & {f.rule for f in personal.findings}
