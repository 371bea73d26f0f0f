"""End-to-end set-up: fixture sites over TLS, the real companion, Chromium with the extension.

Everything expensive is per module (one browser launch is about a second on these machines);
each test gets a fresh tab and the extension's test policy reset.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, sync_playwright

from tests.e2e.browser import CHROMIUM, Options, extension_id, launch
from tests.e2e.companion_proc import DemoCompanion
from tests.e2e.sites import FixtureSites


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    if not Path(CHROMIUM).exists():
        skip = pytest.mark.skip(reason=f"{CHROMIUM} is not installed (apt-get install chromium)")
        for item in items:
            if "browser" in item.keywords:
                item.add_marker(skip)


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FixtureSites]:
    with FixtureSites(tmp_path_factory.mktemp("tls")) as served:
        yield served


@pytest.fixture(scope="module")
def companion(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoCompanion]:
    running = DemoCompanion(tmp_path_factory.mktemp("postguard-home")).start()
    yield running
    running.stop()


@pytest.fixture(scope="module")
def context(
    sites: FixtureSites, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[BrowserContext]:
    with sync_playwright() as playwright:
        browser = launch(playwright, tmp_path_factory.mktemp("profile"), sites.browser_args())
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def options(context: BrowserContext, companion: DemoCompanion) -> Options:
    page = Options(context, extension_id(context))
    page.pair(companion.port, companion.pairing_code())
    return page


@pytest.fixture
def tab(context: BrowserContext, options: Options) -> Iterator[Page]:
    options.set_test_policy(None)
    page = context.new_page()
    yield page
    page.close()
