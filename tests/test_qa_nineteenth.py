"""Nineteenth pass: the "service no page names" check (civicbot.detail.unnamed_service) over English
pages and English plurals. "Free Korean classes" names the Korean class; a Korean question about a
service no page names is not answered from an English page that lacks it; an English page titled
its own way ("Free Interpretation Phone Line") still answers a Korean name of its subject; an
activity (hiking) is not a named service."""

from __future__ import annotations

import pytest
from test_honest_answers import say

from civicbot.detail import _form_pattern, unnamed_service

KOREAN_CLASS_PAGE = (
    "Free Korean classes for foreign residents\n"
    "The Yeongdeungpo Global Center runs free Korean language classes for foreign residents registered "
    "in Seoul. Registration opens online on February 10. The textbook costs 15,000 won."
)
INTERPRETATION_PAGE = (
    "Free Interpretation Phone Line\n"
    "Foreign residents who need help with Korean can call the city's free interpretation line at 1330 "
    "and press the number for their language."
)
TICK_PAGE = (
    "진드기 매개 감염병 예방\n등산, 벌초, 텃밭 일, 캠핑을 할 때는 긴팔 옷과 긴바지를 입고 바짓단을 양말 "
    "안에 넣으세요. 서울 시내 공원과 산 입구 73곳에 진드기 기피제 자동 분사기가 있습니다."
)
OTHER_KOREAN_PAGE = "출산 축하 그림책\n아이의 주민등록등본이나 출생증명서를 가지고 구립도서관에 오세요."


def corpus(*pages: str):
    text = "\n".join(pages)
    return lambda: text


@pytest.mark.parametrize(
    ("form", "written"),
    [
        ("korean class", "free korean classes"),
        ("korean class", "a korean class"),
        ("bus pass", "two bus passes"),
        ("public library", "public libraries"),
        ("city tour bus", "city tour buses"),
        ("parking permit", "parking permits"),
    ],
)
def test_an_english_name_is_found_in_its_plural(form, written):
    assert _form_pattern(form, True).search(written)


@pytest.mark.parametrize(
    ("form", "written"), [("korean class", "korean classical music"), ("bus", "business")]
)
def test_a_plural_is_not_a_longer_word(form, written):
    assert not _form_pattern(form, True).search(written)


@pytest.mark.parametrize(
    "question",
    [
        "When does registration open for the spring Korean class?",
        "How much are the Korean classes?",
        "외국인 한국어교실 교재비 얼마에요",
        "한국어교실 신청 언제해요",
    ],
)
def test_the_english_page_on_korean_classes_answers_them(question):
    assert unnamed_service(question, KOREAN_CLASS_PAGE, corpus(KOREAN_CLASS_PAGE, TICK_PAGE)) is None


@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("민방위 교육 온라인으로 들어도되나요", "민방위"),
        ("전입신고 온라인으로 해도돼요?", "전입신고"),
    ],
)
def test_a_korean_question_on_a_service_no_page_names_is_not_answered_from_the_english_page(question, named):
    assert unnamed_service(question, KOREAN_CLASS_PAGE, corpus(KOREAN_CLASS_PAGE, TICK_PAGE)) == named


def test_an_english_page_titled_its_own_way_answers_the_korean_name_of_its_subject():
    assert (
        unnamed_service("외국인 통역 전화 몇번이에요", INTERPRETATION_PAGE, corpus(INTERPRETATION_PAGE))
        is None
    )


def test_a_korean_service_the_english_page_lacks_is_not_excused_by_its_body():
    """ "foreign residents" in the body is no resident registration kiosk."""
    page = "Renting a home in Seoul as a foreigner\nForeign residents report the lease at the dong office."
    named = unnamed_service("주민등록등본 무인발급기 어디있어요", page, corpus(page, OTHER_KOREAN_PAGE))
    assert named == "무인발급기"


@pytest.mark.parametrize(
    "question",
    ["How do I protect myself from ticks when hiking?", "What should I wear hiking to avoid ticks?"],
)
def test_hiking_is_an_activity_not_a_named_service(question):
    assert unnamed_service(question, TICK_PAGE, corpus(TICK_PAGE)) is None


def test_a_hiking_trail_is_still_a_named_service():
    assert unnamed_service("Where is the nearest hiking trail?", TICK_PAGE, corpus(TICK_PAGE)) is not None


# -- through the real engine -------------------------------------------------------------------
@pytest.fixture
async def two_pages(make_city, tmp_path):
    """A city with an English page on Korean classes and a Korean page on ticks."""
    folder = tmp_path / "folder"
    (folder / "en").mkdir(parents=True)
    (folder / "en" / "korean-class.md").write_text(
        "---\ntitle: Free Korean classes for foreign residents\nupdated: 2025-01-15\nlanguage: en\n---\n\n"
        "# Free Korean classes for foreign residents\n\n" + KOREAN_CLASS_PAGE.split("\n", 1)[1] + "\n",
        encoding="utf-8",
    )
    (folder / "보건").mkdir()
    (folder / "보건" / "tick-prevention.md").write_text(
        "# 진드기 매개 감염병 예방\n\n" + TICK_PAGE.split("\n", 1)[1] + "\n", encoding="utf-8"
    )
    return await make_city(folder)


async def test_the_engine_answers_korean_classes_from_the_english_page(two_pages):
    reply = await say(two_pages, "When does registration open for the spring Korean class?", "k1")
    assert reply.sources and reply.sources[0].doc_id.endswith("korean-class.md"), reply.text


async def test_the_engine_answers_ticks_when_hiking(two_pages):
    reply = await say(two_pages, "How do I protect myself from ticks when hiking?", "k2")
    assert reply.sources and reply.sources[0].doc_id.endswith("tick-prevention.md"), reply.text


async def test_the_engine_says_no_document_for_civil_defence_over_the_english_page(two_pages):
    reply = await say(two_pages, "민방위 교육 온라인으로 들어도되나요", "k3")
    assert not reply.sources, reply.text
