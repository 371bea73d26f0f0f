"""Runtime settings: where data lives and how the server listens. No globals: passed down."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

import platformdirs

DEFAULT_PORT = 8765
MAX_BODY_BYTES = 64 * 1024
MAX_IMAGE_BYTES = 10 * 1024 * 1024


def default_home() -> Path:
    override = os.environ.get("POSTGUARD_HOME")
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_data_dir("postguard", appauthor=False))


@dataclass(frozen=True, slots=True)
class Settings:
    home: Path = field(default_factory=default_home)
    host: str = "127.0.0.1"
    port: int = DEFAULT_PORT
    demo: bool = False
    max_body: int = MAX_BODY_BYTES
    max_image_body: int = MAX_IMAGE_BYTES
    image_budget_seconds: float = 3.0  # a photo not checked by then is reported, never allowed
    # words in a photo not read by then are reported as not read; the faces and crest verdict
    # still comes within the image budget when the reader is slow (its first photo after a rest)
    image_words_seconds: float = 2.0
    rate_per_second: float = 20.0  # sustained requests per token
    rate_burst: int = 60
    pair_window_seconds: int = 120
    pair_max_attempts: int = 5
    pair_rate_per_second: float = 1.0  # /v1/pair attempts, shared by everyone local
    pair_rate_burst: int = 5
    roster_poll_seconds: float = 2.0  # how often the server looks for a new roster version
    # A request body must arrive within this; aiohttp itself would wait for ever (slowloris).
    body_timeout_seconds: float = 10.0
    # A connection with no complete request (idle, or headers trickling in) is closed after
    # this; aiohttp's default is an hour.
    idle_timeout_seconds: float = 15.0
    # A check not finished within this is answered "too large to check" (a block); under the
    # extension's default 1.5 s timeout, so the extension hears a block, not a silence.
    check_budget_seconds: float = 1.0
    # Work metering: a check costs one request, plus one per this many characters of text and
    # one per this many distinct roster names it reports.
    rate_chars_per_token: int = 2048
    rate_names_per_token: int = 3

    def with_(self, **changes: object) -> Settings:
        return replace(self, **changes)  # type: ignore[arg-type]

    @property
    def pairing_file(self) -> Path:
        return self.home / "pairing.json"

    @property
    def pairs_file(self) -> Path:
        return self.home / "pairs.json"

    @property
    def roster_dir(self) -> Path:
        return self.home / "roster"

    def ensure_home(self) -> Path:
        self.home.mkdir(parents=True, exist_ok=True, mode=0o700)
        return self.home
