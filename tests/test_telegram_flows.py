"""Voting and reporting in Telegram, end to end: the real app, the real flows, a fake Bot API.

A citizen votes through inline keyboards (the poll message is edited in place while they choose, the
receipt comes as a message of its own) and files a complaint with a shared location and a real
JPEG; officials then close the poll and move the complaint on, and the notices reach the chat
through the outbox.
"""

from __future__ import annotations

import io
import re

from fake_bot_api import (
    PUBLIC_URL,
    FakeBotAPI,
    button_payload,
    callback_update,
    connected,
    inline_buttons,
    location_update,
    photo_update,
    post,
    text_update,
    to_chat,
)
from PIL import Image


def last_edit(fake_api: FakeBotAPI) -> dict:
    return fake_api.calls_to("editMessageText")[-1]


def keyboard(params: dict) -> list[list[str]]:
    return [[b["text"] for b in row] for row in params["reply_markup"]["inline_keyboard"]]


def tiny_jpeg(size: tuple[int, int] = (64, 48)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 60, 40)).save(out, format="JPEG", quality=80)
    return out.getvalue()


class Chat:
    """One citizen's private chat with the bot: sends updates, remembers the update ids."""

    def __init__(self, client, fake_api: FakeBotAPI, chat_id: int, first_update: int) -> None:
        self.client, self.fake, self.id = client, fake_api, chat_id
        self._next = first_update

    def _update_id(self) -> int:
        self._next += 1
        return self._next

    async def say(self, text: str) -> dict:
        response = await post(self.client, text_update(self._update_id(), self.id, text))
        assert response.status == 200
        return self.last()

    async def press(self, data: str, message_id: int) -> None:
        response = await post(self.client, callback_update(self._update_id(), self.id, data, message_id))
        assert response.status == 200
        assert (await response.json())["outcome"] == "processed"

    async def send(self, update_builder, *args) -> dict:
        response = await post(self.client, update_builder(self._update_id(), self.id, *args))
        assert response.status == 200
        return self.last()

    def last(self) -> dict:
        return self.fake.sent_to(self.id)[-1][0]

    def last_id(self) -> int:
        return self.fake.sent_to(self.id)[-1][1]


# -- voting ----------------------------------------------------------------------------------------
async def test_a_full_vote_with_receipt_through_inline_buttons(bot, fake_api, official_token):
    chat = Chat(bot, fake_api, 2001, 100)
    listing = await chat.say("/polls")
    listing_id = chat.last_id()
    open_poll = button_payload(listing, "공공 와이파이")
    poll_id = open_poll.split()[1]
    assert open_poll == f"/vote {poll_id}"
    assert all(len(data.encode()) <= 64 for _, data in inline_buttons(listing))

    # Choosing happens in the poll message itself: each press edits it.
    await chat.press(open_poll, listing_id)
    district = last_edit(fake_api)
    assert int(district["message_id"]) == listing_id and "자치구" in district["text"]
    assert keyboard(district)[0] == ["종로구", "중구", "용산구"]  # short labels three a row
    await chat.press(button_payload(district, "마포구"), listing_id)
    age = last_edit(fake_api)
    assert "연령대" in age["text"]
    await chat.press(button_payload(age, "30대"), listing_id)
    ballot = last_edit(fake_api)
    assert "공공 와이파이" in ballot["text"] and "골라 주세요" in ballot["text"]
    assert len(fake_api.sent_to(chat.id)) == 1  # no new message while choosing

    await chat.press(button_payload(ballot, "버스정류장"), listing_id)
    # The ballot's keyboard is retired and the receipt arrives as a message to keep.
    (retired,) = fake_api.calls_to("editMessageReplyMarkup")
    assert int(retired["message_id"]) == listing_id and not retired.get("reply_markup")
    receipt_message = chat.last()
    receipt = re.search(r"영수증 코드: ([A-Z2-7]{20,})", receipt_message["text"]).group(1)
    assert f"{PUBLIC_URL}/polls/{poll_id}" in receipt_message["text"]  # the results link
    pressed = [a["callback_query_id"] for a in fake_api.calls_to("answerCallbackQuery")]
    assert pressed == ["cq102", "cq103", "cq104", "cq105"]  # every press answered

    # The receipt checks out, in chat and on the public API.
    await chat.press(button_payload(receipt_message, "확인"), chat.last_id())
    assert receipt in chat.last()["text"]
    assert (await bot.get(f"/api/polls/{poll_id}/receipts/{receipt}")).status == 200

    # One person, one vote: the same citizen cannot vote again.
    await chat.press(open_poll, listing_id)
    assert "이미 이 투표에 참여하셨어요" in chat.last()["text"]

    # When the poll closes, the voter hears about it in the chat, through the outbox.
    closed = await bot.post(
        f"/api/admin/polls/{poll_id}/close", headers={"Authorization": f"Bearer {official_token}"}
    )
    assert closed.status == 200, await closed.text()
    notice = await fake_api.wait_for(
        "sendMessage", lambda p: to_chat(chat.id)(p) and "마감" in p["text"] and "parse_mode" not in p
    )
    assert f"{PUBLIC_URL}/polls/{poll_id}" in notice["text"]
    assert receipt not in notice["text"]


async def test_multiple_choice_toggles_in_place_and_survives_a_restart(make_client, bot_settings, fake_api):
    settings = bot_settings()
    client = await connected(await make_client(settings))
    chat = Chat(client, fake_api, 2002, 200)
    listing = await chat.say("/polls")
    message_id = chat.last_id()
    open_poll = button_payload(listing, "스마트 보안등")
    await chat.press(open_poll, message_id)
    await chat.press(button_payload(last_edit(fake_api), "답하지 않을래요"), message_id)
    await chat.press(button_payload(last_edit(fake_api), "답하지 않을래요"), message_id)
    await chat.press(button_payload(last_edit(fake_api), "어두운 골목"), message_id)
    toggled = last_edit(fake_api)
    assert any(label.startswith("✅ 밤에 어두운 골목") for row in keyboard(toggled) for label in row)
    assert ["선택 완료 (1/2)"] in keyboard(toggled)

    # The server restarts between two presses; the buttons on the phone still work.
    await client.close()
    client = await connected(await make_client(settings))
    chat.client = client
    await chat.press(button_payload(toggled, "1인 가구"), message_id)
    both = last_edit(fake_api)
    assert sum(label.startswith("✅") for row in keyboard(both) for label in row) == 2
    await chat.press(button_payload(both, "선택 완료"), message_id)
    assert "영수증 코드" in chat.last()["text"]
    assert len(fake_api.sent_to(chat.id)) == 2  # the listing, then the receipt: the rest were edits


# -- reporting -------------------------------------------------------------------------------------
async def test_a_full_complaint_with_location_and_photo(bot, fake_api, official_token):
    chat = Chat(bot, fake_api, 2003, 300)
    asked = await chat.say("/report")
    assert "어떤 문제" in asked["text"]
    where = await chat.say("집 앞 도로에 포트홀이 생겨서 차가 덜컹거려요")
    # Telegram's idiom for "where": a reply-keyboard button that shares the location.
    (share,) = where["reply_markup"]["keyboard"][0]
    assert share == {"text": "📍 현재 위치 보내기", "request_location": True}
    assert where["reply_markup"]["one_time_keyboard"] is True

    photo_prompt = await chat.send(location_update, 37.5663, 126.9779)
    assert "사진" in photo_prompt["text"]
    assert button_payload(photo_prompt, "건너뛰기") == "/report skip"

    jpeg = tiny_jpeg((320, 240))
    fake_api.add_file("thumb1", tiny_jpeg((32, 24)))
    fake_api.add_file("full1", jpeg)
    categories = await chat.send(photo_update, [("thumb1", 600), ("full1", len(jpeg))])
    (got,) = fake_api.calls_to("getFile")
    assert got["file_id"] == "full1"  # the largest size within the limit
    assert fake_api.calls_to("download") == [{"path": "photos/full1.jpg"}]
    category = button_payload(categories, "포트홀")
    assert category == "/report category road_damage"

    await chat.press(category, chat.last_id())
    confirm = chat.last()
    assert button_payload(confirm, "취소") == "/cancel"
    await chat.press(button_payload(confirm, "접수"), chat.last_id())
    done = chat.last()["text"]
    tracking = re.search(r"\b([A-Z]{2,5}-[0-9A-Z]{6})\b", done).group(1)
    assert done and fake_api.calls_to("editMessageReplyMarkup")  # the used keyboards were retired

    # The photo was stored with the complaint (officials can fetch it), still a 320x240 image.
    auth = {"Authorization": f"Bearer {official_token}"}
    stored = await bot.get(f"/api/admin/complaints/{tracking}/photo", headers=auth)
    assert stored.status == 200
    assert Image.open(io.BytesIO(await stored.read())).size == (320, 240)
    public = await (await bot.get(f"/api/complaints/{tracking}")).json()
    assert public["category"] == "road_damage" or public.get("category", {}).get("code") == "road_damage"

    # An official's change reaches the citizen through the outbox.
    changed = await bot.post(
        f"/api/admin/complaints/{tracking}/status",
        json={"status": "in_progress", "note": "보수 공사를 시작했어요."},
        headers=auth,
    )
    assert changed.status == 200, await changed.text()
    assert (await changed.json())["notified"] is True
    notice = await fake_api.wait_for(
        "sendMessage", lambda p: to_chat(chat.id)(p) and tracking in p["text"] and "보수 공사" in p["text"]
    )
    assert "parse_mode" not in notice  # notifications are plain text

    # And the citizen can ask for the status in chat.
    status = await chat.say(f"/status {tracking}")
    assert tracking in status["text"] and "처리 중" in status["text"]


async def test_a_typed_place_name_works_too_and_the_keyboard_is_taken_away(bot, fake_api):
    chat = Chat(bot, fake_api, 2004, 400)
    await chat.say("/report")
    await chat.say("가로등이 꺼져서 골목이 너무 어두워요")
    answer = await chat.say("마포구 서교동")
    assert "사진" in answer["text"] or inline_buttons(answer)
    await chat.say("/cancel")
    assert chat.last()["reply_markup"] == {"remove_keyboard": True}


async def test_decomposed_and_dirty_text_from_telegram_is_cleaned_and_masked(bot, fake_api):
    """The adapter cleans the text first: NFD Hangul, full-width digits, spaced hyphens, a zero-width
    space and control characters never reach the confirm step or the stored report."""
    import unicodedata

    chat = Chat(bot, fake_api, 2009, 390)
    await chat.say("/report")
    typed = unicodedata.normalize("NFD", "도로가 파였어요 연락처 ０１０ - 6666 - 7777") + "\x0b\u200b\x1b[31m"
    await chat.say(typed)
    prompt = await chat.send(location_update, 37.5663, 126.9779)
    await chat.press(button_payload(prompt, "건너뛰기"), chat.last_id())
    await chat.press("/report category road_damage", chat.last_id())
    confirm = chat.last()["text"]
    assert "도로가 파였어요 연락처 [전화번호]" in confirm
    assert "6666" not in confirm and "\x0b" not in confirm and "[31m" not in confirm
