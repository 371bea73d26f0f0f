"""Raw-socket HTTP for attacks the aiohttp client would normalise away."""

from __future__ import annotations

import socket
import time

ORIGIN = "chrome-extension://abcdefghijklmnopabcdefghijklmnop"


def exchange(port: int, data: bytes, timeout: float = 5.0) -> bytes:
    """Send ``data`` as is and return everything the server answers before it closes."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(data)
        chunks = []
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                chunk = sock.recv(65536)
            except TimeoutError:
                break
            if not chunk:
                break
            chunks.append(chunk)
        return b"".join(chunks)


def status_of(answer: bytes) -> int:
    return int(answer.split(b" ", 2)[1]) if answer.startswith(b"HTTP/") else 0


def request(
    port: int,
    path: str,
    body: bytes,
    *,
    token: str | None = None,
    origin: str | None = ORIGIN,
    extra: tuple[str, ...] = (),
    length: int | None = None,
) -> bytes:
    """One POST written out by hand; ``length`` overrides Content-Length."""
    lines = [f"POST {path} HTTP/1.1", f"Host: 127.0.0.1:{port}", "Content-Type: application/json"]
    if origin is not None:
        lines.append(f"Origin: {origin}")
    if token is not None:
        lines.append(f"Authorization: Bearer {token}")
    lines.extend(extra)
    if not any(h.lower().startswith("transfer-encoding") for h in extra):
        lines.append(f"Content-Length: {len(body) if length is None else length}")
    lines.append("Connection: close")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body
