"""A macOS LaunchAgent property list for the service."""

from __future__ import annotations

import plistlib
from pathlib import Path

from companion.service.spec import LAUNCHD_LABEL, ServiceSpec


def render_plist(spec: ServiceSpec) -> bytes:
    return plistlib.dumps(
        {
            "Label": LAUNCHD_LABEL,
            "ProgramArguments": list(spec.argv),
            "RunAtLoad": True,
            # Restart after a crash, not after a clean exit (e.g. a taken port reported once).
            "KeepAlive": {"SuccessfulExit": False},
            "ThrottleInterval": 10,
            "Umask": 0o077,
            "ProcessType": "Interactive",
            "StandardOutPath": str(spec.log_dir / "companion.out.log"),
            "StandardErrorPath": str(spec.log_dir / "companion.err.log"),
        },
        fmt=plistlib.FMT_XML,
    )


def plist_path() -> Path:
    return Path.home() / "Library" / "LaunchAgents" / f"{LAUNCHD_LABEL}.plist"
