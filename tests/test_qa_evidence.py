"""The evidence the seventh Q&A pass adds: a question is answered by a sentence, so when one sentence
of the best passage's document matches it better than the passage, the dense match the evidence
model weighs is the mean of the two (bench/qa_eval.py measures it on every dev corpus and on
dev-extra6)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from civicbot.dialogue import EvidenceModel
from civicbot.embeddings import load_embedder
from civicbot.intents import Classification
from civicbot.knowledge import Chunk, Hit, KnowledgeBase, SearchResult
from civicbot.text import Tokenizer

MODEL = EvidenceModel(dense_low=0.80, dense_high=0.90, threshold=0.5)
CHUNK = Chunk("ko/x.md", "제목", "제목", "본문입니다.", "ko", "", ("본문입니다.",))
QUESTION = Classification("ask_question", 0.9)
cosines = st.floats(min_value=0.5, max_value=1.0, allow_nan=False)


def result(passage: float, sentence: float, foreign: bool = False) -> SearchResult:
    hit = Hit(CHUNK, passage, passage, 0.5, 0)
    return SearchResult([hit], np.zeros(4, dtype=np.float32), 2.0, [], "질문", foreign, sentence)


def calibrated(cosine: float) -> float:
    return (cosine - MODEL.dense_low) / (MODEL.dense_high - MODEL.dense_low)


@given(cosines, cosines)
def test_a_sentence_closer_than_its_passage_raises_the_dense_evidence_to_their_mean(passage, sentence):
    dense = MODEL.features(result(passage, sentence), QUESTION)["dense"]
    if sentence > passage:
        assert dense == pytest.approx(calibrated((passage + sentence) / 2))
    else:
        # A detail the page lacks has no sentence that close: its covered topic keeps its evidence.
        assert dense == pytest.approx(calibrated(passage))
    assert calibrated(passage) - 1e-9 <= dense <= calibrated(max(passage, sentence)) + 1e-9


@given(cosines, cosines, st.floats(min_value=0.0, max_value=0.2))
def test_a_better_matching_sentence_never_lowers_the_evidence(passage, sentence, lift):
    before = MODEL.judge(result(passage, sentence), QUESTION).score
    assert MODEL.judge(result(passage, sentence + lift), QUESTION).score >= before
    assert before >= MODEL.judge(result(passage, 0.0), QUESTION).score


@given(cosines)
def test_without_a_sentence_score_the_passage_alone_counts(passage):
    assert MODEL.features(result(passage, 0.0), QUESTION)["dense"] == pytest.approx(calibrated(passage))


@given(cosines, cosines)
def test_across_languages_the_cosine_is_lifted_by_the_same_gap(passage, sentence):
    from civicbot.knowledge import CROSS_LINGUAL_GAP

    dense = MODEL.features(result(passage, sentence, foreign=True), QUESTION)["dense"]
    local = MODEL.features(result(passage, sentence), QUESTION)["dense"]
    assert dense == pytest.approx(local + CROSS_LINGUAL_GAP / (MODEL.dense_high - MODEL.dense_low))


PAGE = """# 대형생활폐기물 배출

장롱이나 소파처럼 종량제 봉투에 들어가지 않는 물건은 구청 누리집에서 배출 신고를 합니다.

냉장고와 세탁기는 폐가전 무상 방문수거를 신청하면 수수료를 내지 않습니다. 수거는 신청한 다음 날부터 합니다.
"""


def test_search_reports_the_best_sentence_of_the_best_document(tmp_path: Path):
    knowledge = tmp_path / "knowledge"
    knowledge.mkdir()
    (knowledge / "waste.md").write_text(PAGE, encoding="utf-8")
    embedder = load_embedder("e5-small")
    kb = KnowledgeBase.build(knowledge, tmp_path / "index", embedder, Tokenizer())
    question = "냉장고 버리는데 돈 내야 돼요?"
    vector = embedder.embed_queries([question])[0]
    found = kb.search(question, language="ko", query_vector=vector)
    sentences = [s for row in kb.doc_rows["waste.md"] for s in kb.chunks[row].sentences]
    cosines = kb.sentence_vectors[: len(sentences)] @ vector
    assert found.sentence_dense == pytest.approx(float(cosines.max()))
    assert sentences[int(cosines.argmax())].startswith("냉장고와 세탁기는")  # the sentence that answers
    assert kb.best_sentence_dense("nowhere.md", vector) == 0.0
