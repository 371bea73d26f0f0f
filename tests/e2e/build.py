"""The extension as the end-to-end tests load it: the shipped tree with its dialog inspectable.

What ships renders the verdict dialog in a *closed* shadow root, so that page scripts cannot read
or press it; Playwright's locators cannot pierce a closed root either. Most browser tests read
the dialog as a person would (its text, its buttons by role), so they load this copy, identical
but for that one word. The hostile-page tests load the shipped tree itself (``SHIPPED``).
"""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "extension"
BUILD = ROOT / "tests" / "e2e" / ".build" / "extension"
CLOSED = 'attachShadow({ mode: "closed" })'
OPEN = 'attachShadow({ mode: "open" })'


def inspectable_build() -> Path:
    """Copy the shipped tree and open the dialog's shadow root; fails if the line moved."""
    if BUILD.exists():
        shutil.rmtree(BUILD)
    shutil.copytree(SHIPPED, BUILD, ignore=shutil.ignore_patterns("test"))
    dialog = BUILD / "ui" / "dialog.js"
    source = dialog.read_text("utf-8")
    assert source.count(CLOSED) == 1, "ui/dialog.js no longer has exactly one closed shadow root"
    dialog.write_text(source.replace(CLOSED, OPEN), "utf-8")
    return BUILD
