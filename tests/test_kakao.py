"""The KakaoTalk channel through a fake Open Builder: every flow, the limits, the clock and the secret.

``OpenBuilder`` posts real-shaped skill payloads (userRequest, bot, action with clientExtra and the
secure image plugin's params) to the real app on a real SQLite file; the only fakes are the network
peers Kakao would be: the callbackUrl, the image CDN and the business-message provider (one local
aiohttp server plays all three).
"""

from __future__ import annotations

import asyncio
import io
import json
import logging
import re
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer
from conftest import ROOT
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from PIL import Image

from civicbot import keys, outbox
from civicbot.channels import kakao
from civicbot.config import ConfigError
from civicbot.dialogue import Button, Reply, Source

pytestmark = pytest.mark.usefixtures("built_index")

SECRET = "kakao-skill-secret-0123456789"
BOT_ID = "5f1d2c3b4a5e6f7a8b9c0d1e"
PUBLIC_URL = "https://civicbot.example.org"
QUESTION_KO = "상암동 자율주행 테스트베드는 언제 만들어졌나요?"


# -- the fake peers: callbackUrl, image CDN, 알림톡 provider -----------------------------------------
class FakeKakao:
    """One local server for everything Kakao's side would answer."""

    def __init__(self) -> None:
        self.callbacks: list[dict] = []
        self.sent: list[dict] = []
        self.provider_headers: list[str] = []
        self.provider_status = 200
        self.images: dict[str, bytes] = {}
        self.callback_arrived = asyncio.Event()
        app = web.Application()
        app.router.add_post("/callback/{token}", self._callback)
        app.router.add_post("/alimtalk/send", self._provider)
        app.router.add_get("/img/{name}", self._image)
        self.server = TestServer(app)

    async def start(self) -> None:
        await self.server.start_server()

    def url(self, path: str) -> str:
        return str(self.server.make_url(path))

    async def _callback(self, request: web.Request) -> web.Response:
        self.callbacks.append(await request.json())
        self.callback_arrived.set()
        return web.json_response({"taskId": request.match_info["token"], "status": "SUCCESS"})

    async def _provider(self, request: web.Request) -> web.Response:
        self.provider_headers.append(request.headers.get("Authorization", ""))
        self.sent.append(await request.json())
        return web.json_response({"code": "ok"}, status=self.provider_status)

    async def _image(self, request: web.Request) -> web.Response:
        return web.Response(body=self.images[request.match_info["name"]], content_type="image/jpeg")

    async def wait_sent(self, count: int, timeout: float = 15.0) -> None:
        deadline = time.monotonic() + timeout
        while len(self.sent) < count:
            assert time.monotonic() < deadline, f"the provider got {len(self.sent)} of {count}"
            await asyncio.sleep(0.05)


@pytest.fixture
async def fake_kakao():
    fake = FakeKakao()
    await fake.start()
    yield fake
    await fake.server.close()


@pytest.fixture
def polls_dir(tmp_path: Path) -> Path:
    """The bundled polls, open on KakaoTalk too (a city lists kakao in a poll's channels)."""
    folder = tmp_path / "polls"
    folder.mkdir()
    for path in (ROOT / "polls").glob("*.yaml"):
        text = path.read_text(encoding="utf-8").replace(
            "channels: [telegram, web]", "channels: [telegram, web, kakao]"
        )
        (folder / path.name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def kakao_settings(make_settings, polls_dir, fake_kakao):
    def build(**env: str):
        base = {
            "CIVICBOT_KAKAO_SECRET": SECRET,
            "CIVICBOT_KAKAO_BOT_ID": BOT_ID,
            "CIVICBOT_KAKAO_PHOTO_BLOCK_ID": "photo-block-1",
            "CIVICBOT_KAKAO_IMAGE_HOSTS": "127.0.0.1",
            "CIVICBOT_PUBLIC_URL": PUBLIC_URL,
            "CIVICBOT_POLLS_DIR": str(polls_dir),
        }
        return make_settings(**{**base, **env})

    return build


@pytest.fixture
async def kclient(make_client, kakao_settings):
    return await make_client(kakao_settings())


# -- the fake Open Builder client ---------------------------------------------------------------
def skill_payload(
    utterance: str,
    user: str,
    *,
    extra: dict | None = None,
    params: dict | None = None,
    detail: dict | None = None,
    callback: str | None = None,
    lang: str = "ko",
    bot_id: str = BOT_ID,
) -> dict:
    """A skill payload shaped like Open Builder's (fallback block, botUserKey user)."""
    request = {
        "timezone": "Asia/Seoul",
        "params": {"ignoreMe": "true"},
        "block": {"id": "fallback-block", "name": "폴백 블록"},
        "utterance": utterance,
        "lang": lang,
        "user": {
            "id": user,
            "type": "botUserKey",
            "properties": {"botUserKey": user, "bot_user_key": user, "plusfriendUserKey": "pf-" + user},
        },
    }
    if callback:
        request["callbackUrl"] = callback
    return {
        "intent": {"id": "fallback-block", "name": "폴백 블록"},
        "userRequest": request,
        "bot": {"id": bot_id, "name": "서울 시민봇"},
        "action": {
            "name": "civicbot",
            "clientExtra": extra if extra is not None else {},
            "params": params or {},
            "id": "skill-1",
            "detailParams": detail or {},
        },
        "contexts": [],
    }


def assert_valid(response: dict) -> dict:
    """A version 2.0 skill response within Kakao's limits."""
    assert response["version"] == "2.0"
    if response.get("useCallback"):
        return response
    template = response["template"]
    outputs = template["outputs"]
    assert 1 <= len(outputs) <= kakao.MAX_OUTPUTS
    for output in outputs:
        (kind,) = output
        assert kind in ("simpleText", "textCard")
        if kind == "simpleText":
            assert 0 < len(output["simpleText"]["text"]) <= kakao.MAX_TEXT
        else:
            card = output["textCard"]
            assert len(card.get("title", "")) <= kakao.MAX_CARD_TITLE
            assert len(card.get("description", "")) <= kakao.MAX_CARD_DESCRIPTION
            assert 1 <= len(card["buttons"]) <= kakao.MAX_CARD_BUTTONS
            for button in card["buttons"]:
                assert len(button["label"]) <= kakao.MAX_LABEL
                assert button["action"] == "webLink" and button["webLinkUrl"].startswith("http")
    replies = template.get("quickReplies", [])
    assert len(replies) <= kakao.MAX_QUICK_REPLIES
    for reply in replies:
        assert 0 < len(reply["label"]) <= kakao.MAX_LABEL
        assert reply["action"] in ("message", "block")
    return template


def texts(response: dict) -> str:
    parts = []
    for output in response["template"]["outputs"]:
        if "simpleText" in output:
            parts.append(output["simpleText"]["text"])
        else:
            parts.append(
                output["textCard"].get("title", "") + "\n" + output["textCard"].get("description", "")
            )
    return "\n".join(parts)


def cards(response: dict) -> list[dict]:
    return [o["textCard"] for o in response["template"]["outputs"] if "textCard" in o]


class OpenBuilder:
    """One KakaoTalk user talking to the channel's bot, the way Open Builder calls our skill."""

    def __init__(self, client, user: str, lang: str = "ko") -> None:
        self.client, self.user, self.lang = client, user, lang
        self.last: dict = {}

    async def post(self, payload: dict, *, path: str = kakao.SKILL_PATH, secret: str | None = SECRET) -> dict:
        headers = {kakao.SECRET_HEADER: secret} if secret is not None else {}
        response = await self.client.post(path, json=payload, headers=headers)
        assert response.status == 200, await response.text()
        self.last = await response.json()
        assert_valid(self.last)
        return self.last

    async def say(self, text: str, **kwargs) -> dict:
        return await self.post(skill_payload(text, self.user, lang=self.lang, **kwargs))

    def quick(self, contains: str) -> dict:
        for reply in self.last["template"].get("quickReplies", []):
            if contains in reply["label"] or contains in reply.get("messageText", ""):
                return reply
        raise AssertionError(f"no quick reply with {contains!r}: {self.last['template'].get('quickReplies')}")

    async def press(self, contains: str) -> dict:
        """Tap a quick reply: Kakao sends its messageText as the utterance and its extra as clientExtra."""
        reply = self.quick(contains)
        return await self.say(reply["messageText"], extra=reply.get("extra", {}))

    def labels(self) -> list[str]:
        return [r["label"] for r in self.last["template"].get("quickReplies", [])]


def tiny_jpeg(size: tuple[int, int] = (320, 240)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 60, 40)).save(out, format="JPEG", quality=80)
    return out.getvalue()


def secure_image_params(url: str) -> tuple[dict, dict]:
    """action.params / detailParams as the secure image plugin fills them."""
    value = json.dumps(
        {
            "privacyAgree": "Y",
            "imageQuantity": "1",
            "secureUrls": f"List({url})",
            "expire": "2026-11-30T12:00:00",
        }
    )
    return {"secureimage": value}, {
        "secureimage": {"origin": f"List({url})", "value": value, "groupName": ""}
    }


# -- configuration, the route and authentication ------------------------------------------------
async def test_without_the_settings_the_route_is_absent(client):
    response = await client.post(
        kakao.SKILL_PATH, json=skill_payload("안녕", "u0"), headers={kakao.SECRET_HEADER: SECRET}
    )
    assert response.status == 404


def test_secret_and_bot_id_go_together_and_the_secret_must_be_strong(make_settings):
    with pytest.raises(ConfigError, match="go together"):
        make_settings(CIVICBOT_KAKAO_SECRET=SECRET)
    with pytest.raises(ConfigError, match="16-256"):
        make_settings(CIVICBOT_KAKAO_SECRET="short", CIVICBOT_KAKAO_BOT_ID=BOT_ID)
    with pytest.raises(ConfigError, match="REPLY_SECONDS"):
        make_settings(CIVICBOT_KAKAO_REPLY_SECONDS="6")
    assert SECRET not in repr(make_settings(CIVICBOT_KAKAO_SECRET=SECRET, CIVICBOT_KAKAO_BOT_ID=BOT_ID))


async def test_a_call_needs_the_secret_in_the_header_or_the_path_and_our_bot_id(kclient):
    user = OpenBuilder(kclient, "auth-user")
    for headers in ({}, {kakao.SECRET_HEADER: "wrong-secret-0123456789"}):
        response = await kclient.post(kakao.SKILL_PATH, json=skill_payload("안녕", "x"), headers=headers)
        assert response.status == 403
        assert (await response.json())["error"]["code"] == "forbidden"
    assert (
        await kclient.post(f"{kakao.SKILL_PATH}/not-the-secret", json=skill_payload("안녕", "x"))
    ).status == 403
    other_bot = await kclient.post(
        kakao.SKILL_PATH,
        json=skill_payload("안녕", "x", bot_id="someone-else"),
        headers={kakao.SECRET_HEADER: SECRET},
    )
    assert other_bot.status == 403
    # The secret as the skill URL's last part works as well as the header.
    greeting = await user.post(
        skill_payload("안녕하세요", "auth-user"), path=f"{kakao.SKILL_PATH}/{SECRET}", secret=None
    )
    assert "투표 보기" in user.labels()
    assert greeting["template"]["quickReplies"][0]["extra"]["payload"] == "/polls"


# Bodies the shared decoder (civicbot.httpjson) refuses: never a 500.
HOSTILE_JSON = [
    b'{"userRequest": {"utterance": "\\ud800"}}',  # a lone surrogate: not text
    b"[" * 2000 + b"]" * 2000,  # deeper than any payload (a RecursionError in json.loads)
    b'{"n": ' + b"9" * 5000 + b"}",  # more digits than Python converts
    b'{"n": NaN}',
    b"\xff\xfe{}",  # not UTF-8
]


@pytest.mark.parametrize(
    "body",
    [
        *HOSTILE_JSON,
        b"not json",
        b"[1, 2]",
        json.dumps({"userRequest": {"utterance": "안녕"}, "bot": {"id": BOT_ID}}).encode(),
        json.dumps({"userRequest": {"user": {"id": 5}}, "bot": {"id": BOT_ID}}).encode(),
        json.dumps({"userRequest": "x", "bot": {"id": BOT_ID}}).encode(),
        json.dumps({**skill_payload("안녕", "u"), "action": {"clientExtra": {"more": "x"}}}).encode(),
        json.dumps(skill_payload("안녕", "u", callback="javascript:alert(1)")).encode(),
    ],
)
async def test_a_bad_payload_gets_a_friendly_skill_response_not_a_500(kclient, body):
    response = await kclient.post(
        kakao.SKILL_PATH, data=body, headers={kakao.SECRET_HEADER: SECRET, "Content-Type": "application/json"}
    )
    assert response.status == 200
    answer = await response.json()
    assert_valid(answer)
    assert "다시 한 번 보내 주세요" in texts(answer)


@pytest.mark.parametrize("body", HOSTILE_JSON)
async def test_hostile_json_on_the_place_picker_is_a_400(kclient, body):
    picked = await kclient.post(kakao.PICK_PATH, data=body, headers={"Content-Type": "application/json"})
    assert picked.status == 400 and (await picked.json())["error"]["code"] == "invalid_place"


async def test_a_body_over_the_size_limit_is_still_a_skill_response(kclient):
    payload = skill_payload("가" * 70_000, "big")
    response = await kclient.post(kakao.SKILL_PATH, json=payload, headers={kakao.SECRET_HEADER: SECRET})
    assert response.status == 200
    assert_valid(await response.json())


# -- questions and answers ---------------------------------------------------------------------------
async def test_an_answer_with_a_source_is_a_card_with_a_read_source_button(kclient):
    user = OpenBuilder(kclient, "qa-user")
    answer = await user.say(QUESTION_KO)
    (card,) = cards(answer)
    assert card["title"].startswith("상암동 5G 자율주행 테스트베드")
    source = card["buttons"][0]
    assert source["label"] == "원문 보기" and source["action"] == "webLink"
    # The document's own page: its source_url, or our /knowledge/ page made absolute.
    assert source["webLinkUrl"].startswith(("https://www.boannews.com", f"{PUBLIC_URL}/knowledge/"))
    assert "2018년" in texts(answer)
    assert "https://" not in texts(answer)  # the link lives in the button, not in the text


async def test_without_a_public_url_an_answer_keeps_the_title_not_a_raw_path(make_client, kakao_settings):
    # Kakao opens only absolute links: with no CIVICBOT_PUBLIC_URL our /knowledge/ pages cannot be
    # buttons, and their percent-encoded paths must not be left in the bubble either (newcomer F10).
    client = await make_client(kakao_settings(CIVICBOT_PUBLIC_URL=""))
    answer = await OpenBuilder(client, "no-url-user").say("버스 와이파이 되나요?")
    said = texts(answer) + json.dumps(answer, ensure_ascii=False)
    assert "와이파이" in texts(answer)  # answered, from the documents
    assert "/knowledge/" not in said and "%EC" not in said


async def test_english_follows_the_users_language(kclient):
    user = OpenBuilder(kclient, "en-user", lang="en")
    hello = await user.say("Hello!")
    assert "See polls" in user.labels()
    assert "Hello" in texts(hello) or "Hi" in texts(hello)


# -- polls -------------------------------------------------------------------------------------------
async def test_a_full_vote_with_quick_replies_a_receipt_card_and_the_closing_notice(kclient, official_token):
    user = OpenBuilder(kclient, "voter-1")
    await user.say("투표 보기")
    poll_reply = user.quick("공공 와이파이")
    poll_id = poll_reply["extra"]["payload"].split()[1]
    districts = await user.press("공공 와이파이")
    assert "자치구" in texts(districts)
    # 25 districts and a skip do not fit in ten quick replies: the tenth opens the next page.
    assert len(user.labels()) == 10 and user.labels()[-1] == "더 보기 ▶"
    await user.press("더 보기")
    assert "마포구" in user.labels() and user.labels()[-1] == "더 보기 ▶"
    age = await user.press("마포구")
    assert "연령대" in texts(age)
    ballot = await user.press("30대")
    assert "골라 주세요" in texts(ballot)
    receipt = await user.press("버스정류장")
    (card,) = cards(receipt)
    code = re.search(r"영수증 코드: ([A-Z2-7]{26})", card["description"] + texts(receipt)).group(1)
    assert card["buttons"] == [
        {
            "label": "영수증 확인",
            "action": "webLink",
            "webLinkUrl": f"{PUBLIC_URL}/polls/{poll_id}#receipt-title",
        },
        {"label": "결과 보기", "action": "webLink", "webLinkUrl": f"{PUBLIC_URL}/polls/{poll_id}"},
    ]
    assert any("확인" in label for label in user.labels())

    check = await user.press("내 표 확인하기")
    assert code in texts(check)
    assert (await kclient.get(f"/api/polls/{poll_id}/receipts/{code}")).status == 200
    # One person, one vote: the same Kakao user cannot vote twice.
    await user.say("투표 보기")
    again = await user.post(skill_payload("공공 와이파이", "voter-1", extra={"payload": f"/vote {poll_id}"}))
    assert "이미 이 투표에 참여하셨어요" in texts(again)

    # With no provider configured, the closing notice waits for the user's next message.
    closed = await kclient.post(
        f"/api/admin/polls/{poll_id}/close", headers={"Authorization": f"Bearer {official_token}"}
    )
    assert closed.status == 200, await closed.text()
    next_time = await user.say("안녕하세요")
    assert "마감" in next_time["template"]["outputs"][0]["simpleText"]["text"]
    assert f"{PUBLIC_URL}/polls/{poll_id}" in next_time["template"]["outputs"][0]["simpleText"]["text"]
    assert "마감" not in texts(await user.say("안녕하세요"))  # delivered once


async def test_the_voter_key_is_the_hmac_with_channel_kakao(kclient):
    from civicbot import polls

    user = OpenBuilder(kclient, "voter-key-user")
    await user.say("투표 보기")
    poll_id = int(user.quick("공공 와이파이")["extra"]["payload"].split()[1])
    await user.post(skill_payload("x", "voter-key-user", extra={"payload": f"/vote {poll_id}"}))
    await user.post(skill_payload("x", "voter-key-user", extra={"payload": f"/vote {poll_id} district skip"}))
    await user.post(skill_payload("x", "voter-key-user", extra={"payload": f"/vote {poll_id} age skip"}))
    await user.post(skill_payload("x", "voter-key-user", extra={"payload": f"/vote {poll_id} 1"}))
    secret = kclient.app[keys.SETTINGS].secret()
    voted = await kclient.app[keys.DATABASE].execute_fn(
        lambda db: polls.has_voted(db, secret, poll_id, "kakao", "voter-key-user")
    )
    assert voted


# -- reports -----------------------------------------------------------------------------------------
async def test_a_full_report_with_the_map_picker_a_plugin_photo_and_status_news(
    kclient, fake_kakao, official_token
):
    user = OpenBuilder(kclient, "reporter-1")
    asked = await user.say("/report")
    assert "어떤 문제" in texts(asked)
    where = await user.say("집 앞 도로에 포트홀이 생겨서 차가 덜컹거려요")
    # Kakao has no location sharing for bots: a card opens the map picker, bound to this user.
    (picker,) = [c for c in cards(where) if c["title"] == "지도에서 위치 고르기"]
    link = picker["buttons"][0]["webLinkUrl"]
    assert link.startswith(f"{PUBLIC_URL}{kakao.PICK_PATH}#")
    assert "reporter-1" not in link.split("#")[0]  # the token is only in the fragment, never sent to us
    assert "위치 선택 완료" in user.labels()

    page = await kclient.get(kakao.PICK_PATH)
    assert page.status == 200 and "leaflet.js" in await page.text()
    assert (await kclient.get(kakao.PICK_PATH + ".js")).status == 200
    token = urlsplit(link).fragment
    bad = await kclient.post(kakao.PICK_PATH, json={"token": token + "x", "lat": 37.5663, "lon": 126.9779})
    assert bad.status == 403
    assert (await kclient.post(kakao.PICK_PATH, json={"token": token, "lat": "n", "lon": 1})).status == 400
    saved = await kclient.post(kakao.PICK_PATH, json={"token": token, "lat": 37.5663, "lon": 126.9779})
    assert saved.status == 200 and "위치 선택 완료" in (await saved.json())["message"]

    photo_step = await user.press("위치 선택 완료")
    assert "사진" in texts(photo_step)
    (plugin,) = [r for r in photo_step["template"]["quickReplies"] if r["action"] == "block"]
    assert plugin["blockId"] == "photo-block-1"
    assert user.quick("건너뛰기")["extra"]["payload"] == "/report skip"

    # The plugin's block calls the skill with the secure image URL; we fetch it and clean it.
    fake_kakao.images["p1.jpg"] = tiny_jpeg((320, 240))
    params, detail = secure_image_params(fake_kakao.url("/img/p1.jpg"))
    categories = await user.say("사진을 보냈어요", params=params, detail=detail)
    assert "사진을 받았어요" in texts(categories)
    assert user.quick("포트홀")["extra"]["payload"] == "/report category road_damage"
    confirm = await user.press("포트홀")
    assert "이대로 접수할까요" in texts(confirm)
    done = await user.press("접수하기")
    tracking = re.search(r"\b([A-Z]{2,5}-[0-9A-Z]{6})\b", texts(done)).group(1)
    (map_card,) = cards(done)
    assert map_card["buttons"][0]["label"] == "지도에서 보기"
    assert map_card["buttons"][0]["webLinkUrl"] == f"{PUBLIC_URL}/map#{tracking}"

    auth = {"Authorization": f"Bearer {official_token}"}
    stored = await kclient.get(f"/api/admin/complaints/{tracking}/photo", headers=auth)
    assert stored.status == 200
    assert Image.open(io.BytesIO(await stored.read())).size == (320, 240)

    # Status check in the chat, and the official's change reaches the user on their next message.
    status = await user.say(f"/status {tracking}")
    assert tracking in texts(status)
    changed = await kclient.post(
        f"/api/admin/complaints/{tracking}/status",
        json={"status": "in_progress", "note": "보수 공사를 시작했어요."},
        headers=auth,
    )
    assert (await changed.json())["notified"] is True
    news = await user.say("안녕하세요")
    first = news["template"]["outputs"][0]["simpleText"]["text"]
    assert tracking in first and "보수 공사" in first


async def test_a_typed_address_works_without_the_map(kclient):
    user = OpenBuilder(kclient, "reporter-2")
    await user.say("/report")
    await user.say("가로등이 고장나서 밤에 너무 어두워요")
    photo_step = await user.say("마포구 합정동")
    assert "합정동" in texts(photo_step) and "사진" in texts(photo_step)
    categories = await user.press("건너뛰기")
    assert len(user.labels()) >= 2 and "분류" in texts(categories)


async def test_a_photo_too_large_or_from_a_foreign_host_is_refused_kindly(
    make_client, kakao_settings, fake_kakao
):
    client = await make_client(kakao_settings(CIVICBOT_PHOTO_MAX_BYTES="2000"))
    user = OpenBuilder(client, "reporter-3")
    await user.say("/report")
    await user.say("보도블록이 깨져서 걸려 넘어질 뻔했어요")
    await user.say("중구 명동")
    fake_kakao.images["big.jpg"] = tiny_jpeg((800, 600)) + b"\0" * 4000
    params, detail = secure_image_params(fake_kakao.url("/img/big.jpg"))
    too_big = await user.say("사진", params=params, detail=detail)
    assert "사진이 너무 커요" in texts(too_big)
    params, detail = secure_image_params("https://evil.example.net/a.jpg")
    foreign = await user.say("사진", params=params, detail=detail)
    assert "사진을 받아 오지 못했어요" in texts(foreign)
    # The report goes on: skipping the photo still works.
    assert "분류" in texts(await user.say("건너뛰기"))


async def test_status_of_your_reports_lists_them_as_quick_replies(kclient):
    user = OpenBuilder(kclient, "reporter-4")
    await user.say("/report")
    await user.say("쓰레기가 길에 잔뜩 쌓여 있어요")
    await user.say("종로구 청운효자동")
    await user.say("건너뛰기")
    await user.press(user.labels()[0])
    done = await user.press("접수하기")
    tracking = re.search(r"\b([A-Z]{2,5}-[0-9A-Z]{6})\b", texts(done)).group(1)
    mine = await user.say("/status")
    assert any(tracking in label for label in user.labels()), mine
    status = await user.press(tracking[:10])
    assert tracking in texts(status)


# -- the 5-second rule -------------------------------------------------------------------------------
def slow_dialogue(client, monkeypatch, seconds: float) -> None:
    dialogue = client.app[keys.ENGINE].engine.dialogue
    real = dialogue.handle

    async def slow(incoming):
        await asyncio.sleep(seconds)
        return await real(incoming)

    monkeypatch.setattr(dialogue, "handle", slow)


async def test_a_slow_engine_answers_in_time_through_the_callback(
    make_client, kakao_settings, fake_kakao, monkeypatch
):
    client = await make_client(kakao_settings(CIVICBOT_KAKAO_REPLY_SECONDS="0.5"))
    slow_dialogue(client, monkeypatch, 2.0)
    user = OpenBuilder(client, "slow-1")
    started = time.monotonic()
    first = await user.say(QUESTION_KO, callback=fake_kakao.url("/callback/one-use-token"))
    elapsed = time.monotonic() - started
    assert elapsed < 1.5 < kakao.SKILL_TIMEOUT  # well inside Kakao's five seconds
    assert first["useCallback"] is True and first["data"]["text"]
    await asyncio.wait_for(fake_kakao.callback_arrived.wait(), 10)
    (answer,) = fake_kakao.callbacks
    assert_valid(answer)
    assert cards(answer)[0]["buttons"][0]["label"] == "원문 보기"


async def test_without_a_callback_a_slow_answer_comes_with_the_next_message(
    make_client, kakao_settings, monkeypatch
):
    client = await make_client(kakao_settings(CIVICBOT_KAKAO_REPLY_SECONDS="0.3"))
    slow_dialogue(client, monkeypatch, 1.0)
    user = OpenBuilder(client, "slow-2")
    started = time.monotonic()
    first = await user.say(QUESTION_KO)
    assert time.monotonic() - started < 1.0
    assert "시간이 걸리고 있어요" in texts(first)
    await asyncio.sleep(1.5)
    monkeypatch.undo()
    later = await user.say("안녕하세요")
    head = later["template"]["outputs"][0]["simpleText"]["text"]
    assert "2018년" in head and ("https://www.boannews.com" in head or f"{PUBLIC_URL}/knowledge/" in head)


# -- notifications through a provider ------------------------------------------------------------------
async def test_status_news_goes_out_as_alimtalk_through_the_provider(make_client, kakao_settings, fake_kakao):
    client = await make_client(
        kakao_settings(
            CIVICBOT_KAKAO_NOTIFY_URL=fake_kakao.url("/alimtalk/send"),
            CIVICBOT_KAKAO_NOTIFY_KEY="provider-key-123",
            CIVICBOT_KAKAO_SENDER_KEY="sender-key-abc",
            CIVICBOT_KAKAO_TEMPLATE_CODE="CIVIC_STATUS_1",
        )
    )
    db = client.app[keys.DATABASE]
    nid = await db.execute_write_fn(
        lambda conn: outbox.enqueue(conn, "kakao", "user-key-9", "SEL-ABC123 처리 중")
    )
    await fake_kakao.wait_sent(1)
    (sent,) = fake_kakao.sent
    assert sent == {
        "sender_key": "sender-key-abc",
        "template_code": "CIVIC_STATUS_1",
        "user_key": "user-key-9",
        "serial_number": f"civicbot-{nid}",
        "message": "SEL-ABC123 처리 중",
    }
    assert fake_kakao.provider_headers == ["Bearer provider-key-123"]
    await asyncio.sleep(0.2)
    row = await db.execute_fn(
        lambda conn: conn.execute("SELECT sent_at FROM outbox WHERE id = ?", [nid]).fetchone()
    )
    assert row[0] is not None
    # Delivered by the provider: not repeated at the top of the user's next reply.
    user = OpenBuilder(client, "user-key-9")
    assert "처리 중" not in texts(await user.say("안녕하세요"))


@pytest.mark.parametrize(("status", "retried"), [(500, True), (429, True), (400, False)])
async def test_the_provider_failing_is_retried_or_given_up(
    make_client, kakao_settings, fake_kakao, status, retried
):
    fake_kakao.provider_status = status
    client = await make_client(kakao_settings(CIVICBOT_KAKAO_NOTIFY_URL=fake_kakao.url("/alimtalk/send")))
    db = client.app[keys.DATABASE]
    nid = await db.execute_write_fn(lambda conn: outbox.enqueue(conn, "kakao", "u", "알림"))
    await fake_kakao.wait_sent(1)
    await asyncio.sleep(0.3)
    row = await db.execute_fn(
        lambda conn: conn.execute(
            "SELECT sent_at, failed_at, attempts FROM outbox WHERE id = ?", [nid]
        ).fetchone()
    )
    assert row[0] is None and row[2] == 1
    assert (row[1] is None) is retried


# -- secrets and rendering ---------------------------------------------------------------------------
async def test_the_secret_and_keys_never_reach_a_log_line(make_client, kakao_settings, fake_kakao, caplog):
    caplog.set_level(logging.DEBUG)
    fake_kakao.provider_status = 500
    client = await make_client(
        kakao_settings(
            CIVICBOT_KAKAO_NOTIFY_URL=fake_kakao.url("/alimtalk/send"),
            CIVICBOT_KAKAO_NOTIFY_KEY="provider-key-123",
        )
    )
    user = OpenBuilder(client, "log-user")
    await user.say(QUESTION_KO)
    await user.post(skill_payload("안녕", "log-user"), path=f"{kakao.SKILL_PATH}/{SECRET}", secret=None)
    await client.post(f"{kakao.SKILL_PATH}/{SECRET}x", json=skill_payload("안녕", "x"))
    await client.post(kakao.SKILL_PATH, data=b"{", headers={kakao.SECRET_HEADER: SECRET})
    await client.app[keys.DATABASE].execute_write_fn(lambda conn: outbox.enqueue(conn, "kakao", "u", "x"))
    await fake_kakao.wait_sent(1)
    await client.close()
    assert len(caplog.records) > 5
    logged = caplog.text + "".join(str(r.args) for r in caplog.records)
    assert SECRET not in logged and "provider-key-123" not in logged


def test_a_long_answer_is_split_into_bubbles_and_capped_at_three_outputs():
    reply = Reply(
        "가나다라마 " * 700,
        "ask_question",
        1.0,
        "ko",
        buttons=[Button(f"선택지 {i}", f"/x {i}") for i in range(30)],
    )
    template = kakao.render(reply, notices=["알림 하나"])
    assert_valid({"version": "2.0", "template": template})
    assert len(template["outputs"]) == 3
    assert template["quickReplies"][-1]["extra"]["more"][0] == ["선택지 9", "/x 9"]


button_text = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=60) | st.just(" \n ")


@hsettings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=st.text(st.characters(blacklist_categories=("Cs",)), max_size=4000),
    buttons=st.lists(st.tuples(button_text, button_text), max_size=40),
    urls=st.lists(
        st.sampled_from(["https://a.example/x", "https://civic.example/polls/3", "http://b.example/map#S"]),
        max_size=5,
    ),
    expects=st.sampled_from([None, "location", "photo"]),
    notices=st.lists(st.text(max_size=300), max_size=3),
)
def test_any_reply_renders_within_kakaos_limits(text, buttons, urls, expects, notices):
    sources = [Source(f"d{i}", f"문서 {i} " * 10, url, 0.9) for i, url in enumerate(urls)]
    reply = Reply(
        text + "".join(f"\n결과: {u}" for u in urls),
        "x",
        0.5,
        "ko",
        sources[:2],
        [Button(*b) for b in buttons],
        related=sources[2:3],
        expects=expects,
    )
    template = kakao.render(
        reply,
        notices=notices,
        picker_url="https://p.example/k#t",
        photo_block_id="b",
    )
    assert_valid({"version": "2.0", "template": template})


_scalars = st.none() | st.booleans() | st.integers() | st.text(max_size=30)
_shallow = (
    _scalars | st.lists(_scalars, max_size=4) | st.dictionaries(st.text(max_size=12), _scalars, max_size=4)
)
json_values = (
    _shallow | st.lists(_shallow, max_size=3) | st.dictionaries(st.text(max_size=12), _shallow, max_size=4)
)


@hsettings(max_examples=300, deadline=None)
@given(body=json_values, user=json_values, extra=json_values, params=json_values)
def test_any_json_is_read_or_refused_as_a_bad_payload(body, user, extra, params):
    shaped = skill_payload("안녕", "u")
    shaped["userRequest"]["user"]["id"] = user
    shaped["action"]["clientExtra"] = extra
    shaped["action"]["params"] = params
    for candidate in (body, shaped):
        try:
            call = kakao.parse_skill(candidate, 2000)
        except kakao.BadPayload:
            continue
        assert call.user_key and isinstance(call.user_key, str)


def test_the_picker_token_is_bound_to_one_user_and_expires():
    token = kakao.pick_token(b"k", "user-1", now=1000.0)
    assert kakao.read_pick_token(b"k", token, now=1000.0) == "user-1"
    assert kakao.read_pick_token(b"other", token, now=1000.0) is None
    assert kakao.read_pick_token(b"k", token, now=1000.0 + 31 * 60) is None
    assert kakao.read_pick_token(b"k", "a.b", now=1000.0) is None
    forged = ".".join([kakao.pick_token(b"k", "user-2", now=1000.0).split(".")[0], *token.split(".")[1:]])
    assert kakao.read_pick_token(b"k", forged, now=1000.0) is None


def test_only_kakaos_image_hosts_are_fetched():
    hosts = ("kakaocdn.net",)
    assert kakao.host_allowed("https://talk.kakaocdn.net/dn/a.jpg", hosts)
    assert not kakao.host_allowed("https://kakaocdn.net.evil.example/a.jpg", hosts)
    assert not kakao.host_allowed("file:///etc/passwd", hosts)
    assert not kakao.host_allowed("https://evilkakaocdn.net/a.jpg", hosts)
