"""Eighteenth pass, through the real engine: a newcomer's probe of the bundled Seoul pages. "무료"
before a noun names a free thing, not the price asked about; the bot says who it is when asked."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_honest_answers import say

from civicbot.detail import missing_detail
from civicbot.i18n import t
from civicbot.text import asks_who_the_bot_is, shared_tokenizer, without_service_medium

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


# -- a name with a question word glued to it; an app no page names ---------------------------------
@given(
    st.sampled_from(["스마트보안등", "에스넷", "열린데이터광장", "자가통신망"]),
    st.sampled_from(["이뭐에요", "이머에요", "이뭐야", "은뭐야", "이머야"]),
)
def test_a_question_word_glued_after_a_particle_leaves_the_name(name, glued):
    """ "스마트보안등이머에요" is tokenized as "스마트보안등이 뭐에요" is (머: chat's 뭐)."""
    tokens = shared_tokenizer().tokens(f"{name}{glued}")
    assert tokens == shared_tokenizer().tokens(f"{name}이 뭐에요")


@given(st.sampled_from(["타이머", "프로그래머", "스트리머"]))
def test_a_word_ending_in_meo_keeps_it(word):
    assert word in shared_tokenizer().tokens(word)


@pytest.mark.usefixtures("built_index")
@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(["스마트보안등이머에요", "스마트보안등이뭐에요", "안심이가뭐야"]))
async def test_a_name_glued_to_its_question_word_is_answered(client, question):
    """The probe's "스마트보안등이머에요" got "no document": the smart-safety page names it."""
    reply = await say(client, question, conversation=f"glued-{question}")
    assert reply.sources and reply.sources[0].doc_id.endswith("smart-safety.md"), reply.text


@pytest.mark.usefixtures("built_index")
async def test_an_app_no_page_names_is_said_to_be_missing_from_the_page_on_the_service(client):
    """The probe's "안심이 앱이 뭐야" got "no document": no page says "앱", which halved its lexical
    match with the smart-safety page that names 안심이. That page is related; it names no app."""
    reply = await say(client, "안심이 앱이 뭐야", conversation="ansimi-app")
    assert not reply.sources and reply.related, reply.text
    assert reply.related[0].doc_id.endswith("smart-safety.md")
    assert "안심이" in reply.text


@given(st.sampled_from(["앱", "앱이", "어플로", "app"]), st.booleans())
def test_the_medium_is_dropped_only_when_no_document_has_it(word, used):
    text = f"안심이 {word} 뭐야"
    kept = without_service_medium(text, lambda _: used)
    assert kept == text if used else kept == "안심이 뭐야"


# -- how to rent a thing the page names but never rents out ---------------------------------------
TRANSPORT_PAGE = (
    "스마트 교통\n서울시는 공공자전거 따릉이의 이용 편의를 높이고, 2019 스마트 모빌리티 엑스포를 열었습니다."
)
BIKE_PAGE = "따릉이\n따릉이는 대여소에서 앱으로 이용권을 사서 빌릴 수 있습니다."


@given(
    st.sampled_from(["따릉이", "공공자전거"]),
    st.sampled_from(["어케 빌려", "어떻게 빌려요?", "빌리는 방법", "대여 방법 알려줘", "빌리려면 어떻게 해"]),
)
def test_how_to_rent_over_a_page_that_never_rents_is_missing(thing, asked):
    missing = missing_detail(f"{thing} {asked}", TRANSPORT_PAGE, True)
    assert missing is not None and missing.kind == "amenity" and missing.subject == "renting"
    assert missing_detail(f"{thing} {asked}", BIKE_PAGE, True) is None


@given(st.sampled_from(["How do I rent a Ttareungyi bike?", "how to borrow a public bike"]))
def test_how_to_rent_in_english_is_missing_too(question):
    page = "Smart transport\nSeoul is making the Ttareungyi public bikes easier to use."
    missing = missing_detail(question, page, True)
    assert missing is not None and missing.subject == "renting"
    assert missing_detail(question, page + " Rent one at any station.", True) is None


@pytest.mark.usefixtures("built_index")
@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(["따릉이 어케 빌려", "따릉이 빌리는 방법", "How do I rent a Ttareungyi bike?"]))
async def test_renting_a_ttareungyi_is_not_answered_with_policy_text(client, question):
    """The probe's "따릉이 어케 빌려" quoted the smart-transport policy page as if it answered."""
    reply = await say(client, question, conversation=f"rent-{question}")
    assert not reply.sources, reply.text
    if reply.related:
        assert reply.related[0].doc_id.endswith("smart-transport.md")
        language = "en" if question.isascii() else "ko"
        assert t("engine.amenity_renting", language) in reply.text
