"""A photo whose own check could not look at all of it (no face detector on this machine, the
words not read in time) is never posted as if it had been checked: the check's verdict names
the parts not done (``image.not_checked``), the extension's photos.js keeps them with the
attachment and bodies.js sends them with the post, and the post's check says so again.

(Found in review: photos.js kept only faces, logo and text, so such a photo went out at submit
as a checked photo without faces or words, and the post was allowed without a word.)

Each test runs the real engine on a real photo, passes its answer through the extension's own
photos.js and bodies.js (node), and checks the post the way the server does.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from companion.checks import ImageRequest
from companion.demo import demo_roster
from companion.engine import Engine, Verdict
from companion.photos import detectors
from companion.server.validation import parse_post
from tests.photos.conftest import certificate, encoded, needs_reader

ROOT = Path(__file__).resolve().parents[2]
EXTENSION = ROOT / "extension"
NODE = shutil.which("node")
needs_node = pytest.mark.skipif(
    NODE is None or not (ROOT / "node_modules" / "linkedom").is_dir(),
    reason="node and the extension's dev dependencies (npm ci) are needed",
)

# photos.watch fed the companion's answer for one pasted photo (each time it asks), then
# bodies.postBody: the JSON body the background sends to /v1/check/post at submit, and how many
# times the photo was sent. Only the browser's file reading, decoding and scaling are stood in
# for (node has no FileReader, createImageBitmap or OffscreenCanvas: test/browser_images.js).
SUBMIT = r"""
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
const EXT = process.argv[2];
const { parseHTML } = await import(
  pathToFileURL(createRequire(`${EXT}/test/load.js`).resolve("linkedom")).href);
const { postguard } = await import(pathToFileURL(`${EXT}/test/load.js`).href);
const { postBody } = await import(pathToFileURL(`${EXT}/background/bodies.js`).href);
const { installImageApis, photoFile } = await import(
  pathToFileURL(`${EXT}/test/browser_images.js`).href);
const pg = await postguard();
let input = "";
for await (const chunk of process.stdin) input += chunk;
const verdict = JSON.parse(input);
installImageApis();
let asked = 0;
const { document, Event } = parseHTML(
  `<!doctype html><html><body><form><div contenteditable="true" role="textbox" id="post">` +
  `</div></form></body></html>`);
const photos = pg.photos.watch(document, pg.sites.x,
  async (message) => { asked += message.type === "check-image"; return { ok: true, verdict }; },
  { isPersonsInput: () => true });
const post = document.getElementById("post");
const event = new Event("paste", { bubbles: true, cancelable: true });
Object.defineProperty(event, "clipboardData",
  { value: { files: [photoFile()] } });
post.dispatchEvent(event);
const attachments = await photos.attachmentsFor(post.closest("form"));
photos.stop();
const payload = { text: "Lovely afternoon out", site: "x", attachments };
const body = postBody(payload, null, { schoolAccounts: [] });
process.stdout.write(JSON.stringify({ body, asked }));
"""


def posted_with(engine: Engine, photo_verdict: Verdict, tmp_path: Path) -> tuple[Verdict, int]:
    """The verdict at submit for a post carrying that photo, as the extension reports it, and
    how many times the extension sent the photo to be checked."""
    script = tmp_path / "submit.mjs"
    script.write_text(SUBMIT)
    done = subprocess.run(
        [NODE or "node", str(script), str(EXTENSION)],
        input=json.dumps(photo_verdict.to_json()),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    sent = json.loads(done.stdout)
    # The photo reached the companion and its answer was kept: not reported as never checked
    # (which is what a photo that node could not read would be, and passes for the wrong reason).
    assert sent["asked"] >= 1 and not any(a.get("unchecked") for a in sent["body"]["attachments"])
    return engine.check_post(parse_post(sent["body"])), sent["asked"]


@pytest.fixture
def cold_engine() -> Iterator[Engine]:
    """The demo school's engine, its photo worker not started yet (the first photo after a
    quiet spell, or on a companion just started)."""
    engine = Engine(demo_roster())
    yield engine
    engine.close()


def photo_notes(verdict: Verdict) -> list[tuple[str, str]]:
    return [
        (f.rule, f.severity)
        for f in verdict.findings
        if f.rule in ("photo-unchecked", "photo-text-unchecked")
    ]


@needs_node
def test_a_photo_whose_faces_could_not_be_checked_is_not_posted_as_checked(
    cold_engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A machine where ONNX Runtime is missing (faces.py: "never silently allowed").
    monkeypatch.setattr(detectors, "face_detector_missing", lambda: "ONNX Runtime is not installed")
    photo = cold_engine.check_image(ImageRequest(data=encoded("astronaut")))
    assert photo.verdict == "warn" and ("photo-unchecked", "warn") in photo_notes(photo)
    at_submit, asked = posted_with(cold_engine, photo, tmp_path)
    assert at_submit.verdict != "allow", (
        "a portrait whose faces were never counted was posted as a checked photo: "
        f"the photo's check said {photo.to_json()}"
    )
    assert ("photo-unchecked", "warn") in photo_notes(at_submit)
    assert any("faces could not be looked for" in f.message for f in at_submit.findings)
    assert asked == 1  # no detector on this computer: asking again would find none either


@needs_node
@needs_reader
def test_words_not_read_in_time_are_not_posted_as_a_photo_without_words(
    cold_engine: Engine, tmp_path: Path
) -> None:
    # The server's budget for the words (settings.image_words_seconds) running out, as on the
    # first photo after the worker rested on a slower machine: forced here with a tiny budget.
    photo = cold_engine.check_image(
        ImageRequest(data=certificate("Joshua Smith")), words_within=0.0
    )
    assert photo_notes(photo) == [("photo-text-unchecked", "warn")]
    at_submit, asked = posted_with(cold_engine, photo, tmp_path)
    assert photo_notes(at_submit) == [("photo-text-unchecked", "warn")], (
        "a certificate whose words were never read was posted as a photo without words, with "
        f"nothing said: {[(f.rule, f.severity) for f in at_submit.findings]}"
    )
    assert at_submit.verdict == "warn"
    # Asked once more (the reader has loaded by then); here the answer is the same again.
    assert asked == 2
