"""Hostile and damaged files given to ``postguard roster import``: a clear one-line refusal or a
clean import, in bounded memory, with nothing raw printed or stored."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl

from companion.roster.store import open_roster_store
from companion.settings import Settings
from tests.cli.helpers import postguard

ROOT = Path(__file__).resolve().parents[2]
# An import runs in well under this; the files below used to take gigabytes.
MEMORY_CAP = 768 * 1024 * 1024


def small_xlsx(path: Path, rows: int = 1) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["pupil_id", "forename", "surname", "date_of_birth"])
    sheet.append(["1", "Quentin", "Zabriskie", "01/02/2017"])
    for n in range(2, rows + 1):
        sheet.append([str(n), f"Filler{n}", f"Person{n}", "01/02/2017"])
    book.save(path)


def rewrite_part(path: Path, name: str, change) -> None:
    source = zipfile.ZipFile(path)
    parts = {info.filename: source.read(info.filename) for info in source.infolist()}
    source.close()
    parts[name] = change(parts[name])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for filename, data in parts.items():
            out.writestr(filename, data)


def capped_import(home: Path, *files: Path) -> subprocess.CompletedProcess[str]:
    """The real CLI with its address space capped: a bomb ends in MemoryError, not in swap."""

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))

    return subprocess.run(
        [sys.executable, "-m", "companion", "roster", "import", *map(str, files), "--json"],
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=cap,
        env={"POSTGUARD_HOME": str(home), **_env()},
        cwd=ROOT,
    )


def _env() -> dict[str, str]:
    import os

    return dict(os.environ)


def test_a_forged_dimension_does_not_pad_every_row(postguard_home: Path, tmp_path: Path) -> None:
    path = tmp_path / "pupils.xlsx"
    small_xlsx(path, rows=5000)
    rewrite_part(
        path,
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace(
            b'<dimension ref="A1:D5001" />', b'<dimension ref="A1:XFD1048576" />'
        ),
    )
    assert b"XFD1048576" in zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml")
    assert path.stat().st_size < 200_000
    done = capped_import(postguard_home, path)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["counts"]["pupil"] == 5000


def test_a_shared_strings_bomb_is_refused(postguard_home: Path, tmp_path: Path) -> None:
    path = tmp_path / "pupils.xlsx"
    small_xlsx(path)
    huge = b'<?xml version="1.0"?><sst><si><t>' + b"A" * 300_000_000 + b"</t></si></sst>"
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as out:
        out.writestr("xl/sharedStrings.xml", huge)
    assert path.stat().st_size < 2_000_000
    done = capped_import(postguard_home, path)
    assert done.returncode != 0
    report = json.loads(done.stdout)
    assert "zip bomb" in report["error"] or "unpack" in report["error"]
    assert "Traceback" not in done.stderr and "unexpected" not in done.stderr


def test_a_doctype_in_a_spreadsheet_is_refused(postguard_home: Path, tmp_path: Path) -> None:
    path = tmp_path / "pupils.xlsx"
    small_xlsx(path)
    rewrite_part(
        path,
        "xl/worksheets/sheet1.xml",
        lambda xml: b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>' + xml,
    )
    done = postguard("roster", "import", str(path), home=postguard_home)
    assert done.returncode != 0
    assert "DOCTYPE" in done.stderr
    assert "Traceback" not in done.stderr and "unexpected" not in done.stderr


def test_control_characters_never_reach_names_or_the_terminal(
    postguard_home: Path, tmp_path: Path
) -> None:
    padding = "".join(f"{n},Filler{n},Person{n},01/02/2017\n" for n in range(2, 400))
    text = (
        "pupil_id,forename,surname,date_of_birth\n"
        + padding
        + "1,Quen\x1b[2J\x1b[31mtin,Zab\x00riskie\u202e,01/02/2017\n"
    )
    assert len(text.encode()) > 8192  # the NUL sits past the first 8 KiB, as reported
    path = tmp_path / "pupils.csv"
    path.write_bytes(text.encode("utf-8"))
    done = postguard("roster", "import", str(path), home=postguard_home)
    assert done.returncode == 0, done.stderr
    assert "\x1b" not in done.stdout + done.stderr and "\x00" not in done.stdout
    stored = open_roster_store(Settings(home=postguard_home)).load()
    assert stored is not None
    person = next(p for p in stored.people if p.surname.startswith("Zab"))
    assert (person.forename, person.surname) == ("Quen[2J[31mtin", "Zabriskie")


async def test_deeply_nested_json_is_a_400_not_a_500(client) -> None:
    body = "[" * 30000 + "]" * 30000
    for path in ("/v1/pair", "/v1/check/post"):
        response = await client.post(
            path,
            data=body,
            headers={
                "Content-Type": "application/json",
                "Origin": "chrome-extension://abcdefghijklmnopabcdefghijklmnop",
            },
        )
        assert response.status in (400, 401), path
        assert response.status != 500
