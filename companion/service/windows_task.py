"""A Windows Task Scheduler definition: start the service at the user's logon."""

from __future__ import annotations

import getpass
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

from companion.service.spec import WINDOWS_TASK, ServiceSpec

TASK_NS = "http://schemas.microsoft.com/windows/2004/02/mit/task"


def windowless(program: str) -> str:
    """pythonw.exe beside python.exe runs without a console window at logon."""
    path = Path(program)
    if path.name.lower() == "python.exe" and (path.parent / "pythonw.exe").exists():
        return str(path.parent / "pythonw.exe")
    return program


def render_task_xml(spec: ServiceSpec, user: str | None = None) -> str:
    user = user or getpass.getuser()
    ET.register_namespace("", TASK_NS)

    def el(parent: ET.Element, tag: str, text: str | None = None) -> ET.Element:
        child = ET.SubElement(parent, f"{{{TASK_NS}}}{tag}")
        if text is not None:
            child.text = text
        return child

    task = ET.Element(f"{{{TASK_NS}}}Task", {"version": "1.2"})
    info = el(task, "RegistrationInfo")
    el(info, "Description", spec.description)
    el(info, "URI", WINDOWS_TASK)
    trigger = el(el(task, "Triggers"), "LogonTrigger")
    el(trigger, "Enabled", "true")
    el(trigger, "UserId", user)
    principal = el(el(task, "Principals"), "Principal")
    principal.set("id", "Author")
    el(principal, "UserId", user)
    el(principal, "LogonType", "InteractiveToken")
    el(principal, "RunLevel", "LeastPrivilege")
    settings = el(task, "Settings")
    el(settings, "MultipleInstancesPolicy", "IgnoreNew")
    el(settings, "DisallowStartIfOnBatteries", "false")
    el(settings, "StopIfGoingOnBatteries", "false")
    el(settings, "ExecutionTimeLimit", "PT0S")  # run for the whole session
    restart = el(settings, "RestartOnFailure")
    el(restart, "Interval", "PT1M")
    el(restart, "Count", "999")
    el(settings, "Enabled", "true")
    actions = el(task, "Actions")
    actions.set("Context", "Author")
    exec_ = el(actions, "Exec")
    el(exec_, "Command", windowless(spec.program))
    el(exec_, "Arguments", subprocess.list2cmdline(spec.arguments))
    el(exec_, "WorkingDirectory", str(spec.home))
    ET.indent(task)
    body = ET.tostring(task, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-16"?>\n' + body + "\n"
