"""Pairing as an attacker would try it: odd labels, races for one code."""

from __future__ import annotations

import json
import threading

from tests.cli.helpers import Companion, postguard
from tests.security.rawhttp import ORIGIN, exchange, request, status_of


def test_client_label_cannot_write_terminal_controls(companion: Companion) -> None:
    code = json.loads(postguard("pair", "--json", home=companion.home).stdout)["code"]
    label = "Chrome\x1b]0;owned\x07\x1b[2J\r\nabcd1234  fake  chrome-extension://x  paired now"
    body = json.dumps({"code": code, "client": label}).encode()
    answer = exchange(companion.port, request(companion.port, "/v1/pair", body))
    assert status_of(answer) == 200, answer[:200]
    listed = postguard("pairs", "list", home=companion.home).stdout
    assert "\x1b" not in listed and "\x07" not in listed and "\r" not in listed
    assert len(listed.strip().splitlines()) == 1


def test_one_code_pairs_once_under_a_race(companion: Companion) -> None:
    code = json.loads(postguard("pair", "--json", home=companion.home).stdout)["code"]
    body = json.dumps({"code": code, "client": "racer"}).encode()
    statuses: list[int] = []

    def attempt() -> None:
        raw = request(companion.port, "/v1/pair", body, origin=ORIGIN)
        statuses.append(status_of(exchange(companion.port, raw)))

    threads = [threading.Thread(target=attempt) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses.count(200) == 1, statuses
    listed = json.loads(postguard("pairs", "list", "--json", home=companion.home).stdout)
    assert len(listed) == 1
