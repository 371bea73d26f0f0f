"""install-service / uninstall-service: write the definition, start it, prove it answers."""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from companion.service.managers import ServiceError, ServiceManager
from companion.service.probe import PortState, probe_health
from companion.service.spec import ServiceSpec


@dataclass(frozen=True, slots=True)
class Installed:
    path: Path
    facility: str
    answering: bool


def install_service(
    spec: ServiceSpec, manager: ServiceManager, verify_seconds: float = 15.0
) -> Installed:
    reason = manager.unavailable_reason()
    if reason:
        raise ServiceError(
            f"cannot install the service: {reason}. Start 'postguard serve' from the session's "
            "autostart instead, or deploy the file from 'postguard install-service --print'"
        )
    probe = probe_health(spec.port, home=spec.home)
    if probe.state is PortState.FOREIGN:
        raise ServiceError(
            f"port {spec.port} is taken by another program ({probe.detail}); choose another with "
            "'postguard install-service --port N' and set the same port in the extension policy"
        )
    if probe.state is PortState.OURS and not manager.status().active:
        # Not the service's own companion ("postguard serve" left running in a terminal): the
        # service's would fail on the taken port while this one made the install look done,
        # and nothing would answer once the terminal closed.
        raise ServiceError(
            f"a companion is already answering on port {spec.port} outside the service (a "
            "'postguard serve' left running in a terminal?); stop it, then run "
            "'postguard install-service' again"
        )
    path = manager.definition_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    spec.home.mkdir(parents=True, exist_ok=True, mode=0o700)
    spec.log_dir.mkdir(exist_ok=True, mode=0o700)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(manager.render(spec))
    tmp.replace(path)
    manager.start()
    deadline = time.monotonic() + verify_seconds
    while True:
        status = manager.status()
        answering = probe_health(spec.port, timeout=1.0, home=spec.home).state is PortState.OURS
        if status.active and answering:
            return Installed(path, manager.facility, True)
        if time.monotonic() > deadline:
            detail = status.detail or ("running" if status.active else "not running")
            raise ServiceError(
                f"the service was installed at {path} but the companion is not answering on port "
                f"{spec.port} ({detail}); see 'postguard doctor'"
            )
        time.sleep(0.5)


def uninstall_service(manager: ServiceManager) -> Path | None:
    """Stop and remove the service; returns the removed definition's path, if there was one."""
    path = manager.definition_path()
    if manager.unavailable_reason() is None:
        manager.stop()
    existed = path.exists()
    path.unlink(missing_ok=True)
    if manager.unavailable_reason() is None:
        manager.forget()
    return path if existed else None


def purge_home(home: Path) -> bool:
    """Remove the data directory (encrypted roster, pairings, setup). Returns whether it existed."""
    if not home.exists():
        return False
    shutil.rmtree(home)
    return True
