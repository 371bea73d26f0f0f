"""A party without the token cannot use up the paired extension's rate limit: identity probes
(a hello with X-Postguard-Pair and no token) are not charged to the pair's request bucket.

Anybody who knows the pair id can send a probe: the program squatting the port the extension
probes (the probe names the pair id in the clear, by design), the service log ("pairing:
paired <id>"), 'pairs list'; and a local program can forge any Origin header. Charged to the
pair's own bucket (found in review), a few dozen probes a second left the real extension
nothing but 429s: its probe failed as "refused" and, in the default fail-open mode, the post
went out unchecked.
"""

from __future__ import annotations

import json

from companion.server import create_app
from companion.settings import Settings
from tests.server.conftest import EXTENSION, pair_with


async def test_probes_without_the_token_cannot_lock_out_the_paired_extension(
    aiohttp_client, settings: Settings, capsys
) -> None:
    # A refill too slow to matter while the test runs: the burst is all there is.
    slow = settings.with_(rate_burst=10, rate_per_second=0.0001)
    paired = await pair_with(await aiohttp_client(create_app(slow)), capsys)
    # The attacker knows only the pair id; the Origin header is forged (a local program can).
    probe = {
        "Content-Type": "application/json",
        "Origin": EXTENSION,
        "X-Postguard-Pair": paired.pair_id,
        "X-Postguard-Nonce": "0123456789abcdef0123456789abcdef",
    }
    for _ in range(20):
        await paired.client.post("/v1/hello", data="{}", headers=probe)
    # The real extension, with its token, has sent nothing yet: its check must still be judged.
    answer = await paired.post("/v1/check/post", {"text": "Well done Josh Smith"})
    assert answer.status == 200, (answer.status, await answer.text())
    assert json.loads(await answer.text())["verdict"] == "block"
