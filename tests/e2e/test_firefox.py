"""The same extension tree in Debian's firefox-esr (driven by puppeteer-core from Node), on the
surfaces that differ most: X's composer, X Chat's shadow root and chat.x.com, hints while
typing, and Facebook's comment dialog (in Polish), two-step composer, /messages and profile
pages, and a face photo attached by file picker in X Chat (its file input is inside the shadow
root), in the X post composer, Facebook's "Create post" and facebook.com/messages; and a
certificate photographed sideways, its words read once Firefox has drawn it upright."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from companion.photos.faces import face_detector_missing
from companion.photos.ocr import text_reader_missing
from tests.e2e.browser import EXTENSION
from tests.e2e.companion_proc import DemoCompanion
from tests.e2e.sites import FixtureSites

pytestmark = pytest.mark.browser

FIREFOX = "/usr/bin/firefox-esr"
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(not Path(FIREFOX).exists(), reason="firefox-esr is not installed")
@pytest.mark.skipif(
    not (ROOT / "node_modules" / "puppeteer-core").is_dir() or not shutil.which("node"),
    reason="run 'npm ci' first (puppeteer-core)",
)
def test_firefox_stops_a_named_pupil_on_every_surface(
    sites: FixtureSites, companion: DemoCompanion, tmp_path: Path
) -> None:
    faces = not face_detector_missing()
    photo = {}
    if faces:
        from tests.photos.conftest import encoded
        from tests.photos.test_animations import blank_then_face

        (tmp_path / "astronaut.jpg").write_bytes(encoded("astronaut"))
        (tmp_path / "wave.gif").write_bytes(blank_then_face("GIF"))
        photo = {
            "FACE_PHOTO": str(tmp_path / "astronaut.jpg"),
            # Its first frame blank: Firefox's canvas, too, draws only that one.
            "FACE_ANIMATION": str(tmp_path / "wave.gif"),
        }
    reads = not text_reader_missing()
    if reads:
        from tests.photos.conftest import certificate

        upright = Image.open(io.BytesIO(certificate("Joshua Smith"))).convert("RGB")
        exif = Image.Exif()
        exif[0x0112] = 6  # turn 90 degrees clockwise to show it, as a phone held sideways saves
        upright.rotate(90, expand=True).save(tmp_path / "sideways.jpg", exif=exif.tobytes())
        photo["SIDEWAYS_CERTIFICATE"] = str(tmp_path / "sideways.jpg")
    run = subprocess.run(
        ["node", str(Path(__file__).parent / "firefox_check.mjs")],
        env={
            **os.environ,
            "FIXTURE_PORT": str(sites.port),
            "COMPANION_PORT": str(companion.port),
            "PAIR_CODE": companion.pairing_code(),
            "EXTENSION_DIR": str(EXTENSION),  # the dialog is read, so its root must be open
            **photo,
        },
        capture_output=True,
        text=True,
        timeout=180,
        cwd=ROOT,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "blocked the named pupil" in run.stdout
    assert "hints underlined the name while typing" in run.stdout
    for surface in (
        "X Chat (shadow root, Enter): stopped (pupil-name)",
        "chat.x.com (Enter): stopped (pupil-name)",
        "Facebook comment dialog (Polish, Enter): stopped (pupil-name)",
        "Facebook two-step composer (Next): stopped (pupil-name)",
        "facebook.com/messages (Enter): stopped (family-name)",
        "Facebook profile (Add friend): stopped (friend-family)",
    ):
        assert surface in run.stdout, run.stdout + run.stderr
    if faces:
        for surface in (
            "X Chat photo (shadow root file input)",
            "X composer photo (file input)",
            "Facebook Create post photo (file input)",
            "facebook.com/messages photo (file input)",
            "X composer animation, the face in its second frame (file input)",
        ):
            assert f"{surface}: stopped (photo)" in run.stdout, run.stdout + run.stderr
    if reads:
        sideways = "X composer sideways certificate (file input): stopped (pupil-name)"
        assert sideways in run.stdout, run.stdout + run.stderr
    # The companion recorded the Firefox pairing, with Firefox's own extension origin.
    assert any("Firefox" in p["label"] for p in companion.pairs())
