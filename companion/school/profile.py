"""What the checks know about the school itself. Plain data; validated on the way in."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any

from companion.checks import SITES

# Fields the DPO may set, and whether each holds one value or a list.
FIELDS: dict[str, str] = {
    "name": "one",
    "names": "list",
    "trust": "list",
    "websites": "list",
    **{f"handles.{site}": "list" for site in SITES},
}


class SchoolProfileError(ValueError):
    """A profile value or file that cannot be used; the message is one line for the user."""


@dataclass(frozen=True, slots=True)
class SchoolProfile:
    name: str
    names: tuple[str, ...]
    trust: tuple[str, ...] = ()
    websites: tuple[str, ...] = ()
    handles: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SchoolProfile:
        handles = data.get("handles", {})
        if not isinstance(handles, dict):
            raise SchoolProfileError("handles must be a table of site = [handles]")
        return cls(
            name=_one(data, "name"),
            names=_list(data.get("names", []), "names"),
            trust=_list(data.get("trust", []), "trust"),
            websites=tuple(_website(w) for w in _list(data.get("websites", []), "websites")),
            handles={
                site: tuple(_handle(h) for h in _list(handles.get(site, []), f"handles.{site}"))
                for site in SITES
            },
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "names": list(self.names),
            "trust": list(self.trust),
            "websites": list(self.websites),
            "handles": {site: list(self.handles.get(site, ())) for site in SITES},
        }

    def all_handles(self) -> frozenset[str]:
        """The school's own handles on every site, casefolded, without ``@``."""
        return frozenset(h.casefold() for hs in self.handles.values() for h in hs)

    def owns(self, site: str, identity: str) -> bool:
        """Whether the account a post goes out as is one of the school's own: one of its handles
        on that site, or the school's name (a Facebook Page shows its name, not its handle).

        Compared without case, spaces or punctuation: "@glazeburyce", "Glazebury CE Primary
        School" and "GlazeburyCEPrimarySchool" are the same account.
        """
        own = {_account_key(h) for h in self.handles.get(site, ())} | {_account_key(self.name)}
        key = _account_key(identity)
        return bool(key) and key in own

    def with_field(self, key: str, values: list[str]) -> SchoolProfile:
        """A copy with one field replaced; raises SchoolProfileError for a bad key or value."""
        if key not in FIELDS:
            raise SchoolProfileError(f"unknown field {key!r}; fields: {', '.join(FIELDS)}")
        data = self.to_dict()
        if FIELDS[key] == "one":
            if len(values) != 1:
                raise SchoolProfileError(f"{key} takes exactly one value")
            data[key] = values[0]
        elif key.startswith("handles."):
            data["handles"][key.split(".", 1)[1]] = values
        else:
            data[key] = values
        updated = SchoolProfile.from_dict(data)
        if not updated.names:
            raise SchoolProfileError("names needs at least one way of writing the school's name")
        return updated


def _account_key(name: str) -> str:
    """An account name as letters and digits only, in one case."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", name).casefold() if ch.isalnum())


def _one(data: dict[str, Any], key: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise SchoolProfileError(f"{key} must be a non-empty text")
    return value.strip()


def _list(value: Any, key: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise SchoolProfileError(f"{key} must be a list of texts")
    cleaned = tuple(v.strip() for v in value if v.strip())
    if any(len(v) < 3 for v in cleaned):
        raise SchoolProfileError(f"{key}: every value needs at least 3 characters")
    return cleaned


def _handle(value: str) -> str:
    handle = value.removeprefix("@")
    if not handle or not all(ch.isalnum() or ch in "._" for ch in handle):
        raise SchoolProfileError(f"{value!r} is not a handle (letters, digits, '.', '_')")
    return handle


def _website(value: str) -> str:
    site = value.lower()
    for prefix in ("https://", "http://", "www."):
        site = site.removeprefix(prefix)
    site = site.rstrip("/")
    if "." not in site or any(ch.isspace() for ch in site):
        raise SchoolProfileError(f"{value!r} is not a web address")
    return site
