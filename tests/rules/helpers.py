"""Reading verdicts in tests."""

from __future__ import annotations

from companion.checks import Verdict


def rules_of(verdict: Verdict) -> set[str]:
    return {f.rule for f in verdict.findings}


def found(verdict: Verdict, rule: str) -> list[tuple[str, str]]:
    """(severity, highlighted text) of one rule's findings, in order."""
    return [(f.severity, f.text) for f in verdict.findings if f.rule == rule]
