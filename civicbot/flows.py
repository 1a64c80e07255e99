"""The multi-step conversations plugged into the Dialogue. One line per flow."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from civicbot.config import Settings
from civicbot.db import Database
from civicbot.dialogue import Flow
from civicbot.embeddings import Embedder


def build_flows(
    settings: Settings, db: Database, embedder: Embedder, executor: ThreadPoolExecutor
) -> list[Flow]:
    flows: list[Flow] = []
    return flows
