"""A place typed in English as the bot writes it (civicbot/geo.py: romanise_dong, place_label) is
found again: "Yeoksam-dong, Gangnam-gu" names 강남구 역삼동, not only 강남구 (a newcomer's probe in the
seventeenth pass found the 동 dropped). And the names people give a family of numbered 법정동 —
명동 for 명동1가 and 명동2가, 성수동, 을지로 — are places (the nineteenth pass's probe found "명동"
and "Myeongdong" refused as no place)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import civicbot.geo as geo

GAZETTEER = geo.Gazetteer("서울특별시", (126.76, 37.41, 127.19, 37.72))
PLACES = sorted((code, dong) for dong, options in GAZETTEER.dongs.items() for code, _lat, _lon in options)


def _spellings(label: str) -> st.SearchStrategy[str]:
    return st.sampled_from(
        [label, label.lower(), label.upper(), label.replace("-", " "), label.replace("-", "")]
    )


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(PLACES), st.data())
def test_the_bots_own_english_label_names_the_same_place(place, data):
    code, dong = place
    district = GAZETTEER.districts[code]
    label = geo.place_label(code, district.name_ko, dong, "en")  # "Yeoksam-dong, Gangnam-gu"
    typed = data.draw(_spellings(label))
    found = [(p.district_code, p.dong) for p in GAZETTEER.match(f"pothole near {typed}, please fix")]
    assert found == [(code, dong)], typed


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gangnam-gu Yeoksam-dong", [("강남구", "역삼동")]),
        ("yeoksam 1 dong, gangnam", [("강남구", "역삼동")]),  # a numbered 행정동 under its 법정동
        ("Sanggye 10-dong", [("노원구", "상계동")]),
        ("Shinsa-dong, Gangnam-gu", [("강남구", "신사동")]),  # the older "shi" spelling
        ("Shinsa-dong", [("은평구", "신사동"), ("강남구", "신사동")]),  # in two districts: both offered
        ("Dongdaemun-gu", [("동대문구", None)]),  # "dong" inside a district's name is no 동
        # A 동 whose English name starts with a district's ("Jung" of Jung-gu): the 동, not 중구 too
        ("Jung dong, Mapo gu", [("마포구", "중동")]),
        ("the dongle is broken", []),
        ("Gangnam-style dong dong", []),
    ],
)
def test_english_dong_names(text, expected):
    assert sorted((p.district, p.dong) for p in GAZETTEER.match(text)) == sorted(expected)


FAMILIES = sorted(GAZETTEER._dong_families.items())


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(FAMILIES), st.sampled_from(["", " 앞", "에서", " 거리에 쓰레기가", "역 근처"]))
def test_a_family_of_numbered_dongs_is_named_by_its_common_name(family, tail):
    stem, first = family
    (code,) = {code for code, _lat, _lon in GAZETTEER.dongs[first]}
    found = [(p.district_code, p.dong) for p in GAZETTEER.match(f"{stem}{tail}")]
    assert found == [(code, first)], (stem, tail)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("명동 거리에 쓰레기가 많아요", [("중구", "명동1가")]),
        ("Myeongdong", [("중구", "명동1가")]),
        ("성수동 카페거리", [("성동구", "성수동1가")]),
        ("종로3가역 앞", [("종로구", "종로3가")]),  # a member named is that member
        ("성북동", [("성북구", "성북동")]),  # a 동 of its own is not a family
        ("저동네 가로등이 꺼졌어요", []),  # "저 동네", not 중구 저동
    ],
)
def test_family_names(text, expected):
    assert sorted((p.district, p.dong) for p in GAZETTEER.match(text)) == expected


# Landmarks named after a district but not always in it (the twentieth pass: "near Dongdaemun
# History & Culture Park" was filed in 동대문구; the park lies in 중구). Korean already reads
# 동대문역사문화공원 as a landmark, not as 동대문구; English now does the same.
STEMS = sorted({d.name_en.removesuffix("-gu") for d in GAZETTEER.districts.values()})
NOUNS = ["Station", "station", "Market", "Park", "Bridge", "Stadium", "City Hall", "University"]
NAME_WORDS = st.lists(
    st.sampled_from(["History", "&", "Culture", "Design", "World", "Cup", "Sports"]), max_size=3
)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(STEMS), NAME_WORDS, st.sampled_from(NOUNS), st.sampled_from(["near ", "at the ", ""]))
def test_a_landmark_named_after_a_district_is_no_district(stem, words, noun, before):
    from civicbot.geocode import recognise

    name = " ".join([stem, *words, noun])
    text = f"streetlight broken {before}{name}"
    assert GAZETTEER.match(text) == [], text
    found = recognise(text)
    assert found is not None and found.kind == "landmark" and found.query.startswith(stem), (text, found)


@given(st.sampled_from(STEMS), st.sampled_from(NOUNS))
def test_the_district_itself_is_still_named_with_gu_or_alone(stem, noun):
    district = next(d for d in GAZETTEER.districts.values() if d.name_en.removesuffix("-gu") == stem)
    assert [p.district_code for p in GAZETTEER.match(f"{stem}-gu {noun}")] == [district.code]
    assert [p.district_code for p in GAZETTEER.match(f"pothole in {stem}, near my home")] == [district.code]


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("Gangnam Station, exit 11 has a broken light", "Gangnam Station, exit 11"),
        ("There is trash at Hongik University", "Hongik University"),
        ("I live near Seoul City Hall", "Seoul City Hall"),
        ("The park near my house is dark", None),  # a sentence's first word is no name
        ("pothole on my street", None),
    ],
)
def test_english_landmarks_are_recognised(text, query):
    from civicbot.geocode import recognise

    found = recognise(text)
    assert (found.query if found else None) == query


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("강남구 잠실동", [("강남구", None), ("송파구", "잠실동")]),
        ("Gangnam-gu Jamsil-dong", [("강남구", None), ("송파구", "잠실동")]),
        ("관악구 신사동", [("관악구", None), ("강남구", "신사동"), ("은평구", "신사동")]),
        ("송파구 잠실동", [("송파구", "잠실동")]),
    ],
)
def test_a_dong_named_with_another_district_offers_both(text, expected):
    """The nineteenth pass's probe: "Gangnam-gu Jamsil-dong" kept 강남구 without asking. The district
    may be right (관악구 has a 행정동 신사동 the 법정동 map lacks), so both are offered."""
    assert sorted((p.district, p.dong) for p in GAZETTEER.match(text)) == sorted(expected)
