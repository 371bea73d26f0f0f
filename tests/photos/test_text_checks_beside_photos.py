"""A post's words are checked at once even while photos are being checked: a person who has
attached four photos and types on (hints while typing) or sends a message in another tab is
never answered "too large to check" because the photos held the checks' threads.

(Found in review: image checks and text checks shared the server's two check threads, and an
image check holds its thread while the photo worker looks at it: a text check queued behind a
few photos went past its one-second budget and was blocked as "too large".)
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from tests.cli.helpers import Companion
from tests.photos.conftest import certificate, encoded, needs_detector
from tests.server.conftest import EXTENSION

PHOTOS_AT_ONCE = 8  # two posts' worth; each takes the worker ~0.2 s here, one after another


@needs_detector
def test_a_post_s_words_are_checked_while_photos_are_checked(postguard_home: Path) -> None:
    photo = certificate("Joshua Smith")
    with Companion(postguard_home, "--demo") as companion:
        token = companion.pair(EXTENSION)
        auth = {"Authorization": f"Bearer {token}", "Origin": EXTENSION}
        companion.check_image(encoded("coffee"), token, EXTENSION)  # the worker has started
        with ThreadPoolExecutor(PHOTOS_AT_ONCE) as senders:
            photos = [
                senders.submit(companion.check_image, photo, token, EXTENSION)
                for _ in range(PHOTOS_AT_ONCE)
            ]
            time.sleep(0.3)  # the photos are with the companion, most still waiting their turn
            status, verdict = companion.post(
                "/v1/check/post", {"text": "Lovely afternoon at the beach", "site": "x"}, auth
            )
            checked = [future.result(timeout=60) for future in photos]
    assert status == 200
    assert (verdict["verdict"], verdict["findings"]) == ("allow", []), verdict
    # And the photos were all checked, none reported as not checked in time.
    for answer in checked:
        assert any(f["rule"] == "pupil-name" for f in answer["findings"]), answer["findings"]
