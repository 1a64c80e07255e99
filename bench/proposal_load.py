"""Support load over real HTTP: concurrent citizens supporting proposals on `civicbot serve`, then
an audit of the counts and of the reviews.

    python bench/proposal_load.py                        # 64 concurrent clients, 420 proposals
    python bench/proposal_load.py --clients 64 --proposals 420 --threshold 50

It starts the server in a subprocess on a free port with a throw-away data dir and rate limits off,
files the proposals (threshold 50, the default) and creates the web sessions straight in the
database beforehand, so only supporting is timed. Each proposal gets supports from threshold + 5
different sessions, all requests shuffled together: every proposal crosses its threshold in the
middle of the storm, after which the late supports must be refused (409). Afterwards up to 2,000
acknowledged (session, proposal) pairs support again while still collecting-or-not (none may count).

A collecting proposal's set never holds more than its threshold (supports stop at review), which is
why counting the set on every support stays cheap.

Prints: acknowledged supports/s, latency p50/p99, lost supports (acknowledged but not counted),
double-counted supports (counted more than acknowledged, or a repeat that counted), and how many
proposals went to review exactly once. Target: >= 2,000 supports/s, 0 lost, 0 double.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import tempfile
import time
from pathlib import Path

import psutil
from _common import HttpConnection, Server, run_client

from civicbot import proposals, sessions
from civicbot.app import MIGRATIONS
from civicbot.db import connect, migrate

SECRET = "proposal-load"
EXTRA = 5  # supporters beyond the threshold, to be refused once it is crossed


def prepare(database: Path, n_proposals: int, threshold: int) -> tuple[list[str], list[int]]:
    """Sessions as POST /api/sessions makes them and proposals as the intake files them."""
    db = connect(database)
    migrate(db, MIGRATIONS)
    db.execute("BEGIN IMMEDIATE")
    tokens = [sessions.create_session(db)[1] for _ in range(threshold + EXTRA)]
    rules = proposals.Rules(threshold=threshold, days=30)
    ids = []
    for n in range(n_proposals):
        new = proposals.NewProposal(f"부하 시험 제안 {n}", "", ["가", "나"], "ko", "bench", f"proposer-{n}")
        ids.append(proposals.submit(db, SECRET.encode(), new, rules).id)
    db.execute("COMMIT")
    db.conn.close()
    return tokens, ids


async def run_load(base: str, tokens: list[str], ids: list[int], clients: int) -> dict:
    pairs = [(token, pid) for token in tokens for pid in ids]
    random.Random(7).shuffle(pairs)
    queue: asyncio.Queue[tuple[str, int]] = asyncio.Queue()
    for pair in pairs:
        queue.put_nowait(pair)
    latencies: list[float] = []
    added: dict[int, int] = {pid: 0 for pid in ids}
    acknowledged: list[tuple[str, int]] = []
    statuses: dict[int, int] = {}
    connections = [HttpConnection(base) for _ in range(clients)]

    async def post(http: HttpConnection, token: str, pid: int) -> tuple[int, dict]:
        status, body = await http.request(
            "POST", f"/api/proposals/{pid}/supports", {"Authorization": f"Bearer {token}"}
        )
        return status, json.loads(body)

    async def client(http: HttpConnection) -> None:
        while not queue.empty():
            token, pid = queue.get_nowait()
            started = time.perf_counter()
            status, body = await post(http, token, pid)
            latencies.append(time.perf_counter() - started)
            statuses[status] = statuses.get(status, 0) + 1
            if status == 200 and body["added"]:
                added[pid] += 1
                acknowledged.append((token, pid))

    started = time.perf_counter()
    await asyncio.gather(*(client(http) for http in connections))
    elapsed = time.perf_counter() - started
    repeats = acknowledged[:2000]
    repeat_added = 0
    for start in range(0, len(repeats), clients):
        batch = zip(connections, repeats[start : start + clients], strict=False)
        done = await asyncio.gather(*(post(http, t, p) for http, (t, p) in batch))
        repeat_added += sum(1 for status, body in done if status == 200 and body["added"])
    counted = {}
    for pid in ids:
        status, body = await connections[0].request("GET", f"/api/proposals/{pid}")
        if status != 200:
            raise RuntimeError(f"GET /api/proposals/{pid}: {status} {body[:200]!r}")
        counted[pid] = json.loads(body)
    for http in connections:
        await http.close()
    return {
        "elapsed": elapsed,
        "latencies": latencies,
        "added": added,
        "statuses": statuses,
        "repeats": len(repeats),
        "repeat_added": repeat_added,
        "counted": counted,
    }


def cpu_seconds(process: psutil.Process) -> float:
    times = process.cpu_times()
    return times.user + times.system


def report(outcome: dict, clients: int, reviews: dict[int, int]) -> None:
    added, counted = outcome["added"], outcome["counted"]
    # Each proposal's count is its proposer plus the acknowledged supports.
    lost = sum(max(0, 1 + added[pid] - counted[pid]["supports"]) for pid in added)
    double = sum(max(0, counted[pid]["supports"] - 1 - added[pid]) for pid in added) + outcome["repeat_added"]
    total = sum(added.values())
    lat = sorted(outcome["latencies"])
    p50 = statistics.median(lat) * 1000
    p99 = lat[min(len(lat) - 1, int(len(lat) * 0.99))] * 1000
    in_review = sum(1 for c in counted.values() if c["status"] == "under_review")
    once = sum(1 for pid in added if reviews.get(pid, 0) == 1)
    print(f"clients (concurrent)       : {clients}")
    print(f"proposals                  : {len(added)}, threshold {next(iter(counted.values()))['threshold']}")
    print(f"supports acknowledged      : {total} in {outcome['elapsed']:.2f} s")
    print(f"acknowledged supports/s    : {total / outcome['elapsed']:.0f}")
    print(f"latency p50 / p99          : {p50:.1f} ms / {p99:.1f} ms")
    server_cpu, client_cpu = outcome["cpu_per_request"]
    # CPU per request is steadier than supports/s when other work shares the machine.
    print(
        f"CPU per request            : server {server_cpu * 1e6:.0f} us, load client {client_cpu * 1e6:.0f} us"
    )
    print(f"statuses                   : {dict(sorted(outcome['statuses'].items()))}")
    print(
        f"repeat supports not counted: {outcome['repeats'] - outcome['repeat_added']} of {outcome['repeats']}"
    )
    print(f"lost supports              : {lost}")
    print(f"double-counted supports    : {double}")
    print(f"went to review exactly once: {once} of {len(added)} ({in_review} under review)")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clients", type=int, default=64, help="concurrent clients")
    parser.add_argument(
        "--proposals", type=int, default=420, help="proposals, each supported to its threshold"
    )
    parser.add_argument("--threshold", type=int, default=50, help="supports that send a proposal to review")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="civicbot-proposal-load-") as tmp:
        data = Path(tmp) / "data"
        data.mkdir()
        tokens, ids = prepare(data / "civicbot.db", args.proposals, args.threshold)
        env = {"CIVICBOT_SECRET_KEY": SECRET, "CIVICBOT_RATE_LIMIT": "0"}
        with Server(data, **env) as server:
            server.wait_ready()
            server_process, client_process = psutil.Process(server.process.pid), psutil.Process()
            before = cpu_seconds(server_process), cpu_seconds(client_process)
            outcome = run_client(run_load(server.url, tokens, ids, args.clients))
            requests = len(outcome["latencies"]) + outcome["repeats"] + len(ids)
            outcome["cpu_per_request"] = (
                (cpu_seconds(server_process) - before[0]) / requests,
                (cpu_seconds(client_process) - before[1]) / requests,
            )
        db = connect(data / "civicbot.db")
        rows = db.execute(
            "SELECT target, count(*) FROM audit_log WHERE action = 'proposal.review' GROUP BY target"
        ).fetchall()
        db.conn.close()
        report(outcome, args.clients, {int(target): n for target, n in rows})


if __name__ == "__main__":
    main()
