"""Roster names in a post: pupils, their families, colleagues (SPEC §5).

Placeholder grading until the matching engine lands: a full name is "full", a forename alone
is "first". School-context cues that raise a first name to "first_in_context" arrive with the
matching issue.
"""

from __future__ import annotations

from collections.abc import Iterator

from companion.engine.types import Finding
from companion.roster.model import Role
from companion.rules.base import CheckContext


class PupilName:
    id = "pupil-name"

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        spec = ctx.policy.rule(self.id)
        for mention in ctx.snapshot.names.find(ctx.text):
            if not mention.roles & {Role.PUPIL}:
                continue
            severity = spec.severity_for(ctx.account, mention.kind)
            if severity:
                yield ctx.finding(self.id, mention.start, mention.end, severity)


class FamilyName:
    id = "family-name"

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        spec = ctx.policy.rule(self.id)
        for mention in ctx.snapshot.names.find(ctx.text):
            if Role.CONTACT not in mention.roles or Role.PUPIL in mention.roles:
                continue
            severity = spec.severity_for(ctx.account, mention.kind)
            if severity:
                yield ctx.finding(self.id, mention.start, mention.end, severity)


class StaffName:
    id = "staff-name"

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        spec = ctx.policy.rule(self.id)
        severity = spec.severity_for(ctx.account)
        if not severity:
            return
        for mention in ctx.snapshot.names.find(ctx.text):
            if mention.kind == "full" and mention.roles == {Role.STAFF}:
                yield ctx.finding(self.id, mention.start, mention.end, severity)
