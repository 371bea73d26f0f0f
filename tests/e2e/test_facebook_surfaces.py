"""Facebook surfaces staff use today: comments in a post dialog, the two-step composer, profile
pages and facebook.com/messages, in real Chromium with the real demo companion. Fixture facts
and their sources are in tests/e2e/fixtures/facebook/surfaces.html, profile.html, messages.html."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.browser import Options
from tests.e2e.dialog import events, settle, verdict_dialog

pytestmark = pytest.mark.browser

SURFACES = "https://www.facebook.com/surfaces"


def type_into(tab: Page, selector: str, text: str) -> None:
    tab.click(selector)
    tab.keyboard.type(text)


@pytest.mark.parametrize(
    ("query", "submit"),
    [
        ("", "Post comment"),
        ("?box=Write%20an%20answer%E2%80%A6&submit=Comment", "Comment"),
        ("?box=Comment%20as%20Helen%20Cartwright", "Post comment"),
        ("?lang=pl", "Skomentuj"),
        # A language the adapter carries no labels for: the box is a comment box by where it is.
        ("?box=%C3%89crivez%20un%20commentaire%E2%80%A6&submit=Commenter", "Commenter"),
    ],
)
def test_a_comment_in_a_post_dialog_is_checked_by_enter_and_by_its_button(
    tab: Page, options: Options, query: str, submit: str
) -> None:
    tab.goto(SURFACES + query)
    type_into(tab, "#comment-box", "Well done Joshua Smith")
    tab.keyboard.press("Enter")
    dialog = verdict_dialog(tab)
    expect(dialog.locator("li[data-rule=pupil-name]")).to_be_visible()
    assert options.last_check()["context"] == "comment"
    assert events(tab, "comment") == []
    tab.keyboard.press("Escape")
    tab.click(f"#focused-state-composer-submit [aria-label='{submit}']")
    expect(verdict_dialog(tab).locator("li[data-rule=pupil-name]")).to_be_visible()
    assert events(tab, "comment") == []
    tab.keyboard.press("Escape")


def test_a_clean_comment_goes_exactly_once(tab: Page) -> None:
    tab.goto(SURFACES)
    type_into(tab, "#comment-box", "What a lovely afternoon")
    tab.keyboard.press("Enter")
    tab.wait_for_function("window.countOf('comment') >= 1")
    settle(tab)
    assert [c["text"] for c in events(tab, "comment")] == ["What a lovely afternoon"]


@pytest.mark.parametrize("final", ["Post", "Publish", "Share to story"])
def test_the_two_step_composer_is_checked_at_next_and_again_at_the_end(
    tab: Page, options: Options, final: str
) -> None:
    tab.goto(f"{SURFACES}?final={final.replace(' ', '%20')}")
    type_into(tab, "#post-box", "Well done Joshua Smith")
    tab.click("[aria-label=Next]")
    expect(verdict_dialog(tab).locator("li[data-rule=pupil-name]")).to_be_visible()
    assert events(tab, "next") == []
    tab.keyboard.press("Escape")

    # A clean text passes Next once, then the final step is judged against what Next judged.
    tab.locator("#post-box").fill("")
    type_into(tab, "#post-box", "A lovely walk by the river")
    checks = options.checks()
    tab.click("[aria-label=Next]")
    tab.wait_for_function("window.countOf('next') >= 1")
    tab.click(f"[aria-label='{final}']")
    tab.wait_for_function("window.countOf('post') >= 1")
    settle(tab)
    assert [p["text"] for p in events(tab, "post")] == ["A lovely walk by the river"]
    assert options.checks() == checks + 2


@pytest.mark.parametrize("as_page", [False, True], ids=["same-account", "now-as-the-school"])
def test_findings_answered_at_next_are_not_asked_again_at_the_end(
    tab: Page, options: Options, as_page: bool
) -> None:
    """The person answers a warning at "Next" with "Post anyway": the final step is judged again
    and, finding the same, goes without asking a second time. Switched in "Post settings" to
    post as the school's Page, the school's rules find more, and that is asked."""
    text = "Fed up with how management treats us, see you Monday Grace"
    tab.goto(SURFACES)
    type_into(tab, "#post-box", text)
    tab.click("[aria-label=Next]")
    dialog = verdict_dialog(tab)
    expect(dialog.locator("li[data-rule=grievance]")).to_be_visible()
    expect(dialog.locator("li[data-rule=no-names]")).to_have_count(0)
    dialog.get_by_role("button", name="Post anyway").click()
    tab.wait_for_function("window.countOf('next') >= 1")
    if as_page:
        tab.evaluate(
            """() => {
              const choice = document.createElement("div");
              choice.setAttribute("role", "button");
              choice.setAttribute("aria-label", "Posting as Glazebury CE Primary School");
              document.getElementById("two-step").prepend(choice);
            }"""
        )
    checks = options.checks()
    tab.click("[aria-label=Post]")
    if as_page:
        dialog = verdict_dialog(tab)
        expect(dialog.locator("li[data-rule=no-names]")).to_be_visible()
        assert events(tab, "post") == []
        dialog.get_by_role("button", name="Post anyway").click()
    tab.wait_for_function("window.countOf('post') >= 1")
    settle(tab)
    assert [p["text"] for p in events(tab, "post")] == [text]
    assert options.checks() == checks + 1
    expect(verdict_dialog(tab)).to_have_count(0)


@pytest.mark.parametrize("label", ["", "&label=bare"])
def test_a_profile_page_s_add_friend_and_follow_are_checked(tab: Page, label: str) -> None:
    """A profile's add-friend button reads "Add Friend <Name>" today (see profile.html; the bare
    "Add friend" of suggestion lists too). Before, only the bare label was known, and a friend
    request from a profile went out unchecked."""
    tab.goto(f"https://www.facebook.com/rebecca.smith.75?who=Rebecca%20Smith{label}")
    tab.click("#add")
    expect(verdict_dialog(tab).locator("li[data-rule=friend-family]")).to_be_visible()
    tab.keyboard.press("Escape")
    tab.click("#follow")
    expect(verdict_dialog(tab).locator("li[data-rule=friend-family]")).to_be_visible()
    tab.keyboard.press("Escape")
    assert events(tab, "add") == [] and events(tab, "follow") == []

    tab.goto(f"https://www.facebook.com/quillon.ardenwhite?who=Quillon%20Ardenwhite{label}")
    tab.click("#add")
    tab.wait_for_function("window.countOf('add') >= 1")
    settle(tab)
    assert [e["name"] for e in events(tab, "add")] == ["Quillon Ardenwhite"]


@pytest.mark.parametrize(
    "page", ["messages/t/100001", "messages/e2ee/t/100002", "messages/t/100001?box=Message"]
)
def test_facebook_messages_chat_is_checked(tab: Page, page: str) -> None:
    """The chat box reads "Write to <Name>" today, and encrypted threads live under
    /messages/e2ee/t/ (see messages.html). Before, only "Message" was known: the box was taken
    for a post composer, where Enter starts a new line, and Enter sent the message unchecked."""
    tab.goto(f"https://www.facebook.com/{page}")
    type_into(tab, "#box", "Can you tell Rebecca Smith")
    tab.keyboard.press("Enter")
    expect(verdict_dialog(tab).locator("li[data-rule=family-name]")).to_be_visible()
    assert events(tab, "dm") == []
    tab.keyboard.press("Escape")
    tab.click("[aria-label='Press Enter to send']")
    expect(verdict_dialog(tab).locator("li[data-rule=family-name]")).to_be_visible()
    tab.keyboard.press("Escape")
    assert events(tab, "dm") == []
