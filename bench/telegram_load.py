"""Telegram throughput: updates/s through POST /telegram/webhook to a fake Bot API, with p50/p99.

    python bench/telegram_load.py                      # 600 updates, 16 at a time, both limiter settings
    python bench/telegram_load.py --updates 2000 --concurrency 32 --limiter off

The fake Bot API and the load generator run in a child process, so this process is the server alone.
Each update is a message from a different chat (questions, greetings, /help, /polls), posted the
way Telegram does: with the secret header, and answered only once the bot has replied through
the Bot API (the webhook processes updates inline). Latency is that whole round trip.

Two settings of python-telegram-bot's AIORateLimiter are measured:
- ``off``  (CIVICBOT_RATE_LIMIT=0): the limiter honours 429s but does not space messages out,
  so the figure is what our server can do;
- ``on``   (CIVICBOT_RATE_LIMIT=1): Telegram's own ceiling of 30 messages/s for a whole bot,
  which is what a production bot will see when many people write at once.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import statistics
import sys
import tempfile
import time
from multiprocessing.connection import Connection
from pathlib import Path

from _common import ROOT, bench_settings

sys.path.insert(0, str(ROOT / "tests"))

from aiohttp import ClientSession, web
from fake_bot_api import FakeBotAPI, text_update

from civicbot import keys
from civicbot.app import create_app
from civicbot.channels.telegram import TELEGRAM

TOKEN = "5555555555:AAbenchmarkTokenNotReal_abcdefghijk"
SECRET = "bench-secret"
TEXTS = [
    "상암동 자율주행 테스트베드는 언제 만들어졌나요?",
    "안녕하세요",
    "/help",
    "/polls",
    "서울시 공공 와이파이는 어디서 쓸 수 있어요?",
    "How can I report a broken street light?",
    "고마워요",
    "디지털 시민시장실이 뭐예요?",
]


# -- the server's side: this process runs CivicBot and nothing else ---------------------------------
def run(limiter: str, updates: int, concurrency: int) -> dict:
    """Telegram (the fake Bot API and the load) in a child process, so it takes no CPU time from the
    server's event loop: the figures are the server's, as they would be with the real Telegram."""
    context = multiprocessing.get_context("spawn")
    ours, theirs = context.Pipe()
    telegram = context.Process(target=telegram_side, args=(theirs, updates, concurrency))
    telegram.start()
    try:
        fake_url = ours.recv()
        return asyncio.run(serve(limiter, fake_url, ours))
    finally:
        telegram.join(timeout=30)


async def serve(limiter: str, fake_url: str, telegram: Connection) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        settings = bench_settings(
            Path(tmp),
            CIVICBOT_TELEGRAM_TOKEN=TOKEN,
            CIVICBOT_TELEGRAM_SECRET=SECRET,
            CIVICBOT_TELEGRAM_API_URL=fake_url,
            CIVICBOT_PUBLIC_URL="https://bench.example.org",
            CIVICBOT_RATE_LIMIT="1" if limiter == "on" else "0",
            CIVICBOT_LOG_LEVEL="WARNING",
        )
        app = create_app(settings)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        try:
            await asyncio.wait_for(app[keys.ENGINE].ready.wait(), 600)
            await asyncio.wait_for(app[TELEGRAM].connected.wait(), 30)
            telegram.send(f"http://127.0.0.1:{port}/telegram/webhook")
            return await asyncio.to_thread(telegram.recv)
        finally:
            await runner.cleanup()


# -- Telegram's side: the fake Bot API and the citizens, in a child process -------------------------
def telegram_side(server: Connection, updates: int, concurrency: int) -> None:
    asyncio.run(_telegram(server, updates, concurrency))


async def _telegram(server: Connection, updates: int, concurrency: int) -> None:
    fake = FakeBotAPI(TOKEN)
    server.send(await fake.start())
    webhook = await asyncio.to_thread(server.recv)
    try:
        server.send(await _load(webhook, fake, updates, concurrency))
    finally:
        await fake.stop()


async def _load(url: str, fake: FakeBotAPI, updates: int, concurrency: int) -> dict:
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
    latencies: list[float] = []
    queue: asyncio.Queue[int] = asyncio.Queue()
    for i in range(updates):
        queue.put_nowait(i)

    async with ClientSession() as session:
        # Warm-up: every text once, so the figures are the steady state and not the first embedding.
        for i, text in enumerate(TEXTS):
            async with session.post(url, json=text_update(10**6 + i, 10**6 + i, text), headers=headers) as r:
                assert r.status == 200, await r.text()
        sent_before = len(fake.calls_to("sendMessage"))

        async def citizen() -> None:
            while not queue.empty():
                i = queue.get_nowait()
                update = text_update(i + 1, 10_000 + i, TEXTS[i % len(TEXTS)])
                started = time.perf_counter()
                async with session.post(url, json=update, headers=headers) as response:
                    assert response.status == 200, await response.text()
                    await response.read()
                latencies.append(time.perf_counter() - started)

        started = time.perf_counter()
        await asyncio.gather(*(citizen() for _ in range(concurrency)))
        elapsed = time.perf_counter() - started
    latencies.sort()
    return {
        "updates": updates,
        "replies": len(fake.calls_to("sendMessage")) - sent_before,
        "seconds": elapsed,
        "per_second": updates / elapsed,
        "p50_ms": statistics.median(latencies) * 1000,
        "p99_ms": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000,
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--updates", type=int, default=600)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--limiter", choices=("off", "on", "both"), default="both")
    args = parser.parse_args()
    settings = ["off", "on"] if args.limiter == "both" else [args.limiter]
    print(f"telegram webhook load: {args.updates} updates, {args.concurrency} concurrent, fake Bot API")
    for limiter in settings:
        result = run(limiter, args.updates, args.concurrency)
        print(
            f"  AIORateLimiter {limiter:>3}: {result['per_second']:7.1f} updates/s   "
            f"p50 {result['p50_ms']:6.1f} ms   p99 {result['p99_ms']:7.1f} ms   "
            f"({result['replies']} replies in {result['seconds']:.1f}s)"
        )
        if result["replies"] != result["updates"]:
            print(f"  !! {result['updates'] - result['replies']} updates got no reply", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
