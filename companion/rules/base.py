"""The shape every rule shares (after Presidio's recognisers): data in, findings out."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from companion.checks import ContactRequest, Finding, PostRequest, Severity
from companion.matching.normalise import NormalisedText, normalise
from companion.policy import PolicyBook, RuleSpec
from companion.textspan import utf16_len, utf16_offsets

if TYPE_CHECKING:
    from companion.engine.snapshot import Snapshot


@dataclass(slots=True)
class CheckContext:
    """Everything a post rule may look at. Built once per request, shared by all rules."""

    request: PostRequest
    policy: PolicyBook
    snapshot: Snapshot
    scratch: dict[str, Any] = field(default_factory=dict)  # per-request memo shared by rules
    _u16: list[int] | None = None
    _normalised: NormalisedText | None = None

    @property
    def text(self) -> str:
        return self.request.text

    @property
    def normalised(self) -> NormalisedText:
        """The folded text every rule matches against, computed once per request."""
        if self._normalised is None:
            self._normalised = normalise(self.text)
        return self._normalised

    @property
    def account(self) -> str:
        return self.request.account

    def finding(
        self,
        rule_id: str,
        start: int,
        end: int,
        severity: str,
        message: str | None = None,
        source: str | None = None,
    ) -> Finding:
        """A finding over code points ``[start, end)`` of the original text, in UTF-16 units."""
        if self._u16 is None:
            self._u16 = utf16_offsets(self.text)
        spec = self.policy.rule(rule_id)
        return Finding(
            rule=rule_id,
            severity=_severity(severity),
            start=self._u16[start],
            end=self._u16[end],
            text=self.text[start:end],
            message=message or spec.text(),
            policy=spec.clause,
            source=source,
        )


@dataclass(slots=True)
class ContactContext:
    request: ContactRequest
    policy: PolicyBook
    snapshot: Snapshot

    def finding(self, rule_id: str, severity: str, message: str | None = None) -> Finding:
        spec: RuleSpec = self.policy.rule(rule_id)
        name = self.request.name
        return Finding(
            rule=rule_id,
            severity=_severity(severity),
            start=0,
            end=utf16_len(name),
            text=name,
            message=message or spec.text(),
            policy=spec.clause,
        )


def _severity(value: str) -> Severity:
    if value not in ("info", "warn", "block"):
        raise ValueError(f"unknown severity {value!r}")
    return value  # type: ignore[return-value]


class PostRule(Protocol):
    id: str

    def check(self, ctx: CheckContext) -> Iterable[Finding]: ...


class ContactRule(Protocol):
    id: str

    def check(self, ctx: ContactContext) -> Iterable[Finding]: ...
