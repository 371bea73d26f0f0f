"""Install, start, stop and inspect the service with each OS's own per-user facility."""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from companion.service.launchd import plist_path, render_plist
from companion.service.spec import LAUNCHD_LABEL, WINDOWS_TASK, ServiceSpec
from companion.service.systemd import UNIT_FILE, render_unit, unit_dir
from companion.service.windows_task import render_task_xml


class ServiceError(Exception):
    """A one-line reason the service could not be installed, removed or inspected."""


@dataclass(frozen=True, slots=True)
class ServiceStatus:
    facility: str
    available: bool
    installed: bool
    active: bool
    detail: str = ""


@dataclass(frozen=True, slots=True)
class Ran:
    code: int
    output: str

    @property
    def last_line(self) -> str:
        return self.output.splitlines()[-1] if self.output else ""


def run(argv: list[str], timeout: float = 30.0) -> Ran:
    try:
        done = subprocess.run(  # noqa: S603 (fixed programs, our own arguments)
            argv, capture_output=True, text=True, timeout=timeout, check=False
        )
    except FileNotFoundError:
        return Ran(127, f"{argv[0]} not found")
    except subprocess.TimeoutExpired:
        return Ran(124, f"{argv[0]} did not finish in {timeout:.0f} s")
    return Ran(done.returncode, (done.stdout + done.stderr).strip())


class ServiceManager(Protocol):
    facility: str

    def definition_path(self) -> Path: ...

    def render(self, spec: ServiceSpec) -> bytes: ...

    def unavailable_reason(self) -> str | None: ...

    def start(self) -> None: ...

    def stop(self) -> None: ...

    def forget(self) -> None: ...

    def status(self) -> ServiceStatus: ...


def _without_its_tool(manager: ServiceManager) -> ServiceStatus | None:
    """The status of a manager whose tool this machine lacks (whether it is installed, still);
    None when the tool is there and the manager can be asked."""
    reason = manager.unavailable_reason()
    if not reason:
        return None
    installed = manager.definition_path().exists()
    return ServiceStatus(manager.facility, False, installed, False, reason)


def _check(ran: Ran, what: str) -> None:
    if ran.code != 0:
        raise ServiceError(f"{what} failed: {ran.last_line or f'exit {ran.code}'}")


class SystemdUser:
    facility = "systemd user unit"

    def definition_path(self) -> Path:
        return unit_dir() / UNIT_FILE

    def render(self, spec: ServiceSpec) -> bytes:
        return render_unit(spec).encode("utf-8")

    def unavailable_reason(self) -> str | None:
        if not shutil.which("systemctl"):
            return "systemd is not installed here (no systemctl)"
        ran = run(["systemctl", "--user", "show-environment"])
        if ran.code != 0:
            return (
                f"systemd user services are not available here (systemctl --user: {ran.last_line})"
            )
        return None

    def start(self) -> None:
        _check(run(["systemctl", "--user", "daemon-reload"]), "systemctl --user daemon-reload")
        _check(run(["systemctl", "--user", "enable", "--now", UNIT_FILE]), "enabling the unit")
        # enable --now leaves an already running old version in place; restart picks up the new.
        _check(run(["systemctl", "--user", "restart", UNIT_FILE]), "starting the unit")

    def stop(self) -> None:
        run(["systemctl", "--user", "disable", "--now", UNIT_FILE])

    def forget(self) -> None:
        run(["systemctl", "--user", "daemon-reload"])

    def status(self) -> ServiceStatus:
        if missing := _without_its_tool(self):
            return missing
        installed = self.definition_path().exists()
        ran = run(["systemctl", "--user", "is-active", UNIT_FILE])
        return ServiceStatus(self.facility, True, installed, ran.code == 0, ran.last_line)


class LaunchAgent:
    facility = "LaunchAgent"

    def _domain(self) -> str:
        return f"gui/{os.getuid()}"  # type: ignore[attr-defined,unused-ignore]

    def definition_path(self) -> Path:
        return plist_path()

    def render(self, spec: ServiceSpec) -> bytes:
        return render_plist(spec)

    def unavailable_reason(self) -> str | None:
        return None if shutil.which("launchctl") else "launchctl is not available here"

    def start(self) -> None:
        run(["launchctl", "bootout", self._domain(), str(self.definition_path())])
        _check(
            run(["launchctl", "bootstrap", self._domain(), str(self.definition_path())]),
            "launchctl bootstrap",
        )
        target = f"{self._domain()}/{LAUNCHD_LABEL}"
        _check(run(["launchctl", "enable", target]), "launchctl enable")
        _check(run(["launchctl", "kickstart", "-k", target]), "launchctl kickstart")

    def stop(self) -> None:
        run(["launchctl", "bootout", self._domain(), str(self.definition_path())])

    def forget(self) -> None:
        return None

    def status(self) -> ServiceStatus:
        if missing := _without_its_tool(self):
            return missing
        installed = self.definition_path().exists()
        ran = run(["launchctl", "print", f"{self._domain()}/{LAUNCHD_LABEL}"])
        return ServiceStatus(self.facility, True, installed, "state = running" in ran.output, "")


class ScheduledTask:
    facility = "Task Scheduler logon task"

    def __init__(self, home: Path) -> None:
        self._home = home

    def definition_path(self) -> Path:
        return self._home / "service" / "postguard-task.xml"

    def render(self, spec: ServiceSpec) -> bytes:
        return render_task_xml(spec).encode("utf-16")

    def unavailable_reason(self) -> str | None:
        return None if shutil.which("schtasks") else "schtasks is not available here"

    def start(self) -> None:
        _check(
            run(
                [
                    "schtasks",
                    "/Create",
                    "/TN",
                    WINDOWS_TASK,
                    "/XML",
                    str(self.definition_path()),
                    "/F",
                ]
            ),
            "schtasks /Create",
        )
        _check(run(["schtasks", "/Run", "/TN", WINDOWS_TASK]), "schtasks /Run")

    def stop(self) -> None:
        run(["schtasks", "/End", "/TN", WINDOWS_TASK])
        run(["schtasks", "/Delete", "/TN", WINDOWS_TASK, "/F"])

    def forget(self) -> None:
        return None

    def status(self) -> ServiceStatus:
        if missing := _without_its_tool(self):
            return missing
        # Installed means registered with Task Scheduler, whatever the XML file beside us says.
        ran = run(["schtasks", "/Query", "/TN", WINDOWS_TASK, "/FO", "LIST"])
        return ServiceStatus(self.facility, True, ran.code == 0, "Running" in ran.output, "")


def manager_for(home: Path, system: str | None = None) -> SystemdUser | LaunchAgent | ScheduledTask:
    system = system or platform.system()
    if system == "Darwin":
        return LaunchAgent()
    if system == "Windows":
        return ScheduledTask(home)
    return SystemdUser()


def manager_for_os(name: str, home: Path) -> SystemdUser | LaunchAgent | ScheduledTask:
    systems = {"linux": "Linux", "macos": "Darwin", "windows": "Windows"}
    return manager_for(home, systems[name])
