"""Twenty-second pass (b), the conversation engine: a second probe of the merged code.

1. A category's problem told ("소음이 심해요") or its reporting announced ("포트홀 신고합니다",
   "불법주차 신고할게요") did not start the report: called out of scope, or answered from the page
   on how to report; contact details or a name added at the end ("… 010 일이삼사 5678 으로 연락",
   "… 저는 최지우") stopped a report that would otherwise start.
2. A degrees-minutes-seconds coordinate (37°33'59"N 126°58'41"E) typed in a Korean conversation
   switched it to English: its hemisphere letters were read as English.
3. "my bike broke, where do I report?" was sent to the tracking-id status check ("my" was read as
   one's own filed report).
"""

from __future__ import annotations

import pytest
from conftest import say
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from civicbot import keys
from civicbot.dialogue import Reply, without_trailing_contact
from civicbot.intents import OUT_OF_SCOPE, Classification
from civicbot.text import detect_language

pytestmark = pytest.mark.usefixtures("built_index")
ENGINE_RUNS = settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def started_a_report(reply: Reply) -> bool:
    return reply.intent == "report_complaint" and not reply.sources and not reply.related


# -- 1: a category's problem told, or its reporting announced, is the report ----------------------
CATEGORY_WORDS = st.sampled_from(
    [
        "소음",
        "공사장 소음",
        "포트홀",
        "불법주차",
        "쓰레기 무단투기",
        "쓰레기",
        "가로등",
        "신호등",
        "공원 벤치",
    ]
)
TROUBLE = st.sampled_from(
    [
        "이 심해요",
        " 너무 심해요",
        "이 너무 많아요",
        "이 생겼어요",
        " 고장났어요",
        " 방치돼 있어요",
        " 냄새가 심해요",
        " 때문에 너무 시끄러워요",
        " 악취가 나요",
    ]
)
ANNOUNCED = st.sampled_from(
    [" 신고합니다", " 신고할게요", " 신고하려고요", " 민원 넣을게요", " 신고 드립니다"]
)
CONTACT = st.sampled_from(
    [
        "",
        " 010 일이삼사 5678 으로 연락",
        " 010-1234-5678",
        " 연락처는 010 1234 5678",
        " 저는 최지우",
        " 제 이름은 김민준입니다",
        " 공일공 일이삼사 오육칠팔로 연락 주세요",
        " jiwoo@example.com",
    ]
)


@ENGINE_RUNS
@given(CATEGORY_WORDS, st.one_of(TROUBLE, ANNOUNCED), CONTACT)
async def test_a_category_problem_told_or_announced_starts_the_report(client, word, told, contact):
    text = f"{word}{told}{contact}"
    reply = await say(client, text, f"told-{text}")
    assert started_a_report(reply), (text, reply.intent, reply.text)


@pytest.mark.parametrize(
    "text",
    [
        "소음이 심해요",
        "포트홀 신고합니다",
        "불법주차 신고할게요",
        "쓰레기 무단투기 신고하려고요",
        "포트홀이 생겼어요 010 일이삼사 5678 으로 연락",
        "쓰레기 무단투기 심해요 저는 최지우",
        "I want to report a pothole",
    ],
)
async def test_the_probes_complaints_start_the_report(client, text):
    reply = await say(client, text, f"probe-{text}")
    assert started_a_report(reply), reply.text


@pytest.mark.parametrize(
    "question",
    [
        "포트홀 신고 어떻게 해요?",
        "소음 기준이 뭐예요?",
        "불법주차 신고하려면?",
        "소음이 심하면 어디에 신고해요",
        "쓰레기 무단투기 신고해야 하나요",
        "포트홀 신고 어떻게 해요? 저는 최지우",
    ],
)
async def test_a_question_about_a_category_starts_no_report(client, question):
    reply = await say(client, question, f"asked-{question}")
    assert not started_a_report(reply), reply.text


CROWDS = st.sampled_from(["사람이", "사람", "관광객이", "인파가", "사람들이", "애들이"])
BUSY_PLACES = st.sampled_from(["공원에", "한강공원에", "주말에 공원", "놀이터에", "공원 벤치에"])
SO_MANY = st.sampled_from(["너무 많아요", "엄청 많네요", "진짜 많아요", "넘 많아요"])


@ENGINE_RUNS
@given(place=BUSY_PLACES, crowd=CROWDS, many=SO_MANY)
def test_a_crowd_told_is_no_problem_named(client, place, crowd, many):
    """How busy a place is ("놀이터에 애들이 엄청 많네요") names no problem to file, though 놀이터 is
    a category's word and 너무 많 tells trouble; the same place's rubbish does. (The intent model
    itself still takes "공원에 사람이 너무 많아요" for a report, as before this pass.)"""
    dialogue = client.app[keys.ENGINE].engine.dialogue
    unsure = Classification(OUT_OF_SCOPE, 0.5)
    assert not dialogue._names_a_problem(f"{place} {crowd} {many}", unsure)
    assert dialogue._names_a_problem(f"{place} 쓰레기가 {many}", unsure)


async def test_asked_how_to_report_is_still_answered_from_the_page(client):
    reply = await say(client, "포트홀 신고 어떻게 해요?", "asked-how")
    assert [s.doc_id for s in reply.sources][:1] == ["ko/how-to-report.md"]
    assert "/report" in [b.payload for b in reply.buttons]


@given(
    st.sampled_from(["소음이 심해요", "가로등 고장", "포트홀 신고합니다", "쓰레기가 너무 많아요"]),
    CONTACT.filter(bool),
)
def test_trailing_contact_details_are_read_past(told, contact):
    assert without_trailing_contact(f"{told}{contact}") == told
    assert without_trailing_contact(told) == told


def test_a_message_that_is_only_contact_details_is_kept_whole():
    assert without_trailing_contact("저는 최지우") == "저는 최지우"


# -- 2: a coordinate carries no language -------------------------------------------------------
DEGREES = st.integers(0, 89)
MINUTES = st.integers(0, 59)


@given(
    DEGREES,
    MINUTES,
    MINUTES,
    st.integers(0, 179),
    MINUTES,
    MINUTES,
    st.sampled_from("NS"),
    st.sampled_from("EW"),
    st.sampled_from([" ", ", ", "  "]),
)
def test_a_dms_coordinate_has_no_language(d1, m1, s1, d2, m2, s2, ns, ew, gap):
    text = f"{d1}°{m1}'{s1}\"{ns}{gap}{d2}°{m2}'{s2}\"{ew}"
    assert detect_language(text, default="ko") == "ko"
    assert detect_language(text, default="en") == "en"


@pytest.mark.parametrize("text", ["37.5665N, 126.978E", "N 37.5665° E 126.978°", "37.5665° N 126.978° E"])
def test_decimal_coordinates_with_hemispheres_have_no_language(text):
    assert detect_language(text, default="ko") == "ko"


def test_english_around_a_coordinate_is_still_english():
    assert detect_language("The pothole is at 37°33'59\"N 126°58'41\"E", default="ko") == "en"


async def test_a_coordinate_keeps_a_korean_conversation_korean(client):
    await say(client, "안녕하세요", "dms")
    reply = await say(client, "37°33'59\"N 126°58'41\"E", "dms")
    assert reply.language == "ko", reply.text


# -- 3: "my bike broke, where do I report?" asks where to report ----------------------------------
@pytest.mark.parametrize(
    "question", ["my bike broke, where do I report?", "My scooter broke, where do I report it?"]
)
async def test_where_to_report_is_answered_from_the_reporting_page(client, question):
    reply = await say(client, question, f"where-{question}")
    assert reply.intent == "ask_question", reply.text
    assert any(s.doc_id.endswith("how-to-report.md") for s in reply.sources), reply.text
    assert "/report" in [b.payload for b in reply.buttons]


@pytest.mark.parametrize("text", ["what happened to my report?", "status of my pothole complaint"])
async def test_ones_own_report_is_still_a_status_question(client, text):
    reply = await say(client, text, f"status-{text}")
    assert reply.intent == "complaint_status", reply.text
