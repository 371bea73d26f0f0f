"""DPO → staff through a real HTTPS server on 127.0.0.1 with the school's own CA."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp import web

from tests.distribution.conftest import Machine, setup_args
from tests.distribution.tls import serving_tls


@pytest.fixture
async def https_share(share: Path, tmp_path: Path) -> AsyncIterator[tuple[str, Path]]:
    """Serve ``share/`` over HTTPS; yields (base URL, CA file)."""
    app = web.Application()
    app.router.add_static("/postguard/", share)
    async with serving_tls(app, tmp_path) as (port, ca_file):
        yield f"https://127.0.0.1:{port}/postguard", ca_file


async def in_thread(machine: Machine, *args: str) -> tuple[int, str, str]:
    # The CLI blocks; the test's loop must keep serving HTTPS meanwhile.
    return await asyncio.get_running_loop().run_in_executor(None, lambda: machine.run(*args))


async def test_bundle_over_https_with_the_schools_ca(
    dpo: Machine, keys: Path, share: Path, https_share: tuple[str, Path], machine
) -> None:
    base, ca_file = https_share
    dpo.bundle(share / "roster.pgbundle")
    staff = machine("staff")
    args = setup_args(f"{base}/roster.pgbundle", keys, "--ca-file", str(ca_file))
    code, out, err = await in_thread(staff, *args)
    assert code == 0, err
    assert "Installed roster bundle" in out
    assert "Tobias Quennell" in staff.names()


async def test_untrusted_certificate_is_refused_by_default(
    dpo: Machine, keys: Path, share: Path, https_share: tuple[str, Path], machine
) -> None:
    base, _ = https_share
    dpo.bundle(share / "roster.pgbundle")
    staff = machine("staff")
    code, _, err = await in_thread(staff, *setup_args(f"{base}/roster.pgbundle", keys))
    assert code == 1
    assert "certificate is not trusted" in err
    assert "--ca-file" in err
    assert len(err.strip().splitlines()) == 1
    assert staff.store().current_version() is None


async def test_http_error_is_reported(
    dpo: Machine, keys: Path, https_share: tuple[str, Path], machine
) -> None:
    base, ca_file = https_share
    staff = machine("staff")
    args = setup_args(f"{base}/nothing-here.pgbundle", keys, "--ca-file", str(ca_file))
    code, _, err = await in_thread(staff, *args)
    assert code == 1
    assert "answered HTTP 404" in err
