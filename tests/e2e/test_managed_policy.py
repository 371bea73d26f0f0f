"""IT's settings through real Chromium enterprise policy (managed storage), not a stand-in.

Chromium reads /etc/chromium/policies/managed/*.json; the file written here names only this
checkout's extension id, so it reaches nothing else, and it is removed when the module ends.
"""

from __future__ import annotations

import atexit
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, expect, sync_playwright

from tests.e2e.browser import Options, extension_id, launch, unpacked_id
from tests.e2e.companion_proc import DemoCompanion
from tests.e2e.dialog import events, settle, verdict_dialog
from tests.e2e.sites import FixtureSites

pytestmark = pytest.mark.browser

POLICY_DIR = Path("/etc/chromium/policies/managed")
EDITOR = "[data-testid=tweetTextarea_0]"
POST = "[data-testid=tweetButtonInline]"


@pytest.fixture(scope="module")
def managed_policy(companion: DemoCompanion) -> Iterator[dict]:
    if os.geteuid() != 0:
        pytest.skip("writing Chromium's machine policy needs root")
    policy = {
        "companionPort": companion.port,
        "failMode": "closed",
        "timeoutMs": 1500,
        "schoolAccounts": ["@GlazeburyCE"],
    }
    POLICY_DIR.mkdir(parents=True, exist_ok=True)
    # A run killed before its teardown left its file behind: never let one outlive the next run.
    for stale in POLICY_DIR.glob("postguard-e2e-*.json"):
        stale.unlink(missing_ok=True)
    file = POLICY_DIR / f"postguard-e2e-{unpacked_id()}.json"
    atexit.register(file.unlink, missing_ok=True)  # also on Ctrl-C or a failing session
    file.write_text(json.dumps({"3rdparty": {"extensions": {unpacked_id(): policy}}}))
    try:
        yield policy
    finally:
        file.unlink(missing_ok=True)


@pytest.fixture(scope="module")
def context(
    managed_policy: dict, sites: FixtureSites, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[BrowserContext]:
    with sync_playwright() as playwright:
        browser = launch(playwright, tmp_path_factory.mktemp("profile"), sites.browser_args())
        assert extension_id(browser) == unpacked_id()
        yield browser
        browser.close()


def test_the_options_page_shows_the_port_as_set_by_it(options: Options, managed_policy: dict):
    page = options.page
    page.reload()
    port = page.get_by_label("Companion port")
    expect(port).to_have_value(str(managed_policy["companionPort"]))
    expect(port).to_be_disabled()
    expect(page.get_by_text("Set by your school's IT.")).to_be_visible()
    status = page.locator("#status")
    expect(status).to_contain_text("posts wait when the companion cannot be reached")


def test_a_test_stand_in_cannot_weaken_a_real_policy(tab: Page, options: Options) -> None:
    options.set_test_policy({"failMode": "open", "tipsOnly": True})
    tab.goto("https://x.com/home")
    tab.click(EDITOR)
    tab.keyboard.type("Well done Joshua Smith")
    tab.click(POST)
    dialog = verdict_dialog(tab)
    expect(dialog).to_have_attribute("data-verdict", "block")
    expect(dialog.get_by_role("button", name="Post anyway")).to_have_count(0)
    assert events(tab, "post") == []


def test_school_handles_from_policy_switch_on_the_school_rules(tab: Page, options: Options):
    tab.goto("https://x.com/home?as=GlazeburyCE")
    tab.click(EDITOR)
    tab.keyboard.type("Coffee with Isla later")
    tab.click(POST)
    expect(verdict_dialog(tab)).to_have_attribute("data-verdict", "block")
    assert options.last_check()["account"] == "school"


def test_fail_closed_from_policy_holds_the_post_when_the_companion_is_stopped(
    tab: Page, options: Options, companion: DemoCompanion
) -> None:
    # Last in the module: the companion stays down (the managed port is fixed).
    companion.stop()
    tab.goto("https://x.com/home")
    tab.click(EDITOR)
    tab.keyboard.type("Sunny day")
    tab.click(POST)
    dialog = verdict_dialog(tab)
    expect(dialog).to_have_attribute("data-verdict", "problem")
    expect(dialog).to_contain_text("Your school's settings hold posts back")
    settle(tab)
    assert events(tab, "post") == []
