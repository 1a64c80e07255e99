"""Voting in the conversation engine: the same flow on every channel, through the real Dialogue and
through POST /api/chat (the "api" channel)."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from civicbot import keys, outbox, polls
from civicbot.dialogue import Incoming, Reply

SEOUL = dt.timezone(dt.timedelta(hours=9))


def _at(minutes: float) -> str:
    return (dt.datetime.now(SEOUL) + dt.timedelta(minutes=minutes)).isoformat(timespec="seconds")


async def poll_ids(client) -> dict[str, int]:
    listed = await (await client.get("/api/polls")).json()
    return {p["slug"]: p["id"] for p in listed["polls"] if p["slug"]}


class Telegram:
    """One Telegram user talking to the real Dialogue (buttons arrive as payloads)."""

    def __init__(self, client, user: str = "4242", language: str = "ko") -> None:
        self.dialogue = client.app[keys.ENGINE].engine.dialogue
        self.user = user
        self.language = language

    async def press(self, payload: str) -> Reply:
        reply = await self.dialogue.handle(
            Incoming(
                channel="telegram",
                conversation_id=self.user,
                user_id=self.user,
                payload=payload,
                text=payload,
                language=self.language,
                reply_to=self.user,
            )
        )
        for button in reply.buttons:
            assert len(button.payload.encode()) <= 64, button.payload
        return reply

    async def say(self, text: str) -> Reply:
        return await self.dialogue.handle(
            Incoming(
                channel="telegram",
                conversation_id=self.user,
                user_id=self.user,
                text=text,
                reply_to=self.user,
            )
        )


async def new_poll(client, official_token: str, body: dict) -> int:
    """The id of a poll an official creates through the admin API with ``body``."""
    created = await client.post(
        "/api/admin/polls", headers={"Authorization": f"Bearer {official_token}"}, json=body
    )
    return (await created.json())["id"]


def says(text: str, korean: str, english: str) -> bool:
    # A typed "/vote 3" has no Hangul, so the Dialogue may answer it in English: accept either.
    return korean in text or english in text


def payloads(reply: Reply) -> list[str]:
    return [b.payload for b in reply.buttons]


def receipt_in(reply: Reply) -> str:
    code = next(word for word in reply.text.replace("\n", " ").split() if polls.RECEIPT_RE.fullmatch(word))
    return code


async def test_polls_are_listed_with_vote_buttons_only_where_they_take_votes(client):
    """The bundled polls take votes on Telegram and the widget. /api/chat (channel "api") offered
    their vote buttons, and each answered "not here" (the nineteenth pass's probe): it now says
    where they are, with no button that cannot work."""
    ids = await poll_ids(client)
    listed = await Telegram(client, user="7171").press("/polls")
    assert listed.intent == "polls"
    assert {f"/vote {ids['public-wifi-next']}", f"/vote {ids['smart-alley-lighting']}"} <= set(
        payloads(listed)
    )
    assert all(len(b.payload.encode()) <= 64 for b in listed.buttons)
    # None of them takes votes on /api/chat: the reply said "지금 진행 중인 투표가 없어요" beside "다른 진행
    # 중인 투표는 …", which was false (the twentieth pass's probe). It counts them and says where.
    opened = len(ids)
    for text in ("/polls", "투표 뭐 있어?"):
        body = await (await client.post("/api/chat", json={"conversation_id": "p1", "text": text})).json()
        assert body["intent"] == "polls"
        assert not [b for b in body["buttons"] if b["payload"].startswith("/vote")], body["buttons"]
        assert "진행 중인 투표가 없어요" not in body["text"], body["text"]
        assert f"진행 중인 투표가 {opened}개 있지만 여기서는 참여할 수 없어요" in body["text"], body["text"]
        assert "텔레그램 봇 또는 서울시 누리집의 챗봇에서" in body["text"], body["text"]
    english = await (await client.post("/api/chat", json={"text": "/polls", "language": "en"})).json()
    assert f"There are {opened} open polls, but they don't take votes here" in english["text"], english[
        "text"
    ]
    assert "the Telegram bot or the chatbot on the city's website" in english["text"]
    assert "There are no open polls" not in english["text"]


async def test_single_choice_vote_with_demographics(client):
    ids = await poll_ids(client)
    pid = ids["public-wifi-next"]
    user = Telegram(client)
    reply = await user.press(f"/vote {pid}")
    assert "자치구" in reply.text
    assert f"/vote {pid} district mapo" in payloads(reply) and f"/vote {pid} district skip" in payloads(reply)
    assert len(reply.buttons) == 26
    reply = await user.press(f"/vote {pid} district mapo")
    assert "연령대" in reply.text and f"/vote {pid} age 30s" in payloads(reply)
    reply = await user.press(f"/vote {pid} age 30s")
    assert "공공 와이파이" in reply.text and f"/vote {pid} 2" in payloads(reply)
    reply = await user.press(f"/vote {pid} 2")
    receipt = receipt_in(reply)
    assert f"/results {pid}" in reply.text  # no public URL set: the results link is the chat command
    assert f"/receipt {pid} {receipt}" in payloads(reply)
    # Telegram gave a chat, but without a bot token nothing would reach it (probe21 #6).
    assert "알려 드릴게요" not in reply.text

    db = client.app[keys.DATABASE]
    ballot = await db.execute_fn(lambda conn: polls.find_ballot(conn, pid, receipt))
    assert ballot is not None and ballot.choices == (2,)
    counted = await db.execute_fn(
        lambda conn: conn.execute(
            "SELECT count FROM poll_demographics WHERE poll_id = ? AND value = 'mapo' AND option_id = 2",
            [pid],
        ).fetchone()
    )
    assert counted == (1,)
    # Nothing about the vote stays in the conversation.
    state = await db.execute_fn(
        lambda conn: conn.execute("SELECT state FROM conversations WHERE id = 'telegram:4242'").fetchone()
    )
    assert json.loads(state[0])["flow"] is None and receipt not in state[0]

    checked = await user.press(f"/receipt {pid} {receipt}")
    assert "확인됐어요" in checked.text and "버스정류장" in checked.text
    missing = await user.press(f"/receipt {pid} {'A' * 26}")
    assert "찾지 못했어요" in missing.text
    again = await user.press(f"/vote {pid}")
    assert "이미 이 투표에 참여" in again.text
    listed = await user.press("/polls")
    assert any(b.label.startswith("✓") and b.payload == f"/vote {pid}" for b in listed.buttons)


async def test_multiple_choice_toggles_and_submits(client):
    pid = (await poll_ids(client))["smart-alley-lighting"]
    user = Telegram(client, user="777", language="en")
    await user.press(f"/vote {pid}")
    await user.press(f"/vote {pid} district skip")
    reply = await user.press(f"/vote {pid} age skip")
    assert "Choose up to 2" in reply.text
    reply = await user.press(f"/vote {pid} 1")
    assert reply.buttons[0].pressed is True and not reply.buttons[0].label.startswith("✅")
    reply = await user.press(f"/vote {pid} 3")
    reply = await user.press(f"/vote {pid} 4")
    assert "at most 2" in reply.text
    reply = await user.press(f"/vote {pid} 1")  # unselect
    assert reply.buttons[0].pressed is False
    reply = await user.press(f"/vote {pid} 2")
    assert reply.buttons[-1].payload == f"/vote {pid} done" and "(2/2)" in reply.buttons[-1].label
    reply = await user.press(f"/vote {pid} done")
    assert "Receipt code" in reply.text
    ballot = await client.app[keys.DATABASE].execute_fn(
        lambda conn: polls.find_ballot(conn, pid, receipt_in(reply))
    )
    assert ballot.choices == (2, 3)
    hidden = await user.press(f"/results {pid}")  # the count too is the last snapshot's: none yet
    assert "published when the poll closes" in hidden.text and "So far 0 people have voted" in hidden.text
    await client.app[keys.DATABASE].execute_write_fn(
        lambda db: polls.take_snapshot(db, polls.get_poll(db, pid))
    )
    hidden = await user.press(f"/results {pid}")
    assert "So far 1 person has voted" in hidden.text


async def test_submitting_nothing_asks_again(client):
    pid = (await poll_ids(client))["smart-alley-lighting"]
    user = Telegram(client, user="778")
    await user.press(f"/vote {pid} district skip")
    await user.press(f"/vote {pid} age skip")
    reply = await user.press(f"/vote {pid} done")
    assert "아직 고른 선택지가 없어요" in reply.text
    assert await client.app[keys.DATABASE].execute_fn(lambda conn: polls.ballot_count(conn, pid)) == 0


async def test_district_limited_poll_offers_only_its_districts(client):
    pid = (await poll_ids(client))["smart-shelter-features"]
    user = Telegram(client, user="779")
    reply = await user.press(f"/vote {pid}")
    assert sorted(payloads(reply)) == sorted(
        f"/vote {pid} district {d}" for d in ("mapo", "seodaemun", "eunpyeong")
    )
    refused = await user.press(f"/vote {pid} district gangnam")
    assert "마포구" in refused.text and "주민만" in refused.text


async def test_the_api_channel_votes_only_where_the_poll_allows_it(client, official_token):
    ids = await poll_ids(client)
    refused = await (
        await client.post(
            "/api/chat", json={"conversation_id": "api-1", "text": f"/vote {ids['public-wifi-next']}"}
        )
    ).json()
    assert says(refused["text"], "참여할 수 없어요", "doesn't take votes here")
    pid = await new_poll(
        client,
        official_token,
        {
            "title": "API 채널 투표",
            "options": ["예", "아니요"],
            "opens_at": _at(-1),
            "closes_at": _at(30),
            "results": "live",
            "channels": ["api"],
        },
    )

    conversation: dict = {}

    async def chat(text: str) -> dict:
        # The server issues the conversation id with the first reply; sending it back continues.
        reply = await (await client.post("/api/chat", json={**conversation, "text": text})).json()
        conversation["conversation_id"] = reply["conversation_id"]
        return reply

    listed = await chat(
        "/polls"
    )  # this poll has a button; the others are counted, with where they take votes
    assert f"/vote {pid}" in [b["payload"] for b in listed["buttons"]], listed["buttons"]
    assert f"다른 진행 중인 투표 {len(ids)}개는 여기서는 참여할 수 없고" in listed["text"], listed["text"]
    shown = await chat(f"/vote {pid}")
    assert [b["payload"] for b in shown["buttons"]] == [f"/vote {pid} 1", f"/vote {pid} 2"]
    voted = await chat(f"/vote {pid} 1")
    assert says(voted["text"], "영수증 코드", "Receipt code")
    # The text names each button by the label it shows (it named buttons that were not there).
    for button in voted["buttons"]:
        assert f"‘{button['label']}’" in voted["text"] or f"“{button['label']}”" in voted["text"]
    assert not says(voted["text"], "알려 드릴게요", "let you know")  # no address to notify on this channel
    again = await chat(f"/vote {pid} 2")
    assert says(again["text"], "이미 이 투표에", "already voted")
    hidden = await chat(f"/results {pid}")  # live figures come in batched snapshots: none yet
    assert says(hidden["text"], "예 — 0표", "예 — 0 votes")
    await client.app[keys.DATABASE].execute_write_fn(
        lambda db: polls.take_snapshot(db, polls.get_poll(db, pid))
    )
    results = await chat(f"/results {pid}")
    assert says(results["text"], "예 — 1표 (100.0%)", "예 — 1 vote (100.0%)")
    menu = await chat("결과 보여줘")
    assert menu["intent"] == "polls" and f"/results {pid}" in [b["payload"] for b in menu["buttons"]]


async def test_a_poll_without_a_description_shows_no_run_of_blank_lines(client, official_token):
    pid = await new_poll(
        client,
        official_token,
        {
            "title": "설명 없는 투표",
            "options": ["A", "B"],
            "closes_at": _at(30),
            "channels": ["telegram"],
        },
    )
    shown = await Telegram(client, user="781").press(f"/vote {pid}")
    assert "설명 없는 투표" in shown.text and "\n\n\n" not in shown.text


async def test_typing_an_option_number_works_mid_vote(client, official_token):
    pid = await new_poll(
        client,
        official_token,
        {"title": "숫자로 투표", "options": ["A", "B"], "closes_at": _at(30), "channels": ["telegram"]},
    )
    user = Telegram(client, user="780")
    await user.press(f"/vote {pid}")
    reply = await user.say("2")
    assert "영수증 코드" in reply.text


async def test_closing_notifies_the_telegram_voter(client, official_token):
    pid = await new_poll(
        client, official_token, {"title": "마감 알림", "options": ["A", "B"], "closes_at": _at(30)}
    )
    user = Telegram(client, user="781")
    await user.press(f"/vote {pid} 1")
    await client.post(f"/api/admin/polls/{pid}/close", headers={"Authorization": f"Bearer {official_token}"})
    due = await client.app[keys.DATABASE].execute_fn(lambda conn: outbox.due(conn, "telegram"))
    assert [(n.recipient, "「마감 알림」" in n.text) for n in due] == [("781", True)]
    closed = await user.press(f"/vote {pid}")
    assert "마감됐어요" in closed.text and f"/results {pid}" in payloads(closed)


async def test_receipt_and_results_are_links_and_the_receipt_never_in_one(make_client, make_settings):
    public = "https://civic.example.go.kr"
    client = await make_client(make_settings(CIVICBOT_PUBLIC_URL=public))
    pid = (await poll_ids(client))["public-wifi-next"]
    user = Telegram(client, user="5151")
    await user.press(f"/vote {pid}")
    await user.press(f"/vote {pid} district skip")
    await user.press(f"/vote {pid} age skip")
    reply = await user.press(f"/vote {pid} 1")
    receipt = receipt_in(reply)
    assert f"{public}/polls/{pid}#receipt-title" in reply.text and f"{public}/polls/{pid}" in reply.text
    assert not any(receipt in url for url in re.findall(r"https?://\S+", reply.text))
    results = await user.press(f"/results {pid}")
    assert f"{public}/polls/{pid}" in results.text


async def test_without_a_public_url_the_widget_gets_paths_and_telegram_no_self_link(client):
    pid = (await poll_ids(client))["public-wifi-next"]
    web = await client.app[keys.ENGINE].engine.dialogue.handle(
        Incoming(
            channel="web",
            conversation_id="w1",
            user_id="w1",
            payload=f"/results {pid}",
            text="",
            language="ko",
        )
    )
    telegram = await Telegram(client, user="5252").press(f"/results {pid}")
    assert f"자세히: /polls/{pid}" in web.text  # live results: the widget links the page as a path
    assert f"/results {pid}" not in telegram.text  # the reply does not link back to itself


async def test_a_receipt_written_in_a_message_is_checked_without_its_poll_number(client):
    """A newcomer typed "영수증 확인 IVMIM…" and was told the "/receipt <poll> <code>" form; the code
    alone says which poll (receipts are unique), in whatever message and spelling it comes."""
    pid = (await poll_ids(client))["public-wifi-next"]
    voter = Telegram(client, user="6161")
    for step in (f"/vote {pid}", f"/vote {pid} district skip", f"/vote {pid} age skip"):
        await voter.press(step)
    receipt = receipt_in(await voter.press(f"/vote {pid} 1"))
    grouped = "-".join(receipt[i : i + 4] for i in range(0, 26, 4))
    checker = Telegram(client, user="6262")  # another conversation: nothing remembered
    await checker.say("안녕하세요")
    pasted = await checker.say(receipt)  # a bare code keeps the conversation's language
    assert "확인됐어요" in pasted.text, pasted.text
    for text in (
        f"영수증 확인 {receipt}",
        receipt,
        f"제 표 집계됐나요? {grouped}",
        f"check {receipt.lower()} please",
    ):
        reply = await checker.say(text)
        assert "확인됐어요" in reply.text or "Confirmed" in reply.text, (text, reply.text)
        assert "공공 와이파이" in reply.text or "Wi-Fi" in reply.text, reply.text
    results = await checker.say(f"투표 결과 알려줘 {receipt}")  # the code, not the word 결과, decides
    assert "확인됐어요" in results.text or "Confirmed" in results.text, results.text
    # A complaint that quotes a code-like serial is a complaint, not a receipt check.
    complaint = await Telegram(client, user="6363").say(
        f"우리 집 앞 가로등이 고장났어요 관리번호 {receipt[:-2]}Q7 이라고 적혀 있어요"
    )
    assert complaint.intent != "polls" and "영수증" not in complaint.text, complaint.text
    unknown = await checker.say("영수증 확인 " + "A" * 25 + "7")
    assert "찾지 못했어요" in unknown.text and "/receipt" not in unknown.text
    asked = await checker.say("투표 영수증 확인하고 싶어요")
    assert "26자리" in asked.text and "/receipt" not in asked.text


async def test_a_receipt_typed_in_lower_case_groups_is_checked_in_the_conversations_language(client):
    """The probe typed its receipt in lower-case groups ("wcz6 7fju uat3 ly7f hxii 2zkb kq") in a
    Korean conversation: it got the out-of-scope reply, in English, and the next reply was English
    too ("hxii" and "kq" read as English words)."""
    pid = (await poll_ids(client))["public-wifi-next"]
    written = None
    for user in ("8181", "8282", "8383"):  # a receipt with no group mixing letters and digits is rare
        voter = Telegram(client, user=user)
        for step in (f"/vote {pid}", f"/vote {pid} district skip", f"/vote {pid} age skip"):
            await voter.press(step)
        receipt = receipt_in(await voter.press(f"/vote {pid} 1"))
        for size in (4, 5):
            grouped = " ".join(receipt[i : i + size] for i in range(0, 26, size)).lower()
            if polls.receipt_in(grouped) == receipt:
                written = grouped
                break
        if written:
            break
    assert written is not None
    checker = Telegram(client, user="8484")
    await checker.say("안녕하세요")
    reply = await checker.say(written)
    assert reply.intent == "polls" and "확인됐어요" in reply.text, reply.text
    after = await checker.say("고마워요")
    assert after.language == "ko", after.text
    pasted = await Telegram(client, user="8585").say(f"제 영수증 {written} 확인해 주세요")
    assert "확인됐어요" in pasted.text, pasted.text


async def test_every_receipt_in_one_message_is_checked(client):
    """Two receipts pasted together (a household checking both ballots) were checked only the
    first; each is now reported, an unknown one by its own code."""
    pid = (await poll_ids(client))["public-wifi-next"]
    receipts = []
    for user in ("7171", "7272"):
        voter = Telegram(client, user=user)
        for step in (f"/vote {pid}", f"/vote {pid} district skip", f"/vote {pid} age skip"):
            await voter.press(step)
        receipts.append(receipt_in(await voter.press(f"/vote {pid} 1")))
    unknown = "A" * 25 + "7"
    checker = Telegram(client, user="7373")
    reply = await checker.say(f"영수증 두 개 확인해 주세요 {receipts[0]} 그리고 {receipts[1]}, {unknown}")
    assert reply.text.count("확인됐어요") == 2, reply.text
    assert receipts[0] in reply.text and receipts[1] in reply.text
    assert f"영수증 {unknown}로 집계된 표는 찾지 못했어요" in reply.text, reply.text
    assert [b.payload for b in reply.buttons].count(f"/results {pid}") == 1


async def _typed(client, user: str, text: str) -> Reply:
    """A message typed (not a button) by a Telegram user."""
    return await client.app[keys.ENGINE].engine.dialogue.handle(
        Incoming(
            channel="telegram", conversation_id=user, user_id=user, text=text, language="ko", reply_to=user
        )
    )


TYPED_SHAPES = ["{n}", "{n}번", "{n}번이요", "{n}번으로 할게요", " {n} 번 ", "{n}번째요"]


async def test_an_option_typed_as_its_number_or_its_name_is_a_vote(client):
    """probe21 #7: mid-vote, "1번" got "no document" and "1" a page on security teams; only the
    button's payload voted. Every shape x every option: a number as people type it is what the
    button sends; a question naming an option is not a vote (a single choice is cast at once)."""
    ids = await poll_ids(client)
    pid = ids["public-wifi-next"]
    db = client.app[keys.DATABASE]
    for shape in TYPED_SHAPES:
        for option in range(1, 6):
            user = f"typed-{TYPED_SHAPES.index(shape)}-{option}"
            await Telegram(client, user=user).press(f"/vote {pid}")
            await _typed(client, user, "건너뛰기")
            shown = await _typed(client, user, "건너뛰기")
            assert f"/vote {pid} 1" in payloads(shown)
            if option == 1:
                asked = await _typed(client, user, "전통시장 와이파이 언제 깔려요?")
                assert "영수증 코드" not in asked.text, asked.text
                await Telegram(client, user=user).press(f"/vote {pid}")  # back to the vote, from its start
                await _typed(client, user, "건너뛰기")
                await _typed(client, user, "건너뛰기")
            voted = await _typed(client, user, shape.format(n=option))
            assert "영수증 코드" in voted.text, (shape, voted.text)
            row = await db.execute_fn(
                lambda conn, r=receipt_in(voted): conn.execute(  # noqa: B008 - bound per loop
                    "SELECT choices FROM poll_ballots WHERE poll_id = ? AND receipt = ?", [pid, r]
                ).fetchone()
            )
            assert row is not None and json.loads(row[0]) == [option], (shape, row)


async def test_several_options_typed_then_done(client):
    ids = await poll_ids(client)
    pid = ids["smart-alley-lighting"]
    user = "typed-multi"
    await Telegram(client, user=user).press(f"/vote {pid}")
    await _typed(client, user, "건너뛰기")
    await _typed(client, user, "건너뛰기")
    ticked = await _typed(client, user, "1번이랑 3번")
    assert ticked.intent == "polls" and "영수증" not in ticked.text
    untick = await _typed(client, user, "3")  # a second press of 3 unticks it, as the button does
    assert untick.intent == "polls"
    named = await _typed(client, user, "통학로")  # part of "학교·학원 통학로" (option 2)
    assert named.intent == "polls"
    voted = await _typed(client, user, "완료")
    assert "영수증 코드" in voted.text, voted.text
    db = client.app[keys.DATABASE]
    row = await db.execute_fn(
        lambda conn: conn.execute(
            "SELECT choices FROM poll_ballots WHERE poll_id = ? AND receipt = ?", [pid, receipt_in(voted)]
        ).fetchone()
    )
    assert row is not None and json.loads(row[0]) == [1, 2], row


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("내가 투표한거 확인하고싶어", "ko"),
        ("영수증확인", "ko"),
        ("내 표 제대로 들어갔나요", "ko"),
        ("제 표 반영됐는지 조회하고 싶어요", "ko"),
        ("did my vote count?", "en"),
        ("How can I check my vote?", "en"),
    ],
)
async def test_asking_to_check_ones_vote_gets_the_receipt_check(client, text, language):
    """probe21 #16: "내가 투표한거 확인하고싶어" listed the polls and "영수증확인" quoted a page."""
    from civicbot.i18n import t

    body = await (await client.post("/api/chat", json={"text": text})).json()
    assert body["text"] == t("poll_flow.receipt_usage", language), body


@pytest.mark.parametrize("text", ["투표 결과 확인", "투표 뭐 있어"])
async def test_other_poll_questions_are_not_a_receipt_check(client, text):
    from civicbot.i18n import t

    body = await (await client.post("/api/chat", json={"text": text})).json()
    assert body["text"] != t("poll_flow.receipt_usage", "ko"), body
