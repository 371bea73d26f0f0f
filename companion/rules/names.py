"""Roster names in a post: pupils, their families, colleagues (policy_data/rules.toml).

All three rules read one shared search of the post (``roster_names``), graded by the index:
a full name, a title or an initial with a surname, a first name near a school-context cue, or a
first name alone.
"""

from __future__ import annotations

from collections.abc import Iterator

from companion.matching import NameMention
from companion.roster.model import Role
from companion.rules.base import CheckContext, GradedRule, Hit

_FORM_NOTES = {
    "nickname": "written as a nickname",
    "typo": "with a spelling slip",
    "hashtag": "inside a hashtag",
    "handle": "inside an @handle",
    "link": "inside a web address",
    "disguised": "with look-alike or spaced-out letters",
    "apart": "written across a line break or with emoji between, as two names in a list may be",
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
    if mention.kind == "initial":
        note = "an initial and a surname: anyone who knows them can tell who it is"
    if not mention.sure and mention.form != "apart":
        note = "written without a name's capitals, and its words are ordinary words too"
    message = f"{spec.message[:-1]} ({note})." if note else spec.message
    return f"{message} {spec.advice}".strip()


class _RosterNameRule(GradedRule):
    """A roster name graded full / first_in_context / first, with severities from rules.toml."""

    def concerns(self, mention: NameMention) -> bool:
        raise NotImplementedError

    def hits(self, ctx: CheckContext) -> Iterator[Hit]:
        for mention in roster_names(ctx):
            if self.concerns(mention):
                grade = self.grade(mention)
                yield Hit(mention.start, mention.end, grade, _message(ctx, self.id, mention))

    def grade(self, mention: NameMention) -> str | None:
        return mention.grade


class PupilName(_RosterNameRule):
    id = "pupil-name"

    def concerns(self, mention: NameMention) -> bool:
        return Role.PUPIL in mention.roles


class FamilyName(_RosterNameRule):
    """A family member's full name; their first name alone is no finding."""

    id = "family-name"

    def concerns(self, mention: NameMention) -> bool:
        return Role.CONTACT in mention.roles and Role.PUPIL not in mention.roles


class StaffName(_RosterNameRule):
    """A colleague's full name, title and surname ("Mrs Cartwright") or initial and surname
    ("H. Cartwright"; a first name alone is everyday talk); one severity, ungraded."""

    id = "staff-name"

    def concerns(self, mention: NameMention) -> bool:
        return mention.kind in ("full", "title", "initial") and mention.roles == {Role.STAFF}

    def grade(self, mention: NameMention) -> str | None:
        return None
