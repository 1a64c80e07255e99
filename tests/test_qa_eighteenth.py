"""Eighteenth pass, through the real engine: a newcomer's probe of the bundled Seoul pages. "무료"
before a noun names a free thing, not the price asked about; the bot says who it is when asked."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_honest_answers import say

from civicbot.detail import missing_detail
from civicbot.i18n import t
from civicbot.text import asks_who_the_bot_is

# -- "무료 X" is X's price, not any price ---------------------------------------------------------
WIFI_PAGE = (
    "버스 무료 공공 와이파이\n서울시는 시내버스와 마을버스에 무료 공공 와이파이(Wi-Fi)를 설치하고 있습니다. "
    "마을버스 1,499대에도 무료 공공 와이파이가 설치됐습니다."
)
WIFI_PAGE_EN = "Free public Wi-Fi on buses\nSeoul is installing free public Wi-Fi on its city buses."


@given(
    st.sampled_from(["버스", "마을버스", "시내버스", "지하철", "광역버스"]),
    st.sampled_from(
        ["요금 얼마에요", "요금 얼마야?", "요금은 얼마예요", "타는데 얼마", "비용 얼마나 들어요"]
    ),
)
def test_a_free_thing_is_no_price_of_another(thing, asked):
    missing = missing_detail(f"{thing} {asked}", WIFI_PAGE, True)
    assert missing is not None and missing.kind == "price"


@given(
    st.sampled_from(["버스 와이파이", "공공와이파이", "와이파이", "버스 공공 와이파이"]),
    st.sampled_from(["요금 얼마에요", "이용료 얼마야?", "쓰는데 얼마", "비용 얼마나 들어요"]),
)
def test_the_free_thing_asked_about_is_free(thing, asked):
    assert missing_detail(f"{thing} {asked}", WIFI_PAGE, True) is None


@given(st.sampled_from(["How much is the bus fare?", "how much does a bus ticket cost"]))
def test_a_free_thing_in_english_is_no_price_of_another(question):
    missing = missing_detail(question, WIFI_PAGE_EN, True)
    assert missing is not None and missing.kind == "price"


@given(st.sampled_from(["how much does bus wifi cost", "How much is the public Wi-Fi?"]))
def test_the_free_thing_asked_about_in_english_is_free(question):
    assert missing_detail(question, WIFI_PAGE_EN, True) is None


def test_free_said_of_the_service_still_answers():
    """ "무료로", "무료입니다": the page says the service itself is free, which answers "얼마"."""
    page = "치매 조기검진\n만 60세 이상 서울 시민은 치매 조기검진을 무료로 받을 수 있습니다."
    assert missing_detail("치매검사 얼마에요", page, True) is None
    assert (
        missing_detail(
            "치매 검사 비용 얼마나 들어요", page.replace("무료로 받을", "받을 수 있으며 무료입니다"), True
        )
        is None
    )


@pytest.mark.usefixtures("built_index")
@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.sampled_from(
        ["버스 요금 얼마에요", "버스 요금 얼마야", "마을버스 요금 얼마예요", "How much is the bus fare?"]
    )
)
async def test_the_bus_fare_is_not_answered_with_free_wifi(client, question):
    """The probe's "버스 요금 얼마에요" quoted the bus Wi-Fi page: its "무료" was taken for the fare."""
    reply = await say(client, question, conversation=f"fare-{question}")
    assert not reply.sources, reply.text
    if reply.related:  # the Wi-Fi page is related at most, with "the document does not say"
        assert reply.related[0].doc_id.endswith("public-wifi-buses.md")
        language = "en" if question.isascii() else "ko"
        what = t("engine.detail_price", language)
        assert what in reply.text


@pytest.mark.usefixtures("built_index")
async def test_the_bus_wifis_price_is_still_answered(client):
    reply = await say(client, "버스 와이파이 요금 얼마에요", conversation="wifi-fare")
    assert reply.sources and reply.sources[0].doc_id.endswith("public-wifi-buses.md")
    assert "무료" in reply.text


# -- who the bot is --------------------------------------------------------------------------------
YOU = st.sampled_from(["", "너 ", "넌 ", "너는 ", "당신은 ", "챗봇아 "])
WHO = st.sampled_from(
    [
        "누구야",
        "누구니",
        "누구세요",
        "누구예요",
        "뭐하는 봇이야",
        "뭐 하는 봇이에요",
        "무슨 봇이야",
        "정체가 뭐야",
    ]
)
DECORATION = st.sampled_from(["", "?", "??", "!", " ㅋㅋ", " 🤖", "~"])
ENGLISH_WHO = [
    "who are you",
    "Who are you?",
    "what are you",
    "what is this bot",
    "are you a bot?",
    "introduce yourself",
]


@given(YOU, WHO, DECORATION)
def test_asking_the_bot_who_it_is_is_recognised(you, who, decoration):
    assert asks_who_the_bot_is(f"{you}{who}{decoration}")


@given(st.sampled_from(ENGLISH_WHO), DECORATION)
def test_asking_in_english_is_recognised(question, decoration):
    assert asks_who_the_bot_is(question + decoration)


@given(
    st.sampled_from(
        [
            "뭐야",
            "뭐하는 거야",
            "에스넷이 뭐야",
            "너 에스넷 알아?",
            "누구한테 신고해요",
            "정보통신보안담당관은 누구야",
            "who is the mayor?",
            "what are you doing about potholes",
            "뭐 할 수 있어?",
            "따릉이 뭐야",
        ]
    )
)
def test_other_questions_are_not(question):
    """A bare "뭐야" asks about the last reply; a question about anything else names it."""
    assert not asks_who_the_bot_is(question)


@pytest.mark.usefixtures("built_index")
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(["너 누구야", "넌 뭐하는 봇이야", "who are you", "누구세요?", "what is this bot?"]))
async def test_the_bot_introduces_itself_with_the_help(client, question):
    """The probe's "너 누구야", "넌 뭐하는 봇이야" and "who are you" got "no document yet"."""
    reply = await say(client, question, conversation=f"who-{question}")
    language = "en" if question.isascii() else "ko"
    city = "Seoul" if language == "en" else "서울특별시"
    assert reply.intent == "help" and not reply.sources and not reply.related
    assert reply.text.startswith(t("engine.introduction", language, city=city))
    assert "/report" in reply.text and "/polls" in reply.text  # then what it does: the help
