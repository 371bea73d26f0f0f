"""docs/deploy.md is executable: its ``sh`` blocks run, its policy JSON matches the schema."""

from __future__ import annotations

import json
import os
import re
import shlex
import sys
from pathlib import Path

import pytest

from tests.service.conftest import free_port

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "deploy.md"
SCHEMA = json.loads((ROOT / "extension" / "managed_schema.json").read_text())
BLOCK = re.compile(r"<!-- doc-test: ([\w-]+) -->\s*```(\w+)\n(.*?)```", re.S)
ROLE_ORDER = ("dpo", "dpo-trust", "staff")  # the DPO publishes before staff machines pull


def blocks(tag: str) -> list[str]:
    return [body for found, _, body in BLOCK.findall(DOC.read_text()) if found == tag]


def test_every_sh_block_is_tagged_with_a_machine() -> None:
    text = DOC.read_text()
    tagged = {body for _, _, body in BLOCK.findall(text)}
    for body in re.findall(r"```sh\n(.*?)```", text, re.S):
        assert body in tagged, body


def pupils_csv(path: Path, *names: tuple[str, str]) -> None:
    rows = ["pupil_id,forename,surname,date_of_birth"]
    rows += [f"P{i},{first},{last},01/09/2017" for i, (first, last) in enumerate(names)]
    path.write_text("\n".join(rows) + "\n")


def run_line(line: str, env: dict[str, str], cwd: Path, share: Path, port: int) -> tuple[int, str]:
    import subprocess

    words = shlex.split(line.replace("/srv/postguard", str(share)))
    # The guide's commands run in a work folder; the package comes from this checkout.
    env = {
        **os.environ,
        **env,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")])),
    }
    while "=" in words[0]:  # leading VAR=value assignments, as a shell would take them
        name, value = words.pop(0).split("=", 1)
        env[name] = str(cwd / value)
    assert words[0] == "postguard", line
    out_file = None
    if ">" in words:
        at = words.index(">")
        out_file, words = cwd / words[at + 1], words[:at]
    if words[1] == "install-service" and "--print" not in words:
        # Never the shared default port on a busy test machine; doctor finds it in the unit.
        words += ["--port", str(port)]
    done = subprocess.run(
        [sys.executable, "-m", "companion", *words[1:]],
        cwd=cwd,
        env=env,
        capture_output=True,
        timeout=90,
    )
    if out_file:
        out_file.write_bytes(done.stdout)  # as a shell's redirect writes them
    bom = done.stdout[:2] in (b"\xff\xfe", b"\xfe\xff")  # a Windows task is UTF-16
    out = done.stdout.decode("utf-16" if bom else "utf-8", "replace")
    return done.returncode, out + done.stderr.decode("utf-8", "replace")


def test_the_guides_commands_work_end_to_end(fake_systemd: dict[str, str], tmp_path: Path) -> None:
    work, share = tmp_path / "work", tmp_path / "srv"
    (share / "glazebury").mkdir(parents=True)
    (share / "lowton-st-marys").mkdir()
    work.mkdir()
    pupils_csv(work / "pupils.csv", ("Tobias", "Quennell"), ("Ffion", "Arkwright"))
    (work / "contacts.csv").write_text(
        "pupil_id,forename,surname,relationship\nP0,Marguerite,Quennell,Mother\n"
    )
    (work / "staff.csv").write_text("forename,surname,title\nHermione,Blackwood,Mrs\n")
    pupils_csv(work / "lowton-pupils.csv", ("Perpetua", "Wainscott"))
    homes = {"dpo": tmp_path / "dpo-home", "staff": tmp_path / "staff-home"}
    port = free_port()
    outputs: dict[str, str] = {}
    staff_env = {**fake_systemd, "POSTGUARD_HOME": str(homes["staff"])}
    try:
        for role in ROLE_ORDER:
            env = {**fake_systemd, "POSTGUARD_HOME": str(homes.get(role, homes["dpo"]))}
            for body in blocks(role):
                for line in filter(None, (ln.strip() for ln in body.splitlines())):
                    code, output = run_line(line, env, work, share, port)
                    outputs[line] = output
                    allowed = (0, 1) if " doctor" in line else (0,)
                    assert code in allowed, f"{line}\n{output}"
                    assert "Traceback" not in output, line
    finally:
        run_line("postguard uninstall-service", staff_env, work, share, port)

    assert (work / "keys" / "school.key").exists()
    assert (share / "glazebury" / "roster.pgbundle").exists()
    assert (share / "lowton-st-marys" / "roster.pgbundle").exists()
    assert "ExecStart=" in (work / "postguard.service").read_text()
    assert "<LogonTrigger>" in (work / "postguard-task.xml").read_text("utf-16")
    setup = next(out for line, out in outputs.items() if line.startswith("postguard setup"))
    assert "Installed roster bundle" in setup
    doctor = outputs["postguard doctor"]
    assert "[ok  ] roster bundles" in doctor
    assert "[ok  ] service" in doctor
    assert "Pairing code:" in outputs["postguard pair"]


def check_against_schema(settings: dict) -> None:
    properties = SCHEMA["properties"]
    assert set(settings) <= set(properties)
    types = {"integer": int, "string": str, "boolean": bool, "array": list}
    for key, value in settings.items():
        rule = properties[key]
        assert isinstance(value, types[rule["type"]]), key
        assert value in rule.get("enum", [value]), key
        assert rule.get("minimum", value) <= value if rule["type"] == "integer" else True
        assert value <= rule.get("maximum", value) if rule["type"] == "integer" else True
        if rule["type"] == "array":
            assert all(isinstance(item, types[rule["items"]["type"]]) for item in value)


def test_chrome_policy_matches_the_managed_schema() -> None:
    (body,) = blocks("chrome-policy")
    policy = json.loads(body)
    extension_id, update_url = policy["ExtensionInstallForcelist"][0].split(";")
    assert update_url.startswith("https://")
    settings = policy["3rdparty"]["extensions"][extension_id]
    check_against_schema(settings)
    assert set(settings) == set(SCHEMA["properties"])  # the example shows every setting


def test_firefox_policy_matches_the_manifest_and_schema() -> None:
    (body,) = blocks("firefox-policy")
    policies = json.loads(body)["policies"]
    manifest = json.loads((ROOT / "extension" / "manifest.json").read_text())
    gecko_id = manifest["browser_specific_settings"]["gecko"]["id"]
    assert policies["ExtensionSettings"][gecko_id]["installation_mode"] == "force_installed"
    check_against_schema(policies["3rdparty"]["Extensions"][gecko_id])


def test_settings_table_lists_exactly_the_schema_keys() -> None:
    text = DOC.read_text()
    table = re.findall(r"^\| `(\w+)` \|", text, re.M)
    assert set(table) == set(SCHEMA["properties"])


@pytest.mark.skipif(os.name == "nt", reason="POSIX paths in the guide")
def test_guide_names_real_commands() -> None:
    from companion.cli.main import build_parser

    parser = build_parser()
    commands = set(parser._subparsers._group_actions[0].choices)
    for used in re.findall(r"`postguard ([a-z-]+)", DOC.read_text()):
        assert used in commands, used
