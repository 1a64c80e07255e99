"""Twenty-third pass, the conversation engine, through the real app.

1. "I want to report" had two recognisers (the classifier's and the dialogue's), each missing what
   the other knew: "제보합니다" was called out of scope, "포트홀 제보합니다" and "I'd like to report"
   were answered from the page on how to report. Now one (civicbot.intents.WISH_TO_REPORT).
2. How busy a place is ("공원에 사람이 너무 많아요", "the park is crowded") started a report.
3. After the CCTV centre's answer, "CCTV 안전센터는 어디 있어요?" quoted its 16th floor, not 상암동
   which the page states; "운영 시간은?" quoted "2019년 11월부터 운영" (since when, not the hours,
   which the page does not give).
"""

from __future__ import annotations

import uuid

import pytest
from conftest import say
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from civicbot import dialogue as dialogue_module
from civicbot import intents as intents_module
from civicbot import keys
from civicbot.detail import asked_detail, sentence_stating
from civicbot.dialogue import Reply, announces_report, only_a_crowd
from civicbot.follow_up import names_nothing_else
from civicbot.i18n import t
from civicbot.intents import WISH_TO_REPORT, wants_to_report

pytestmark = pytest.mark.usefixtures("built_index")
ENGINE_RUNS = settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def fresh() -> str:
    """A new conversation: Hypothesis repeats examples, and a report started in one would wait."""
    return uuid.uuid4().hex


def started_a_report(reply: Reply) -> bool:
    return reply.intent == "report_complaint" and not reply.sources and not reply.related


def about(reply: Reply) -> list[str]:
    return [s.doc_id for s in reply.sources or reply.related]


# -- 1: one recogniser of a wish to report -------------------------------------------------------
KO_OBJECTS = st.sampled_from(["신고", "민원", "제보", "불편 신고", "민원 신고", "신고 접수"])
KO_PARTICLES = st.sampled_from(["", " ", "을 ", "를 "]).filter(bool) | st.just("")
KO_SOFTENERS = st.sampled_from(["", "좀 "])
KO_WISHES = st.sampled_from(
    [
        "하고 싶어요",
        "하고싶습니다",
        "하고 싶은데요",
        "할게요",
        "할께요",
        "할래요",
        "하려고요",
        "하려구요",
        "하려는데요",
        "합니다",
        "드립니다",
        "드려요",
        "하겠습니다",
        "하러 왔어요",
        "할 게 있어요",
        "할 거 있어요",
    ]
)
KO_PUT_IN = st.sampled_from(["넣으려고요", "넣고 싶어요", "넣을게요", "넣을래요", "넣습니다"])
EN_WISHES = st.builds(
    "{}{} {}".format,
    st.sampled_from(["I ", "", "i "]),
    st.sampled_from(["want to", "wanna", "would like to", "'d like to", "need to", "wish to"]),
    st.sampled_from(["report", "report a problem", "file a complaint", "make a complaint", "lodge a report"]),
).map(lambda text: text.replace("I 'd", "I'd").replace("i 'd", "i'd").strip())
EN_REPORTING = st.sampled_from(["I'm reporting a problem", "I am reporting something", "I'm here to report"])


def korean_wish(obj: str, particle: str, softener: str, ending: str) -> str:
    """신고 + (을/를) + (좀) + ending: "민원을 좀 넣으려고요"; a particle only on a bare object."""
    return f"{obj}{particle if obj in ('신고', '민원', '제보') else ' '}{softener}{ending}"


WISHES = st.one_of(
    st.builds(korean_wish, KO_OBJECTS, KO_PARTICLES, KO_SOFTENERS, KO_WISHES),
    st.builds(korean_wish, st.just("민원"), KO_PARTICLES, KO_SOFTENERS, KO_PUT_IN),
    EN_WISHES,
    EN_REPORTING,
)
# Questions about reporting: the page on how to report answers them, with the report button.
LOOKALIKES = st.sampled_from(
    [
        "신고 방법이 뭐예요?",
        "신고하려면 어떻게 해요?",
        "신고는 어디서 해요?",
        "민원 넣는 방법 알려줘",
        "신고해야 하나요?",
        "how do I report?",
        "How do I report a problem?",
        "where can I report a problem?",
        "how to file a complaint",
    ]
)
# A wish denied is no wish to report.
DENIED = st.sampled_from(
    [
        "신고하고 싶지 않아요",
        "신고하고 싶진 않은데요",
        "민원 넣고 싶지는 않아요",
        "I don't want to report anything",
        "I do not want to file a complaint",
        "I never wanted to report it",
    ]
)


def test_the_wish_to_report_is_recognised_in_one_place():
    """The dialogue reads the classifier's recogniser; it keeps none of its own."""
    assert dialogue_module.WISH_TO_REPORT is intents_module.WISH_TO_REPORT
    assert not hasattr(dialogue_module, "_ANNOUNCES_REPORT")
    assert not hasattr(intents_module, "_WISH_TO_REPORT")


@given(WISHES)
def test_a_wish_to_report_is_recognised_in_korean_and_english(text):
    assert WISH_TO_REPORT.search(text), text
    assert wants_to_report(text) and announces_report(text), text


@given(st.one_of(LOOKALIKES, DENIED))
def test_a_question_about_reporting_or_a_wish_denied_is_no_wish_to_report(text):
    assert not WISH_TO_REPORT.search(text), text
    assert not wants_to_report(text) and not announces_report(text), text


@ENGINE_RUNS
@given(WISHES)
async def test_a_wish_to_report_starts_the_report(client, text):
    reply = await say(client, text, fresh())
    assert started_a_report(reply), (text, reply.intent, reply.text)


@pytest.mark.parametrize(
    "text", ["제보합니다", "I'd like to report", "포트홀 제보합니다", "신고할 게 있어요"]
)
async def test_the_probes_wishes_start_the_report(client, text):
    """Each was missed by one of the two recognisers before (out of scope, or the how-to page)."""
    reply = await say(client, text, fresh())
    assert started_a_report(reply), reply.text


@ENGINE_RUNS
@given(LOOKALIKES)
async def test_a_question_about_reporting_is_answered_with_the_report_button(client, text):
    reply = await say(client, text, fresh())
    assert not started_a_report(reply), reply.text
    assert "/report" in [b.payload for b in reply.buttons], reply.text


# -- 2: a crowd is no report ---------------------------------------------------------------------
PLACES = st.sampled_from(
    ["공원에", "한강공원에", "지하철에", "주말에 공원", "명동에", "버스에", "놀이터에", ""]
)
PEOPLE = st.sampled_from(["사람이", "사람", "사람들이", "관광객이", "인파가", "손님이", "애들이"])
HOW_MANY = st.sampled_from(
    ["너무 많아요", "엄청 많네요", "진짜 많아요", "많네", "많다", "넘 많음", "왜 이렇게 많아", "되게 많더라"]
)
BUSY = st.sampled_from(["너무 붐벼요", "엄청 붐비네요", "북적거려요", "미어터져요", "발 디딜 틈이 없어요"])
EN_PLACES = st.sampled_from(["the park", "the subway", "Myeongdong", "the bus", "the Han river park"])
EN_BUSY = st.sampled_from(["is crowded", "is so busy", "is packed", "is way too crowded", "is always busy"])
CROWDS = st.one_of(
    st.builds("{} {} {}".format, PLACES, PEOPLE, HOW_MANY).map(str.strip),
    st.builds("{} {}".format, PLACES, BUSY).map(str.strip),
    st.builds("{} {}".format, EN_PLACES, EN_BUSY),
    st.builds("so many {} in {}".format, st.sampled_from(["people", "tourists"]), EN_PLACES),
)
# What a crowd brings that the city does fix: rubbish, noise, a thing broken.
FAULTS = st.sampled_from(
    [
        "쓰레기가 넘쳐요",
        "쓰레기가 많아요",
        "시끄러워요",
        "벤치가 부서졌어요",
        "화장실이 고장났어요",
        "쓰레기통 좀 치워주세요",
    ]
)


@given(CROWDS)
def test_a_crowd_alone_is_only_a_crowd(text):
    assert only_a_crowd(text), text


@given(st.builds("{} {} {}".format, PLACES, PEOPLE, st.sampled_from(["많아서", "너무 많아서"])), FAULTS)
def test_a_crowd_with_a_fault_is_more_than_a_crowd(crowd, fault):
    assert not only_a_crowd(f"{crowd} {fault}".strip())


@pytest.mark.parametrize(
    "text",
    [
        "사람 많이 다니는 곳에 가로등이 없어요",  # how busy the place is, said of where the fault is
        "사람이 많은 곳에 쓰레기통이 없어요",
        "There is a pothole on a busy road",
        "붐비는 길에 포트홀이 생겼어요",
    ],
)
def test_a_busy_place_described_is_not_a_crowd_told(text):
    assert not only_a_crowd(text)


@ENGINE_RUNS
@given(CROWDS)
async def test_a_crowd_told_starts_no_report(client, text):
    """The normal reply: a page's answer or "no document" (which names reporting), not the report."""
    reply = await say(client, text, fresh())
    assert not started_a_report(reply), (text, reply.text)


@pytest.mark.parametrize(
    "text", ["공원에 사람이 너무 많아요", "the park is crowded", "the subway is so busy"]
)
async def test_the_probes_crowds_get_the_no_document_reply(client, text):
    reply = await say(client, text, fresh())
    language = "en" if text.isascii() else "ko"
    city = client.app[keys.ENGINE].engine.dialogue.city_names[language]
    assert reply.text == t("engine.no_document", language, city=city), reply.text
    assert "/report" in [b.payload for b in reply.buttons]


@ENGINE_RUNS
@given(st.sampled_from(["사람이 많아서 쓰레기가 넘쳐요", "공원에 사람이 많아서 쓰레기가 넘쳐요"]))
async def test_a_crowd_with_overflowing_rubbish_is_still_a_report(client, text):
    reply = await say(client, text, fresh())
    assert started_a_report(reply), reply.text


# -- 3: the sentence quoted for a place or a time ------------------------------------------------
CCTV_KO, CCTV_EN = "ko/cctv-safety-center.md", "en/cctv-safety-center.md"
WHERE_KO = st.sampled_from(
    [
        "CCTV 안전센터는 어디 있어요?",
        "CCTV 안전센터 어디에 있어요?",
        "안전센터 위치 어디야?",
        "CCTV 안전센터 어딨어요",
        "스마트서울 CCTV 안전센터는 어디에 있나요?",
    ]
)
# Asked first, so that the follow-ups are about the CCTV centre's page. "서울시 CCTV 통합관제는
# 뭐예요?" is as close to the smart-safety page, which also names the integrated control; the ONNX
# Runtime engine's vectors (twenty-third pass) tipped that near tie the other way.
OPENS_THE_CCTV_PAGE = "스마트서울 CCTV 안전센터는 뭐예요?"
HOURS_KO = st.sampled_from(
    ["운영 시간은?", "운영시간은요?", "이용 시간은?", "운영 시간 알려줘", "관람 시간은?"]
)
HOURS_EN = st.sampled_from(["opening hours?", "What are the opening hours?", "hours?", "operating hours?"])


@ENGINE_RUNS
@given(WHERE_KO)
async def test_where_the_cctv_centre_is_quotes_the_sentence_that_says_so(client, question):
    conversation = fresh()
    first = await say(client, OPENS_THE_CCTV_PAGE, conversation)
    assert about(first)[:1] == [CCTV_KO]
    reply = await say(client, question, conversation)
    assert about(reply)[:1] == [CCTV_KO], reply.text
    assert "상암동" in reply.text.split("\n\n")[0], reply.text


async def test_where_the_cctv_centre_is_in_english_says_sangam_dong(client):
    conversation = fresh()
    await say(client, "What is Seoul's integrated CCTV control?", conversation)
    reply = await say(client, "where is the CCTV safety center?", conversation)
    assert about(reply)[:1] == [CCTV_EN]
    assert "Sangam-dong" in reply.text.split("\n\n")[0], reply.text


@ENGINE_RUNS
@given(st.one_of(HOURS_KO, HOURS_EN))
async def test_the_hours_asked_after_the_cctv_answer_are_said_to_be_missing(client, follow_up):
    """The page gives no hours: the reply says so, about the CCTV page, rather than quoting
    "2019년 11월부터 운영" as if it were the hours, or the 120 centre's "24시간"."""
    language = "en" if follow_up.isascii() else "ko"
    conversation = fresh()
    first = "What is Seoul's integrated CCTV control?" if language == "en" else OPENS_THE_CCTV_PAGE
    await say(client, first, conversation)
    reply = await say(client, follow_up, conversation)
    assert not reply.sources and [s.doc_id for s in reply.related][:1] == [
        f"{language}/cctv-safety-center.md"
    ], (
        follow_up,
        reply.text,
    )
    title = reply.related[0].title
    what = t("engine.detail_time", language, subject="")
    assert reply.text.startswith(t("engine.detail_missing", language, title=title, what=what)), reply.text


async def test_hours_a_page_states_are_quoted(client):
    reply = await say(client, "120 다산콜센터 운영 시간은?", fresh())
    assert about(reply)[:1] == ["ko/dasan-120.md"] and reply.sources
    assert "24시간" in reply.text


@given(HOURS_KO | HOURS_EN)
def test_the_hours_asked_are_a_clock_time_and_name_nothing_else(question):
    detail = asked_detail(question)
    assert detail is not None and detail.kind == "time", question
    assert names_nothing_else(question), question  # a follow-up on the last answer's page


FACILITIES = st.sampled_from(
    ["안전센터", "치매안심센터", "수유실", "도서관", "보건소", "쉼터", "체육관", "주차장"]
)


def topic(noun: str) -> str:
    """The noun with its topic particle: 은 after a final consonant, else 는."""
    return noun + ("은" if (ord(noun[-1]) - 0xAC00) % 28 else "는")


NEIGHBOURHOODS = st.sampled_from(["상암동", "역삼동", "신림동", "마포구", "강남구"])
BUILDINGS = st.sampled_from(["메스플렉스센터", "구청 별관", "주민센터 2층", "복지관"])


@given(
    FACILITIES,
    NEIGHBOURHOODS,
    BUILDINGS,
    st.sampled_from(["있으며", "있습니다", "위치해 있어요", "마련돼 있어요"]),
)
def test_the_sentence_saying_where_a_facility_is_is_quoted(facility, area, building, verb):
    """Among sentences with a place's shape (districts counted, a floor holding a room), the one
    that says where the facility is answers "어디 있어요?", whatever its rank."""
    located = f"{topic(facility)} {area} {building}에 {verb}."
    quoted = [
        f"{topic(facility)} 서울 25개 모든 자치구의 자료를 함께 쓰는 시설입니다.",
        f"{facility} 16층에는 체험실이 마련돼 있습니다.",
    ]
    assert sentence_stating(f"{topic(facility)} 어디 있어요?", quoted, [*quoted, located]) == located
    assert sentence_stating(f"{facility} 위치 어디야?", [located, *quoted], quoted) is None  # quoted already
