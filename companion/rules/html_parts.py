"""The optional rich-text ``html`` of a post, read with Beautiful Soup: mentions, links, alt text.

The editor's HTML can carry what its plain text hides: the handle behind a mention chip, the
address behind a link, the alt text of a pasted image.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

from companion.rules.base import CheckContext
from companion.rules.support import memo

_PROFILE_HOSTS = frozenset({"x.com", "twitter.com", "facebook.com", "m.facebook.com"})
_NOT_PROFILES = frozenset({"hashtag", "search", "home", "i", "intent", "share", "groups", "events"})


@dataclass(frozen=True, slots=True)
class HtmlLink:
    href: str
    label: str  # the visible text of the link


@dataclass(frozen=True, slots=True)
class HtmlParts:
    links: tuple[HtmlLink, ...] = ()
    mentions: tuple[HtmlLink, ...] = ()  # links to a profile: ``href`` is the handle
    alts: tuple[str, ...] = ()


def html_parts(ctx: CheckContext) -> HtmlParts:
    html = ctx.request.html
    if not html:
        return HtmlParts()
    return memo(ctx, "rules.html", lambda: _parse(html))


def _parse(html: str) -> HtmlParts:
    soup = BeautifulSoup(html, "html.parser")
    links: list[HtmlLink] = []
    mentions: list[HtmlLink] = []
    for anchor in soup.find_all("a"):
        href = str(anchor.get("href") or "")
        label = anchor.get_text(" ", strip=True)
        handle = _profile_handle(href, label)
        if handle:
            mentions.append(HtmlLink(handle, label))
        elif href:
            links.append(HtmlLink(href, label))
    alts = tuple(str(img.get("alt")) for img in soup.find_all("img") if img.get("alt"))
    return HtmlParts(links=tuple(links), mentions=tuple(mentions), alts=alts)


def _profile_handle(href: str, label: str) -> str | None:
    if label.startswith("@") and len(label) > 1:
        return label[1:]
    try:
        parts = urlsplit(href if "//" in href else f"//{href}")
        host = (parts.hostname or "").removeprefix("www.")
    except ValueError:  # a malformed address ("[", a bad IPv6 literal) is no profile link
        return None
    segments = [s for s in parts.path.split("/") if s]
    if host in _PROFILE_HOSTS and len(segments) == 1 and segments[0] not in _NOT_PROFILES:
        return segments[0]
    return None


def locate(ctx: CheckContext, label: str) -> tuple[int, int]:
    """Where an HTML part's visible text sits in the plain text; 0..0 when it does not."""
    if label:
        at = ctx.text.find(label)
        if at >= 0:
            return at, at + len(label)
    return 0, 0
