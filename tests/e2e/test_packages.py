"""IT's packages: the Chrome/Edge zip pins the extension ID, the Firefox xpi carries its gecko id,
and the packaged Chrome extension loads in real Chromium under exactly the ID the script printed."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from tests.e2e.browser import CHROMIUM, extension_id

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.browser


def build(tmp_path: Path) -> tuple[str, Path, Path]:
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "package_extension.py"),
            "--new-key",
            str(tmp_path / "chrome-key.pem"),
            "--out",
            str(tmp_path / "dist"),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    ident = re.search(r"extension ID: ([a-p]{32})", done.stdout)
    assert ident, done.stdout
    chrome = next((tmp_path / "dist").glob("*-chrome.zip"))
    firefox = next((tmp_path / "dist").glob("*-firefox.xpi"))
    return ident.group(1), chrome, firefox


def test_packages_ship_no_tests_and_pin_their_ids(tmp_path: Path) -> None:
    ident, chrome, firefox = build(tmp_path)
    for package in (chrome, firefox):
        names = zipfile.ZipFile(package).namelist()
        assert "manifest.json" in names and "background/main.js" in names
        assert not [n for n in names if n.startswith("test/")]
    assert "key" in json.loads(zipfile.ZipFile(chrome).read("manifest.json"))
    ff = json.loads(zipfile.ZipFile(firefox).read("manifest.json"))
    assert "key" not in ff and ff["browser_specific_settings"]["gecko"]["id"]
    again, chrome2, _ = build(tmp_path)  # same key, same tree: same ID, same bytes
    assert again == ident and chrome2.read_bytes() == chrome.read_bytes()


def test_packaged_extension_loads_under_the_printed_id(tmp_path: Path) -> None:
    ident, chrome, _ = build(tmp_path)
    unpacked = tmp_path / "unpacked"
    zipfile.ZipFile(chrome).extractall(unpacked)
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "profile"),
            executable_path=CHROMIUM,
            headless=True,
            args=[
                f"--disable-extensions-except={unpacked}",
                f"--load-extension={unpacked}",
                "--no-first-run",
                "--disable-gpu",
            ],
        )
        try:
            assert extension_id(context) == ident
        finally:
            context.close()
