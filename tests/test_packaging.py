"""A plain (non-editable) install must carry the policy data, the demo roster and the photo
models with it, and find a face with them outside the source tree."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from companion.photos import models
from tests.photos.conftest import encoded

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_wheel_ships_policy_data_and_runs_outside_the_source_tree(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "-q",
            "-w",
            str(tmp_path / "dist"),
            str(ROOT),
        ],
        check=True,
    )
    wheel = next((tmp_path / "dist").glob("postguard-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "policy_data/rules.toml" in names
    assert "companion/demo/demo_roster.json" in names
    shipped = sorted(p.name for p in (ROOT / "companion" / "photos" / "models").iterdir())
    wanted = (
        models.FACE_DETECTOR,
        models.AGE_ESTIMATOR,
        models.TEXT_DETECTOR,
        models.TEXT_RECOGNISER,
    )
    for model in (*(path.name for path in wanted), "LICENSE-models.txt"):
        assert model in shipped and f"companion/photos/models/{model}" in names
    assert not any(n.startswith("tests/") for n in names)

    venv = tmp_path / "venv"
    # A clean environment, as a user's: the wheel's declared dependencies are all it gets.
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    install = [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    subprocess.run([*install, str(wheel)], check=True)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    result = subprocess.run(
        [str(venv / "bin" / "postguard"), "check", "--demo", "--json", "Well done Josh Smith"],
        capture_output=True,
        text=True,
        cwd=outside,
        check=False,
    )
    assert result.returncode == 2, result.stderr
    assert '"verdict": "block"' in result.stdout
    where = subprocess.run(
        [str(python), "-c", "import policy_data, companion; print(policy_data.__file__)"],
        capture_output=True,
        text=True,
        cwd=outside,
        check=True,
    )
    assert str(venv) in where.stdout
    # The face detector's model came with the wheel and loads from it: faces are found.
    portrait = outside / "portrait.jpg"
    portrait.write_bytes(encoded("astronaut"))
    photo = subprocess.run(
        [str(venv / "bin" / "postguard"), "check-image", "--demo", "--json", str(portrait)],
        capture_output=True,
        text=True,
        cwd=outside,
        check=False,
        timeout=300,
    )
    assert photo.returncode == 1, photo.stderr
    assert json.loads(photo.stdout)["image"]["faces"] == 1
