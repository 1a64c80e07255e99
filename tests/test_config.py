"""Settings: read once from CIVICBOT_* variables, frozen, every one documented in the README."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from civicbot.config import SETTINGS, ConfigError, Settings, settings_table

ROOT = Path(__file__).resolve().parent.parent


def readme_section(name: str) -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(rf"<!-- section: {name} -->(.*?)<!-- /section: {name} -->", text, re.S)
    assert match, f"README.md has no '{name}' section"
    return match.group(1)


def test_readme_settings_table_is_generated_from_the_settings():
    section = readme_section("settings")
    assert settings_table() in section, (
        "README's settings table is out of date; regenerate it with "
        "python -c 'from civicbot.config import settings_table as t; print(t())'"
    )
    for setting in SETTINGS:
        assert f"`{setting.env}`" in section


class RecordingEnv(dict):
    """An environment that remembers which variables were looked up."""

    def __init__(self, *args: object) -> None:
        super().__init__(*args)
        self.read: set[str] = set()

    def get(self, key, default=None):
        self.read.add(key)
        return super().get(key, default)

    def __getitem__(self, key):
        self.read.add(key)
        return super().__getitem__(key)

    def __contains__(self, key):
        self.read.add(key)
        return super().__contains__(key)


def test_every_documented_setting_is_read_and_nothing_else():
    env = RecordingEnv({"UNRELATED": "x"})
    Settings.from_env(env)
    documented = {s.env for s in SETTINGS}
    assert documented <= env.read
    assert env.read - documented <= {"PORT"}  # the Procfile convention, documented with the port


def test_defaults_match_the_table():
    settings = Settings.from_env({})
    assert settings.data_dir == Path("./data")
    assert settings.knowledge_dir == Path("./knowledge")
    assert settings.intents_dir == Path("./intents")
    assert settings.polls_dir == Path("./polls")
    assert settings.embedder == "e5-small"
    assert settings.port == 8080
    assert settings.index_dir == Path("./data/index")
    assert settings.rate_limit is True


def test_values_are_parsed():
    settings = Settings.from_env(
        {
            "CIVICBOT_DATA_DIR": "/srv/civic",
            "CIVICBOT_PORT": "9000",
            "CIVICBOT_ANSWER_THRESHOLD": "0.7",
            "CIVICBOT_RATE_LIMIT": "0",
            "CIVICBOT_ALLOWED_ORIGINS": "https://a.example/, https://b.example",
            "CIVICBOT_EMBEDDER": "sentence-transformers:/models/ko-sbert",
        }
    )
    assert settings.data_dir == Path("/srv/civic")
    assert settings.db_path == Path("/srv/civic/civicbot.db")
    assert settings.index_dir == Path("/srv/civic/index")
    assert settings.port == 9000
    assert settings.answer_threshold == 0.7
    assert settings.rate_limit is False
    assert settings.allowed_origins == ("https://a.example", "https://b.example")
    assert settings.embedder == "sentence-transformers:/models/ko-sbert"


def test_port_comes_from_PORT_when_unset_and_CIVICBOT_PORT_wins():
    assert Settings.from_env({"PORT": "5000"}).port == 5000
    assert Settings.from_env({"PORT": "5000", "CIVICBOT_PORT": "6000"}).port == 6000


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"CIVICBOT_PORT": "eighty"}, "CIVICBOT_PORT"),
        ({"CIVICBOT_PORT": "70000"}, "CIVICBOT_PORT"),
        ({"CIVICBOT_ANSWER_THRESHOLD": "1.5"}, "CIVICBOT_ANSWER_THRESHOLD"),
        ({"CIVICBOT_ANSWER_THRESHOLD": "high"}, "CIVICBOT_ANSWER_THRESHOLD"),
        ({"CIVICBOT_EMBEDDER": "word2vec"}, "CIVICBOT_EMBEDDER"),
        ({"CIVICBOT_TIMEZONE": "Mars/Olympus"}, "CIVICBOT_TIMEZONE"),
        ({"CIVICBOT_MAX_TEXT_CHARS": "0"}, "CIVICBOT_MAX_TEXT_CHARS"),
        ({"CIVICBOT_CITY_BBOX": "1,2,3"}, "CIVICBOT_CITY_BBOX"),
    ],
)
def test_bad_values_are_refused_with_the_variable_named(env, message):
    with pytest.raises(ConfigError, match=message):
        Settings.from_env(env)


def test_settings_are_frozen():
    settings = Settings.from_env({})
    with pytest.raises(dataclasses.FrozenInstanceError):
        settings.port = 1  # type: ignore[misc]


def test_secrets_never_appear_in_repr():
    settings = Settings.from_env(
        {"CIVICBOT_SECRET_KEY": "s3cr3t-key-value", "CIVICBOT_TELEGRAM_TOKEN": "123:telegram-token"}
    )
    assert "s3cr3t-key-value" not in repr(settings)
    assert "telegram-token" not in repr(settings)


def test_generated_secret_is_kept_in_the_data_dir(tmp_path):
    settings = Settings.from_env({"CIVICBOT_DATA_DIR": str(tmp_path)})
    first = settings.secret()
    assert len(first) >= 32
    assert settings.secret() == first  # generated once, then read back
    assert (tmp_path / "secret.key").stat().st_mode & 0o077 == 0  # readable by the owner only
