"""The twenty-second pass on the chat flows (branch flow22), from a newcomer's probe.

1. Counts in the report and proposal flows agree with their numbers ("1 person supports it",
   "1 supporter", "1 of 3 supports"; Korean with its counter: 1명, 3개).
2. (#10) The proposal's options step and preview can remove an option and rewrite the title, by
   buttons and by typed words ("3번 빼줘", "remove 3", "제목 수정", "edit title: …").
3. (#33) "ㄴㄴ", "ㄴㄴ 없음", "없어요", "no photo" at the photo step skip the photo.
4. (#11) Typed coordinates and map links are the point itself (inside the city; outside, a clear
   reply), and well-known areas without 구/동 ("여의도", "강남", "홍대", "명동", "잠실") land at
   their 동, from the local gazetteer only.
5. (#8) A photo sent with no report under way (Telegram, the widget) starts a report with it,
   instead of "the message is empty".
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fake_bot_api import photo_update, post
from hypothesis import HealthCheck, given
from hypothesis import settings as examples
from hypothesis import strategies as st
from test_report_flow import GANGNAM, Chat, jpeg, rows

from civicbot import geocode, i18n, keys, proposal_flow, report_flow, voicemap
from civicbot.dialogue import Incoming, Reply
from civicbot.geo import gazetteer

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def settings(make_settings):
    """The shipped report categories, no rate limit (as tests/test_report_flow.py)."""
    return make_settings(CIVICBOT_SERVICES_DIR=str(ROOT / "services"), CIVICBOT_RATE_LIMIT="0")


CITY_HALL = (37.5665, 126.9780)  # 서울특별시청, 중구 태평로1가


# -- 1. plurals --------------------------------------------------------------------------------------
# (key, the parameters the flow passes, English for 1, English for 2, what Korean writes for n)
COUNTS = [
    ("report_flow.supported", {"id": "SEL-AAAAAA"}, "1 person supports it", "2 people support it", "{n}명"),
    ("report_flow.already_supported", {}, "1 person supports it", "2 people support it", "{n}명"),
    (
        "report_flow.similar_item",
        {"id": "SEL-AAAAAA", "place": "마포구", "text": "포트홀"},
        "(1 supporter)",
        "(2 supporters)",
        "공감 {n}명",
    ),
    (
        "proposal_flow.item",
        {"id": 1, "title": "놀이터", "supports": 0},
        "(0 of 1 support)",
        "(0 of 2 supports)",
        "/{n})",
    ),
    (
        "proposal_flow.supported",
        {"supports": 0, "threshold": 0},
        "0 of 1 support.",
        "0 of 2 supports.",
        "/{n}개",
    ),
    ("proposal_flow.supported_review", {}, "With 1 support this", "With 2 supports this", "공감 {n}개"),
    (
        "proposals.under_review",
        {"title": "놀이터"},
        "reached 1 support and",
        "reached 2 supports and",
        "공감 {n}개",
    ),
    ("proposal_flow.no_such_option", {"n": 9}, "there is 1 option now", "there are 2 options now", "{n}개"),
    # The threshold and the days are settings, and 1 is allowed (CIVICBOT_PROPOSAL_THRESHOLD=1).
    ("proposal_flow.ask_title", {}, "With 1 support the", "With 2 supports the", "공감 {n}개"),
    ("proposal_flow.list", {"items": ""}, "With 1 support the", "With 2 supports the", "공감 {n}개"),
    (
        "proposal_flow.submitted",
        {"id": 1, "deadline": "", "url": ""},
        "With 1 support the",
        "With 2 supports the",
        "공감 {n}개",
    ),
    (
        "proposal_flow.submitted_check",
        {"id": 1, "deadline": "", "url": ""},
        "With 1 support the",
        "With 2 supports the",
        "공감 {n}개",
    ),
    (
        "proposal_flow.preview",
        {"title": "", "description": "", "lines": ""},
        "for 1 day.",
        "for 2 days.",
        "{n}일",
    ),
]


@examples(max_examples=120, deadline=None)
@given(st.sampled_from(COUNTS), st.integers(min_value=0, max_value=10**6))
def test_every_chat_flow_count_agrees_with_its_number_in_both_languages(row, n):
    """The probe read "1 people support it", "1 supporters" and "1 supports"."""
    key, params, one, two, korean = row
    english = i18n.t(key, "en", count=n, **params)
    if n == 1:
        assert one in english
    else:
        assert two.replace("2", str(n), 1) in english
    assert korean.format(n=n) in i18n.t(key, "ko", count=n, **params)


_COUNTED_NOUN = re.compile(r"\{(\w+)\} (people|persons|\w{2,}(?<!ss)s)\b")
# Numbers in these sections that are never 1: limits of the code (characters, megapixels, 2-10 options).
_NEVER_ONE = {"text_too_long", "too_long", "photo_too_many_pixels", "need_more_options", "too_many_options"}


def test_no_chat_flow_string_writes_a_number_before_a_plural_noun_without_a_plural():
    english = i18n.load(ROOT / "strings").strings["en"]
    offenders = [
        f"{key}: {text}"
        for key, text in english.items()
        if key.startswith(("report_flow.", "proposal_flow.", "proposals."))
        and key.split(".", 1)[1] not in _NEVER_ONE
        and isinstance(text, str)
        and _COUNTED_NOUN.search(text)
    ]
    assert offenders == []


async def test_a_first_support_reads_one_person_and_one_supporter_in_english(client):
    first = Chat(client.app, user="pl-first", language="en")
    await first.send(payload="/report")
    await first.send("There is a pothole on the road in front of my house")
    await first.send(location=GANGNAM)
    await first.send(payload="/report skip")
    reply = await first.send(payload="/report category road_damage")
    original = voicemap.find_public_id((await first.press(reply, "/report confirm")).text)

    second = Chat(client.app, user="pl-second", language="en")
    await second.send(payload="/report")
    await second.send("A pothole on the road is dangerous")
    await second.send(location=(GANGNAM[0] + 0.0001, GANGNAM[1]))
    await second.send(payload="/report skip")
    reply = await second.send(payload="/report category road_damage")
    assert original in reply.text and "(0 supporters)" in reply.text
    reply = await second.press(reply, "/report support")
    assert "1 person supports it so far" in reply.text

    third = Chat(client.app, user="pl-third", language="en")
    reply = await third.send(payload=f"/report support {original}")
    assert "2 people support it so far" in reply.text


# -- 2. removing an option, rewriting the title --------------------------------------------------------
class Person:
    """One Telegram user talking to the real Dialogue; ``say`` keeps line breaks as typed."""

    def __init__(self, client, user: str, language: str = "ko") -> None:
        self.dialogue = client.app[keys.ENGINE].engine.dialogue
        self.user, self.language = user, language

    async def say(self, text: str = "", payload: str | None = None) -> Reply:
        return await self.dialogue.handle(
            Incoming(
                channel="telegram",
                conversation_id=self.user,
                user_id=self.user,
                text=text,
                payload=payload,
                language=self.language,
                reply_to=self.user,
            )
        )

    async def press(self, payload: str) -> Reply:
        return await self.say(payload=payload)


def payloads(reply: Reply) -> list[str]:
    return [b.payload for b in reply.buttons]


async def proposals(client) -> list[tuple]:
    return await rows(client.app, "SELECT title, options FROM proposals ORDER BY id")


@pytest.fixture
async def small(make_settings, make_client):
    return await make_client(make_settings(CIVICBOT_PROPOSAL_THRESHOLD="3"))


async def test_options_are_removed_and_the_title_rewritten_by_words_and_buttons(small):
    person = Person(small, "rm-ko")
    await person.press("/propose")
    await person.say("놀이터에 무엇이 필요할까요")
    await person.press("/propose skip")
    reply = await person.say("그늘막, 나무 심기, 분수, 벤치")
    assert "4. 벤치" in reply.text
    assert {"/propose done", "/propose remove", "/propose title"} <= set(payloads(reply))

    reply = await person.say("3번 빼줘")  # before: "3번 빼줘" became option 5
    assert "‘분수’를 뺐어요" in reply.text and "3. 벤치" in reply.text and "빼줘" not in reply.text
    reply = await person.say("'나무 심기' 삭제해 주세요")
    assert "‘나무 심기’를 뺐어요" in reply.text and "2. 벤치" in reply.text
    reply = await person.say("5번 지워 줘")
    assert "5번 선택지는 없어요" in reply.text and "2개" in reply.text
    reply = await person.say("미끄럼틀")
    asked = await person.press("/propose remove")
    assert payloads(asked) == ["/propose remove 1", "/propose remove 2", "/propose remove 3"]
    assert "✕ 2. 벤치" in [b.label for b in asked.buttons]
    reply = await person.press("/propose remove 2")
    assert "1. 그늘막\n2. 미끄럼틀" in reply.text

    reply = await person.say("제목 수정")
    assert "새 제목" in reply.text and "놀이터에 무엇이 필요할까요" in reply.text
    reply = await person.say("우리 동네 놀이터에 무엇을 더할까요?")
    assert "제목을 바꿨어요" in reply.text and "1. 그늘막" in reply.text  # back at the options

    preview = await person.press("/propose done")
    assert "우리 동네 놀이터에 무엇을 더할까요?" in preview.text
    assert {"/propose confirm", "/propose title", "/propose options"} <= set(payloads(preview))
    reply = await person.say("제목 고쳐 주세요: 놀이터에 무엇을 더할까요?")
    assert "제목: 놀이터에 무엇을 더할까요?" in reply.text and "/propose confirm" in payloads(reply)
    reply = await person.press("/propose options")
    reply = await person.say("시소")
    reply = await person.say("1번 빼 주세요")
    preview = await person.press("/propose done")
    await person.press("/propose confirm")
    assert await proposals(small) == [("놀이터에 무엇을 더할까요?", '["미끄럼틀", "시소"]')]


async def test_in_english_remove_and_edit_title_at_the_options_step_and_the_preview(client):
    person = Person(client, "rm-en", language="en")
    await person.press("/propose")
    await person.say("Shall we have more benches?")
    await person.press("/propose skip")
    reply = await person.say("Yes, No, Maybe, Ten more")
    reply = await person.say("remove 3")
    assert "Removed ‘Maybe’." in reply.text and "3. Ten more" in reply.text
    reply = await person.say("edit title")
    assert "new title" in reply.text
    reply = await person.say("Should the park get more benches?")
    assert "Title changed" in reply.text
    preview = await person.press("/propose done")
    assert "Should the park get more benches?" in preview.text
    reply = await person.say("delete option 3")
    assert "Removed ‘Ten more’." in reply.text and "Shall I file this proposal?" in reply.text
    reply = await person.say("remove 2")  # two would be too few: back to the options step
    assert "Removed ‘No’." in reply.text and "/propose confirm" not in payloads(reply)
    reply = await person.say("No thanks")
    reply = await person.say("change the title to More benches in the park?")
    assert "Title changed: More benches in the park?" in reply.text
    await person.press("/propose done")
    await person.press("/propose confirm")
    assert await proposals(client) == [("More benches in the park?", '["Yes", "No thanks"]')]


_REMOVE_SHAPES = [
    "{n}번 빼줘",
    "{n}번 빼 주세요",
    "{n}번 삭제",
    "선택지 {n} 지워",
    "{n}번째 거 빼",
    "remove {n}",
    "Delete option {n}",
    "drop #{n}",
]


@examples(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(shape=st.sampled_from(_REMOVE_SHAPES), n=st.integers(min_value=1, max_value=10))
def test_every_typed_removal_removes_that_option_and_nothing_else(shape, n):
    """The flow's reading of a typed removal, over every option number (the whole flow above)."""
    typed = shape.format(n=n)
    found = proposal_flow._REMOVE_KO.match(typed) or proposal_flow._REMOVE_EN.match(typed)
    assert found is not None and re.findall(r"\d{1,2}", found.group(1)) == [str(n)]


@pytest.mark.parametrize(
    "option", ["쓰레기통 없애기", "3번 버스 노선 빼기", "제목은 그대로", "Remove nothing"]
)
def test_options_that_only_sound_like_edits_are_options(option):
    shapes = (proposal_flow._REMOVE_KO, proposal_flow._REMOVE_EN, proposal_flow._EDIT_TITLE)
    assert not any(shape.match(option) for shape in shapes)


# -- 3. "ㄴㄴ" at the photo step ---------------------------------------------------------------------
NO_PHOTO = [
    "ㄴㄴ 없음",
    "ㄴㄴ",
    "없어요",
    "no photo",
    "ㄴ 없어요ㅠㅠ",
    "아뇨 사진 없어요",
    "노노",
    "nope, no photo",
    "없음!!",
]
NOT_NO_PHOTO = ["아니 근데 에스넷이 뭐야?", "사진 보낼게요", "잠깐만요", "아니 사진 찍었는데 어떻게 보내요?"]


@pytest.mark.parametrize("text", NO_PHOTO)
def test_chat_shorthand_for_no_is_no_photo(text):
    assert report_flow.says_no_photo(text)


@pytest.mark.parametrize("text", NOT_NO_PHOTO)
def test_other_answers_at_the_photo_step_are_not_no_photo(text):
    assert not report_flow.says_no_photo(text)


async def test_no_photo_in_chat_shorthand_skips_the_photo_step(client):
    for n, text in enumerate(["ㄴㄴ 없음", "ㄴㄴ", "없어요", "no photo"]):
        chat = Chat(client.app, user=f"nn-{n}")
        await chat.send(payload="/report")
        await chat.send("가로등이 나갔어요")
        reply = await chat.send(location=GANGNAM)
        assert reply.expects == "photo"
        reply = await chat.send(text)
        assert reply.expects != "photo" and "사진을 보내시거나" not in reply.text, text


# -- 4. coordinates and area names ---------------------------------------------------------------------
def _decimal(value: float, places: int) -> str:
    return f"{value:.{places}f}"


def _dms(value: float) -> str:
    degrees = int(value)
    minutes = int((value - degrees) * 60)
    seconds = (value - degrees - minutes / 60) * 3600
    return f"{degrees}°{minutes}'{seconds:.2f}\""


@st.composite
def spelled_points(draw) -> tuple[str, float, float]:
    lat = draw(st.floats(min_value=37.45, max_value=37.68))
    lon = draw(st.floats(min_value=126.85, max_value=127.15))
    places = draw(st.integers(min_value=4, max_value=7))
    sep = draw(st.sampled_from([", ", ",", " ", " , ", "; ", " / "]))
    la, lo = _decimal(lat, places), _decimal(lon, places)
    tolerance = 10**-places
    style = draw(
        st.sampled_from(
            [
                "plain",
                "suffix",
                "prefix",
                "degree",
                "korean",
                "swapped",
                "lon_first",
                "dms",
                "google",
                "pin",
                "naver",
                "kakao",
                "query",
                "encoded",
            ]
        )
    )
    text = {
        "plain": f"{la}{sep}{lo}",
        "suffix": f"{la}N{sep}{lo}E",
        "prefix": f"N {la}{sep}E {lo}",
        "degree": f"{la}° N{sep}{lo}° E",
        "korean": f"북위 {la} 동경 {lo}",
        "swapped": f"{lo}E {la}N",
        "lon_first": f"{lo}{sep}{la}",
        "dms": f"{_dms(lat)}N {_dms(lon)}E",
        "google": f"https://www.google.com/maps/@{la},{lo},17z",
        "pin": f"https://www.google.com/maps/place/x/@37.5,126.9,15z/data=!3m1!4b1!3d{la}!4d{lo}",
        "naver": f"https://map.naver.com/v5/?c={lo},{la},15,0,0,0,dh",
        "kakao": f"https://map.kakao.com/link/map/우리집,{la},{lo}",
        "query": f"https://map.example/?lat={la}&lng={lo}",
        "encoded": f"https://maps.google.com/?q={la}%2C{lo}",
    }[style]
    if style == "dms":
        tolerance = 1e-5
    words = draw(st.sampled_from(["{}", "여기요 {}", "{} 이에요", "위치는 {}"]))
    return words.format(text), lat, lon, tolerance


@examples(max_examples=300, deadline=None)
@given(spelled_points())
def test_coordinates_in_every_spelling_are_read_as_the_point(case):
    text, lat, lon, tolerance = case
    point = geocode.typed_point(text)
    assert point is not None, text
    assert abs(point.lat - lat) <= tolerance and abs(point.lon - lon) <= tolerance, (text, point)


@pytest.mark.parametrize(
    "text", ["세종대로 110", "합정역 7번 출구", "2번 출구 앞", "역삼동 737", "1.5km 쯤", "여의도"]
)
def test_addresses_and_numbers_are_not_coordinates(text):
    assert geocode.typed_point(text) is None


def test_every_area_name_is_one_dong_of_the_city(settings):
    places = gazetteer(settings.city_sido, settings.city_bbox, settings.index_dir)
    for name, query in geocode.AREA_NAMES.items():
        found = places.match(query)
        assert len(found) == 1 and found[0].dong, (name, query, found)
    for name in ("여의도", "잠실"):  # the 동 named after the area, no table entry needed
        assert any(places.match(q) for _n, q in geocode.area_queries(name))


async def test_typed_coordinates_are_the_point_and_outside_the_city_is_said(client):
    chat = Chat(client.app, user="xy-1")
    await chat.send(payload="/report")
    await chat.send("집 앞 도로에 포트홀이 생겼어요")
    reply = await chat.send("35.1796, 129.0756")  # Busan
    assert "위도 35.1796, 경도 129.0756" in reply.text and "서울특별시 밖" in reply.text
    assert reply.expects == "location"
    reply = await chat.send("95.1, 126.97")
    assert "지구 위의 점이 아니에요" in reply.text
    reply = await chat.send("https://naver.me/5abcdEF")
    assert "좌표가 들어 있지 않아요" in reply.text
    reply = await chat.send(f"{CITY_HALL[0]}N {CITY_HALL[1]}E")  # before: "no 구 or 동 found"
    assert "위치: 중구" in reply.text and reply.expects == "photo"
    await chat.send(payload="/report skip")
    reply = await chat.send(payload="/report category road_damage")
    reply = await chat.press(reply, "/report confirm")
    public_id = voicemap.find_public_id(reply.text)
    public = await (await client.get(f"/api/complaints/{public_id}")).json()
    assert public["place_precision"] == "point"
    map_link = Chat(client.app, user="xy-2")
    await map_link.send(payload="/report")
    await map_link.send("가로등이 나갔어요")
    reply = await map_link.send("https://www.google.com/maps/@37.5009,127.0364,17z")
    assert "위치: 강남구 역삼동" in reply.text and reply.expects == "photo"


AREAS = [
    ("여의도", "영등포구 여의도동"),
    ("강남", "강남구 역삼동"),
    ("홍대", "마포구 서교동"),
    ("명동", "중구 명동"),
    ("잠실 쪽이요", "송파구 잠실동"),
]


async def test_well_known_areas_land_at_their_dong_as_an_estimate(client):
    for n, (typed, label) in enumerate(AREAS):
        chat = Chat(client.app, user=f"area-{n}")
        await chat.send(payload="/report")
        await chat.send("가로등이 나갔어요")
        reply = await chat.send(typed)
        assert f"위치: {label}" in reply.text and reply.expects == "photo", (typed, reply.text)
    state = await rows(client.app, "SELECT state FROM conversations WHERE id = 'telegram:conv-area-2'")
    assert '"exact": false' in state[0][0]  # the 동's middle: place_precision "dong" when filed


# -- 5. a photo outside a report ------------------------------------------------------------------------
async def test_a_photo_alone_starts_a_report_with_it(client):
    chat = Chat(client.app, user="ph-1")
    reply = await chat.send(photo=jpeg())  # before: "메시지가 비어 있어요"
    assert reply.intent == "report_complaint" and "이 사진으로 생활 불편 신고를 시작할게요" in reply.text
    assert "어떤 문제가 있는지" in reply.text and payloads(reply) == ["/cancel"]
    reply = await chat.send("가로등이 나갔어요")
    assert reply.expects == "location"
    reply = await chat.send(location=GANGNAM)
    assert reply.expects != "photo"  # the photo is already there: on to the category
    reply = await chat.send(payload="/report category street_light")
    assert "사진: 있음" in reply.text
    reply = await chat.press(reply, "/report confirm")
    public_id = voicemap.find_public_id(reply.text)
    found = await rows(client.app, "SELECT has_photo FROM complaints WHERE public_id = ?", [public_id])
    assert found == [(1,)]

    captioned = Chat(client.app, user="ph-3")  # a photo whose caption tells the problem: kept too
    reply = await captioned.send("집 앞 가로등이 나갔어요", photo=jpeg())
    assert "사진을 받았어요" in reply.text and reply.expects == "location"
    reply = await captioned.send(location=GANGNAM)
    assert reply.expects != "photo"

    broken = Chat(client.app, user="ph-2", language="en")
    reply = await broken.send(photo=b"not an image at all")
    assert "Photos are taken as part of a problem report" in reply.text
    assert payloads(reply) == ["/report"]


async def test_a_telegram_photo_with_no_report_under_way_offers_the_report(bot, fake_api):
    fake_api.add_file("lone1", jpeg())
    response = await post(bot, photo_update(9001, 4242, [("lone1", 900)]))
    assert response.status == 200
    sent = fake_api.sent_to(4242)[-1][0]
    assert "이 사진으로 생활 불편 신고를 시작할게요" in sent["text"]
    assert "비어 있어요" not in sent["text"]


async def test_a_widget_photo_with_no_report_under_way_starts_one(client):
    token = (await (await client.post("/api/sessions")).json())["token"]
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "image/jpeg"}
    response = await client.post("/api/widget/photo", data=jpeg(), headers=headers)
    assert response.status == 200
    body = await response.json()
    assert "이 사진으로 생활 불편 신고를 시작할게요" in body["text"]
