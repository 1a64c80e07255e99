"""The shared helpers: time and zones (civicbot.clock) and the query-vector cache."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from civicbot import clock
from civicbot.embeddings import cached_query_vectors

SEOUL = ZoneInfo("Asia/Seoul")
moments = st.datetimes(
    min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2199, 12, 31), timezones=st.just(dt.UTC)
)


@given(moments)
def test_a_stored_time_reads_back_as_the_same_instant_in_the_city(moment):
    stored = clock.iso(moment)
    shown = clock.local_iso(stored, SEOUL)
    assert shown.endswith("+09:00")
    assert dt.datetime.fromisoformat(shown) == moment.replace(microsecond=0)
    assert clock.local_minutes(stored, SEOUL) == shown[:16].replace("T", " ")


def test_zones_by_name_or_object_are_the_same_zone():
    assert clock.zone("Asia/Seoul") is clock.zone("Asia/Seoul")
    assert clock.zone(SEOUL) is SEOUL
    assert clock.iso_week(dt.datetime(2026, 11, 29, 16, tzinfo=dt.UTC), "Asia/Seoul") == "2026-W49"


def test_a_date_without_offset_is_city_time_and_extremes_do_not_overflow():
    assert clock.parse_moment("2026-12-31T18:00", SEOUL) == dt.datetime(2026, 12, 31, 9, tzinfo=dt.UTC)
    assert clock.parse_moment("0001-01-01", SEOUL) == dt.datetime.min.replace(tzinfo=dt.UTC)
    with pytest.raises(ValueError):
        clock.parse_moment("  ", SEOUL)


class CountingEmbedder:
    id = "counting/v1"
    dim = 3

    def __init__(self) -> None:
        self.calls = 0

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        self.calls += 1
        return np.ones((len(texts), self.dim), dtype=np.float64)


def test_vectors_are_kept_until_the_texts_change_and_a_torn_file_is_rebuilt(tmp_path):
    embedder = CountingEmbedder()
    first = cached_query_vectors(["a", "b"], embedder, tmp_path, "titles", prune=True)
    again = cached_query_vectors(["a", "b"], embedder, tmp_path, "titles", prune=True)
    assert embedder.calls == 1 and first.dtype == np.float32 and np.array_equal(first, again)
    (path,) = tmp_path.glob("titles-counting_v1-*.npy")
    path.write_bytes(b"torn")
    cached_query_vectors(["a", "b"], embedder, tmp_path, "titles", prune=True)
    assert embedder.calls == 2
    cached_query_vectors(["c"], embedder, tmp_path, "titles", prune=True)
    assert len(list(tmp_path.glob("titles-*.npy"))) == 1  # the old titles' file is gone
    assert cached_query_vectors([], embedder, tmp_path, "titles").shape == (0, 3)
