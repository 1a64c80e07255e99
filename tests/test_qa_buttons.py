"""Web channels never show a raw slash command (issue 9): the widget and the chat API get buttons,
Telegram keeps its commands; and "How do I report a pothole?" answers from the documents and
offers the report button."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from civicbot import keys
from civicbot.dialogue import Incoming, Reply
from civicbot.slash import as_buttons, has_commands

pytestmark = pytest.mark.usefixtures("built_index")
RAW_COMMAND = re.compile(r"(?<![\w/.:-])/(?:start|help|polls|report|status|propose|proposals|results)\b")


def _auth(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


async def widget_say(client, token: str, text: str) -> dict:
    response = await client.post("/api/widget/messages", json={"text": text}, headers=_auth(token))
    assert response.status == 200
    return await response.json()


async def api_say(client, text: str, language: str | None = None) -> dict:
    issued = await (await client.post("/api/chat", json={"text": "안녕"})).json()
    payload = {"conversation_id": issued["conversation_id"], "text": text}
    if language:
        payload["language"] = language
    response = await client.post("/api/chat", json=payload)
    assert response.status == 200
    return await response.json()


def payloads(body: dict) -> list[str]:
    return [b["payload"] for b in body["buttons"]]


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("도움말 보여줘", {"/polls", "/report", "/help"}),
        ("what can you do?", {"/polls", "/report", "/help"}),
        ("비트코인 시세 알려줘", {"/report"}),
        ("Should I buy Tesla stock?", {"/report"}),
    ],
)
async def test_the_widget_shows_buttons_not_commands(client, session_token, text, wanted):
    body = await widget_say(client, session_token, text)
    assert not RAW_COMMAND.search(body["text"]), body["text"]
    assert wanted <= set(payloads(body))
    assert len(payloads(body)) == len(set(payloads(body)))  # each button once


async def test_the_chat_api_names_the_button_in_the_asker_language(client):
    body = await api_say(client, "help", language="en")
    assert body["intent"] == "help"
    assert "\u201cReport a problem\u201d button" in body["text"]
    assert not RAW_COMMAND.search(body["text"])
    korean = await api_say(client, "사용법 알려줘")
    assert "\u2018민원 신고하기\u2019 버튼" in korean["text"] and not RAW_COMMAND.search(korean["text"])


@pytest.mark.parametrize(
    ("text", "language"), [("How do I report a pothole?", "en"), ("포트홀 신고는 어떻게 해요?", "ko")]
)
async def test_how_to_report_answers_from_the_documents_and_offers_the_button(
    client, session_token, text, language
):
    body = await widget_say(client, session_token, text)
    assert body["language"] == language
    assert body["sources"] and "how-to-report" in body["sources"][0]["doc_id"], body
    assert "/report" in payloads(body)
    assert not RAW_COMMAND.search(body["text"]), body["text"]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("포트홀 생겼는데 어디 신고해요?", "ko"),
        ("가로등이 꺼졌는데 누구한테 말해야 돼요", "ko"),
        ("길에 쓰레기 무단투기 어디다 신고함", "ko"),
        ("Who do I call about a pothole?", "en"),
        ("Where can I report a broken streetlight?", "en"),
    ],
)
async def test_where_or_to_whom_to_report_is_answered_with_the_button(client, session_token, text, language):
    """Asking where or to whom a problem is reported is a question about reporting, like "how":
    the page on reporting answers it and the button starts a report (not a report at once)."""
    body = await widget_say(client, session_token, text)
    assert body["language"] == language
    assert body["sources"] and "how-to-report" in body["sources"][0]["doc_id"], body
    assert "/report" in payloads(body)


@pytest.mark.parametrize(
    "text", ["불법주차 신고할게요", "집 앞에 쓰레기가 쌓여 있어요", "the street light is out"]
)
async def test_a_report_told_still_starts_the_report(client, session_token, text):
    body = await widget_say(client, session_token, text)
    assert body["intent"] == "report_complaint" and not body["sources"], body


async def test_telegram_keeps_its_commands(client):
    dialogue = client.app[keys.ENGINE].engine.dialogue
    reply = await dialogue.handle(Incoming(channel="telegram", conversation_id="t1", text="도움말 보여줘"))
    assert "/report" in reply.text and "/polls" in reply.text


def test_mentions_become_named_buttons_with_the_right_particle():
    reply = as_buttons(Reply("CivicBot에서 /report를 입력하거나 /polls 로 확인해요.", "x", 1.0, "ko"), "web")
    assert (
        reply.text
        == "CivicBot에서 \u2018민원 신고하기\u2019 버튼을 누르거나 \u2018투표 보기\u2019 버튼으로 확인해요."
    )
    assert [b.payload for b in reply.buttons] == ["/report", "/polls"]
    english = as_buttons(Reply("Type /report or check it with '/status SEL-7K3F9Q'.", "x", 1.0, "en"), "web")
    assert english.text.startswith("press the \u201cReport a problem\u201d button")
    assert [b.payload for b in english.buttons] == ["/report", "/status SEL-7K3F9Q"]
    # Web addresses are not commands.
    untouched = Reply("https://example.org/report", "x", 1.0, "ko")
    assert as_buttons(untouched, "web") is untouched


_PIECES = st.sampled_from(
    [
        "/report",
        "/polls",
        "/help",
        "/status SEL-7K3F9Q",
        "/status 접수번호",
        "'/status <id>'",
        "를 ",
        "로 ",
        "입력하세요",
        " ",
        "신고",
        "버튼",
        "type ",
        "with ",
        "예: ",
        ": ",
        "\n",
        "https://a.kr/help",
        ".",
    ]
)


@given(st.lists(_PIECES, max_size=12), st.sampled_from(["ko", "en"]))
def test_no_command_survives_on_a_button_channel(pieces, language):
    text = "".join(pieces)
    reply = as_buttons(Reply(text, "x", 1.0, language), "web")
    assert not has_commands(reply.text)
    assert len({b.payload for b in reply.buttons}) == len(reply.buttons)
    assert as_buttons(reply, "web") == reply  # idempotent
    assert as_buttons(Reply(text, "x", 1.0, language), "telegram").text == text
