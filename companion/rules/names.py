"""Roster names in a post: pupils, their families, colleagues (policy_data/rules.toml).

All three rules read one shared search of the post (``roster_names``), graded by the index:
a full name, a first name near a school-context cue, or a first name alone.
"""

from __future__ import annotations

from collections.abc import Iterator

from companion.checks import Finding
from companion.matching import NameMention
from companion.roster.model import Role
from companion.rules.base import CheckContext

_FORM_NOTES = {
    "nickname": "written as a nickname",
    "typo": "with a spelling slip",
    "hashtag": "inside a hashtag",
    "handle": "inside an @handle",
    "disguised": "with look-alike or spaced-out letters",
}


def roster_names(ctx: CheckContext) -> list[NameMention]:
    """Every roster name in the post, searched once per request and shared by the rules."""
    found = ctx.scratch.get("roster_names")
    if found is None:
        found = ctx.snapshot.names.find(ctx.text, ctx.normalised)
        ctx.scratch["roster_names"] = found
    return found


def _message(ctx: CheckContext, rule_id: str, mention: NameMention) -> str:
    spec = ctx.policy.rule(rule_id)
    note = _FORM_NOTES.get(mention.form)
    if not mention.sure:
        note = "written without a name's capitals, and its words are ordinary words too"
    message = f"{spec.message[:-1]} ({note})." if note else spec.message
    return f"{message} {spec.advice}".strip()


class _RosterNameRule:
    """A roster name graded full / first_in_context / first, with severities from rules.toml."""

    id: str

    def concerns(self, mention: NameMention) -> bool:
        raise NotImplementedError

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        spec = ctx.policy.rule(self.id)
        for mention in roster_names(ctx):
            if not self.concerns(mention):
                continue
            severity = spec.severity_for(ctx.account, mention.grade)
            if severity:
                message = _message(ctx, self.id, mention)
                yield ctx.finding(self.id, mention.start, mention.end, severity, message)


class PupilName(_RosterNameRule):
    id = "pupil-name"

    def concerns(self, mention: NameMention) -> bool:
        return Role.PUPIL in mention.roles


class FamilyName(_RosterNameRule):
    """A family member's full name; their first name alone is no finding."""

    id = "family-name"

    def concerns(self, mention: NameMention) -> bool:
        return Role.CONTACT in mention.roles and Role.PUPIL not in mention.roles


class StaffName:
    """A colleague's full name (a first name alone is everyday talk)."""

    id = "staff-name"

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        spec = ctx.policy.rule(self.id)
        severity = spec.severity_for(ctx.account)
        if not severity:
            return
        for mention in roster_names(ctx):
            if mention.kind == "full" and mention.roles == {Role.STAFF}:
                message = _message(ctx, self.id, mention)
                yield ctx.finding(self.id, mention.start, mention.end, severity, message)
