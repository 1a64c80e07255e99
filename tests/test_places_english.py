"""A place typed in English as the bot writes it (civicbot/geo.py: romanise_dong, place_label) is
found again: "Yeoksam-dong, Gangnam-gu" names 강남구 역삼동, not only 강남구 (a newcomer's probe in the
seventeenth pass found the 동 dropped)."""

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
        ("the dongle is broken", []),
        ("Gangnam-style dong dong", []),
    ],
)
def test_english_dong_names(text, expected):
    assert sorted((p.district, p.dong) for p in GAZETTEER.match(text)) == sorted(expected)
