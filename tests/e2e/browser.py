"""Debian's Chromium with the unpacked extension, driven by Python Playwright."""

from __future__ import annotations

import contextlib
import hashlib
import re
import time
from pathlib import Path
from typing import Any

from playwright.sync_api import BrowserContext, Page, Playwright, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.e2e.build import inspectable_build

EXTENSION = inspectable_build()  # the shipped tree with the dialog's shadow root open (build.py)
CHROMIUM = "/usr/lib/chromium/chromium"


def launch(
    playwright: Playwright, profile: Path, extra_args: list[str], extension: Path = EXTENSION
) -> BrowserContext:
    return playwright.chromium.launch_persistent_context(
        str(profile),
        executable_path=CHROMIUM,
        headless=True,
        args=[
            f"--disable-extensions-except={extension}",
            f"--load-extension={extension}",
            "--no-first-run",
            "--disable-gpu",
            *extra_args,
        ],
    )


def unpacked_id(path: Path = EXTENSION) -> str:
    """The id Chromium gives an unpacked extension: its path's SHA-256, hex digits as a-p."""
    digest = hashlib.sha256(str(path).encode()).hexdigest()[:32]
    return "".join(chr(ord("a") + int(c, 16)) for c in digest)


def extension_id(context: BrowserContext) -> str:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        for worker in context.service_workers:
            match = re.match(r"chrome-extension://([a-p]{32})/", worker.url)
            if match:
                return match.group(1)
        # A quiet second just means: look again.
        with contextlib.suppress(PlaywrightTimeout):
            context.wait_for_event("serviceworker", timeout=1000)
    raise RuntimeError("the extension's service worker never started")


class Options:
    """The extension's options page, kept open for the module: it also reads and writes the
    extension's storage (an extension page, unlike the service worker, is never stopped)."""

    def __init__(self, context: BrowserContext, ext_id: str) -> None:
        self.page: Page = context.new_page()
        self.url = f"chrome-extension://{ext_id}/options/options.html"
        self.page.goto(self.url)

    def pair(self, port: int, code: str) -> None:
        page = self.page
        page.reload()
        port_field = page.get_by_label("Companion port")
        expect(port_field).not_to_have_value("")
        if port_field.is_enabled():  # IT's managed policy may fix the port
            port_field.fill(str(port))
        page.get_by_label("Pairing code").fill(code)
        page.get_by_role("button", name="Pair", exact=True).click()
        result = page.locator("#pair-result")
        expect(result).to_have_text("Paired with the companion.", timeout=10000)

    def storage(self, area: str = "local") -> dict[str, Any]:
        return self.page.evaluate(f"chrome.storage.{area}.get(null)")

    def pairing(self) -> dict[str, Any] | None:
        """The pairing in the extension origin's IndexedDB (background/vault.js)."""
        return self.page.evaluate(
            """() => new Promise((resolve, reject) => {
                const open = indexedDB.open("postguard", 1);
                open.onupgradeneeded = () => open.result.createObjectStore("vault");
                open.onerror = () => reject(open.error);
                open.onsuccess = () => {
                  const get = open.result.transaction("vault").objectStore("vault").get("pairing");
                  get.onsuccess = () => { open.result.close(); resolve(get.result || null); };
                  get.onerror = () => reject(get.error);
                };
            })"""
        )

    def set_test_policy(self, policy: dict[str, Any] | None) -> None:
        if policy is None:
            self.page.evaluate("chrome.storage.local.remove('testPolicy')")
        else:
            self.page.evaluate("p => chrome.storage.local.set({testPolicy: p})", policy)

    def set_user_port(self, port: int) -> None:
        """What the user does in the options page's "Companion port" field."""
        page = self.page
        page.reload()
        page.get_by_label("Companion port").fill(str(port))
        page.get_by_role("button", name="Save port").click()
        page.wait_for_function(
            "p => chrome.storage.local.get('companionPort').then(s => s.companionPort === p)",
            arg=port,
        )

    def checks(self) -> int:
        return self.storage("session").get("checks", 0)

    def last_check(self) -> dict[str, Any]:
        return self.storage("session").get("lastCheck", {})
