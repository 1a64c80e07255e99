"""Numbers abroad and numbers in English digit words never reach the public map.

The twenty-fourth pass. A newcomer filed "포트홀 있어요 +1 415 555 0100" and "… +44 20 7946 0958":
the report said ``masked: []`` and the number showed in the report API, the map's GeoJSON and
Open311. Korean numbers were masked in every spelling, a number abroad in none; "zero one zero 1234
5678" (the digits as English words) was not masked either.

Here international numbers are generated as classes (a + or 00 prefix, a country code of 1-3
digits, 6-14 more digits in groups with random separators and brackets) inside Korean and English
complaint sentences, through ``split`` and through the real app; Korean numbers are generated with
their digits as English words; and beside them the figures that must stay readable (amounts, signed
points, dates, times, bus numbers, years, coordinates, tracking ids).
"""

from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as examples
from hypothesis import strategies as st
from test_voicemap import report

from civicbot import privacy
from civicbot.privacy import CARD, PHONE, mask_pii, split
from civicbot.text import clean

# -- a number abroad --------------------------------------------------------------------------------
PREFIX = st.sampled_from(["+", "+", "+ ", "00"])
SEPARATOR = st.sampled_from([" ", "-", ".", " - ", "  ", "–"])
# Sentences without digits of their own, so any digit left in the masked text is the number's.
AROUND_KO = [
    "포트홀 있어요 {p}",
    "외국인 관광객인데 가로등이 꺼졌어요. 연락처 {p} 입니다",
    "{p}로 연락 주세요",
    "불법주차 차주 번호 ({p})",
    "쓰레기 무단투기, 제 번호는 {p}이에요",
]
AROUND_EN = [
    "Pothole here, call me at {p}",
    "Streetlight out. My number is {p}.",
    "{p} (WhatsApp) if you need photos",
    "Illegal parking again - reach me on {p}, thanks",
]


@st.composite
def number_abroad(draw) -> tuple[str, str]:
    """(written, digits) of an international number: prefix, country code, and 6-14 more digits in
    groups of 1-5 with a separator between groups, the first group sometimes in brackets."""
    prefix = draw(PREFIX)
    country = draw(st.from_regex(r"[1-9][0-9]{0,2}", fullmatch=True))
    rest = draw(st.from_regex(r"[0-9]{6,14}", fullmatch=True))
    cuts = sorted(draw(st.sets(st.integers(1, len(rest) - 1), max_size=len(rest) - 1)))
    groups = [rest[a:b] for a, b in itertools.pairwise([0, *cuts, len(rest)])]
    if any(len(g) > 5 for g in groups):  # people group a number in 1-5 digits
        groups = [rest[i : i + 4] for i in range(0, len(rest), 4)]
    written = prefix + country
    for index, g in enumerate(groups):
        if index == 0 and draw(st.booleans()):
            written += draw(st.sampled_from([" (", "("])) + g + draw(st.sampled_from([") ", ")"]))
            continue
        written += ("" if written.endswith((")", " ")) else draw(SEPARATOR)) + g
    return written, country + rest


@examples(max_examples=800, deadline=None)
@given(number_abroad(), st.sampled_from(AROUND_KO + AROUND_EN))
def test_a_number_abroad_never_reaches_the_public_text(number, around):
    written, digits = number
    text = around.format(p=written)
    found = split(text)
    assert PHONE in found.public.kinds, (text, found.public.text)
    assert not re.search(r"\d", found.public.text), (text, found.public.text)
    (kept,) = found.contact[PHONE]  # officials keep it, whole
    assert re.sub(r"\D", "", kept).endswith(digits), (text, kept)
    assert CARD not in found.public.kinds  # a number abroad is no card number, which is never kept


@pytest.mark.parametrize(
    "written",
    [
        "+1 415 555 0100",
        "+44 20 7946 0958",
        "+81-3-1234-5678",
        "0044 20 7946 0958",
        "+1 (415) 555-0100",
        "+44 (0)20 7946 0958",
        "+14155550100",
        "+33 1 23 45 67 89",
        "+86 138 0013 8000",
        "001 1 415 555 0100",
    ],
)
def test_the_briefs_numbers_are_masked(written):
    assert mask_pii(f"포트홀 있어요 {written}").text == "포트홀 있어요 [전화번호]"
    assert mask_pii(f"Pothole, call {written}.", "en").text == "Pothole, call [phone]."


# -- digits as English words ------------------------------------------------------------------------
WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
ZERO = st.sampled_from(["zero", "oh", "o", "Zero", "OH"])
KOREAN_PREFIXES = ["010", "011", "016", "017", "018", "019", "02", "031", "051", "070"]


def worded(draw, digits: str) -> str:
    """``digits`` as English words, one word a digit, each zero as zero, oh or o."""
    return " ".join(draw(ZERO) if d == "0" else WORDS[int(d)] for d in digits)


@examples(max_examples=500, deadline=None)
@given(
    st.sampled_from(KOREAN_PREFIXES),
    st.from_regex(r"[1-9][0-9]{2,3}", fullmatch=True),
    st.from_regex(r"[0-9]{4}", fullmatch=True),
    st.lists(st.booleans(), min_size=3, max_size=3),
    st.sampled_from([" ", " - ", "-", ", ", ". "]),
    st.sampled_from(AROUND_KO + AROUND_EN),
    st.data(),
)
def test_a_korean_number_in_english_digit_words_is_masked(prefix, middle, last, as_words, glue, around, data):
    if not any(as_words):
        as_words[0] = True  # at least one group in words: the digits alone were masked before
    groups = [
        worded(data.draw, g) if word else g for g, word in zip((prefix, middle, last), as_words, strict=True)
    ]
    text = around.format(p=glue.join(groups))
    masked = mask_pii(text)
    assert PHONE in masked.kinds, (text, masked.text)
    for g in groups:
        assert g not in masked.text, (text, masked.text)
    assert not re.search(r"\d", masked.text), (text, masked.text)


@pytest.mark.parametrize(
    "text",
    [
        "zero one zero 1234 5678",
        "oh one oh one two three four five six seven eight",
        "zero one zero - 1234 - 5678",
        "o2 one two three four five six seven",
        "plus four four two zero seven nine four six zero nine five eight",
    ],
)
def test_the_briefs_worded_numbers_are_masked(text):
    assert mask_pii(f"연락처 {text} 입니다").text == "연락처 [전화번호] 입니다"


# -- what stays readable ----------------------------------------------------------------------------
ID_CODE = st.text(alphabet="ABCDEFGHJKMNPQRSTUVWXYZ23456789", min_size=6, max_size=6)


@examples(max_examples=600, deadline=None)
@given(
    st.integers(1990, 2030),
    st.integers(1, 12),
    st.integers(1, 28),
    st.integers(0, 23),
    st.integers(1, 9999),
    st.integers(100, 99_999_999),
    ID_CODE,
    st.sampled_from(
        [
            "+{n}점 받았어요, {w}원 환불, {y}.{m:02d}.{d:02d}",
            "+{n} points and +{w:,}원, {h:02d}:{d:02d}",
            "버스 {n}번이 {y}-{m:02d}-{d:02d} {h:02d}:{d:02d}에 안 왔어요 (+{n}분 지연)",
            "좌표 37.{w}, 126.{n} 근처 포트홀",
            "location +37.{w}, +126.{n} near the park",
            "{y}년 {m}월 {d}일 신고 SEL-{c} 진행 상황",
            "tracking id SEL-{c}, filed {y}/{m:02d}/{d:02d}, one of two streetlights out",
            "+{w}원 더 냈어요. 00{h:02d}:{d:02d}에 소음",
            "+{w:,} won extra; bus {n} at {h:02d}:{d:02d} +{m} min late",
            "one two three four, five six seven eight, zero waste day {y}",
            "{n}명이 +{m}%, {y}년에 {w}원",
            "+{m} {y}.{m:02d}.{d:02d} 업데이트",
        ]
    ),
)
def test_figures_that_are_no_phone_stay_readable(y, m, d, h, n, w, c, shape):
    text = shape.format(y=y, m=m, d=d, h=h, n=n, w=w, c=c)
    masked = mask_pii(text)
    assert masked.text == clean(text) and not masked.kinds, (text, masked.text)


def test_the_rules_version_says_stored_reports_are_masked_again():
    assert int(privacy.RULES_VERSION) >= 25


# -- through the app ---------------------------------------------------------------------------------
_APP = dict(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture
def settings(make_settings):
    """The test settings without the rate limit: one session files every generated report."""
    return make_settings(CIVICBOT_RATE_LIMIT="0")


@examples(max_examples=25, **_APP)
@given(number=number_abroad(), around=st.sampled_from(AROUND_KO + AROUND_EN))
async def test_no_public_view_shows_a_number_abroad(client, session_token, number, around):
    written, digits = number
    text = around.format(p=written)
    answer = await report(client, session_token, text=text)
    assert answer["visibility"] == "public" and answer["masked"] == ["phone"], (text, answer)
    public_id = answer["id"]
    one = await (await client.get(f"/api/complaints/{public_id}")).json()
    assert not re.search(r"\d", one["description"]), (text, one["description"])
    (request,) = await (await client.get(f"/open311/v2/requests/{public_id}.json")).json()
    assert not re.search(r"\d", request["description"]), (text, request["description"])
    for path in ("/api/complaints.geojson", "/open311/v2/requests.json", "/api/complaints"):
        view = await (await client.get(path)).text()
        assert written not in view and digits not in view, (text, path)


async def test_the_probes_reports_show_nothing_of_the_number(client, session_token):
    probes = {
        "포트홀 있어요 +1 415 555 0100": "555 0100",
        "포트홀 있어요 +44 20 7946 0958": "7946 0958",
        "포트홀 있어요 zero one zero 1234 5678": "1234 5678",
    }
    for text, secret in probes.items():
        answer = await report(client, session_token, text=text)
        assert answer["masked"] == ["phone"], answer
        assert answer["description"] == "포트홀 있어요 [전화번호]", answer
        for path in (
            f"/api/complaints/{answer['id']}",
            "/api/complaints.geojson",
            "/open311/v2/requests.json",
        ):
            assert secret not in await (await client.get(path)).text(), (text, path)
