"""Channel security: every request passes these checks, in this order.

1. Host is exactly 127.0.0.1:PORT or localhost:PORT (defeats DNS rebinding); the target is a
   path (not absolute-form); at most one Origin and one Authorization header.
2. An Origin, when present, is an extension origin; web pages and ``null`` are refused.
3. No data in GETs or query strings; only the known routes and methods.
4. Size (64 KiB) and type (application/json) of the body.
5. Bearer token (constant-time), then the Origin pinned for that token at pairing.
6. Per-token rate limit.
Answers echo CORS only to the pinned origin, carry ``Vary: Origin`` and ``no-store``, and a
proof of the server's identity when the request carried a nonce.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
from collections.abc import Awaitable, Callable

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


async def _guarded(request: web.Request, handler: Handler) -> web.StreamResponse:
    settings = request.app[SETTINGS]
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

    origin = request.headers.get("Origin")
    if origin is not None and not EXTENSION_ORIGIN.match(origin):
        return error(403, "requests from web pages are refused")

    if request.query_string:
        return error(400, "query strings are not accepted; send data in a JSON body")

    route = (request.method, request.path)
    known = {path for _, path in PUBLIC_PATHS | AUTH_PATHS}
    if request.method == "OPTIONS":
        if request.path not in known:
            return error(404, "no such endpoint")
        return _preflight(request, origin)
    if route not in PUBLIC_PATHS and route not in AUTH_PATHS:
        return error(405 if request.path in known else 404, "no such endpoint")

    if request.method == "POST" and route in IMAGE_PATHS:
        limit = settings.max_image_body
        if request.content_length is not None and request.content_length > limit:
            return error(413, f"the image is larger than {limit // 2**20} MB")
        if request.content_type not in IMAGE_TYPES:
            return error(415, "Content-Type must be image/jpeg, image/png or image/webp")
    elif request.method == "POST":
        if request.content_length is not None and request.content_length > settings.max_body:
            return error(413, f"the body is larger than {settings.max_body} bytes")
        if request.content_type != "application/json":
            return error(415, "Content-Type must be application/json")

    if route in PUBLIC_PATHS:
        # Only while a pairing window is open: spam at a closed window costs nothing and must not
        # empty the shared bucket before the person's real attempt.
        pairing = route == ("POST", "/v1/pair")
        if pairing and request.app[PAIRING].is_open() and not request.app[PAIR_RATE].allow("pair"):
            return error(429, "too many pairing attempts; wait a moment")
        return await handler(request)

    nonce = request.headers.get(NONCE_HEADER)
    if route == ("POST", "/v1/hello") and "Authorization" not in request.headers:
        return _identity_probe(request, origin, nonce)

    pair, token = _authenticate(request)
    if pair is None or token is None:
        return error(401, "a valid bearer token is required; pair with 'postguard pair'")
    if origin != pair.origin:
        return error(403, "this Origin is not the extension that was paired")
    if not request.app[RATE].allow(pair.id):
        return error(429, "too many requests; slow down")
    request[PAIR_ID] = pair.id

    response = await handler(request)
    _allow_origin(response, origin)
    if nonce and NONCE.fullmatch(nonce):
        response.headers["X-Postguard-Proof"] = proof(token, nonce)
    return response


def _allow_origin(response: web.StreamResponse, origin: str | None) -> None:
    if origin:
        response.headers["Access-Control-Allow-Origin"] = origin
        response.headers["Access-Control-Expose-Headers"] = "X-Postguard-Proof"


def _identity_probe(request: web.Request, origin: str | None, nonce: str | None) -> web.Response:
    """Prove this is the companion that was paired, before the extension reveals its token.

    A bearer-token probe hands the token to whoever holds the port; this probe names only the
    pair id and is answered with HMAC(key=SHA-256(token), nonce), which only the real companion
    (holding the stored hash in a file only its user can read) can compute.
    """
    pair_id = request.headers.get("X-Postguard-Pair", "")
    pair = next((p for p in request.app[PAIRS].list() if p.id == pair_id), None)
    if pair is None or not nonce or not NONCE.fullmatch(nonce):
        return error(401, "an identity probe needs X-Postguard-Pair and X-Postguard-Nonce")
    if origin != pair.origin:
        return error(403, "this Origin is not the extension that was paired")
    if not request.app[RATE].allow(pair.id):
        return error(429, "too many requests; slow down")
    response = web.json_response({"ok": True})
    _allow_origin(response, origin)
    response.headers["X-Postguard-Proof"] = hmac.new(
        bytes.fromhex(pair.token_sha256), nonce.encode("utf-8"), hashlib.sha256
    ).hexdigest()
    return response


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
