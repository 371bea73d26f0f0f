"""The check engine: one entry point shared by the HTTP API and the CLI."""

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
