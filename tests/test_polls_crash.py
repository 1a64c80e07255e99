"""kill -9 the real server in the middle of a burst of votes: every vote that got a 201 is still
counted after a restart, the database is intact, and the hash chain verifies."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parent.parent

POLL = """\
slug: crash-test
title: 정전 대비 투표
options: [가, 나, 다]
max_choices: 2
opens_at: 2026-01-01T00:00:00+09:00
closes_at: 2099-01-01T00:00:00+09:00
results: live
channels: [web]
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(env: dict[str, str], port: int, log: Path) -> subprocess.Popen:
    with log.open("ab") as out:  # the child keeps its own copy of the descriptor
        return subprocess.Popen(
            [sys.executable, "-m", "civicbot", "serve", "--host", "127.0.0.1", "--port", str(port)],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )


async def wait_up(http: aiohttp.ClientSession, base: str, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert server.poll() is None, log.read_text(errors="replace")[-3000:]
        try:
            async with http.get(f"{base}/api/polls") as response:
                if response.status == 200 and (await response.json())["polls"]:
                    return
        except aiohttp.ClientError:
            pass
        await asyncio.sleep(0.2)
    raise AssertionError("the server did not start: " + log.read_text(errors="replace")[-3000:])


async def test_acknowledged_votes_survive_kill_9(tmp_path, index_dir):
    polls_dir = tmp_path / "polls"
    polls_dir.mkdir()
    (polls_dir / "crash-test.yaml").write_text(POLL, encoding="utf-8")
    env = {
        **os.environ,
        "CIVICBOT_DATA_DIR": str(tmp_path / "data"),
        "CIVICBOT_INDEX_DIR": str(index_dir),
        "CIVICBOT_KNOWLEDGE_DIR": str(ROOT / "knowledge"),
        "CIVICBOT_INTENTS_DIR": str(ROOT / "intents"),
        "CIVICBOT_POLLS_DIR": str(polls_dir),
        "CIVICBOT_SECRET_KEY": "crash-test-secret",
        "CIVICBOT_RATE_LIMIT": "0",
    }
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = tmp_path / "server.log"
    server = start_server(env, port, log)
    acknowledged: dict[str, list[int]] = {}
    try:
        async with aiohttp.ClientSession() as http:
            await wait_up(http, base, server, log)
            poll_id = (await (await http.get(f"{base}/api/polls")).json())["polls"][0]["id"]
            tokens = []
            for _ in range(600):
                async with http.post(f"{base}/api/sessions") as response:
                    tokens.append((await response.json())["token"])

            async def vote(n: int, token: str) -> None:
                choices = [1 + n % 3] if n % 2 else [1 + n % 3, 1 + (n + 1) % 3]
                try:
                    async with http.post(
                        f"{base}/api/polls/{poll_id}/votes",
                        json={"choices": choices},
                        headers={"Authorization": f"Bearer {token}"},
                    ) as response:
                        if response.status == 201:
                            acknowledged[(await response.json())["receipt"]] = sorted(choices)
                except (TimeoutError, aiohttp.ClientError):
                    pass  # the server died under this request: it was never acknowledged

            pending = [asyncio.create_task(vote(n, token)) for n, token in enumerate(tokens)]
            while len(acknowledged) < 150:  # kill it mid-burst, with requests still in flight
                await asyncio.sleep(0.005)
            server.send_signal(signal.SIGKILL)
            server.wait()
            await asyncio.gather(*pending)
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
    assert 150 <= len(acknowledged) < len(tokens), "the kill did not land in the middle of the burst"

    database = tmp_path / "data" / "civicbot.db"
    raw = sqlite3.connect(database)
    assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    raw.close()

    server = start_server(env, port, log)
    try:
        async with aiohttp.ClientSession() as http:
            await wait_up(http, base, server, log)
            # The poll is still open, so its bulletin is not public yet: every receipt is looked up.
            for receipt, choices in acknowledged.items():
                async with http.get(f"{base}/api/polls/{poll_id}/receipts/{receipt}") as response:
                    assert response.status == 200, f"acknowledged vote {receipt} was lost"
                    assert sorted((await response.json())["choices"]) == choices
    finally:
        server.terminate()
        server.wait(timeout=30)

    verify = subprocess.run(
        [sys.executable, "-m", "civicbot", "polls", "verify", "crash-test"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert verify.returncode == 0, verify.stdout + verify.stderr
    ballots = int(re.search(r"(\d+) ballots", verify.stdout).group(1))
    assert len(acknowledged) <= ballots <= len(tokens) and "OK" in verify.stdout
