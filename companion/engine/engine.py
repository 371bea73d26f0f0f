"""The engine: runs every rule over a request against the current roster snapshot."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from concurrent.futures import TimeoutError as FuturesTimeout
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from pathlib import Path

from companion import vocabulary
from companion.checks import (
    ACCOUNTS,
    MAX_IMAGE_TEXT,
    PHOTO_PARTS,
    Attachment,
    ContactRequest,
    Finding,
    ImageRequest,
    PostRequest,
    Verdict,
)
from companion.engine.snapshot import EMPTY_SNAPSHOT, Snapshot
from companion.photos import DetectorFailed, Detectors, Faces, ImageText
from companion.photos.worker import CREST, FACES, WORDS
from companion.policy import PolicyBook, load_policy
from companion.roster.model import Roster
from companion.rules import CheckContext, ContactContext, PostRule, contact_rules, post_rules
from companion.school.store import SchoolSource

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
        vocabulary.load_wordfreq()  # imported now: without it the engine could check no text
        # One reading of the school profile (names, handles, crest) for the rules and photos.
        self._school = SchoolSource(home)
        # Per account type, the rules the policy turns on: a rule off for an account (every
        # grade "off" in rules.toml) is not run at all; the rules weigh each finding themselves
        # by the same data (rules/base.py GradedRule).
        rules = post_rules(self.policy, self._school)
        self._post_rules: dict[str, list[PostRule]] = {
            account: [r for r in rules if self.policy.rule(r.id).applies_to(account)]
            for account in ACCOUNTS
        }
        self._rule_of: dict[str, PostRule] = {r.id: r for r in rules}
        self._contact_rules = contact_rules()
        self.snapshot: Snapshot = Snapshot.build(roster) if roster else EMPTY_SNAPSHOT
        self.roster_problem: str = NO_ROSTER
        # Faces, words and the school's crest are looked for at the same time, in one worker
        # process started with the first photo (or by warm_photos).
        self._photos: Detectors | None = None

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
        request = self._as_sent_from(request)
        snapshot = self.snapshot
        ctx = CheckContext(request=request, policy=self.policy, snapshot=snapshot)
        findings = [f for rule in self._post_rules[request.account] for f in rule.check(ctx)]
        findings += self._image_text_findings(request, snapshot)
        findings = self._combined(findings, request)
        findings += self._roster_state(snapshot, request.account)
        verdict = self._verdict(findings, snapshot, started)
        verdict.account = request.account
        return verdict

    def _as_sent_from(self, request: PostRequest) -> PostRequest:
        """The school's account when the post goes out as one of the school's own accounts.

        The school profile (``postguard school set handles.x …``) is the one list of them; the
        extension sends who the post goes out as, and may already say "school" (an account IT
        added in its managed policy), which is never turned back into "personal".
        """
        if request.account == "school" or not request.identity:
            return request
        if self._school.is_school_account(request.site, request.identity):
            return replace(request, account="school")
        return request

    def _image_text_findings(self, request: PostRequest, snapshot: Snapshot) -> list[Finding]:
        """The words read in attached images, judged by the same rules as typed text."""
        findings: list[Finding] = []
        for attachment in request.attachments:
            if not attachment.text.strip():
                continue
            words = PostRequest(
                text=attachment.text,
                site=request.site,
                context=request.context,
                account=request.account,
            )
            ctx = CheckContext(request=words, policy=self.policy, snapshot=snapshot)
            findings += [
                _in_image(f)
                for rule in self._post_rules[request.account]
                for f in rule.check(ctx)
                if f.source is None
            ]
        return findings

    def check_image(
        self,
        request: ImageRequest,
        words_within: float | None = None,
        within: float | None = None,
    ) -> Verdict:
        """What an attached image holds (faces, written words, the school's crest), judged by
        the same rules as a post with that image.

        ``words_within``: seconds after which words not yet read are reported as not read, so
        the faces and crest verdict still arrives within a caller's budget (the server's);
        ``within``: the same for every part, the decoding included, so that a worker held by
        another photo never holds the caller's thread. None waits (the CLI). Raises
        ImageRejected for bytes that are not an image.
        """
        started = time.perf_counter()
        faces, words, logo, unchecked = self._look_at(
            request.data, _Deadlines(started, words_within, within)
        )
        notes = self._unchecked_notes(unchecked, request.account)
        post = PostRequest(
            text="",
            site=request.site,
            account=request.account,
            attachments=(
                Attachment(
                    kind="image",
                    faces=faces.count if faces else None,
                    children=faces.children if faces else None,
                    logo=logo,
                    text=words.text,
                ),
            ),
        )
        verdict = self.check_post(post)
        verdict.findings = notes + verdict.findings
        verdict.faces = faces.count if faces else None
        verdict.children = faces.children if faces else None
        verdict.logo = logo
        # All the words were judged here; what goes back with the post (the contract's limit)
        # holds the lines this check found something in first.
        quoted = [f.text for f in verdict.findings if f.source == "attachment" and f.text]
        verdict.image_text, complete = words.sent_back(quoted, MAX_IMAGE_TEXT)
        if not complete:
            unchecked.setdefault(WORDS, "not all of them could be sent with the post")
        # Sent back with the post, so that what could not be looked at is said again at submit.
        verdict.image_not_checked = tuple(part for part in PHOTO_PARTS if part in unchecked)
        verdict.elapsed_ms = (time.perf_counter() - started) * 1000.0
        return verdict

    def _look_at(
        self, data: bytes, deadlines: _Deadlines
    ) -> tuple[Faces | None, ImageText, bool | None, dict[str, str]]:
        """Faces, words and the crest, looked for at once in the photo worker, and why each
        part that could not be was not. ImageRejected when the bytes are not an image we check."""
        crest = self._school.crest()
        look = self._detectors().look(data, crest)
        asked = PHOTO_PARTS if crest is not None else (FACES, WORDS)
        unchecked: dict[str, str] = {}
        try:
            decoded = look.image(timeout=deadlines.left())
        except FuturesTimeout:  # the worker is still on an earlier photo, or on this one's bytes
            return None, ImageText(()), None, dict.fromkeys(asked, TOO_LONG)
        if not decoded:  # the worker failed before it had the photo: nothing is known
            return None, ImageText(()), None, dict.fromkeys(asked, look.stopped)
        if look.frames_seen < look.frames:  # a pupil in an unseen frame is posted all the same
            unchecked[FACES] = (
                f"it is an animation of {look.frames} frames, and only {look.frames_seen} of "
                "them were looked at"
            )
        faces = None
        try:
            faces = look.faces(timeout=deadlines.left())
        except DetectorFailed as exc:
            unchecked[FACES] = str(exc)
        except FuturesTimeout:
            unchecked[FACES] = TOO_LONG
        words = ImageText(())
        try:
            words = look.words(timeout=deadlines.left(words=True))
        except DetectorFailed as exc:
            unchecked[WORDS] = str(exc)
        except FuturesTimeout:
            unchecked[WORDS] = "reading them took too long (the first photo loads the reader)"
        logo = None
        try:
            logo = look.crest(timeout=deadlines.left())
        except DetectorFailed as exc:
            unchecked[CREST] = f"the school's crest could not be looked for ({exc})"
        except FuturesTimeout:
            unchecked[CREST] = f"the school's crest could not be looked for ({TOO_LONG})"
        return faces, words, logo, unchecked

    def _unchecked_notes(self, unchecked: dict[str, str], account: str) -> list[Finding]:
        """One finding for faces and the crest not looked at, one for words not read (both
        warnings, as policy_data/rules.toml grades them)."""
        notes = []
        seen = [unchecked[part] for part in (FACES, CREST) if part in unchecked]
        if seen:
            notes.append(self.photo_unchecked("; ".join(dict.fromkeys(seen)), account=account))
        if WORDS in unchecked:
            notes.append(self.photo_unchecked(unchecked[WORDS], "photo-text-unchecked", account))
        return notes

    def warm_text(self) -> None:
        """Read the word frequencies, work out the common first names and compile the school
        profile's patterns now, so that no check pays for them on first use (the school's
        patterns alone were 7-12 ms)."""
        for _ in self.warm_text_steps():
            pass

    def warm_text_steps(self) -> Iterator[None]:
        """``warm_text`` a step at a time, none longer than ~10 ms: ``postguard serve`` runs
        them between its requests (``server/warming.py``). Between steps it holds no roster:
        one replaced meanwhile (the roster watcher warms the new one itself) is let go at once,
        and its steps are not run."""
        vocabulary.warm()
        yield
        self.snapshot.names.warm_lists()
        yield
        version = self.snapshot.roster.version
        for step in self.snapshot.names.warm_plan():
            if self.snapshot.roster.version != version:
                break
            self.snapshot.names.warm_step(step)
            yield
        self._school.matcher()
        yield

    def warm_photos(self) -> None:
        """Load the photo detectors and wait until their models are in memory, so the first
        photo is checked at full speed (``postguard serve`` calls this as it starts; the
        workers stop again after a quiet spell and start on the next photo)."""
        # A detector that cannot start is reported by the photo's own check.
        with contextlib.suppress(BrokenProcessPool, OSError):
            self._detectors().warm()

    def photo_unchecked(
        self, reason: str, rule: str = "photo-unchecked", account: str = "personal"
    ) -> Finding:
        """A part of a photo that could not be checked, never silently allowed: faces and the
        crest (``photo-unchecked``), or words that could not be read (``photo-text-unchecked``)."""
        spec = self.policy.rule(rule)
        return spec.notice(account, "warn", spec.text().format(reason=reason), "attachment")

    def close(self) -> None:
        """Stop helpers the engine started (the photo detectors' worker process)."""
        if self._photos is not None:
            self._photos.close()

    def _detectors(self) -> Detectors:
        if self._photos is None:
            self._photos = Detectors()  # with the first photo, once
        return self._photos

    def _combined(self, findings: list[Finding], request: PostRequest) -> list[Finding]:
        """Rules whose finding weighs more beside others (policy data ``block_with``): a photo
        with faces in a post that names a pupil or the school is a block, not a warning."""
        rules = {f.rule for f in findings}
        out = []
        for finding in findings:
            spec = self.policy.rules.get(finding.rule)
            partners = spec.extra.get("block_with", ()) if spec else ()
            if partners and rules & set(partners) and finding.severity != "block":
                # Every finding here is one of these rules' own (their checks, on the text and
                # on the words read in images).
                message = self._rule_of[finding.rule].message_beside(spec, request)
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
    """One finding per rule and place; outside the text (no span) one per rule and words."""
    seen: set[tuple[str, int, int, str | None, str]] = set()
    unique = []
    for f in findings:
        key = (f.rule, f.start, f.end, f.source, f.text if f.source else "")
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique


TOO_LONG = "it took too long to check"


@dataclass(frozen=True, slots=True)
class _Deadlines:
    """When a photo's parts stop being waited for: the words after ``words`` seconds, every
    part after ``every`` (None: never), counted from ``started``."""

    started: float
    words: float | None
    every: float | None

    def left(self, words: bool = False) -> float | None:
        limits = [s for s in (self.every, self.words if words else None) if s is not None]
        if not limits:
            return None
        return max(min(limits) - (time.perf_counter() - self.started), 0.05)


def _in_image(finding: Finding) -> Finding:
    """A finding in the words read in an image: about the attachment, not the typed text, so it
    has no span in the text (``text`` still quotes the words)."""
    message = f"In an attached image: {finding.message}"
    return replace(finding, source="attachment", start=0, end=0, message=message)
