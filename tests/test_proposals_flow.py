"""Proposing and supporting in the conversation, through the real app's Dialogue (as Telegram and
the widget reach it) and POST /api/chat: the steps, similar proposals, the daily limit, and the
proposer's notices on review, acceptance and decline."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest
from conftest import ENGINES

from civicbot import keys
from civicbot import proposals as P
from civicbot.dialogue import Incoming, Reply

pytestmark = pytest.mark.usefixtures("built_index")


@pytest.fixture(params=ENGINES)
def db_engine(request: pytest.FixtureRequest) -> str:
    """This suite runs on SQLite and on PostgreSQL."""
    return request.param


class Person:
    """One Telegram user talking to the real Dialogue (buttons arrive as payloads)."""

    def __init__(self, client, user: str) -> None:
        self.dialogue = client.app[keys.ENGINE].engine.dialogue
        self.user = user

    async def say(self, text: str, payload: bool = False) -> Reply:
        reply = await self.dialogue.handle(
            Incoming(
                channel="telegram",
                conversation_id=self.user,
                user_id=self.user,
                text=text,
                payload=text if payload else None,
                reply_to=self.user,
            )
        )
        for button in reply.buttons:
            assert len(button.payload.encode()) <= 64, button.payload
        return reply

    async def press(self, payload: str) -> Reply:
        return await self.say(payload, payload=True)


def payloads(reply: Reply) -> list[str]:
    return [b.payload for b in reply.buttons]


@pytest.fixture
async def small(make_settings, make_client):
    return await make_client(make_settings(CIVICBOT_PROPOSAL_THRESHOLD="3"))


async def write(client, fn):
    return await client.app[keys.DATABASE].execute_write_fn(fn)


async def read(client, fn):
    return await client.app[keys.DATABASE].execute_fn(fn)


async def walk_through(person: Person, title: str = "어린이 놀이터에 그늘막을 설치할까요?") -> Reply:
    reply = await person.say("투표 제안할래요")
    assert reply.intent == "propose" and "제목" in reply.text
    reply = await person.say(title)
    assert "/propose skip" in payloads(reply)
    reply = await person.say("여름 한낮에 놀이터가 너무 뜨거워요. 연락은 010-9876-5432")
    assert "선택지" in reply.text
    reply = await person.say("1. 그늘막 설치\n2. 나무 심기")
    assert "/propose done" in payloads(reply) and "2. 나무 심기" in reply.text
    reply = await person.say("현재대로 두기")
    assert "3. 현재대로 두기" in reply.text
    return await person.press("/propose done")


async def test_the_whole_proposal_in_the_chat(small):
    person = Person(small, "1001")
    preview = await walk_through(person)
    assert "/propose confirm" in payloads(preview)
    assert "[전화번호]" in preview.text and "010-9876-5432" not in preview.text
    done = await person.press("/propose confirm")
    assert "#1" in done.text and "/proposals" in payloads(done)
    found = await read(small, lambda db: P.get(db, 1))
    assert found.options == ("그늘막 설치", "나무 심기", "현재대로 두기")
    assert (found.status, found.supports, found.language) == ("collecting", 1, "ko")
    assert "[전화번호]" in found.description


async def test_english_proposal(client):
    person = Person(client, "2002")
    reply = await person.say("I want to propose a poll")
    assert reply.intent == "propose" and "title" in reply.text
    await person.say("Should Seoul open more late-night libraries?")
    await person.press("/propose skip")
    reply = await person.say("Yes, Ten more, No")
    assert reply.language == "en"
    reply = await person.press("/propose done")
    assert "Shall I file this proposal?" in reply.text
    done = await person.say("yes")
    assert "Your proposal is in (#1)" in done.text


async def test_list_support_review_accept_and_the_proposer_is_told(small):
    proposer = Person(small, "3003")
    await walk_through(proposer)
    await proposer.press("/propose confirm")
    listing = await Person(small, "4004").press("/proposals")
    assert "/proposals support 1" in payloads(listing) and "1/3" in listing.text
    first = await Person(small, "4004").press("/proposals support 1")
    assert "2/3" in first.text
    again = await Person(small, "4004").press("/proposals support 1")
    assert "이미 공감하신" in again.text
    relisted = await Person(small, "4004").press("/proposals")
    assert "/proposals 1" in payloads(relisted)  # marked as supported, no second support button
    crossed = await Person(small, "5005").press("/proposals support 1")
    assert "검토" in crossed.text
    late = await Person(small, "6006").press("/proposals support 1")
    assert "더 이상 공감을 받지 않아요" in late.text
    zone = ZoneInfo("Asia/Seoul")
    _, poll = await write(small, lambda db: P.accept(db, 1, "official", zone))
    notices = await read(
        small,
        lambda db: [r[0] for r in db.execute("SELECT text FROM outbox WHERE recipient = '3003' ORDER BY id")],
    )
    assert len(notices) == 2 and "검토를 시작했어요" in notices[0] and f"/results {poll.id}" in notices[1]
    detail = await Person(small, "6006").press("/proposals 1")
    assert f"/vote {poll.id}" in payloads(detail)


async def test_declined_proposer_hears_the_reason_in_their_language(small):
    person = Person(small, "7007")
    await person.press("/propose")
    await person.say("More bike lanes downtown?")
    await person.say("Cycling is dangerous on the main roads.")
    await person.say("Yes\nNo")
    await person.press("/propose done")
    await person.press("/propose confirm")
    reason = {"ko": "이미 계획이 있어요.", "en": "A plan already exists."}
    await write(small, lambda db: P.decline(db, 1, "official", reason))
    notice = await read(small, lambda db: db.execute("SELECT text FROM outbox").fetchone()[0])
    assert "A plan already exists." in notice and "not accepted" in notice


async def test_a_similar_open_proposal_is_offered_for_support(small):
    first = Person(small, "8008")
    await walk_through(first, "어린이 놀이터에 그늘막을 설치할까요?")
    await first.press("/propose confirm")
    second = Person(small, "9009")
    offer = await walk_through(second, "어린이 놀이터에 그늘막 설치해 주세요")
    assert "비슷한 제안" in offer.text
    assert "/proposals support 1" in payloads(offer) and "/propose new" in payloads(offer)
    supported = await second.press("/proposals support 1")
    assert "2/3" in supported.text


async def test_the_daily_limit_is_a_friendly_reply(small):
    person = Person(small, "1111")
    for n in range(P.PROPOSALS_PER_DAY):
        await write(
            small,
            lambda db, n=n: P.submit(
                db,
                small.app[keys.POLL_SECRET],
                P.NewProposal(f"제안 {n}", "", ["가", "나"], "ko", "telegram", "1111"),
                P.Rules(),
            ),
        )
    await person.press("/propose")
    await person.say("하나 더 제안할게요")
    await person.press("/propose skip")
    await person.say("가, 나")
    reply = await person.press("/propose done")
    if "/propose new" in payloads(reply):
        reply = await person.press("/propose new")
    refused = await person.press("/propose confirm")
    assert "하루에 3건까지" in refused.text


async def test_cancel_and_a_question_mid_flow_leave_it(client):
    person = Person(client, "1212")
    await person.press("/propose")
    cancelled = await person.say("취소")
    assert cancelled.intent == "cancel"
    reply = await person.press("/propose confirm")  # a stale button starts afresh
    assert "제목" in reply.text


async def test_over_the_chat_api(client):
    conversation: dict = {}  # the API issues the conversation id; each request sends it back

    async def chat(text: str) -> dict:
        response = await client.post("/api/chat", json={**conversation, "text": text})
        assert response.status == 200
        body = await response.json()
        conversation["conversation_id"] = body["conversation_id"]
        return body

    body = await chat("/proposals")
    assert body["intent"] == "propose" and "/propose" in [b["payload"] for b in body["buttons"]]
    await chat("/propose")
    await chat("지하철역에 자전거 보관소를 늘릴까요?")
    await chat("건너뛰기")
    await chat("늘린다, 지금대로")
    body = await chat("/propose done")
    assert "이렇게 제안할까요?" in body["text"]
    body = await chat("네")
    assert "제안이 접수됐어요" in body["text"]
