"""X (x.com) in real Chromium with the extension and the real demo companion."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.browser import Options
from tests.e2e.companion_proc import DemoCompanion
from tests.e2e.dialog import events, settle, verdict_dialog

pytestmark = pytest.mark.browser

EDITOR = "[data-testid=tweetTextarea_0]"
POST = "[data-testid=tweetButtonInline]"


def compose(tab: Page, text: str, path: str = "/home") -> None:
    tab.goto(f"https://x.com{path}")
    tab.click(EDITOR)
    tab.keyboard.type(text)


def test_clean_post_goes_through_exactly_once_after_the_companion_checked_it(
    tab: Page, options: Options
) -> None:
    before = options.checks()
    compose(tab, "Lovely walk on the beach this morning")
    tab.click(POST)
    tab.wait_for_function("window.countOf('post') >= 1")
    settle(tab)
    posted = events(tab, "post")
    assert [p["text"] for p in posted] == ["Lovely walk on the beach this morning"]
    assert options.checks() == before + 1
    last = options.last_check()
    assert last["verdict"] == "allow" and last["roster_version"]
    expect(verdict_dialog(tab)).to_have_count(0)


def test_pupil_name_is_blocked_and_the_page_never_sees_the_click(tab: Page) -> None:
    compose(tab, "Well done Joshua Smith on the spelling test!")
    tab.click(POST)
    dialog = verdict_dialog(tab)
    expect(dialog).to_have_attribute("role", "alertdialog")
    expect(dialog.locator("mark.block")).to_have_text("Joshua Smith (flagged)")
    expect(dialog.locator("li[data-rule=pupil-name]")).to_be_visible()
    expect(dialog.locator("blockquote")).to_contain_text("including names of pupils")
    expect(dialog.get_by_role("button", name="Post anyway")).to_have_count(0)
    assert events(tab, "post") == []

    dialog.get_by_role("button", name="Edit").click()
    expect(verdict_dialog(tab)).to_have_count(0)
    expect(tab.locator(EDITOR)).to_be_focused()
    expect(tab.locator(EDITOR)).to_have_text("Well done Joshua Smith on the spelling test!")
    assert events(tab, "post") == []


def test_warning_then_post_anyway_goes_through_once(tab: Page) -> None:
    compose(tab, "Coffee with Helen Cartwright later")  # a colleague named: a warning
    tab.click(POST)
    dialog = verdict_dialog(tab)
    expect(dialog).to_have_attribute("role", "dialog")
    expect(dialog.locator("mark.warn")).to_have_text("Helen Cartwright (flagged)")
    dialog.get_by_label("Reason for posting anyway (optional)").fill("Not a pupil")
    dialog.get_by_role("button", name="Post anyway").click()
    tab.wait_for_function("window.countOf('post') >= 1")
    settle(tab)
    assert [p["text"] for p in events(tab, "post")] == ["Coffee with Helen Cartwright later"]


def test_escape_closes_the_dialog_like_edit_and_tab_stays_inside(tab: Page) -> None:
    compose(tab, "Coffee with Helen Cartwright later")
    tab.click(POST)
    dialog = verdict_dialog(tab)
    expect(dialog.get_by_role("button", name="Edit")).to_be_focused()
    for _ in range(4):  # Edit -> reason -> Post anyway -> wraps to the reason field...
        tab.keyboard.press("Tab")
    focused_inside = tab.evaluate("() => document.activeElement.hasAttribute('data-postguard')")
    assert focused_inside
    tab.keyboard.press("Escape")
    expect(verdict_dialog(tab)).to_have_count(0)
    assert events(tab, "post") == []


def test_ctrl_enter_is_checked_like_the_button(tab: Page) -> None:
    compose(tab, "Joshua Smith was brilliant today")
    tab.keyboard.press("Control+Enter")
    expect(verdict_dialog(tab).locator("mark.block")).to_have_text("Joshua Smith (flagged)")
    assert events(tab, "post") == []
    verdict_dialog(tab).get_by_role("button", name="Edit").click()

    tab.locator(EDITOR).fill("")
    tab.keyboard.type("Sunny afternoon in the garden")
    tab.keyboard.press("Control+Enter")
    tab.wait_for_function("window.countOf('post') >= 1")
    settle(tab)
    assert [p["text"] for p in events(tab, "post")] == ["Sunny afternoon in the garden"]


def test_composer_re_rendered_mid_typing_is_still_checked(tab: Page) -> None:
    compose(tab, "So proud of Grace")
    tab.evaluate("window.rerender()")
    tab.keyboard.type(" Okonkwo today")
    assert events(tab, "rerender")
    tab.click(POST)
    expect(verdict_dialog(tab).locator("mark.block")).to_have_text("Grace Okonkwo (flagged)")
    assert events(tab, "post") == []


def test_direct_message_sent_with_enter_is_checked(tab: Page) -> None:
    tab.goto("https://x.com/messages")
    editor = "[data-testid=dmComposerTextInput]"
    tab.click(editor)
    tab.keyboard.type("Can you pass this to Rebecca Smith")
    tab.keyboard.press("Enter")
    expect(verdict_dialog(tab).locator("li[data-rule=family-name]")).to_be_visible()
    assert events(tab, "dm") == []
    verdict_dialog(tab).get_by_role("button", name="Edit").click()

    tab.locator(editor).fill("")
    tab.keyboard.type("See you at six")
    tab.keyboard.press("Enter")
    tab.wait_for_function("window.countOf('dm') >= 1")
    settle(tab)
    assert [m["text"] for m in events(tab, "dm")] == ["See you at six"]


def test_following_a_demo_pupil_is_blocked_but_others_can_be_followed(
    tab: Page, options: Options
) -> None:
    tab.goto("https://x.com/home")
    tab.click("[data-testid='1001-follow']")
    dialog = verdict_dialog(tab)
    expect(dialog.locator("li[data-rule=friend-pupil]")).to_be_visible()
    expect(dialog.get_by_role("button", name="Post anyway")).to_have_count(0)
    assert events(tab, "follow") == []
    dialog.get_by_role("button", name="Edit").click()

    tab.click("[data-testid='1002-follow']")
    tab.wait_for_function("window.countOf('follow') >= 1")
    settle(tab)
    assert [f["who"] for f in events(tab, "follow")] == ["Follow @ada_l"]
    assert options.last_check()["kind"] == "contact"


def test_posting_as_the_school_account_applies_the_school_rules(
    tab: Page, options: Options
) -> None:
    options.set_test_policy({"schoolAccounts": ["@GlazeburyCE"]})
    compose(tab, "Coffee with Isla later", path="/home?as=GlazeburyCE")
    tab.click(POST)
    dialog = verdict_dialog(tab)
    # A first name alone is only a note on a personal account; on the school's it blocks.
    expect(dialog).to_have_attribute("role", "alertdialog")
    expect(dialog.get_by_role("button", name="Post anyway")).to_have_count(0)
    assert options.last_check()["account"] == "school"
    assert events(tab, "post") == []


def test_the_companion_knows_the_schools_own_handle_without_it_policy(
    tab: Page, options: Options
) -> None:
    """The school profile (postguard school set handles.x) is the one list of the school's
    accounts: the extension sends who the post goes out as, and the companion decides."""
    compose(tab, "Coffee with Isla later", path="/home?as=GlazeburyCE")
    tab.click(POST)
    expect(verdict_dialog(tab)).to_have_attribute("role", "alertdialog")
    assert options.last_check()["account"] == "school"
    assert events(tab, "post") == []


def test_enter_on_the_focused_post_button_is_checked(tab: Page) -> None:
    compose(tab, "Well done Joshua Smith")
    tab.locator(POST).focus()
    tab.keyboard.press("Enter")
    expect(verdict_dialog(tab).locator("mark.block")).to_have_text("Joshua Smith (flagged)")
    settle(tab)
    assert events(tab, "post") == []


def test_options_page_status_and_try_a_sentence(options: Options, companion: DemoCompanion) -> None:
    page = options.page
    page.reload()
    version = companion.health()["roster"]["version"]
    status = page.locator("#status")
    expect(status).to_contain_text("Companion: running")
    expect(status).to_contain_text("Paired: yes")
    expect(status).to_contain_text("Companion identity: verified")
    expect(status).to_contain_text(f"Roster version: {version}")
    expect(status).to_contain_text("Roster: up to date")
    page.get_by_label("Sentence to check").fill("Grace Okonkwo was star of the week")
    page.get_by_role("button", name="Check", exact=True).click()
    result = page.locator("#try-result")
    expect(result.locator("[data-verdict]")).to_have_text("block")
    expect(result.locator("mark.block")).to_have_text("Grace Okonkwo")
    expect(result.locator("blockquote")).to_contain_text("names of pupils")
