"""The shape every rule shares (after Presidio's recognisers): data in, findings out."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
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

    def severity(self, rule_id: str, grade: str | None = None) -> Severity | None:
        """What rules.toml says a rule's finding (of ``grade``) weighs for this post's account;
        None when the policy turns it off. The one place a post rule's severity is read."""
        return _severity(self.policy.rule(rule_id).severity_for(self.account, grade))

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
            severity=_checked(severity),
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

    # A friend request or follow is made from the member of staff's own profile.
    account = "personal"

    def finding(
        self, rule_id: str, grade: str | None = None, message: str | None = None
    ) -> Finding | None:
        """A finding over the whole name, weighed by rules.toml (for ``grade``); None when off."""
        spec: RuleSpec = self.policy.rule(rule_id)
        severity = _severity(spec.severity_for(self.account, grade))
        if severity is None:
            return None
        name = self.request.name
        return Finding(
            rule=rule_id,
            severity=severity,
            start=0,
            end=utf16_len(name),
            text=name,
            message=message or spec.text(),
            policy=spec.clause,
        )


def _checked(value: str) -> Severity:
    if value not in ("info", "warn", "block"):
        raise ValueError(f"unknown severity {value!r}")
    return value  # type: ignore[return-value]


def _severity(value: str | None) -> Severity | None:
    return None if value is None else _checked(value)


class PostRule(Protocol):
    id: str

    def check(self, ctx: CheckContext) -> Iterable[Finding]: ...

    def message_beside(self, spec: RuleSpec, request: PostRequest) -> str: ...


@dataclass(frozen=True, slots=True)
class Hit:
    """Where a rule found something (code points of the original text), before the policy says
    how much it weighs: ``grade`` picks the severity among the rule's grades in rules.toml."""

    start: int
    end: int
    grade: str | None = None
    message: str | None = None  # None: the rule's own message and advice
    source: str | None = None  # "attachment": about an image rather than the text


class GradedRule:
    """A post rule that says where (``hits``); ``check`` weighs each hit by rules.toml for the
    post's account and drops those the policy turns off, so no rule reads its own severity.

    The engine does not run a rule at all for an account whose grades are all off.
    """

    id: str

    def hits(self, ctx: CheckContext) -> Iterable[Hit]:
        raise NotImplementedError

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for hit in self.hits(ctx):
            severity = ctx.severity(self.id, hit.grade)
            if severity:
                yield ctx.finding(self.id, hit.start, hit.end, severity, hit.message, hit.source)

    def message_beside(self, spec: RuleSpec, request: PostRequest) -> str:
        """What this rule's finding says once the findings its policy data names in
        ``block_with`` stand beside it in the post (the engine makes it a block): rules.toml's
        ``message_with_school``, else its own message."""
        return str(spec.extra.get("message_with_school", spec.message))


class ContactRule(Protocol):
    id: str

    def check(self, ctx: ContactContext) -> Iterable[Finding]: ...
