"""Turn request JSON into typed requests; every 400 message names the bad field."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from companion.checks import (
    ACCOUNTS,
    CONTACT_ACTIONS,
    CONTEXTS,
    MAX_IMAGE_TEXT,
    PHOTO_PARTS,
    SITES,
    Attachment,
    ContactRequest,
    PostRequest,
)

MAX_ATTACHMENTS = 20
# Who a post goes out as: a handle or a Page's name.
MAX_IDENTITY = 200


class InvalidRequest(ValueError):
    pass


def _obj(body: Any) -> dict[str, Any]:
    if not isinstance(body, dict):
        raise InvalidRequest("the body must be a JSON object")
    return body


def _str(body: dict[str, Any], name: str, *, required: bool = False, default: str = "") -> str:
    if name not in body or body[name] is None:
        if required:
            raise InvalidRequest(f"field '{name}' is required")
        return default
    value = body[name]
    if not isinstance(value, str):
        raise InvalidRequest(f"field '{name}' must be a string")
    return value


def _choice(body: dict[str, Any], name: str, choices: tuple[str, ...], default: str) -> str:
    value = _str(body, name, default=default)
    if value not in choices:
        raise InvalidRequest(f"field '{name}' must be one of {', '.join(choices)}")
    return value


def _attachments(body: dict[str, Any]) -> tuple[Attachment, ...]:
    raw = body.get("attachments")
    if raw is None:
        return ()
    if not isinstance(raw, list) or len(raw) > MAX_ATTACHMENTS:
        raise InvalidRequest(f"field 'attachments' must be a list of at most {MAX_ATTACHMENTS}")
    items = []
    for i, entry in enumerate(raw):
        where = f"attachments[{i}]"
        if not isinstance(entry, dict):
            raise InvalidRequest(f"field '{where}' must be an object")
        faces = entry.get("faces")
        if faces is not None and (
            not isinstance(faces, int) or isinstance(faces, bool) or faces < 0
        ):
            raise InvalidRequest(f"field '{where}.faces' must be a non-negative integer")
        children = entry.get("children")
        if children is not None and (
            not isinstance(children, int)
            or isinstance(children, bool)
            or not 0 <= children <= (faces or 0)
        ):
            raise InvalidRequest(
                f"field '{where}.children' must be a whole number no larger than its faces"
            )
        logo = entry.get("logo")
        if logo is not None and not isinstance(logo, bool):
            raise InvalidRequest(f"field '{where}.logo' must be true or false")
        unchecked = entry.get("unchecked", False)
        if not isinstance(unchecked, bool):
            raise InvalidRequest(f"field '{where}.unchecked' must be true or false")
        not_checked = entry.get("not_checked", [])
        if (
            not isinstance(not_checked, list)
            or any(part not in PHOTO_PARTS for part in not_checked)
            or len(set(not_checked)) != len(not_checked)
        ):
            raise InvalidRequest(
                f"field '{where}.not_checked' must list some of {', '.join(PHOTO_PARTS)} once each"
            )
        text = _str(entry, "text")
        if len(text) > MAX_IMAGE_TEXT:
            raise InvalidRequest(
                f"field '{where}.text' must be at most {MAX_IMAGE_TEXT} characters"
            )
        items.append(
            Attachment(
                kind=_str(entry, "kind", default="image"),
                name=_str(entry, "name"),
                alt=_str(entry, "alt"),
                faces=faces,
                children=children,
                logo=logo,
                unchecked=unchecked,
                text=text,
                not_checked=tuple(not_checked),
            )
        )
    return tuple(items)


def parse_post(body: Any) -> PostRequest:
    body = _obj(body)
    return PostRequest(
        text=_str(body, "text", required=True),
        site=_choice(body, "site", SITES, "x"),
        context=_choice(body, "context", CONTEXTS, "post"),
        account=_choice(body, "account", ACCOUNTS, "personal"),
        attachments=_attachments(body),
        identity=_identity(body),
    )


def _identity(body: dict[str, Any]) -> str:
    identity = _str(body, "identity")
    if len(identity) > MAX_IDENTITY:
        raise InvalidRequest(f"field 'identity' must be at most {MAX_IDENTITY} characters")
    return identity


def parse_contact(body: Any) -> ContactRequest:
    body = _obj(body)
    name = _str(body, "name", required=True)
    if not name.strip():
        raise InvalidRequest("field 'name' must not be empty")
    handle = body.get("handle")
    if handle is not None and not isinstance(handle, str):
        raise InvalidRequest("field 'handle' must be a string")
    return ContactRequest(
        name=name,
        handle=handle,
        site=_choice(body, "site", SITES, "facebook"),
        action=_choice(body, "action", CONTACT_ACTIONS, "accept"),
    )


@dataclass(frozen=True, slots=True)
class PairRequest:
    """Either the code itself (the CLI's tests, older extensions) or a proof of knowing it."""

    client: str
    code: str | None = None
    nonce: str | None = None
    proof: str | None = None


_HEX = re.compile(r"[0-9a-fA-F]{32,128}")


def parse_pair(body: Any) -> PairRequest:
    body = _obj(body)
    code = _str(body, "code") or None
    nonce, proof = _str(body, "nonce") or None, _str(body, "proof") or None
    if code is None and (nonce is None or proof is None):
        raise InvalidRequest("field 'code' (or 'nonce' and 'proof') is required")
    for name, value in (("nonce", nonce), ("proof", proof)):
        if value is not None and not _HEX.fullmatch(value):
            raise InvalidRequest(f"field '{name}' must be 32 to 128 hex digits")
    client = _str(body, "client", default="browser extension")
    # The label is printed by 'pairs list': no terminal controls, line breaks or other format
    # characters from the network.
    client = "".join(ch for ch in client if ch.isprintable()).strip()[:80]
    return PairRequest(client or "browser extension", code or None, nonce, proof)
