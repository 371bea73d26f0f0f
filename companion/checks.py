"""Request and result types, at the bottom of the stack: rules, the engine, the server and the
CLI all speak them, and they import nothing of ours."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Severity = Literal["info", "warn", "block"]
SEVERITY_RANK: dict[str, int] = {"allow": 0, "info": 1, "warn": 2, "block": 3}

SITES = ("x", "facebook")
CONTEXTS = ("post", "comment", "reply", "dm")
ACCOUNTS = ("personal", "school")
CONTACT_ACTIONS = ("accept", "add", "follow")
# The parts of an image's check (companion/photos): each one that could not be done is named in
# its verdict and sent back with the post, so the post is never judged as if it had been.
PHOTO_PARTS = ("faces", "words", "crest")
# The most of an image's words the extension sends back with the post (the contract's limit;
# the image's own check judges up to 20,000, companion/photos/ocr.py).
MAX_IMAGE_TEXT = 2_000


@dataclass(frozen=True, slots=True)
class Attachment:
    """An attached image as the extension describes it (no pixels leave the page)."""

    kind: str = "image"
    name: str = ""
    alt: str = ""
    faces: int | None = None
    # of the faces, how many look like a child's: words the finding, never clears a photo
    children: int | None = None
    logo: bool | None = None
    unchecked: bool = False  # the extension could not have it checked (companion slow, too big)
    text: str = ""  # the words its check read in it (OCR), judged again at submit
    not_checked: tuple[str, ...] = ()  # PHOTO_PARTS its check could not do (no detector, failed)


@dataclass(frozen=True, slots=True)
class PostRequest:
    text: str
    site: str = "x"
    context: str = "post"
    account: str = "personal"
    attachments: tuple[Attachment, ...] = ()
    # Who the post goes out as, as the page shows it (an X handle, a Facebook Page's name): the
    # engine treats one of the school's own accounts (its school profile) as the school account.
    identity: str = ""


@dataclass(frozen=True, slots=True)
class ImageRequest:
    """One attached image's bytes (in memory only; never stored or logged)."""

    data: bytes
    site: str = "x"
    account: str = "personal"


@dataclass(frozen=True, slots=True)
class ContactRequest:
    name: str
    site: str = "facebook"
    action: str = "accept"
    handle: str | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing the policy objects to.

    ``start``/``end`` are offsets into the submitted text in UTF-16 code units (what the
    browser indexes); ``text`` is exactly that slice of the original text.
    """

    rule: str
    severity: Severity
    start: int
    end: int
    text: str
    message: str
    policy: str
    # where a finding outside the plain text came from ("attachment": an image, its alt text or
    # the words read in it)
    source: str | None = None

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        if self.source is None:
            del data["source"]
        return data


@dataclass(slots=True)
class Verdict:
    findings: list[Finding] = field(default_factory=list)
    roster_version: str = ""
    elapsed_ms: float = 0.0
    stale: bool = False
    mode: str = "enforce"
    names_reported: int = 0  # distinct roster names in the findings (the server meters them)
    faces: int | None = None  # for an image: how many faces (the extension sends it back at submit)
    children: int | None = None  # for an image: how many of them look like a child's (sent back)
    image_text: str | None = None  # for an image: the words read in it (sent back at submit)
    logo: bool | None = None  # for an image: whether the school's registered crest is in it
    image_not_checked: tuple[str, ...] = ()  # for an image: the PHOTO_PARTS that could not be done
    # for a post: the account type it was checked as (the companion knows the school's own)
    account: str | None = None

    @property
    def verdict(self) -> str:
        """The highest severity found; ``info`` findings leave a post allowed."""
        worst = max((SEVERITY_RANK[f.severity] for f in self.findings), default=0)
        return "block" if worst == 3 else "warn" if worst == 2 else "allow"

    def to_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "verdict": self.verdict,
            "findings": [f.to_json() for f in self.findings],
            "roster_version": self.roster_version,
            "elapsed_ms": round(self.elapsed_ms, 3),
        }
        if self.stale:
            body["stale"] = True
        if self.account is not None:
            body["account"] = self.account
        if (
            self.faces is not None
            or self.image_text is not None
            or self.logo is not None
            or self.image_not_checked
        ):
            image: dict[str, Any] = {}
            if self.faces is not None:
                image["faces"] = self.faces
            if self.children is not None:
                image["children"] = self.children
            if self.logo is not None:
                image["logo"] = self.logo
            if self.image_text is not None:
                image["text"] = self.image_text
            if self.image_not_checked:
                image["not_checked"] = list(self.image_not_checked)
            body["image"] = image
        return body
