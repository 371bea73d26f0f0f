"""photo (personal accounts) and faces (school accounts): what the extension saw in images.

No pixels reach the companion: the extension reports how many faces it found and whether the
image looks like the school logo.
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
        faces = (
            spec.severity_for(ctx.account, "faces") if any(a.faces for a in attachments) else None
        )
        logo = spec.severity_for(ctx.account, "logo") if any(a.logo for a in attachments) else None
        # one finding (findings are unique per rule and span, and images have no span)
        messages = [spec.message] if faces else []
        if logo:
            messages.append(str(spec.extra.get("message_logo", spec.message)))
        severities = [s for s in (faces, logo) if isinstance(s, str)]
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
