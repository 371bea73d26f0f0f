"""Is our companion answering on the port, something else, or nothing?"""

from __future__ import annotations

import json
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class PortState(StrEnum):
    OURS = "ours"
    FREE = "free"
    FOREIGN = "foreign"


@dataclass(frozen=True, slots=True)
class HealthProbe:
    state: PortState
    health: dict[str, Any] | None = None
    detail: str = ""


def probe_health(port: int, host: str = "127.0.0.1", timeout: float = 2.0) -> HealthProbe:
    url = f"http://{host}:{port}/v1/health"
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            body = response.read(64 * 1024)
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
        return HealthProbe(PortState.OURS, health=health)
    return HealthProbe(PortState.FOREIGN, detail="it answered /v1/health with something else")
