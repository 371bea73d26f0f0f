"""Friend requests and follows (policy_data/rules.toml: friend-*): pupils, families, ex-pupils.

The message says what kind of person and what kind of match ("full name", "nickname",
"close spelling"...), never which pupil. Colleagues and strangers are allowed.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from companion.checks import SEVERITY_RANK, Finding
from companion.matching import ContactMatch
from companion.matching.contact import PARTIAL
from companion.roster.model import Role
from companion.rules.base import ContactContext


class BefriendingRule:
    id = "friend"

    def __init__(self, today: date | None = None) -> None:
        self._today = today  # fixed only by tests; None means the real date of each check

    def check(self, ctx: ContactContext) -> Iterator[Finding]:
        matches = ctx.snapshot.names.contact_matches(ctx.request.name, ctx.request.handle)
        by_role: dict[Role, list[ContactMatch]] = {}
        for match in matches:
            by_role.setdefault(match.person.role, []).append(match)
        # The most severe of what the name could be; on a tie, pupil before family before
        # ex-pupil. Half of a double-barrelled surname ("Mandy Vaughan-Jones" for a pupil Mandy
        # Jones) is a warning, so a full match to someone else must still be able to block.
        found: list[Finding | None] = []
        if Role.PUPIL in by_role:
            found.append(self._graded(ctx, "friend-pupil", by_role[Role.PUPIL]))
        if Role.CONTACT in by_role:
            found.append(self._graded(ctx, "friend-family", by_role[Role.CONTACT]))
        if Role.EX_PUPIL in by_role:
            found.extend(self._ex_pupil(ctx, by_role[Role.EX_PUPIL]))
        weighed = [f for f in found if f is not None]  # None: the policy turns that rule off
        if weighed:
            yield max(weighed, key=lambda f: SEVERITY_RANK[f.severity])  # max keeps the first

    def _graded(
        self, ctx: ContactContext, rule_id: str, matches: list[ContactMatch]
    ) -> Finding | None:
        matches = _strongest(matches)
        return self._finding(ctx, rule_id, _partial_grade(matches), matches)

    def _ex_pupil(
        self, ctx: ContactContext, matches: list[ContactMatch]
    ) -> Iterator[Finding | None]:
        today = self._today or date.today()
        spec = ctx.policy.rule("friend-ex-pupil")
        matches = _strongest(matches)
        # Half of a double-barrelled surname weighs less, before the legal leaving date.
        before = _partial_grade(matches) or "before"
        # No date of birth: the age is unknown, so the child is treated as a child (block).
        unknown_age = [m for m in matches if m.person.legal_leaving_date is None]
        still_a_child = [
            m
            for m in matches
            if m.person.legal_leaving_date is not None and m.person.legal_leaving_date > today
        ]
        if still_a_child:
            yield self._finding(ctx, "friend-ex-pupil", before, still_a_child)
        elif unknown_age:
            message = spec.extra.get("message_unknown_age", spec.message)
            yield self._finding(ctx, "friend-ex-pupil", before, unknown_age, message)
        else:
            message = spec.extra.get("message_after", spec.message)
            advice = spec.extra.get("advice_after", "")
            yield self._finding(ctx, "friend-ex-pupil", "after", matches, message, advice)

    @staticmethod
    def _finding(
        ctx: ContactContext,
        rule_id: str,
        grade: str | None,
        matches: list[ContactMatch],
        message: str | None = None,
        advice: str | None = None,
    ) -> Finding | None:
        """The finding, weighed by rules.toml for ``grade``; None when the policy turns it off."""
        spec = ctx.policy.rule(rule_id)
        hows = sorted({m.how for m in matches})
        text = f"{(message or spec.message).rstrip('.')} (matched on {' and '.join(hows)})."
        advice = spec.advice if advice is None else advice
        return ctx.finding(rule_id, grade, f"{text} {advice}".strip())


def _partial_grade(matches: list[ContactMatch]) -> str | None:
    """``partial_surname`` when every match holds only half of a double-barrelled surname."""
    return "partial_surname" if all(m.how == PARTIAL for m in matches) else None


def _strongest(matches: list[ContactMatch]) -> list[ContactMatch]:
    """The whole-name matches when there are any: one person matched on their whole surname
    is not made a warning by another matched only on half of it."""
    whole = [m for m in matches if m.how != PARTIAL]
    return whole or matches
