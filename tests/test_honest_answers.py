"""Honest answers over a city's own documents: missing details, English over Korean pages, the
wording of refusals, and citations that open the document itself (/knowledge/<doc_id>)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import unquote

import pytest

from civicbot import keys
from civicbot.citations import as_of, document_link, names_other_place, text_fragment
from civicbot.detail import asked_detail, missing_detail
from civicbot.dialogue import Incoming, reply_as_json

pytestmark = pytest.mark.usefixtures("built_index")
SAMPLES = Path(__file__).resolve().parent / "data" / "samples"


@pytest.fixture
async def city(make_city):
    """A new city's folder of plain files (the committed samples), dropped in as they are."""
    return await make_city(SAMPLES)


async def say(client, text: str, conversation: str = "c1", channel: str = "cli"):
    """The engine's reply to `text` in one conversation of `channel`, as the dialogue gives it."""
    engine = client.app[keys.ENGINE].engine
    return await engine.dialogue.handle(Incoming(channel=channel, conversation_id=conversation, text=text))


async def test_a_folder_of_mixed_formats_answers_with_a_link_to_the_document(city):
    reply = await say(city, "따릉이 2시간 이용권 얼마예요?")
    assert reply.sources and reply.sources[0].doc_id.startswith("교통/bike")
    assert "2,000원" in reply.text
    url = reply.sources[0].url
    assert url.startswith("/knowledge/") and "#:~:text=" in url
    page = await city.get(url.split("#")[0])
    assert page.status == 200
    body = await page.text()
    if url.split("#")[0].endswith(".docx"):
        assert page.headers["Content-Type"].startswith("application/vnd.openxmlformats")
    else:
        # The quoted sentence is on the page, so the browser can scroll to it.
        assert unquote(url.split("#:~:text=")[1].split(",")[0]) in body


async def test_a_pdf_is_served_as_the_original_file(city):
    response = await city.get("/knowledge/안전/shelter.pdf")
    assert response.status == 200
    assert response.headers["Content-Type"] == "application/pdf"
    assert (await response.read()).startswith(b"%PDF")


@pytest.mark.parametrize(
    "path", ["/knowledge/nope.md", "/knowledge/../pyproject.toml", "/knowledge/old-form.hwp"]
)
async def test_an_unknown_document_is_a_json_404(city, path):
    response = await city.get(path)
    assert response.status == 404
    assert (await response.json())["error"]["code"] == "not_found"


async def test_english_question_over_a_korean_document_quotes_the_korean(city):
    reply = await say(city, "How do I rent a Ttareungyi bike?")
    assert reply.language == "en"
    assert reply.sources and reply.sources[0].doc_id.startswith("교통/bike")
    assert "I only have this in Korean" in reply.text
    assert "QR 코드를 찍으면" in reply.text


async def test_a_missing_detail_is_said_plainly_with_the_document_as_related(city):
    reply = await say(city, "따릉이 대여소는 몇 군데야?")
    assert reply.sources == []
    assert reply.related and reply.related[0].doc_id.startswith("교통/bike")
    assert "나와 있지 않아요" in reply.text and "120" in reply.text
    payload = reply_as_json(reply)
    assert payload["sources"] == [] and payload["related"][0]["url"].startswith("/knowledge/")


async def test_a_missing_detail_in_english(city):
    reply = await say(city, "What is the Ttareungyi app password?")
    assert reply.sources == [] and reply.related
    assert "doesn't say a password" in reply.text and "(the document is in Korean)" in reply.text


async def test_another_city_is_outside_the_bot_and_an_uncovered_service_has_no_document(city):
    other = await say(city, "부산 따릉이 요금 얼마야", "c2")
    assert other.sources == [] and other.intent == "out_of_scope"
    assert "범위 밖" in other.text
    uncovered = await say(city, "여권 재발급은 어디서 신청해요?", "c3")
    assert uncovered.sources == [] and uncovered.intent == "out_of_scope"
    assert "문서는 아직 없어요" in uncovered.text
    for reply in (other, uncovered):
        assert "/report" not in reply.text  # web channels show buttons, never raw commands
        assert "/report" in [b.payload for b in reply.buttons]


# -- the rules on their own ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("공공 와이파이 속도는 몇 Mbps야?", "speed"),
        ("What is the password for Seoul public Wi-Fi?", "password"),
        ("따릉이 대여소는 몇 군데?", "count"),
        ("등본 떼는데 얼마에요", "price"),
        ("무더위쉼터 언제까지 운영해", "time"),
        ("3D 서울 지도 면적 얼마나 돼요", None),
        ("S-Net이 뭐예요?", None),
    ],
)
def test_the_detail_a_question_asks_for(question, kind):
    detail = asked_detail(question)
    assert (detail.kind if detail else None) == kind


def test_a_detail_is_missing_only_when_the_document_lacks_its_shape():
    page = "따릉이 1시간 이용권은 1,000원입니다. 대여소에서 빌립니다."
    assert missing_detail("따릉이 한시간 얼마", page, True) is None
    assert missing_detail("따릉이 대여소 몇 군데", page, True).kind == "count"
    assert missing_detail("어르신 교통카드로 KTX도 할인돼요?", page, True).subject == "KTX"
    assert missing_detail("따릉이 대여소 300곳이라던데 맞아?", page + " 대여소는 300곳입니다.", True) is None


def test_citations_link_the_document_and_date_old_ones():
    class Doc:
        doc_id = "ko/s-net.md"
        source_url = "https://www.boannews.com"

    assert document_link(Doc(), "에스넷은 자가통신망입니다.").startswith("/knowledge/ko/s-net.md#:~:text=")
    Doc.source_url = "https://news.seoul.go.kr/gov/archives/1"
    assert document_link(Doc()) == "https://news.seoul.go.kr/gov/archives/1"
    assert text_fragment("a-b, c") == "#:~:text=a%2Db%2C%20c"
    today = dt.date(2026, 11, 30)
    assert as_of("2019-12-31", "ko", today) == "2019년 12월 기준"
    assert as_of("2019-12-31", "en", today) == "as of December 2019"
    assert as_of("2026-06-01", "ko", today) == ""
    assert names_other_place("부산 음식물쓰레기 버리는 시간", ["서울"])
    assert not names_other_place("서울 음식물쓰레기 버리는 시간", ["서울", "Seoul"])
    assert not names_other_place("부산 가는 버스", ["부산"])  # a Busan deployment answers for Busan


@pytest.mark.parametrize(
    ("question", "page", "missing"),
    [
        # A speed in km/h answers "speed", not only Mbps.
        (
            "What is the speed limit in a school zone?",
            "어린이보호구역에서는 시속 30km 이하로 달려야 합니다.",
            None,
        ),
        # A charge's sum is looked for where the page names the charge; a share of it is no sum.
        (
            "풍수해보험 보험료 얼마야",
            "보험료의 70% 이상을 국가가 내 줍니다. 한 달 전기요금을 5천 원 아낍니다.",
            "price",
        ),
        ("올빼미버스 요금 얼마", "밤 11시 30분부터 다닙니다. 요금은 카드로 2,500원입니다.", None),
        # A rate answers a question about a rate.
        ("재산세 늦게 내면 가산세 얼마", "늦게 내면 3%의 가산세가 붙습니다.", None),
        # "How many" needs a count, not an opening hour.
        ("How many night pharmacies are there?", "밤 10시부터 새벽 1시까지 여는 약국입니다.", "count"),
        ("How many companies does the centre support?", "It raised the number it supports to 300.", None),
    ],
)
def test_a_detail_is_looked_for_in_the_shape_and_place_it_would_take(question, page, missing):
    found = missing_detail(question, page, same_language=not question.isascii())
    assert (found.kind if found else None) == missing


def test_english_words_are_matched_on_korean_pages_through_the_glossary():
    from civicbot.knowledge import CROSS_LINGUAL_COVERAGE, CrossLingual, LexicalIndex
    from civicbot.text import Tokenizer

    tokenizer = Tokenizer()
    pages = ["여권 재발급 수수료는 53,000원입니다.", "혼인신고서에 성인 증인 2명의 서명이 필요합니다."]
    lexical = LexicalIndex([tokenizer.tokens(p) for p in pages])
    cross = CrossLingual([p.casefold() for p in pages], tokenizer)
    marriage = cross.coverage("Do I need witnesses to register a marriage?", "en", lexical)
    assert marriage[1] == pytest.approx(1.0) and marriage[0] == pytest.approx(0.0)
    # Words the glossary does not know say nothing either way: the neutral value.
    unknown = cross.coverage("Is Gangnam-gu's xylophone orchestra good?", "en", lexical)
    assert unknown.tolist() == pytest.approx([CROSS_LINGUAL_COVERAGE] * 2)
    # And back: a Korean question over an English page.
    english = ["Public wedding venues are free; apply online."]
    lexical_en = LexicalIndex([tokenizer.tokens(p) for p in english])
    back = CrossLingual([p.casefold() for p in english], tokenizer)
    assert back.coverage("결혼식 장소 무료로 빌릴 수 있어", "ko", lexical_en)[0] > CROSS_LINGUAL_COVERAGE
