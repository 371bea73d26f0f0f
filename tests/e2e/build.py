"""The extension as the end-to-end tests load it: the shipped tree with its dialog inspectable
and a stand-in for IT's managed policy.

What ships renders the verdict dialog in a *closed* shadow root, so that page scripts cannot read
or press it; Playwright's locators cannot pierce a closed root either. Most browser tests read
the dialog as a person would (its text, its buttons by role), so they load this copy, identical
but for that one word. The hostile-page tests load the shipped tree itself (``SHIPPED``).
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "extension"
CLOSED = 'attachShadow({ mode: "closed" })'
OPEN = 'attachShadow({ mode: "open" })'
# Headless Chromium cannot be given a managed policy without writing to /etc for every browser
# on the machine, so the test build reads a stand-in from storage.local while IT has set nothing.
# What ships has no such hook (extension/test/background.test.js checks it).
MANAGED = "return (await api.storage.managed.get(null)) || {};"
MANAGED_OR_TEST = (
    "const it = (await api.storage.managed.get(null)) || {};"
    " if (Object.keys(it).length) return it;"
    ' return (await api.storage.local.get("testPolicy")).testPolicy || {};'
)


def inspectable_build() -> Path:
    """Copy the shipped tree and open the dialog's shadow root; fails if the line moved.

    Each test process gets its own copy (two suites running at once must not share one), removed
    when the process ends.
    """
    folder = Path(tempfile.mkdtemp(prefix="postguard-e2e-"))
    atexit.register(shutil.rmtree, folder, True)
    build = folder / "extension"
    shutil.copytree(SHIPPED, build, ignore=shutil.ignore_patterns("test"))
    dialog = build / "ui" / "dialog.js"
    source = dialog.read_text("utf-8")
    assert source.count(CLOSED) == 1, "ui/dialog.js no longer has exactly one closed shadow root"
    dialog.write_text(source.replace(CLOSED, OPEN), "utf-8")
    state = build / "background" / "state.js"
    source = state.read_text("utf-8")
    assert source.count(MANAGED) == 1, "background/state.js no longer reads managed storage so"
    state.write_text(source.replace(MANAGED, MANAGED_OR_TEST), "utf-8")
    return build
