"""Classes of question the fifth Q&A pass handles (bench/data/dev_extra4 and the other dev corpora
measure them; see README "Q&A evaluation"): place names inside ordinary words, English names of
civil paperwork no page covers, English details read for what they ask, and needs that look like
complaint reports."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_honest_answers import say

from civicbot.citations import names_other_place
from civicbot.detail import asked_detail, missing_detail, unnamed_service

OWN = ["서울특별시", "서울", "Seoul"]
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
    assert names_other_place(f"{place}에서 이사 왔어요", OWN)


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
