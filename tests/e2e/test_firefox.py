"""The same extension tree in Debian's firefox-esr (driven by puppeteer-core from Node)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.e2e.browser import EXTENSION
from tests.e2e.companion_proc import DemoCompanion
from tests.e2e.sites import FixtureSites

pytestmark = pytest.mark.browser

FIREFOX = "/usr/bin/firefox-esr"
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(not Path(FIREFOX).exists(), reason="firefox-esr is not installed")
@pytest.mark.skipif(
    not (ROOT / "node_modules" / "puppeteer-core").is_dir() or not shutil.which("node"),
    reason="run 'npm ci' first (puppeteer-core)",
)
def test_firefox_blocks_a_named_pupil(sites: FixtureSites, companion: DemoCompanion) -> None:
    run = subprocess.run(
        ["node", str(Path(__file__).parent / "firefox_check.mjs")],
        env={
            **os.environ,
            "FIXTURE_PORT": str(sites.port),
            "COMPANION_PORT": str(companion.port),
            "PAIR_CODE": companion.pairing_code(),
            "EXTENSION_DIR": str(EXTENSION),  # the dialog is read, so its root must be open
        },
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "blocked the named pupil" in run.stdout
    # The companion recorded the Firefox pairing, with Firefox's own extension origin.
    assert any("Firefox" in p["label"] for p in companion.pairs())
