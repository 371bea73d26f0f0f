"""Channel attacks written byte by byte (SPEC §4.3): only the paired extension gets a verdict."""

from __future__ import annotations

import pytest

from tests.cli.helpers import Companion
from tests.security.rawhttp import ORIGIN, exchange, request, status_of

BODY = b'{"text": "Well done Josh Smith"}'


@pytest.fixture
def companion(companion_of_module: Companion) -> Companion:
    return companion_of_module  # every test here is refused or answered, nothing changed


@pytest.fixture
def token(token_of_module: str) -> str:
    return token_of_module


def _with_headers(
    companion: Companion,
    token: str,
    *headers: str,
    path: str = "/v1/check/post",
    origin: str | None = ORIGIN,
) -> bytes:
    return exchange(
        companion.port,
        request(companion.port, path, BODY, token=token, origin=origin, extra=headers),
    )


def test_baseline_the_paired_extension_gets_a_verdict(companion: Companion, token: str) -> None:
    answer = _with_headers(companion, token)
    assert status_of(answer) == 200 and b'"verdict": "block"' in answer


@pytest.mark.parametrize(
    "origin",
    [
        ORIGIN.upper(),
        ORIGIN + "/",
        ORIGIN + ".evil",
        ORIGIN.replace("chrome-extension", "Chrome-Extension"),
        "chrome-extension://ponmlkjihgfedcbaponmlkjihgfedcba",
        "null",
        "http://127.0.0.1",
    ],
)
def test_origin_tricks_are_refused(companion: Companion, token: str, origin: str) -> None:
    assert status_of(_with_headers(companion, token, origin=origin)) == 403


def test_a_second_origin_header_is_refused(companion: Companion, token: str) -> None:
    answer = _with_headers(companion, token, "Origin: https://evil.example")
    assert status_of(answer) in {400, 403}, answer[:200]
    assert b"verdict" not in answer


def test_a_second_authorization_header_is_refused(companion: Companion, token: str) -> None:
    answer = _with_headers(companion, token, "Authorization: Bearer not-the-token")
    assert status_of(answer) in {400, 401}, answer[:200]
    assert b"verdict" not in answer


@pytest.mark.parametrize(
    "target",
    [
        "http://evil.example/v1/check/post",
        "HTTP://EVIL.EXAMPLE:80/v1/check/post",
        "http://evil.example/v1/health",
    ],
)
def test_absolute_form_targets_naming_another_host_are_refused(
    companion: Companion, token: str, target: str
) -> None:
    raw = request(companion.port, "/v1/check/post", BODY, token=token)
    method = b"GET " if target.endswith("health") else b"POST "
    raw = method + target.encode() + raw[raw.index(b" HTTP/1.1") :]
    answer = exchange(companion.port, raw)
    assert status_of(answer) in {400, 421}, answer[:200]
    assert b"verdict" not in answer and b"roster" not in answer


def test_duplicate_host_and_http10_without_host(companion: Companion, token: str) -> None:
    port = companion.port
    dup = request(port, "/v1/check/post", BODY, token=token, extra=("Host: evil.example",))
    assert status_of(exchange(port, dup)) in {400, 421}
    no_host = (
        request(port, "/v1/check/post", BODY, token=token)
        .replace(f"Host: 127.0.0.1:{port}\r\n".encode(), b"")
        .replace(b"HTTP/1.1", b"HTTP/1.0")
    )
    assert status_of(exchange(port, no_host)) == 421


@pytest.mark.parametrize("target", ["/anything", "*", "/v1/health/../pair", "/v1/"])
def test_preflight_only_for_the_api_routes(companion: Companion, token: str, target: str) -> None:
    raw = (
        f"OPTIONS {target} HTTP/1.1\r\nHost: 127.0.0.1:{companion.port}\r\nOrigin: {ORIGIN}\r\n"
        "Access-Control-Request-Method: POST\r\nConnection: close\r\n\r\n"
    ).encode()
    answer = exchange(companion.port, raw)
    assert status_of(answer) in {400, 404, 421}, answer[:200]
    assert b"Access-Control-Allow-Origin" not in answer


def test_the_paired_extension_still_gets_a_verdict_after_every_attack(
    companion: Companion, token: str
) -> None:
    """Last in the module: the refusals above neither stopped nor locked out the companion."""
    test_baseline_the_paired_extension_gets_a_verdict(companion, token)
