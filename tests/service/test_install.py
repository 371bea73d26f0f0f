"""install-service / uninstall-service, for real where systemd is missing and against a
stand-in ``systemctl`` that really runs the unit's command."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from tests.service.conftest import free_port, postguard

NO_SYSTEMD = (
    shutil.which("systemctl") is None
    or os.system("systemctl --user show-environment >/dev/null 2>&1") != 0
)


def unit_path(env: dict[str, str]) -> Path:
    return Path(env["XDG_CONFIG_HOME"]) / "systemd" / "user" / "postguard.service"


@pytest.mark.skipif(not NO_SYSTEMD, reason="this machine has a user systemd")
def test_without_systemd_install_is_a_clear_one_line_error(user_env: dict[str, str]) -> None:
    done = postguard("install-service", "--port", str(free_port()), env=user_env)
    assert done.returncode == 1
    assert "systemd user services are not available here" in done.stderr
    assert "install-service --print" in done.stderr
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert not unit_path(user_env).exists()
    assert not Path(user_env["POSTGUARD_HOME"]).exists()


@pytest.mark.parametrize("os_name", ["linux", "macos", "windows"])
def test_print_shows_the_definition_for_each_os(user_env: dict[str, str], os_name: str) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "companion",
            "install-service",
            "--print",
            os_name,
            "--port",
            "9123",
        ],
        capture_output=True,
        env={**os.environ, **user_env},
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    # The bytes install-service would write: a Windows task in UTF-16, as its XML declares.
    text = done.stdout.decode("utf-16" if os_name == "windows" else "utf-8")
    assert "companion.service.launch" in text
    assert user_env["POSTGUARD_HOME"] in text
    assert "9123" in text
    marker = {
        "linux": "ExecStart=",
        "macos": "<key>ProgramArguments</key>",
        "windows": "<LogonTrigger>",
    }[os_name]
    assert marker in text


def health(port: int) -> dict:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/v1/health", timeout=5) as response:
        return json.loads(response.read())


def doctor(env: dict[str, str], port: int) -> dict[str, dict]:
    done = postguard("doctor", "--json", "--port", str(port), env=env)
    return {c["name"]: c for c in json.loads(done.stdout)["checks"]}


def test_install_starts_and_verifies_then_uninstall_purges(fake_systemd: dict[str, str]) -> None:
    port = free_port()
    home = Path(fake_systemd["POSTGUARD_HOME"])
    done = postguard("install-service", "--port", str(port), env=fake_systemd)
    try:
        assert done.returncode == 0, done.stderr
        assert f"answers on port {port}" in done.stdout
        assert unit_path(fake_systemd).exists()
        answer = health(port)
        # Installed, running, and honest: no roster imported yet, so names are not checked.
        assert answer["status"] == "degraded" and "roster" in answer["reason"]
        checks = doctor(fake_systemd, port)
        assert checks["service"]["status"] == "ok"
        assert checks["server"]["status"] == "ok"
        assert (home.stat().st_mode & 0o777) == 0o700
    finally:
        gone = postguard("uninstall-service", "--purge", env=fake_systemd)
    assert gone.returncode == 0, gone.stderr
    assert not unit_path(fake_systemd).exists()
    assert not home.exists()
    with pytest.raises(OSError):
        health(port)
    calls = (Path(fake_systemd["FAKE_SYSTEMD_STATE"]) / "calls.log").read_text()
    assert "--user enable --now postguard.service" in calls
    assert "--user disable --now postguard.service" in calls


def test_install_refuses_a_port_held_by_another_program(fake_systemd: dict[str, str]) -> None:
    import http.server
    import threading

    server = http.server.HTTPServer(("127.0.0.1", 0), http.server.SimpleHTTPRequestHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        port = server.server_address[1]
        done = postguard("install-service", "--port", str(port), env=fake_systemd)
    finally:
        server.shutdown()
    assert done.returncode == 1
    assert f"port {port} is taken by another program" in done.stderr
    assert not unit_path(fake_systemd).exists()


def test_uninstall_without_a_service_says_so(fake_systemd: dict[str, str]) -> None:
    done = postguard("uninstall-service", env=fake_systemd)
    assert done.returncode == 0
    assert "No service was installed." in done.stdout


def test_reinstall_restarts_the_companion(fake_systemd: dict[str, str]) -> None:
    port = free_port()
    try:
        assert postguard("install-service", "--port", str(port), env=fake_systemd).returncode == 0
        again = postguard("install-service", "--port", str(port), env=fake_systemd)
        assert again.returncode == 0, again.stderr
        assert health(port)["status"] == "degraded"  # answering; no roster imported yet
    finally:
        postguard("uninstall-service", env=fake_systemd)


def test_unwritable_unit_directory_is_a_one_line_error(fake_systemd: dict[str, str]) -> None:
    Path(fake_systemd["XDG_CONFIG_HOME"]).write_text("a file where a folder should be")
    done = postguard("install-service", "--port", str(free_port()), env=fake_systemd)
    assert done.returncode == 1
    assert "cannot write" in done.stderr
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
