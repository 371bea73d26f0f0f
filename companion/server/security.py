"""Channel security: every request passes these checks, in this order (``CHECKS``).

1. Host is exactly 127.0.0.1:PORT or localhost:PORT (defeats DNS rebinding); the target is a
   path (not absolute-form); at most one Origin and one Authorization header.
2. An Origin, when present, is an extension origin; web pages and ``null`` are refused.
3. No data in query strings; only the known routes and methods (a CORS preflight is answered
   here, for the paired extension only).
4. Size (64 KiB; 10 MB for an image) and type (application/json, or an image type) of the body.
5. Public routes (health, pairing) need no token; pairing attempts are rate-limited while a
   pairing window is open.
6. A hello without a token is an identity probe, answered without the token ever being sent.
7. Bearer token (constant-time), then the Origin pinned for that token at pairing.
8. Per-token rate limit.
Answers echo CORS only to the pinned origin, carry ``Vary: Origin`` and ``no-store``, and a
proof of the server's identity when the request carried a nonce.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from aiohttp import web

from companion.instance import NONCE, NONCE_HEADER
from companion.private_files import StateFileError
from companion.server.contract import limit, routes
from companion.server.pairs import Pair
from companion.server.state import PAIR_ID, PAIR_RATE, PAIRING, PAIRS, RATE, SETTINGS, STATS

log = logging.getLogger("postguard.server")

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

EXTENSION_ORIGIN = re.compile(
    r"^(chrome-extension://[a-p]{32}|moz-extension://[0-9a-f-]{36}|"
    r"extension://[a-z0-9-]{8,64}|safari-web-extension://[0-9A-Fa-f-]{36})$"
)
# The routes, from the HTTP contract: public ones answer without a token.
PUBLIC_PATHS = {r.key for r in routes() if r.public}
AUTH_PATHS = {r.key for r in routes() if not r.public}
KNOWN_PATHS = {path for _, path in PUBLIC_PATHS | AUTH_PATHS}
# Routes whose body is an image, not JSON: their own types and size limit.
IMAGE_PATHS = {r.key for r in routes() if r.body == "image"}
IMAGE_TYPES = set(limit("image_types"))
ALLOWED_HEADERS = (
    "Authorization, Content-Type, X-Postguard-Nonce, X-Postguard-Pair, X-Postguard-Site, "
    "X-Postguard-Account"
)


def error(status: int, message: str) -> web.Response:
    response = web.json_response({"error": message}, status=status)
    return response


def proof(token: str, nonce: str) -> str:
    return hmac.new(token.encode("utf-8"), nonce.encode("utf-8"), hashlib.sha256).hexdigest()


def _count(request: web.Request, status: int) -> None:
    stats = request.app[STATS]
    stats[status] = stats.get(status, 0) + 1


@web.middleware
async def channel_guard(request: web.Request, handler: Handler) -> web.StreamResponse:
    response = await _guarded(request, handler)
    response.headers["Cache-Control"] = "no-store"
    response.headers["Vary"] = "Origin"
    response.headers["X-Content-Type-Options"] = "nosniff"
    _count(request, response.status)
    return response


@dataclass(slots=True)
class Passage:
    """One request on its way through the checks, and who the token check found it is from."""

    request: web.Request
    origin: str | None
    route: tuple[str, str]
    pair: Pair | None = None
    token: str | None = None

    @property
    def public(self) -> bool:
        return self.route in PUBLIC_PATHS


# A check answers the request itself (an error, a preflight, an identity proof) or returns
# None to let it go on to the next check.
Check = Callable[[Passage], web.Response | None]


async def _guarded(request: web.Request, handler: Handler) -> web.StreamResponse:
    passage = Passage(request, request.headers.get("Origin"), (request.method, request.path))
    for check in CHECKS:
        answer = check(passage)
        if answer is not None:
            return answer
    response = await handler(request)
    if passage.token is not None:  # a public route's answer names no origin and proves nothing
        _allow_origin(response, passage.origin)
        nonce = request.headers.get(NONCE_HEADER)
        if nonce and NONCE.fullmatch(nonce):
            response.headers["X-Postguard-Proof"] = proof(passage.token, nonce)
    return response


def _host_and_target(passage: Passage) -> web.Response | None:
    """1. The companion's own host and port, a path target, no doubled Origin or token."""
    request = passage.request
    port = _bound_port(request)
    if request.headers.get("Host", "") not in {f"127.0.0.1:{port}", f"localhost:{port}"}:
        return error(421, "Host must be 127.0.0.1 or localhost on the companion's port")
    # An absolute-form target (``POST http://evil.example/...``) names its own host, which
    # per RFC 9112 overrides Host; only a path is accepted.
    if not request.raw_path.startswith("/"):
        return error(421, "the request target must be a path on the companion")
    # Two Origins or two tokens are ambiguous: which one was checked is up to the parser.
    for name in ("Origin", "Authorization"):
        if len(request.headers.getall(name, ())) > 1:
            return error(400, f"more than one {name} header")
    return None


def _extension_origin(passage: Passage) -> web.Response | None:
    """2. Web pages (and ``null``) never reach the companion."""
    origin = passage.origin
    if origin is not None and not EXTENSION_ORIGIN.match(origin):
        return error(403, "requests from web pages are refused")
    return None


def _query_and_route(passage: Passage) -> web.Response | None:
    """3. No query strings; a known route and method; CORS preflights answered here."""
    request = passage.request
    if request.query_string:
        return error(400, "query strings are not accepted; send data in a JSON body")
    if request.method == "OPTIONS":
        if request.path not in KNOWN_PATHS:
            return error(404, "no such endpoint")
        return _preflight(request, passage.origin)
    if passage.route not in PUBLIC_PATHS and passage.route not in AUTH_PATHS:
        return error(405 if request.path in KNOWN_PATHS else 404, "no such endpoint")
    return None


def _body_size_and_type(passage: Passage) -> web.Response | None:
    """4. A body within its size limit, of the type its route takes."""
    request = passage.request
    if request.method != "POST":
        return None
    settings = request.app[SETTINGS]
    if passage.route in IMAGE_PATHS:
        limit = settings.max_image_body
        if request.content_length is not None and request.content_length > limit:
            return error(413, f"the image is larger than {limit // 2**20} MB")
        if request.content_type not in IMAGE_TYPES:
            return error(415, "Content-Type must be image/jpeg, image/png or image/webp")
    else:
        if request.content_length is not None and request.content_length > settings.max_body:
            return error(413, f"the body is larger than {settings.max_body} bytes")
        if request.content_type != "application/json":
            return error(415, "Content-Type must be application/json")
    return None


def _pairing_rate(passage: Passage) -> web.Response | None:
    """5. Public routes need no token; pairing attempts are metered while the window is open.

    Only while a pairing window is open: spam at a closed window costs nothing and must not
    empty the shared bucket before the person's real attempt.
    """
    app = passage.request.app
    pairing = passage.route == ("POST", "/v1/pair")
    if pairing and app[PAIRING].is_open() and not app[PAIR_RATE].allow("pair"):
        return error(429, "too many pairing attempts; wait a moment")
    return None


def _identity_probe(passage: Passage) -> web.Response | None:
    """6. Prove this is the companion that was paired, before the extension reveals its token.

    A bearer-token probe hands the token to whoever holds the port; this probe (a hello with
    no Authorization) names only the pair id and is answered with HMAC(key=SHA-256(token),
    nonce), which only the real companion (holding the stored hash in a file only its user can
    read) can compute.
    """
    request = passage.request
    if passage.route != ("POST", "/v1/hello") or "Authorization" in request.headers:
        return None
    nonce = request.headers.get(NONCE_HEADER)
    pair_id = request.headers.get("X-Postguard-Pair", "")
    pair = next((p for p in request.app[PAIRS].list() if p.id == pair_id), None)
    if pair is None or not nonce or not NONCE.fullmatch(nonce):
        return error(401, "an identity probe needs X-Postguard-Pair and X-Postguard-Nonce")
    # Not charged to the pair's request bucket: the pair id is not a secret (the extension
    # names it in every probe) and a local program can forge an Origin, so probes metered there
    # let anyone leave the real extension nothing but 429s, and by default its posts would go
    # out unchecked (found in review). A probe costs one HMAC.
    refused = _pinned_origin(passage, pair)
    if refused is not None:
        return refused
    response = web.json_response({"ok": True})
    _allow_origin(response, passage.origin)
    response.headers["X-Postguard-Proof"] = hmac.new(
        bytes.fromhex(pair.token_sha256), nonce.encode("utf-8"), hashlib.sha256
    ).hexdigest()
    return response


def _token_and_pinned_origin(passage: Passage) -> web.Response | None:
    """7. A paired token, sent from the very extension origin it was paired with."""
    pair, token = _authenticate(passage.request)
    if pair is None or token is None:
        return error(401, "a valid bearer token is required; pair with 'postguard pair'")
    passage.pair, passage.token = pair, token
    return _pinned_origin(passage, pair)


def _rate_limit(passage: Passage) -> web.Response | None:
    """8. Per-token rate limit (the checks meter their work on top, server/checking.py)."""
    assert passage.pair is not None  # set by the token check, which runs first
    refused = _within_rate(passage, passage.pair)
    if refused is None:
        passage.request[PAIR_ID] = passage.pair.id
    return refused


def _token_routes_only(check: Check) -> Check:
    """A check for the routes that need a token; public routes pass it."""

    def checked(passage: Passage) -> web.Response | None:
        return None if passage.public else check(passage)

    checked.__name__ = check.__name__
    return checked


CHECKS: tuple[Check, ...] = (
    _host_and_target,
    _extension_origin,
    _query_and_route,
    _body_size_and_type,
    _pairing_rate,
    _token_routes_only(_identity_probe),
    _token_routes_only(_token_and_pinned_origin),
    _token_routes_only(_rate_limit),
)


def _pinned_origin(passage: Passage, pair: Pair) -> web.Response | None:
    if passage.origin != pair.origin:
        return error(403, "this Origin is not the extension that was paired")
    return None


def _within_rate(passage: Passage, pair: Pair) -> web.Response | None:
    if not passage.request.app[RATE].allow(pair.id):
        return error(429, "too many requests; slow down")
    return None


def _allow_origin(response: web.StreamResponse, origin: str | None) -> None:
    if origin:
        response.headers["Access-Control-Allow-Origin"] = origin
        response.headers["Access-Control-Expose-Headers"] = "X-Postguard-Proof"


def _authenticate(request: web.Request) -> tuple[Pair | None, str | None]:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    token = token.strip()
    # Our tokens are URL-safe base64; anything else cannot match (and would not hash as UTF-8).
    if scheme.lower() != "bearer" or not token or not token.isascii():
        return None, None
    return request.app[PAIRS].authenticate(token), token


def _preflight(request: web.Request, origin: str | None) -> web.Response:
    """CORS preflight: answered only for an extension origin that is paired (or pairing)."""
    paired = {p.origin for p in request.app[PAIRS].list()}
    if origin is None or (origin not in paired and request.path != "/v1/pair"):
        return error(403, "CORS is allowed only for the paired extension")
    response = web.Response(status=204)
    response.headers["Access-Control-Allow-Origin"] = origin
    response.headers["Access-Control-Allow-Methods"] = "POST"
    response.headers["Access-Control-Allow-Headers"] = ALLOWED_HEADERS
    response.headers["Access-Control-Max-Age"] = "600"
    return response


def _bound_port(request: web.Request) -> int:
    sockname = request.transport.get_extra_info("sockname") if request.transport else None
    return int(sockname[1]) if sockname else 0


@web.middleware
async def never_crash(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Outermost: any failure becomes a JSON error; logs name the error, never the body."""
    try:
        return await handler(request)
    except web.HTTPRequestEntityTooLarge:
        return error(413, "the body is larger than the limit")
    except web.HTTPException as exc:
        return error(exc.status, exc.reason)
    except StateFileError:
        log.error("a state file in the data directory is unreadable")
        return error(503, "the companion's pairing data is unreadable; run 'postguard doctor'")
    except Exception as exc:
        log.error("internal error %s on %s", type(exc).__name__, request.path[:40])
        return error(500, "internal error")
