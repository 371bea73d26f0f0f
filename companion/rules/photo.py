"""photo (personal accounts), faces (school accounts) and photo-unchecked: what the extension
saw in images, or that it could not look.

The pixels were checked when the image was attached (POST /v1/check/image, which counts faces
and never identifies anyone); at submit the extension sends what that check found.
"""

from __future__ import annotations

from collections.abc import Iterator

from companion.checks import SEVERITY_RANK
from companion.rules.base import CheckContext, GradedRule, Hit


class PhotoUnchecked(GradedRule):
    """An attachment the extension could not have checked before posting."""

    id = "photo-unchecked"

    def hits(self, ctx: CheckContext) -> Iterator[Hit]:
        if any(a.unchecked for a in ctx.request.attachments):
            reason = "it could not be checked before posting"
            text = ctx.policy.rule(self.id).text().format(reason=reason)
            yield Hit(0, 0, message=text, source="attachment")


class Photo(GradedRule):
    id = "photo"

    def hits(self, ctx: CheckContext) -> Iterator[Hit]:
        spec = ctx.policy.rule(self.id)
        attachments = ctx.request.attachments
        seen = {
            "faces": any(a.faces for a in attachments),
            "logo": any(a.logo for a in attachments),
            "faces_with_logo": any(a.faces and a.logo for a in attachments),
        }
        # What the policy weighs each thing seen at; the grades it turns off say nothing.
        weighed = {grade: ctx.severity(self.id, grade) for grade, there in seen.items() if there}
        on = {grade: severity for grade, severity in weighed.items() if severity}
        if not on:
            return
        # one finding (findings are unique per rule and span, and images have no span)
        messages = [spec.message] if "faces" in on else []
        if "logo" in on:
            messages.append(str(spec.extra.get("message_logo", spec.message)))
        if "faces_with_logo" in on:
            messages = [str(spec.extra.get("message_with_logo", spec.message))]
        worst = max(on, key=lambda grade: SEVERITY_RANK[on[grade]])
        text = " ".join([*messages, spec.advice])
        yield Hit(0, 0, worst, text, source="attachment")


class Faces(GradedRule):
    id = "faces"

    def hits(self, ctx: CheckContext) -> Iterator[Hit]:
        if any(a.faces for a in ctx.request.attachments):
            yield Hit(0, 0, source="attachment")
