"""A hostile page on x.com, against the extension exactly as it ships (not the test build).

Red-team cases, kept as a module that grows: each is something a page script tried and must not
achieve — learning who is on the roster through the extension, reading or pressing its dialog,
or hiding a block into a post.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import BrowserContext, Page, expect, sync_playwright

from tests.e2e.browser import Options, extension_id, launch
from tests.e2e.build import SHIPPED
from tests.e2e.companion_proc import DemoCompanion
from tests.e2e.dialog import events, settle
from tests.e2e.sites import FixtureSites

pytestmark = pytest.mark.browser

EDITOR = "[data-testid=tweetTextarea_0]"
POST = "[data-testid=tweetButtonInline]"
HOST = "div[data-postguard=dialog]"


@pytest.fixture(scope="module")
def shipped(
    sites: FixtureSites, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[BrowserContext]:
    with sync_playwright() as playwright:
        profile = tmp_path_factory.mktemp("profile")
        context = launch(playwright, profile, sites.browser_args(), extension=SHIPPED)
        yield context
        context.close()


@pytest.fixture(scope="module")
def paired(shipped: BrowserContext, companion: DemoCompanion) -> Options:
    options = Options(shipped, extension_id(shipped))
    options.pair(companion.port, companion.pairing_code())
    return options


@pytest.fixture
def page(shipped: BrowserContext, paired: Options) -> Iterator[Page]:
    tab = shipped.new_page()
    tab.goto("https://x.com/home")
    yield tab
    tab.close()


PROBE = """async (text) => {
  // What a page script can do: fill a composer and "send" it by script, then look for any sign
  // of a verdict (our overlay, a changed DOM, a swallowed event).
  const editor = document.querySelector('[data-testid=tweetTextarea_0]');
  editor.textContent = text;
  const before = window.countOf('post');
  document.querySelector('[data-testid=tweetButtonInline]').click();
  editor.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter', ctrlKey: true, bubbles: true,
                                                    cancelable: true, composed: true}));
  await new Promise((r) => setTimeout(r, 600));
  return {
    overlays: document.querySelectorAll('[data-postguard]').length,
    posted: window.countOf('post') - before,
    nodes: document.getElementsByTagName('*').length,
  };
}"""


def test_scripted_sends_are_no_oracle_for_the_roster(page: Page, paired: Options) -> None:
    checks = paired.checks()
    pupil = page.evaluate(PROBE, "Well done Joshua Smith and Grace Okonkwo")
    stranger = page.evaluate(PROBE, "Well done Quillon Ardenwhite and Mabyn Tressider")
    assert pupil == stranger  # nothing a page can observe differs
    assert pupil["overlays"] == 0
    assert paired.checks() == checks  # the companion was never asked


def test_the_dialog_cannot_be_read_hidden_or_turned_into_a_post(
    page: Page, paired: Options
) -> None:
    page.add_style_tag(
        content="[data-postguard]{display:none!important;visibility:hidden!important}"
    )
    page.click(EDITOR)
    page.keyboard.type("Well done Joshua Smith!")
    page.click(POST)  # the person's own click
    expect(page.locator(HOST)).to_have_count(1)
    seen = page.evaluate(
        """() => {
          const host = document.querySelector('div[data-postguard=dialog]');
          const style = getComputedStyle(host);
          return {root: host.shadowRoot, display: style.display, visibility: style.visibility,
                  text: host.textContent, html: host.innerHTML};
        }"""
    )
    assert seen == {
        "root": None,
        "display": "block",
        "visibility": "visible",
        "text": "",
        "html": "",
    }
    # Buttons cannot be reached, so the page removes the whole dialog instead.
    page.evaluate("() => document.querySelector('[data-postguard]').remove()")
    settle(page, 500)
    assert events(page, "post") == []  # a block never becomes a post


def test_a_warning_cannot_be_posted_by_the_page(page: Page, paired: Options) -> None:
    page.click(EDITOR)
    page.keyboard.type("Coffee with Helen Cartwright later")  # a colleague: a warning
    page.click(POST)
    expect(page.locator(HOST)).to_have_count(1)
    # Whatever the page clicks or dispatches, "Post anyway" is out of its reach.
    page.evaluate(
        """() => {
          const host = document.querySelector('div[data-postguard=dialog]');
          host.click();
          host.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter', bubbles: true}));
        }"""
    )
    settle(page, 500)
    assert events(page, "post") == []
    expect(page.locator(HOST)).to_have_count(1)
    page.keyboard.press("Escape")  # the person chooses Edit
    expect(page.locator(HOST)).to_have_count(0)
