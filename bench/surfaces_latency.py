"""Click-to-verdict on every surface the extension checks, and the load hints add while typing.

Real parts end to end: Debian's Chromium with the unpacked extension, the fixture pages served
over TLS under x.com and www.facebook.com, the real companion (`postguard serve --demo`), paired
through the options page. Inside the page, a window capture listener marks the person's click or
key press (it runs before anything else, the extension included) and a MutationObserver marks
the verdict dialog appearing: the figure is what a member of staff waits for.

Hints: a 280-character post is typed at a person's pace (seeded: ~4 characters a second, a
longer pause after each sentence and now and then between words) and every request reaching the
companion is counted by a byte-counting TCP relay between the extension and the companion.

    python bench/surfaces_latency.py                 # 20 rounds per surface, then the hints load
    python bench/surfaces_latency.py --rounds 50 --skip-hints
"""

from __future__ import annotations

import argparse
import contextlib
import random
import socket
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

sys.path.insert(0, str(ROOT / "bench"))

from browser_latency import WATCH_DIALOG, percentile  # noqa: E402

from tests.e2e.browser import Options, extension_id, launch  # noqa: E402
from tests.e2e.companion_proc import DemoCompanion  # noqa: E402
from tests.e2e.sites import FixtureSites  # noqa: E402

WARM_UP = 3


@dataclass(frozen=True)
class Surface:
    name: str
    url: str
    editor: str | None  # where the text is typed; None for a friend/follow button
    text: str
    click: str | None = None  # the submit control, or None to press `key`
    key: str = "Enter"


PUPIL = "Well done Joshua Smith on the spelling test"
SURFACES = [
    Surface(
        "X post (Post button)",
        "https://x.com/home",
        "[data-testid=tweetTextarea_0]",
        PUPIL,
        click="[data-testid=tweetButtonInline]",
    ),
    Surface(
        "X Chat (Enter, shadow root)",
        "https://x.com/i/chat/1001-2002",
        "[data-testid=dm-composer-textarea]",
        PUPIL,
    ),
    Surface(
        "X Chat (send button)",
        "https://x.com/i/chat/1001-2002",
        "[data-testid=dm-composer-textarea]",
        PUPIL,
        click="[data-testid=dm-composer-send-button]",
    ),
    Surface(
        "X narrow textarea (Ctrl+Enter)",
        "https://x.com/compose/post",
        "[data-testid=tweetTextarea_0] textarea",
        PUPIL,
        key="Control+Enter",
    ),
    Surface(
        "Facebook post (Post button)",
        "https://www.facebook.com/",
        "#composer [role=textbox]",
        PUPIL,
        click="#post-button",
    ),
    Surface(
        "Facebook comment dialog (Enter)",
        "https://www.facebook.com/surfaces",
        "#comment-box",
        PUPIL,
    ),
    Surface(
        "Facebook two-step (Next)",
        "https://www.facebook.com/surfaces",
        "#post-box",
        PUPIL,
        click="[aria-label=Next]",
    ),
    Surface(
        "facebook.com/messages (Enter)",
        "https://www.facebook.com/messages/t/100001",
        "#box",
        "Can you tell Rebecca Smith",
    ),
    Surface(
        "Facebook profile (Add friend)",
        "https://www.facebook.com/rebecca.smith.75",
        None,
        "",
        click="#add",
    ),
]


def one_round(tab: Page, surface: Surface) -> float:
    if surface.editor:
        tab.click(surface.editor)
        tab.keyboard.press("Control+A")
        tab.keyboard.type(surface.text)
    tab.evaluate("window.__dialogAt = null")
    if surface.click:
        tab.click(surface.click)
    else:
        tab.keyboard.press(surface.key)
    tab.wait_for_function("window.__dialogAt !== null", timeout=10000)
    took = tab.evaluate("window.__dialogAt - window.__inputAt")
    tab.keyboard.press("Escape")
    tab.wait_for_function("!document.querySelector('div[data-postguard=dialog]')")
    return float(took)


def time_surfaces(tab: Page, rounds: int) -> dict[str, list[float]]:
    results: dict[str, list[float]] = {}
    for surface in SURFACES:
        tab.goto(surface.url)
        tab.evaluate(WATCH_DIALOG)
        times = [one_round(tab, surface) for _ in range(rounds + WARM_UP)]
        results[surface.name] = times[WARM_UP:]
    return results


class CountingRelay:
    """Relays 127.0.0.1:port to the companion and counts the HTTP requests that pass."""

    def __init__(self, target_port: int) -> None:
        self.target = target_port
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.host_seen = f"127.0.0.1:{self.port}\r\n".encode()
        self.host_meant = f"127.0.0.1:{target_port}\r\n".encode()
        self.counts: dict[str, int] = {}
        self.lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.server.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.target))
            threading.Thread(target=self._pipe, args=(client, upstream, True), daemon=True).start()
            threading.Thread(target=self._pipe, args=(upstream, client, False), daemon=True).start()

    def _pipe(self, source: socket.socket, sink: socket.socket, count: bool) -> None:
        try:
            while chunk := source.recv(65536):
                if count:
                    self._count(chunk)
                    # The companion accepts only its own port in Host (DNS rebinding).
                    chunk = chunk.replace(self.host_seen, self.host_meant)
                sink.sendall(chunk)
        except OSError:
            pass
        finally:
            for s in (source, sink):
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)

    def _count(self, chunk: bytes) -> None:
        for line in chunk.split(b"\r\n"):
            parts = line.split(b" ")
            if len(parts) == 3 and parts[2].startswith(b"HTTP/") and parts[0].isalpha():
                key = f"{parts[0].decode()} {parts[1].decode()}"
                with self.lock:
                    self.counts[key] = self.counts.get(key, 0) + 1

    def snapshot(self) -> dict[str, int]:
        with self.lock:
            return dict(self.counts)


POST_280 = (
    "What a week it has been! The Year 4 trip to the coast went ahead in glorious sunshine and "
    "everyone came home tired and happy. Thank you to the parents who helped with the packed "
    "lunches. Next week we start our new topic on rivers, so do bring in any photos of streams "
    "and ponds near you."
)[:280]


def type_like_a_person(tab: Page, text: str, seed: int = 7) -> float:
    """Types `text` at a person's pace; returns the seconds it took."""
    rng = random.Random(seed)
    started = time.monotonic()
    for i, char in enumerate(text):
        tab.keyboard.type(char)
        pause = max(0.05, rng.gauss(0.22, 0.07))
        if char in ".!?" and text[i + 1 : i + 2] == " ":
            pause += rng.uniform(1.5, 3.0)  # end of a sentence
        elif char == " " and rng.random() < 0.12:
            pause += rng.uniform(0.6, 1.6)  # finding the next word
        time.sleep(pause)
    return time.monotonic() - started


def hints_load(tab: Page, relay: CountingRelay) -> None:
    tab.goto("https://x.com/home")
    tab.click("[data-testid=tweetTextarea_0]")
    before = relay.snapshot()
    seconds = type_like_a_person(tab, POST_280)
    time.sleep(3)  # the last pause's hint
    after = relay.snapshot()
    checks = after.get("POST /v1/check/post", 0) - before.get("POST /v1/check/post", 0)
    total = sum(after.values()) - sum(before.values())
    minutes = (seconds + 3) / 60
    print(f"hints while typing a {len(POST_280)}-character post in {seconds:.0f} s:")
    print(
        f"  hint checks {checks} ({checks / minutes:.1f} per minute); "
        f"HTTP requests to the companion "
        f"{total} ({total / minutes:.1f} per minute, identity probes included)"
    )
    print("  the companion's rate limit: 20 requests/s per pairing, bursts of 60")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--rounds", type=int, default=20, help="verdicts timed per surface (default 20)"
    )
    parser.add_argument("--skip-hints", action="store_true", help="time the surfaces only")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "home").mkdir()
        companion = DemoCompanion(work / "home").start()
        try:
            relay = CountingRelay(companion.port)
            with FixtureSites(work) as sites, sync_playwright() as playwright:
                context = launch(playwright, work / "profile", sites.browser_args())
                options = Options(context, extension_id(context))
                options.pair(relay.port, companion.pairing_code())
                tab = context.new_page()
                results = time_surfaces(tab, args.rounds)
                print(
                    f"click-to-verdict per surface, headless Chromium, real demo companion, "
                    f"{args.rounds} verdicts each (after {WARM_UP} warm-up)"
                )
                for name, values in results.items():
                    print(
                        f"  {name:<36} p50={statistics.median(values):6.1f} ms  "
                        f"p95={percentile(values, 95):6.1f} ms  max={max(values):6.1f} ms"
                    )
                if not args.skip_hints:
                    hints_load(tab, relay)
                context.close()
        finally:
            companion.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
