"""Photos attached through X's file picker are checked as they are attached, and the post's
verdict includes them; in real Chromium with the extension and the real demo companion."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from companion.photos import load_face_detector
from tests.e2e.dialog import events, settle, verdict_dialog

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(load_face_detector()[0] is None, reason="no face detector here"),
]

FILE = "[data-testid=fileInput]"
EDITOR = "[data-testid=tweetTextarea_0]"
POST = "[data-testid=tweetButtonInline]"


@pytest.fixture(scope="module")
def photos(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from tests.photos.conftest import encoded

    folder = tmp_path_factory.mktemp("photos")
    made = {}
    for name, fmt, suffix in (("astronaut", "JPEG", "jpg"), ("chelsea", "PNG", "png")):
        made[name] = folder / f"{name}.{suffix}"
        made[name].write_bytes(encoded(name, fmt))
    return made


def compose(tab: Page, text: str, photo: Path) -> None:
    tab.goto("https://x.com/home")
    tab.set_input_files(FILE, str(photo))
    tab.click(EDITOR)
    tab.keyboard.type(text)


def test_a_photo_with_a_face_is_a_warning_the_person_answers(
    tab: Page, photos: dict[str, Path]
) -> None:
    compose(tab, "Lovely walk this morning", photos["astronaut"])
    tab.click(POST)
    dialog = verdict_dialog(tab)
    expect(dialog.locator("li[data-rule=photo]")).to_be_visible()
    expect(dialog.get_by_role("button", name="Post anyway")).to_be_visible()
    assert events(tab, "post") == []
    tab.keyboard.press("Escape")


def test_a_face_beside_a_pupil_s_name_is_a_block(tab: Page, photos: dict[str, Path]) -> None:
    compose(tab, "Well done Joshua Smith", photos["astronaut"])
    tab.click(POST)
    dialog = verdict_dialog(tab)
    expect(dialog.locator("li[data-rule=photo].block")).to_be_visible()
    expect(dialog.get_by_role("button", name="Post anyway")).to_have_count(0)
    assert events(tab, "post") == []
    tab.keyboard.press("Escape")


def test_a_photo_without_people_goes_with_its_post_exactly_once(
    tab: Page, photos: dict[str, Path]
) -> None:
    compose(tab, "The cat approves of Mondays", photos["chelsea"])
    tab.click(POST)
    tab.wait_for_function("window.countOf('post') >= 1")
    settle(tab)
    assert [p["text"] for p in events(tab, "post")] == ["The cat approves of Mondays"]
