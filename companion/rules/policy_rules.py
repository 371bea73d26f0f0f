"""The rules of the policy beyond names (SPEC §5), composed with what they share."""

from __future__ import annotations

from pathlib import Path

from companion.rules.base import CheckContext, PostRule
from companion.rules.confidential import ConfidentialData
from companion.rules.derogatory import PEOPLE as SCHOOL_PEOPLE
from companion.rules.derogatory import TERMS as DEROGATORY_TERMS
from companion.rules.derogatory import Derogatory
from companion.rules.given_names import GivenNames
from companion.rules.grievance import LEXICONS as GRIEVANCE_LEXICONS
from companion.rules.grievance import Grievance
from companion.rules.lexicon import LexiconIndex, read_lexicon
from companion.rules.offensive import LEXICON as OFFENSIVE
from companion.rules.offensive import Offensive, profanity_words
from companion.rules.photo import Faces, Photo
from companion.rules.school_account import Mentions, NoNames, NoReplies, TargetedContent
from companion.rules.school_event import SchoolEvent
from companion.rules.school_reference import SchoolReference, school_places
from companion.rules.workplace import WorkplaceReference
from companion.school import SchoolSource


def policy_rules(home: Path | None = None) -> list[PostRule]:
    """One instance of each rule; the school profile comes from ``home`` (the data directory,
    passed down from create_app or the CLI; None for the shipped profile alone)."""
    school = SchoolSource(home)
    files = (
        "workplace",
        "school_events",
        "sensitive_terms",
        "praise_terms",
        DEROGATORY_TERMS,
        SCHOOL_PEOPLE,
        *GRIEVANCE_LEXICONS,
    )
    lexicons = LexiconIndex(
        {**{name: read_lexicon(name) for name in files}, OFFENSIVE: profanity_words()}
    )
    workplace = WorkplaceReference(lexicons)
    given = GivenNames()

    def points_at_school(ctx: CheckContext) -> bool:
        return bool(school_places(ctx, school) or workplace.spans(ctx))

    def school_spans(ctx: CheckContext) -> list[tuple[int, int]]:
        """Where the post names the school or the workplace ("my class"), in the original text."""
        places = [(start, end) for start, end, _ in school_places(ctx, school) if end > start]
        return places + workplace.spans(ctx)

    return [
        SchoolReference(school),
        workplace,
        Grievance(lexicons),
        Offensive(lexicons, points_at_school),
        Derogatory(lexicons, school_spans),
        ConfidentialData(lexicons),
        Photo(),
        SchoolEvent(lexicons),
        NoNames(given),
        TargetedContent(given, lexicons),
        NoReplies(),
        Mentions(school),
        Faces(),
    ]
