"""Facebook and Messenger in real Chromium with the extension and the real demo companion."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.browser import Options
from tests.e2e.dialog import events, settle, verdict_dialog

pytestmark = pytest.mark.browser

COMPOSER = "#composer [role=textbox]"
COMMENT = "#comment-box"


def type_into(tab: Page, selector: str, text: str) -> None:
    tab.click(selector)
    tab.keyboard.type(text)


def test_post_button_blocks_a_pupil_and_lets_a_clean_post_through_once(tab: Page) -> None:
    tab.goto("https://www.facebook.com/")
    type_into(tab, COMPOSER, "Great match, Joshua Smith scored twice")
    tab.get_by_role("button", name="Post", exact=True).click()
    dialog = verdict_dialog(tab)
    expect(dialog.locator("mark.block")).to_have_text("Joshua Smith (flagged)")
    assert events(tab, "post") == []
    dialog.get_by_role("button", name="Edit").click()

    tab.locator(COMPOSER).fill("")
    tab.keyboard.type("Great match today")
    tab.get_by_role("button", name="Post", exact=True).click()
    tab.wait_for_function("window.countOf('post') >= 1")
    settle(tab)
    assert [p["text"] for p in events(tab, "post")] == ["Great match today"]


def test_enter_in_a_comment_box_is_checked(tab: Page, options: Options) -> None:
    tab.goto("https://www.facebook.com/")
    type_into(tab, COMMENT, "Say hi to Grace Okonkwo from me")
    tab.keyboard.press("Enter")
    expect(verdict_dialog(tab).locator("mark.block")).to_have_text("Grace Okonkwo (flagged)")
    assert events(tab, "comment") == []
    assert options.last_check()["rules"] == ["pupil-name"]
    verdict_dialog(tab).get_by_role("button", name="Edit").click()

    tab.locator(COMMENT).fill("")
    tab.keyboard.type("Looks lovely!")
    tab.keyboard.press("Enter")
    tab.wait_for_function("window.countOf('comment') >= 1")
    settle(tab)
    assert [c["text"] for c in events(tab, "comment")] == ["Looks lovely!"]


def test_confirming_a_demo_parent_is_blocked_and_others_go_through(tab: Page) -> None:
    tab.goto("https://www.facebook.com/")
    requests = tab.get_by_role("listitem")
    requests.filter(has_text="Rebecca Smith").get_by_role("button", name="Confirm").click()
    dialog = verdict_dialog(tab)
    expect(dialog.locator("li[data-rule=friend-family]")).to_be_visible()
    expect(dialog.get_by_role("button", name="Post anyway")).to_have_count(0)
    assert events(tab, "confirm") == []
    dialog.get_by_role("button", name="Edit").click()

    requests.filter(has_text="Ada Lovelace").get_by_role("button", name="Confirm").click()
    tab.wait_for_function("window.countOf('confirm') >= 1")
    settle(tab)
    assert [c["who"] for c in events(tab, "confirm")] == ["Ada Lovelace"]


def test_welsh_labels_are_recognised_and_the_dialog_speaks_welsh(tab: Page) -> None:
    tab.goto("https://www.facebook.com/?lang=cy")
    type_into(tab, COMPOSER, "Da iawn Joshua Smith")
    tab.get_by_role("button", name="Postio").click()
    dialog = verdict_dialog(tab)
    expect(dialog.locator("mark.block")).to_have_text("Joshua Smith (wedi'i nodi)")
    expect(dialog.get_by_role("heading")).to_have_text("Postguard: ni ellir postio hwn")
    dialog.get_by_role("button", name="Golygu").click()
    tab.get_by_role("listitem").filter(has_text="Rebecca Smith").get_by_role(
        "button", name="Cadarnhau"
    ).click()
    expect(verdict_dialog(tab).locator("li[data-rule=friend-family]")).to_be_visible()
    assert events(tab, "post") == [] and events(tab, "confirm") == []


def test_urdu_labels_are_recognised_and_the_dialog_is_urdu_right_to_left(tab: Page) -> None:
    tab.goto("https://www.facebook.com/?lang=ur")
    type_into(tab, COMPOSER, "Joshua Smith کو مبارک ہو")
    tab.get_by_role("button", name="پوسٹ کریں").click()
    dialog = verdict_dialog(tab)
    expect(dialog.locator("mark.block")).to_have_text("Joshua Smith (نشان زد)")
    expect(dialog.get_by_role("heading")).to_have_text("Postguard: یہ پوسٹ نہیں کیا جا سکتا")
    assert dialog.evaluate("d => getComputedStyle(d).direction") == "rtl"
    expect(tab.locator("div[data-postguard=dialog]")).to_have_attribute("lang", "ur")
    dialog.get_by_role("button", name="ترمیم کریں").click()
    assert events(tab, "post") == []


def test_messenger_enter_is_checked(tab: Page) -> None:
    tab.goto("https://www.messenger.com/t/1")
    type_into(tab, "[role=textbox]", "Is Rebecca Smith coming tonight?")
    tab.keyboard.press("Enter")
    expect(verdict_dialog(tab).locator("li[data-rule=family-name]")).to_be_visible()
    assert events(tab, "dm") == []
    verdict_dialog(tab).get_by_role("button", name="Edit").click()

    tab.locator("[role=textbox]").fill("")
    tab.keyboard.type("On my way")
    tab.keyboard.press("Enter")
    tab.wait_for_function("window.countOf('dm') >= 1")
    settle(tab)
    assert [m["text"] for m in events(tab, "dm")] == ["On my way"]


def test_posting_as_the_school_page_sends_account_school(tab: Page, options: Options) -> None:
    options.set_test_policy({"schoolAccounts": ["Glazebury CE Primary School"]})
    tab.goto("https://www.facebook.com/?as=Glazebury CE Primary School")
    type_into(tab, COMPOSER, "Coffee with Isla later")
    tab.get_by_role("button", name="Post", exact=True).click()
    expect(verdict_dialog(tab)).to_have_attribute("role", "alertdialog")
    assert options.last_check()["account"] == "school"
    assert events(tab, "post") == []
