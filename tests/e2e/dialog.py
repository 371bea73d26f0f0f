"""Reading the extension's verdict dialog the way a user (and a screen reader) meets it."""

from __future__ import annotations

from playwright.sync_api import Locator, Page

DIALOG = "div[data-postguard=dialog]"
NOTICE = "div[data-postguard=notice]"


def verdict_dialog(page: Page) -> Locator:
    # Blocks and failures are alertdialogs, warnings and tips plain dialogs.
    return page.locator(DIALOG).locator("[role=dialog], [role=alertdialog]")


def events(page: Page, kind: str) -> list[dict]:
    return page.evaluate("k => window.__events.filter(e => e.kind === k)", kind)


def settle(page: Page, ms: int = 300) -> None:
    """Give a wrongly repeated submit the time to show up before counting."""
    page.wait_for_timeout(ms)
