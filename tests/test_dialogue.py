"""The conversation engine: answers from the documents, honest refusals, small talk, language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from civicbot import keys
from civicbot.dialogue import Incoming, Reply

pytestmark = pytest.mark.usefixtures("built_index")
HANGUL = re.compile(r"[\uac00-\ud7a3]")


@pytest.fixture
def engine(client):
    return client.app[keys.ENGINE].engine


async def say(engine, text: str, conversation: str = "c1", **extra) -> Reply:
    return await engine.dialogue.handle(
        Incoming(channel="cli", conversation_id=conversation, text=text, **extra)
    )


def quoted(reply: Reply) -> str:
    """The answer without its source line."""
    return reply.text.split("\n\n")[0]


@pytest.mark.parametrize(
    ("question", "doc_id", "facts"),
    [
        ("버스에서 무료 와이파이 되나요?", "ko/public-wifi-buses.md", ["무료", "와이파이", "버스"]),
        # The page says it twice: "자가통신망" and "서울시 자체 통신망"; either is the fact.
        ("S-Net이 뭐예요?", "ko/s-net.md", [("자가통신망", "자체 통신망")]),
        ("How long is Seoul's own fiber network?", "en/s-net.md", ["4,237 km"]),
        ("에스넷 구축 예산이 얼마예요?", "ko/s-net.md", ["1,207억"]),
        ("CCTV 안전체험실은 몇 층이에요?", "ko/cctv-safety-center.md", ["16층"]),
        ("열린데이터광장 데이터 몇 개 공개됐어?", "ko/open-data-plaza.md", ["5,400"]),
        ("How many buildings will Virtual Seoul model?", "en/virtual-seoul.md", ["630,000"]),
        ("다산콜센터 밤에도 전화돼요?", "ko/dasan-120.md", ["24시간"]),
    ],
)
async def test_questions_are_answered_from_the_right_document(engine, question, doc_id, facts):
    reply = await say(engine, question)
    assert reply.intent == "ask_question"
    assert reply.sources and reply.sources[0].doc_id == doc_id
    document = engine.knowledge.documents[doc_id]
    assert reply.sources[0].title == document.title
    # The link opens the document itself: the bundled source_url is only a news site's home page.
    assert reply.sources[0].url.startswith(f"/knowledge/{doc_id}#:~:text=")
    answer = quoted(reply)
    for fact in facts:
        alternatives = fact if isinstance(fact, tuple) else (fact,)
        assert any(a in answer for a in alternatives), (fact, reply.text)
    # Extractive: every quoted sentence is a sentence of that document, and the title and link follow.
    sentences = {
        s for row in engine.knowledge.doc_rows[doc_id] for s in engine.knowledge.chunks[row].sentences
    }
    assert all(s in sentences for s in split_quote(answer))
    assert document.title in reply.text and f"/knowledge/{doc_id}" in reply.text
    if str(document.updated).startswith("2019"):  # the article's facts: dated, a year old or more
        assert "2019년 12월 기준" in reply.text or "as of December 2019" in reply.text
    else:  # the bot's own guides are current: no date line
        assert reply.sources[0].dated == "" and "기준" not in reply.text.split("\n\n")[-1]
    assert len(answer) < 500  # a short answer, not the whole document


def split_quote(answer: str) -> list[str]:
    from civicbot.text import split_sentences

    return split_sentences(answer)


@pytest.mark.parametrize(
    "question",
    [
        "내일 날씨 어때?",
        "비트코인 사도 돼?",
        "삼성전자 주가 얼마예요",
        "What's the weather like tomorrow?",
        "recommend a korean drama",
        "강남 맛집 추천해줘",
    ],
)
async def test_out_of_scope_questions_are_refused_with_where_to_go(engine, question):
    reply = await say(engine, question)
    assert reply.intent == "out_of_scope"
    assert reply.sources == []
    assert "120" in reply.text
    payloads = [b.payload for b in reply.buttons]
    assert "/report" in payloads  # filing a complaint is offered
    assert any("120" in b.label for b in reply.buttons)


async def test_the_120_button_leads_to_an_answer_about_120(engine):
    refusal = await say(engine, "내일 날씨 어때?")
    button = next(b for b in refusal.buttons if "120" in b.label)
    reply = await say(engine, button.payload)
    assert reply.sources and Path(reply.sources[0].doc_id).stem == "dasan-120"


@pytest.mark.parametrize(
    ("text", "intent", "language"),
    [
        ("안녕", "greet", "ko"),
        ("도움말", "help", "ko"),
        ("고마워", "thanks", "ko"),
        ("잘 있어", "goodbye", "ko"),
        ("hello", "greet", "en"),
        ("thank you!", "thanks", "en"),
        ("/start", "greet", "ko"),
        ("/help", "help", "ko"),
    ],
)
async def test_small_talk(engine, text, intent, language):
    reply = await say(engine, text, conversation=f"talk-{text}")
    assert (reply.intent, reply.language) == (intent, language)
    assert reply.sources == []
    definition = engine.classifier.intents[intent]
    assert reply.text in definition.responses[language]


async def test_greeting_and_help_offer_the_menu(engine):
    reply = await say(engine, "/start")
    assert {b.payload for b in reply.buttons} >= {"/polls", "/report", "/help"}


async def test_reply_is_in_the_language_of_each_message(engine):
    korean = await say(engine, "에스넷이 뭐예요?", conversation="lang")
    english = await say(engine, "What is S-Net?", conversation="lang")
    assert korean.language == "ko" and HANGUL.search(quoted(korean))
    assert english.language == "en" and not HANGUL.search(quoted(english).replace("에스넷", ""))
    assert english.sources[0].doc_id == "en/s-net.md"
    refusal = await say(engine, "Will it rain tomorrow?", conversation="lang")
    assert refusal.language == "en" and not HANGUL.search(refusal.text)


async def test_a_button_press_keeps_the_conversation_language(engine):
    await say(engine, "hello", conversation="press")
    reply = await engine.dialogue.handle(Incoming(channel="cli", conversation_id="press", payload="/help"))
    assert reply.language == "en"


async def test_conversation_state_is_kept_in_sqlite(engine, client):
    await say(engine, "hello", conversation="stored")
    await say(engine, "S-Net이 뭐예요?", conversation="stored")
    database = client.app[keys.DATABASE]
    row = await database.execute_fn(
        lambda db: db.execute(
            "SELECT channel, language, turns, state FROM conversations WHERE id = 'cli:stored'"
        ).fetchone()
    )
    assert row[0] == "cli" and row[1] == "ko" and row[2] == 2
    assert '"last_intent": "ask_question"' in row[3]


async def test_a_repeated_question_is_answered_from_the_cache(engine):
    first = await say(engine, "마을버스에도 와이파이가 있어?", conversation="a")
    hits = engine.dialogue.cache_hits
    again = await say(engine, "마을버스에도  와이파이가 있어?", conversation="b")  # same after normalising
    assert engine.dialogue.cache_hits == hits + 1
    assert again == first


async def test_evidence_separates_questions_from_chatter(engine):
    from civicbot.dialogue import Classification

    dialogue = engine.dialogue

    def evidence(text: str) -> float:
        vector = engine.embedder.embed_queries([text])[0]
        result = engine.knowledge.search(text, query_vector=vector)
        return dialogue.evidence.judge(result, engine.classifier.classify(text, vector)).score

    assert evidence("에스넷 총 길이 알려줘") > 0.9
    assert evidence("고양이 키우는 법") < 0.1
    assert dialogue.evidence.dense_low < dialogue.evidence.dense_high  # calibrated per embedder
    assert isinstance(engine.classifier.classify("안녕", None), Classification)
