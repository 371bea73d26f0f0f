"""Which rules run, in order: the name rules, then the rules of the policy beyond names
(policy_data/rules.toml) composed with what they share. Adding a rule is one line here plus its
entry in policy_data; a rule that is only a word list is data alone (a ``match`` table)."""

from __future__ import annotations

from companion.matching.given_names import GivenNames
from companion.policy import PolicyBook
from companion.rules.base import CheckContext, ContactRule, PostRule
from companion.rules.confidential import ConfidentialData
from companion.rules.contacts import BefriendingRule
from companion.rules.derogatory import LEXICONS as DEROGATORY_LEXICONS
from companion.rules.derogatory import Derogatory
from companion.rules.kit.lexicon import LexiconIndex, read_lexicon
from companion.rules.lexicon_rule import LexiconRule, Match
from companion.rules.names import FamilyName, PupilName, StaffName
from companion.rules.offensive import LEXICON as OFFENSIVE
from companion.rules.offensive import Offensive, profanity_words
from companion.rules.photo import Faces, Photo, PhotoLogo, PhotoTextUnchecked, PhotoUnchecked
from companion.rules.school_account import Mentions, NoNames, NoReplies, TargetedContent
from companion.rules.school_reference import SchoolReference, school_places
from companion.school import SchoolSource


def post_rules(policy: PolicyBook, school: SchoolSource) -> list[PostRule]:
    """``school``: the data directory's school profile, as the engine reads it;
    ``policy``: the policy data, whose ``match`` tables declare the word-list rules."""
    return [PupilName(), FamilyName(), StaffName(), *policy_rules(policy, school)]


def contact_rules() -> list[ContactRule]:
    return [BefriendingRule()]


def policy_rules(policy: PolicyBook, school: SchoolSource) -> list[PostRule]:
    """One instance of each rule; ``school`` is the engine's reading of the data directory's
    school profile (create_app and the CLI pass the directory down). Rules that are only word
    lists come from ``policy``'s ``match`` tables (rules/lexicon_rule.py)."""
    matches = {
        rule_id: Match.from_data(rule_id, spec.extra["match"])
        for rule_id, spec in policy.rules.items()
        if "match" in spec.extra
    }
    files = {
        "sensitive_terms",
        "praise_terms",
        *DEROGATORY_LEXICONS,
        *(name for match in matches.values() for name in match.lexicons),
    }
    lexicons = LexiconIndex(
        {**{name: read_lexicon(name) for name in sorted(files)}, OFFENSIVE: profanity_words()}
    )
    listed = {rule_id: LexiconRule(rule_id, match, lexicons) for rule_id, match in matches.items()}
    workplace = listed["workplace-reference"]
    given = GivenNames()

    def points_at_school(ctx: CheckContext) -> bool:
        return bool(school_places(ctx, school) or workplace.spans(ctx))

    def school_names(ctx: CheckContext) -> list[tuple[int, int]]:
        """Where the post names the school itself (its names, handles, website)."""
        return [(start, end) for start, end, _ in school_places(ctx, school) if end > start]

    return [
        SchoolReference(school),
        *listed.values(),
        Offensive(lexicons, points_at_school),
        Derogatory(lexicons, school_names),
        ConfidentialData(lexicons),
        PhotoUnchecked(),
        PhotoTextUnchecked(),
        Photo(),
        PhotoLogo(),
        NoNames(given),
        TargetedContent(given, lexicons),
        NoReplies(),
        Mentions(school),
        Faces(),
    ]
