"""Shared set-up for the benchmarks: settings for a throw-away data dir that reuses the index cache."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from civicbot.config import Settings  # noqa: E402


def bench_settings(data_dir: Path, **env: str) -> Settings:
    """Content from the repository; the index cache shared with `make run` so runs are comparable."""
    base = {
        "CIVICBOT_DATA_DIR": str(data_dir),
        "CIVICBOT_INDEX_DIR": os.environ.get("CIVICBOT_INDEX_DIR", str(ROOT / "data" / "index")),
        "CIVICBOT_KNOWLEDGE_DIR": str(ROOT / "knowledge"),
        "CIVICBOT_INTENTS_DIR": str(ROOT / "intents"),
        "CIVICBOT_POLLS_DIR": str(ROOT / "polls"),
    }
    return Settings.from_env({**os.environ, **base, **env})
