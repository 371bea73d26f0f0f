"""The handlers of SPEC §4.2."""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

from aiohttp import web

from companion import __version__
from companion.server.pairs import PairingClosed, WrongCode
from companion.server.security import error
from companion.server.state import ENGINE, PAIRING, PAIRS, SETTINGS
from companion.server.validation import InvalidRequest, parse_contact, parse_pair, parse_post

log = logging.getLogger("postguard.server")


async def _json_body(request: web.Request) -> Any:
    try:
        async with asyncio.timeout(request.app[SETTINGS].body_timeout_seconds):
            raw = await request.read()
    except TimeoutError:
        raise web.HTTPRequestTimeout() from None
    except web.RequestPayloadError:
        # A Content-Encoding that does not decode, or broken chunking.
        raise InvalidRequest("the body could not be read (bad encoding or framing)") from None
    try:
        return json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise InvalidRequest("the body is not UTF-8") from None
    except json.JSONDecodeError as exc:
        raise InvalidRequest(f"malformed JSON at line {exc.lineno} column {exc.colno}") from None
    except ValueError:
        # e.g. an integer longer than Python converts (sys.get_int_max_str_digits).
        raise InvalidRequest("malformed JSON: a number is too long") from None


def _roster_summary(request: web.Request) -> dict[str, object]:
    return request.app[ENGINE].snapshot.summary()


async def health(request: web.Request) -> web.Response:
    """ "degraded" (with the reason) while names are not checked or the roster is out of date."""
    reason = request.app[ENGINE].degraded_reason()
    body: dict[str, object] = {"status": "degraded" if reason else "ok", "version": __version__}
    if reason:
        body["reason"] = reason
    body["roster"] = _roster_summary(request)
    return web.json_response(body)


async def hello(request: web.Request) -> web.Response:
    try:
        await _json_body(request)
    except InvalidRequest as exc:
        return error(400, str(exc))
    return web.json_response({"ok": True, "roster": _roster_summary(request)})


async def pair(request: web.Request) -> web.Response:
    try:
        code, client = parse_pair(await _json_body(request))
    except InvalidRequest as exc:
        return error(400, str(exc))
    try:
        request.app[PAIRING].redeem(code)
    except WrongCode as exc:
        log.warning("pairing: wrong code (%d attempts left)", exc.attempts_left)
        return error(403, f"wrong pairing code; {exc.attempts_left} attempts left")
    except PairingClosed as exc:
        return error(403, str(exc))
    paired, token = request.app[PAIRS].add(client, request.headers.get("Origin"))
    log.info("pairing: paired %s", paired.id)
    return web.json_response({"token": token, "id": paired.id})


async def check_post(request: web.Request) -> web.Response:
    try:
        post = parse_post(await _json_body(request))
    except InvalidRequest as exc:
        return error(400, str(exc))
    # Checks take well under a millisecond; a thread hop would cost more than it saves.
    verdict = request.app[ENGINE].check_post(post)
    return web.json_response(verdict.to_json())


async def check_contact(request: web.Request) -> web.Response:
    try:
        contact = parse_contact(await _json_body(request))
    except InvalidRequest as exc:
        return error(400, str(exc))
    verdict = request.app[ENGINE].check_contact(contact)
    return web.json_response(verdict.to_json())


def add_routes(app: web.Application) -> None:
    app.router.add_get("/v1/health", health, allow_head=False)
    app.router.add_post("/v1/pair", pair)
    app.router.add_post("/v1/hello", hello)
    app.router.add_post("/v1/check/post", check_post)
    app.router.add_post("/v1/check/contact", check_contact)
