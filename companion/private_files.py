"""Private files, one way: crash-safe replacement, mode 0600, and JSON state read back clearly.

A write goes to a temp file in the same directory, is fsynced, renamed over the target, and the
directory is fsynced (so the rename itself survives a power cut). A reader sees the old file or
the whole new one, never a part; a write that fails leaves no temp file behind.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

TEMP_SUFFIX = ".tmp"


class StateFileError(RuntimeError):
    """A state file exists but cannot be read as what it should be."""


def fsync_dir(directory: Path) -> None:
    if os.name == "nt":  # Windows cannot open a directory for fsync; NTFS renames are journaled
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomic(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Replace ``path`` with ``data`` (mode 0600, or ``mode`` for a file others must read),
    creating its folder 0700 when missing.

    The temp file is a new one with a random name (mkstemp: O_EXCL, mode 0600): a file or
    symlink planted at a name known beforehand would otherwise receive the secret, or lend it
    its own mode (found in review)."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
    temp = Path(name)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if mode != 0o600:
            os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    fsync_dir(path.parent)


def write_json(path: Path, value: Any) -> None:
    write_atomic(path, (json.dumps(value, indent=1, sort_keys=True) + "\n").encode("utf-8"))


def write_text(path: Path, text: str) -> None:
    write_atomic(path, text.encode("utf-8"))


def read_json(path: Path, default: Any = None) -> Any:
    """The JSON in ``path``; ``default`` when it does not exist; a clear error when unreadable."""
    try:
        return json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return default
    except (OSError, ValueError, RecursionError) as exc:
        raise StateFileError(
            f"{path} is unreadable ({exc.__class__.__name__}); remove it"
        ) from None


def remove(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


def append_line(path: Path, line: str) -> None:
    """Append one line durably (for the audit log), creating the file 0600."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        os.write(fd, (line.rstrip("\n") + "\n").encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)


def remove_temps(directory: Path) -> None:
    """Leftovers of writes killed half-way: never in force, safe to delete."""
    for temp in directory.glob(f".*{TEMP_SUFFIX}"):
        with contextlib.suppress(OSError):
            temp.unlink()
