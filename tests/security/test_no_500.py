"""Hostile or broken requests get a 4xx JSON error, never a 500 (SPEC §4.2)."""

from __future__ import annotations

import pytest

from tests.cli.helpers import Companion
from tests.security.rawhttp import exchange, request, status_of

BODY = b'{"text": "Well done Josh Smith"}'


@pytest.fixture
def companion(companion_of_module: Companion) -> Companion:
    return companion_of_module  # one for the module: each test is answered, nothing changed


@pytest.fixture
def token(token_of_module: str) -> str:
    return token_of_module


@pytest.mark.parametrize(
    "authorization",
    [b"Bearer \xff\xfeabc", b"Bearer \xed\xa0\x80", b"Bearer \xc3\xa9t\xc3\xa9"],
    ids=["latin-1", "surrogate", "utf-8"],
)
def test_non_ascii_bearer_token_is_401(
    companion: Companion, token: str, authorization: bytes
) -> None:
    raw = request(companion.port, "/v1/check/post", BODY).replace(
        b"Content-Length", b"Authorization: " + authorization + b"\r\nContent-Length"
    )
    assert status_of(exchange(companion.port, raw)) == 401


@pytest.mark.parametrize("encoding", ["gzip", "deflate", "br", "zstd"])
def test_undecodable_content_encoding_is_400(
    companion: Companion, token: str, encoding: str
) -> None:
    raw = request(
        companion.port,
        "/v1/check/post",
        BODY,
        token=token,
        extra=(f"Content-Encoding: {encoding}",),
    )
    answer = exchange(companion.port, raw)
    assert status_of(answer) in {400, 415}, answer[:200]


@pytest.mark.parametrize(
    "body",
    [
        b'{"text": "a", "attachments": [{"faces": ' + b"9" * 5000 + b"}]}",
        b'{"text": ' + b"1" * 5000 + b"}",
    ],
    ids=["huge-int-faces", "huge-int-text"],
)
def test_numbers_too_long_to_convert_are_400(companion: Companion, token: str, body: bytes) -> None:
    answer = exchange(companion.port, request(companion.port, "/v1/check/post", body, token=token))
    assert status_of(answer) == 400, answer[:200]
    assert b'"error"' in answer


def test_the_companion_still_answers_the_paired_extension_after_all_of_them(
    companion: Companion, token: str
) -> None:
    """Last in the module: nothing above broke or locked out the companion they all went to."""
    answer = exchange(companion.port, request(companion.port, "/v1/check/post", BODY, token=token))
    assert status_of(answer) == 200 and b'"verdict": "block"' in answer
