"""A client that trickles a request must not hold a connection for ever (slowloris).

aiohttp waits for ever on a partial body and an hour on partial headers by default; the
companion bounds both (``Settings.body_timeout_seconds``, ``idle_timeout_seconds``).
"""

from __future__ import annotations

import socket
import time

from companion.settings import Settings
from tests.cli.helpers import Companion


def _closed_within(sock: socket.socket, seconds: float) -> tuple[bool, bytes]:
    sock.settimeout(seconds)
    answer = b""
    try:
        while chunk := sock.recv(4096):
            answer += chunk
    except TimeoutError:
        return False, answer
    return True, answer


def test_partial_body_and_partial_headers_are_cut_off(companion: Companion) -> None:
    defaults = Settings()
    port = companion.port
    head = f"POST /v1/pair HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
    partial_body = socket.create_connection(("127.0.0.1", port))
    partial_body.sendall(
        (head + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n").encode()
        + b'{"code": "'
    )
    partial_headers = socket.create_connection(("127.0.0.1", port))
    partial_headers.sendall((head + "Content-Ty").encode())
    started = time.monotonic()
    with partial_body, partial_headers:
        closed, answer = _closed_within(partial_body, defaults.body_timeout_seconds + 15)
        assert closed and answer.startswith(b"HTTP/1.1 408"), answer[:100]
        closed, _ = _closed_within(
            partial_headers, defaults.idle_timeout_seconds + 10 - (time.monotonic() - started)
        )
        assert closed
    assert companion.get("/v1/health")["status"] == "ok"
