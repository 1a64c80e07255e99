"""Twentieth pass: missing details the engine took for answered, and pages it took for others.

- A list asked for ("X 어디어디에요", "X 목록", "X 명단", "X 11곳 위치 다 알려줘요") is answered only
  by a page that names two of them or more (or lists three names before 등), not by one that says
  how many there are ("공원 73곳에").
- A sum asked with "얼마나 나와요 / 내야 / 받아요" is a sum asked, as "얼마 나와요" is; a sum named with
  금 (이행강제금, 장려금) is looked for where the page names it; a generic charge (비용, 가격, 요금)
  of a named thing ("상속등기 비용") is looked for where the page names that thing when it has no
  sentence with the charge word; a charge the page's title names may be stated anywhere on it.
- A date asked by name ("날짜") is answered by a calendar date, not by "2년마다".
- The "service no page names" check: "building register certificate" names no procedure; "the
  stream" over a Korean page on 하천 and 계곡 is named there; an English page words a catalogue name
  with the glossary's synonyms ("cherry trees bloom" for cherry blossoms), within one sentence.
- A province (경기도, 강원도 ...) is another place, as 부산 is; 전남친 is no province.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_honest_answers import say

from civicbot.citations import other_places_named
from civicbot.detail import asked_detail, missing_detail, unnamed_service

# -- lists asked for ---------------------------------------------------------------------------
COUNTED_PAGE = (
    "진드기 예방\n서울 시내 공원과 산 입구 73곳에 진드기 기피제 자동 분사기가 있습니다. "
    "참여 카페 120곳에서 커피찌꺼기를 거둡니다. 버스정류장 160곳에 온열의자가 있습니다. "
    "뚝섬 승마장과 서울 근교의 지정 승마장 6곳에서 강습합니다."
)
NAMED_PAGE = (
    "전통시장 주차\n경동시장, 청량리종합시장, 회기시장 앞 도로에 세울 수 있습니다. "
    "환승주차장은 수서, 천왕, 도봉산, 구파발, 개화산 등 14곳에서 운영합니다. "
    "롯데마트와 이마트에 회수기가 있습니다."
)
KIND = st.sampled_from(["공원", "참여카페", "정류장", "승마장", "금지구역", "단속카메라"])
COUNT = st.sampled_from(["", "6곳 ", "12곳이 ", "8군데 ", "몇곳 "])
LIST = st.sampled_from(["어디어디에요", "어디 어디 있어요", "목록 알려주세요", "명단 어디서 봐요", "목록좀"])
LEAD = st.sampled_from(["", "우리 구 ", "혹시 ", "그 "])


@given(LEAD, KIND, COUNT, LIST)
def test_a_list_is_asked_after_the_word_for_its_items(lead, kind, count, listed):
    if count.startswith("몇"):
        return  # "몇곳" asks a count, another detail
    question = f"{lead}{kind} {count}{listed}"
    detail = asked_detail(question)
    assert detail is not None and detail.kind == "which" and detail.subject == kind
    # One name answers "어디어디" (test_qa_fourteenth); a count or a list asked for needs two.
    assert detail.distinct == (1 if not count and listed.startswith("어디") else 2)


@given(
    st.sampled_from(
        [
            "공원 목록 알려주세요",
            "참여카페 명단 어디서봐요",
            "정류장 목록 어디서 봐요",
            "승마장 6곳 어디어디에요",
        ]
    )
)
def test_a_page_that_only_counts_them_lacks_the_list(question):
    assert missing_detail(question, COUNTED_PAGE, True) is not None


@pytest.mark.parametrize(
    "question", ["시장 목록 알려줘요", "환승주차장 14곳 어디어디에요", "마트 3곳 어디어디 있어요"]
)
def test_a_page_that_names_them_answers_the_list(question):
    assert missing_detail(question, NAMED_PAGE, True) is None


@pytest.mark.parametrize(
    "question",
    [
        "전기차 충전기 고장났는데 어디다 말해요",  # 어디다: where to, no list
        "파이썬 리스트 정렬",
        "센터 위치 어디에요",
    ],
)
def test_where_to_is_no_list(question):
    detail = asked_detail(question)
    assert detail is None or detail.distinct == 1


def test_eleven_centres_asked_all_at_once_is_a_list():
    detail = asked_detail("청년 재무상담 오랑 11곳 위치 다 알려줘요")
    assert detail is not None and detail.kind == "which" and detail.distinct == 2


# -- sums asked --------------------------------------------------------------------------------
CHARGE = st.sampled_from(["과태료", "이행강제금", "보험료", "수수료", "장려금", "요금"])
PAY = st.sampled_from(
    ["얼마나 나와요", "얼마나 나오나요", "얼마나 내야돼요", "얼마나 받아요", "얼마 나와요", "얼마나와요"]
)


@given(CHARGE, PAY)
def test_how_much_it_comes_to_is_a_sum_asked(charge, pay):
    detail = asked_detail(f"{charge} {pay}")
    assert detail is not None and detail.kind == "price"


@pytest.mark.parametrize(
    "question", ["얼마나 걸려요", "시간이 얼마나 걸려", "얼마나 자주 와요", "얼마나 오래 해요"]
)
def test_how_long_and_how_often_are_no_sums(question):
    detail = asked_detail(question)
    assert detail is None or detail.kind != "price"


BUILDING_PAGE = (
    "건축물대장 발급\n정부24 온라인 발급은 무료이고, 창구 발급은 한 건에 500원입니다. "
    "위반 건축물은 이행강제금을 물 수 있고, 전세대출이 안 될 수도 있습니다."
)
LAND_PAGE = (
    "조상 땅 찾기\n조상 땅 찾기는 수수료가 없습니다. 결과는 그 자리에서 알려 드립니다. "
    "땅이 나오면 상속 등기는 등기소에서 따로 해야 합니다."
)
SUBSIDY_PAGE = (
    "수소전기차 구매 보조금\n서울시는 수소전기차를 사는 시민에게 구매 보조금을 드립니다. "
    "승용 수소차 1대에 3,250만 원을 지원합니다. 보조금을 받은 차는 2년 동안 타야 합니다."
)
BUS_PAGE = "서울 부름버스\n'서울 부름버스' 앱에서 부르면 됩니다. 요금은 교통카드로 1,200원입니다."


def test_a_sum_named_with_geum_is_looked_for_where_the_page_names_it():
    assert missing_detail("위반건축물 이행강제금 얼마나 나와요", BUILDING_PAGE, True) is not None


def test_the_charge_of_a_named_thing_is_looked_for_where_the_page_names_that_thing():
    # "수수료가 없습니다" is what the page's service costs, not the registration at the court.
    assert missing_detail("조상땅찾기 결과 나온 땅 상속등기 비용 얼마들어요", LAND_PAGE, True) is not None
    assert missing_detail("조상땅찾기 수수료 얼마에요", LAND_PAGE, True) is None


def test_a_charge_the_title_names_is_stated_anywhere_on_the_page():
    assert missing_detail("수소차 사면 보조금 얼마 나와요", SUBSIDY_PAGE, True) is None


def test_a_fare_asked_by_the_service_name_is_still_found_by_the_charge_word():
    assert missing_detail("부름버스 요금 얼마에여", BUS_PAGE, True) is None


# -- a date asked ------------------------------------------------------------------------------
@given(
    st.sampled_from(["검사", "접수", "신청", "행사"]),
    st.sampled_from(["날짜 언제에요", "날짜 알려주세요", "몇월 몇일이에요", "언제에요 날짜"]),
)
def test_a_date_is_not_answered_by_a_period(what, asked):
    page = f"정기검사\n{what}는 2년마다 받아야 합니다. 결과는 30일 안에 알려 드립니다."
    assert missing_detail(f"{what} {asked}", page, True) is not None
    dated = f"정기검사\n{what}는 3월 2일부터 15일까지 받습니다."
    assert missing_detail(f"{what} {asked}", dated, True) is None


# -- the "service no page names" check ----------------------------------------------------------
REGISTER_PAGE = "건축물대장 발급\n건축물대장은 정부24에서 무료로 발급받을 수 있습니다."
STREAM_PAGE = (
    "구명조끼 무료 대여\n여름철 물놀이 사고를 막기 위해 하천과 계곡 물놀이장에 구명조끼 무료 대여소를 엽니다."
)
FESTIVAL_PAGE = (
    "Yeouido Spring Flower Festival\nEvery April, about 1,600 cherry trees bloom along Yeouiseo-ro. "
    "The festival runs for 9 days. Take subway line 9 to National Assembly station."
)
RENTING_PAGE = (
    "Renting a home in Seoul as a foreigner\nBring your residence card and the contract. "
    "Report your new address after you have registered. Ask for a certificate of the deposit."
)


def corpus(*pages: str):
    text = "\n".join(pages)
    return lambda: text


def test_a_register_certificate_is_no_procedure_of_its_own():
    question = "How much is a building register certificate at the district office counter?"
    assert unnamed_service(question, REGISTER_PAGE, corpus(REGISTER_PAGE)) is None


def test_a_stream_is_named_on_a_korean_page_by_the_glossarys_word():
    question = "Where can I borrow a free life jacket for my kids at the stream?"
    assert unnamed_service(question, STREAM_PAGE, corpus(STREAM_PAGE)) is None


@pytest.mark.parametrize(
    "question",
    [
        "When is the cherry blossom festival at Yeouido this year?",
        "Which subway station should I use for the Yeouido cherry blossoms?",
        "여의도 벚꽃축제 언제해요",
    ],
)
def test_an_english_page_names_cherry_blossoms_its_own_way(question):
    assert unnamed_service(question, FESTIVAL_PAGE, corpus(FESTIVAL_PAGE)) is None


def test_words_scattered_over_an_english_page_name_nothing():
    assert (
        unnamed_service("주민등록등본 무인발급기 어디있어요", RENTING_PAGE, corpus(RENTING_PAGE)) is not None
    )


# -- provinces ---------------------------------------------------------------------------------
SEOUL = ("서울특별시", "서울", "Seoul")


@given(
    st.sampled_from(["경기도", "강원도", "충청남도", "전라북도", "경상도", "Gyeonggi"]),
    st.sampled_from([" 나눔주차장 신청", " 청년 재무상담 어디서해요", " youth counselling"]),
)
def test_a_province_is_another_place(province, rest):
    assert other_places_named(province + rest, SEOUL)


@pytest.mark.parametrize(
    "question",
    [
        "전남친이 계속 연락해요",
        "전남편이 양육비를 안 보내요",
        "경기장 근처 주차",
        "경기 침체로 가게 문 닫아요",
    ],
)
def test_words_that_begin_like_a_province_are_no_place(question):
    assert not other_places_named(question, SEOUL)


# -- through the real engine -------------------------------------------------------------------
@pytest.fixture
async def parks_city(make_city, tmp_path):
    """A city with a Korean page on tick repellent sprayers that counts the parks but names none."""
    folder = tmp_path / "folder"
    (folder / "보건").mkdir(parents=True)
    (folder / "보건" / "tick-prevention.md").write_text(
        "# 진드기 매개 감염병 예방\n\n" + COUNTED_PAGE.split("\n", 1)[1] + "\n", encoding="utf-8"
    )
    return await make_city(folder)


async def test_the_engine_says_the_page_lacks_the_list_of_parks(parks_city):
    reply = await say(parks_city, "진드기 기피제 분사기 있는 공원 목록 알려주세요", "t1")
    assert not reply.sources, reply.text
    assert reply.related and reply.related[0].doc_id.endswith("tick-prevention.md"), reply.text


# -- days asked --------------------------------------------------------------------------------
PAYMENT_PAGE = "자립수당\n만 18세가 되면 30일 안에 신청하고 5년 동안 매달 40만 원을 드립니다."


@given(
    st.sampled_from(["자립수당", "고용장려금", "양육수당"]),
    st.sampled_from(
        ["매달 며칠에 입금돼요", "매달 몇일에 들어와요", "매월 며칠에 나와요", "며칠에 입금되나요"]
    ),
)
def test_the_day_money_comes_is_not_answered_by_a_deadline(benefit, asked):
    question = f"{benefit} {asked}"
    assert missing_detail(question, PAYMENT_PAGE.replace("자립수당", benefit), True) is not None
    paid = PAYMENT_PAGE.replace("자립수당", benefit) + " 돈은 매달 20일에 통장으로 넣어 드립니다."
    assert missing_detail(question, paid, True) is None


@given(
    st.sampled_from(["장려금", "주민등록증", "보상금", "환불금"]),
    st.sampled_from(
        ["며칠만에 입금돼요", "며칠 뒤에 나와요", "몇일만에 나오나요", "며칠이나 걸려서 들어와요"]
    ),
)
def test_days_until_paid_are_not_answered_by_the_deadline_to_apply(thing, asked):
    question = f"신청하면 {thing} {asked}"
    late = f"{thing}\n휴직이 끝난 뒤 1년 안에 신청하세요. 서류는 주민센터에 내세요."
    assert missing_detail(question, late, True) is not None
    paid = f"{thing}\n휴직이 끝난 뒤 1년 안에 신청하세요. 신청하면 14일 안에 통장으로 지급합니다."
    assert missing_detail(question, paid, True) is None
