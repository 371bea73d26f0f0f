"""Malformed requests must not make the companion log the bytes they carried (SPEC §4.3.5, §6.2)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.helpers import Companion
from tests.security.rawhttp import exchange, request, status_of

SECRET = "Zoe Brennan-Hughes cried in class qvxz-4417"


def test_parser_errors_log_no_request_bytes(postguard_home: Path) -> None:
    body = json.dumps({"text": SECRET}).encode()
    with Companion(postguard_home, "--demo") as companion:
        token = companion.pair("chrome-extension://abcdefghijklmnopabcdefghijklmnop")
        port = companion.port
        attacks = [
            # A chunked body whose "chunk size" is the post itself.
            request(
                port,
                "/v1/check/post",
                body + b"\r\n0\r\n\r\n",
                token=token,
                extra=("Transfer-Encoding: chunked",),
            ),
            # A Content-Length counted in characters, short of the bytes: the rest of the body
            # is read as the next request line.
            request(port, "/v1/check/post", body, token=token, length=len(body) - len(SECRET)),
            # A header line over the limit that is the post itself.
            request(port, "/v1/check/post", b"{}", token=token, extra=("X-Text: " + SECRET * 400,)),
            # A header with a bare LF, carrying the post.
            request(
                port,
                "/v1/check/post",
                b"{}",
                token=token,
                extra=("X-Text: " + SECRET + "\nX-More: 1",),
            ),
        ]
        for attack in attacks:
            assert 400 <= status_of(exchange(port, attack)) < 500
        assert companion.get("/v1/health")["status"] == "ok"
    out = companion.output
    assert "(other) 400" in out  # the access log recorded the refusals…
    for fragment in ("qvxz-4417", "Brennan", "cried in class", token):
        assert fragment not in out  # …and nothing of what they carried
    assert "Traceback" not in out
