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
    from civicbot.poll_flow import PollFlow  # late: keeps this module's imports light

    flows.append(PollFlow(settings, db))
    from civicbot.report_flow import build_report_flow  # late: it loads boundaries and categories

    flows.append(build_report_flow(settings, db, embedder, executor))
    from civicbot.proposal_flow import ProposalFlow

    flows.append(ProposalFlow(settings, db, embedder, executor))
    return flows
