"""school-reference: the school's names, short forms, hashtags, handles, website, the trust."""

from __future__ import annotations

from collections.abc import Iterator

from companion.rules.base import CheckContext, GradedRule, Hit
from companion.rules.kit.support import memo, original_span
from companion.school import SchoolSource

# (start, end, source): code points of the original text; source None for the plain text
Place = tuple[int, int, str | None]


def school_places(ctx: CheckContext, school: SchoolSource) -> list[Place]:
    """Everywhere the post points at the school: its text, and its images' alt text and names."""
    return memo(ctx, "rules.school_places", lambda: _find(ctx, school))


def _find(ctx: CheckContext, school: SchoolSource) -> list[Place]:
    matcher = school.matcher()
    places: list[Place] = [
        (*original_span(ctx, m.start, m.end), None) for m in matcher.find(ctx.normalised.text)
    ]
    places += [
        (0, 0, "attachment")
        for attachment in ctx.request.attachments
        if matcher.find(f"{attachment.alt} {attachment.name}")
    ]
    return places


class SchoolReference(GradedRule):
    id = "school-reference"

    def __init__(self, school: SchoolSource) -> None:
        self.school = school

    def hits(self, ctx: CheckContext) -> Iterator[Hit]:
        for start, end, source in school_places(ctx, self.school):
            yield Hit(start, end, source=source)
