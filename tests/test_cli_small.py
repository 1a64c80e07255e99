"""Command-line breakages a newcomer meets first: a busy port, a fresh data directory, loader noise."""

from __future__ import annotations

import logging
import socket
from pathlib import Path

import pytest

from civicbot import cli
from civicbot.config import Settings

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def env(monkeypatch, tmp_path):
    values = {
        "CIVICBOT_DATA_DIR": str(tmp_path / "fresh" / "data"),
        "CIVICBOT_KNOWLEDGE_DIR": str(ROOT / "knowledge"),
        "CIVICBOT_INTENTS_DIR": str(ROOT / "intents"),
        "CIVICBOT_POLLS_DIR": str(ROOT / "polls"),
        "CIVICBOT_TELEGRAM_TOKEN": "",
    }
    for key, value in values.items():
        monkeypatch.setenv(key, value)
    return values


def test_serve_on_a_busy_port_names_the_variable_to_set_and_prints_no_url(env, capsys):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert cli.main(["serve", "--host", "127.0.0.1", "--port", str(port)]) == 1
    out, err = capsys.readouterr()
    assert f"CIVICBOT_PORT={port + 1}" in err and "in use" in err
    assert "Traceback" not in err and "http://" not in out


def test_serve_with_a_missing_catalogue_says_file_and_line_and_prints_no_url(
    env, monkeypatch, tmp_path, capsys
):
    monkeypatch.setenv("CIVICBOT_STRINGS_DIR", str(tmp_path / "strings"))  # run from the wrong folder
    with socket.socket() as probe:  # a free port: the start must fail on the catalogue, not the port
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    assert cli.main(["serve", "--host", "127.0.0.1", "--port", str(port)]) == 2
    out, err = capsys.readouterr()
    assert "strings/ko.yaml:1: missing file" in err and "CIVICBOT_*_DIR" in err
    assert "Traceback" not in err and "http://" not in out


@pytest.mark.parametrize(
    "argv", [["complaints", "api-key", "create", "partner"], ["complaints", "list"], ["polls", "list"]]
)
def test_every_command_creates_the_data_directory(env, argv, capsys):
    data = Path(env["CIVICBOT_DATA_DIR"])
    assert not data.exists()
    assert cli.main(argv) == 0, capsys.readouterr()
    assert data.is_dir() and (data / "civicbot.db").exists()


def test_the_faiss_loader_is_quiet_at_info_level():
    cli._setup_logging(Settings.from_env({}), "INFO")
    assert not logging.getLogger("faiss.loader").isEnabledFor(logging.INFO)
