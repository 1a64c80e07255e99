"""The report conversation through the one Dialogue, as a channel adapter drives it."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from civicbot import keys, voicemap
from civicbot.dialogue import Incoming, Reply
from civicbot.i18n import with_josa

ROOT = Path(__file__).resolve().parent.parent
GANGNAM = (37.5009, 127.0364)
BUSAN = (35.1796, 129.0756)


@pytest.fixture
def settings(make_settings):
    return make_settings(CIVICBOT_SERVICES_DIR=str(ROOT / "services"), CIVICBOT_RATE_LIMIT="0")


class Chat:
    """One person on one channel talking to the bot."""

    def __init__(self, app, user: str = "u1", channel: str = "telegram", language: str = "ko") -> None:
        self.app = app
        self.user = user
        self.channel = channel
        self.language = language

    async def send(self, text: str = "", *, payload=None, location=None, photo=None) -> Reply:
        incoming = Incoming(
            channel=self.channel,
            conversation_id=f"conv-{self.user}",
            text=text,
            user_id=self.user,
            payload=payload,
            language=self.language,
            location=location,
            photo=photo,
            reply_to=f"chat-{self.user}",
        )
        reply = await self.app[keys.ENGINE].engine.dialogue.handle(incoming)
        for button in reply.buttons:
            assert len(button.payload.encode()) <= 64, button
        return reply

    async def press(self, reply: Reply, payload_prefix: str) -> Reply:
        payloads = [b.payload for b in reply.buttons]
        chosen = next((p for p in payloads if p.startswith(payload_prefix)), None)
        assert chosen is not None, f"no button {payload_prefix!r} in {payloads}"
        return await self.send(payload=chosen)


async def rows(app, sql: str, params=()):
    return await app[keys.DATABASE].execute_fn(lambda c: c.execute(sql, params).fetchall())


def jpeg() -> bytes:
    out = io.BytesIO()
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (37.0, 30.0, 3.0)}
    Image.new("RGB", (40, 30), (10, 10, 200)).save(out, format="JPEG", exif=exif)
    return out.getvalue()


async def test_a_complete_report_with_buttons_and_a_shared_location(client):
    chat = Chat(client.app)
    reply = await chat.send(payload="/report")
    assert "어떤 문제가 있는지" in reply.text and reply.intent == "report_complaint"
    reply = await chat.send("집 앞 도로에 포트홀이 생겨서 차가 덜컹거려요")
    assert reply.expects == "location" and "어디에서" in reply.text
    reply = await chat.send(location=GANGNAM)
    assert reply.expects == "photo" and "위치: 강남구 역삼동" in reply.text
    assert [b.payload for b in reply.buttons] == ["/report skip"]
    reply = await chat.press(reply, "/report skip")
    # The embedder suggests the category; the first button is the suggestion.
    assert reply.buttons[0].payload == "/report category road_damage"
    assert "도로 파손·포트홀" in reply.text
    assert reply.buttons[-1].payload == "/report categories"
    reply = await chat.press(reply, "/report category road_damage")
    assert "이대로 접수할까요?" in reply.text and "강남구 역삼동" in reply.text
    assert [b.payload for b in reply.buttons] == ["/report confirm", "/cancel"]
    reply = await chat.press(reply, "/report confirm")
    public_id = voicemap.find_public_id(reply.text)
    assert (
        public_id
        and f"접수번호는 {with_josa(public_id, '이에요')}." in reply.text
        and f"/map#{public_id}" in reply.text
    )

    stored = await rows(
        client.app,
        """SELECT c.category, c.district, c.status, p.channel, p.user_id, p.reply_to, p.language
           FROM complaints c JOIN complaint_private p ON p.complaint_id = c.id WHERE c.public_id = ?""",
        [public_id],
    )
    assert stored == [("road_damage", "강남구", "received", "telegram", "u1", "chat-u1", "ko")]
    # The flow is over: the conversation keeps no report draft.
    state = await rows(client.app, "SELECT state FROM conversations WHERE id = 'telegram:conv-u1'")
    assert '"flow": null' in state[0][0]

    reply = await chat.send(payload=f"/status {public_id}")
    assert public_id in reply.text and "접수됨" in reply.text and reply.intent == "complaint_status"


async def test_the_intent_starts_the_flow_with_the_problem_already_told(client):
    chat = Chat(client.app, user="u2")
    reply = await chat.send("집 앞에 포트홀이 생겼어요")
    assert reply.intent == "report_complaint" and reply.expects == "location"
    reply = await chat.send("마포구 합정동이에요")
    assert "위치: 마포구 합정동" in reply.text and reply.expects == "photo"
    generic = Chat(client.app, user="u3", language="en")
    reply = await generic.send("I'd like to file a complaint")
    assert "What is the problem?" in reply.text  # a wish to report is not yet a description


@pytest.mark.parametrize(
    ("text", "language", "asks"),
    [
        ("신고하고 싶어요", "ko", "어떤 문제"),
        ("민원 신고 좀 하려는데요", "ko", "어떤 문제"),
        ("제보할게요", "ko", "어떤 문제"),
        ("I want to report something", "en", "What is the problem?"),
    ],
)
async def test_a_wish_to_report_starts_a_new_report(client, text: str, language: str, asks: str):
    """Not a status question ("신고" is in most of those), not a document search, not goodbye."""
    reply = await Chat(client.app, user=f"wish-{text}", language=language).send(text)
    assert reply.intent == "report_complaint" and asks in reply.text, reply


@pytest.mark.parametrize(
    ("opening", "disclaimer"),
    [
        ("대형폐기물 신고 안하고 버리면 어케되요", "아니 신고하려는게 아니라 궁금해서요. 과태료 얼마예요?"),
        ("가로등이 나갔어요", "신고 아니고요 그냥 물어본 거예요"),
        (
            "I want to report something",
            "No, I'm not trying to report anything, just asking about bulky waste",
        ),
    ],
)
async def test_saying_it_is_not_a_report_leaves_the_report_at_any_step(client, opening, disclaimer):
    """Newcomer trial 2026-12-01: the disclaimer was held at the location step until "취소"."""
    chat = Chat(client.app, user=f"not-{opening}", language="en" if opening.isascii() else "ko")
    await chat.send(opening)  # a report started, or (for the first) a question answered
    reply = await chat.send(disclaimer)
    assert reply.intent != "report_complaint" and reply.expects not in ("location", "photo", "category")
    after = await chat.send("마포구 합정동")  # no report is waiting for a place any more
    assert "위치: 마포구 합정동" not in after.text


@pytest.mark.parametrize(
    ("disclaimer", "language", "invites"),
    [
        ("아니 신고하려는게 아니라 궁금해서요", "ko", "궁금한 점을 편하게 물어보세요"),
        ("신고 아니고요 그냥 물어본 거예요", "ko", "궁금한 점을 편하게 물어보세요"),
        ("No, not a complaint, just asking!", "en", "Ask me anything"),
    ],
)
async def test_a_disclaimer_alone_is_invited_to_ask_not_refused(client, disclaimer, language, invites):
    """Newcomer trial 2026-12-01: a bare disclaimer got "no document about that"."""
    chat = Chat(client.app, user=f"bare-{disclaimer}", language=language)
    await chat.send("가로등이 나갔어요" if language == "ko" else "I want to report something")
    reply = await chat.send(disclaimer)
    assert invites in reply.text and reply.intent != "out_of_scope" and not reply.sources
    assert "문서는 아직 없어요" not in reply.text and "don't have a document" not in reply.text


async def test_places_typed_ambiguous_unknown_and_outside_the_city(client):
    chat = Chat(client.app, user="u4")
    await chat.send(payload="/report")
    await chat.send("가로등이 나갔어요")
    reply = await chat.send(location=BUSAN)
    assert "서울특별시 밖이에요" in reply.text and reply.expects == "location"
    reply = await chat.send("부산 해운대")  # another city, typed: where to report it instead
    assert "서울특별시 밖이라" in reply.text and "국민신문고" in reply.text and reply.expects == "location"
    reply = await chat.send("우리 집 앞 골목")  # no place anyone could find
    assert "찾지 못했어요" in reply.text and reply.expects == "location"
    reply = await chat.send("신사동")
    assert "여러 구에 있어요" in reply.text
    assert sorted(b.label for b in reply.buttons) == ["강남구 신사동", "은평구 신사동"]
    reply = await chat.press(reply, "강남구 신사동")
    assert "위치: 강남구 신사동" in reply.text and reply.expects == "photo"


async def test_a_photo_in_chat_is_cleaned_and_attached(client):
    chat = Chat(client.app, user="u5")
    await chat.send(payload="/report")
    await chat.send("공원 벤치가 부서졌어요")
    await chat.send(location=GANGNAM)
    reply = await chat.send(photo=b"not an image at all")
    assert "JPEG나 PNG" in reply.text and reply.expects == "photo"
    reply = await chat.send(photo=jpeg())
    assert "사진을 받았어요" in reply.text
    reply = await chat.press(reply, "/report category park")
    assert "사진: 있음" in reply.text
    reply = await chat.press(reply, "/report confirm")
    public_id = voicemap.find_public_id(reply.text)
    photo = await client.app[keys.DATABASE].execute_fn(lambda c: voicemap.photo(c, public_id))
    assert photo is not None and photo[1] == "image/jpeg"
    assert not Image.open(io.BytesIO(photo[0])).getexif()
    assert await rows(client.app, "SELECT count(*) FROM photo_uploads") == [(0,)]


async def test_cancel_at_any_step_leaves_nothing(client):
    chat = Chat(client.app, user="u6")
    await chat.send(payload="/report")
    await chat.send("쓰레기가 잔뜩 버려져 있어요")
    reply = await chat.send("취소")
    assert "취소했어요" in reply.text
    reply = await chat.send(payload="/report confirm")  # a stale button after cancelling starts afresh
    assert "어떤 문제가 있는지" in reply.text
    assert await rows(client.app, "SELECT count(*) FROM complaints") == [(0,)]


async def test_the_report_survives_a_restart(make_client, settings):
    first = await make_client(settings)
    chat = Chat(first.app, user="u7")
    await chat.send(payload="/report")
    await chat.send("신호등이 고장 났어요")
    await chat.send(location=GANGNAM)
    await first.close()

    second = await make_client(settings)  # a new process would see exactly this: the SQLite file
    chat = Chat(second.app, user="u7")
    reply = await chat.send(payload="/report skip")
    assert reply.buttons[0].payload == "/report category traffic_signal"
    reply = await chat.press(reply, "/report category traffic_signal")
    reply = await chat.press(reply, "/report confirm")
    assert voicemap.find_public_id(reply.text)


async def test_a_similar_open_report_is_offered_for_support(client):
    first = Chat(client.app, user="first")
    await first.send(payload="/report")
    await first.send("집 앞 도로에 포트홀이 생겼어요")
    await first.send(location=GANGNAM)
    await first.send(payload="/report skip")
    reply = await first.send(payload="/report category road_damage")
    reply = await first.press(reply, "/report confirm")
    original = voicemap.find_public_id(reply.text)

    second = Chat(client.app, user="second")
    await second.send(payload="/report")
    await second.send("도로에 포트홀이 있어서 위험해요")
    await second.send(location=(GANGNAM[0] + 0.0001, GANGNAM[1]))
    await second.send(payload="/report skip")
    reply = await second.send(payload="/report category road_damage")
    assert "비슷한 신고가 이미 있어요" in reply.text and original in reply.text
    assert [b.payload for b in reply.buttons] == [f"/report support {original}", "/report new"]
    reply = await second.press(reply, "/report support")
    assert "공감을 보탰어요" in reply.text and "1명" in reply.text
    assert await rows(client.app, "SELECT count(*), max(supports) FROM complaints") == [(1, 1)]


async def test_status_questions_and_status_changes(client, official_token):
    # The web channel: this server always delivers it (a Telegram notice needs a bot token, since
    # the twentieth pass no notice is queued on a channel no sender here delivers).
    chat = Chat(client.app, user="u8", channel="web")
    reply = await chat.send("내 민원 어떻게 됐어?")
    assert reply.intent == "complaint_status" and "/status" in [b.payload for b in reply.buttons]
    await chat.send(payload="/report")
    await chat.send("불법주차 차량이 소화전 앞에 있어요 12가3456")
    await chat.send("강남구 역삼동")
    await chat.send(payload="/report skip")
    reply = await chat.send(payload="/report category illegal_parking")
    assert (
        "[차량번호]" in reply.text and "가려져요" in reply.text
    )  # the public version is shown before sending
    reply = await chat.press(reply, "/report confirm")
    public_id = voicemap.find_public_id(reply.text)

    response = await client.post(
        f"/api/admin/complaints/{public_id}/status",
        json={"status": "in_progress", "note": "단속반이 출동했어요"},
        headers={"Authorization": f"Bearer {official_token}"},
    )
    assert response.status == 200
    notice = await rows(client.app, "SELECT channel, recipient, text FROM outbox")
    assert notice[0][:2] == ("web", "chat-u8") and "'처리 중'" in notice[0][2]

    reply = await chat.send("내 민원 어떻게 됐어?")
    assert [b.payload for b in reply.buttons] == [f"/status {public_id}"]
    reply = await chat.press(reply, "/status")
    assert "처리 중" in reply.text and "담당자 메모: 단속반이 출동했어요" in reply.text
    reply = await chat.send(payload="/status SEL-ZZZZZZ")
    assert "찾지 못했어요" in reply.text


async def test_a_registration_number_never_reaches_the_conversation_state(client):
    chat = Chat(client.app, user="u9")
    await chat.send(payload="/report")
    reply = await chat.send("포트홀 있어요 제 번호 900101-1234567 로 연락 주세요")
    assert "주민등록번호·여권번호·운전면허번호·카드번호로 보이는 번호는 저장하지 않고 지웠어요" in reply.text
    state = await rows(client.app, "SELECT state FROM conversations")
    assert all("1234567" not in row[0] for row in state)


async def test_the_flow_in_english(client):
    chat = Chat(client.app, user="u10", language="en")
    reply = await chat.send("there's a pothole in front of my house")
    assert reply.intent == "report_complaint" and "Where is it?" in reply.text
    reply = await chat.send(location=GANGNAM)
    assert "Location: Yeoksam-dong, Gangnam-gu" in reply.text
    reply = await chat.press(reply, "/report skip")
    assert "Road damage / potholes" in reply.text
    reply = await chat.press(reply, "/report category road_damage")
    assert "Shall I submit this?" in reply.text
    reply = await chat.press(reply, "/report confirm")
    assert "Tracking id: SEL-" in reply.text


@pytest.mark.parametrize(
    "no_photo",
    [
        "사진 없어요",
        "사진은 못 찍었어요",
        "찍은 거 없는데요",
        "없어요 ㅠ",
        "패스",
        "생략할게요",
        "스킵",
        "건너 뛸게요",
        "no photo",
        "No pictures.",
        "I don't have one",
        "can't take a photo right now",
        "nope",
    ],
)
async def test_saying_there_is_no_photo_in_everyday_words_skips_it(client, no_photo):
    chat = Chat(client.app, user=f"np-{no_photo}")
    await chat.send(payload="/report")
    await chat.send("가로등이 나갔어요")
    reply = await chat.send(location=GANGNAM)
    assert reply.expects == "photo"
    reply = await chat.send(no_photo)
    assert reply.expects != "photo" and "사진을 보내시거나" not in reply.text


@pytest.mark.parametrize("step", ["where", "photo"])
async def test_a_question_at_the_place_or_photo_step_is_answered_and_the_report_waits(client, step):
    chat = Chat(client.app, user=f"q-{step}")
    await chat.send(payload="/report")
    await chat.send("가로등이 나갔어요")
    if step == "photo":
        assert (await chat.send(location=GANGNAM)).expects == "photo"
    reply = await chat.send("아 근데 에스넷이 뭐야?")
    assert reply.sources and "s-net" in reply.sources[0].doc_id
    assert "하던 일은 그대로 두었어요" in reply.text
    # The report goes on from where it was.
    if step == "where":
        reply = await chat.send(location=GANGNAM)
        assert reply.expects == "photo"
    reply = await chat.send("사진 없어요")
    assert reply.intent == "report_complaint" and reply.expects != "photo"


async def test_words_about_a_place_at_the_photo_step_are_no_skip(client):
    chat = Chat(client.app, user="np-place")
    await chat.send(payload="/report")
    await chat.send("가로등이 나갔어요")
    assert (await chat.send(location=GANGNAM)).expects == "photo"
    reply = await chat.send("건너편 편의점 앞이에요")  # 건너 (across), not 건너뛰기 (skip)
    assert reply.expects == "photo"


async def test_an_english_landmark_is_placed_by_the_map_not_by_its_districts_name(client):
    """ "Dongdaemun History & Culture Park" lies in 중구: with no geocoder the bot places it at its
    동 (을지로7가, a well-known landmark since the twenty-second pass) and asks for the exact spot,
    never filing it in 동대문구; "Mangwon Market" lands roughly at 망원동, named after it."""
    chat = Chat(client.app, user="u30", language="en")
    await chat.send("there's a broken streetlight")
    reply = await chat.send("near Dongdaemun History & Culture Park")
    assert "Euljiro 7-ga, Jung-gu" in reply.text and "pick the exact spot on the map" in reply.text
    assert "Dongdaemun-gu" not in reply.text and reply.expects == "location"
    reply = await chat.send("Mangwon Market")
    assert "Mangwon-dong, Mapo-gu" in reply.text and "pick the exact spot" in reply.text


@pytest.mark.parametrize(
    "told",
    [
        "가로등 나감 빨리 고쳐주셈",
        "신호등 고장남",
        "가로등이 고장났어요. 연락은 공일공 일이삼사 오륙칠팔",
        "보도블럭 깨짐 고쳐주세요",
        "the street light is out on my road",
    ],
)
async def test_a_problem_told_broken_starts_the_report_without_a_place(client, told):
    """A newcomer's "가로등 나감 빨리 고쳐주셈" was called out of scope, and a report with a phone
    number in Hangul digits was answered with the page on how to report; both are reports."""
    chat = Chat(client.app, user=f"u-told-{abs(hash(told))}", language="en" if told.isascii() else "ko")
    reply = await chat.send(told)
    assert reply.intent == "report_complaint" and reply.expects == "location", (told, reply.text)
    reply = await chat.send("마포구 합정동")
    assert "합정동" in reply.text or "Hapjeong" in reply.text, reply.text


@pytest.mark.parametrize(
    "asked",
    ["가로등 고장나면 어디에 신고해", "가로등 고장 신고 어떻게 해요", "how do I report a broken streetlight"],
)
async def test_asking_how_to_report_a_broken_thing_is_still_answered(client, asked):
    reply = await Chat(client.app, user="u-asked", language="en" if asked.isascii() else "ko").send(asked)
    assert reply.expects != "location" and [s.doc_id for s in reply.sources][:1] in (
        ["ko/how-to-report.md"],
        ["en/how-to-report.md"],
    ), (asked, reply.text)


async def test_a_dong_named_in_the_wrong_district_is_asked_about(client):
    chat = Chat(client.app, user="u31")
    await chat.send("가로등이 나갔어요")
    reply = await chat.send("강남구 잠실동")
    assert "강남구에서 '잠실동'을 지도에서 찾지 못했어요. 어느 곳인가요?" in reply.text, reply.text
    assert sorted(b.label for b in reply.buttons) == ["강남구", "송파구 잠실동"]
    reply = await chat.press(reply, "송파구 잠실동")
    assert "위치: 송파구 잠실동" in reply.text and reply.expects == "photo"
