"""Intents: the YAML content files, their errors as file:line, and the classifier."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from civicbot.embeddings import load_embedder
from civicbot.intents import (
    COMMANDS,
    DEFAULT_INTENT,
    IntentClassifier,
    disclaims_report,
    load_intents,
    only_disclaims_report,
    parse_intent,
    train_softmax,
    wants_to_report,
)

ROOT = Path(__file__).resolve().parent.parent
INTENTS = ROOT / "intents"
REQUIRED = {
    "greet",
    "help",
    "thanks",
    "goodbye",
    "ask_question",
    "polls",
    "report_complaint",
    "complaint_status",
    "out_of_scope",
    "propose",
}

pytestmark = pytest.mark.usefixtures("built_index")


def test_bundled_intents_are_complete():
    intents, errors = load_intents(INTENTS)
    assert errors == []
    assert set(intents) >= REQUIRED
    for intent in intents.values():
        for language in ("ko", "en"):
            assert len(intent.examples[language]) >= 15, (intent.name, language)
            assert intent.responses[language], (intent.name, language)


@pytest.mark.parametrize(
    ("text", "where", "reason"),
    [
        ("intent: greet\nexamples:\n  ko: [안녕\nresponses: {}\n", "bad.yaml:4", "invalid YAML"),
        ("- just\n- a list\n", "bad.yaml:1", "must be a mapping"),
        ("intent: greet\nexamples: hello\nresponses:\n  ko: [a]\n  en: [b]\n", "bad.yaml:2", "'examples'"),
        ("intent: greet\nexamples:\n  fr: [salut]\nresponses:\n  ko: [a]\n  en: [b]\n", "bad.yaml:2", "'fr'"),
        (
            "intent: greet\nexamples:\n  ko: [안녕]\nresponses:\n  ko: [안녕하세요]\n",
            "bad.yaml:4",
            "both ko and en",
        ),
        ("intent: ''\nexamples:\n  ko: [안녕]\n", "bad.yaml:1", "'intent'"),
        (
            "intent: greet\nexamples:\n  ko: []\nresponses:\n  ko: [a]\n  en: [b]\n",
            "bad.yaml:2",
            "needs examples",
        ),
    ],
)
def test_bad_intent_files_are_reported_with_file_and_line(tmp_path, text, where, reason):
    from civicbot.content import ContentFileError

    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentFileError) as caught:
        parse_intent(path, tmp_path)
    assert str(caught.value).startswith(where + ":"), str(caught.value)
    assert reason in str(caught.value)


def test_a_bad_file_is_skipped_and_the_others_load(tmp_path):
    good = (
        "intent: greet\nexamples:\n  ko: [안녕]\n  en: [hi]\nresponses:\n  ko: [안녕하세요]\n  en: [Hello]\n"
    )
    (tmp_path / "a.yaml").write_text(good, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(good, encoding="utf-8")  # the same intent again
    (tmp_path / "c.yaml").write_text("intent: [broken\n", encoding="utf-8")
    intents, errors = load_intents(tmp_path)
    assert list(intents) == ["greet"]
    assert [str(e).split(": ")[0] for e in errors] == ["b.yaml:1", "c.yaml:2"]
    assert "already defined in a.yaml" in str(errors[0])


@pytest.fixture(scope="module")
def classifier(index_dir):
    intents, _ = load_intents(INTENTS)
    return IntentClassifier(intents, load_embedder("e5-small"), index_dir, threshold=0.5, margin=0.1)


@pytest.mark.parametrize(("command", "intent"), sorted(COMMANDS.items()))
def test_commands_bypass_the_classifier(classifier, command, intent):
    result = classifier.classify(command, None)
    assert (result.intent, result.confidence, result.command) == (intent, 1.0, True)


def test_telegram_group_commands_are_understood(classifier):
    assert classifier.classify("/help@CivicSeoulBot", None).intent == "help"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("안녕", "greet"),
        ("hello", "greet"),
        ("도움말", "help"),
        ("what can you do?", "help"),
        ("고마워", "thanks"),
        ("thanks a lot!", "thanks"),
        ("투표하고 싶어요", "polls"),
        ("우리 집 앞 가로등이 고장났어요", "report_complaint"),
        ("제 민원 처리됐나요?", "complaint_status"),
        ("내일 날씨 어때?", "out_of_scope"),
        ("비트코인 사도 돼?", "out_of_scope"),
        ("에스넷 구축 예산이 얼마예요?", "ask_question"),
        ("다음에 봐요", "goodbye"),
        # A greeting named in a translation request is not a greeting.
        ("Translate hello into Spanish", "out_of_scope"),
        ("translate thank you into Japanese", "out_of_scope"),
        ("고마워를 영어로 번역해줘", "out_of_scope"),
    ],
)
def test_classifier_picks_the_intent(classifier, text, intent):
    vector = classifier_vector(classifier, text)
    assert classifier.classify(text, vector).intent == intent


def classifier_vector(classifier, text):
    return load_embedder("e5-small").embed_queries([text])[0]


def test_classifier_reports_its_probabilities(classifier):
    vector = classifier_vector(classifier, "비트코인 사도 돼?")
    probabilities = classifier.probabilities(vector)
    assert set(probabilities) == REQUIRED
    assert abs(sum(probabilities.values()) - 1.0) < 1e-4
    result = classifier.classify("비트코인 사도 돼?", vector)
    assert result.out_of_scope == pytest.approx(probabilities["out_of_scope"])
    assert result.out_of_scope > 0.5 > result.question


def test_the_model_is_cached_and_reloaded(classifier, index_dir):
    files = list(index_dir.glob("intent-model-*.npz"))
    assert files, "the trained weights are kept next to the index"
    intents, _ = load_intents(INTENTS)
    again = IntentClassifier(intents, load_embedder("e5-small"), index_dir, 0.5, 0.1)
    assert np.array_equal(again.model.weights, classifier.model.weights)


def test_softmax_learns_separable_classes():
    rng = np.random.default_rng(1)
    centres = np.eye(8, dtype=np.float32)[:3] * 3
    vectors = np.vstack([c + rng.normal(0, 0.3, (20, 8)) for c in centres]).astype(np.float32)
    labels = ["a"] * 20 + ["b"] * 20 + ["c"] * 20
    model = train_softmax(vectors, labels, ["a", "b", "c"])
    predicted = [["a", "b", "c"][int(np.argmax(model.probabilities(v)))] for v in vectors]
    assert predicted == labels


def test_every_example_of_an_intent_is_understood_as_that_intent(classifier):
    """What a content author wrote as an example ("신고하기") must never be read as something else."""
    wrong = []
    for name, intent in classifier.intents.items():
        if name == DEFAULT_INTENT:
            continue  # questions are decided with the documents, not by the classifier alone
        for examples in intent.examples.values():
            vectors = load_embedder("e5-small").embed_queries(examples)
            for text, vector in zip(examples, vectors, strict=True):
                got = classifier.classify(text, vector).intent
                if got != name:
                    wrong.append((text, name, got))
    assert wrong == []


# -- a wish to report is a new report, not a status question -----------------------------------
_REPORT_OBJECTS = st.sampled_from(["신고", "민원", "제보", "민원 신고", "불편 신고", "신고 접수"])
_WISH_ENDINGS = st.sampled_from(["하고 싶어요", "할래요", "할게요", "하려고요", "좀 하려는데요", "하고싶음"])
_FILED_TAILS = st.sampled_from(
    ["한 거 어떻게 됐어요?", "한지 일주일 됐는데요", " 결과 알려줘", " 진행상황 궁금해요"]
)


@given(obj=_REPORT_OBJECTS, ending=_WISH_ENDINGS)
def test_a_wish_to_report_is_recognised(obj: str, ending: str) -> None:
    assert wants_to_report(f"{obj}{ending}") and wants_to_report(f"{obj} {ending}")


@given(obj=_REPORT_OBJECTS, tail=_FILED_TAILS, wish=_WISH_ENDINGS)
def test_a_report_already_made_is_not_a_new_one(obj: str, tail: str, wish: str) -> None:
    """Whatever else it says, a message naming a report already made asks about that one."""
    assert not wants_to_report(f"{obj}{tail}")
    assert not wants_to_report(f"어제 {obj}했는데 또 {obj}{wish}")


_DISCLAIMERS = st.sampled_from(
    [
        "신고하려는 게 아니라",
        "신고하려는게 아니라",
        "민원 넣으려는 거 아니고",
        "신고 아니고요",
        "제보는 아니고",
        "그냥 궁금해서요",
        "I'm not trying to report anything,",
        "not a complaint,",
        "just asking:",
    ]
)
_QUESTIONS = st.sampled_from(["과태료 얼마예요?", "어떻게 버려요?", "how much is the fine?", "언제 수거해요"])


@given(lead=st.sampled_from(["", "아니 ", "No, "]), disclaimer=_DISCLAIMERS, question=_QUESTIONS)
def test_a_message_that_says_it_is_not_a_report_is_not_a_wish_to_report(lead, disclaimer, question) -> None:
    text = f"{lead}{disclaimer} {question}"
    assert disclaims_report(text) and not wants_to_report(text)


@given(obj=_REPORT_OBJECTS, ending=_WISH_ENDINGS)
def test_a_wish_to_report_does_not_disclaim_reporting(obj: str, ending: str) -> None:
    assert not disclaims_report(f"{obj}{ending}") and not disclaims_report(f"{obj} {ending}")


@pytest.mark.parametrize(
    "text",
    ["I want to report something", "I'd like to report a problem", "민원신고 하고싶어요", "제보하려고요"],
)
def test_the_classifier_starts_a_report_for_a_wish_to_report(classifier, text: str) -> None:
    assert classifier.classify(text, classifier_vector(classifier, text)).intent == "report_complaint"


@pytest.mark.parametrize(
    "text", ["신고한거 처리 됐어요?", "I want to check the status of my report", "민원 결과 알고 싶어요"]
)
def test_status_questions_stay_status_questions(classifier, text: str) -> None:
    assert classifier.classify(text, classifier_vector(classifier, text)).intent == "complaint_status"


_FILLERS = st.sampled_from(["", "아니 ", "아니요, ", "No, ", "sorry, "])
_ENDS = st.sampled_from(
    [
        "",
        " 그냥 궁금해서요",
        " 질문이에요",
        " 그냥 물어봐요",
        " 여쭤봐요",
        "!",
        "~ ㅠㅠ",
        " just asking.",
        "…",
    ]
)


@given(lead=_FILLERS, disclaimer=_DISCLAIMERS, end=_ENDS)
def test_a_disclaimer_alone_asks_nothing(lead, disclaimer, end) -> None:
    assert only_disclaims_report(f"{lead}{disclaimer}{end}")


@given(lead=_FILLERS, disclaimer=_DISCLAIMERS, question=_QUESTIONS)
def test_a_disclaimer_with_a_question_asks_it(lead, disclaimer, question) -> None:
    assert not only_disclaims_report(f"{lead}{disclaimer} {question}")


@given(obj=_REPORT_OBJECTS, ending=_WISH_ENDINGS)
def test_a_wish_to_report_is_not_a_bare_disclaimer(obj: str, ending: str) -> None:
    assert not only_disclaims_report(f"{obj}{ending}")
