"""Classes of question the eleventh Q&A pass handles (README "The eleventh pass"): a count of time
written glued to what it bounds ("몇년동안", "몇분안에", "몇달만에"), and asking where or to whom a
problem is reported, a question about reporting rather than a report; and a figure in the
sentence the reply quotes answers the detail asked; a facility no page has (야외수영장,
산후조리원) is a city service we lack a page on."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_honest_answers import say

from civicbot.detail import missing_detail, unnamed_service
from civicbot.dialogue import _ASKS_HOW as ASKS_HOW
from civicbot.i18n import t

NOISE_PAGE = Path(__file__).parent.parent / "bench/data/dev_extra11/docs/환경/construction-noise.txt"
SAMPLES = Path(__file__).parent / "data" / "samples"

# (the counter asked, how the page states it)
UNITS = [("년", "2년"), ("개월", "6개월"), ("달", "3개월"), ("분", "10분"), ("일", "14일"), ("주", "2주")]
THINGS = ["반지하 바우처", "지원금", "단속 유예", "교육"]
BOUNDS = ["동안", "안에", "만에", "이내"]
ENDS = [" 받음", " 해야돼요", "?", " 되나요"]


@given(
    st.sampled_from(THINGS),
    st.sampled_from(UNITS),
    st.sampled_from(BOUNDS),
    st.sampled_from(["", " "]),
    st.sampled_from(ENDS),
)
def test_a_count_of_time_glued_to_its_bound_is_answered_by_that_time(thing, unit, bound, gap, end):
    counter, stated = unit
    question = f"{thing} 몇{gap}{counter}{bound}{end}"
    answering = f"{thing}은 최대 {stated} {bound} 받을 수 있습니다. 신청은 주민센터에서 합니다."
    silent = f"{thing}은 주민센터에서 신청합니다. 문의는 다산콜센터로 하세요."
    assert missing_detail(question, answering, True) is None, question
    assert missing_detail(question, silent, True) is not None, question


@given(
    st.sampled_from(["포트홀 생겼는데", "가로등 나갔는데", "길에 쓰레기 버려져 있는데", ""]),
    st.sampled_from(
        ["어디 신고해요?", "어디다 신고함", "어디로 연락해요", "누구한테 말해야 돼요", "누구에게 민원 넣어요"]
    ),
)
def test_where_or_to_whom_to_report_asks_about_reporting_in_korean(problem, asked):
    assert ASKS_HOW.search(f"{problem} {asked}".strip())


@given(
    st.sampled_from(["Who do I", "Where can I", "Who should I", "Where do we"]),
    st.sampled_from(["call about a pothole?", "report a broken streetlight?", "complain to?"]),
)
def test_where_or_to_whom_to_report_asks_about_reporting_in_english(asked, rest):
    assert ASKS_HOW.search(f"{asked} {rest}")


@given(
    st.sampled_from(
        ["불법주차 신고할게요", "집 앞에 쓰레기가 쌓여 있어요", "The street light is out", "신호등 고장났어"]
    )
)
def test_a_report_told_asks_nothing(report):
    assert not ASKS_HOW.search(report)


@given(
    st.sampled_from(["휠체어 고장났는데", "보일러 망가졌는데", "자전거 펑크났는데"]),
    st.sampled_from(["고쳐주는곳", "수리해주는 데 있어요?", "고쳐주는 곳 어디예요", "수리 받는 곳 알려줘"]),
)
def test_asking_for_a_place_that_fixes_it_is_a_question(problem, asked):
    assert ASKS_HOW.search(f"{problem} {asked}")


@given(
    st.sampled_from(
        [
            "주차하는 곳이 없어요",
            "쓰레기 버릴 데가 없어요",
            "담배 피우는 곳이 있어서 냄새나요",
            "흡연하는 곳이 있어서 냄새나요",
        ]
    )
)
def test_a_place_complained_of_is_not_asked_for(report):
    assert not ASKS_HOW.search(report)


@pytest.mark.usefixtures("built_index")
async def test_a_figure_in_the_quoted_sentence_answers_the_detail(make_city, tmp_path):
    """On a long page (31 lines on construction noise) the sentence that says how long the noise
    meter is lent is long and mostly about other things, so it is not among the sentences nearest
    the question; the reply quotes it, and the figure it shows answers "며칠 동안"."""
    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copy(NOISE_PAGE, folder / "construction-noise.txt")
    city = await make_city(folder)
    reply = await say(city, "소음측정기 구청에서 빌릴수있나요 며칠동안")
    assert reply.sources and "3일" in reply.text, reply.text
    assert not reply.related


FACILITIES = [
    "야외수영장",
    "산후조리원",
    "요가교실",
    "캠핑장",
    "구립체육관",
    "어린이물놀이장",
    "청소년수련관",
]
BIKE_PAGE = "따릉이 대여 안내\n따릉이는 서울시 공공자전거입니다. 1시간 이용권은 1,000원입니다."


@given(
    st.sampled_from(FACILITIES),
    st.sampled_from(
        [" 예약하고 싶어요", " 언제 개장해요", " 이용료 얼마에요", "은 어떻게 신청해요", " 어디 있어요"]
    ),
    st.sampled_from(["", "한강 ", "우리 동네 ", "공공 "]),
)
def test_a_facility_no_page_has_is_named(facility, asked, where):
    question = f"{where}{facility}{asked}"
    assert unnamed_service(question, BIKE_PAGE, lambda: BIKE_PAGE) == facility


@given(st.sampled_from(FACILITIES))
def test_a_facility_a_page_has_is_not(facility):
    page = f"{facility} 이용 안내\n{facility}은 주민 누구나 이용할 수 있습니다."
    assert unnamed_service(f"{facility} 예약하고 싶어요", page, lambda: page) is None


@pytest.mark.usefixtures("built_index")
async def test_an_uncovered_facility_is_a_city_service_we_lack_a_page_on(make_city, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copy(SAMPLES / "교통" / "bike-plain.md", folder / "bike-plain.md")
    city = await make_city(folder)
    reply = await say(city, "공공 산후조리원 예약하고 싶은데 어떻게해요")
    assert not reply.sources and reply.text == t("engine.no_document", "ko", city="서울특별시"), reply.text
