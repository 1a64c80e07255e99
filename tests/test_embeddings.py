"""Copies of the bundled model side by side: the same vectors, calls really concurrent, shared fairly."""

from __future__ import annotations

import asyncio
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from civicbot.config import ConfigError, Settings
from civicbot.dialogue import QueryEncoder
from civicbot.embeddings import E5SmallEmbedder, load_embedder


@pytest.fixture(scope="module")
def one_copy() -> E5SmallEmbedder:
    return E5SmallEmbedder(workers=1)


@pytest.fixture(scope="module")
def two_copies() -> E5SmallEmbedder:
    return E5SmallEmbedder(workers=2)


TEXTS = st.lists(
    st.text(
        alphabet=st.sampled_from(list("서울시 공공와이파이따릉이 어디서돼요? Seoul bike rent 0123")),
        max_size=40,
    ),
    min_size=1,
    max_size=6,
)


@settings(max_examples=25, deadline=None)
@given(texts=TEXTS)
def test_copies_on_one_thread_give_the_same_vectors_bit_for_bit(one_copy, two_copies, texts):
    # Cached vectors are keyed by the embedder's id only: a second copy must not change them.
    assert np.array_equal(one_copy.embed_queries(texts), two_copies.embed_queries(texts))
    assert two_copies.id == one_copy.id and two_copies.dim == one_copy.dim == 384


def test_a_long_passage_list_is_split_between_the_copies_in_order(one_copy, two_copies):
    passages = [f"서울시 {n}번째 안내문입니다. 문의는 120 다산콜센터로 하세요." for n in range(9)]
    split = two_copies.embed_passages(passages)
    assert split.shape == (9, 384)
    assert np.array_equal(split, one_copy.embed_passages(passages))
    assert np.allclose(np.linalg.norm(split, axis=1), 1.0, atol=1e-5)


def test_two_copies_embed_at_the_same_time(two_copies):
    """Each call holds its own copy: two threads overlap instead of queueing on one lock."""
    inside, most = [0], [0]
    lock = threading.Lock()
    original = two_copies._model

    def counting():
        context = original()
        model = context.__enter__()
        with lock:
            inside[0] += 1
            most[0] = max(most[0], inside[0])
        time.sleep(0.05)  # long enough that the other thread's call starts meanwhile
        with lock:
            inside[0] -= 1
        return _Context(context, model)

    two_copies._model = counting
    try:
        with ThreadPoolExecutor(2) as pool:
            list(pool.map(two_copies.embed_queries, [["따릉이"], ["와이파이"]]))
    finally:
        del two_copies._model
    assert most[0] == 2


class _Context:
    def __init__(self, context, model) -> None:
        self.context, self.model = context, model

    def __enter__(self):
        return self.model

    def __exit__(self, *exc):
        return self.context.__exit__(*exc)


class SlowEmbedder:
    """Records each call's texts and how many calls overlapped; 40 ms a call."""

    dim = 4

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.calls: list[list[str]] = []
        self.inside = self.most = 0
        self._lock = threading.Lock()

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        with self._lock:
            self.calls.append(list(texts))
            self.inside += 1
            self.most = max(self.most, self.inside)
        time.sleep(0.04)
        with self._lock:
            self.inside -= 1
        return np.ones((len(texts), self.dim), dtype=np.float32)


@pytest.mark.parametrize("workers", [1, 2, 3])
async def test_the_encoder_keeps_every_copy_busy_and_no_more(workers):
    embedder = SlowEmbedder(workers)
    with ThreadPoolExecutor(4) as executor:
        encoder = QueryEncoder(embedder, executor)
        vectors = await asyncio.gather(*(encoder.encode(f"질문 {n}") for n in range(12)))
    assert len(vectors) == 12 and all(v.shape == (4,) for v in vectors)
    assert embedder.most == workers
    assert sorted(t for call in embedder.calls for t in call) == sorted(f"질문 {n}" for n in range(12))


async def test_questions_that_arrive_together_are_shared_between_idle_copies():
    embedder = SlowEmbedder(2)
    with ThreadPoolExecutor(4) as executor:
        encoder = QueryEncoder(embedder, executor)
        await asyncio.gather(encoder.encode("와이파이?"), encoder.encode("따릉이?"))
    # Two calls of one, side by side, not one call of two while the other copy idles.
    assert sorted(embedder.calls) == [["따릉이?"], ["와이파이?"]]
    assert embedder.most == 2


async def test_a_busy_copy_takes_its_share_in_arrival_order_never_a_convoy():
    # Sixteen clients at once: calls of at most four, each a copy's share, the earliest first.
    embedder = SlowEmbedder(2)
    questions = [f"질문 {n:02d}" for n in range(16)]  # all the same length
    with ThreadPoolExecutor(4) as executor:
        encoder = QueryEncoder(embedder, executor)
        await asyncio.gather(*(encoder.encode(q) for q in questions))
    assert max(len(call) for call in embedder.calls) == 4
    assert sorted(t for call in embedder.calls for t in call) == questions
    starts = [min(call) for call in embedder.calls]  # each call holds a run of arrivals
    assert [call == sorted(call) for call in embedder.calls] == [True] * len(embedder.calls)
    assert starts == sorted(starts)


async def test_a_long_question_is_not_starved_by_a_stream_of_short_ones():
    # Short questions go first, but one that has waited a quarter of a second goes next.
    embedder = SlowEmbedder(1)
    long_text = "긴 질문 " * 300
    with ThreadPoolExecutor(2) as executor:
        encoder = QueryEncoder(embedder, executor)
        await asyncio.gather(
            encoder.encode(long_text), *(encoder.encode(f"짧은 질문 {n}") for n in range(40))
        )
    position = next(n for n, call in enumerate(embedder.calls) if long_text in call)
    assert embedder.calls[position] == [long_text]  # never in a short call
    assert 0 < position < len(embedder.calls) - 1  # not first (it is long), not last (it waited)


async def test_a_model_error_reaches_every_waiting_question_and_the_encoder_goes_on():
    class Failing(SlowEmbedder):
        def embed_queries(self, texts):
            if any("고장" in t for t in texts):
                raise RuntimeError("model broke")
            return super().embed_queries(texts)

    embedder = Failing(1)
    with ThreadPoolExecutor(2) as executor:
        encoder = QueryEncoder(embedder, executor)
        outcomes = await asyncio.gather(
            encoder.encode("고장 1"), encoder.encode("고장 2"), return_exceptions=True
        )
        assert [str(o) for o in outcomes] == ["model broke", "model broke"]
        assert (await encoder.encode("멀쩡한 질문")).shape == (4,)


def test_the_worker_count_defaults_to_the_usable_cores_and_is_checked():
    assert 1 <= Settings.from_env({}).model_workers <= 8
    assert Settings.from_env({"CIVICBOT_EMBED_WORKERS": "3"}).model_workers == 3
    for bad in ("-1", "65", "two"):
        with pytest.raises(ConfigError, match="CIVICBOT_EMBED_WORKERS"):
            Settings.from_env({"CIVICBOT_EMBED_WORKERS": bad})
    with pytest.raises(ValueError, match="at least 1"):
        E5SmallEmbedder(workers=0)
    assert load_embedder("e5-small", cache_size=8, workers=1).workers == 1
