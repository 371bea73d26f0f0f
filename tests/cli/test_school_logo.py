"""``postguard school set logo FILE`` / ``--clear`` and ``school show``: the crest is kept with
the school profile (privately), said to be there, re-read by the checks; bad files are refused
with one line, never a traceback."""

from __future__ import annotations

import io
import json
import stat
from pathlib import Path

import pytest
from PIL import Image

from companion.school import SchoolSource
from companion.school.store import CREST_FILE
from tests.cli.helpers import postguard as postguard_process
from tests.cli.helpers import run_in_process
from tests.photos.crest_scenes import crest, crest_png


@pytest.fixture
def postguard(capsys: pytest.CaptureFixture[str]):
    """The real ``postguard`` entry point, in process (the suite stays fast)."""
    return lambda *args: run_in_process(capsys, *args)


@pytest.fixture
def crest_file(tmp_path: Path) -> Path:
    path = tmp_path / "crest.png"
    path.write_bytes(crest_png(crest()))
    return path


def test_set_logo_keeps_the_crest_privately_and_show_says_so(
    postguard, postguard_home: Path, crest_file: Path
) -> None:
    assert "logo: (none)" in postguard("school", "show").stdout
    result = postguard("school", "set", "logo", str(crest_file))
    assert result.returncode == 0, result.stderr
    assert "crest registered" in result.stdout
    stored = postguard_home / CREST_FILE
    assert stat.S_IMODE(stored.stat().st_mode) == 0o600
    assert stored.stat().st_size < 64 * 1024
    shown = postguard("school", "show")
    assert shown.returncode == 0 and "logo: crest registered" in shown.stdout
    logo = json.loads(postguard("school", "show", "--json").stdout)["logo"]
    assert logo["registered"] is True and logo["width"] >= 300 and logo["registered_at"]
    assert "names" in json.loads(postguard("school", "show", "--json").stdout)


def test_the_checks_pick_up_a_new_logo_and_its_removal(
    postguard, postguard_home: Path, crest_file: Path
) -> None:
    source = SchoolSource(postguard_home)
    assert source.crest() is None
    postguard("school", "set", "logo", str(crest_file))
    template = source.crest()
    assert template is not None and len(template.points) > 100
    cleared = postguard("school", "set", "logo", "--clear")
    assert cleared.returncode == 0 and "cleared" in cleared.stdout
    assert source.crest() is None
    assert "logo: (none)" in postguard("school", "show").stdout
    again = postguard("school", "set", "logo", "--clear")
    assert again.returncode == 0 and "none was registered" in again.stdout


def test_the_logo_survives_a_profile_reset_and_field_changes(postguard, crest_file: Path) -> None:
    postguard("school", "set", "logo", str(crest_file))
    assert postguard("school", "set", "names", "Glazebury", "Hollins Green").returncode == 0
    assert "logo: crest registered" in postguard("school", "reset").stdout


def _jpeg(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"name,year\nAda,3\n", "not a JPEG, PNG, GIF or WebP image"),
        (b"", "not a JPEG, PNG, GIF or WebP image"),
        (crest_png(crest())[:3000], "damaged or cut short"),
        (_jpeg(crest().resize((70, 84))), "narrower than 90 px"),
        (_jpeg(Image.new("RGB", (400, 400), "white")), "blank"),
    ],
)
def test_a_file_that_cannot_be_the_logo_is_refused_in_one_line(
    postguard, postguard_home: Path, tmp_path: Path, content: bytes, says: str
) -> None:
    bad = tmp_path / "logo.png"
    bad.write_bytes(content)
    result = postguard("school", "set", "logo", str(bad))
    assert result.returncode == 2
    assert says in result.stderr and "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1
    assert not (postguard_home / CREST_FILE).exists()


def test_a_small_crest_is_registered_with_a_warning(postguard, tmp_path: Path) -> None:
    small = tmp_path / "small.png"
    small.write_bytes(crest_png(crest().resize((150, 180))))
    result = postguard("school", "set", "logo", str(small))
    assert result.returncode == 0
    assert "warning:" in result.stderr and "200 px" in result.stderr


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("logo",), "give one image file"),
        (("logo", "a.png", "b.png"), "give one image file"),
        (("logo", "a.png", "--clear"), "not both"),
        (("logo", "/no/such/crest.png"), "no such file"),
        (("names",), "at least one value"),
        (("names", "--clear"), "--clear is for the logo"),
    ],
)
def test_a_wrong_set_logo_command_says_what_to_do(postguard, args: tuple, says: str) -> None:
    result = postguard("school", "set", *args)
    assert result.returncode == 2 and says in result.stderr


def test_a_directory_is_not_a_logo(postguard, tmp_path: Path) -> None:
    result = postguard("school", "set", "logo", str(tmp_path))
    assert result.returncode == 2 and "cannot be read" in result.stderr


def test_a_damaged_stored_logo_is_reported_by_show_not_a_crash(
    postguard, postguard_home: Path, crest_file: Path
) -> None:
    postguard("school", "set", "logo", str(crest_file))
    stored = postguard_home / CREST_FILE
    stored.write_bytes(stored.read_bytes()[:500])
    shown = postguard("school", "show")
    assert shown.returncode == 0 and "logo: unusable" in shown.stdout
    assert SchoolSource(postguard_home).crest() is None  # checks carry on without it
    assert postguard("school", "set", "logo", "--clear").returncode == 0


def test_the_console_command_registers_and_shows_the_logo(
    postguard_home: Path, crest_file: Path
) -> None:
    result = postguard_process("school", "set", "logo", str(crest_file), home=postguard_home)
    assert result.returncode == 0, result.stderr
    shown = postguard_process("school", "show", "--json", home=postguard_home)
    assert json.loads(shown.stdout)["logo"]["registered"] is True
