"""Intent definitions (intents/*.yaml) and the embedding classifier that picks one per message."""

from __future__ import annotations

import hashlib
import logging
import random
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from civicbot.content import ContentError, ContentFileError, key_line, load_yaml, relative_name
from civicbot.embeddings import Embedder
from civicbot.knowledge import LANGUAGES

log = logging.getLogger(__name__)

DEFAULT_INTENT = "ask_question"
OUT_OF_SCOPE = "out_of_scope"
# Commands skip the classifier: they are the user's exact wish.
COMMANDS = {
    "/start": "greet",
    "/help": "help",
    "/polls": "polls",
    "/report": "report_complaint",
    "/status": "complaint_status",
}
_TOP_EXAMPLES = 3  # an intent's score is the mean of its best few examples: one odd example can't win


@dataclass(frozen=True)
class Intent:
    name: str
    description: str
    examples: dict[str, list[str]]
    responses: dict[str, list[str]]
    source: str

    def response(self, language: str, rng: random.Random | None = None) -> str:
        options = self.responses.get(language) or self.responses.get("ko") or [""]
        return (rng or random).choice(options)


@dataclass(frozen=True)
class Classification:
    intent: str
    confidence: float
    runner_up: str | None = None
    runner_up_confidence: float = 0.0
    ambiguous: bool = False
    command: bool = False


def parse_intent(path: Path, root: Path) -> Intent:
    name = relative_name(path, root)
    text = path.read_text(encoding="utf-8")
    data = load_yaml(text, name)

    def fail(key: str, reason: str) -> None:
        raise ContentFileError(ContentError(name, key_line(text, key), reason))

    if not isinstance(data, dict):
        raise ContentFileError(ContentError(name, 1, "an intent file must be a mapping with 'intent:'"))
    intent = data.get("intent")
    if not isinstance(intent, str) or not intent.strip():
        fail("intent", "'intent' must be a name such as greet")
    examples = _by_language(data.get("examples"), "examples", fail)
    responses = _by_language(data.get("responses"), "responses", fail)
    if intent != DEFAULT_INTENT and not any(examples.values()):
        fail("examples", f"intent {intent!r} needs examples")
    if not all(responses.get(lang) for lang in LANGUAGES):
        fail("responses", f"responses need both {' and '.join(LANGUAGES)}")
    return Intent(intent, str(data.get("description") or ""), examples, responses, name)


def _by_language(value: object, key: str, fail) -> dict[str, list[str]]:
    if not isinstance(value, dict):
        fail(key, f"'{key}' must map a language (ko, en) to a list of sentences")
    out: dict[str, list[str]] = {}
    for lang, items in value.items():
        if lang not in LANGUAGES:
            fail(key, f"'{key}' has unknown language {lang!r}; use {', '.join(LANGUAGES)}")
        if not isinstance(items, list) or not all(isinstance(i, str) and i.strip() for i in items):
            fail(key, f"'{key}.{lang}' must be a list of non-empty sentences")
        out[lang] = [i.strip() for i in items]
    return out


def load_intents(root: Path) -> tuple[dict[str, Intent], list[ContentError]]:
    intents: dict[str, Intent] = {}
    errors: list[ContentError] = []
    for path in sorted([*root.glob("*.yaml"), *root.glob("*.yml")]):
        try:
            intent = parse_intent(path, root)
        except ContentFileError as exc:
            errors.append(exc.error)
            log.warning("skipped %s", exc.error)
            continue
        if intent.name in intents:
            errors.append(
                ContentError(
                    intent.source,
                    1,
                    f"intent {intent.name!r} is already defined in {intents[intent.name].source}",
                )
            )
            continue
        intents[intent.name] = intent
    return intents, errors


class IntentClassifier:
    """Nearest examples in embedding space, with a confidence and an ambiguity threshold."""

    def __init__(
        self,
        intents: dict[str, Intent],
        embedder: Embedder,
        cache_dir: Path,
        threshold: float,
        margin: float,
    ) -> None:
        self.intents = intents
        self.threshold = threshold
        self.margin = margin
        pairs = [
            (name, ex)
            for name, intent in intents.items()
            for lang in intent.examples
            for ex in intent.examples[lang]
        ]
        self.labels = [name for name, _ in pairs]
        self.names = sorted({name for name, _ in pairs})
        self.vectors = _cached_vectors([ex for _, ex in pairs], embedder, cache_dir)
        self._masks = {name: np.array([label == name for label in self.labels]) for name in self.names}

    def scores(self, query_vector: np.ndarray) -> dict[str, float]:
        sims = self.vectors @ query_vector
        out = {}
        for name, mask in self._masks.items():
            best = np.sort(sims[mask])[-_TOP_EXAMPLES:]
            out[name] = float(best.mean())
        return out

    def classify(self, text: str, query_vector: np.ndarray | None) -> Classification:
        command = text.strip().split(maxsplit=1)[0].lower() if text.strip() else ""
        command = command.split("@", 1)[0]  # Telegram sends /help@BotName in groups
        if command in COMMANDS:
            return Classification(COMMANDS[command], 1.0, command=True)
        if query_vector is None or not self.names:
            return Classification(DEFAULT_INTENT, 0.0)
        ranked = sorted(self.scores(query_vector).items(), key=lambda kv: -kv[1])
        (best, score), (second, second_score) = ranked[0], ranked[1] if len(ranked) > 1 else ("", 0.0)
        if score < self.threshold:
            return Classification(DEFAULT_INTENT, score, best, score)
        if score - second_score < self.margin:
            return Classification(DEFAULT_INTENT, score, second, second_score, ambiguous=True)
        return Classification(best, score, second, second_score)


def _cached_vectors(examples: list[str], embedder: Embedder, cache_dir: Path) -> np.ndarray:
    """Example vectors, reused across restarts while the examples and the embedder stay the same."""
    digest = hashlib.sha256("\n".join(examples).encode()).hexdigest()[:24]
    path = cache_dir / f"intents-{embedder.id}-{digest}.npy"
    if path.exists():
        vectors = np.load(path)
        if vectors.shape == (len(examples), embedder.dim):
            return vectors
    vectors = embedder.embed_queries(examples) if examples else np.zeros((0, embedder.dim), np.float32)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp.npy")
    np.save(tmp, vectors)
    tmp.replace(path)
    return vectors
