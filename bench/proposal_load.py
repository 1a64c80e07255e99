"""Support load over real HTTP: concurrent citizens supporting proposals on `civicbot serve`, then
an audit of the counts.

    python bench/proposal_load.py                        # 64 concurrent clients, 20,000 supports
    python bench/proposal_load.py --clients 64 --sessions 4000 --proposals 5

It starts the server in a subprocess on a free port with a throw-away data dir and rate limits off,
files the proposals and creates the web sessions straight in the database beforehand (so only
supporting is timed): every session supports every load proposal, in shuffled order. One more
proposal has a threshold of 50, so the crossing into review happens in the middle of the storm.
Afterwards up to 2,000 acknowledged (session, proposal) pairs support again (each must come back
``added: false``), and the public counts are compared with the acknowledged supports.

Prints: acknowledged supports/s, latency p50/p99, lost supports (acknowledged but not counted),
double-counted supports (counted more than acknowledged, or a repeat that counted), and how many
times the threshold proposal went to review (must be 1). Target: >= 2,000 supports/s, 0 lost, 0 double.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import tempfile
import time
from pathlib import Path

import aiohttp
from _common import Server

from civicbot import proposals, sessions
from civicbot.db import connect, migrate
from civicbot.schema import ALL_MIGRATIONS

SECRET = "proposal-load"
CROSSING_THRESHOLD = 50


def prepare(database: Path, n_sessions: int, n_proposals: int) -> tuple[list[str], list[int], int]:
    """Sessions as POST /api/sessions makes them and proposals as the intake files them."""
    db = connect(database)
    migrate(db, ALL_MIGRATIONS)
    db.execute("BEGIN IMMEDIATE")
    tokens = [sessions.create_session(db)[1] for _ in range(n_sessions)]
    load_rules = proposals.Rules(threshold=10**9, days=30)
    ids = []
    for n in range(n_proposals + 1):
        rules = load_rules if n < n_proposals else proposals.Rules(threshold=CROSSING_THRESHOLD, days=30)
        new = proposals.NewProposal(f"부하 시험 제안 {n}", "", ["가", "나"], "ko", "bench", f"proposer-{n}")
        ids.append(proposals.submit(db, SECRET.encode(), new, rules).id)
    db.execute("COMMIT")
    db.conn.close()
    return tokens, ids[:-1], ids[-1]


async def run_load(base: str, tokens: list[str], ids: list[int], crossing: int, clients: int) -> dict:
    pairs = [(token, pid) for token in tokens for pid in ids]
    pairs += [(token, crossing) for token in tokens[: CROSSING_THRESHOLD * 3]]
    random.Random(7).shuffle(pairs)
    queue: asyncio.Queue[tuple[str, int]] = asyncio.Queue()
    for pair in pairs:
        queue.put_nowait(pair)
    latencies: list[float] = []
    added: dict[int, int] = {pid: 0 for pid in [*ids, crossing]}
    acknowledged: list[tuple[str, int]] = []
    statuses: dict[int, int] = {}
    connector = aiohttp.TCPConnector(limit=clients)
    async with aiohttp.ClientSession(connector=connector) as http:

        async def post(token: str, pid: int) -> tuple[int, dict]:
            async with http.post(
                f"{base}/api/proposals/{pid}/supports", headers={"Authorization": f"Bearer {token}"}
            ) as response:
                return response.status, await response.json()

        async def client() -> None:
            while not queue.empty():
                token, pid = queue.get_nowait()
                started = time.perf_counter()
                status, body = await post(token, pid)
                latencies.append(time.perf_counter() - started)
                statuses[status] = statuses.get(status, 0) + 1
                if status == 200 and body["added"]:
                    added[pid] += 1
                    acknowledged.append((token, pid))

        started = time.perf_counter()
        await asyncio.gather(*(client() for _ in range(clients)))
        elapsed = time.perf_counter() - started
        repeats = [pair for pair in acknowledged if pair[1] != crossing][:2000]
        repeat_added = 0
        for start in range(0, len(repeats), clients):
            done = await asyncio.gather(*(post(t, p) for t, p in repeats[start : start + clients]))
            repeat_added += sum(1 for status, body in done if status == 200 and body["added"])
        counted = {}
        for pid in [*ids, crossing]:
            async with http.get(f"{base}/api/proposals/{pid}") as response:
                counted[pid] = await response.json()
    return {
        "elapsed": elapsed,
        "latencies": latencies,
        "added": added,
        "statuses": statuses,
        "repeats": len(repeats),
        "repeat_added": repeat_added,
        "counted": counted,
    }


def report(outcome: dict, clients: int, ids: list[int], crossing: int, reviews: int) -> None:
    added, counted = outcome["added"], outcome["counted"]
    # Each proposal's count is its proposer plus the acknowledged supports.
    lost = sum(max(0, 1 + added[pid] - counted[pid]["supports"]) for pid in added)
    double = sum(max(0, counted[pid]["supports"] - 1 - added[pid]) for pid in added) + outcome["repeat_added"]
    total = sum(added[pid] for pid in ids)
    lat = sorted(outcome["latencies"])
    p50 = statistics.median(lat) * 1000
    p99 = lat[min(len(lat) - 1, int(len(lat) * 0.99))] * 1000
    crossed = counted[crossing]
    print(f"clients (concurrent)       : {clients}")
    print(f"supports acknowledged      : {total + added[crossing]} in {outcome['elapsed']:.2f} s")
    print(f"acknowledged supports/s    : {(total + added[crossing]) / outcome['elapsed']:.0f}")
    print(f"latency p50 / p99          : {p50:.1f} ms / {p99:.1f} ms")
    print(f"statuses                   : {dict(sorted(outcome['statuses'].items()))}")
    print(
        f"repeat supports not counted: {outcome['repeats'] - outcome['repeat_added']} of {outcome['repeats']}"
    )
    print(f"lost supports              : {lost}")
    print(f"double-counted supports    : {double}")
    print(
        f"threshold proposal         : {crossed['supports']}/{crossed['threshold']} supports, "
        f"{crossed['status']}, went to review {reviews} time(s)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clients", type=int, default=64, help="concurrent clients")
    parser.add_argument("--sessions", type=int, default=4000, help="web sessions (people)")
    parser.add_argument("--proposals", type=int, default=5, help="proposals every session supports")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="civicbot-proposal-load-") as tmp:
        data = Path(tmp) / "data"
        data.mkdir()
        tokens, ids, crossing = prepare(data / "civicbot.db", args.sessions, args.proposals)
        env = {"CIVICBOT_SECRET_KEY": SECRET, "CIVICBOT_RATE_LIMIT": "0"}
        with Server(data, **env) as server:
            server.wait_ready()
            outcome = asyncio.run(run_load(server.url, tokens, ids, crossing, args.clients))
        db = connect(data / "civicbot.db")
        reviews = db.execute(
            "SELECT count(*) FROM audit_log WHERE action = 'proposal.review' AND target = ?", [str(crossing)]
        ).fetchone()[0]
        db.conn.close()
        report(outcome, args.clients, ids, crossing, reviews)


if __name__ == "__main__":
    main()
