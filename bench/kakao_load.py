"""KakaoTalk skill throughput: skill responses/s through POST /kakao/skill, with p50/p99.

    python bench/kakao_load.py                          # 600 calls, 16 users at a time
    python bench/kakao_load.py --calls 2000 --concurrency 32

The server is `civicbot serve` in its own process, as `make run` starts it, with Kakao on and the
rate limits off; this process plays Open Builder. Each call is a real-shaped skill payload from one
of many users (questions, greetings, the poll list, a quick-reply press), sent with the skill-secret
header; latency is the whole HTTP round trip, which is what Kakao's 5-second rule measures. Calls the
server moved to the callback (or answered "still working") are counted: at this load there should be
none.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from _common import ROOT, Server

sys.path.insert(0, str(ROOT / "tests"))

from aiohttp import ClientSession

SECRET = "bench-kakao-secret-0123456789"
BOT_ID = "bench-bot"
SKILL_TIMEOUT_MS = 5000
TEXTS = [
    ("상암동 자율주행 테스트베드는 언제 만들어졌나요?", None),
    ("안녕하세요", None),
    ("도움말", {"payload": "/help"}),
    ("투표 보기", {"payload": "/polls"}),
    ("서울시 공공 와이파이는 어디서 쓸 수 있어요?", None),
    ("How can I report a broken street light?", None),
    ("고마워요", None),
    ("디지털 시민시장실이 뭐예요?", None),
]


def payload(text: str, extra: dict | None, user: str) -> dict:
    return {
        "intent": {"id": "fallback", "name": "폴백 블록"},
        "userRequest": {
            "timezone": "Asia/Seoul",
            "params": {"ignoreMe": "true"},
            "block": {"id": "fallback", "name": "폴백 블록"},
            "utterance": text,
            "lang": "ko",
            "user": {"id": user, "type": "botUserKey", "properties": {"botUserKey": user}},
        },
        "bot": {"id": BOT_ID, "name": "bench"},
        "action": {
            "name": "civicbot",
            "clientExtra": extra or {},
            "params": {},
            "id": "s",
            "detailParams": {},
        },
        "contexts": [],
    }


async def load(url: str, calls: int, concurrency: int) -> dict:
    headers = {"X-CivicBot-Kakao-Secret": SECRET}
    latencies: list[float] = []
    slow = 0
    queue: asyncio.Queue[int] = asyncio.Queue()
    for i in range(calls):
        queue.put_nowait(i)
    async with ClientSession() as session:
        for i, (text, extra) in enumerate(TEXTS):  # warm-up: the steady state, not the first embedding
            async with session.post(url, json=payload(text, extra, f"warm-{i}"), headers=headers) as r:
                assert r.status == 200, await r.text()

        async def user() -> None:
            nonlocal slow
            while not queue.empty():
                i = queue.get_nowait()
                text, extra = TEXTS[i % len(TEXTS)]
                started = time.perf_counter()
                async with session.post(url, json=payload(text, extra, f"user-{i}"), headers=headers) as r:
                    assert r.status == 200, await r.text()
                    body = await r.json()
                latencies.append(time.perf_counter() - started)
                assert body["version"] == "2.0"
                if body.get("useCallback") or "시간이 걸리고" in str(body):
                    slow += 1

        started = time.perf_counter()
        await asyncio.gather(*(user() for _ in range(concurrency)))
        elapsed = time.perf_counter() - started
    latencies.sort()
    return {
        "calls": calls,
        "seconds": elapsed,
        "per_second": calls / elapsed,
        "p50_ms": statistics.median(latencies) * 1000,
        "p99_ms": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000,
        "max_ms": latencies[-1] * 1000,
        "slow": slow,
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--calls", type=int, default=600)
    parser.add_argument("--concurrency", type=int, default=16)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            "CIVICBOT_KAKAO_SECRET": SECRET,
            "CIVICBOT_KAKAO_BOT_ID": BOT_ID,
            "CIVICBOT_RATE_LIMIT": "0",
            "CIVICBOT_PUBLIC_URL": "https://bench.example.org",
        }
        with Server(Path(tmp), **env) as server:
            server.wait_ready()
            asyncio.run(_wait_engine(server.url))
            result = asyncio.run(load(server.url + "/kakao/skill", args.calls, args.concurrency))
    print(f"kakao skill load: {args.calls} calls, {args.concurrency} concurrent users, `civicbot serve`")
    print(
        f"  {result['per_second']:7.1f} skill responses/s   p50 {result['p50_ms']:6.1f} ms   "
        f"p99 {result['p99_ms']:7.1f} ms   max {result['max_ms']:7.1f} ms   "
        f"(Kakao's limit {SKILL_TIMEOUT_MS} ms; {result['slow']} moved to the callback)"
    )
    return 0 if result["p99_ms"] < SKILL_TIMEOUT_MS else 1


async def _wait_engine(url: str) -> None:
    """/healthz answers before the engine has loaded; a first skill call tells when it has."""
    headers = {"X-CivicBot-Kakao-Secret": SECRET}
    async with ClientSession() as session:
        for _ in range(600):
            async with session.post(
                url + "/kakao/skill", json=payload("안녕", None, "probe"), headers=headers
            ) as r:
                body = await r.json()
            if (
                "준비하고 있어요" not in str(body)
                and not body.get("useCallback")
                and "시간이 걸리고" not in str(body)
            ):
                return
            await asyncio.sleep(1)
    raise TimeoutError("the engine did not load")


if __name__ == "__main__":
    raise SystemExit(main())
