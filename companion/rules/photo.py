"""photo (personal accounts) and faces (school accounts): what the extension saw in images.

The pixels were checked when the image was attached (POST /v1/check/image, which counts faces
and never identifies anyone); at submit the extension sends what that check found.
"""

from __future__ import annotations

from collections.abc import Iterator

from companion.checks import SEVERITY_RANK, Finding
from companion.rules.base import CheckContext


class Photo:
    id = "photo"

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        spec = ctx.policy.rule(self.id)
        attachments = ctx.request.attachments
        if any(a.unchecked for a in attachments):
            unchecked = ctx.policy.rule("photo-unchecked")
            severity = unchecked.severity_for(ctx.account) or "warn"
            reason = "it could not be checked before posting"
            text = unchecked.text().format(reason=reason)
            yield ctx.finding(unchecked.id, 0, 0, severity, text, source="attachment")
        faces = (
            spec.severity_for(ctx.account, "faces") if any(a.faces for a in attachments) else None
        )
        logo = spec.severity_for(ctx.account, "logo") if any(a.logo for a in attachments) else None
        together = any(a.faces and a.logo for a in attachments)
        both = spec.severity_for(ctx.account, "faces_with_logo") if together else None
        # one finding (findings are unique per rule and span, and images have no span)
        messages = [spec.message] if faces else []
        if logo:
            messages.append(str(spec.extra.get("message_logo", spec.message)))
        if both:
            messages = [str(spec.extra.get("message_with_logo", spec.message))]
        severities = [s for s in (faces, logo, both) if isinstance(s, str)]
        if severities:
            worst = max(severities, key=SEVERITY_RANK.__getitem__)
            text = " ".join([*messages, spec.advice])
            yield ctx.finding(self.id, 0, 0, worst, text, source="attachment")


class Faces:
    id = "faces"

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        severity = ctx.policy.rule(self.id).severity_for(ctx.account)
        if severity and any(a.faces for a in ctx.request.attachments):
            yield ctx.finding(self.id, 0, 0, severity, source="attachment")
