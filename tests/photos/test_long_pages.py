"""A photographed page of words (a letter home, a newsletter) is judged whole, and what goes back
with the post (at most the contract's 2,000 characters) holds the lines the image's own check
found something in, so a pupil named at the foot of a long page is found at attach and again at
submit. (Found in review: the words were once cut to 2,000 characters before they were judged.)
"""

from __future__ import annotations

from PIL import Image, ImageDraw

from companion.checks import MAX_IMAGE_TEXT, Attachment, ImageRequest, PostRequest
from companion.engine import Engine
from companion.photos.ocr import ImageText
from tests.photos.conftest import font, jpeg, needs_reader

LINES = (
    "Thank you to every family who came along on Friday afternoon this week.",
    "The weather held and the cake stall sold out before two o'clock again.",
    "Please remember that the library books are due back before the holiday.",
    "Swimming lessons continue on Tuesday afternoons for the older classes.",
    "The new climbing frame will be ready for everyone after half term ends.",
)


def letter_home(last_line: str) -> bytes:
    """A printed page of 42 lines (~3,000 characters), photographed flat, as the extension sends
    it (1,200 x 1,600); ``last_line`` at its foot."""
    page = Image.new("RGB", (1200, 1600), (255, 255, 255))
    draw = ImageDraw.Draw(page)
    y = 30
    for i in range(41):
        draw.text((30, y), LINES[i % len(LINES)], fill="black", font=font(22))
        y += 36
    draw.text((30, y), last_line, fill="black", font=font(22))
    return jpeg(page)


@needs_reader
def test_a_pupil_named_at_the_foot_of_a_long_page_is_found(engine: Engine) -> None:
    verdict = engine.check_image(
        ImageRequest(data=letter_home("Well done to Joshua Smith for his reading award."))
    )
    rules = [(f.rule, f.severity) for f in verdict.findings]
    assert ("pupil-name", "block") in rules, (
        f"verdict {verdict.verdict} {rules}; the words checked end with "
        f"{(verdict.image_text or '')[-80:]!r}"
    )
    sent = verdict.image_text or ""
    assert len(sent) <= MAX_IMAGE_TEXT and "Joshua Smith" in sent
    assert verdict.image_not_checked == ()
    image = Attachment(kind="image", faces=verdict.faces, text=sent)
    at_submit = engine.check_post(PostRequest(text="Our newsletter", attachments=(image,)))
    assert ("pupil-name", "block") in [(f.rule, f.severity) for f in at_submit.findings]


def test_what_goes_back_holds_the_lines_with_findings_first_then_what_fits() -> None:
    words = ImageText((*(f"line {i} " + "x" * 90 for i in range(40)), "Joshua Smith"))
    sent, complete = words.sent_back(["Joshua Smith"], 500)
    assert complete and len(sent) <= 500
    assert sent.splitlines()[-1] == "Joshua Smith"  # in the page's order
    assert sent.splitlines()[0].startswith("line 0 ")
    short = ImageText(("Well done", "Joshua Smith"))
    assert short.sent_back([], 500) == ("Well done\nJoshua Smith", True)
    crowded = ImageText(tuple(f"Joshua Smith {i} " + "y" * 80 for i in range(20)))
    sent, complete = crowded.sent_back(["Joshua Smith"], 500)
    assert not complete and 0 < len(sent) <= 500


@needs_reader
def test_a_page_whose_findings_do_not_all_fit_says_so_at_submit(engine: Engine) -> None:
    page = Image.new("RGB", (1200, 1600), (255, 255, 255))
    draw = ImageDraw.Draw(page)
    for i in range(42):
        line = f"Well done to Joshua Smith for reading award number {i + 1}."
        draw.text((30, 30 + i * 36), line, fill="black", font=font(22))
    verdict = engine.check_image(ImageRequest(data=jpeg(page)))
    assert ("pupil-name", "block") in [(f.rule, f.severity) for f in verdict.findings]
    assert len(verdict.image_text or "") <= MAX_IMAGE_TEXT
    assert verdict.image_not_checked == ("words",)
    assert verdict.to_json()["image"]["not_checked"] == ["words"]
