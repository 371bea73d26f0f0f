"""The handlers of the companion's HTTP API (server/http_contract.json says what each takes and
answers)."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from functools import partial
from typing import Any

from aiohttp import web

from companion import __version__
from companion.checks import ACCOUNTS, SITES, ImageRequest, Verdict
from companion.engine import Engine
from companion.instance import NONCE, NONCE_HEADER, PROOF_HEADER, instance_proof
from companion.photos import ImageRejected
from companion.server.contract import routes
from companion.server.pairs import PairingClosed, WrongCode, companion_pair_proof
from companion.server.security import error
from companion.server.state import (
    CHECKS,
    ENGINE,
    IMAGE_CHECKS,
    INSTANCE_KEY,
    PAIR_ID,
    PAIRING,
    PAIRS,
    RATE,
    SETTINGS,
)
from companion.server.validation import InvalidRequest, parse_contact, parse_pair, parse_post

log = logging.getLogger("postguard.server")


async def read_body(request: web.Request, limit: int) -> bytes:
    """The body, within ``limit`` bytes (413 past it, even when chunked) and the body deadline."""
    chunks: list[bytes] = []
    size = 0
    try:
        async with asyncio.timeout(request.app[SETTINGS].body_timeout_seconds):
            async for chunk in request.content.iter_chunked(64 * 1024):
                size += len(chunk)
                if size > limit:
                    raise web.HTTPRequestEntityTooLarge(max_size=limit, actual_size=size)
                chunks.append(chunk)
    except TimeoutError:
        raise web.HTTPRequestTimeout() from None
    except web.RequestPayloadError:
        # A Content-Encoding that does not decode, or broken chunking.
        raise InvalidRequest("the body could not be read (bad encoding or framing)") from None
    return b"".join(chunks)


async def _json_body(request: web.Request) -> Any:
    raw = await read_body(request, request.app[SETTINGS].max_body)
    try:
        return json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise InvalidRequest("the body is not UTF-8") from None
    except json.JSONDecodeError as exc:
        raise InvalidRequest(f"malformed JSON at line {exc.lineno} column {exc.colno}") from None
    except ValueError:
        # e.g. an integer longer than Python converts (sys.get_int_max_str_digits).
        raise InvalidRequest("malformed JSON: a number is too long") from None
    except RecursionError:  # "[[[[…" tens of thousands deep
        raise InvalidRequest("malformed JSON: nested too deeply") from None


def _roster_summary(request: web.Request) -> dict[str, object]:
    return request.app[ENGINE].snapshot.summary()


async def health(request: web.Request) -> web.Response:
    """ "degraded" (with the reason) while names are not checked or the roster is out of date."""
    reason = request.app[ENGINE].degraded_reason()
    body: dict[str, object] = {"status": "degraded" if reason else "ok", "version": __version__}
    if reason:
        body["reason"] = reason
    body["roster"] = _roster_summary(request)
    response = web.json_response(body)
    nonce = request.headers.get(NONCE_HEADER, "")
    key = request.app[INSTANCE_KEY]
    if key and NONCE.fullmatch(nonce):
        response.headers[PROOF_HEADER] = instance_proof(key, nonce)
    return response


async def hello(request: web.Request) -> web.Response:
    try:
        await _json_body(request)
    except InvalidRequest as exc:
        return error(400, str(exc))
    return web.json_response({"ok": True, "roster": _roster_summary(request)})


async def pair(request: web.Request) -> web.Response:
    try:
        asked = parse_pair(await _json_body(request))
    except InvalidRequest as exc:
        return error(400, str(exc))
    key = None
    try:
        if asked.proof and asked.nonce:
            key = request.app[PAIRING].redeem_proof(asked.nonce, asked.proof)
        else:
            request.app[PAIRING].redeem(asked.code or "")
    except WrongCode as exc:
        log.warning("pairing: wrong code (%d attempts left)", exc.attempts_left)
        return error(403, f"wrong pairing code; {exc.attempts_left} attempts left")
    except PairingClosed as exc:
        return error(403, str(exc))
    paired, token = request.app[PAIRS].add(asked.client, request.headers.get("Origin"))
    log.info("pairing: paired %s", paired.id)
    answer = {"token": token, "id": paired.id}
    if key is not None and asked.nonce:
        answer["proof"] = companion_pair_proof(key, asked.nonce, token, paired.id)
    return web.json_response(answer)


async def check_post(request: web.Request) -> web.Response:
    try:
        post = parse_post(await _json_body(request))
    except InvalidRequest as exc:
        return error(400, str(exc))
    if not _afford(request, len(post.text)):
        return error(429, "too much text checked too quickly; slow down")
    verdict = await request.app[CHECKS].run(request.app[ENGINE].check_post, post)
    _meter(request, verdict)
    return web.json_response(verdict.to_json())


async def check_image(request: web.Request) -> web.Response:
    """One attached image: bytes in, a verdict out. The bytes stay in memory for the check."""
    settings = request.app[SETTINGS]
    engine = request.app[ENGINE]
    try:
        image = ImageRequest(
            data=await read_body(request, settings.max_image_body),
            site=_header_choice(request, "X-Postguard-Site", SITES, "x"),
            account=_header_choice(request, "X-Postguard-Account", ACCOUNTS, "personal"),
        )
    except InvalidRequest as exc:
        return error(400, str(exc))
    try:
        verdict = await request.app[IMAGE_CHECKS].run(
            partial(
                engine.check_image,
                words_within=settings.image_words_seconds,
                # just inside the budget: the engine's own answer says which part was late,
                # and the check's thread is let go even when the worker is held
                within=settings.image_budget_seconds * 0.9,
            ),
            image,
            budget=settings.image_budget_seconds,
            on_timeout=lambda started: _photo_not_checked(engine, started),
        )
    except ImageRejected as exc:
        return error(400, str(exc))
    return web.json_response(verdict.to_json())


def _photo_not_checked(engine: Engine, started: float) -> Verdict:
    reason = "it took too long to check"
    finding = engine.photo_unchecked(reason)
    return Verdict(findings=[finding], elapsed_ms=(time.perf_counter() - started) * 1000.0)


def _header_choice(request: web.Request, name: str, choices: tuple[str, ...], default: str) -> str:
    """Where an image request says its site and account: headers, since its body is the image."""
    value = request.headers.get(name, default)
    if value not in choices:
        raise InvalidRequest(f"header {name} must be one of {', '.join(choices)}")
    return value


async def check_contact(request: web.Request) -> web.Response:
    try:
        contact = parse_contact(await _json_body(request))
    except InvalidRequest as exc:
        return error(400, str(exc))
    verdict = await request.app[CHECKS].run(request.app[ENGINE].check_contact, contact)
    _meter(request, verdict)
    return web.json_response(verdict.to_json())


# The rate limit meters work, not requests: the channel guard takes one token per request; a
# long text costs more before it is checked, and names found cost more after.
def _afford(request: web.Request, chars: int) -> bool:
    cost = chars // request.app[SETTINGS].rate_chars_per_token
    pair_id = request.get(PAIR_ID)
    return not (pair_id and cost) or request.app[RATE].allow(pair_id, cost)


def _meter(request: web.Request, verdict: Verdict) -> None:
    extra = verdict.names_reported // request.app[SETTINGS].rate_names_per_token
    pair_id = request.get(PAIR_ID)
    if pair_id and extra:
        request.app[RATE].charge(pair_id, extra)


HANDLERS = {
    "health": health,
    "pair": pair,
    "hello": hello,
    "check_post": check_post,
    "check_contact": check_contact,
    "check_image": check_image,
}


def add_routes(app: web.Application) -> None:
    """The one route table: the contract's routes (server/http_contract.json), each to its
    handler; the channel guard (server/security.py) reads the same list."""
    for route in routes():
        app.router.add_route(route.method, route.path, HANDLERS[route.operation])
