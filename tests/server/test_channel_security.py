"""SPEC §4.3: every probe from anything but the paired extension is refused, never a 500."""

from __future__ import annotations

import hashlib
import hmac
import json

import pytest

from companion.server import create_app
from companion.server.pairs import companion_pair_proof, normalise_code
from companion.settings import Settings
from tests.server.conftest import (
    EXTENSION,
    OTHER_EXTENSION,
    Paired,
    open_pairing_window,
    pair_with,
)

JSON = {"Content-Type": "application/json"}
POST_BODY = json.dumps({"text": "hello"})


async def _error(response) -> str:
    body = await response.json()
    assert set(body) == {"error"}
    return body["error"]


async def test_no_token_is_401(paired: Paired) -> None:
    response = await paired.client.post(
        "/v1/check/post", data=POST_BODY, headers={**JSON, "Origin": EXTENSION}
    )
    assert response.status == 401
    assert "token" in await _error(response)


async def test_wrong_token_is_401(paired: Paired) -> None:
    headers = paired.headers(Authorization="Bearer " + "A" * 43)
    response = await paired.client.post("/v1/check/post", data=POST_BODY, headers=headers)
    assert response.status == 401


@pytest.mark.parametrize(
    "origin",
    [OTHER_EXTENSION, "null", "https://evil.example", "http://127.0.0.1:8765", "moz-extension://x"],
)
async def test_foreign_origins_are_403(paired: Paired, origin: str) -> None:
    response = await paired.client.post(
        "/v1/check/post", data=POST_BODY, headers=paired.headers(Origin=origin)
    )
    assert response.status == 403
    assert "Access-Control-Allow-Origin" not in response.headers


async def test_missing_origin_is_refused_for_a_token_pinned_to_an_origin(paired: Paired) -> None:
    headers = paired.headers()
    del headers["Origin"]
    response = await paired.client.post("/v1/check/post", data=POST_BODY, headers=headers)
    assert response.status == 403


@pytest.mark.parametrize(
    "host", ["evil.example:{port}", "127.0.0.1:1", "localhost", "0.0.0.0:{port}"]
)
async def test_foreign_host_is_421(paired: Paired, host: str) -> None:
    host = host.format(port=paired.client.port)
    response = await paired.client.post(
        "/v1/check/post", data=POST_BODY, headers=paired.headers(Host=host)
    )
    assert response.status == 421
    health = await paired.client.get("/v1/health", headers={"Host": host})
    assert health.status == 421


async def test_text_plain_is_415(paired: Paired) -> None:
    response = await paired.client.post(
        "/v1/check/post", data=POST_BODY, headers=paired.headers(**{"Content-Type": "text/plain"})
    )
    assert response.status == 415


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("{not json", "malformed JSON"),
        ("[1, 2]", "JSON object"),
        ("{}", "'text' is required"),
        ('{"text": 5}', "'text' must be a string"),
        ('{"text": "hi", "site": "myspace"}', "'site' must be one of"),
        ('{"text": "hi", "context": 3}', "'context'"),
        ('{"text": "hi", "account": "admin"}', "'account'"),
        ('{"text": "hi", "attachments": {}}', "'attachments'"),
        ('{"text": "hi", "attachments": [{"faces": -1}]}', "'attachments[0].faces'"),
    ],
)
async def test_malformed_bodies_name_the_problem(paired: Paired, body: str, expected: str) -> None:
    response = await paired.client.post("/v1/check/post", data=body, headers=paired.headers())
    assert response.status == 400
    assert expected in await _error(response)


async def test_non_utf8_body_is_400(paired: Paired) -> None:
    response = await paired.client.post(
        "/v1/check/post", data=b'{"text": "\xff\xfe"}', headers=paired.headers()
    )
    assert response.status == 400


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("{}", "'name' is required"),
        ('{"name": "  "}', "'name' must not be empty"),
        ('{"name": "A B", "action": "poke"}', "'action'"),
    ],
)
async def test_malformed_contact_bodies(paired: Paired, body: str, expected: str) -> None:
    response = await paired.client.post("/v1/check/contact", data=body, headers=paired.headers())
    assert response.status == 400
    assert expected in await _error(response)


async def test_100kb_body_is_413(paired: Paired) -> None:
    body = json.dumps({"text": "a" * 100_000})
    response = await paired.client.post("/v1/check/post", data=body, headers=paired.headers())
    assert response.status == 413


async def test_chunked_oversized_body_is_413(paired: Paired) -> None:
    async def chunks():
        yield b'{"text": "'
        for _ in range(20):
            yield b"b" * 8192
        yield b'"}'

    response = await paired.client.post("/v1/check/post", data=chunks(), headers=paired.headers())
    assert response.status == 413


async def test_query_strings_are_refused(paired: Paired) -> None:
    response = await paired.client.get("/v1/health?text=Josh+Smith")
    assert response.status == 400


async def test_unknown_paths_and_methods(paired: Paired) -> None:
    assert (await paired.client.get("/v1/check/post", headers=paired.headers())).status == 405
    assert (await paired.client.get("/v1/names")).status == 404
    assert (await paired.client.get("/")).status == 404


async def test_cors_preflight_from_a_web_page_is_refused(paired: Paired) -> None:
    response = await paired.client.options(
        "/v1/check/post",
        headers={"Origin": "https://www.facebook.com", "Access-Control-Request-Method": "POST"},
    )
    assert response.status == 403
    assert "Access-Control-Allow-Origin" not in response.headers


async def test_cors_answers_only_the_paired_origin_never_star(paired: Paired) -> None:
    preflight = await paired.client.options(
        "/v1/check/post",
        headers={"Origin": EXTENSION, "Access-Control-Request-Method": "POST"},
    )
    assert preflight.status == 204
    assert preflight.headers["Access-Control-Allow-Origin"] == EXTENSION
    response = await paired.post("/v1/check/post", {"text": "hi"})
    assert response.headers["Access-Control-Allow-Origin"] == EXTENSION
    assert response.headers["Vary"] == "Origin"
    assert response.headers["Cache-Control"] == "no-store"
    other = await paired.client.options(
        "/v1/check/post",
        headers={"Origin": OTHER_EXTENSION, "Access-Control-Request-Method": "POST"},
    )
    assert other.status == 403


async def test_nonce_gets_an_hmac_proof_keyed_by_the_token(paired: Paired) -> None:
    nonce = "0123456789abcdef0123456789abcdef"
    response = await paired.post("/v1/hello", {}, **{"X-Postguard-Nonce": nonce})
    expected = hmac.new(paired.token.encode(), nonce.encode(), hashlib.sha256).hexdigest()
    assert response.headers["X-Postguard-Proof"] == expected
    plain = await paired.post("/v1/hello", {})
    assert "X-Postguard-Proof" not in plain.headers


async def test_no_proof_for_an_unauthenticated_request(paired: Paired) -> None:
    headers = {**JSON, "Origin": EXTENSION, "X-Postguard-Nonce": "0123456789abcdef0123"}
    response = await paired.client.post(
        "/v1/hello", data="{}", headers={**headers, "Authorization": "Bearer nope"}
    )
    assert response.status == 401
    assert "X-Postguard-Proof" not in response.headers


async def test_identity_probe_proves_the_server_without_the_token(paired: Paired) -> None:
    nonce = "fedcba9876543210fedcba9876543210"
    headers = {
        **JSON,
        "Origin": EXTENSION,
        "X-Postguard-Nonce": nonce,
        "X-Postguard-Pair": paired.pair_id,
    }
    response = await paired.client.post("/v1/hello", data="{}", headers=headers)
    assert response.status == 200
    key = hashlib.sha256(paired.token.encode()).digest()
    assert (
        response.headers["X-Postguard-Proof"]
        == hmac.new(key, nonce.encode(), hashlib.sha256).hexdigest()
    )
    # The probe reveals nothing about the roster, and is pinned to the paired origin too.
    assert await response.json() == {"ok": True}
    wrong = await paired.client.post(
        "/v1/hello", data="{}", headers={**headers, "Origin": OTHER_EXTENSION}
    )
    assert wrong.status == 403
    # The probe names the pair, so pair ids must not be guessable: 64 random bits.
    assert len(paired.pair_id) == 16 and int(paired.pair_id, 16) >= 0
    unknown = await paired.client.post(
        "/v1/hello", data="{}", headers={**headers, "X-Postguard-Pair": "00000000"}
    )
    assert unknown.status == 401


async def test_rate_limit_per_token(aiohttp_client, settings: Settings, capsys) -> None:
    # A refill too slow to matter while the test runs: the burst is all there is.
    slow = settings.with_(rate_burst=10, rate_per_second=0.0001)
    paired = await pair_with(await aiohttp_client(create_app(slow)), capsys)
    statuses = [(await paired.post("/v1/hello", {})).status for _ in range(12)]
    assert statuses == [200] * 10 + [429, 429]


async def test_pairing_code_is_single_use(client, capsys) -> None:
    code = open_pairing_window(capsys)
    body = json.dumps({"code": code, "client": "one"})
    headers = {**JSON, "Origin": EXTENSION}
    assert (await client.post("/v1/pair", data=body, headers=headers)).status == 200
    reused = await client.post("/v1/pair", data=body, headers=headers)
    assert reused.status == 403
    assert "postguard pair" in await _error(reused)


@pytest.fixture
async def unlimited(aiohttp_client, settings: Settings):
    """The pairing rate limit opened wide: what is tested must hold without its help."""
    return await aiohttp_client(
        create_app(settings.with_(pair_rate_per_second=1000.0, pair_rate_burst=1000))
    )


async def test_five_wrong_codes_close_the_window(unlimited, capsys) -> None:
    client = unlimited
    code = open_pairing_window(capsys)
    headers = {**JSON, "Origin": EXTENSION}
    for attempt in range(5):
        guess = json.dumps({"code": f"AAAA-AAA{attempt}", "client": "guesser"})
        response = await client.post("/v1/pair", data=guess, headers=headers)
        assert response.status == 403
    right = await client.post(
        "/v1/pair", data=json.dumps({"code": code, "client": "late"}), headers=headers
    )
    assert right.status == 403
    assert "pairing window" in (await right.json())["error"]
    assert (await client.get("/v1/health")).status == 200


def _proof(code: str, nonce: str) -> str:
    key = hashlib.sha256(normalise_code(code).encode()).digest()
    return hmac.new(key, f"postguard-pair-extension|{nonce}".encode(), hashlib.sha256).hexdigest()


async def test_pairing_by_proof_never_needs_the_code_and_proves_the_companion(
    unlimited, capsys
) -> None:
    client = unlimited
    code = open_pairing_window(capsys)
    headers = {**JSON, "Origin": EXTENSION}
    nonce = "ab" * 16
    wrong = {"client": "c", "nonce": nonce, "proof": _proof("WRNG-CODE", nonce)}
    response = await client.post("/v1/pair", data=json.dumps(wrong), headers=headers)
    assert response.status == 403 and "4 attempts left" in (await response.json())["error"]
    right = {"client": "c", "nonce": nonce, "proof": _proof(code, nonce)}
    response = await client.post("/v1/pair", data=json.dumps(right), headers=headers)
    assert response.status == 200
    body = await response.json()
    key = hashlib.sha256(normalise_code(code).encode()).digest()
    expected = companion_pair_proof(key, nonce, body["token"], body["id"])
    assert body["proof"] == expected


async def test_pairing_from_a_web_page_is_refused(client, capsys) -> None:
    code = open_pairing_window(capsys)
    response = await client.post(
        "/v1/pair",
        data=json.dumps({"code": code, "client": "evil"}),
        headers={**JSON, "Origin": "https://x.com"},
    )
    assert response.status == 403


async def test_revoked_pair_is_401(paired: Paired, capsys) -> None:
    from companion.cli.main import main as cli

    assert cli(["pairs", "revoke", paired.pair_id]) == 0
    response = await paired.post("/v1/hello", {})
    assert response.status == 401


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"\x00\x01\x02",
        b"null",
        b"true",
        b'"text"',
        b"{" * 5000 + b"}" * 5000,
        b'{"text": "\\ud800"}',
        b'{"text": "a", "attachments": [1, 2]}',
    ],
)
async def test_junk_never_causes_a_500(paired: Paired, raw: bytes) -> None:
    for path in ("/v1/check/post", "/v1/check/contact", "/v1/hello", "/v1/pair"):
        response = await paired.client.post(path, data=raw, headers=paired.headers())
        assert response.status < 500, (path, raw[:20], await response.text())


async def test_corrupt_pairs_file_is_a_clear_503_not_a_crash(paired: Paired, settings) -> None:
    settings.pairs_file.write_text("{not json")
    response = await paired.post("/v1/check/post", {"text": "hi"})
    assert response.status == 503
    assert "postguard doctor" in await _error(response)
    assert (await paired.client.get("/v1/health")).status == 200


async def test_pair_spam_at_a_closed_window_does_not_starve_the_real_pairing(
    client, capsys
) -> None:
    headers = {**JSON, "Origin": EXTENSION}
    spam = json.dumps({"code": "AAAA-AAAA", "client": "spammer"})
    for _ in range(30):  # no window open: refused at once, and the bucket is left alone
        assert (await client.post("/v1/pair", data=spam, headers=headers)).status == 403
    code = open_pairing_window(capsys)
    right = json.dumps({"code": code, "client": "Chrome"})
    assert (await client.post("/v1/pair", data=right, headers=headers)).status == 200
