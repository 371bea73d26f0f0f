"""Is our companion answering on the port, something else, or nothing?"""

from __future__ import annotations

import hmac
import json
import secrets
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from companion.instance import NONCE_HEADER, PROOF_HEADER, instance_key, instance_proof


class PortState(StrEnum):
    OURS = "ours"
    FREE = "free"
    FOREIGN = "foreign"


@dataclass(frozen=True, slots=True)
class HealthProbe:
    state: PortState
    health: dict[str, Any] | None = None
    detail: str = ""


def probe_health(
    port: int, host: str = "127.0.0.1", timeout: float = 2.0, home: Path | None = None
) -> HealthProbe:
    """What answers on the port. With ``home``, "ours" also means: the companion of that data
    directory, proven by its instance key (see companion.instance)."""
    url = f"http://{host}:{port}/v1/health"
    nonce = secrets.token_hex(16)
    request = urllib.request.Request(url, headers={NONCE_HEADER: nonce})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (http://127.0.0.1)
            body = response.read(64 * 1024)
            proof = response.headers.get(PROOF_HEADER, "")
    except urllib.error.HTTPError as exc:
        return HealthProbe(PortState.FOREIGN, detail=f"it answered /v1/health with HTTP {exc.code}")
    except (ConnectionRefusedError, urllib.error.URLError) as exc:
        reason = getattr(exc, "reason", exc)
        if isinstance(reason, ConnectionRefusedError):
            return HealthProbe(PortState.FREE, detail="nothing is listening")
        if isinstance(reason, TimeoutError | socket.timeout):
            return HealthProbe(
                PortState.FOREIGN, detail="something holds the port but never answers"
            )
        return HealthProbe(PortState.FOREIGN, detail=f"it did not speak HTTP ({reason})")
    except (TimeoutError, OSError) as exc:
        return HealthProbe(PortState.FOREIGN, detail=f"it did not answer in time ({exc})")
    try:
        health = json.loads(body)
    except ValueError:
        return HealthProbe(PortState.FOREIGN, detail="it answered /v1/health with something else")
    # "degraded" is still our companion: running, but checking without (current) names.
    ours = isinstance(health, dict) and health.get("status") in ("ok", "degraded")
    if ours and "roster" in health:
        if home is not None and not _proven(home, nonce, proof):
            return HealthProbe(
                PortState.FOREIGN,
                detail="a companion answers, but it is not this data directory's (another "
                "user's or data directory's companion, or a program imitating one)",
            )
        return HealthProbe(PortState.OURS, health=health)
    return HealthProbe(PortState.FOREIGN, detail="it answered /v1/health with something else")


def _proven(home: Path, nonce: str, proof: str) -> bool:
    key = instance_key(home, create=False)
    return key is not None and hmac.compare_digest(instance_proof(key, nonce), proof.lower())
