"""The scripts that make the models Postguard ships turn ONNX Runtime's usage reporting off as
Postguard does (1.29 and later keep a device id and an event store under ~/.cache/Microsoft and
a .ses file in TMPDIR, and report usage to Microsoft, unless ORT_DISABLE_TELEMETRY is set before
it loads). Before (found in review): they imported it at their top with it on."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.security.staff_machine import staff_machine_env

ROOT = Path(__file__).resolve().parents[2]


def test_the_age_network_s_script_turns_onnx_runtime_s_telemetry_off(tmp_path: Path) -> None:
    # (scripts/make_text_recogniser.py does the same, but needs onnx, not installed here)
    script = "make_age_estimator.py"
    person, scratch = tmp_path / "person", tmp_path / "tmp"
    person.mkdir()
    scratch.mkdir()
    env = staff_machine_env(HOME=str(person), TMPDIR=str(scratch))
    # The wheel does not exist: the script stops early; what matters is what it left behind.
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / script), str(tmp_path / "absent.whl")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        timeout=60,
    )
    assert not (person / ".cache" / "Microsoft").exists()
    assert list(scratch.glob("*.ses")) == []
