"""Friend requests and follows (SPEC §5, contacts): pupils, families, ex-pupils."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from companion.engine.types import Finding
from companion.roster.model import Role
from companion.rules.base import ContactContext


class BefriendingRule:
    id = "friend"

    def check(self, ctx: ContactContext) -> Iterator[Finding]:
        people = ctx.snapshot.names.match_contact(ctx.request.name, ctx.request.handle)
        roles = {p.role for p in people}
        if Role.PUPIL in roles:
            yield ctx.finding("friend-pupil", "block")
        elif Role.CONTACT in roles:
            yield ctx.finding("friend-family", "block")
        elif Role.EX_PUPIL in roles:
            today = date.today()
            spec = ctx.policy.rule("friend-ex-pupil")
            before = [p for p in people if p.leaving_date is None or p.leaving_date > today]
            if before:
                yield ctx.finding("friend-ex-pupil", spec.severity["before"])
            else:
                yield ctx.finding(
                    "friend-ex-pupil", spec.severity["after"], spec.extra.get("message_after")
                )
