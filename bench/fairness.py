"""Fairness: one abusive client at its limits must not slow eight normal ones.

A real ``civicbot serve`` (default limits on) gets eight normal clients, each from its own
loopback address (127.0.0.11-18) asking a short question every ``--interval`` seconds through the
widget's HTTP endpoint. It runs twice: alone, then with one abuser (127.0.0.9) that keeps every
costly door busy at once, as fast as it is let through:

- long chat messages (1,900 characters, the ones that cost the model 100x a short question);
- big multipart reports (60,000 empty fields, 3.4 MB);
- a flood of whole-city GeoJSON requests.

It prints the normal clients' p50/p99 latency without and with the abuser, and what the abuser
got through. Target: p99 with the abuser <= 2 x p99 without.

    .venv/bin/python bench/fairness.py [--seconds 45] [--interval 1.5]
"""

from __future__ import annotations

import argparse
import asyncio
import io
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import Server

QUESTIONS = [
    "버스에서 무료 와이파이 되나요?",
    "에스넷이 뭐예요?",
    "스마트 가로등은 어디에 있어요?",
    "What is S-Net?",
    "따릉이 대여는 어떻게 해요?",
    "민원 신고는 어떻게 하나요?",
    "공공 와이파이 속도는 얼마나 돼요?",
    "Where can I use free Wi-Fi in Seoul?",
]
LONG_TEXT = ("서울시 공공 와이파이와 스마트 가로등 설치 계획에 대해 자세히 알려 주세요. " * 60)[:1900]


def _multipart_bomb(fields: int = 60_000) -> tuple[bytes, str]:
    boundary = "fairnessXyZ"
    part = f'--{boundary}\r\nContent-Disposition: form-data; name="f"\r\n\r\n\r\n'.encode()
    return part * fields + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def _session(address: str) -> aiohttp.ClientSession:
    return aiohttp.ClientSession(
        connector=aiohttp.TCPConnector(local_addr=(address, 0), limit=16),
        timeout=aiohttp.ClientTimeout(total=120),
    )


async def _token(http: aiohttp.ClientSession, url: str) -> str:
    async with http.post(url + "/api/sessions") as response:
        return (await response.json())["token"]


async def normal_client(url: str, number: int, seconds: float, interval: float) -> list[float]:
    """Short questions at a human pace; the latency of each (ms)."""
    latencies: list[float] = []
    async with _session(f"127.0.0.{11 + number}") as http:
        headers = {"Authorization": "Bearer " + await _token(http, url)}
        deadline = time.monotonic() + seconds
        n = 0
        while time.monotonic() < deadline:
            text = f"{QUESTIONS[(number + n) % len(QUESTIONS)]} {number * 1000 + n}"  # no cache hits
            started = time.perf_counter()
            async with http.post(url + "/api/widget/messages", json={"text": text}, headers=headers) as r:
                await r.read()
                if r.status == 200:
                    latencies.append((time.perf_counter() - started) * 1000)
            n += 1
            await asyncio.sleep(max(0.0, interval - (time.perf_counter() - started)))
    return latencies


async def abuser(url: str, stop: asyncio.Event, outcomes: Counter) -> None:
    """Every costly door at once, each as fast as the server lets it (429s are simply retried)."""
    bomb, bomb_type = _multipart_bomb()
    async with _session("127.0.0.9") as http:
        token = await _token(http, url)
        headers = {"Authorization": "Bearer " + token}

        async def loop(kind: str, send) -> None:
            while not stop.is_set():
                try:
                    async with await send() as response:
                        await response.read()
                        outcomes[f"{kind} {response.status}"] += 1
                except (aiohttp.ClientError, TimeoutError):
                    outcomes[f"{kind} error"] += 1

        def long_message():
            return http.post(url + "/api/widget/messages", json={"text": LONG_TEXT}, headers=headers)

        def long_chat():
            return http.post(url + "/api/chat", json={"text": LONG_TEXT})

        def multipart():
            return http.post(
                url + "/api/complaints",
                data=io.BytesIO(bomb),
                headers={**headers, "Content-Type": bomb_type},
            )

        def geojson():
            return http.get(url + "/api/complaints.geojson?limit=5000")

        await asyncio.gather(
            *(loop("long message", long_message) for _ in range(2)),
            *(loop("long chat", long_chat) for _ in range(2)),
            *(loop("multipart", multipart) for _ in range(2)),
            *(loop("geojson", geojson) for _ in range(4)),
        )


async def phase(url: str, seconds: float, interval: float, with_abuser: bool) -> tuple[list[float], Counter]:
    stop, outcomes = asyncio.Event(), Counter()
    attack = asyncio.create_task(abuser(url, stop, outcomes)) if with_abuser else None
    if attack:
        await asyncio.sleep(3)  # let the abuser reach its limits first
    results = await asyncio.gather(*(normal_client(url, n, seconds, interval) for n in range(8)))
    stop.set()
    if attack:
        await attack
    return [ms for client in results for ms in client], outcomes


def p(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def describe(name: str, latencies: list[float]) -> str:
    return f"{name}: p50 {statistics.median(latencies):.0f} ms, p99 {p(latencies, 0.99):.0f} ms ({len(latencies)} answers)"


async def main(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory(prefix="civicbot-fair-") as tmp, Server(Path(tmp)) as server:
        print(f"server ready in {server.wait_ready(900):.1f} s", flush=True)
        await phase(server.url, 10, args.interval, False)  # warm-up: caches, first model calls
        alone, _ = await phase(server.url, args.seconds, args.interval, False)
        print(describe("normal clients alone        ", alone), flush=True)
        attacked, outcomes = await phase(server.url, args.seconds, args.interval, True)
        print(describe("normal clients with abuser  ", attacked), flush=True)
        print("abuser's requests: " + ", ".join(f"{k}: {v}" for k, v in sorted(outcomes.items())))
        ratio = p(attacked, 0.99) / p(alone, 0.99)
        verdict = "meets" if ratio <= 2.0 else "MISSES"
        print(f"p99 with abuser / p99 alone = {ratio:.2f} ({verdict} the target <= 2)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=float, default=45.0)
    parser.add_argument("--interval", type=float, default=1.5)
    asyncio.run(main(parser.parse_args()))
