"""The Telegram channel against a local fake Bot API: webhook, Q&A, small talk and robustness.

The real app (create_app, a real SQLite file in tmp_path) talks HTTP to tests/fake_bot_api.py, the
only thing faked: Telegram itself. Votes and complaints are in test_telegram_flows.py.
"""

from __future__ import annotations

import asyncio
import logging
import re

import pytest
from conftest import ENGINES, wait_ready
from fake_bot_api import (
    PUBLIC_URL,
    SECRET,
    TOKEN,
    FakeBotAPI,
    callback_update,
    connected,
    inline_buttons,
    message_update,
    photo_update,
    post,
    text_update,
    to_chat,
)

from civicbot import keys, outbox
from civicbot.app import create_app
from civicbot.channels.telegram import TELEGRAM, keyboard_rows, render_text, webhook_secret
from civicbot.config import ConfigError
from civicbot.dialogue import Button, Reply, Source


@pytest.fixture(params=ENGINES)
def db_engine(request: pytest.FixtureRequest) -> str:
    """This suite runs on SQLite and on PostgreSQL."""
    return request.param


QUESTION_KO = "상암동 자율주행 테스트베드는 언제 만들어졌나요?"


async def processed(client):
    def count(db):
        return db.execute("SELECT count(*) FROM telegram_updates").fetchone()[0]

    return await client.app[keys.DATABASE].execute_fn(count)


# -- start-up ------------------------------------------------------------------------------------
async def test_registers_webhook_with_secret_and_commands_in_korean_and_english(bot, fake_api):
    assert fake_api.calls_to("getMe")
    (webhook,) = fake_api.calls_to("setWebhook")
    assert webhook["url"] == f"{PUBLIC_URL}/telegram/webhook"
    assert webhook["secret_token"] == SECRET
    assert webhook["allowed_updates"] == ["message", "callback_query"]
    commands = {
        params.get("language_code"): params["commands"] for params in fake_api.calls_to("setMyCommands")
    }
    assert set(commands) == {None, "ko"}
    for language in (None, "ko"):
        assert [c["command"] for c in commands[language]] == ["start", "help", "polls", "report", "status"]
    assert commands["ko"][2]["description"] == "진행 중인 투표 보기"
    assert commands[None][2]["description"] == "See open polls and vote"
    assert not fake_api.calls_to("getUpdates")  # a webhook server never polls


async def test_without_public_url_it_long_polls(make_client, bot_settings, fake_api):
    client = await connected(await make_client(bot_settings(CIVICBOT_PUBLIC_URL="")))
    assert fake_api.calls_to("deleteWebhook") and not fake_api.calls_to("setWebhook")
    fake_api.queue_update(text_update(501, 3001, "/help", language="en"))
    sent = await fake_api.wait_for("sendMessage", to_chat(3001))
    assert "Here's what I can do" in sent["text"]
    polls = fake_api.calls_to("getUpdates")
    assert polls[0]["allowed_updates"] == ["message", "callback_query"]
    # The next poll confirms the update (offset), so Telegram does not send it again.
    await fake_api.wait_for("getUpdates", lambda p: p.get("offset") == "502")
    assert await processed(client) == 1


async def test_without_token_the_server_runs_without_telegram(client):
    assert TELEGRAM not in client.app
    assert (await client.get("/healthz")).status == 200
    assert (await client.post("/telegram/webhook", json={"update_id": 1})).status == 404


# -- the secret ------------------------------------------------------------------------------------
async def test_webhook_rejects_a_missing_or_wrong_secret_before_reading_the_body(bot, fake_api):
    update = text_update(10, 1001, "안녕하세요")
    for secret in (None, "wrong-secret", SECRET + "x", ""):
        response = await post(bot, update, secret=secret)
        assert response.status == 403
        assert (await response.json())["error"]["code"] == "forbidden"
    # Not even parsed: a body that is not JSON gets the same 403, not a 400.
    garbage = await bot.post(
        "/telegram/webhook", data=b"{not json", headers={"X-Telegram-Bot-Api-Secret-Token": "nope"}
    )
    assert garbage.status == 403
    await asyncio.sleep(0.2)
    assert not fake_api.calls_to("sendMessage")
    assert await processed(bot) == 0
    # The same update with the secret is processed.
    assert (await post(bot, update)).status == 200
    await fake_api.wait_for("sendMessage", to_chat(1001))


async def test_without_a_configured_secret_one_is_derived_so_the_webhook_is_never_open(
    make_client, bot_settings, fake_api
):
    settings = bot_settings(CIVICBOT_TELEGRAM_SECRET="")
    client = await connected(await make_client(settings))
    (webhook,) = fake_api.calls_to("setWebhook")
    derived = webhook["secret_token"]
    assert derived == webhook_secret(settings) and len(derived) >= 32
    assert (await post(client, text_update(15, 1014, "안녕"), secret="")).status == 403
    assert (await post(client, text_update(15, 1014, "안녕"), secret=derived)).status == 200


def test_a_secret_telegram_would_refuse_is_a_config_error(make_settings):
    for bad in ("has space", "ünïcode", "x" * 257, "semi;colon"):
        with pytest.raises(ConfigError, match="CIVICBOT_TELEGRAM_SECRET"):
            make_settings(CIVICBOT_TELEGRAM_SECRET=bad)
    assert make_settings(CIVICBOT_TELEGRAM_SECRET="Ok_secret-123").telegram_secret == "Ok_secret-123"


async def test_a_body_that_is_not_json_with_the_secret_is_a_400(bot):
    response = await bot.post(
        "/telegram/webhook", data=b"{not json", headers={"X-Telegram-Bot-Api-Secret-Token": SECRET}
    )
    assert response.status == 400
    assert (await response.json())["error"]["code"] == "invalid_json"


# -- conversations -----------------------------------------------------------------------------------
async def test_a_korean_question_gets_the_answer_with_its_source_as_a_link(bot, fake_api):
    response = await post(bot, text_update(20, 1002, QUESTION_KO))
    assert response.status == 200
    assert (await response.json())["outcome"] == "processed"
    (sent,) = fake_api.calls_to("sendMessage")
    assert int(sent["chat_id"]) == 1002
    assert sent["parse_mode"] == "HTML"
    assert "2018년" in sent["text"]
    # The citation is the document itself, served by the bot under its public address, dated.
    assert re.search(
        r'출처: <a href="https?://[^"]+/knowledge/ko/autonomous-driving-testbed\.md#:~:text=[^"]+">'
        r"상암동 5G 자율주행 테스트베드[^<]*\(2019년 12월 기준\)</a>",
        sent["text"],
    ), sent["text"]
    assert sent["reply_markup"] == {"remove_keyboard": True}  # no buttons: clear any old keyboard


async def test_start_greets_in_the_users_language_and_offers_the_other(bot, fake_api):
    await post(bot, text_update(30, 1003, "/start", language="en"))
    sent = await fake_api.wait_for("sendMessage", to_chat(1003))
    assert "Hello" in sent["text"] or "Hi there" in sent["text"]
    buttons = inline_buttons(sent)
    assert ("See polls", "/polls") in buttons and ("Report a problem", "/report") in buttons
    assert ("한국어", "/lang ko") in buttons
    # Pressing it switches the conversation to Korean, and the bot answers the callback query.
    await post(bot, callback_update(31, 1003, "/lang ko", message_id=sent_id(fake_api, 0)))
    (answered,) = fake_api.calls_to("answerCallbackQuery")
    assert answered["callback_query_id"] == "cq31"
    korean = fake_api.calls_to("sendMessage")[1]
    assert "안녕하세요" in korean["text"] or "반가워요" in korean["text"]
    assert ("English", "/lang en") in inline_buttons(korean)
    # A later command keeps Korean even though "/help" is Latin letters.
    await post(bot, text_update(32, 1003, "/help", language="en"))
    assert "제가 할 수 있는 일" in fake_api.calls_to("sendMessage")[2]["text"]


def test_replies_are_escaped_html_with_sources_as_links():
    reply = Reply(
        "<b>굵게</b> & 그대로\n\n출처: 문서 & 제목 — https://example.org/a?x=1&y=2",
        "ask_question",
        0.9,
        "ko",
        sources=[
            Source("a", "문서 & 제목", "https://example.org/a?x=1&y=2", 0.9),
            Source("b", "다른 문서", "https://example.org/b", 0.88),
            Source("c", "주소 없는 문서", "", 0.87),
        ],
    )
    assert render_text(reply) == (
        "&lt;b&gt;굵게&lt;/b&gt; &amp; 그대로\n\n"
        '출처: <a href="https://example.org/a?x=1&amp;y=2">문서 &amp; 제목</a>\n\n'
        "<b>자세히 보기</b>\n"
        '🔗 <a href="https://example.org/b">다른 문서</a>'
    )


def test_keyboards_put_short_labels_side_by_side_and_long_ones_alone():
    rows = keyboard_rows(
        [(label, label) for label in ["종로구", "중구", "용산구", "성동구", "답하지 않을래요"]]
    )
    assert [[b.text for b in row] for row in rows] == [
        ["종로구", "중구", "용산구"],
        ["성동구", "답하지 않을래요"],
    ]
    long = keyboard_rows([("버스정류장과 마을버스 정류소", "a"), ("전통시장", "b")])
    assert [[b.text for b in row] for row in long] == [["버스정류장과 마을버스 정류소"], ["전통시장"]]


def sent_id(fake_api: FakeBotAPI, index: int) -> int:
    return 1000 + index  # the fake numbers its messages from 1000


async def test_small_talk_in_korean_and_a_command_with_the_bot_name(bot, fake_api):
    await post(bot, text_update(40, 1004, "고마워요"))
    await post(bot, text_update(41, 1004, "/help@civicbot_test_bot"))
    thanks, help_ = fake_api.calls_to("sendMessage")
    assert "고마워요" not in thanks["text"] and thanks["text"]  # a reply, not an echo
    assert "/polls" in help_["text"] and "/report" in help_["text"]
    assert ("투표 보기", "/polls") in inline_buttons(help_)


async def test_a_long_button_payload_is_stored_and_still_works_after_a_restart(
    make_client, bot_settings, fake_api
):
    settings = bot_settings()
    question = "상암동에 있는 5G 자율주행 테스트베드는 언제 처음 만들어졌는지 알려 주세요"
    assert len(question.encode()) > 64
    first = await connected(await make_client(settings))
    markup = await first.app[TELEGRAM]._inline_keyboard([Button("질문", question)])
    data = markup.inline_keyboard[0][0].callback_data
    assert data.startswith("~") and len(data.encode()) <= 64
    await first.close()
    second = await connected(await make_client(settings))
    await post(second, callback_update(50, 1005, data))
    sent = await fake_api.wait_for("sendMessage", to_chat(1005))
    assert "2018년" in sent["text"]
    # An unknown stored key is answered, politely, and nothing else happens.
    await post(second, callback_update(51, 1005, "~doesnotexist"))
    answers = fake_api.calls_to("answerCallbackQuery")
    assert answers[-1]["text"] == "이 버튼은 더 이상 쓸 수 없어요. 처음부터 다시 해 주세요."
    assert len(fake_api.calls_to("sendMessage")) == 1


async def test_a_sticker_gets_a_polite_word_and_a_large_photo_or_long_text_is_refused(
    make_client, bot_settings, fake_api
):
    client = await connected(await make_client(bot_settings(CIVICBOT_PHOTO_MAX_BYTES="1000")))
    sticker = {
        "file_id": "st1",
        "file_unique_id": "ust1",
        "width": 1,
        "height": 1,
        "is_animated": False,
        "is_video": False,
        "type": "regular",
    }
    await post(client, message_update(60, 1006, sticker=sticker))
    await post(client, photo_update(61, 1006, [("big1", 5000), ("big2", 90000)]))
    await post(client, text_update(62, 1006, "가" * 2001))
    unsupported, too_large, too_long = fake_api.calls_to("sendMessage")
    assert "글, 위치, 사진으로" in unsupported["text"]
    assert "사진이 너무 커요" in too_large["text"]
    assert "2000자까지" in too_long["text"]
    assert not fake_api.calls_to("getFile")  # never downloaded


async def test_a_user_over_the_message_limit_hears_it_once_and_others_are_unaffected(
    make_client, bot_settings, fake_api
):
    client = await connected(await make_client(bot_settings(CIVICBOT_MESSAGES_PER_MINUTE="2")))
    for n in range(5):
        await post(client, text_update(65 + n, 1016, "안녕하세요"))
    replies = [params["text"] for params, _ in fake_api.sent_to(1016)]
    assert len(replies) == 3 and "너무 빨리" in replies[2]  # two answers, then one word, then silence
    await post(client, text_update(70, 1017, "안녕하세요"))
    assert len(fake_api.sent_to(1017)) == 1


# -- robustness ------------------------------------------------------------------------------------
async def test_a_repeated_update_id_is_processed_once_even_after_a_restart(
    make_client, bot_settings, fake_api
):
    settings = bot_settings()
    client = await connected(await make_client(settings))
    update = text_update(70, 1007, "안녕하세요")
    first, again = await post(client, update), await post(client, update)
    assert (await first.json())["outcome"] == "processed"
    assert again.status == 200 and (await again.json())["outcome"] == "duplicate"
    await client.close()
    restarted = await connected(await make_client(settings))
    later = await post(restarted, update)
    assert later.status == 200 and (await later.json())["outcome"] == "duplicate"
    assert len(fake_api.calls_to("sendMessage")) == 1


async def test_an_update_a_crashed_run_left_half_done_is_processed_again(bot, fake_api):
    bot_id = bot.app[TELEGRAM].bot.id
    await bot.app[keys.DATABASE].execute_write_fn(
        lambda db: db.execute(
            "INSERT INTO telegram_updates (bot_id, update_id, run_id, done, received_at) VALUES (?, 72, 'old-run', 0, ?)",
            [bot_id, "2026-01-01T00:00:00+00:00"],
        )
    )
    response = await post(bot, text_update(72, 1015, "안녕하세요"))
    assert (await response.json())["outcome"] == "processed"
    await fake_api.wait_for("sendMessage", to_chat(1015))
    assert (await (await post(bot, text_update(72, 1015, "안녕하세요"))).json())["outcome"] == "duplicate"


async def test_concurrent_deliveries_of_one_update_are_processed_once(bot, fake_api):
    update = text_update(71, 1008, "안녕")
    responses = await asyncio.gather(*(post(bot, update) for _ in range(5)))
    outcomes = sorted([(await r.json())["outcome"] for r in responses])
    assert outcomes == ["duplicate"] * 4 + ["processed"]
    assert len(fake_api.calls_to("sendMessage")) == 1


async def test_updates_the_bot_cannot_handle_get_200_and_are_logged(bot, fake_api, caplog):
    caplog.set_level(logging.INFO)
    edited = text_update(80, 1009, "수정한 메시지")
    edited["edited_message"] = edited.pop("message")
    member = {
        "update_id": 81,
        "my_chat_member": {
            "chat": {"id": 1009, "type": "private"},
            "from": {"id": 1009, "is_bot": False, "first_name": "시민"},
            "date": 1,
            "old_chat_member": {"status": "member", "user": {"id": 1, "is_bot": True, "first_name": "B"}},
            "new_chat_member": {
                "status": "kicked",
                "user": {"id": 1, "is_bot": True, "first_name": "B"},
                "until_date": 0,
            },
        },
    }
    malformed = {"update_id": 82, "message": "not a message"}
    no_id = {"message": {"text": "hi"}}
    for update in (edited, member, malformed, no_id):
        response = await post(bot, update)
        assert response.status == 200, update
    assert "update 80 not handled (edited_message)" in caplog.text
    assert "update 81 not handled (my_chat_member)" in caplog.text
    assert "ignored an update that is not one" in caplog.text
    assert not fake_api.calls_to("sendMessage")


async def test_a_handler_that_raises_is_answered_200_and_the_server_goes_on(
    bot, fake_api, caplog, monkeypatch
):
    dialogue = bot.app[keys.ENGINE].engine.dialogue
    real_handle = dialogue.handle

    async def broken_for_one_chat(incoming):
        if incoming.conversation_id == "1010":
            raise RuntimeError("a bug in a handler")
        return await real_handle(incoming)

    monkeypatch.setattr(dialogue, "handle", broken_for_one_chat)
    response = await post(bot, text_update(90, 1010, "안녕하세요"))
    assert response.status == 200
    assert "a bug in a handler" in caplog.text
    sorry = await fake_api.wait_for("sendMessage", to_chat(1010))
    assert "문제가 생겼어요" in sorry["text"]
    # Telegram itself failing a call is a handler error too.
    fake_api.fail_next("sendMessage", 500, "Internal Server Error")
    assert (await post(bot, text_update(91, 1011, "안녕하세요"))).status == 200
    # The server still answers, on the webhook and elsewhere.
    assert (await bot.get("/healthz")).status == 200
    assert (await post(bot, text_update(92, 1012, "안녕하세요"))).status == 200
    await fake_api.wait_for("sendMessage", to_chat(1012))


async def test_a_webhook_call_while_starting_is_a_503_so_telegram_retries(
    aiohttp_client, bot_settings, fake_api
):
    fake_api.fail_next("getMe", 502, "Bad Gateway")  # Telegram unreachable at first: we retry
    app = create_app(bot_settings())
    client = await aiohttp_client(app)  # the port is open; the engine and the bot are still starting
    response = await post(client, text_update(95, 1013, "안녕"))
    assert response.status == 503
    assert (await response.json())["error"]["code"] == "starting"
    await wait_ready(app)
    await connected(client)
    assert len(fake_api.calls_to("getMe")) >= 2
    assert (await post(client, text_update(95, 1013, "안녕"))).status == 200  # the redelivery
    await fake_api.wait_for("sendMessage", to_chat(1013))


# -- notifications ---------------------------------------------------------------------------------
async def enqueue(client, recipient: str, text: str) -> int:
    return await client.app[keys.DATABASE].execute_write_fn(
        lambda db: outbox.enqueue(db, "telegram", recipient, text)
    )


async def outbox_row(client, notification_id: int) -> dict:
    def read(db):
        row = db.execute(
            "SELECT attempts, sent_at, failed_at, last_error FROM outbox WHERE id = ?", [notification_id]
        ).fetchone()
        return dict(zip(("attempts", "sent_at", "failed_at", "last_error"), row, strict=True))

    return await client.app[keys.DATABASE].execute_fn(read)


async def test_a_status_change_notification_is_delivered_from_the_outbox(bot, fake_api):
    text = "신고하신 SEL-7K3F9Q 건이 '처리 중'으로 바뀌었어요."
    nid = await enqueue(bot, "1020", text)
    sent = await fake_api.wait_for("sendMessage", to_chat(1020))
    assert sent["text"] == text
    await asyncio.sleep(0.2)
    row = await outbox_row(bot, nid)
    assert row["sent_at"] and row["attempts"] == 1 and not row["failed_at"]
    await asyncio.sleep(1.5)  # sent once, not on every pass
    assert len(fake_api.calls_to("sendMessage")) == 1


async def test_a_429_is_honoured_with_its_retry_after(bot, fake_api):
    fake_api.fail_next("sendMessage", 429, "Too Many Requests: retry after 2", retry_after=2)
    nid = await enqueue(bot, "1021", "투표가 마감되었어요. 결과를 확인해 보세요.")
    await fake_api.wait_for("sendMessage", lambda p: len(fake_api.calls_to("sendMessage")) >= 2, timeout=15)
    first, second = [c.at for c in fake_api.calls if c.method == "sendMessage"][:2]
    assert second - first >= 1.9  # not before Telegram said
    await asyncio.sleep(0.2)
    row = await outbox_row(bot, nid)
    assert row["sent_at"] and row["attempts"] == 2 and "429" in row["last_error"]


async def test_a_blocked_bot_gives_the_notification_up(bot, fake_api):
    fake_api.fail_next("sendMessage", 403, "Forbidden: bot was blocked by the user")
    nid = await enqueue(bot, "1022", "처리가 끝났어요.")
    await fake_api.wait_for("sendMessage", to_chat(1022))
    await asyncio.sleep(1.5)
    row = await outbox_row(bot, nid)
    assert row["failed_at"] and not row["sent_at"] and "blocked" in row["last_error"]
    assert len(fake_api.calls_to("sendMessage")) == 1  # not retried


async def test_notifications_queued_while_down_are_sent_after_a_restart(make_client, bot_settings, fake_api):
    settings = bot_settings()
    first = await connected(await make_client(settings))
    fake_api.fail_next("sendMessage", 502, "Bad Gateway")
    nid = await enqueue(first, "1023", "신고가 접수되었어요.")
    await fake_api.wait_for("sendMessage", to_chat(1023))
    await first.close()  # down, with the notification to be retried later
    second = await connected(await make_client(settings))
    await second.app[keys.DATABASE].execute_write_fn(
        lambda db: db.execute("UPDATE outbox SET not_before = '2000-01-01' WHERE id = ?", [nid])
    )  # skip the back-off instead of waiting 30 s
    await fake_api.wait_for("sendMessage", lambda p: len(fake_api.calls_to("sendMessage")) == 2)
    await asyncio.sleep(0.2)
    assert (await outbox_row(second, nid))["sent_at"]


# -- secrets -----------------------------------------------------------------------------------------
async def test_the_token_and_the_secret_never_reach_a_log_line(make_client, bot_settings, fake_api, caplog):
    caplog.set_level(logging.DEBUG)
    client = await connected(await make_client(bot_settings()))
    fake_api.add_file("ph1", b"\xff\xd8\xff\xe0 tiny jpeg")
    await post(client, text_update(100, 1030, QUESTION_KO))
    await post(client, photo_update(101, 1030, [("ph1", 14)]))
    await post(client, text_update(102, 1030, "/start"))
    await post(client, {"update_id": 103, "edited_message": text_update(0, 1030, "x")["message"]})
    await post(client, text_update(104, 1030, "x"), secret="wrong")
    fake_api.fail_next("sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1)
    await enqueue(client, "1030", "알림")
    await fake_api.wait_for(
        "sendMessage", lambda p: p["text"] == "알림" and len(fake_api.calls_to("sendMessage")) >= 5
    )
    assert fake_api.calls_to("getFile") and fake_api.calls_to("download")
    await client.close()
    assert len(caplog.records) > 10  # the run did log: the check below means something
    logged = caplog.text + "".join(str(r.args) for r in caplog.records)
    assert TOKEN not in logged and TOKEN.split(":")[1] not in logged
    assert SECRET not in logged
