"""The safety net: a composer the adapters do not know is still checked, exactly once when clean,
and composers where Enter is a new line keep their new lines."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.browser import Options
from tests.e2e.dialog import events, settle, verdict_dialog

pytestmark = pytest.mark.browser

BOX = "[data-testid=composer-2027-input]"


def test_an_unknown_composer_is_checked_by_its_send_button_and_by_enter(
    tab: Page, options: Options
) -> None:
    tab.goto("https://x.com/i/redesigned")
    tab.click(BOX)
    tab.keyboard.type("Well done Joshua Smith")
    tab.keyboard.press("Enter")
    expect(verdict_dialog(tab).locator("li[data-rule=pupil-name]")).to_be_visible()
    assert events(tab, "dm") == []
    tab.keyboard.press("Escape")
    tab.click("[data-testid=composer-2027-submit]")
    expect(verdict_dialog(tab).locator("li[data-rule=pupil-name]")).to_be_visible()
    assert events(tab, "dm") == []
    tab.keyboard.press("Escape")


def test_a_clean_message_in_an_unknown_composer_goes_exactly_once(
    tab: Page, options: Options
) -> None:
    tab.goto("https://x.com/i/redesigned")
    checks = options.checks()
    tab.click(BOX)
    tab.keyboard.type("See you at six")
    tab.keyboard.press("Enter")
    tab.wait_for_function("window.countOf('dm') >= 1")
    tab.keyboard.type("Bring the map")
    tab.click("[data-testid=composer-2027-submit]")
    tab.wait_for_function("window.countOf('dm') >= 2")
    settle(tab)
    assert [m["text"] for m in events(tab, "dm")] == ["See you at six", "Bring the map"]
    assert options.checks() == checks + 2


def test_enter_in_a_known_post_composer_stays_a_new_line(tab: Page, options: Options) -> None:
    tab.goto("https://x.com/home")
    checks = options.checks()
    tab.click("[data-testid=tweetTextarea_0]")
    tab.keyboard.type("First line")
    tab.keyboard.press("Enter")
    tab.keyboard.type("Second line")
    settle(tab)
    assert options.checks() == checks
    expect(verdict_dialog(tab)).to_have_count(0)
    assert "Second line" in tab.locator("[data-testid=tweetTextarea_0]").inner_text()


def test_the_options_page_lists_the_surfaces_recognised_on_open_tabs(
    tab: Page, options: Options
) -> None:
    tab.goto("https://x.com/i/chat/1001-2002?request=1")
    tab.click("[data-testid=dm-composer-textarea]")
    tab.keyboard.type("Private words about Joshua")
    page = options.page
    page.reload()
    status = page.locator("#status")
    expect(status).to_contain_text("Recognised on x.com: chat, message request", timeout=10000)
    assert "Joshua" not in status.inner_text()  # names of surfaces only, never text
    tab.goto("https://x.com/i/redesigned")
    page.reload()
    expect(status).to_contain_text("Recognised on x.com: nothing Postguard knows", timeout=10000)
