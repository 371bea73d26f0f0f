"""X's Follow buttons outside a "Who to follow" cell: the hover card X shows over a timeline
(`data-testid="HoverCard"`, the name X's hover-card layer carries in maintained userscripts and
automation scripts for x.com, 2025-2026), with its own name block and Follow button."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.browser import Options
from tests.e2e.dialog import DIALOG, events, settle

pytestmark = pytest.mark.browser

TIMELINE_WITH_HOVER_CARD = """() => {
  // A timeline: the first post on screen is by someone else (Ada Lovelace)...
  document.querySelector('section[aria-label="Who to follow"]').remove();
  const tweet = document.createElement('article');
  tweet.setAttribute('data-testid', 'tweet');
  tweet.innerHTML =
    '<div data-testid="User-Name"><span>Ada Lovelace</span> <span>@ada_l</span></div>' +
    '<div data-testid="tweetText">Lovely day for it. Replying to @jsmith_2015</div>';
  document.querySelector('main').append(tweet);
  // ...and the person hovers a pupil's handle in it: X's hover card, with its own name block
  // and its own Follow button.
  const card = document.createElement('div');
  card.setAttribute('data-testid', 'HoverCard');
  card.innerHTML =
    '<div data-testid="User-Name"><span>Joshua Smith</span> <span>@jsmith_2015</span></div>' +
    '<div role="button" tabindex="0" data-testid="1001-follow"' +
    ' aria-label="Follow @jsmith_2015">Follow</div>';
  document.body.append(card);
  const button = card.querySelector('[data-testid$=-follow]');
  button.addEventListener('click', () => {
    window.record('follow', {who: button.getAttribute('aria-label')});
  });
}"""


def test_following_a_pupil_from_a_hover_card_is_checked_against_the_pupil(
    tab: Page, options: Options
) -> None:
    """The person hovers a pupil's @handle on their timeline and presses Follow in the hover
    card: the pupil is checked under the card's own name and the follow is held back, as from
    "Who to follow". Before (found by a review), the name was read from the first name block on
    the page, a post's author ("Ada Lovelace"), and the pupil was followed unchecked."""
    tab.goto("https://x.com/home")
    tab.evaluate(TIMELINE_WITH_HOVER_CARD)
    tab.click("[data-testid=HoverCard] [data-testid='1001-follow']")
    settle(tab, 800)
    asked = options.last_check()
    assert events(tab, "follow") == [], f"the pupil was followed; the companion was asked {asked}"
    expect(tab.locator(DIALOG)).to_have_count(1)
