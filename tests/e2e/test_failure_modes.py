"""When the companion is away, slow, or not who it claims to be; and the tips-only rollout."""

from __future__ import annotations

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.e2e.browser import Options, extension_id
from tests.e2e.companion_proc import DemoCompanion
from tests.e2e.dialog import NOTICE, events, settle, verdict_dialog
from tests.e2e.impostors import Impostor, Silent

pytestmark = pytest.mark.browser

EDITOR = "[data-testid=tweetTextarea_0]"
POST = "[data-testid=tweetButtonInline]"
SECRET = "Well done Joshua Smith"


def compose(tab: Page, text: str) -> None:
    tab.goto("https://x.com/home")
    tab.click(EDITOR)
    tab.keyboard.type(text)


def test_tips_only_shows_findings_and_lets_even_a_block_through(
    tab: Page, options: Options
) -> None:
    options.set_test_policy({"tipsOnly": True})
    compose(tab, SECRET)
    tab.click(POST)
    dialog = verdict_dialog(tab)
    expect(dialog).to_have_attribute("data-verdict", "tips")
    expect(dialog.locator("mark.block")).to_have_text("Joshua Smith (flagged)")
    assert events(tab, "post") == []
    dialog.get_by_role("button", name="Post anyway").click()
    tab.wait_for_function("window.countOf('post') >= 1")
    settle(tab)
    assert [p["text"] for p in events(tab, "post")] == [SECRET]


def test_a_squatter_that_cannot_prove_itself_gets_neither_text_nor_token(
    tab: Page, options: Options
) -> None:
    pairing = options.pairing()
    assert pairing and pairing["token"]
    token = pairing["token"]
    # Not in storage.local, which content scripts can read.
    assert token not in str(options.storage("local"))
    with Impostor() as impostor:
        options.set_test_policy({"companionPort": impostor.port})
        compose(tab, SECRET)
        tab.click(POST)
        notice = tab.locator(NOTICE).get_by_role("status")
        expect(notice).to_contain_text("could not prove")
        tab.wait_for_function("window.countOf('post') >= 1")
    assert impostor.requests, "the extension never probed the port"
    for request in impostor.requests:
        assert "Joshua" not in request["body"]
        assert token not in str(request["headers"])
        assert "Authorization" not in request["headers"]
    assert options.last_check()["problem"] == "unproven"


def test_a_companion_slower_than_the_timeout_gets_a_notice(tab: Page, options: Options) -> None:
    with Silent() as silent:
        options.set_test_policy({"companionPort": silent.port, "timeoutMs": 300})
        compose(tab, "Sunny day")
        tab.click(POST)
        expect(tab.locator(NOTICE).get_by_role("status")).to_contain_text("did not answer in time")
        tab.wait_for_function("window.countOf('post') >= 1")
    assert options.last_check()["problem"] == "timeout"


def test_companion_stopped_fails_open_with_a_notice_by_default(
    tab: Page, options: Options, companion: DemoCompanion
) -> None:
    companion.stop()
    try:
        compose(tab, "Sunny day")
        tab.click(POST)
        notice = tab.locator(NOTICE).get_by_role("status")
        expect(notice).to_contain_text("could not reach the companion")
        expect(notice).to_contain_text("This was not checked.")
        tab.wait_for_function("window.countOf('post') >= 1")
        settle(tab)
        assert len(events(tab, "post")) == 1
    finally:
        options.set_user_port(companion.start().port)


def test_companion_stopped_holds_the_post_back_under_fail_closed(
    tab: Page, options: Options, companion: DemoCompanion
) -> None:
    options.set_test_policy({"failMode": "closed"})
    companion.stop()
    try:
        compose(tab, "Sunny day")
        tab.click(POST)
        dialog = verdict_dialog(tab)
        expect(dialog).to_have_attribute("data-verdict", "problem")
        expect(dialog).to_contain_text("could not reach the companion")
        expect(dialog.get_by_role("button", name="Post anyway")).to_have_count(0)
        settle(tab)
        assert events(tab, "post") == []
    finally:
        options.set_user_port(companion.start().port)
    # Back up: the same post now goes through.
    dialog.get_by_role("button", name="Edit").click()
    tab.click(POST)
    tab.wait_for_function("window.countOf('post') >= 1")
    assert [p["text"] for p in events(tab, "post")] == ["Sunny day"]
    assert options.last_check()["verdict"] == "allow"


def test_pairing_with_a_squatter_is_refused_and_keeps_the_real_pairing(
    context: BrowserContext, options: Options, companion: DemoCompanion
) -> None:
    """A program on the port while the companion is down takes any code and hands out its own
    token. The extension never sends the code, so the squatter cannot prove it knows it."""
    options.set_test_policy(None)  # the port must be the user's to type, not IT's
    before = options.pairing()
    page = Options(context, extension_id(context))
    with Impostor() as impostor:
        page.page.reload()
        port = page.page.get_by_label("Companion port")
        expect(port).to_be_enabled()
        expect(port).not_to_have_value("")  # the page has read its settings
        port.fill(str(impostor.port))
        page.page.get_by_label("Pairing code").fill("K7QM-2XRD")
        page.page.get_by_role("button", name="Pair", exact=True).click()
        result = page.page.locator("#pair-result")
        expect(result).to_contain_text("could not prove")
    sent = [r for r in impostor.requests if r["path"] == "/v1/pair"]
    assert sent and all("K7QM" not in r["body"] and "2XRD" not in r["body"] for r in sent)
    assert options.pairing() == before  # the squatter's token was never stored
    page.page.close()
    options.set_user_port(companion.port)  # the port typed for the squatter was kept


def test_pairing_with_the_port_field_empty_keeps_the_port_and_a_bad_port_is_named(
    context: BrowserContext, options: Options, companion: DemoCompanion
) -> None:
    """The options page opens itself on install, and Chromium holds IT's settings back for a few
    seconds after it starts, so the port field can still be empty when the person types the
    code and presses Pair (or they cleared it): the port in force is used, never port 0. A port
    out of range is refused in words the person understands."""
    options.set_test_policy(None)
    options.set_user_port(companion.port)
    page = Options(context, extension_id(context))
    try:
        tab = page.page
        tab.reload()
        port = tab.get_by_label("Companion port")
        expect(port).not_to_have_value("")
        port.fill("")
        tab.get_by_label("Pairing code").fill(companion.pairing_code())
        tab.get_by_role("button", name="Pair", exact=True).click()
        result = tab.locator("#pair-result")
        expect(result).to_have_text("Paired with the companion.")
        assert page.storage()["companionPort"] == companion.port

        port.fill("80")
        tab.get_by_label("Pairing code").fill("K7QM-2XRD")
        tab.get_by_role("button", name="Pair", exact=True).click()
        expect(result).to_have_text("The companion port must be a whole number from 1024 to 65535.")
        assert page.storage()["companionPort"] == companion.port
    finally:
        page.page.close()
