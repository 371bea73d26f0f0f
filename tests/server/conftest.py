"""A real companion app on a real loopback socket (aiohttp's TestServer), paired for real."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient

from companion.cli.main import main as cli
from companion.server import create_app
from companion.settings import Settings

EXTENSION = "chrome-extension://abcdefghijklmnopabcdefghijklmnop"
OTHER_EXTENSION = "chrome-extension://ponmlkjihgfedcbaponmlkjihgfedcba"


@dataclass
class Paired:
    client: TestClient
    token: str
    pair_id: str
    origin: str = EXTENSION

    def headers(self, **extra: str) -> dict[str, str]:
        return {
            "Authorization": f"Bearer {self.token}",
            "Origin": self.origin,
            "Content-Type": "application/json",
            **extra,
        }

    async def post(self, path: str, body: object, **headers: str):
        return await self.client.post(path, data=json.dumps(body), headers=self.headers(**headers))


def open_pairing_window(capsys: pytest.CaptureFixture[str]) -> str:
    """Run the real ``postguard pair --json`` and return its code."""
    capsys.readouterr()
    assert cli(["pair", "--json"]) == 0
    return json.loads(capsys.readouterr().out)["code"]


@pytest.fixture
def settings(postguard_home: Path) -> Settings:
    return Settings(home=postguard_home, demo=True, rate_burst=30, rate_per_second=5)


@pytest.fixture
async def client(aiohttp_client, settings: Settings) -> TestClient:
    return await aiohttp_client(create_app(settings))


async def pair_with(client: TestClient, capsys: pytest.CaptureFixture[str]) -> Paired:
    """Pair ``client`` for real: a window opened by the CLI, its code redeemed over HTTP."""
    code = open_pairing_window(capsys)
    response = await client.post(
        "/v1/pair",
        data=json.dumps({"code": code, "client": "Chrome on test"}),
        headers={"Origin": EXTENSION, "Content-Type": "application/json"},
    )
    assert response.status == 200, await response.text()
    body = await response.json()
    return Paired(client=client, token=body["token"], pair_id=body["id"])


@pytest.fixture
async def paired(client: TestClient, capsys: pytest.CaptureFixture[str]) -> Paired:
    return await pair_with(client, capsys)
