"""The one service description, rendered for systemd, launchd and Task Scheduler."""

from __future__ import annotations

import plistlib
import shlex
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from companion.service.launchd import render_plist
from companion.service.spec import service_spec
from companion.service.systemd import render_unit
from companion.service.windows_task import TASK_NS, render_task_xml
from companion.settings import Settings

ODD_HOME = Path("/srv/staff homes/50% of $USER")
NS = {"t": TASK_NS}


def spec(home: Path = Path("/home/teacher/.local/share/postguard"), port: int = 8765):
    return service_spec(Settings(home=home, port=port), python="/opt/pg/bin/python3")


def exec_start(unit: str) -> list[str]:
    line = next(ln for ln in unit.splitlines() if ln.startswith("ExecStart="))
    # Undo systemd's specifier and variable escapes, then split like systemd does.
    return shlex.split(line.removeprefix("ExecStart=").replace("%%", "%").replace("$$", "$"))


def test_systemd_unit_runs_postguard_serve_with_the_data_directory() -> None:
    unit = render_unit(spec(port=9100))
    assert exec_start(unit) == [
        "/opt/pg/bin/python3",
        "-m",
        "companion.service.launch",
        "--home",
        "/home/teacher/.local/share/postguard",
        "serve",
        "--port",
        "9100",
    ]
    assert "Restart=on-failure" in unit
    assert "WantedBy=default.target" in unit
    assert "UMask=0077" in unit


def test_systemd_unit_quotes_awkward_paths() -> None:
    unit = render_unit(spec(home=ODD_HOME))
    assert exec_start(unit)[4] == str(ODD_HOME)
    assert '"/srv/staff homes/50%% of $$USER"' in unit


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="systemd-analyze not installed")
@pytest.mark.parametrize("home", [Path("/home/teacher/pg"), ODD_HOME])
def test_systemd_analyze_accepts_the_unit(tmp_path: Path, home: Path) -> None:
    unit_file = tmp_path / "postguard.service"
    unit = render_unit(service_spec(Settings(home=home)))  # the real interpreter must exist
    unit_file.write_text(unit)
    done = subprocess.run(
        ["systemd-analyze", "verify", str(unit_file)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert "postguard.service" not in done.stderr, done.stderr


def test_launch_agent_plist() -> None:
    plist = plistlib.loads(render_plist(spec(home=ODD_HOME)))
    assert plist["Label"] == "org.postguard.companion"
    assert plist["ProgramArguments"] == [
        "/opt/pg/bin/python3",
        "-m",
        "companion.service.launch",
        "--home",
        str(ODD_HOME),
        "serve",
        "--port",
        "8765",
    ]
    assert plist["RunAtLoad"] is True
    assert plist["KeepAlive"] == {"SuccessfulExit": False}
    assert plist["StandardErrorPath"].startswith(str(ODD_HOME))


def test_windows_logon_task() -> None:
    text = render_task_xml(spec(home=Path("/home/Ms Jones/pg")), user="SCHOOL\\mjones")
    assert text.startswith('<?xml version="1.0" encoding="UTF-16"?>')
    task = ET.fromstring(text.split("\n", 1)[1])
    assert task.find("t:Triggers/t:LogonTrigger/t:UserId", NS).text == "SCHOOL\\mjones"
    assert task.find("t:Principals/t:Principal/t:LogonType", NS).text == "InteractiveToken"
    assert task.find("t:Principals/t:Principal/t:RunLevel", NS).text == "LeastPrivilege"
    assert task.find("t:Settings/t:ExecutionTimeLimit", NS).text == "PT0S"
    exec_ = task.find("t:Actions/t:Exec", NS)
    assert exec_.find("t:Command", NS).text == "/opt/pg/bin/python3"
    assert exec_.find("t:Arguments", NS).text == (
        '-m companion.service.launch --home "/home/Ms Jones/pg" serve --port 8765'
    )


def test_windows_task_prefers_the_windowless_interpreter(tmp_path: Path) -> None:
    (tmp_path / "python.exe").write_bytes(b"")
    (tmp_path / "pythonw.exe").write_bytes(b"")
    text = render_task_xml(
        service_spec(Settings(home=tmp_path), python=str(tmp_path / "python.exe")), user="u"
    )
    assert f"<Command>{tmp_path / 'pythonw.exe'}</Command>" in text


def test_windows_task_written_as_utf16_for_schtasks(tmp_path: Path) -> None:
    from companion.service.managers import ScheduledTask

    data = ScheduledTask(tmp_path).render(spec())
    assert data[:2] in (b"\xff\xfe", b"\xfe\xff")  # BOM: schtasks /XML reads UTF-16
    assert "LogonTrigger" in data.decode("utf-16")


def test_service_spec_uses_the_running_interpreter() -> None:
    real = service_spec(Settings(home=Path("/tmp/x")))
    assert real.program == str(Path(sys.executable).absolute())


@pytest.mark.parametrize("system", ["Linux", "Darwin", "Windows"])
def test_doctor_reads_program_home_and_port_back_from_each_definition(
    system: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from companion.service.installed import read_installed
    from companion.service.managers import manager_for
    from companion.service.windows_task import windowless

    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    manager = manager_for(tmp_path / "home", system)
    assert read_installed(manager) is None
    path = manager.definition_path()
    path.parent.mkdir(parents=True)
    written = spec(home=ODD_HOME, port=9123)
    path.write_bytes(manager.render(written))
    installed = read_installed(manager)
    assert installed is not None
    assert (installed.home, installed.port) == (ODD_HOME, 9123)
    program = windowless(written.program) if system == "Windows" else written.program
    assert installed.program == program
