"""The multi-step conversations plugged into the Dialogue. One line per flow."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from civicbot.config import Settings
from civicbot.db import Database
from civicbot.dialogue import Flow
from civicbot.embeddings import Embedder
from civicbot.intents import IntentClassifier


def build_flows(
    settings: Settings,
    db: Database,
    embedder: Embedder,
    executor: ThreadPoolExecutor,
    classifier: IntentClassifier,
) -> list[Flow]:
    """The flows, in the order the Dialogue offers them a message; ``classifier`` is the
    Dialogue's own intent model (the report flow asks it whether a message is another request)."""
    flows: list[Flow] = []
    from civicbot.poll_flow import PollFlow  # late: keeps this module's imports light

    flows.append(PollFlow(settings, db))
    from civicbot.report_flow import build_report_flow  # late: it loads boundaries and categories

    flows.append(build_report_flow(settings, db, embedder, executor, classifier))
    from civicbot.proposal_flow import ProposalFlow

    flows.append(ProposalFlow(settings, db, embedder, executor))
    return flows
