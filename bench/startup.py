"""Start-up time with an unchanged knowledge dir, and resident memory with the default embedder.

    python bench/startup.py [--runs 5]

Starts `civicbot serve` as its own process (as `make run` does) against a fresh data dir and the
shared index cache, and times it from process start until GET /healthz answers 200. The first run
builds the cache if it is missing and is not counted. Resident memory (RSS) is read from the
server process after it has answered the questions of bench/data/qa_eval.yaml once, so that the
caches and the lazy parts are in it. Targets: start-up <= 3 s, memory <= 400 MB.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import urllib.request
from pathlib import Path

import psutil
import yaml
from _common import ROOT, Server

STARTUP_TARGET_S = 3.0
MEMORY_TARGET_MB = 400.0


def ask(url: str, text: str) -> dict:
    body = json.dumps({"conversation_id": "startup-bench", "text": text}).encode()
    request = urllib.request.Request(
        url + "/api/chat", body, headers={"Content-Type": "application/json"}, method="POST"
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    questions = [i["q"] for i in yaml.safe_load((ROOT / "bench/data/qa_eval.yaml").read_text())]
    with tempfile.TemporaryDirectory() as tmp:
        with Server(Path(tmp) / "warm-up", CIVICBOT_RATE_LIMIT="0") as server:
            first = server.wait_ready()
        print(f"warm-up run (builds the index cache if missing): {first:.2f} s")
        times = []
        rss = 0.0
        for run in range(args.runs):
            with Server(Path(tmp) / f"run{run}", CIVICBOT_RATE_LIMIT="0") as server:
                times.append(server.wait_ready())
                if run == args.runs - 1:
                    for question in questions:
                        ask(server.url, question)
                    rss = psutil.Process(server.process.pid).memory_info().rss / 1e6
    median = statistics.median(times)
    print(
        f"start-up with unchanged knowledge: median {median:.2f} s over {len(times)} runs "
        f"(min {min(times):.2f}, max {max(times):.2f}); target <= {STARTUP_TARGET_S:.0f} s: "
        f"{'met' if median <= STARTUP_TARGET_S else 'MISSED'}"
    )
    print(
        f"resident memory after {len(questions)} questions: {rss:.0f} MB; "
        f"target <= {MEMORY_TARGET_MB:.0f} MB: {'met' if rss <= MEMORY_TARGET_MB else 'MISSED'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
