"""X Chat (/i/chat/… on x.com, inside an open shadow root; and chat.x.com, its web app of its
own, in the page's own DOM) and X's narrow-layout composer, in real Chromium with the extension
and the real demo companion. Fixture facts and their sources are in
tests/e2e/fixtures/x/chat.html, xchat/chat.html and x/narrow.html."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.browser import Options
from tests.e2e.dialog import events, settle, verdict_dialog

pytestmark = pytest.mark.browser

BOX = "[data-testid=dm-composer-textarea]"  # Playwright's CSS pierces the open shadow root
SEND = "[data-testid=dm-composer-send-button]"


@pytest.fixture(
    params=["https://x.com/i/chat/1001-2002", "https://chat.x.com/i/chat/1001-2002"],
    ids=["x.com", "chat.x.com"],
)
def chat(request: pytest.FixtureRequest) -> str:
    return request.param


def test_chat_checks_enter_and_the_send_button(tab: Page, options: Options, chat: str) -> None:
    before = options.checks()
    tab.goto(chat)
    tab.click(BOX)
    tab.keyboard.type("Well done Joshua Smith today")
    tab.keyboard.press("Enter")
    dialog = verdict_dialog(tab)
    expect(dialog.locator("li[data-rule=pupil-name]")).to_be_visible()
    assert events(tab, "dm") == []
    tab.keyboard.press("Escape")
    expect(verdict_dialog(tab)).to_have_count(0)

    tab.click(SEND)
    expect(verdict_dialog(tab).locator("li[data-rule=pupil-name]")).to_be_visible()
    assert events(tab, "dm") == []
    tab.keyboard.press("Escape")
    assert options.checks() == before + 2  # the companion judged both


def test_a_clean_chat_message_goes_exactly_once(tab: Page, options: Options, chat: str) -> None:
    tab.goto(chat)
    tab.click(BOX)
    tab.keyboard.type("See you at six")
    tab.keyboard.press("Enter")
    tab.wait_for_function("window.countOf('dm') >= 1")
    settle(tab)
    assert [m["text"] for m in events(tab, "dm")] == ["See you at six"]
    assert options.last_check()["verdict"] == "allow"

    tab.keyboard.type("And bring the map")
    tab.click(SEND)
    tab.wait_for_function("window.countOf('dm') >= 2")
    settle(tab)
    assert [m["text"] for m in events(tab, "dm")] == ["See you at six", "And bring the map"]


def test_accepting_a_message_request_from_a_pupil_is_blocked(tab: Page, chat: str) -> None:
    tab.goto(f"{chat}?request=1&who=Joshua%20Smith|jsmith_2015")
    tab.click("[data-testid=dm-message-request-accept-button]")
    expect(verdict_dialog(tab).locator("li[data-rule=friend-pupil]")).to_be_visible()
    assert events(tab, "accept") == []
    tab.keyboard.press("Escape")


def test_accepting_a_stranger_s_request_goes_through(tab: Page, chat: str) -> None:
    tab.goto(f"{chat}?request=1&who=Quillon%20Ardenwhite|qardenwhite")
    tab.click("[data-testid=dm-message-request-accept-button]")
    tab.wait_for_function("window.countOf('accept') >= 1")
    settle(tab)
    assert [e["name"] for e in events(tab, "accept")] == ["Quillon Ardenwhite"]


def test_the_narrow_layout_textarea_is_checked(tab: Page) -> None:
    tab.goto("https://x.com/compose/post")
    tab.click("[data-testid=tweetTextarea_0] textarea")
    tab.keyboard.type("Well done Joshua Smith")
    tab.keyboard.press("Control+Enter")
    expect(verdict_dialog(tab).locator("li[data-rule=pupil-name]")).to_be_visible()
    assert events(tab, "post") == []
    tab.keyboard.press("Escape")
    tab.click("[data-testid=tweetButton]")
    expect(verdict_dialog(tab).locator("li[data-rule=pupil-name]")).to_be_visible()
    assert events(tab, "post") == []
    tab.keyboard.press("Escape")
