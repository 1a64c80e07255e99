"""Vote load over real HTTP: concurrent voters against `civicbot serve`, then an audit of the result.

    python bench/vote_load.py                       # SQLite/1, PostgreSQL/1, PostgreSQL/2 side by side
    python bench/vote_load.py --voters 64 --votes 40000
    python bench/vote_load.py --database-url postgresql://... --replicas 3
    python bench/vote_load.py --database-url sqlite --votes 8000   # SQLite/1 alone

With several replicas the voters go round-robin to them, as a load balancer would send them.
PostgreSQL without --database-url is a throw-away cluster (Debian's initdb/pg_ctl) with its
durable defaults (fsync on, synchronous_commit on).

It starts the server in a subprocess on a free port with a throw-away data dir and rate limits off
(CIVICBOT_RATE_LIMIT=0), one web session per vote (created straight in the database beforehand, so
only voting is timed), and waits until the server is ready. Each of the N voters sends one vote
after another. Afterwards up to 2,000 acknowledged sessions try again (each must get 409), and the
stored ballots (the bulletin) are compared with the acknowledged receipts.

Prints: acknowledged votes/s, latency p50/p99, lost votes (a 201 whose receipt is not on the
bulletin), double-counted votes (more ballots than acknowledged votes, or a repeat that got a 201),
and whether `civicbot polls verify` passes. Target: >= 2,000 votes/s on 2 cores, 0 lost, 0 double.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import psutil
from _common import (
    ROOT,
    HttpConnection,
    Server,
    ThrowAwayPostgres,
    add_database_arguments,
    configurations,
    print_table,
    run_client,
)

from civicbot import pgsql, polls, sessions
from civicbot.app import MIGRATIONS
from civicbot.db import connect, migrate

POLL = """\
slug: load-test
title: {ko: 부하 시험 투표, en: Load test poll}
options: [가, 나, 다, 라]
max_choices: 2
opens_at: 2026-01-01T00:00:00+09:00
closes_at: 2099-01-01T00:00:00+09:00
results: live
channels: [web]
"""


def make_sessions(database: Path | str, count: int) -> list[str]:
    """Web sessions exactly as POST /api/sessions makes them, in one transaction."""
    db = pgsql.connect(database) if isinstance(database, str) else connect(database)
    migrate(db, MIGRATIONS)
    db.execute("BEGIN IMMEDIATE")
    tokens = [sessions.create_session(db)[1] for _ in range(count)]
    db.execute("COMMIT")
    db.conn.close()
    return tokens


def read_bulletin(url: str, poll_id: int) -> dict:
    """The ballots as `/api/polls/{id}/bulletin` lists them once the poll closes."""
    db = pgsql.connect(url) if url.startswith("postgres") else connect(Path(url.removeprefix("sqlite:///")))
    try:
        ballots = polls.bulletin(db, poll_id)
    finally:
        db.conn.close()
    return {"ballots": [{"seq": b.seq, "receipt": b.receipt} for b in ballots]}


async def run_load(bases: list[str], poll_id: int, tokens: list[str], voters: int) -> dict:
    queue: asyncio.Queue[tuple[int, str]] = asyncio.Queue()
    for item in enumerate(tokens):
        queue.put_nowait(item)
    latencies: list[float] = []
    acknowledged: dict[str, str] = {}  # token -> receipt
    failures: dict[int, int] = {}
    path = f"/api/polls/{poll_id}/votes"
    # One keep-alive connection per voter and replica.
    connections = [[HttpConnection(base) for base in bases] for _ in range(voters)]

    async def voter(mine: list[HttpConnection]) -> None:
        while not queue.empty():
            n, token = queue.get_nowait()
            choices = [1 + n % 4] if n % 3 else [1 + n % 4, 1 + (n + 1) % 4]
            body = json.dumps({"choices": choices, "notify": False}).encode()
            started = time.perf_counter()
            status, answer = await mine[n % len(bases)].request("POST", path, _headers(token), body)
            latencies.append(time.perf_counter() - started)
            if status == 201:
                acknowledged[token] = json.loads(answer)["receipt"]
            else:
                failures[status] = failures.get(status, 0) + 1

    started = time.perf_counter()
    await asyncio.gather(*(voter(mine) for mine in connections))
    elapsed = time.perf_counter() - started

    # Every acknowledged voter tries again: each must be refused.
    repeats = list(acknowledged)[:2000]
    repeat_statuses: list[int] = []

    async def repeat(mine: list[HttpConnection], token: str) -> None:
        # The other replica than most first votes.
        status, _ = await mine[-1].request("POST", path, _headers(token), b'{"choices": [1]}')
        repeat_statuses.append(status)

    for start in range(0, len(repeats), voters):
        batch = zip(connections, repeats[start : start + voters], strict=False)
        await asyncio.gather(*(repeat(mine, token) for mine, token in batch))
    for mine in connections:
        for http in mine:
            await http.close()
    return {
        "elapsed": elapsed,
        "latencies": latencies,
        "acknowledged": acknowledged,
        "failures": failures,
        "repeat_statuses": repeat_statuses,
    }


def _headers(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}


def cpu_seconds(process: psutil.Process) -> float:
    times = process.cpu_times()
    return times.user + times.system


def summary(label: str, outcome: dict, verified: bool) -> dict:
    acked = outcome["acknowledged"]
    receipts = {b["receipt"] for b in outcome["bulletin"]["ballots"]}
    lat = sorted(outcome["latencies"])
    double = max(0, len(outcome["bulletin"]["ballots"]) - len(acked))
    double += sum(1 for status in outcome["repeat_statuses"] if status == 201)
    return {
        "configuration": label,
        "votes/s": f"{len(acked) / outcome['elapsed']:.0f}",
        "p50 ms": f"{statistics.median(lat) * 1000:.1f}",
        "p99 ms": f"{lat[min(len(lat) - 1, int(len(lat) * 0.99))] * 1000:.1f}",
        "lost": sum(1 for r in acked.values() if r not in receipts),
        "double-counted": double,
        "verify": "OK" if verified else "FAILED",
        "server CPU/vote us": f"{outcome['cpu_per_request'][0] * 1e6:.0f}",
    }


def report(outcome: dict, voters: int, verified: bool) -> None:
    acked = outcome["acknowledged"]
    receipts = {b["receipt"] for b in outcome["bulletin"]["ballots"]}
    lost = sum(1 for r in acked.values() if r not in receipts)
    double = max(0, len(outcome["bulletin"]["ballots"]) - len(acked))
    double += sum(1 for status in outcome["repeat_statuses"] if status == 201)
    lat = sorted(outcome["latencies"])
    p50 = statistics.median(lat) * 1000
    p99 = lat[min(len(lat) - 1, int(len(lat) * 0.99))] * 1000
    print(f"voters (concurrent)      : {voters}")
    print(f"votes acknowledged (201) : {len(acked)} in {outcome['elapsed']:.2f} s")
    print(f"acknowledged votes/s     : {len(acked) / outcome['elapsed']:.0f}")
    print(f"latency p50 / p99        : {p50:.1f} ms / {p99:.1f} ms")
    server_cpu, client_cpu = outcome["cpu_per_request"]
    # CPU per request is steadier than votes/s when other work shares the machine.
    print(
        f"CPU per request          : server {server_cpu * 1e6:.0f} us, load client {client_cpu * 1e6:.0f} us"
    )
    print(f"other statuses           : {outcome['failures'] or 'none'}")
    print(
        f"repeat votes refused     : {outcome['repeat_statuses'].count(409)} of {len(outcome['repeat_statuses'])}"
    )
    print(f"lost votes               : {lost}")
    print(f"double-counted votes     : {double}")
    print(f"civicbot polls verify    : {'OK' if verified else 'FAILED'}")


def run_configuration(label: str, url: str, replicas: int, args) -> dict:
    """One configuration: fresh database, N server processes, the load, the audit."""
    with tempfile.TemporaryDirectory(prefix="civicbot-vote-load-") as tmp:
        data, polls_dir = Path(tmp) / "data", Path(tmp) / "polls"
        polls_dir.mkdir()
        data.mkdir()
        (polls_dir / "load-test.yaml").write_text(POLL, encoding="utf-8")
        if not url:  # SQLite: one file that every replica (and the sessions made here) share
            url = f"sqlite:///{data / 'civicbot.db'}"
        tokens = make_sessions(
            url if url.startswith("postgres") else Path(url.removeprefix("sqlite:///")), args.votes
        )
        env = {
            "CIVICBOT_POLLS_DIR": str(polls_dir),
            "CIVICBOT_SECRET_KEY": "vote-load",
            "CIVICBOT_RATE_LIMIT": "0",
            "CIVICBOT_DATABASE_URL": url,
        }
        servers = [Server(data / f"replica{n}", **env) for n in range(replicas)]
        try:
            for server in servers:
                server.start()
            for server in servers:
                server.wait_ready()
            with urllib.request.urlopen(servers[0].url + "/api/polls") as response:
                listed = json.load(response)
            poll_id = next(p["id"] for p in listed["polls"] if p["slug"] == "load-test")
            processes = [psutil.Process(s.process.pid) for s in servers]
            client_process = psutil.Process()
            before = sum(map(cpu_seconds, processes)), cpu_seconds(client_process)
            outcome = run_client(run_load([s.url for s in servers], poll_id, tokens, args.voters))
            requests = len(outcome["latencies"]) + len(outcome["repeat_statuses"]) + 1
            outcome["cpu_per_request"] = (
                (sum(map(cpu_seconds, processes)) - before[0]) / requests,
                (cpu_seconds(client_process) - before[1]) / requests,
            )
        finally:
            for server in servers:
                server.stop()
        # The public bulletin is published at close; the audit reads the ballots straight from the
        # database instead, so the poll stays as the voters left it.
        outcome["bulletin"] = read_bulletin(url, poll_id)
        verify = subprocess.run(
            [sys.executable, "-m", "civicbot", "polls", "verify", "load-test"],
            cwd=ROOT,
            env=servers[0].env,
            capture_output=True,
            text=True,
        )
        print(f"\n== {label} ==")
        report(outcome, args.voters, verify.returncode == 0)
        if verify.returncode:
            print(verify.stdout, verify.stderr)
        return summary(label, outcome, verify.returncode == 0)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--voters", type=int, default=64, help="concurrent voters")
    parser.add_argument("--votes", type=int, default=20000, help="votes in total (one session each)")
    add_database_arguments(parser)
    args = parser.parse_args()
    rows = []
    for label, url, replicas in configurations(args):
        if url is None:
            with ThrowAwayPostgres() as fresh:
                rows.append(run_configuration(label, fresh, replicas, args))
        else:
            rows.append(run_configuration(label, url, replicas, args))
    print(f"\n{args.votes} votes, {args.voters} concurrent voters, {os.cpu_count()} cores:")
    print_table(rows, list(rows[0]))


if __name__ == "__main__":
    main()
