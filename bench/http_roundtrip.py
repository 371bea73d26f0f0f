"""HTTP round trip of /v1/check/post over one keep-alive connection, against a real companion.

Starts ``postguard serve --demo`` — or, with ``--pupils N``, imports an invented MIS export of
N pupils and three contacts each into a fresh data directory and serves that — pairs, sends
posts, and prints p50/p99/max round-trip times, the server's resident memory and its cold start
(launch to the first answer with the roster loaded).

    python bench/http_roundtrip.py [-n 1000]
    scripts/with-keyring python bench/http_roundtrip.py --pupils 25000   # ~100,000 people
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ORIGIN = "chrome-extension://abcdefghijklmnopabcdefghijklmnop"
POSTS = [
    "Lovely walk along the canal this morning, the leaves are turning already.",
    "Well done Josh Smith on a brilliant performance 🎉",
    "Can't believe how much marking there is this weekend",
    "Anyone know a good plumber near Warrington? Boiler's gone again.",
    "Grace was amazing in the concert tonight!",
]


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=1000)
    parser.add_argument("--port", type=int, default=18765)
    parser.add_argument("--pupils", type=int, default=0, help="serve an imported roster this size")
    args = parser.parse_args()
    home = tempfile.mkdtemp(prefix="pg-bench-")
    env = {**os.environ, "POSTGUARD_HOME": home}
    roster = ["--demo"]
    if args.pupils:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from roster_data import write_exports

        exports = write_exports(Path(home) / "exports", args.pupils, contacts_per_pupil=3)
        command = [sys.executable, "-m", "companion", "roster", "import", *map(str, exports)]
        subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
        roster = []
    started = time.perf_counter()
    command = [sys.executable, "-m", "companion", "serve", *roster, "--quiet"]
    command += ["--rate", "100000", "--port", str(args.port)]
    server = subprocess.Popen(command, env=env, stderr=subprocess.DEVNULL)
    try:
        conn = http.client.HTTPConnection("127.0.0.1", args.port, timeout=5)
        people = 0
        while not people:
            try:
                conn.request("GET", "/v1/health")
                people = json.loads(conn.getresponse().read())["roster"]["people"]
            except OSError:
                conn.close()
            time.sleep(0.02)
        cold_start = time.perf_counter() - started
        code = json.loads(
            subprocess.check_output([sys.executable, "-m", "companion", "pair", "--json"], env=env)
        )["code"]
        headers = {"Content-Type": "application/json", "Origin": ORIGIN}
        conn.request("POST", "/v1/pair", json.dumps({"code": code, "client": "bench"}), headers)
        paired = json.loads(conn.getresponse().read())
        if "token" not in paired:
            raise SystemExit(f"pairing failed: {paired}")
        token = paired["token"]
        headers["Authorization"] = f"Bearer {token}"
        timings = []
        server_ms = []
        for i in range(args.n):
            body = json.dumps({"text": POSTS[i % len(POSTS)], "site": "x"})
            t0 = time.perf_counter()
            conn.request("POST", "/v1/check/post", body, headers)
            response = conn.getresponse()
            payload = response.read()
            timings.append((time.perf_counter() - t0) * 1000)
            if response.status == 429:
                raise SystemExit("rate limited: lower -n or raise the limit")
            server_ms.append(json.loads(payload)["elapsed_ms"])
        timings.sort()
        q = statistics.quantiles(timings, n=100)
        kind = "imported" if args.pupils else "demo"
        print(f"requests: {args.n} over one keep-alive connection ({kind} roster, {people} people)")
        print(f"round trip ms: p50 {q[49]:.3f}  p99 {q[98]:.3f}  max {timings[-1]:.3f}")
        print(f"engine ms (elapsed_ms): p50 {statistics.median(server_ms):.3f}")
        print(
            f"server RSS: {rss_mib(server.pid):.1f} MiB; "
            f"cold start to first answer {cold_start:.2f} s"
        )
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
