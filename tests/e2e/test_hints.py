"""Hints while typing, in real Chromium with the extension and the real demo companion: after a
pause, the words the companion found are underlined in place and a badge counts them; the
editor's own DOM is never touched; the badge opens the explanation; IT can turn hints off."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.browser import Options
from tests.e2e.dialog import events, verdict_dialog

pytestmark = pytest.mark.browser

HINTS = "div[data-postguard=hints]"
X_EDITOR = "[data-testid=tweetTextarea_0]"

# Counts every change to the editor's subtree from now on (the person's typing stops before).
WATCH_EDITOR = """sel => {
  const editor = document.querySelector(sel);
  window.__editorChanges = 0;
  window.__editorHtml = editor.innerHTML;
  new MutationObserver(r => { window.__editorChanges += r.length; })
    .observe(editor, {subtree: true, childList: true, characterData: true, attributes: true});
}"""

# Where the words are on screen, measured by the test from the editor's own text.
WORDS_BOX = """([sel, words]) => {
  const editor = document.querySelector(sel);
  const walker = document.createTreeWalker(editor, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const at = n.nodeValue.indexOf(words);
    if (at < 0) continue;
    const r = document.createRange();
    r.setStart(n, at); r.setEnd(n, at + words.length);
    const b = r.getBoundingClientRect();
    return {left: b.left, right: b.right, bottom: b.bottom};
  }
  return null;
}"""


def badge(tab: Page):
    return tab.locator(HINTS).locator("button.badge")


def lines(tab: Page) -> list[dict[str, Any]]:
    return tab.evaluate(
        """() => {
          const host = document.querySelector('div[data-postguard=hints]');
          if (!host || !host.shadowRoot) return [];
          return [...host.shadowRoot.querySelectorAll('.line')].map(l => {
            const b = l.getBoundingClientRect();
            return {rule: l.dataset.rule, severity: l.className.split(' ')[1],
                    left: b.left, right: b.right, top: b.top};
          });
        }"""
    )


def test_a_pupil_s_name_is_underlined_while_typing_and_the_editor_is_untouched(
    tab: Page, options: Options
) -> None:
    checks_before = options.checks()
    tab.goto("https://x.com/home")
    tab.click(X_EDITOR)
    tab.keyboard.type("Well done Joshua Smith at the park", delay=20)
    tab.evaluate(WATCH_EDITOR, X_EDITOR)
    expect(badge(tab)).to_have_text("1 thing to check")
    underlined = lines(tab)
    assert [line["rule"] for line in underlined] == ["pupil-name"]
    assert underlined[0]["severity"] == "block"
    words = tab.evaluate(WORDS_BOX, [X_EDITOR, "Joshua Smith"])
    assert abs(underlined[0]["left"] - words["left"]) <= 1
    assert abs(underlined[0]["right"] - words["right"]) <= 1
    assert abs(underlined[0]["top"] - words["bottom"]) <= 3
    # The overlay is ours: not one change to the site's editor, whose DOM React owns.
    assert tab.evaluate("window.__editorChanges") == 0
    assert tab.evaluate(f"document.querySelector('{X_EDITOR}').innerHTML") == tab.evaluate(
        "window.__editorHtml"
    )
    # Nothing was sent, so nothing is recorded as a check.
    assert options.checks() == checks_before
    assert events(tab, "post") == []

    # The badge opens the same explanation as the dialog; its only answer is to edit.
    badge(tab).click()
    dialog = verdict_dialog(tab)
    expect(dialog).to_have_attribute("data-verdict", "hint")
    expect(dialog.locator("li[data-rule=pupil-name]")).to_be_visible()
    expect(dialog.locator("button[data-action=post]")).to_have_count(0)
    tab.keyboard.press("Escape")
    expect(verdict_dialog(tab)).to_have_count(0)

    # Editing the name away: the underline goes at once, and the badge says so after a pause.
    tab.click(X_EDITOR)
    tab.keyboard.press("End")
    for _ in range(len("Joshua Smith at the park")):
        tab.keyboard.press("Backspace")
    tab.keyboard.type("everyone at the park")
    expect(badge(tab)).to_have_text("Nothing to check")
    assert lines(tab) == []

    # Posted: the hints for it go with it.
    tab.click("[data-testid=tweetButtonInline]")
    tab.wait_for_function("window.countOf('post') >= 1")
    expect(badge(tab)).to_be_hidden()


def test_a_chat_textarea_inside_x_chat_s_shadow_root_gets_hints(tab: Page) -> None:
    tab.goto("https://x.com/i/chat/1001-2002")
    box = "[data-testid=dm-composer-textarea]"
    tab.click(box)
    tab.keyboard.type("Is Joshua Smith coming tomorrow?", delay=20)
    expect(badge(tab)).to_have_text("1 thing to check")
    underlined = lines(tab)
    assert [line["rule"] for line in underlined] == ["pupil-name"]
    area = tab.locator(box).bounding_box()
    assert area is not None
    line = underlined[0]
    # Measured on a copy of the textarea: the underline lies inside the textarea's box.
    assert area["x"] <= line["left"] < line["right"] <= area["x"] + area["width"]
    assert area["y"] <= line["top"] <= area["y"] + area["height"] + 3
    assert events(tab, "dm") == []


def test_hints_speak_the_page_s_language(tab: Page) -> None:
    tab.goto("https://www.facebook.com/surfaces?lang=pl")
    tab.click("#comment-box")
    tab.keyboard.type("Brawo Joshua Smith", delay=20)
    expect(badge(tab)).to_have_text("1 rzecz do sprawdzenia")
    assert [line["rule"] for line in lines(tab)] == ["pupil-name"]
    assert events(tab, "comment") == []


def test_it_can_turn_hints_off(tab: Page, options: Options) -> None:
    options.set_test_policy({"hintsWhileTyping": False})
    try:
        tab.goto("https://x.com/home")
        tab.click(X_EDITOR)
        tab.keyboard.type("Well done Joshua Smith", delay=20)
        tab.wait_for_timeout(3000)
        expect(tab.locator(HINTS)).to_have_count(0)
        # Posting is still checked.
        tab.click("[data-testid=tweetButtonInline]")
        expect(verdict_dialog(tab).locator("li[data-rule=pupil-name]")).to_be_visible()
        tab.keyboard.press("Escape")
    finally:
        options.set_test_policy(None)
