"""Where a new question's time goes with 4 concurrent clients, in-process (no HTTP), bundled knowledge.

    python bench/chat_profile.py [--questions 120] [--clients 4]

Every question is new (the qa_eval questions made unique, no cache), as in bench/chat_load.py's
"unique questions" phase. Prints the latency of a whole turn (Dialogue.handle) and, per stage, how
long it took: the model call (one per batch of questions that arrived together), the search and
decision on a worker thread, and the conversation store's read and write. By Little's law the mean
latency is clients / throughput, so when the model call dominates, the 4-client latency is set by
how many questions per second the model embeds on this machine, not by queueing in our code.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import yaml
from _common import ROOT, bench_settings, percentile

from civicbot.app import MIGRATIONS
from civicbot.db import Database
from civicbot.dialogue import Incoming
from civicbot.engine import build_engine


class Stages:
    """Durations in ms, by stage."""

    def __init__(self) -> None:
        self.times: dict[str, list[float]] = {}

    def add(self, name: str, ms: float) -> None:
        self.times.setdefault(name, []).append(ms)

    def timed(self, name: str, fn):
        def wrapper(*args):
            started = time.perf_counter()
            try:
                return fn(*args)
            finally:
                self.add(name, (time.perf_counter() - started) * 1000)

        return wrapper

    def timed_async(self, name: str, fn):
        async def wrapper(*args):
            started = time.perf_counter()
            try:
                return await fn(*args)
            finally:
                self.add(name, (time.perf_counter() - started) * 1000)

        return wrapper


async def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--questions", type=int, default=120)
    parser.add_argument("--clients", type=int, default=4)
    args = parser.parse_args()
    base = [item["q"] for item in yaml.safe_load((ROOT / "bench/data/qa_eval.yaml").read_text())]
    texts = [f"{base[i % len(base)]} p{i}" for i in range(args.questions)]
    stages = Stages()
    with tempfile.TemporaryDirectory() as tmp:
        settings = bench_settings(Path(tmp), CIVICBOT_QUERY_CACHE_SIZE="0")
        db = Database(Path(tmp) / "profile.sqlite3", MIGRATIONS)
        db.open()
        executor = ThreadPoolExecutor(2 + settings.model_workers)  # as the server (civicbot.app)
        try:
            dialogue = build_engine(settings, db, executor).dialogue
            embedder = dialogue.encoder.embedder
            dialogue.encoder.embedder = type("Timed", (), {"workers": embedder.workers})()
            dialogue.encoder.embedder.embed_queries = stages.timed(
                "model call (per batch)", embedder.embed_queries
            )
            dialogue._reply_for = stages.timed("search and decision", dialogue._reply_for)
            dialogue.store.load = stages.timed_async("conversation read", dialogue.store.load)
            dialogue.store.save = stages.timed_async("conversation write", dialogue.store.save)
            await dialogue.handle(Incoming("api", "warm-up", "안녕하세요"))
            stages.times.clear()
            latencies: list[float] = []

            async def client(number: int) -> None:
                while texts:
                    text = texts.pop()
                    started = time.perf_counter()
                    await dialogue.handle(Incoming("api", f"c{number}", text))
                    latencies.append((time.perf_counter() - started) * 1000)

            started = time.perf_counter()
            await asyncio.gather(*(client(n) for n in range(args.clients)))
            elapsed = time.perf_counter() - started
        finally:
            executor.shutdown()
            db.close()
    batches = len(stages.times.get("model call (per batch)", []))
    print(
        f"{args.clients} clients, {len(latencies)} new questions: {len(latencies) / elapsed:.1f} q/s, "
        f"p50 {percentile(latencies, 0.5):.0f} ms, p99 {percentile(latencies, 0.99):.0f} ms; "
        f"{batches} model calls (mean batch {len(latencies) / max(batches, 1):.1f})"
    )
    busy = {name: sum(values) for name, values in stages.times.items()}
    for name, values in stages.times.items():
        print(
            f"  {name:<24} n={len(values):<4} mean {statistics.mean(values):6.1f} ms  "
            f"p50 {percentile(values, 0.5):6.1f}  max {max(values):6.1f}  "
            f"({busy[name] / elapsed / 10:.0f}% of the wall time)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
