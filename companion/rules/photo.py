"""photo (faces, personal accounts), photo-logo (the school's crest), faces (school accounts),
photo-unchecked and photo-text-unchecked: what the extension saw in images, or that it could not
look.

The pixels were checked when the image was attached (POST /v1/check/image, which counts faces
and never identifies anyone); at submit the extension sends what that check found, and which of
its parts could not be done (no face detector on this computer, a detector that failed, words
not read in time), so a photo is never passed at submit as if it had been looked at.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from companion.checks import SEVERITY_RANK, Attachment, PostRequest
from companion.policy import RuleSpec
from companion.rules.base import CheckContext, GradedRule, Hit

# Why, for each part of an image's check, as the finding says it at submit.
_NOT_LOOKED_AT = {
    "faces": "its faces could not be looked for on this computer",
    "crest": "the school's crest could not be looked for in it",
}


class PhotoUnchecked(GradedRule):
    """An attachment the extension could not have checked before posting, or whose faces or
    crest its check could not look for."""

    id = "photo-unchecked"

    def hits(self, ctx: CheckContext) -> Iterator[Hit]:
        attachments = ctx.request.attachments
        reasons = (
            ["it could not be checked before posting"]
            if any(a.unchecked for a in attachments)
            else []
        )
        for part, reason in _NOT_LOOKED_AT.items():
            if any(part in a.not_checked for a in attachments):
                reasons.append(reason)
        if reasons:
            text = ctx.policy.rule(self.id).text().format(reason="; ".join(reasons))
            yield Hit(0, 0, message=text, source="attachment")


class PhotoTextUnchecked(GradedRule):
    """An attachment whose words its check could not read (a warning: a certificate naming a
    pupil has no face to warn about)."""

    id = "photo-text-unchecked"

    def hits(self, ctx: CheckContext) -> Iterator[Hit]:
        if any("words" in a.not_checked for a in ctx.request.attachments):
            reason = "they were not read before posting"
            text = ctx.policy.rule(self.id).text().format(reason=reason)
            yield Hit(0, 0, message=text, source="attachment")


class Photo(GradedRule):
    id = "photo"

    def hits(self, ctx: CheckContext) -> Iterator[Hit]:
        spec = ctx.policy.rule(self.id)
        attachments = ctx.request.attachments
        seen = {
            "faces": any(a.faces for a in attachments),
            "faces_with_logo": any(a.faces and a.logo for a in attachments),
        }
        # What the policy weighs each thing seen at; the grades it turns off say nothing.
        weighed = {grade: ctx.severity(self.id, grade) for grade, there in seen.items() if there}
        on = {grade: severity for grade, severity in weighed.items() if severity}
        if not on:
            return
        # one finding (findings are unique per rule and span, and images have no span)
        key = "message_with_logo" if "faces_with_logo" in on else "message"
        worst = max(on, key=lambda grade: SEVERITY_RANK[on[grade]])
        text = f"{worded_for_children(spec, key, attachments)} {spec.advice}"
        yield Hit(0, 0, worst, text, source="attachment")

    def message_beside(self, spec: RuleSpec, request: PostRequest) -> str:
        """Faces beside a pupil's name or the school: a child's face, when one looks it."""
        return worded_for_children(spec, "message_with_school", request.attachments)


class PhotoLogo(GradedRule):
    """The school's crest found in an attached image (the photo check's ``logo``)."""

    id = "photo-logo"

    def hits(self, ctx: CheckContext) -> Iterator[Hit]:
        if any(a.logo for a in ctx.request.attachments):
            spec = ctx.policy.rule(self.id)
            yield Hit(0, 0, message=f"{spec.message} {spec.advice}", source="attachment")


class Faces(GradedRule):
    id = "faces"

    def hits(self, ctx: CheckContext) -> Iterator[Hit]:
        attachments = ctx.request.attachments
        if any(a.faces for a in attachments):
            spec = ctx.policy.rule(self.id)
            message = f"{worded_for_children(spec, 'message', attachments)} {spec.advice}"
            yield Hit(0, 0, message=message, source="attachment")


def worded_for_children(spec: RuleSpec, key: str, attachments: Iterable[Attachment]) -> str:
    """The rule's message ``key`` (``message``, ``message_with_logo``, ``message_with_school``),
    or its ``<key>_child`` variant when a face looks like a child's. The estimate only words the
    finding: the same faces are weighed the same either way."""
    words = spec.message if key == "message" else str(spec.extra.get(key, spec.message))
    if any(a.faces and a.children for a in attachments):
        child = "message_child" if key == "message" else f"{key}_child"
        return str(spec.extra.get(child, words))
    return words
