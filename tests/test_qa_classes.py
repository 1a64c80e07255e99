"""Classes of question the fifth Q&A pass handles (bench/data/dev_extra4 and the other dev corpora
measure them; see README "Q&A evaluation"): place names inside ordinary words, English names of
civil paperwork no page covers, English details read for what they ask, and needs that look like
complaint reports; and of the sixth pass (bench/data/dev_extra5): weather forecasts, "when" as a
conjunction, "몇 번" as how often, a copy of paperwork, and needs asked or told of oneself."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_honest_answers import say

from civicbot.citations import asks_about_weather, names_other_place, sounds_like_city_service
from civicbot.detail import asked_detail, missing_detail, unnamed_service
from civicbot.dialogue import _APPLIES_FOR as APPLIES_FOR
from civicbot.dialogue import _ASKS_QUESTION as ASKS_QUESTION
from civicbot.dialogue import _BEFELL_ME as BEFELL_ME
from civicbot.i18n import t
from civicbot.other_places import other_places

OWN = ["서울특별시", "서울", "Seoul"]
# names_other_place reads the GeoNames gazetteer once per process (about a second; the engine does it
# as it starts): read it now, before Hypothesis times the examples against its deadline.
other_places(frozenset(OWN))
ENDINGS = ["", " 입양하고 싶어요", "가 아파요", " 입양비 얼마에요", "카페 어디 있어", " 사료 지원돼?"]
PREFIXES = ["이", "사", "허", "적", "비"]


@given(st.sampled_from(ENDINGS))
def test_a_cat_is_not_goyang(ending):
    assert not names_other_place("보호소 고양이" + ending, OWN)
    assert names_other_place("고양시" + ending, OWN)


@given(st.sampled_from(PREFIXES), st.sampled_from(["용인", "부산", "대구", "수원"]))
def test_a_place_name_must_start_a_word(prefix, place):
    # 이용인원 (the number of users) holds 용인; a city is named where a word starts.
    assert not names_other_place(f"{prefix}{place}원 몇 명이야", OWN)
    # (Not "이사 왔어요": where one moved from is not the place asked about, test_qa_fifteenth.py.)
    assert names_other_place(f"{place}에서 이사 가려면", OWN)


PET_PAGE = "반려견 동물등록\n생후 2개월 이상의 개는 구청에서 동물등록을 해야 합니다."
MARRIAGE_PAGE = "혼인신고 안내\n혼인신고는 구청에서 합니다. 증인 2명이 필요합니다."


@given(
    st.sampled_from(
        ["How do I register a birth?", "where do i get a birth certificate", "birth registration in Seoul"]
    )
)
def test_english_paperwork_no_page_has_is_named(question):
    corpus = PET_PAGE + "\n" + MARRIAGE_PAGE
    assert unnamed_service(question, PET_PAGE, lambda: corpus) is not None


@given(
    st.sampled_from(["driver's", "driver’s", "drivers'", "driver"]), st.sampled_from(["licence", "license"])
)
def test_a_possessive_names_the_paperwork_too(owner, licence):
    # "Where can I renew my driver's licence?" over a page with neither 운전 nor 면허 (eighth pass).
    question = f"Where can I renew my {owner} {licence} in Seoul?"
    assert unnamed_service(question, PET_PAGE, lambda: PET_PAGE) is not None
    licence_page = "운전면허 갱신\n운전면허는 10년마다 갱신합니다."
    assert unnamed_service(question, licence_page, lambda: licence_page) is None


@pytest.mark.parametrize(
    ("question", "page"),
    [
        ("Do I have to register my dog?", PET_PAGE),
        ("Do I need witnesses to register a marriage?", MARRIAGE_PAGE),
        # A word the glossary cannot translate leaves the question to the evidence.
        ("How do I register a zorblat?", PET_PAGE),
    ],
)
def test_english_paperwork_a_page_covers_is_answered(question, page):
    assert unnamed_service(question, page, lambda: page) is None


@given(st.sampled_from(["my new address", "my address", "a change of address", "our new address"]))
def test_the_askers_own_address_is_not_an_address_asked_for(phrase):
    detail = asked_detail(f"How many days do I have to report {phrase} after moving?")
    assert detail is not None and detail.kind == "time"
    assert (
        missing_detail(f"How many days do I have to report {phrase}?", "이사한 날부터 14일 안에", False)
        is None
    )


def test_an_address_asked_for_is_still_one():
    assert asked_detail("What is the address of the Seoul Global Center?").kind == "address"


def test_minutes_are_not_a_count():
    page = "A day ticket costs 24,000 won. Buses run every 30 minutes from 9:30 am."
    assert missing_detail("How many seats does the city tour bus have?", page, True).kind == "count"


@given(st.sampled_from(["IVF", "ATM", "NFC"]))
def test_an_acronym_over_a_page_without_latin_names_proves_nothing(acronym):
    assert (
        missing_detail(f"Is there support for {acronym} costs?", "체외수정 시술비를 지원합니다.", False)
        is None
    )
    # A page that writes Latin names (KTX) would write this one too.
    assert missing_detail(f"Is there a discount on {acronym}?", "KTX는 할인되지 않습니다.", False) is not None


@given(st.sampled_from(["입양비는 없으며", "이용료는 없습니다", "요금은 안 받습니다"]))
def test_a_charge_there_is_none_of_answers_how_much(sentence):
    assert missing_detail("입양비 얼마에요", f"{sentence}. 상담을 거쳐야 합니다.", True) is None


DEV_EXTRA3 = Path(__file__).resolve().parent.parent / "bench" / "data" / "dev_extra3" / "docs"


@pytest.fixture
async def city(make_city, built_index):
    return await make_city(DEV_EXTRA3)


async def test_a_need_that_looks_like_a_report_is_answered_with_the_report_button(city):
    reply = await say(city, "휠체어 타는데 택시 부를수 있는거 있어요", channel="web")
    assert reply.sources and "disability-taxi" in reply.sources[0].doc_id
    assert any(b.payload == "/report" for b in reply.buttons)


async def test_a_message_that_says_it_reports_still_starts_the_report(city):
    reply = await say(city, "불법주차 신고할게요", conversation="c2", channel="web")
    assert reply.intent == "report_complaint" and not reply.sources


async def test_a_report_that_matches_the_page_on_reporting_starts_the_report(client):
    # The bundled how-to-report page matches it strongly; that page's subject is reporting itself.
    reply = await say(client, "the street light is out on my street", conversation="c3", channel="web")
    assert reply.intent == "report_complaint" and not reply.sources


# --- sixth pass (bench/data/dev_extra5) ----------------------------------------------------------

WHEN_KO = ["내일", "오늘", "주말에", "이번 주", "모레"]
WEATHER_KO = ["비 와?", "비와?", "눈 올까요?", "비 온대", "날씨 어때", "날씨 알려줘", "우산 챙겨야 돼?"]
WEATHER_EN = [
    "Will it snow in Seoul {when}?",
    "Is it going to rain {when}?",
    "What's the weather like {when}?",
    "weather forecast for {when}",
]
# Rain, or the weather, named in passing: the question is about the city's help.
NOT_A_FORECAST = [
    "반지하 사는데 비오면 물 들어와요",
    "비 올 때 모래주머니 어디서 구해요",
    "비와 바람에 간판이 떨어졌어요",
    "더운 날씨에 쉼터 어디야",
    "눈이 와서 길이 미끄러워요",
    "My basement floods when it rains, can the city help?",
    "Where can I cool down in hot weather?",
]


@given(st.sampled_from(WHEN_KO), st.sampled_from(WEATHER_KO))
def test_a_forecast_asked_in_korean_is_about_the_weather(when, asked):
    assert asks_about_weather(f"{when} {asked}")


@given(st.sampled_from(WEATHER_EN), st.sampled_from(["tomorrow", "this weekend", "today"]))
def test_a_forecast_asked_in_english_is_about_the_weather(template, when):
    assert asks_about_weather(template.format(when=when))


@given(st.sampled_from(NOT_A_FORECAST))
def test_rain_named_in_passing_is_no_forecast(message):
    assert not asks_about_weather(message)


@given(st.sampled_from(["에서", " 보건증 발급", "광역시 청년수당", " 키즈카페"]))
def test_gwangju_is_another_city_and_a_basket_is_not(ending):
    assert names_other_place("광주" + ending, OWN)
    assert not names_other_place("광주리" + ending, OWN)


@given(
    st.sampled_from(["floods", "leaks", "gets cold", "is noisy"]),
    st.sampled_from(["it rains", "it snows", "the bus passes"]),
)
def test_when_as_a_conjunction_asks_no_time(what, event):
    assert asked_detail(f"My flat {what} when {event}, can the city help?") is None


@given(st.sampled_from(["When does the tour start?", "So when is it open?", "and when can I apply"]))
def test_when_as_the_question_word_asks_a_time(question):
    detail = asked_detail(question)
    assert detail is not None and detail.kind == "time"


@given(st.sampled_from(["와요?", "받을 수 있어요?", "까지 돼?", "신청할 수 있나"]))
def test_how_many_times_wants_a_count_of_times(ending):
    question = f"하루에 몇 번 {ending}"
    assert missing_detail(question, "도시락은 집으로 배달합니다. 문의는 120으로 하세요.", True) is not None
    assert missing_detail(question, "도시락은 하루 2회 배달합니다.", True) is None


@given(st.sampled_from(["몇번이야", "몇 번이에요?", "몇 번 버스 타요", "몇 번?"]))
def test_which_number_is_answered_by_any_figure(asked):
    assert missing_detail(f"상담 전화 {asked}", "상담 전화는 1388입니다.", True) is None


MOVING_PAGE = "전입신고 안내\n이사한 날부터 14일 안에 동 주민센터에 전입신고를 해야 합니다."
PENSION_PAGE = "기초연금 신청\n신분증과 통장 사본을 가져오세요."


def test_a_copy_of_paperwork_no_page_has_is_named():
    question = "How do I get a copy of my resident registration?"
    assert unnamed_service(question, MOVING_PAGE, lambda: MOVING_PAGE) is not None
    assert unnamed_service("Do I need a copy of my bankbook?", PENSION_PAGE, lambda: PENSION_PAGE) is None


DEV_EXTRA5 = Path(__file__).resolve().parent.parent / "bench" / "data" / "dev_extra5" / "docs"


@pytest.fixture
async def city5(make_city, built_index):
    return await make_city(DEV_EXTRA5)


DEV_EXTRA7 = DEV_EXTRA5.parent.parent / "dev_extra7" / "docs"


async def test_an_application_no_page_covers_is_refused_not_taken_for_a_report(make_city, built_index):
    # The classifier takes it for a report (주차); it applies for a service none of the pages
    # covers: an honest refusal, with the report button still there (eighth pass).
    city = await make_city(DEV_EXTRA7)
    reply = await say(city, "구청 주차장 월정기권 신청", conversation="apply", channel="web")
    assert not reply.sources and reply.intent == "out_of_scope"
    assert any(b.payload == "/report" for b in reply.buttons)


async def test_needs_asked_or_told_of_oneself_are_answered_and_forecasts_refused(city5):
    # The classifier takes these for reports; they ask, so the documents answer (with the button).
    for n, (question, page) in enumerate(
        [
            ("담배꽁초 버리면 벌금 나와?", "illegal-dumping"),
            ("My basement flat floods when it rains, can the city install a barrier?", "flood-barrier"),
        ]
    ):
        reply = await say(city5, question, conversation=f"q{n}", channel="web")
        assert reply.sources and page in reply.sources[0].doc_id, question
        assert any(b.payload == "/report" for b in reply.buttons)
    # A forecast is outside the bot, though the walking-tour page shares "Seoul" and "rain".
    reply = await say(city5, "Is it going to rain this weekend in Seoul?", conversation="w", channel="web")
    assert not reply.sources and reply.text.startswith(
        t("engine.outside_city_bot", "en", city="\0").split("\0")[0]
    )


def test_what_befell_the_speaker_is_a_need_and_a_fault_is_a_report():
    for message in [
        "전세사기 당했는데 살 곳이 없어",
        "택시에서 폰 잃어버림 ㅠ",
        "I lost my wallet on the bus",
    ]:
        assert BEFELL_ME.search(message), message
    for message in ["가로등이 고장났어요", "인도에 쓰레기가 쌓여 있어요", "도로가 움푹 패었어요"]:
        assert not BEFELL_ME.search(message), message


@given(st.sampled_from(["연금복권 당첨번호", "로또 1등 번호", "주식 연금 계좌", "lottery pension numbers"]))
def test_games_of_chance_are_never_a_city_service(message):
    assert not sounds_like_city_service(message)


@given(st.sampled_from(["대형 폐가구 버리려면", "폐가전 수거 신청", "기초연금 신청"]))
def test_city_services_still_sound_like_one(message):
    assert sounds_like_city_service(message)


HEARD = ["있다던데", "해준다던데요", "지원해준다면서요", "무료라던데", "된다며", "준다면서"]


@given(st.sampled_from(["택배 무인함 ", "휠체어 빌려주는 데 ", "보청기 지원 "]), st.sampled_from(HEARD))
def test_hearsay_put_to_be_confirmed_is_a_question(need, heard):
    # "택배 얼굴안보고 받는 무인함 있다던데": what one has heard, asked to be confirmed (eighth pass).
    assert ASKS_QUESTION.search(need + heard)


@given(st.sampled_from(["가로등이 고장났어요", "인도에 쓰레기가 쌓여 있더라고요", "도로가 움푹 패었더라"]))
def test_a_fault_told_is_not_a_question(message):
    assert not ASKS_QUESTION.search(message) and not APPLIES_FOR.search(message)


@given(st.sampled_from(["차가 없어졌는데 견인된건가", "이거 무료인건가", "지금도 하는가"]))
def test_a_bare_question_ending_asks(message):
    assert ASKS_QUESTION.search(message)


@given(
    st.sampled_from(
        ["주차장 월정기권 신청", "체육관 예약", "등본 발급", "How do I apply for a permit", "book a court"]
    )
)
def test_an_application_asks_for_a_service(message):
    assert APPLIES_FOR.search(message)
