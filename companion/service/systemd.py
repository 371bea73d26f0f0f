"""A systemd user unit for the service."""

from __future__ import annotations

import os
from pathlib import Path

from companion.service.spec import SERVICE_NAME, ServiceSpec

UNIT_FILE = f"{SERVICE_NAME}.service"


def quote_exec_arg(arg: str) -> str:
    """Quote one ExecStart word so systemd passes it through unchanged.

    systemd expands ``%`` specifiers and ``$`` variables even inside quotes, so both are doubled.
    """
    escaped = arg.replace("%", "%%").replace("$", "$$")
    if escaped and not any(c in escaped for c in " \t\"\\'"):
        return escaped
    return '"' + escaped.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render_unit(spec: ServiceSpec) -> str:
    exec_start = " ".join(quote_exec_arg(a) for a in spec.argv)
    return "\n".join(
        [
            "[Unit]",
            f"Description={spec.description}",
            "",
            "[Service]",
            "Type=simple",
            f"ExecStart={exec_start}",
            # Keep the roster key in the user's keyring reachable; retry if it is locked at login.
            "Restart=on-failure",
            "RestartSec=10",
            "UMask=0077",
            "NoNewPrivileges=yes",
            "",
            "[Install]",
            "WantedBy=default.target",
            "",
        ]
    )


def unit_dir() -> Path:
    config = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config) / "systemd" / "user"
