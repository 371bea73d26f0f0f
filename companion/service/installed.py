"""What the installed service's definition says, read back from the file ``install-service``
wrote (a systemd unit, a launchd plist, a Windows task): the program it starts, its data
directory and its port. ``doctor`` looks where the service really runs, and says when it can no
longer start (its Python environment was moved or rebuilt)."""

from __future__ import annotations

import plistlib
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from companion.service.managers import ServiceManager
from companion.service.windows_task import TASK_NS


@dataclass(frozen=True, slots=True)
class InstalledService:
    program: str
    home: Path | None
    port: int | None


def read_installed(manager: ServiceManager) -> InstalledService | None:
    """None when no definition is installed, or it is not one of ours in a form we can read."""
    try:
        raw = manager.definition_path().read_bytes()
    except OSError:
        return None
    try:
        return _read(raw)
    except (ValueError, ET.ParseError, plistlib.InvalidFileException, IndexError):
        return None


def _read(raw: bytes) -> InstalledService | None:
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):  # a Windows task, UTF-16
        # Our own file in the user's profile: whoever can write it can run anything as them.
        task = ET.fromstring(raw.decode("utf-16").split("?>", 1)[-1])  # noqa: S314
        found = task.find(f".//{{{TASK_NS}}}Exec")
        if found is None:
            return None
        program = found.findtext(f"{{{TASK_NS}}}Command") or ""
        arguments = found.findtext(f"{{{TASK_NS}}}Arguments") or ""
        home = found.findtext(f"{{{TASK_NS}}}WorkingDirectory")
        port = re.search(r"--port\s+(\d+)", arguments)
        return InstalledService(
            program, Path(home) if home else None, int(port.group(1)) if port else None
        )
    if raw.lstrip().startswith(b"<?xml") or raw.lstrip().startswith(b"bplist"):
        argv = [str(word) for word in plistlib.loads(raw).get("ProgramArguments", [])]
    else:
        line = next(
            (ln for ln in raw.decode("utf-8").splitlines() if ln.startswith("ExecStart=")), None
        )
        if line is None:
            return None
        argv = _exec_words(line.removeprefix("ExecStart="))
    if not argv:
        return None
    home, port = _after(argv, "--home"), _after(argv, "--port")
    return InstalledService(
        argv[0], Path(home) if home else None, int(port) if port is not None else None
    )


def _after(argv: list[str], flag: str) -> str | None:
    return argv[argv.index(flag) + 1] if flag in argv[:-1] else None


def _exec_words(text: str) -> list[str]:
    """ExecStart's words as systemd reads them (as companion.service.systemd quotes them):
    double-quoted with backslash escapes, or bare; ``%%`` and ``$$`` are one character."""
    words: list[str] = []
    for quoted, bare in re.findall(r'"((?:[^"\\]|\\.)*)"|(\S+)', text):
        word = re.sub(r"\\(.)", r"\1", quoted) if quoted or not bare else bare
        words.append(word.replace("%%", "%").replace("$$", "$"))
    return words
