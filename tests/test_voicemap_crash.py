"""An acknowledged report survives kill -9, and the officials' command line works on the same file."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from civicbot import cli, voicemap
from civicbot.app import MIGRATIONS
from civicbot.categories import catalogue_for
from civicbot.db import connect, migrate
from civicbot.geo import gazetteer

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def call(method: str, url: str, body: dict | None = None, token: str | None = None) -> tuple[int, dict]:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        with error:
            return error.code, json.loads(error.read())


class Server:
    def __init__(self, env: dict, port: int, log: Path) -> None:
        self.url = f"http://127.0.0.1:{port}"
        self._log = log.open("ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "civicbot", "serve", "--host", "127.0.0.1", "--port", str(port)],
            env=env,
            cwd=ROOT,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )

    def wait_ready(self, timeout: float = 600) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process.poll() is None, "the server exited"
            try:
                status, _ = call("GET", self.url + "/healthz")
                if status == 200:
                    return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.3)
        raise TimeoutError("the server did not become ready")

    def kill_9(self) -> None:
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)
        self._log.close()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=30)
        if not self._log.closed:
            self._log.close()


@pytest.fixture
def server_env(tmp_path: Path, index_dir: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CIVICBOT_")}
    env.update(
        CIVICBOT_DATA_DIR=str(tmp_path / "data"),
        CIVICBOT_INDEX_DIR=str(index_dir),
        CIVICBOT_KNOWLEDGE_DIR=str(ROOT / "knowledge"),
        CIVICBOT_INTENTS_DIR=str(ROOT / "intents"),
        CIVICBOT_POLLS_DIR=str(ROOT / "polls"),
        CIVICBOT_SERVICES_DIR=str(ROOT / "services"),
        CIVICBOT_SECRET_KEY="crash-test-secret",
        CIVICBOT_RATE_LIMIT="0",
    )
    return env


def test_an_acknowledged_report_survives_kill_9(server_env: dict, tmp_path: Path):
    log = tmp_path / "server.log"
    first = Server(server_env, free_port(), log)
    try:
        # The engine loads in the background; waiting for it means no index file is half-written
        # when we kill the process (the index cache is shared with the other tests).
        first.wait_ready()
        status, session = call("POST", first.url + "/api/sessions")
        assert status == 201
        status, created = call(
            "POST",
            first.url + "/api/complaints",
            {
                "text": "보도블록이 깨졌어요 010-4321-8765",
                "lat": 37.5665,
                "lon": 126.9780,
                "category": "road_damage",
            },
            session["token"],
        )
        assert status == 201, created
        first.kill_9()  # the 201 was the acknowledgement: nothing after it may be needed
    finally:
        first.stop()

    second = Server(server_env, free_port(), log)
    try:
        second.wait_ready()
        status, found = call("GET", second.url + f"/api/complaints/{created['id']}")
        assert status == 200, found
        assert found["description"] == "보도블록이 깨졌어요 [전화번호]" and found["district"] == "중구"
    finally:
        second.stop()
    db = sqlite3.connect(Path(server_env["CIVICBOT_DATA_DIR"]) / "civicbot.db")
    try:
        private = db.execute("SELECT text, reply_to FROM complaint_private").fetchall()
    finally:
        db.close()
    assert private[0][0] == "보도블록이 깨졌어요 010-4321-8765" and private[0][1]


# -- the command line ----------------------------------------------------------------------------
@pytest.fixture
def cli_env(tmp_path: Path, monkeypatch) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    monkeypatch.setenv("CIVICBOT_DATA_DIR", str(data))
    monkeypatch.setenv("CIVICBOT_SERVICES_DIR", str(ROOT / "services"))
    monkeypatch.setenv("CIVICBOT_SECRET_KEY", "cli-secret")
    return data / "civicbot.db"


def seed(db_path: Path, days_ago: int, text: str = "포트홀 010-1234-5678") -> str:
    db = connect(db_path)
    try:
        migrate(db, MIGRATIONS)
        place = gazetteer("서울특별시", (126.76, 37.41, 127.19, 37.72)).locate(37.5009, 127.0364)
        new = voicemap.NewComplaint(
            text=text, category="road_damage", place=place, language="ko", channel="telegram",
            user_id="42", reply_to="42",
        )  # fmt: skip
        when = dt.datetime.now(dt.UTC) - dt.timedelta(days=days_ago)
        db.execute("BEGIN IMMEDIATE")
        done = voicemap.submit(db, new, catalogue_for(ROOT / "services"), "Asia/Seoul", now=when)
        db.execute("COMMIT")
        return done.public_id
    finally:
        db.conn.close()


def test_the_complaints_command_line(cli_env: Path, tmp_path: Path, capsys, monkeypatch):
    # A Telegram reporter's notice is queued only where Telegram is configured (twentieth pass).
    monkeypatch.setenv("CIVICBOT_TELEGRAM_TOKEN", "123456:test-token")
    old = seed(cli_env, days_ago=200)
    new = seed(cli_env, days_ago=1, text="가로등 고장")

    assert cli.main(["complaints", "list"]) == 0
    out = capsys.readouterr().out
    assert out.index(new) < out.index(old) and "[전화번호]" in out and "010-1234-5678" not in out

    assert cli.main(["complaints", "status", old, "in_progress", "--note", "보수 예정"]) == 0
    assert "received -> in_progress" in capsys.readouterr().out
    assert cli.main(["complaints", "status", old, "received"]) == 1
    assert "can become" in capsys.readouterr().err

    target = tmp_path / "out.csv"
    assert cli.main(["complaints", "export", "--status", "open", "-o", str(target)]) == 0
    text = target.read_text(encoding="utf-8")
    assert text.startswith("\ufeffid,") and old in text and new in text

    assert cli.main(["complaints", "purge", "--dry-run"]) == 0
    assert "would delete (older than 180 days): 1 reporters' private records" in capsys.readouterr().out
    assert cli.main(["complaints", "purge"]) == 0
    assert "deleted (older than 180 days): 1 reporters' private records" in capsys.readouterr().out
    db = sqlite3.connect(cli_env)
    try:
        left = db.execute(
            "SELECT c.public_id FROM complaint_private p JOIN complaints c ON c.id = p.complaint_id"
        ).fetchall()
        outbox = db.execute("SELECT channel, recipient FROM outbox").fetchall()
        public = db.execute("SELECT count(*) FROM complaints").fetchone()[0]
    finally:
        db.close()
    assert left == [(new,)] and public == 2
    assert outbox == [("telegram", "42")]  # the status change went to the reporter

    assert cli.main(["complaints", "api-key", "create", "Open311 app"]) == 0
    assert "o311_" in capsys.readouterr().out
    assert cli.main(["complaints", "api-key", "revoke", "1"]) == 0
    assert cli.main(["complaints", "api-key", "revoke", "1"]) == 1
