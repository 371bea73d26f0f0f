"""The check engine: one entry point shared by the HTTP API and the CLI.

``Engine`` is imported on first use: an import of the roster's snapshot modules (what
``postguard roster import`` needs) must not load the rules, the photo detectors and the word
frequencies it never uses.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from companion.checks import (
    ACCOUNTS,
    CONTACT_ACTIONS,
    CONTEXTS,
    SEVERITY_RANK,
    SITES,
    ContactRequest,
    Finding,
    PostRequest,
    Verdict,
)

if TYPE_CHECKING:
    from companion.engine.engine import Engine

__all__ = [
    "ACCOUNTS",
    "CONTACT_ACTIONS",
    "CONTEXTS",
    "SEVERITY_RANK",
    "SITES",
    "ContactRequest",
    "Engine",
    "Finding",
    "PostRequest",
    "Verdict",
]


def __getattr__(name: str) -> Any:
    if name == "Engine":
        from companion.engine.engine import Engine

        return Engine
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
