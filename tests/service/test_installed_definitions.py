"""Doctor reading back the installed service definition (companion/service/installed.py) from
files IT hand-edited: a damaged file is read as none and doctor goes on; systemd's prefixes are
not part of the program (found by a second review; each test failed before its fix)."""

from __future__ import annotations

from pathlib import Path

from companion.service.installed import read_installed


class _Manager:
    def __init__(self, path: Path) -> None:
        self._path = path

    def definition_path(self) -> Path:
        return self._path


def _read(tmp_path: Path, raw: bytes):
    path = tmp_path / "definition"
    path.write_bytes(raw)
    return read_installed(_Manager(path))  # type: ignore[arg-type]


def test_doctor_survives_a_hand_edited_plist_with_a_typo(tmp_path: Path) -> None:
    """A hand-edited LaunchAgents plist left with an unclosed tag is read as no definition, and
    doctor goes on. Before, the parse error escaped and doctor ended in a traceback."""
    raw = (
        b'<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0"><dict>'
        b"<key>ProgramArguments</key><array><string>/usr/bin/python3</array></dict></plist>\n"
    )
    assert _read(tmp_path, raw) is None


def test_doctor_survives_a_plist_whose_root_is_not_a_dict(tmp_path: Path) -> None:
    """A plist at our label's path whose root is an array is not one of ours (None). Before: an
    AttributeError and a traceback from doctor."""
    raw = (
        b'<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0"><array>'
        b"<string>/usr/bin/python3</string></array></plist>\n"
    )
    assert _read(tmp_path, raw) is None


def test_systemd_exec_prefix_is_not_part_of_the_program(tmp_path: Path) -> None:
    """ExecStart=-"/usr/bin/python3" … (systemd's "-" prefix, a common hand edit): the program is
    /usr/bin/python3. Before, the prefix was read as part of the path, and doctor said the
    service's Python no longer existed."""
    raw = (
        b'[Service]\nExecStart=-"/usr/bin/python3" -m companion.service.launch '
        b"--home /srv/pg serve --port 9999\n"
    )
    installed = _read(tmp_path, raw)
    assert installed is not None
    assert installed.program == "/usr/bin/python3"
