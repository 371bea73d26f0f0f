"""The policy book: every rule's quoted clause, message, advice and severities."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

from companion.checks import ACCOUNTS, Finding, Severity


def policy_resource(name: str) -> Traversable:
    """A file inside the installed ``policy_data`` package."""
    return resources.files("policy_data").joinpath(name)


def policy_lines(name: str) -> tuple[str, ...]:
    """The entries of a policy_data text file: one a line, lower-cased, ``#`` starts a comment.

    The one reader of the policy's word lists (lexicons, names, cues).
    """
    text = policy_resource(name).read_text("utf-8")
    lines = (line.split("#", 1)[0].strip().lower() for line in text.splitlines())
    return tuple(dict.fromkeys(line for line in lines if line))


@dataclass(frozen=True, slots=True)
class RuleSpec:
    id: str
    title: str
    clause: str
    message: str
    advice: str
    severity: dict[str, Any]
    extra: dict[str, Any] = field(default_factory=dict)

    def severity_for(self, account: str, grade: str | None = None) -> str | None:
        """The severity for an account type (and grade, for graded rules); None when off."""
        value = self.severity.get(account, self.severity.get("personal"))
        if isinstance(value, dict):
            value = value.get(grade or "", None)
        elif grade is not None and grade in self.severity:
            value = self.severity[grade]
        return None if value in (None, "off") else str(value)

    def applies_to(self, account: str) -> bool:
        """Whether any grade of the rule is on for an account type: the engine does not run a
        rule the policy turns off for the post's account."""
        value = self.severity.get(account, self.severity.get("personal"))
        if isinstance(value, dict):
            grades = list(value.values())
        else:  # one severity, and any grades beside the accounts (friend-*: partial_surname)
            grades = [value, *(v for k, v in self.severity.items() if k not in ACCOUNTS)]
        return any(grade not in (None, "off") for grade in grades)

    def text(self, advice: bool = True) -> str:
        return f"{self.message} {self.advice}".strip() if advice else self.message

    def variant(self, key: str) -> str | None:
        """Another of the rule's messages (``message_dob``…) with the advice; None when the
        policy data has none, so the finding keeps the rule's own message."""
        message = self.extra.get(key)
        return f"{message} {self.advice}".strip() if message else None

    def notice(
        self,
        account: str,
        default: Severity,
        message: str | None = None,
        source: str | None = None,
    ) -> Finding:
        """A finding about the whole text rather than words in it (no span): the roster's state,
        a cap, a check that could not run. Severity from policy data, ``default`` when off."""
        severity = self.severity_for(account) or default
        text = self.text() if message is None else message
        return Finding(self.id, severity, 0, 0, "", text, self.clause, source)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class PolicyBook:
    rules: dict[str, RuleSpec]
    meta: dict[str, Any]

    def rule(self, rule_id: str) -> RuleSpec:
        return self.rules[rule_id]

    @property
    def legal_leaving_age(self) -> int:
        return int(self.meta.get("legal_leaving_age", 18))


def parse_policy(data: dict[str, Any]) -> PolicyBook:
    rules: dict[str, RuleSpec] = {}
    for rule_id, entry in data.get("rules", {}).items():
        known = {"title", "clause", "message", "advice", "severity"}
        rules[rule_id] = RuleSpec(
            id=rule_id,
            title=entry.get("title", rule_id),
            clause=entry["clause"],
            message=entry.get("message", ""),
            advice=entry.get("advice", ""),
            severity=entry.get("severity", {}),
            extra={k: v for k, v in entry.items() if k not in known},
        )
    return PolicyBook(rules=rules, meta=data.get("meta", {}))


@cache
def load_policy() -> PolicyBook:
    with policy_resource("rules.toml").open("rb") as fh:
        return parse_policy(tomllib.load(fh))
