"""Follow-up questions (civicbot/follow_up.py): a message that refers back to the last answer, or
that nothing answers alone, is asked again about the document that answered last — in the real
engine, over the bundled Seoul knowledge, through /api/chat and the Dialogue."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from civicbot import keys
from civicbot.dialogue import Incoming
from civicbot.follow_up import (
    ELLIPSIS_WORDS,
    TOPIC_TURNS,
    Topic,
    foreign_words,
    refers_back,
    word_count,
    worth_asking_again,
)

pytestmark = pytest.mark.usefixtures("built_index")

PARKS = "ko/public-wifi-parks.md"


async def say(client, text: str, conversation: str = "c1"):
    engine = client.app[keys.ENGINE].engine
    return await engine.dialogue.handle(Incoming(channel="api", conversation_id=conversation, text=text))


def about(reply) -> list[str]:
    """The documents a reply is about: its sources, else its related pages."""
    return [s.doc_id for s in reply.sources or reply.related]


async def test_a_count_asked_after_an_answer_is_answered_from_that_document(client):
    alone = await say(client, "몇군데야?", conversation="fresh")
    assert not alone.sources  # alone, nothing says what is counted
    first = await say(client, "서울 공원 와이파이 있어?")
    assert about(first)[:1] == [PARKS]
    follow = await say(client, "몇군데야?")
    assert follow.sources and follow.sources[0].doc_id == PARKS
    assert "24곳" in follow.text


async def test_an_english_follow_up_for_a_count_is_answered_about_the_page(client):
    alone = await say(client, "how many?", conversation="en-alone")
    assert not alone.sources and not alone.related
    await say(client, "Do Seoul buses have free Wi-Fi?", conversation="en")
    reply = await say(client, "how many?", conversation="en")
    assert about(reply) == ["en/public-wifi-buses.md"] and "6,000" in reply.text


async def test_a_follow_up_on_a_missing_detail_keeps_the_topic(client):
    await say(client, "버스 와이파이 공짜야?", conversation="bus")
    speed = await say(client, "속도는 얼마나 빨라?", conversation="bus")
    password = await say(client, "비번 뭐야", conversation="bus")
    for reply in (speed, password):
        assert not reply.sources and about(reply) == ["ko/public-wifi-buses.md"]


@pytest.mark.parametrize(
    "message, intent",
    [
        ("로또 번호 알려줘", "out_of_scope"),  # out of scope alone: not a question about the page
        ("축구 누가 이겼어", "out_of_scope"),  # a subject of its own, no detail of the page asked
        ("노래 추천해줘", "out_of_scope"),
        ("그럼 짜장면 맛집 알려줘", "out_of_scope"),  # points back, but names two things the page lacks
        ("what about a pasta recipe?", "out_of_scope"),
        ("부산은?", "out_of_scope"),  # another city stays another city
        ("내일 날씨 어때?", "out_of_scope"),
        ("고마워", "thanks"),
        ("ㅋㅋㅋ", "out_of_scope"),
    ],
)
async def test_what_is_not_a_follow_up_is_answered_as_before(client, message, intent):
    await say(client, "120 다산콜센터 뭐야", conversation="x")
    reply = await say(client, message, conversation="x")
    alone = await say(client, message, conversation=f"alone-{message}")
    assert reply.intent == intent == alone.intent
    assert not reply.sources and not reply.related and not alone.sources


@pytest.mark.parametrize(
    "first, then",
    [
        ("에스넷이 뭐야", "그럼 엠보팅은 뭐야?"),  # the probe's first version pulled these back
        ("Is there free Wi-Fi in Seoul parks?", "what about the 120 call center?"),
        ("버스 와이파이 몇 대에 깔렸어", "그럼 에스넷은 얼마야?"),
    ],
)
async def test_a_new_subject_after_an_answer_is_answered_as_it_is_alone(client, first, then):
    await say(client, first, conversation="turn")
    reply = await say(client, then, conversation="turn")
    alone = await say(client, then, conversation=f"alone-{then}")
    assert about(reply) == about(alone) and about(reply)


async def test_a_question_that_names_its_own_subject_is_not_pulled_back(client):
    await say(client, "스마트서울 CCTV 안전센터가 뭐야", conversation="own")
    reply = await say(client, "Is it free to use the bus Wi-Fi?", conversation="own")
    assert reply.sources and reply.sources[0].doc_id == "en/public-wifi-buses.md"


async def test_the_topic_runs_out_and_a_flow_clears_it(client):
    await say(client, "서울 공원 와이파이 있어?", conversation="late")
    for _ in range(TOPIC_TURNS):
        await say(client, "안녕하세요", conversation="late")
    assert not (await say(client, "몇군데야?", conversation="late")).sources
    await say(client, "서울 공원 와이파이 있어?", conversation="flow")
    await say(client, "가로등이 고장났어요", conversation="flow")  # starts a report
    await say(client, "취소", conversation="flow")
    assert not (await say(client, "몇군데야?", conversation="flow")).sources


async def test_the_conversation_keeps_the_document_and_turn_only(client):
    await say(client, "서울 공원 와이파이 있어?", conversation="kept")
    store = client.app[keys.ENGINE].engine.dialogue.store
    state = (await store.load("api:kept"))["state"]
    assert state["topic"] == {"doc": PARKS, "turn": 1}


async def test_a_follow_up_over_http(client):
    first = await client.post("/api/chat", json={"text": "서울 공원 와이파이 있어?"})
    assert first.status == 200
    conversation = (await first.json())["conversation_id"]  # the widget sends it back each turn
    second = await client.post("/api/chat", json={"conversation_id": conversation, "text": "몇 군데야?"})
    body = await second.json()
    assert second.status == 200
    assert [s["doc_id"] for s in body["sources"]][:1] == [PARKS]
    assert "24곳" in body["text"]


@given(st.text(max_size=5), st.integers(min_value=1, max_value=10_000))
def test_a_topic_survives_its_state_and_runs_out_after_its_turns(doc_id, turn):
    topic = Topic(doc_id, turn)
    assert Topic.from_state(topic.as_state()) == topic
    assert not topic.current(turn) and topic.current(turn + 1) and topic.current(turn + TOPIC_TURNS)
    assert not topic.current(turn + TOPIC_TURNS + 1)


@given(st.one_of(st.none(), st.integers(), st.text(), st.dictionaries(st.text(), st.text())))
def test_a_torn_or_old_state_has_no_topic(value):
    assert Topic.from_state(value) is None


POINTERS = st.sampled_from(
    ["그거", "거기", "그럼", "이거", "그게", "it", "there", "them", "What about", "how about"]
)
ON_THE_PAGE = st.sampled_from(["요금", "버스", "와이파이", "free", "bus", "Wi-Fi"])
PAGE = "버스 무료 공공 와이파이 요금 Free public Wi-Fi on buses"


@given(POINTERS, st.lists(ON_THE_PAGE, max_size=3))
def test_a_short_pointer_back_naming_only_what_the_page_has_is_a_follow_up(pointer, rest):
    text = " ".join([pointer, *rest, "?"])
    assert refers_back(text) and not foreign_words(text, PAGE)
    assert worth_asking_again(text, PAGE, asks_detail=False) == (word_count(text) <= ELLIPSIS_WORDS)


@given(POINTERS, st.sampled_from(["pasta recipe", "짜장면 맛집", "big mac burger", "BTS 콘서트"]))
def test_two_things_the_page_lacks_are_a_subject_of_their_own(pointer, things):
    text = f"{pointer} {things} 알려줘" if not things.isascii() else f"{pointer} {things}?"
    assert len(foreign_words(text, PAGE)) == 2
    assert not worth_asking_again(text, PAGE, asks_detail=True)


@given(st.sampled_from(["서울 인구", "지하철 노선", "subway map", "따릉이"]), st.booleans())
def test_without_a_pointer_any_thing_the_page_lacks_is_a_new_subject(thing, detail):
    text = f"{thing} 몇 개야?" if not thing.isascii() else f"how many {thing}s?"
    assert not refers_back(text)
    assert not worth_asking_again(text, PAGE, asks_detail=detail)


@given(st.sampled_from(["그거 말고 따릉이는?", "그럼 다른 거는?", "what about another one?", "it instead?"]))
def test_turning_away_is_never_a_follow_up(text):
    assert not worth_asking_again(text, PAGE, asks_detail=True)


@given(st.sampled_from(["몇 군데야?", "얼마야?", "언제까지야?", "몇층이야?", "길이가몇키로야"]))
def test_a_bare_question_for_a_detail_is_a_follow_up(text):
    assert not refers_back(text) and not foreign_words(text, PAGE)
    assert worth_asking_again(text, PAGE, asks_detail=True)
    assert not worth_asking_again(text, PAGE, asks_detail=False)


def test_words_that_only_contain_a_pointer_do_not_point():
    # 이거 inside 가이거 (Geiger), "it" inside "item": a pointer starts a word.
    assert not refers_back("가이거 계수기 빌려줘")
    assert not refers_back("Which items are free at the city library?")
    assert refers_back("그 사업 언제 끝나")
