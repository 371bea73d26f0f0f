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


# Found by a review of the page's reach (each failed before its fix): defining the host's
# element, page CSS on the host, keys typed into the dialog, an invisible composer.
# The page learns the dialog host's tag name from a first dialog, then tries to define it as a
# custom element of its own before the next one: a custom element may ask for its
# ElementInternals, whose .shadowRoot hands over even a *closed* shadow root attached to it.
GRAB_OVERLAYS = """() => {
  const tag = document.querySelector('[data-postguard=dialog]').localName;
  window.__grabbed = [];
  try {
    customElements.define(tag, class extends HTMLElement {
      constructor() {
        super();
        window.__grabbed.push({host: this, internals: this.attachInternals()});
      }
    });
    return 'defined';
  } catch (error) {
    return error.name;
  }
}"""

READ_DIALOG = """() => {
  for (const {host, internals} of window.__grabbed) {
    if (host.getAttribute('data-postguard') !== 'dialog') continue;
    const root = internals.shadowRoot;
    if (!root) return {root: false};
    const dialog = root.querySelector('[data-verdict]');
    return {root: true, verdict: dialog && dialog.getAttribute('data-verdict'),
            text: root.textContent};
  }
  return {root: false, none: true};
}"""


def test_a_page_cannot_define_the_dialog_s_host_to_read_its_closed_root(page: Page) -> None:
    """A page script sees which element the dialog lives on, and defines that name as a custom
    element of its own (with attachInternals(), whose shadowRoot hands over even a closed root)
    before the person's next post. The host is a built-in element, whose name a page cannot
    define, so the next dialog's verdict and names stay out of its reach. Before (found by a
    review), the host was <postguard-overlay>, which the page could define first and then read
    the verdict ("block") and the pupil's name."""
    page.click(EDITOR)
    page.keyboard.type("Well done Joshua Smith!")
    page.click(POST)
    expect(page.locator(HOST)).to_have_count(1)
    assert page.evaluate(GRAB_OVERLAYS) in ("SyntaxError", "NotSupportedError")
    page.keyboard.press("Escape")
    expect(page.locator(HOST)).to_have_count(0)
    page.click(POST)
    expect(page.locator(HOST)).to_have_count(1)
    assert page.evaluate(READ_DIALOG).get("root") is False
    page.keyboard.press("Escape")


KEYLOGGER = """() => {
  window.__keys = [];
  // Registered by the page on window, capture phase: runs before any listener on the dialog's
  // host, whatever that host does with the event afterwards.
  window.addEventListener('keydown', (e) => {
    if (e.key.length === 1) window.__keys.push(e.key);
  }, true);
}"""


def test_what_the_person_types_into_the_dialog_stays_out_of_the_page(page: Page) -> None:
    """The page listens on window, capturing, for keys. The person posts a warning (a
    colleague's name) and types a reason into the dialog's reason box: the page logs none of it.
    Before, the keys crossed the closed shadow root (retargeted to its host) and reached the
    page's listener before the host could stop them: it logged the reason word for word."""
    page.evaluate(KEYLOGGER)
    page.click(EDITOR)
    page.keyboard.type("Coffee with Helen Cartwright later")  # a colleague: a warning
    page.evaluate("() => { window.__keys = []; }")
    page.click(POST)
    expect(page.locator(HOST)).to_have_count(1)
    page.keyboard.press("Shift+Tab")  # from "Edit" back to the reason box
    page.keyboard.type("my own child Josh")
    logged = page.evaluate("() => window.__keys.join('')")
    page.keyboard.press("Escape")
    expect(page.locator(HOST)).to_have_count(0)
    assert "Josh" not in logged, f"the page logged the dialog's keys: {logged!r}"


# Page CSS on our host: a transform makes it the containing block of its position:fixed
# children, so their boxes count towards the host's scrollable overflow, which the page reads.
CONTAIN_OVERLAY = """() => {
  const style = document.createElement('style');
  // (and the page's own composer a little lower down, so the badge sits above it)
  style.textContent = `#composer-slot { padding-top: 120px; }
  div[data-postguard=hints] {
    transform: translateZ(0); position: absolute; top: 0; left: 0;
    width: 1px; height: 1px; overflow: hidden; }`;
  document.head.append(style);
}"""

OVERLAY_EXTENT = """() => {
  const host = document.querySelector('div[data-postguard=hints]');
  return host ? [host.scrollWidth, host.scrollHeight] : null;
}"""


def _hint_extent(page: Page, text: str) -> list[int] | None:
    page.goto("https://x.com/home")
    page.evaluate(CONTAIN_OVERLAY)
    page.click(EDITOR)
    page.keyboard.type(text, delay=10)
    page.wait_for_function("() => !!document.querySelector('div[data-postguard=hints]')")
    page.wait_for_timeout(1500)  # the hint's answer is drawn
    return page.evaluate(OVERLAY_EXTENT)


def test_the_hints_overlay_s_layout_does_not_tell_the_page_who_is_on_the_roster(
    page: Page,
) -> None:
    """The page styles the hints overlay's host (a transform makes it the containing block of
    the fixed-position underlines; overflow hidden and 1 px turn their extent into its scroll
    size), then reads that size after the hint: it is the same whether a pupil's name was
    underlined or nobody's. Before, it differed (168 against 143), telling the page the roster's
    answer while the person was still typing."""
    pupil = _hint_extent(page, "Lovely afternoon with Joshua Smith at the park")
    stranger = _hint_extent(page, "Lovely afternoon with Quillon Ardenwh at the park")
    assert pupil == stranger, f"overlay size differs: pupil {pupil} vs stranger {stranger}"


def _backdrop_shade(page: Page) -> int:
    """How dark the top-left corner of the screen is (0 black .. 255 white), as the person
    sees it: the dialog's backdrop darkens the whole page."""
    import io

    from PIL import Image

    shot = Image.open(io.BytesIO(page.screenshot(clip={"x": 5, "y": 5, "width": 4, "height": 4})))
    return shot.convert("L").getextrema()[0]


@pytest.mark.parametrize(
    "hide",
    [
        "clip-path: inset(50%)",
        "filter: opacity(0)",
        "transform: scale(0)",
    ],
)
def test_page_css_cannot_make_the_dialog_invisible(page: Page, hide: str) -> None:
    """One page stylesheet rule on the host using a property that is not display, visibility or
    opacity (clip-path, filter, transform) leaves the dialog visible: the person always sees why
    the post was held back. Before, the dialog was drawn invisibly, and for a warning its "Post
    anyway" button still took the person's clicks."""
    page.add_style_tag(content=f"[data-postguard] {{ {hide} !important; }}")
    page.click(EDITOR)
    page.keyboard.type("Well done Joshua Smith!")
    assert _backdrop_shade(page) > 200  # a white page before
    page.click(POST)
    expect(page.locator(HOST)).to_have_count(1)
    page.wait_for_timeout(200)
    shade = _backdrop_shade(page)
    page.keyboard.press("Escape")
    assert shade < 200, f"the dialog is open but the person cannot see it ({hide})"


# An invisible composer under the person's pointer: the page's own text in it, its "Post"
# button over the whole window. Whatever the extension does after the person's click is logged,
# and any dialog is removed at once so that the person never sees it.
INVISIBLE_COMPOSER = """(text) => {
  window.__trap = {reclicked: false, dialog: false};
  const trap = document.createElement('div');
  trap.style.cssText = 'position:fixed;inset:0;opacity:0;z-index:2147483000';
  trap.innerHTML =
    '<div data-testid="tweetTextarea_0" contenteditable="true" role="textbox"></div>' +
    '<div role="button" data-testid="tweetButtonInline" style="position:fixed;inset:0">Post</div>';
  trap.querySelector('[contenteditable]').textContent = text;
  trap.querySelector('[role=button]').addEventListener('click', (e) => {
    if (!e.isTrusted) window.__trap.reclicked = true;  // the extension's "clean" re-click
  });
  new MutationObserver(() => {
    const host = document.querySelector('div[data-postguard=dialog]');
    if (host) { window.__trap.dialog = true; host.remove(); }
  }).observe(document.documentElement, {childList: true});
  document.body.append(trap);
}"""


def _one_click_oracle(page: Page, text: str) -> dict:
    page.goto("https://x.com/home")
    page.evaluate(INVISIBLE_COMPOSER, text)
    page.mouse.click(400, 300)  # the person clicks somewhere on the page
    page.wait_for_timeout(800)
    return page.evaluate("() => window.__trap")


def test_a_click_on_an_invisible_composer_is_no_oracle_for_the_roster(
    page: Page, paired: Options
) -> None:
    """The page lays an opacity:0 composer over the window: an editor holding a name of its
    choosing and a Post button covering everything. The person's clicks on it are left alone:
    nothing is checked, so what follows is the same whatever the name. Before, each ordinary
    click had the page's text checked, and the re-click (allowed) or the dialog (a pupil), which
    the page removed at once, answered one roster question per click."""
    checks = paired.checks()
    pupil = _one_click_oracle(page, "Well done Joshua Smith")
    stranger = _one_click_oracle(page, "Well done Quillon Ardenwhite")
    assert paired.checks() == checks and pupil == stranger, (
        f"the page learned the verdicts: pupil {pupil}, stranger {stranger}"
    )


def test_a_scripted_escape_does_not_close_the_dialog(page: Page) -> None:
    """A page script dispatches Escape at the dialog's host: the dialog stays, so the person
    still reads why the post was held back. Only the person's own keys drive the dialog (found
    by a second review: the keys' handler, moved to the window so that keys stay out of the
    page, had answered a scripted Escape too)."""
    page.click(EDITOR)
    page.keyboard.type("Well done Joshua Smith!")
    page.click(POST)
    expect(page.locator(HOST)).to_have_count(1)
    page.evaluate(
        """() => document.querySelector('[data-postguard=dialog]').dispatchEvent(
             new KeyboardEvent('keydown', {key: 'Escape', bubbles: true, composed: true}))"""
    )
    page.wait_for_timeout(300)
    expect(page.locator(HOST)).to_have_count(1)
    page.keyboard.press("Escape")
    expect(page.locator(HOST)).to_have_count(0)
