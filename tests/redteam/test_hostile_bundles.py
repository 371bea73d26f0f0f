"""Hostile bundle sources: a FIFO on the share, a forged header, an HTTPS host that redirects to
plain http. Each is a one-line refusal, the roster in force kept, the pull record up to date."""

from __future__ import annotations

import os
import struct
from pathlib import Path

import pytest
from aiohttp import web

from companion.distribution.bundle import MAGIC
from companion.distribution.config import load_state
from tests.distribution.conftest import Machine, setup_args
from tests.distribution.test_roundtrip_https import in_thread
from tests.distribution.tls import serving_tls


def test_a_fifo_on_the_share_is_refused_without_hanging(staff: Machine, share: Path) -> None:
    bundle = share / "roster.pgbundle"
    bundle.unlink()
    os.mkfifo(bundle)  # nobody ever writes to it: a blocking read would wait for ever
    code, out = staff.fetch()
    assert code != 0 and "not a regular file" in out
    assert "not a regular file" in load_state(staff.home).last_error


@pytest.mark.parametrize(
    "header",
    [
        b'{"format": 1, "ciphertext_length": Infinity}',
        b'{"format": 1, "ciphertext_length": NaN}',
        b'{"format": 1, "x": ' + b"[" * 50_000 + b"]" * 50_000 + b"}",
    ],
)
def test_a_forged_bundle_header_is_a_clear_refusal(
    staff: Machine, share: Path, header: bytes
) -> None:
    (share / "roster.pgbundle").write_bytes(MAGIC + struct.pack(">I", len(header)) + header)
    code, out = staff.fetch()
    assert code != 0
    assert "Traceback" not in out and "unexpected" not in out
    last_error = load_state(staff.home).last_error or ""
    assert "corrupt" in last_error or "could not be read" in last_error


@pytest.fixture
async def redirecting(tmp_path: Path):
    """An HTTPS host whose bundle address redirects to plain http."""

    async def moved(request: web.Request) -> web.Response:
        raise web.HTTPFound("http://127.0.0.1:9/roster.pgbundle")

    app = web.Application()
    app.router.add_get("/roster.pgbundle", moved)
    async with serving_tls(app, tmp_path) as (port, ca_file):
        yield f"https://127.0.0.1:{port}/roster.pgbundle", ca_file


async def test_a_redirect_to_plain_http_is_refused(
    keys: Path, redirecting: tuple[str, Path], machine
) -> None:
    url, ca_file = redirecting
    staff = machine("staff")
    code, _, err = await in_thread(staff, *setup_args(url, keys, "--ca-file", str(ca_file)))
    assert code != 0
    assert "not https" in err and "Traceback" not in err
