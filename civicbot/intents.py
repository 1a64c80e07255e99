"""Intent definitions (intents/*.yaml) and the embedding classifier that picks one per message."""

from __future__ import annotations

import hashlib
import logging
import random
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from civicbot.content import ContentError, ContentFileError, key_line, load_yaml, relative_name
from civicbot.embeddings import Embedder, cached_query_vectors, safe_id
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
    out_of_scope: float = 0.0  # the classifier's probability that the message is out of scope
    question: float = 0.0  # its probability that the message is a question for the documents


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
    """A softmax classifier over message embeddings, with a confidence and an ambiguity threshold.

    Cosine similarity to the nearest examples is a poor judge with e5: every short Korean
    sentence is close to every other one (0.85-0.95), so "안녕" sits as near to "안녕히 가세요" as
    to "안녕하세요". Centring the vectors removes that shared direction, and a linear softmax
    trained on all examples weighs the directions that actually separate the intents. Training
    takes a moment, so the weights are cached next to the search index, keyed by the examples.
    """

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
        examples = [ex for _, ex in pairs]
        self.vectors = cached_query_vectors(examples, embedder, cache_dir, "intents")
        self.model = _cached_model(self.vectors, self.labels, self.names, embedder, cache_dir)

    def echoed_example(self, query_vector: np.ndarray) -> str | None:
        """The intent whose example this message repeats (cosine >= 0.97: same words, other punctuation)."""
        if not len(self.vectors):
            return None
        similarities = self.vectors @ np.asarray(query_vector, dtype=np.float32)
        best = int(np.argmax(similarities))
        return self.labels[best] if similarities[best] >= _EXAMPLE_ECHO else None

    def probabilities(self, query_vector: np.ndarray) -> dict[str, float]:
        if not self.names:
            return {}
        return dict(zip(self.names, self.model.probabilities(query_vector).tolist(), strict=True))

    def classify(self, text: str, query_vector: np.ndarray | None) -> Classification:
        command = text.strip().split(maxsplit=1)[0].lower() if text.strip() else ""
        command = command.split("@", 1)[0]  # Telegram sends /help@BotName in groups
        if command in COMMANDS:
            return Classification(COMMANDS[command], 1.0, command=True)
        if query_vector is None or not self.names:
            return Classification(DEFAULT_INTENT, 0.0)
        probabilities = self.probabilities(query_vector)
        echoed = self.echoed_example(query_vector)
        if echoed is not None and echoed != DEFAULT_INTENT:
            # The message is (almost) one of the intent's own examples: the content's author has
            # already said what it means, whatever the smoothed model thinks ("신고하기").
            probabilities[echoed] = max(probabilities[echoed], self.threshold + self.margin, 0.9)
        ranked = sorted(probabilities.items(), key=lambda kv: -kv[1])
        (best, score), (second, second_score) = ranked[0], ranked[1] if len(ranked) > 1 else ("", 0.0)
        scores = {
            "out_of_scope": probabilities.get(OUT_OF_SCOPE, 0.0),
            "question": probabilities.get(DEFAULT_INTENT, 0.0),
        }
        if best != _REPORT and wants_to_report(text):
            # "신고하고 싶어요" sits near the status examples, which are full of 신고, "제보할게요"
            # near goodbyes ("갈게요"); but it names no report already made and says it wants to
            # make one. The status share goes to reporting.
            moved = probabilities.get(_STATUS, 0.0) + probabilities.get(_REPORT, 0.0)
            return Classification(_REPORT, moved, best, score, **scores)
        if best == DEFAULT_INTENT:
            return Classification(DEFAULT_INTENT, score, second, second_score, **scores)
        if best == _REPORT and disclaims_report(text):
            return Classification(DEFAULT_INTENT, score, best, score, **scores)  # a question about it
        if best in _SOCIAL and _ABOUT_WORDS.search(text):
            # "Translate hello into Spanish" mentions a greeting; it does not greet. The greeting's
            # share goes to out of scope, the evidence against answering from the documents.
            scores["out_of_scope"] += score
            return Classification(OUT_OF_SCOPE, scores["out_of_scope"], best, score, **scores)
        ambiguous = score - second_score < self.margin
        if score < self.threshold or ambiguous:
            # Not sure enough: a question. The intent it almost chose is kept as the runner-up.
            return Classification(DEFAULT_INTENT, score, best, score, ambiguous=ambiguous, **scores)
        return Classification(best, score, second, second_score, **scores)


_EXAMPLE_ECHO = 0.97
_STATUS, _REPORT = "complaint_status", "report_complaint"
# A wish to report now, said or announced: 신고/민원/제보/접수 with a wanting, intending or
# announcing ending ("신고하고 싶어요", "민원 넣으려고요", "포트홀 신고합니다", "제보할게요", "신고할 게
# 있어요", "신고하겠습니다"), or "I want to report", "I'd like to file a complaint", "I'm reporting".
# The one recogniser of it: the classifier (wants_to_report) and the dialogue (a category's problem
# announced, civicbot.dialogue) both read it. Not "신고하려면" (how), "신고해야 하나요" (whether), "신고
# 방법" or "how do I report" (questions the page on reporting answers), nor a wish denied ("신고하고
# 싶지 않아요", "I don't want to report"). Merged from the classifier's and the dialogue's two
# lists in the twenty-third pass; "제보합니다", "민원을 넣을게요" and "I wish to file a complaint"
# were each missed by one of them.
WISH_TO_REPORT = re.compile(
    r"(?:신고|민원|제보|접수)\s?(?:을|를)?\s?(?:좀\s?)?(?:제기\s?)?(?:"
    r"하고\s?(?:싶(?!\s?(?:지|진|지는)\s?않)|파)|할래|할게|할께|하려(?!면)|할려(?!면)|하겠|"
    r"할\s?(?:게|거|것이?)\s?있|합니다|드립니다|드려요|드릴게|드릴께|하러\s?왔|"
    r"넣고\s?싶(?!\s?(?:지|진|지는)\s?않)|넣을래|넣을게|넣을께|넣으려(?!면)|넣습니다|넣으러\s?왔)"
    r"|(?<!n't\s)(?<!not\s)(?<!never\s)\b(?:want|wanna|would\s+like|'d\s+like|like|need|wish)\s+"
    r"(?:to\s+)?(?:report|file|lodge|make\s+a\s+(?:report|complaint))\b"
    r"|\bi(?:'m|\s+am)\s+(?:here\s+to\s+)?report(?:ing)?\b",
    re.IGNORECASE,
)
# What a status question names: a report already made (past tense, 한 거/한지), its status,
# progress or result, or its tracking id.
_ALREADY_FILED = re.compile(
    r"했|한\s?(?:거|것|지|게)|된|됐|결과|상태|진행|처리|조회|답변|접수번호|번호|SEL-"
    r"|\b(?:status|track\w*|update|reported|filed|submitted|progress|already)\b",
    re.IGNORECASE,
)


# Saying one is not reporting: "신고하려는 게 아니라 궁금해서요", "민원 아니고요", "그냥 물어본 거예요",
# "I'm not trying to report anything, just asking".
_NOT_REPORTING = re.compile(
    r"(?:신고|민원|제보|접수)\s?(?:을|를)?\s?(?:하려는|하려고\s?하는|할려는|하는|할|넣으려는|넣는)?\s?"
    r"(?:게|거|건|것은?)\s?(?:아니|아녜|아닌)"
    r"|(?:신고|민원|제보)\s?(?:가|는|은)?\s?아니|궁금해서|그냥\s?(?:궁금|물어)|물어본\s?(?:거|건|것)"
    r"|\bnot\s+(?:trying\s+to\s+|going\s+to\s+|here\s+to\s+|looking\s+to\s+)?(?:report|file|complain)"
    r"|\bnot\s+a\s+(?:report|complaint)\b|\b(?:just|only)\s+(?:asking|curious|wondering)\b",
    re.IGNORECASE,
)


def disclaims_report(text: str) -> bool:
    """Whether ``text`` says it is not a report ("신고하려는 게 아니라 궁금해서요", "just asking"):
    then it is a question, even though it names reporting (newcomer trial 2026-12-01: such a
    message was held at the report's location step until "취소")."""
    return bool(_NOT_REPORTING.search(text))


# What a disclaimer says besides disclaiming: fillers, politeness and "I was just asking", which
# ask nothing ("아니 신고하려는게 아니라 궁금해서요", "No, not a complaint, just asking!").
_DISCLAIMER_FILLER = re.compile(
    r"아니(?:요|에요|예요|라|고|구)?|그냥|그게|그건|저는|제가|전|근데|요|이요|고요|구요|라고요|"
    r"(?:궁금|물어보|물어봐|물어본|여쭤보|여쭤봐|질문)\S*|해서요|한\s?(?:거|건)|(?:거|것)(?:예요|에요|이에요)?|"
    r"\b(?:no|nope|sorry|i'?m|i\s+am|was|it'?s|that'?s|ok|okay|anything|something|a|an|the|"
    r"question|just|only|asking|curious|wondering)\b|[\s.,!?~…ㅠㅜ:;'’\"-]+",
    re.IGNORECASE,
)


def only_disclaims_report(text: str) -> bool:
    """Whether ``text`` says it is not a report and asks nothing else ("아니 신고하려는게 아니라
    궁금해서요", "just asking"): then there is nothing to search for, and the reply invites the
    question (newcomer trial 2026-12-01: such a message got "no document about that")."""
    if not disclaims_report(text):
        return False
    rest = _DISCLAIMER_FILLER.sub(" ", _NOT_REPORTING.sub(" ", text))
    # A lone syllable left is a piece of the disclaimer's own ending ("아니라" -> 라, "물어본" -> 본).
    return not re.search(r"[가-힣]{2,}|[A-Za-z]{2,}|\d", rest)


def wants_to_report(text: str) -> bool:
    """Whether ``text`` asks to make a new report rather than about one already made.

    True for "신고하고 싶어요", "민원 넣을래요", "I want to report something"; False for "신고한 거
    어떻게 됐어요?", "I want to check the status of my report" (a status question names the past,
    a status, a result or a tracking id), and for "신고하려는 게 아니라 …" (disclaims_report)."""
    return (
        bool(WISH_TO_REPORT.search(text)) and not _ALREADY_FILED.search(text) and not disclaims_report(text)
    )


_SOCIAL = ("greet", "thanks", "goodbye")
# A request about words in another language: translation, "how do you say", "X를 일본어로".
_ABOUT_WORDS = re.compile(
    r"\btranslat|\bhow do you say\b|\bin (?:english|korean|japanese|chinese|spanish|french|german)\b|"
    r"번역|(?:영어|일어|일본어|중국어|스페인어|프랑스어|독일어|한국어)로",
    re.IGNORECASE,
)

# Bump when the model or its training changes: cached weights of the old one must not be reused.
_MODEL_VERSION = "softmax-1"
_TRAIN_STEPS = 150
_L2 = 1e-3


@dataclass(frozen=True)
class SoftmaxModel:
    """Multinomial logistic regression on centred, re-normalised embeddings."""

    centre: np.ndarray  # (dim,) mean of the example vectors
    weights: np.ndarray  # (dim, classes)
    bias: np.ndarray  # (classes,)

    def probabilities(self, vector: np.ndarray) -> np.ndarray:
        logits = _centred(np.asarray(vector, dtype=np.float32)[None, :], self.centre) @ self.weights
        logits = logits[0] + self.bias
        logits -= logits.max()
        exp = np.exp(logits)
        return exp / exp.sum()


def _centred(vectors: np.ndarray, centre: np.ndarray) -> np.ndarray:
    shifted = vectors - centre
    return shifted / np.maximum(np.linalg.norm(shifted, axis=1, keepdims=True), 1e-12)


def train_softmax(vectors: np.ndarray, labels: list[str], names: list[str]) -> SoftmaxModel:
    """Class-balanced softmax regression, fitted with Adam (a few hundred milliseconds)."""
    dim = vectors.shape[1]
    if not len(vectors):
        return SoftmaxModel(
            np.zeros(dim, np.float32), np.zeros((dim, 0), np.float32), np.zeros(0, np.float32)
        )
    centre = vectors.mean(axis=0).astype(np.float32)
    x = _centred(vectors.astype(np.float32), centre)
    target = np.array([[label == name for name in names] for label in labels], dtype=np.float32)
    # Intents with few examples weigh as much as the big ones: otherwise ask_question wins everything.
    sample_weight = (target / target.sum(axis=0)).sum(axis=1)
    sample_weight = (sample_weight / sample_weight.mean()).astype(np.float32)[:, None]
    params = [np.zeros((dim, len(names)), np.float32), np.zeros(len(names), np.float32)]
    first = [np.zeros_like(p) for p in params]
    second = [np.zeros_like(p) for p in params]
    for step in range(1, _TRAIN_STEPS + 1):
        logits = x @ params[0] + params[1]
        logits -= logits.max(axis=1, keepdims=True)
        prob = np.exp(logits)
        prob /= prob.sum(axis=1, keepdims=True)
        error = (prob - target) * sample_weight
        grads = [x.T @ error / len(x) + _L2 * params[0], error.mean(axis=0)]
        for p, g, m, v in zip(params, grads, first, second, strict=True):
            m *= 0.9
            m += 0.1 * g
            v *= 0.999
            v += 0.001 * g * g
            p -= 0.025 * (m / (1 - 0.9**step)) / (np.sqrt(v / (1 - 0.999**step)) + 1e-8)
    return SoftmaxModel(centre, params[0], params[1])


def _cached_model(
    vectors: np.ndarray, labels: list[str], names: list[str], embedder: Embedder, cache_dir: Path
) -> SoftmaxModel:
    key = "\n".join([_MODEL_VERSION, *names, *labels]).encode() + vectors.tobytes()
    digest = hashlib.sha256(key).hexdigest()[:24]
    path = cache_dir / f"intent-model-{safe_id(embedder.id)}-{digest}.npz"
    if path.exists():
        try:
            with np.load(path) as data:
                return SoftmaxModel(data["centre"], data["weights"], data["bias"])
        except (OSError, ValueError, KeyError):
            pass  # a torn file is simply retrained
    model = train_softmax(vectors, labels, names)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.stem}.tmp.npz")
    np.savez(tmp, centre=model.centre, weights=model.weights, bias=model.bias)
    tmp.replace(path)
    return model
