"""A running companion picks up a newly imported roster without a restart or a dropped request."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from tests.cli.helpers import Companion, postguard

ORIGIN = "chrome-extension://abcdefghijklmnopabcdefghijklmnop"


def _pupils_csv(path: Path, rows: list[tuple[str, str, str]]) -> Path:
    lines = ["pupil_id,forename,surname,date_of_birth"]
    lines += [f"{pid},{fore},{sur},01/09/2017" for pid, fore, sur in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_import_while_serving_is_picked_up_without_dropping_requests(
    postguard_home: Path, tmp_path: Path
) -> None:
    first = _pupils_csv(tmp_path / "first.csv", [("A1", "Tamsin", "Oakridge")])
    second = _pupils_csv(
        tmp_path / "second.csv", [("A1", "Tamsin", "Oakridge"), ("A2", "Bartholomew", "Quince")]
    )
    assert postguard("roster", "import", str(first), home=postguard_home).returncode == 0

    with Companion(postguard_home) as companion:
        assert companion.get("/v1/health")["roster"]["people"] == 1
        token = companion.pair(ORIGIN)
        auth = {"Authorization": f"Bearer {token}", "Origin": ORIGIN}
        statuses: list[int] = []
        stop = threading.Event()

        def keep_checking() -> None:
            while not stop.is_set():
                status, _ = companion.post("/v1/check/post", {"text": "Tamsin Oakridge"}, auth)
                statuses.append(status)
                time.sleep(0.1)  # staff speed, well inside the rate limit

        worker = threading.Thread(target=keep_checking)
        worker.start()
        try:
            _, before = companion.post("/v1/check/post", {"text": "Bartholomew Quince"}, auth)
            assert before["verdict"] == "allow"
            result = postguard("roster", "import", str(second), home=postguard_home)
            assert result.returncode == 0, result.stderr
            deadline = time.monotonic() + 15
            while companion.get("/v1/health")["roster"]["people"] != 2:
                assert time.monotonic() < deadline, "new roster never picked up"
                time.sleep(0.2)
            _, after = companion.post("/v1/check/post", {"text": "Bartholomew Quince"}, auth)
            assert after["verdict"] == "block"
        finally:
            stop.set()
            worker.join()
    assert statuses and set(statuses) == {200}
    assert "Bartholomew" not in companion.output and "Tamsin" not in companion.output
