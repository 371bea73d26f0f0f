"""One description of the background service, rendered per OS by the sibling modules."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from companion.settings import Settings

SERVICE_NAME = "postguard"
LAUNCHD_LABEL = "org.postguard.companion"
WINDOWS_TASK = "\\Postguard\\Companion"
DESCRIPTION = "Postguard companion: checks staff posts against the school's social media policy"


@dataclass(frozen=True, slots=True)
class ServiceSpec:
    """What runs, with which data directory, and where its (text-free) logs go."""

    program: str
    arguments: tuple[str, ...]
    home: Path
    port: int
    description: str = DESCRIPTION

    @property
    def argv(self) -> tuple[str, ...]:
        return (self.program, *self.arguments)

    @property
    def log_dir(self) -> Path:
        return self.home / "logs"


def service_spec(settings: Settings, python: str | None = None) -> ServiceSpec:
    """The service for this install: the current interpreter running ``postguard serve``.

    The data directory is passed on the command line through ``companion.service.launch``
    rather than as an environment variable, because Windows logon tasks cannot set one; that
    keeps a single description for all three OSes and pins the directory ``doctor`` inspects.
    """
    interpreter = Path(python or sys.executable).absolute()
    return ServiceSpec(
        program=str(interpreter),
        arguments=(
            "-m",
            "companion.service.launch",
            "--home",
            str(settings.home.expanduser().absolute()),
            "serve",
            "--port",
            str(settings.port),
        ),
        home=settings.home.expanduser().absolute(),
        port=settings.port,
    )
