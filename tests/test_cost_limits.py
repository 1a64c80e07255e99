"""Limits by cost, and the pieces of hostile-input handling that need no running server.

The JSON decoder under Hypothesis, the model budget, the encoder skipping abandoned requests,
the e5 query cut, the photo pixel cap before decoding, and the map's clusters and data version.
"""

from __future__ import annotations

import asyncio
import io
import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic_core import PydanticCustomError

from civicbot import shapes, voicemap
from civicbot.app import MIGRATIONS
from civicbot.categories import catalogue_for
from civicbot.db import connect, migrate
from civicbot.dialogue import QueryEncoder
from civicbot.geo import Place
from civicbot.ratelimit import CostBudget
from civicbot.web import jsonbody
from civicbot.web.errors import ApiError

ROOT = Path(__file__).resolve().parent.parent


# -- the one JSON decoder -----------------------------------------------------------------------
@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200) | st.text(max_size=200).map(str.encode))
def test_loads_raises_nothing_but_a_400_on_any_bytes(data):
    try:
        value = jsonbody.loads(data)
    except ApiError as error:
        assert error.status == 400 and error.code == "invalid_json"
        assert len(error.message) < 120  # a fixed sentence, never the input
    else:
        json.dumps(value, ensure_ascii=False).encode("utf-8")  # whatever passes can be answered


@pytest.mark.parametrize(
    "data",
    [
        b'"\\ud800"',
        b'{"a": ["\\udfff"]}',
        b'{"\\ud800": 1}',
        b"[" * 1500 + b"]" * 1500,
        b"[" * 40 + b"]" * 40,
        b"9" * 5000,
        b"-" + b"9" * 30,
        b"1e400",
        b"NaN",
        b"-Infinity",
        b'"\xff"',
        b"\xef\xbb\xbf{}",
    ],
)
def test_loads_refuses_each_hostile_shape(data):
    with pytest.raises(ApiError) as caught:
        jsonbody.loads(data)
    assert caught.value.status == 400


def test_loads_keeps_ordinary_json():
    assert jsonbody.loads(b'{"text": "\\uc548\\ub155", "n": [1, 2.5, null, true]}') == {
        "text": "안녕",
        "n": [1, 2.5, None, True],
    }
    assert jsonbody.loads("[" * 32 + "]" * 32) is not None  # 32 levels are allowed


def test_whole_number_bounds_digits_before_converting():
    assert shapes.whole_number("42", "offset", 0, 100) == 42
    assert shapes.whole_number(None, "offset", 0, 100, default=0) == 0
    for raw in ("9" * 5000, str(2**64), "-1", "1.5", "١٢"):
        with pytest.raises(PydanticCustomError) as caught:
            shapes.whole_number(raw, "offset", 0, 10**9)
        assert caught.value.type == "invalid_offset"


# -- the model budget ---------------------------------------------------------------------------
def test_cost_budget_bounds_each_clients_share():
    budget = CostBudget(1000)
    assert budget.spend("a", 600, now=0.0)
    assert not budget.spend("a", 600, now=1.0)  # 400 left (plus 16 refilled): refused, not taken
    assert budget.spend("b", 600, now=1.0)  # another client is not affected
    assert budget.spend("a", 400, now=1.0)
    assert budget.retry_after("a", 500, now=1.0) >= 29
    assert budget.spend("a", 500, now=32.0)  # refilled at 1000 per minute
    assert budget.spend("c", 10**6, now=0.0)  # one message over the whole budget still passes once...
    assert not budget.spend("c", 100, now=0.5)  # ...and empties it
    assert CostBudget(1000, enabled=False).spend("x", 10**9)


# -- abandoned requests never reach the model ------------------------------------------------------
class RecordingEmbedder:
    dim = 4

    def __init__(self) -> None:
        self.seen: list[str] = []

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        self.seen.extend(texts)
        return np.ones((len(texts), self.dim), dtype=np.float32)


async def test_a_cancelled_request_is_not_embedded():
    embedder = RecordingEmbedder()
    with ThreadPoolExecutor(1) as executor:
        encoder = QueryEncoder(embedder, executor)
        gone = asyncio.create_task(encoder.encode("the client gave up"))
        kept = asyncio.create_task(encoder.encode("still waiting"))
        await asyncio.sleep(0)  # both are queued; the drain has not run the model yet
        gone.cancel()
        await kept
    assert embedder.seen == ["still waiting"]


def test_e5_reads_one_512_token_pass_of_a_long_query():
    from civicbot.embeddings import E5SmallEmbedder, _fit_query

    embedder = E5SmallEmbedder()
    long_text = "서울시 공공 와이파이는 어디에서 쓸 수 있나요? " * 80
    with embedder._model() as model:
        cut = _fit_query(model, long_text)
        assert model.token_count(long_text, True) > 512
        assert long_text.startswith(cut) and 512 - 8 <= model.token_count(cut, True) <= 512
        assert _fit_query(model, "와이파이 어디서 돼요?") == "와이파이 어디서 돼요?"


# -- photos: pixels capped before decoding -----------------------------------------------------------
def test_a_decompression_bomb_is_refused_from_its_header():
    from PIL import Image

    out = io.BytesIO()
    Image.new("1", (7000, 7000)).save(out, format="PNG")  # ~190 KB that would decode to ~49 Mpx
    with pytest.raises(voicemap.PhotoError) as caught:
        voicemap.clean_photo(out.getvalue(), 5 * 1024 * 1024)
    assert caught.value.code in ("photo_too_many_pixels", "invalid_photo")
    assert Image.MAX_IMAGE_PIXELS == voicemap._MAX_PIXELS


# -- the map: clusters and the data version ---------------------------------------------------------
def test_clusters_cover_every_report_and_the_version_moves(tmp_path):
    conn = connect(tmp_path / "map.db")
    migrate(conn, MIGRATIONS)
    catalogue = catalogue_for(ROOT / "services")
    points = [(37.50 + i * 0.001, 127.00 + (i % 30) * 0.004) for i in range(150)]
    ids = []
    for n, (lat, lon) in enumerate(points):
        place = Place("서울특별시", "11680", "강남구", "Gangnam-gu", "역삼동", lat, lon, True)
        new = voicemap.NewComplaint(
            text="포트홀", category="road_damage", place=place, language="ko", channel="web",
            user_id=f"u{n}", reply_to="",
        )  # fmt: skip
        ids.append(voicemap.submit(conn, new, catalogue, "Asia/Seoul").public_id)
    city = voicemap.Filters()
    coarse, fine = voicemap.clusters(conn, city, 11), voicemap.clusters(conn, city, 15)
    assert sum(c.count for c in coarse) == sum(c.count for c in fine) == 150
    assert len(coarse) < len(fine) <= 150
    assert all(c.open == c.count for c in coarse)
    before = voicemap.data_version(conn)
    voicemap.support(conn, ids[0], "someone")
    after_support = voicemap.data_version(conn)
    catalogue_status = voicemap.change_status(conn, ids[1], "resolved", "", "t", catalogue)
    assert catalogue_status.new == "resolved"
    assert before != after_support != voicemap.data_version(conn)
    assert voicemap.zoom_for_box((126.76, 37.41, 127.19, 37.72)) in (11, 12)
    conn.conn.close()


async def test_short_questions_never_wait_inside_a_long_ones_model_call():
    embedder = RecordingEmbedder()
    calls: list[list[str]] = []
    original = embedder.embed_queries

    def record(texts: list[str]) -> np.ndarray:
        calls.append(list(texts))
        return original(texts)

    embedder.embed_queries = record  # type: ignore[method-assign]
    with ThreadPoolExecutor(1) as executor:
        encoder = QueryEncoder(embedder, executor)
        long_text = "긴 질문 " * 300
        await asyncio.gather(
            *(encoder.encode(t) for t in (long_text, "와이파이?", "에스넷?", long_text + "!"))
        )
    # All four waited together: the short ones go first, in one call, and the long ones after.
    assert calls == [["에스넷?", "와이파이?"], [long_text, long_text + "!"]]
