"""Two `civicbot serve` processes over one PostgreSQL behave exactly as one; kill -9 loses nothing.

Each replica is a real server process. The test sends votes for one poll to both (each voter tries
on both at once), the same Telegram update to both, and lets the poll close while both run; then
it checks one ballot per voter, `civicbot polls verify`, one notice per voter and one close. The
crash test kills a replica with SIGKILL mid-burst and finds every acknowledged vote, report and
proposal support.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import signal
import subprocess
import sys
from pathlib import Path

import aiohttp
import pytest
from conftest import issue_official_token
from fake_bot_api import SECRET, TOKEN, FakeBotAPI, bot_env, text_update

from civicbot import pgsql
from civicbot.config import Settings
from civicbot.pgcluster import free_port

ROOT = Path(__file__).resolve().parent.parent
SEOUL = dt.timezone(dt.timedelta(hours=9))
pytestmark = pytest.mark.usefixtures("built_index")


def _env(tmp_path: Path, index_dir: Path, url: str, name: str, **extra: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CIVICBOT_")}
    env.update(
        CIVICBOT_DATA_DIR=str(tmp_path / name),
        CIVICBOT_INDEX_DIR=str(index_dir),
        CIVICBOT_KNOWLEDGE_DIR=str(ROOT / "knowledge"),
        CIVICBOT_INTENTS_DIR=str(ROOT / "intents"),
        CIVICBOT_POLLS_DIR=str(ROOT / "polls"),
        CIVICBOT_SERVICES_DIR=str(ROOT / "services"),
        CIVICBOT_SECRET_KEY="replica-test-secret",
        CIVICBOT_RATE_LIMIT="0",
        CIVICBOT_TRUSTED_PROXIES="127.0.0.1",  # each test session sends a network of its own
        CIVICBOT_DATABASE_URL=url,
        CIVICBOT_POLL_CHECK_SECONDS="1",
        CIVICBOT_DB_POOL_SIZE="4",
        **extra,
    )
    return env


class Replica:
    def __init__(self, env: dict, log: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._log = log.open("ab")
        command = [sys.executable, "-m", "civicbot", "serve", "--host", "127.0.0.1", "--port", str(self.port)]
        self.process = subprocess.Popen(
            command, env=env, cwd=ROOT, stdout=self._log, stderr=subprocess.STDOUT
        )

    async def ready(self, http: aiohttp.ClientSession, timeout: float = 300) -> None:
        """The polls API answers (the chat engine may still be loading: votes do not need it)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while loop.time() < deadline:
            assert self.process.poll() is None, "the replica exited"
            try:
                async with http.get(self.url + "/api/polls") as response:
                    if response.status == 200:
                        return
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(0.3)
        raise TimeoutError("replica not ready")

    async def healthy(self, http: aiohttp.ClientSession, timeout: float = 600) -> None:
        """/healthz says ok: the chat engine has loaded (the Telegram webhook needs it)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while loop.time() < deadline:
            assert self.process.poll() is None, "the replica exited"
            async with http.get(self.url + "/healthz") as response:
                if response.status == 200:
                    return
            await asyncio.sleep(0.5)
        raise TimeoutError("replica not healthy")

    def kill_9(self) -> None:
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=30)
        self._log.close()


def _official_token(url: str) -> str:
    settings = Settings.from_env({"CIVICBOT_DATABASE_URL": url, "CIVICBOT_SECRET_KEY": "replicas"})
    return issue_official_token(settings, "replica test official")


def _rows(url: str, sql: str, params: list | None = None) -> list[tuple]:
    conn = pgsql.connect(url)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


async def _json(http, method: str, url: str, **kwargs) -> tuple[int, dict]:
    async with http.request(method, url, **kwargs) as response:
        return response.status, await response.json()


async def test_two_replicas_behave_as_one(tmp_path: Path, index_dir: Path, pg_url: str):
    fake = FakeBotAPI(TOKEN)
    await fake.start()
    token = _official_token(pg_url)
    replicas = [
        Replica(_env(tmp_path, index_dir, pg_url, f"r{n}", **bot_env(fake)), tmp_path / f"r{n}.log")
        for n in (1, 2)
    ]
    try:
        async with aiohttp.ClientSession() as http:
            await asyncio.gather(*(r.ready(http) for r in replicas))
            a, b = replicas
            closes_at = dt.datetime.now(SEOUL) + dt.timedelta(seconds=25)
            status, poll = await _json(
                http,
                "POST",
                a.url + "/api/admin/polls",
                headers={"Authorization": f"Bearer {token}"},
                json={
                    "title": {"ko": "복제 서버 시험", "en": "Replica test"},
                    "options": [{"ko": "가", "en": "A"}, {"ko": "나", "en": "B"}],
                    "opens_at": (dt.datetime.now(SEOUL) - dt.timedelta(minutes=1)).isoformat(
                        timespec="seconds"
                    ),
                    "closes_at": closes_at.isoformat(timespec="seconds"),
                    "results": "live",
                    "channels": ["web"],
                },
            )
            assert status == 201, poll
            poll_id = poll["id"]

            # Sessions made on one replica are known to the other; each voter votes on both at once.
            sessions = [
                (await _json(http, "POST", (a, b)[n % 2].url + "/api/sessions"))[1]["token"]
                for n in range(30)
            ]

            async def vote_on(replica: Replica, session: str, n: int) -> int:
                status, _ = await _json(
                    http,
                    "POST",
                    f"{replica.url}/api/polls/{poll_id}/votes",
                    json={"choices": [1 + n % 2]},
                    headers={"Authorization": f"Bearer {session}"},
                )
                return status

            outcomes = await asyncio.gather(
                *(vote_on(r, s, n) for n, s in enumerate(sessions) for r in (a, b))
            )
            accepted = [status for status in outcomes if status == 201]
            assert len(accepted) == len(sessions), outcomes
            assert sorted(set(outcomes)) == [201, 409], outcomes

            # The same Telegram update, delivered to both (a balancer retrying on the other one).
            await asyncio.gather(*(r.healthy(http) for r in replicas))
            update = text_update(7_000_001, 555, "/start")
            headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}

            async def deliver(replica: Replica) -> tuple[int, dict]:
                for _ in range(
                    600
                ):  # 503 while its bot connects (minutes on a loaded machine): Telegram tries again
                    status, body = await _json(
                        http, "POST", replica.url + "/telegram/webhook", json=update, headers=headers
                    )
                    if status != 503:
                        break
                    await asyncio.sleep(0.5)
                return status, body

            replies = await asyncio.gather(*(deliver(r) for r in replicas))
            assert sorted(body.get("outcome", "") for _, body in replies) == ["duplicate", "processed"], (
                replies
            )

            # The poll closes on time while both timers run.
            while dt.datetime.now(SEOUL) < closes_at + dt.timedelta(seconds=4):
                await asyncio.sleep(0.5)
            for _ in range(60):
                _, shown = await _json(http, "GET", f"{b.url}/api/polls/{poll_id}")
                if shown["status"] == "closed":
                    break
                await asyncio.sleep(0.5)
            assert shown["status"] == "closed"

            # Each voter's notice is handed out once, whichever replica each asks (both at once).
            async def notices(session: str) -> int:
                found = await asyncio.gather(
                    *(
                        _json(
                            http,
                            "GET",
                            r.url + "/api/widget/notifications",
                            headers={"Authorization": f"Bearer {session}"},
                        )
                        for r in replicas
                    )
                )
                return sum(len(body["notifications"]) for _, body in found)

            assert [await notices(s) for s in sessions] == [1] * len(sessions)
    finally:
        for replica in replicas:
            replica.stop()
        await fake.stop()

    assert _rows(pg_url, "SELECT count(*) FROM poll_participation WHERE poll_id = ?", [poll_id]) == [(30,)]
    assert _rows(pg_url, "SELECT count(*), max(seq) FROM poll_ballots WHERE poll_id = ?", [poll_id]) == [
        (30, 30)
    ]
    assert _rows(pg_url, "SELECT count(*) FROM audit_log WHERE action = 'poll.close'") == [(1,)]
    assert _rows(pg_url, "SELECT count(*), count(DISTINCT recipient) FROM outbox WHERE channel = 'web'") == [
        (30, 30)
    ]
    env = _env(tmp_path, index_dir, pg_url, "cli")
    verify = subprocess.run(
        [sys.executable, "-m", "civicbot", "polls", "verify", str(poll_id)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert verify.returncode == 0, verify.stdout + verify.stderr


async def test_kill_9_mid_burst_loses_no_acknowledged_vote_report_or_support(
    tmp_path: Path, index_dir: Path, pg_url: str
):
    token = _official_token(pg_url)
    replicas = [Replica(_env(tmp_path, index_dir, pg_url, f"k{n}"), tmp_path / f"k{n}.log") for n in (1, 2)]
    acknowledged_votes: list[str] = []
    acknowledged_reports: list[str] = []
    acknowledged_supports: list[str] = []  # the sessions whose support was acknowledged
    try:
        async with aiohttp.ClientSession() as http:
            await asyncio.gather(*(r.ready(http) for r in replicas))
            victim, survivor = replicas
            status, poll = await _json(
                http,
                "POST",
                survivor.url + "/api/admin/polls",
                headers={"Authorization": f"Bearer {token}"},
                json={
                    "title": {"ko": "충돌 시험", "en": "Crash test"},
                    "options": [{"ko": "가", "en": "A"}, {"ko": "나", "en": "B"}],
                    "opens_at": (dt.datetime.now(SEOUL) - dt.timedelta(minutes=1)).isoformat(
                        timespec="seconds"
                    ),
                    "closes_at": (dt.datetime.now(SEOUL) + dt.timedelta(hours=1)).isoformat(
                        timespec="seconds"
                    ),
                    "channels": ["web"],
                },
            )
            assert status == 201, poll
            poll_id = poll["id"]
            sessions = [
                (await _json(http, "POST", survivor.url + "/api/sessions"))[1]["token"] for _ in range(90)
            ]
            proposer = {"Authorization": f"Bearer {sessions.pop()}"}
            proposal = {
                "title": "버스정류장 그늘막 설치",
                "description": "여름이 더워요.",
                "options": ["찬성", "반대"],
            }
            status, made = await _json(
                http, "POST", survivor.url + "/api/proposals", json=proposal, headers=proposer
            )
            assert status == 201, made

            async def one(n: int, session: str) -> None:
                replica = replicas[n % 2]
                # A network per session: web supports count once per network (probe 21 #5).
                auth = {"Authorization": f"Bearer {session}", "X-Forwarded-For": f"10.1.{n >> 8}.{n & 255}"}
                try:
                    if n % 3 == 0:
                        body = {
                            "text": f"보도블록 파손 {n}",
                            "lat": 37.5665,
                            "lon": 126.978,
                            "category": "road_damage",
                        }
                        status, reply = await _json(
                            http, "POST", replica.url + "/api/complaints", json=body, headers=auth
                        )
                        if status == 201:
                            acknowledged_reports.append(reply["id"] if "id" in reply else reply["public_id"])
                    elif n % 3 == 1:
                        status, reply = await _json(
                            http, "POST", f"{replica.url}/api/proposals/{made['id']}/supports", headers=auth
                        )
                        if status == 200 and reply["added"]:
                            acknowledged_supports.append(session)
                    else:
                        status, reply = await _json(
                            http,
                            "POST",
                            f"{replica.url}/api/polls/{poll_id}/votes",
                            json={"choices": [1]},
                            headers=auth,
                        )
                        if status == 201:
                            acknowledged_votes.append(reply["receipt"])
                except (aiohttp.ClientError, ValueError):
                    pass  # the killed replica: not acknowledged, so nothing is promised

            burst = asyncio.gather(*(one(n, s) for n, s in enumerate(sessions)))
            await asyncio.sleep(0.05)
            victim.kill_9()
            await burst
            # Each acknowledged support is stored: supporting again, on the survivor, adds nothing.
            for session in acknowledged_supports:
                auth = {"Authorization": f"Bearer {session}"}
                status, again = await _json(
                    http, "POST", f"{survivor.url}/api/proposals/{made['id']}/supports", headers=auth
                )
                assert status == 200 and again["added"] is False, again
    finally:
        for replica in replicas:
            if replica.process.poll() is None:
                replica.stop()
            elif not replica._log.closed:
                replica._log.close()
    assert acknowledged_votes and acknowledged_reports and acknowledged_supports, (
        "something was never acknowledged: the test proved nothing"
    )
    supports = _rows(pg_url, "SELECT count(*) FROM proposal_supports WHERE proposal_id = ?", [made["id"]])
    assert supports[0][0] >= len(acknowledged_supports) + 1  # and the proposer's own
    stored = {
        row[0] for row in _rows(pg_url, "SELECT receipt FROM poll_ballots WHERE poll_id = ?", [poll_id])
    }
    assert set(acknowledged_votes) <= stored
    reports = {row[0] for row in _rows(pg_url, "SELECT public_id FROM complaints")}
    assert set(acknowledged_reports) <= reports
