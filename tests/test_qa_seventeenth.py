"""Seventeenth pass, through the real engine: what dev-extra22's and dev-extra23's failures showed
once they were read. An acknowledgement ("응", "ok", "I see") is not searched; a question whether
one must or may do something is answered even when it reads like a report; "기간 얼마" asks for a
span; an English page that names the paperwork asked about answers it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from test_honest_answers import say

from civicbot.citations import other_places_named
from civicbot.detail import asked_detail, unnamed_service
from civicbot.dialogue import _ABOUT_A_FILED_REPORT, ACKNOWLEDGED
from civicbot.i18n import t
from civicbot.text import detect_language, is_acknowledgement

DATA = Path(__file__).resolve().parent.parent / "bench" / "data"
KOREAN_ACKS = [
    "응",
    "웅",
    "넵",
    "넹",
    "네",
    "예",
    "ㅇㅋ",
    "ㅇㅇ",
    "오케이",
    "알겠어요",
    "알았어",
    "그렇구나",
    "아하",
    "좋아요",
]
ENGLISH_ACKS = ["ok", "OK", "okay", "cool", "got it", "I see", "sure", "yeah", "alright", "sounds good"]
DECORATION = st.sampled_from(["", "!", "~", ".", "!!", "ㅎㅎ", "ㅋㅋ", " 👍", "?!"])


async def _city_over(corpus: str, make_city, tmp_path: Path):
    folder = tmp_path / "docs"
    shutil.copytree(DATA / corpus / "docs", folder)
    return await make_city(folder)


# -- acknowledgements ----------------------------------------------------------------------------
@given(st.lists(st.sampled_from(KOREAN_ACKS + ENGLISH_ACKS), min_size=1, max_size=3), DECORATION)
@example(["ㅇㅇ"], "ㅋㅋ")  # ㅇㅋ was read as "ok" inside ㅇㅇㅋㅋ, leaving a lone ㅇ
def test_acknowledging_words_alone_are_an_acknowledgement(words, decoration):
    assert is_acknowledgement(" ".join(words) + decoration)


@given(
    st.sampled_from(KOREAN_ACKS + ENGLISH_ACKS),
    st.sampled_from(
        ["신고할게요", "투표하고 싶어요", "thanks", "how do I vote?", "따릉이는?", "그럼 엠보팅은 뭐야"]
    ),
)
def test_anything_asked_or_told_with_them_is_not(ack, rest):
    assert not is_acknowledgement(f"{ack} {rest}")


@pytest.mark.usefixtures("built_index")
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(KOREAN_ACKS + ENGLISH_ACKS), DECORATION)
async def test_an_acknowledgement_after_an_answer_is_acknowledged_in_the_askers_language(
    client, ack, decoration
):
    """ "I see" matched a page and "ok" got "no document yet" before (newcomer probe, sixteenth pass)."""
    reply = await say(client, ack + decoration, conversation=f"ack-{ack}{decoration}")
    language = detect_language(ack + decoration)  # "okㅎㅎ" is typed on a Korean keyboard
    assert reply.intent == ACKNOWLEDGED and not reply.sources and not reply.related
    assert reply.text == t(
        "engine.acknowledged", language, city="Seoul" if language == "en" else "서울특별시"
    )


@pytest.mark.usefixtures("built_index")
@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(["ok", "OK!", "cool", "got it", "👍", "I see"]))
async def test_an_english_acknowledgement_keeps_a_korean_conversation_korean(client, ack):
    conversation = f"ko-then-{ack}"
    first = await say(client, "에스넷이 뭐야?", conversation=conversation)
    assert first.language == "ko"
    reply = await say(client, ack, conversation=conversation)
    assert reply.intent == ACKNOWLEDGED and reply.language == "ko"
    assert reply.text == t("engine.acknowledged", "ko", city="서울특별시")
    question = await say(client, "What is S-Net?", conversation=conversation)
    assert question.language == "en"  # a sentence in English still switches


# -- whether one must or may: a question, not a report --------------------------------------------
ENDINGS = ["치워야되나요", "치워야 하나요", "치워도 돼요?", "치워야돼?", "치워야 되는지 궁금해요"]


async def _whether_one_must_is_answered_with_the_report_button(city):
    for n, ending in enumerate(ENDINGS):
        reply = await say(
            city, f"가게앞 하수구 냄새나서 고무판 덮어놨는데 {ending}", conversation=f"must-{n}"
        )
        assert reply.sources and reply.sources[0].doc_id.endswith("rain-drain.md"), (ending, reply.text)
        assert any(button.payload == "/report" for button in reply.buttons)


async def _a_report_told_still_starts_the_report(city):
    reply = await say(city, "빗물받이 막혔어요 치워주세요", conversation="told")
    assert reply.intent == "report_complaint" and not reply.sources
    asked = await say(city, "막힌 빗물받이 신고하면 며칠만에 치워줘요", conversation="asked")
    assert asked.sources and asked.sources[0].doc_id.endswith("rain-drain.md") and "3일" in asked.text


# -- 기간 얼마 asks how long ----------------------------------------------------------------------
@given(
    st.sampled_from(["숙려기간", "대여 기간", "보관기간", "지원 기간", "공사하는 동안", "입주 기간"]),
    st.sampled_from(["", "은", "이", "는"]),
    st.sampled_from(["얼마에요", "얼마나 돼요", "얼마임?", " 얼마예요"]),
)
def test_a_period_asked_with_eolma_is_a_span_not_a_sum(period, particle, ending):
    detail = asked_detail(f"{period}{particle} {ending}")
    assert detail is not None and detail.kind == "duration"


@given(st.sampled_from(["이용료", "수수료", "대여료", "참가비"]), st.sampled_from(["얼마에요", " 얼마예요"]))
def test_a_charge_asked_with_eolma_is_still_a_sum(charge, ending):
    assert asked_detail(f"{charge} {ending}").kind == "price"


@given(
    st.sampled_from(["비용은", "검사비", "수리하는데", ""]),
    st.sampled_from(["얼마나 드나요", "얼마나 들어요?", "얼마나 듭니까", "얼마나 들까요"]),
)
def test_how_much_it_costs_with_eolmana_deulda_is_a_sum(subject, ending):
    """들다 is what a thing costs: "비용은 얼마나 드나요" asks a sum, as "얼마예요" does."""
    assert asked_detail(f"승강기 검사 {subject} {ending}").kind == "price"


@given(st.sampled_from(["얼마나 걸려요", "시간이 얼마나 들어요", "시간은 얼마나 드나요"]))
def test_how_long_it_takes_is_still_a_span(question):
    assert asked_detail(question).kind == "duration"


async def _a_waiting_period_is_answered_with_its_span(city):
    reply = await say(city, "애 없는 부부는 이혼 숙려기간 얼마에요", conversation="wait")
    assert reply.sources and reply.sources[0].doc_id.endswith("divorce-report.pdf"), reply.text
    assert "1개월" in reply.text


# -- paperwork named on an English page -----------------------------------------------------------
ENGLISH_PAGE = (
    "Bicycle registration\n\nRegister your bicycle at the district office. A sticker with a number "
    "is put on the frame, so a stolen bicycle can be traced. Registration is free."
)


@given(
    st.sampled_from(["bicycle", "bike"]),
    st.sampled_from(["How do I register my {}?", "Where can I register a {}?"]),
)
def test_an_english_page_that_registers_the_thing_answers(thing, template):
    assert unnamed_service(template.format(thing), ENGLISH_PAGE, lambda: ENGLISH_PAGE) is None


@given(st.sampled_from(["birth", "marriage", "dog"]))
def test_paperwork_the_english_page_lacks_is_still_named(thing):
    assert unnamed_service(f"How do I register a {thing}?", ENGLISH_PAGE, lambda: ENGLISH_PAGE) is not None


async def _registering_a_bicycle_is_answered_from_the_english_page(city):
    reply = await say(
        city, "How do I register my bicycle so it can be traced if it's stolen?", conversation="bike"
    )
    assert reply.sources and reply.sources[0].doc_id.endswith("bike-registration.md"), reply.text


# -- a big city's 2-syllable name standing alone --------------------------------------------------
SEOUL = ["서울특별시", "Seoul"]
TAILS = [" 버스 요금", " 지하철 몇시까지 해요", " 쓰레기 분리수거 어떻게 해", " 공공와이파이 있어?"]


@given(
    st.sampled_from(["도쿄", "뉴욕", "런던", "방콕", "홍콩", "로마", "뮌헨", "다낭"]), st.sampled_from(TAILS)
)
def test_a_big_citys_two_syllable_name_alone_is_another_place(city, tail):
    assert other_places_named(city + tail, SEOUL) == [city]


@given(st.sampled_from(["파리", "동경", "메카", "평양", "나라", "하마", "연대"]), st.sampled_from(TAILS))
def test_a_two_syllable_korean_word_alone_is_not(word, tail):
    """파리 (a fly), 동경 (longing), 평양냉면 ... are words first; with a particle they are still
    cities ("파리에서")."""
    assert not other_places_named(word + tail, SEOUL)


@pytest.mark.usefixtures("built_index")
async def test_tokyos_bus_fare_is_outside_the_city_bot(client):
    reply = await say(client, "도쿄 버스 요금 얼마에요", conversation="tokyo")
    assert reply.intent == "out_of_scope" and not reply.sources and not reply.related
    assert "범위 밖" in reply.text


# -- a procedure's deadline is not a report's status ------------------------------------------------
def _status_examples() -> list[str]:
    import yaml

    intents = Path(__file__).resolve().parent.parent / "intents" / "complaint_status.yaml"
    examples = yaml.safe_load(intents.read_text(encoding="utf-8"))["examples"]
    return examples["ko"] + examples["en"]


@given(st.sampled_from(_status_examples()))
def test_every_status_request_the_classifier_learnt_names_a_filed_report(example):
    """Only a message that names no filed report is searched: the classifier's own examples all
    name one, so none of them is taken for a question about a procedure."""
    assert _ABOUT_A_FILED_REPORT.search(example)


async def _when_a_filing_is_due_is_answered_and_a_status_request_is_not(city):
    reply = await say(city, "법원에서 협의이혼 확인받았는데 구청에 언제까지 신고해야돼요", conversation="due")
    assert reply.sources and reply.sources[0].doc_id.endswith("divorce-report.pdf"), reply.text
    assert "3개월" in reply.text
    status = await say(city, "신고한 거 처리됐나요?", conversation="status")
    assert status.intent == "complaint_status" and not status.sources


# One city per corpus (building one embeds its 22 documents): every check above runs on it.
@pytest.mark.usefixtures("built_index")
async def test_over_dev_extra22(make_city, tmp_path):
    city = await _city_over("dev_extra22", make_city, tmp_path)
    await _whether_one_must_is_answered_with_the_report_button(city)
    await _a_report_told_still_starts_the_report(city)
    await _registering_a_bicycle_is_answered_from_the_english_page(city)


@pytest.mark.usefixtures("built_index")
async def test_over_dev_extra23(make_city, tmp_path):
    city = await _city_over("dev_extra23", make_city, tmp_path)
    await _a_waiting_period_is_answered_with_its_span(city)
    await _when_a_filing_is_due_is_answered_and_a_status_request_is_not(city)


# -- a problem told with its place is a report ----------------------------------------------------
@pytest.mark.usefixtures("built_index")
@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.sampled_from(["강남역 11번 출구 앞에", "우리집 앞에", "놀이터 옆에", "버스 정류장 근처에"]),
    st.sampled_from(
        ["불법주차 차량 때문에 못지나가요", "불법주차 차 때문에 못 나가요", "포트홀이 크게 생겼어요"]
    ),
)
async def test_a_problem_told_with_its_place_starts_the_report(client, place, problem):
    """The probe's "강남역 11번 출구 앞에 불법주차 차량 때문에 못지나가요" was answered from the
    smart-parking page; "못지나가요" ends like a question ("가요"), but nothing is asked."""
    reply = await say(client, f"{place} {problem}", conversation=f"told-{place}{problem}")
    assert reply.intent == "report_complaint" and not reply.sources, reply.text


@pytest.mark.usefixtures("built_index")
async def test_the_same_problem_asked_about_is_answered(client):
    reply = await say(client, "우리집 앞에 불법주차 차 있으면 어떻게 해요?", conversation="asked-parking")
    assert reply.intent != "report_complaint" or reply.sources, reply.text


@pytest.mark.usefixtures("built_index")
@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(["민원신고 어케해요", "민원신고 어떻게 해요", "불편신고 하려면", "생활불편신고 방법"]))
async def test_reporting_named_as_one_word_is_answered(client, question):
    """ "민원신고" glued is reporting itself, not a procedure no page names (the probe's "민원신고
    어케해요" got "no document" while "민원 신고 어떻게 해요?" was answered)."""
    reply = await say(client, question, conversation=f"glued-{question}")
    assert reply.sources, reply.text
