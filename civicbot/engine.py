"""Assembles the conversation engine from settings: used by the server, `civicbot chat` and `index`."""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from civicbot.categories import Catalogue, catalogue_for
from civicbot.config import Settings
from civicbot.content import ContentFileError
from civicbot.db import Database
from civicbot.dialogue import ConversationStore, Dialogue, QueryEncoder
from civicbot.embeddings import Embedder, load_embedder
from civicbot.flows import build_flows
from civicbot.intents import IntentClassifier, load_intents
from civicbot.knowledge import KnowledgeBase
from civicbot.other_places import other_places
from civicbot.text import shared_tokenizer

log = logging.getLogger(__name__)


@dataclass
class Engine:
    embedder: Embedder
    knowledge: KnowledgeBase
    classifier: IntentClassifier
    dialogue: Dialogue
    content_errors: list[str] = field(default_factory=list)
    load_seconds: float = 0.0


class Stopped(Exception):
    """The server was asked to stop while it was still indexing (see build_engine's ``stop``)."""


class LoadFailed(Exception):
    """build_engine could not build one part. ``public`` names the part in words anyone may read
    (no path, no exception text: /healthz and the API's 503 are public, and an error such as
    ``FileNotFoundError: ... '/home/…/model.bin'`` told a stranger the server's folders, newcomer
    probe #24.4); the exception itself is chained (``__cause__``), for the server's log."""

    def __init__(self, public: str) -> None:
        super().__init__(public)
        self.public = public


# What /healthz says when the engine failed outside the parts build_engine names.
ENGINE_FAILED = "the engine failed to load; see the server log"


@contextlib.contextmanager
def _part(public: str) -> Iterator[None]:
    """Run one part of build_engine; an error in it is ``LoadFailed(public)`` from that error
    (Stopped passes through: it is the server stopping, not a failure)."""
    try:
        yield
    except Stopped:
        raise
    except Exception as exc:
        raise LoadFailed(public) from exc


def build_knowledge(
    settings: Settings,
    embedder: Embedder,
    progress: Callable[[str], None] | None = None,
    stop: threading.Event | None = None,
) -> KnowledgeBase:
    """The knowledge base from CIVICBOT_KNOWLEDGE_DIR. Skipped files are logged once as warnings,
    unless ``progress`` is given: then the caller (`civicbot index`) prints them itself. Raises
    Stopped before embedding the next document once ``stop`` is set; the documents embedded so
    far stay in the cache, so the next start goes on from there."""
    report = progress or log.info

    def step(line: str) -> None:
        if stop is not None and stop.is_set():
            raise Stopped(line)
        report(line)

    knowledge = KnowledgeBase.build(
        settings.knowledge_dir, settings.index_dir, embedder, shared_tokenizer(), progress=step
    )
    if progress is None:
        for error in knowledge.stats.errors:
            log.warning("knowledge: %s", error)
    return knowledge


def build_engine(
    settings: Settings, db: Database, executor: ThreadPoolExecutor, stop: threading.Event | None = None
) -> Engine:
    """Blocking: loads the model, the index and the intents. Call it from a worker thread.
    Raises Stopped when ``stop`` is set while documents are still being embedded, and LoadFailed
    (naming the part, from the error itself) when the model, the index or the intents fail."""
    started = time.perf_counter()
    with _part("the model failed to load; see the server log"):
        embedder = load_embedder(
            settings.embedder, settings.query_cache_size, settings.model_workers, settings.model_dir
        )
    with _part("the documents could not be indexed; see the server log"):
        knowledge = build_knowledge(settings, embedder, stop=stop)
    with _part("the intents could not be loaded; see the server log"):
        intents, intent_errors = load_intents(settings.intents_dir)
        for error in intent_errors:
            log.warning("intents: %s", error)
        classifier = IntentClassifier(
            intents, embedder, settings.index_dir, settings.intent_threshold, settings.intent_margin
        )
    dialogue = Dialogue(
        knowledge,
        classifier,
        ConversationStore(db),
        QueryEncoder(embedder, executor),
        executor,
        settings.answer_threshold,
        {"ko": settings.city_name_ko, "en": settings.city_name_en},
        cache_size=settings.query_cache_size,
        flows=build_flows(settings, db, embedder, executor, classifier),
        public_url=settings.public_url,
        problems=_problems(settings),
    )
    # Other cities' names (civicbot/other_places.py, 0.5-1 s) are read now, not on the first question.
    other_places(frozenset(dialogue.city_names.values()), Path(settings.index_dir))
    dialogue.warm_up()  # the first citizens after a start do not pay for what is built on first use
    errors = knowledge.stats.errors + [str(e) for e in intent_errors]
    elapsed = time.perf_counter() - started
    log.info(
        "engine ready in %.2fs: %d documents, %d chunks (%d embedded, %d from cache), %d intents",
        elapsed,
        knowledge.stats.documents,
        knowledge.stats.chunks,
        knowledge.stats.embedded_documents,
        knowledge.stats.cached_documents,
        len(intents),
    )
    return Engine(embedder, knowledge, classifier, dialogue, errors, elapsed)


def _problems(settings: Settings) -> Catalogue | None:
    """The report categories the Dialogue tells a told problem by; None when the file is broken
    (the report flow logs why and the server stays up: tests/test_voicemap.py)."""
    try:
        return catalogue_for(settings.services_dir)
    except ContentFileError:
        return None
