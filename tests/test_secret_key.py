"""The generated server secret is the same for every process that starts on one data dir at once,
and never empty (bench/startup.py once crashed with FileExistsError: two processes created it)."""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from civicbot.config import Settings


def _secret_of(data_dir: str) -> bytes:
    settings = Settings.from_env({"CIVICBOT_DATA_DIR": data_dir, "CIVICBOT_SECRET_KEY": ""})
    return settings.secret()


def test_processes_starting_together_share_one_secret(tmp_path: Path):
    for attempt in range(5):  # a race: several rounds, each on a fresh dir
        data_dir = tmp_path / f"run{attempt}"
        with ProcessPoolExecutor(6) as pool:
            secrets = list(pool.map(_secret_of, [str(data_dir)] * 12))
        assert len(set(secrets)) == 1 and len(secrets[0]) >= 48
        assert (data_dir / "secret.key").stat().st_mode & 0o777 == 0o600
        assert [p.name for p in data_dir.iterdir()] == ["secret.key"]  # no leftover own files


def test_a_secret_from_the_environment_wins(tmp_path: Path):
    settings = Settings.from_env({"CIVICBOT_DATA_DIR": str(tmp_path), "CIVICBOT_SECRET_KEY": "s" * 40})
    assert settings.secret() == b"s" * 40 and not (tmp_path / "secret.key").exists()
