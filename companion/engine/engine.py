"""The engine: runs every rule over a request against the current roster snapshot."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

from companion.checks import (
    Attachment,
    ContactRequest,
    Finding,
    ImageRequest,
    PostRequest,
    Verdict,
)
from companion.engine.snapshot import EMPTY_SNAPSHOT, Snapshot
from companion.photos import DetectorFailed, FaceDetector, decode_image, load_face_detector
from companion.policy import PolicyBook, load_policy
from companion.roster.model import Roster
from companion.rules import CheckContext, ContactContext, contact_rules, post_rules

NO_ROSTER = "no pupil roster has been imported"
# Rules whose findings quote a roster person's name.
NAME_RULES = frozenset(
    {"pupil-name", "family-name", "staff-name", "no-names", "targeted-content", "mentions"}
)


class Engine:
    """Thread-safe for readers: a new roster replaces the snapshot in one assignment.

    ``roster_problem`` says why no roster is in force (set by whoever loads it, e.g. "the
    keychain is locked"); every verdict then carries a finding that names are not checked.
    """

    def __init__(
        self,
        roster: Roster | None = None,
        policy: PolicyBook | None = None,
        *,
        home: Path | None = None,
    ) -> None:
        """``home``: the data directory whose school profile applies (create_app and the CLI
        pass it down; None means the shipped profile alone, never the environment's)."""
        self.policy = policy or load_policy()
        self._post_rules = post_rules(home)
        self._contact_rules = contact_rules()
        self.snapshot: Snapshot = Snapshot.build(roster) if roster else EMPTY_SNAPSHOT
        self.roster_problem: str = NO_ROSTER
        self._faces: tuple[FaceDetector | None, str] | None = None

    def degraded_reason(self) -> str | None:
        """Why checks are weaker than they should be (no names, names out of date), or None."""
        snapshot = self.snapshot
        if not snapshot.loaded:
            return self.roster_problem
        if snapshot.stale():
            expires = snapshot.roster.expires
            return f"the roster expired on {expires:%d/%m/%Y}" if expires else "the roster is stale"
        if snapshot.roster.needs_reimport:
            return (
                "the roster was read under the old leaving-date rule and must be imported again "
                "(ex-pupils' ages may be wrong)"
            )
        return None

    def load(self, roster: Roster) -> None:
        self.snapshot = self.prepare(roster)

    @staticmethod
    def prepare(roster: Roster) -> Snapshot:
        """Build what a roster version needs (name index…) without touching the live one."""
        return Snapshot.build(roster)

    def check_post(self, request: PostRequest) -> Verdict:
        started = time.perf_counter()
        snapshot = self.snapshot
        ctx = CheckContext(request=request, policy=self.policy, snapshot=snapshot)
        findings = self._combined([f for rule in self._post_rules for f in rule.check(ctx)])
        findings += self._roster_state(snapshot, request.account)
        return self._verdict(findings, snapshot, started)

    def check_image(self, request: ImageRequest) -> Verdict:
        """What an attached image holds, judged by the same rules as a post with that image.

        Raises ImageRejected for bytes that are not an image we check.
        """
        started = time.perf_counter()
        image = decode_image(request.data)
        detector, reason = self._face_detector()
        if detector is None:
            verdict = self._verdict([self.photo_unchecked(reason)], self.snapshot, started)
            return verdict
        try:
            faces = detector.detect(image)
        except DetectorFailed as exc:
            return self._verdict([self.photo_unchecked(str(exc))], self.snapshot, started)
        post = PostRequest(
            text="",
            site=request.site,
            account=request.account,
            attachments=(Attachment(kind="image", faces=faces.count),),
        )
        verdict = self.check_post(post)
        verdict.faces = faces.count
        verdict.elapsed_ms = (time.perf_counter() - started) * 1000.0
        return verdict

    def photo_unchecked(self, reason: str) -> Finding:
        spec = self.policy.rule("photo-unchecked")
        return spec.notice("personal", "warn", spec.text().format(reason=reason), "attachment")

    def close(self) -> None:
        """Stop helpers the engine started (the face detector's worker process)."""
        detector = self._faces[0] if self._faces else None
        if detector is not None and hasattr(detector, "close"):
            detector.close()

    def _face_detector(self) -> tuple[FaceDetector | None, str]:
        if self._faces is None:
            self._faces = load_face_detector()  # loaded on the first photo, once
        return self._faces

    def _combined(self, findings: list[Finding]) -> list[Finding]:
        """Rules whose finding weighs more beside others (policy data ``block_with``): a photo
        with faces in a post that names a pupil or the school is a block, not a warning."""
        rules = {f.rule for f in findings}
        out = []
        for finding in findings:
            spec = self.policy.rules.get(finding.rule)
            partners = spec.extra.get("block_with", ()) if spec else ()
            if partners and rules & set(partners) and finding.severity != "block":
                message = spec.extra.get("message_with_school", finding.message)
                finding = replace(finding, severity="block", message=f"{message} {spec.advice}")
            out.append(finding)
        return out

    def check_contact(self, request: ContactRequest) -> Verdict:
        started = time.perf_counter()
        snapshot = self.snapshot
        ctx = ContactContext(request=request, policy=self.policy, snapshot=snapshot)
        findings = [f for rule in self._contact_rules for f in rule.check(ctx)]
        findings += self._roster_state(snapshot, "personal")
        return self._verdict(findings, snapshot, started)

    def _roster_state(self, snapshot: Snapshot, account: str) -> list[Finding]:
        """The finding that says names are not (fully) checked, when that is so."""
        if not snapshot.loaded:
            spec = self.policy.rule("roster-unavailable")
            message = spec.text().format(reason=self.roster_problem)
        elif snapshot.stale():
            spec = self.policy.rule("roster-stale")
            expires = snapshot.roster.expires
            message = spec.text().format(expires=f"{expires:%d/%m/%Y}" if expires else "?")
        else:
            return []
        return [spec.notice(account, "info", message)]

    def _verdict(self, findings: list[Finding], snapshot: Snapshot, started: float) -> Verdict:
        findings.sort(key=lambda f: (f.start, f.end, f.rule))
        findings, names = self._capped(_dedupe(findings))
        return Verdict(
            findings=findings,
            names_reported=names,
            roster_version=snapshot.roster.version if snapshot.loaded else "",
            stale=snapshot.stale(),
            elapsed_ms=(time.perf_counter() - started) * 1000.0,
        )

    def _capped(self, findings: list[Finding]) -> tuple[list[Finding], int]:
        """At most a class's worth of distinct names, and a bounded answer.

        A text naming more roster people than that is blocked with one finding that lists none
        of them: one request must not be able to test thousands of candidate names at once.
        Returns the findings and how many distinct names they report (metered by the server).
        """
        spec = self.policy.rule("too-many-names")
        named = [f for f in findings if f.rule in NAME_RULES]
        distinct = len({f.text.casefold() for f in named})
        most = int(spec.extra.get("max_findings", 200))
        if distinct > int(spec.extra.get("max_names", 30)):
            others = [f for f in findings if f.rule not in NAME_RULES]
            return [spec.notice("personal", "block"), *others][:most], 0
        return findings[:most], distinct


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen: set[tuple[str, int, int]] = set()
    unique = []
    for f in findings:
        if (f.rule, f.start, f.end) not in seen:
            seen.add((f.rule, f.start, f.end))
            unique.append(f)
    return unique
