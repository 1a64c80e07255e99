"""Classes of question the fifteenth Q&A pass handles (README "The fifteenth pass"): how to propose
something that is not a poll ("How can citizens propose projects for the city budget?"), which the
documents answer, with the proposal button, instead of the proposal flow starting; where the asker
comes from ("I'm from Busan, studying in Seoul"), which is not the city asked about; a figure
asked for that the page states a little further from the question than the sentences quoted (the
reply now quotes it); a PDF line broken after a thousands separator ("5," / "000원"); the report
button only on answers about reporting or a fault; a sentence cut after "a.m."."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_honest_answers import say
from test_qa_fourteenth import _city_over

from civicbot.citations import names_other_place
from civicbot.detail import missing_detail, sentence_stating
from civicbot.dialogue import _NAMES_A_POLL
from civicbot.ingest.formats import join_broken_lines
from civicbot.text import split_sentences

# -- proposing something that is not a poll ------------------------------------------------------
POLL_WORDS = [
    "투표",
    "설문",
    "안건",
    "엠보팅",
    "시민 제안",
    "시민제안",
    "poll",
    "polls",
    "vote",
    "voting",
    "mVoting",
]
OTHER_THINGS = [
    "예산 사업",
    "동네 사업",
    "정책 아이디어",
    "projects for the city budget",
    "a bike lane",
    "an idea",
]


@given(st.sampled_from(POLL_WORDS), st.sampled_from(["어떻게 해요?", "하려면?", "how do I", "how can I"]))
def test_a_poll_named_in_any_form_keeps_the_proposal_flow(poll, how):
    assert _NAMES_A_POLL.search(f"{how} propose {poll}")
    assert _NAMES_A_POLL.search(f"{poll} 제안 {how}")


@given(st.sampled_from(OTHER_THINGS), st.sampled_from(["How can citizens propose", "How do I propose"]))
def test_other_things_proposed_are_not_polls(thing, how):
    assert not _NAMES_A_POLL.search(f"{how} {thing}?")
    assert not _NAMES_A_POLL.search(f"{thing} 제안하려면 어떻게 해요")


@pytest.mark.usefixtures("built_index")
@pytest.mark.parametrize(
    "question",
    [
        "How can citizens propose projects for the city budget?",
        "How do I propose a project for participatory budgeting?",
    ],
)
async def test_how_to_propose_a_project_is_answered_with_the_proposal_button(question, make_city, tmp_path):
    city = await _city_over("dev_extra3", make_city, tmp_path)
    reply = await say(city, question)
    assert reply.sources and reply.sources[0].doc_id.endswith("participatory-budget.html"), reply.text
    assert "/propose" in [button.payload for button in reply.buttons]


@pytest.mark.usefixtures("built_index")
async def test_a_project_proposal_the_classifier_takes_for_a_question_is_answered(make_city, tmp_path):
    city = await _city_over("dev_extra3", make_city, tmp_path)
    for n, question in enumerate(["동네 사업 제안하려면 어떻게 해요", "주민참여예산 어캐 제안함"]):
        reply = await say(city, question, f"c{n}")
        assert reply.sources and reply.sources[0].doc_id.endswith("participatory-budget.html"), reply.text
        assert "/propose" in [button.payload for button in reply.buttons]  # proposing is named


@pytest.mark.usefixtures("built_index")
@pytest.mark.parametrize("question", ["How do I propose a poll?", "투표 제안하려면 어떻게 해요?"])
async def test_how_to_propose_a_poll_still_starts_the_proposal(question, make_city, tmp_path):
    """Even over a corpus with a page on proposing budget projects, a poll named is the flow's."""
    city = await _city_over("dev_extra3", make_city, tmp_path)
    reply = await say(city, question)
    assert reply.intent == "propose" and not reply.sources, reply.text


# -- where the asker comes from is not what they ask about ----------------------------------------
SEOUL = {"서울", "Seoul"}
CITIES = [("부산", "Busan"), ("대구", "Daegu"), ("광주", "Gwangju"), ("도쿄", "Tokyo"), ("파리", "Paris")]
KO_ORIGINS = [
    "{city} 출신인데",
    "{city}에서 올라와서",
    "{city}에서 왔는데",
    "{city}에서 이사 왔는데",
    "고향이 {city}인데",
    "{city} 토박이인데",
    "{city}서 왔는데",
    "{city}에서 서울로 이사왔는데",
    "{city}에서 태어났는데",
    "본가가 {city}인데",
    "{city}에서 놀러왔는데",  # a visitor (sixteenth pass)
    "{city}에서 여행 온 사람인데",
    "{city}에서 출장 왔어요",
]
EN_ORIGINS = [
    "I'm from {city}",
    "i am from {city}",
    "im from {lower}",
    "We moved here from {city}",
    "I was born in {city}",
    "I'm a student from {city}",
    "I moved to Seoul from {city}",
    "My hometown is {city}",
    "Born and raised in {city}",
    "I'm visiting from {city}",  # a visitor (sixteenth pass)
    "Here on holiday from {city}",
    "travelling from {city}",
]
KO_ASKED = ["서울에서 대학 다니는데 어르신 집 방 구할 수 있나요", "따릉이 정기권 어떻게 사요"]
EN_ASKED = ["studying in Seoul. Can I rent a cheap room?", "how do I get a library card here?"]


@given(st.sampled_from(CITIES), st.sampled_from(KO_ORIGINS), st.sampled_from(KO_ASKED))
def test_a_korean_origin_is_not_the_place_asked_about(city, origin, asked):
    question = f"{origin.format(city=city[0])} {asked}"
    assert not names_other_place(question, SEOUL), question
    # Living there now, or the place named again, is still another city's question.
    assert names_other_place(f"{city[0]}에 사는데 {asked}", SEOUL)
    assert names_other_place(f"{question} {city[0]}에서도 돼요?", SEOUL)


@given(st.sampled_from(CITIES), st.sampled_from(EN_ORIGINS), st.sampled_from(EN_ASKED))
def test_an_english_origin_is_not_the_place_asked_about(city, origin, asked):
    question = f"{origin.format(city=city[1], lower=city[1].lower())}, {asked}"
    assert not names_other_place(question, SEOUL), question
    assert names_other_place(f"I live in {city[1]}, {asked}", SEOUL)
    assert names_other_place(f"{question} Does it work in {city[1]} too?", SEOUL)


@pytest.mark.usefixtures("built_index")
@pytest.mark.parametrize(
    "question",
    [
        "I'm from Busan, studying in Seoul. Can I rent a room cheaply from an older homeowner?",
        "부산에서 올라와서 서울에서 대학 다니는데 어르신 집 방 싸게 구할 수 있나요",
    ],
)
async def test_a_student_from_another_city_is_answered(question, make_city, tmp_path):
    city = await _city_over("dev_extra14", make_city, tmp_path)
    reply = await say(city, question)
    assert reply.sources and reply.sources[0].doc_id.endswith("home-share.docx"), reply.text


# -- the figure asked for is quoted ---------------------------------------------------------------
DESCRIBING = [
    "구민회관에는 객석 520석의 대공연장이 있습니다.",
    "체험 프로그램은 다도, 한지공예, 전통놀이 가운데 고를 수 있습니다.",
    "센터는 중학생과 고등학생이 여러 직업을 해 보는 곳입니다.",
]
FIGURES = {
    "price": ("{thing} 얼마예요?", "이용료는 1회 {n},000원입니다."),
    "time": ("{thing} 몇 시에 열어요?", "평일 오전 {h}시부터 문을 엽니다."),
    "phone": ("{thing} 전화번호 알려줘", "문의: 02-2133-{n:04d}"),
}


@given(
    st.sampled_from(sorted(FIGURES)),
    st.sampled_from(["대공연장 대관", "다도 체험", "직업체험센터"]),
    st.integers(1, 99),
    st.integers(7, 11),
    st.sampled_from(DESCRIBING),
)
def test_the_sentence_with_the_figure_asked_for_is_quoted(kind, thing, n, h, describing):
    asked, stated = FIGURES[kind]
    question, figure = asked.format(thing=thing), stated.format(n=n, h=h)
    others = [s for s in DESCRIBING if s != describing]
    assert sentence_stating(question, [describing], [*others, figure]) == figure
    # Already quoted, or not asked for: nothing changes.
    assert sentence_stating(question, [describing, figure], [*others, figure]) is None
    assert sentence_stating(f"{thing} 어떤 거예요?", [describing], [*others, figure]) is None
    # The page never states it: nothing to quote (missing_detail says so instead).
    assert sentence_stating(question, [describing], others) is None


@given(
    st.integers(1, 999),
    st.integers(0, 999),
    st.sampled_from(["원입니다.", "원까지 지원합니다.", "명입니다."]),
)
def test_a_figure_broken_after_its_thousands_separator_is_joined(head, group, rest):
    page = f"참가비는 한 번에 {head},\n{group:03d}{rest}"
    assert join_broken_lines(page) == [f"참가비는 한 번에 {head},{group:03d}{rest}"]
    # A comma between two figures of a list ("1, 2학년") is not a thousands separator.
    assert join_broken_lines(f"대상은 {head},\n2학년입니다.") == [f"대상은 {head}, 2학년입니다."]


@pytest.mark.usefixtures("built_index")
async def test_a_fee_on_the_page_is_quoted_not_only_the_description(make_city, tmp_path):
    city = await _city_over("dev_extra14", make_city, tmp_path)
    hall = await say(city, "구민회관 큰 공연장 빌리는데 얼마")
    assert hall.sources and hall.sources[0].doc_id.endswith("hall-rental.docx"), hall.text
    assert "400,000원" in hall.text
    # A hall's fee is no problem to report: no report button (the classifier gave "a report" 0.26).
    assert "/report" not in [button.payload for button in hall.buttons]
    fault = await say(city, "드라이기 고장났는데 고쳐주는데 있나요", "c3")
    assert fault.sources and "/report" in [button.payload for button in fault.buttons], fault.text
    career = await say(city, "직업체험센터 방학때 개인 참가비", "c2")
    assert career.sources and "5,000원" in career.text, career.text


@pytest.mark.usefixtures("built_index")
@pytest.mark.parametrize(
    "question",
    [
        "공공와이파이 고장 신고는 어떻게 해요?",
        "CCTV가 작동 안 하는 것 같아요 어디에 알려요?",
        "포트홀 신고는 어떻게 해요?",
    ],
)
async def test_a_fault_or_the_reporting_page_keeps_the_report_button(question, client):
    reply = await say(client, question)
    assert reply.sources and "/report" in [button.payload for button in reply.buttons], reply.text


# -- a.m. and p.m. end no sentence -----------------------------------------------------------------
@given(st.integers(1, 11), st.integers(1, 11), st.sampled_from(["a.m.", "p.m.", "A.M.", "P.M."]))
def test_a_time_of_day_does_not_end_a_sentence(start, end, marker):
    sentence = f"Sessions start every hour from {start} {marker} to {end} p.m. on weekdays."
    assert split_sentences(f"{sentence} Book online.") == [sentence, "Book online."]
    assert split_sentences("Bring e.g. a towel. Then swim.") == ["Bring e.g. a towel.", "Then swim."]


# -- a phone number asked by naming it last ---------------------------------------------------------
@given(
    st.sampled_from(["공공 반려동물 추모관", "부모학교", "일자리카페", "센터"]),
    st.sampled_from(["전화번호", "전화 번호", "연락처", "연락처요", "전화번호?"]),
)
def test_a_phone_number_named_last_is_asked(place, asked):
    question = f"{place} {asked}"
    page = f"{place} 안내. 평일 오전 9시부터 오후 6시까지 운영합니다."
    assert missing_detail(question, page, True).kind == "phone"
    assert missing_detail(question, page + " 예약 전화는 02-2133-7690입니다.", True) is None
    # Named in passing, it is not asked for.
    assert missing_detail(f"{asked} 바꾸면 {place}에 알려야 돼요?", page, True) is None
