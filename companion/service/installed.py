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
    except Exception:  # a hand-edited or damaged file: doctor says what it can without it
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
        plist = plistlib.loads(raw)
        words = plist.get("ProgramArguments") if isinstance(plist, dict) else None
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            return None
        argv = list(words)
    else:
        found = _EXEC_START.search(raw.decode("utf-8"))
        if found is None:
            return None
        # systemd's prefixes before the program ("-" ignores its failure, and so on)
        argv = _exec_words(found.group(1).lstrip().lstrip("-@:+!"))
    if not argv or not argv[0]:
        return None
    home, port = _after(argv, "--home"), _after(argv, "--port")
    number = int(port) if port is not None and port.isdigit() else None
    return InstalledService(
        argv[0], Path(home) if home else None, number if number and number < 65536 else None
    )


# The unit's ExecStart line (spaces around "=" allowed, backslash-newline continuations joined).
_EXEC_START = re.compile(r"^[ \t]*ExecStart[ \t]*=[ \t]*((?:[^\n\\]|\\\n|\\.)*)", re.M)


def _after(argv: list[str], flag: str) -> str | None:
    return argv[argv.index(flag) + 1] if flag in argv[:-1] else None


def _exec_words(text: str) -> list[str]:
    """ExecStart's words as systemd reads them (as companion.service.systemd quotes them):
    double-quoted with backslash escapes, or bare; ``%%`` and ``$$`` are one character."""
    words: list[str] = []
    text = text.replace("\\\n", " ")
    for quoted, bare in re.findall(r'"((?:[^"\\]|\\.)*)"|(\S+)', text):
        word = re.sub(r"\\(.)", r"\1", quoted) if quoted or not bare else bare
        words.append(word.replace("%%", "%").replace("$$", "$"))
    return words
