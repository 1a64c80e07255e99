"""The twenty-second pass on places (branch place22), from a newcomer's probe of the place step.

1. Stations and landmarks whose names are no 동's ("강남역", "서울역", "광화문 광장", "시청역") land
   at their 동 offline, as "신촌역" did (named after 신촌동); when nothing resolves on a channel
   with no map (the chat API, the terminal), the reply says what to type instead.
2. English area names ("Yeouido", "near Hongdae", "Itaewon", "Jamsil", "Gangnam") are read.
3. POST /api/complaints reads an area ("여의도") as the chat does, refuses a point in another
   district than the area named (place_conflict), and refuses lat/lon and location that differ.
4. "91, 200" is shown back as out of range, decimal commas are read, "인천공항" is outside the city.
5. A district named without 구 ("노원") says it is placed at the 구's middle.
6. "네" to "support this similar report instead?" supports it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import settings as examples
from hypothesis import strategies as st
from test_report_flow import GANGNAM, Chat, rows

import civicbot.geo as geo
from civicbot import geocode, report_flow, voicemap
from civicbot.errors import ComplaintError

ROOT = Path(__file__).resolve().parent.parent
GAZETTEER = geo.Gazetteer("서울특별시", (126.76, 37.41, 127.19, 37.72))
MAPO = (37.5563, 126.9220)  # 마포구 동교동


@pytest.fixture
def settings(make_settings):
    """The shipped report categories, no rate limit (as tests/test_report_flow.py)."""
    return make_settings(CIVICBOT_SERVICES_DIR=str(ROOT / "services"), CIVICBOT_RATE_LIMIT="0")


async def at_place_step(client, user: str, channel: str = "api", language: str = "ko") -> Chat:
    chat = Chat(client.app, user=user, channel=channel, language=language)
    await chat.send(payload="/report")
    await chat.send("가로등이 나갔어요" if language == "ko" else "The street light is out")
    return chat


# -- 1. stations and landmarks ------------------------------------------------------------------
STATIONS = [
    ("강남역", "강남구 역삼동"),
    ("홍대입구역", "마포구 동교동"),
    ("서울역", "용산구 동자동"),
    ("광화문 광장", "종로구 세종로"),
    ("동대문", "중구 을지로6가"),
    ("시청역", "중구 태평로1가"),
    ("강남역 11번 출구", "강남구 역삼동"),
]


@pytest.mark.parametrize(("typed", "label"), STATIONS)
async def test_stations_and_landmarks_land_at_their_dong_on_a_channel_without_a_map(client, typed, label):
    chat = await at_place_step(client, "st-" + typed)
    reply = await chat.send(typed)  # before: "지도에서 골라 주세요", no button, no map
    assert f"위치: {label}" in reply.text, reply.text
    assert "동 중심" in reply.text and "지도에서" not in reply.text
    assert "'37.5665, 126.9780'" in reply.text  # what to type instead
    assert [b.payload for b in reply.buttons] == ["/report place keep"]
    reply = await chat.send("이대로 둘게요")
    assert reply.expects == "photo"


async def test_an_unknown_landmark_on_a_channel_without_a_map_says_what_to_type(client):
    chat = await at_place_step(client, "unknown-st")
    reply = await chat.send("무지개역 앞")
    assert (
        "지도에서" not in reply.text
        and "'마포구 합정동'" in reply.text
        and "'37.5665, 126.9780'" in reply.text
    )
    telegram = await at_place_step(client, "unknown-tg", channel="telegram")
    reply = await telegram.send("무지개역 앞")  # a map channel: the map, and the typed ways too
    assert "지도에서" in reply.text and "'37.5665, 126.9780'" in reply.text


@examples(max_examples=60, deadline=None)
@given(
    st.sampled_from(sorted(n for n in geocode.AREA_NAMES if not n.endswith("역"))),
    st.sampled_from(["역", "역 앞", "역 2번 출구", "역 근처"]),
)
def test_every_area_with_a_station_noun_is_the_areas_dong(name, tail):
    expected = GAZETTEER.match(geocode.AREA_NAMES[name])
    shaped = geocode.recognise(name + tail)
    query = shaped.query if shaped is not None else name + tail
    _typed, found = GAZETTEER.match_area(query)
    assert found == expected, (name + tail, query)


# -- 2. English area names ------------------------------------------------------------------------
ENGLISH = [
    ("Yeouido", "Yeouido-dong, Yeongdeungpo-gu"),
    ("near Hongdae", "Seogyo-dong, Mapo-gu"),
    ("Itaewon", "Itaewon-dong, Yongsan-gu"),
    ("Jamsil", "Jamsil-dong, Songpa-gu"),
    ("Seoul Station", "Dongja-dong, Yongsan-gu"),
]


@pytest.mark.parametrize(("typed", "label"), ENGLISH)
async def test_english_area_names_are_read_at_the_place_step(client, typed, label):
    chat = await at_place_step(client, "en-" + typed, channel="telegram", language="en")
    reply = await chat.send(typed)
    assert label in reply.text, reply.text


async def test_gangnam_in_english_is_a_place(client):
    chat = await at_place_step(client, "en-gangnam", channel="telegram", language="en")
    reply = await chat.send("Gangnam")
    assert "Gangnam-gu" in reply.text and reply.expects == "photo", reply.text


ROMANISED = sorted(
    (geo._romanise_word(name).capitalize(), name) for name in geocode.AREA_NAMES if not name.isascii()
)


@examples(max_examples=80, deadline=None)
@given(st.sampled_from(ROMANISED), st.sampled_from(["{}", "near {}", "{} area", "around {} please"]))
def test_an_area_romanised_is_the_same_place_as_in_korean(pair, shape):
    roman, korean = pair
    _name, found = GAZETTEER.match_area(shape.format(roman))
    assert found == GAZETTEER.match(geocode.AREA_NAMES[korean]), (roman, korean)


@pytest.mark.parametrize("text", ["hello", "thanks", "I see", "near here", "ok"])
def test_english_words_that_are_no_area_name_no_place(text):
    assert GAZETTEER.match_area(text) == ("", [])


# -- 3. the web API -----------------------------------------------------------------------------
def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


@pytest.mark.usefixtures("built_index")
async def test_an_api_address_naming_an_area_is_read_as_the_chat_reads_it(client, session_token):
    body = {"text": "가로등이 꺼졌어요", "category": "street_light"}
    response = await client.post(
        "/api/complaints", json={**body, "address": "여의도"}, headers=bearer(session_token)
    )
    answer = await response.json()
    assert response.status == 201, answer  # before: 400 unknown_address
    assert (answer["district"], answer["dong"]) == ("영등포구", "여의도동")
    # A 마포구 point with "여의도" (영등포구) was stored without a word.
    conflict = {**body, "lat": MAPO[0], "lon": MAPO[1], "address": "여의도"}
    response = await client.post("/api/complaints", json=conflict, headers=bearer(session_token))
    answer = await response.json()
    assert (response.status, answer["error"]["code"]) == (400, "place_conflict"), answer
    agreeing = {**body, "lat": MAPO[0], "lon": MAPO[1], "address": "홍대입구역"}
    response = await client.post("/api/complaints", json=agreeing, headers=bearer(session_token))
    assert response.status == 201, await response.json()


@pytest.mark.usefixtures("built_index")
async def test_lat_lon_and_location_that_differ_are_refused(client, session_token):
    body = {"text": "가로등이 꺼졌어요", "category": "street_light", "lat": MAPO[0], "lon": MAPO[1]}
    two = {**body, "location": {"lat": GANGNAM[0], "lon": GANGNAM[1]}}
    response = await client.post("/api/complaints", json=two, headers=bearer(session_token))
    answer = await response.json()
    assert (response.status, answer["error"]["code"]) == (400, "place_conflict"), answer
    same = {**body, "location": [MAPO[0], MAPO[1]]}
    response = await client.post("/api/complaints", json=same, headers=bearer(session_token))
    assert response.status == 201, await response.json()


_COORD = st.floats(min_value=-90, max_value=90, allow_nan=False).map(lambda v: round(v, 4))


@examples(max_examples=100, deadline=None)
@given(_COORD, _COORD, _COORD, _COORD, st.booleans())
def test_two_different_points_in_one_request_are_a_place_conflict(lat, lon, lat2, lon2, as_list):
    location = [lat2, lon2] if as_list else {"lat": lat2, "lon": lon2}
    if (lat, lon) == (lat2, lon2):
        assert voicemap.point_of(location, lat, lon) == (lat, lon)
        return
    with pytest.raises(ComplaintError) as refused:
        voicemap.point_of(location, lat, lon)
    assert refused.value.code == "place_conflict"


# -- 4. coordinates as typed, outside the city ------------------------------------------------------
async def test_out_of_range_integers_are_shown_back_and_decimal_commas_are_read(client):
    chat = await at_place_step(client, "xy-22")
    reply = await chat.send("91, 200")  # before: "no 구/동 found"
    assert "위도 91, 경도 200" in reply.text and "지구 위의 점이 아니에요" in reply.text
    reply = await chat.send("37,5665 126,9780")  # European decimal commas: 서울시청
    assert "위치: 중구" in reply.text and reply.expects == "photo", reply.text


@examples(max_examples=150, deadline=None)
@given(
    st.floats(min_value=37.42, max_value=37.70, allow_nan=False),
    st.floats(min_value=126.77, max_value=127.18, allow_nan=False),
    st.integers(min_value=1, max_value=6),
    st.sampled_from([" ", "  ", "; ", " / "]),
)
def test_decimal_commas_are_read_as_the_point(lat, lon, places, separator):
    text = f"{lat:.{places}f}".replace(".", ",") + separator + f"{lon:.{places}f}".replace(".", ",")
    point = geocode.typed_point(text)
    assert point is not None, text
    assert abs(point.lat - lat) <= 10**-places and abs(point.lon - lon) <= 10**-places, (text, point)


@pytest.mark.parametrize("text", ["3번 출구 2층", "세종대로 110", "2, 3번", "110", "역삼동 737-1"])
def test_numbers_in_addresses_are_still_no_coordinates(text):
    assert geocode.typed_point(text) is None


@pytest.mark.parametrize("typed", ["인천공항", "인천공항 근처예요", "판교역", "Incheon Airport"])
async def test_well_known_places_outside_the_city_are_said_to_be_outside(client, typed):
    chat = await at_place_step(client, "out-" + typed)
    reply = await chat.send(typed)  # before: "구나 동 이름을 찾지 못했어요"
    assert "서울특별시 밖" in reply.text or "outside Seoul" in reply.text, reply.text


# -- 5. a district named without 구 -------------------------------------------------------------------
async def test_a_district_named_without_gu_says_the_districts_middle(client):
    chat = await at_place_step(client, "nowon", channel="telegram")
    reply = await chat.send("노원")
    assert "위치: 노원구" in reply.text and "구 중심" in reply.text and "동 중심" not in reply.text
    reply = await (await at_place_step(client, "nowon-2", channel="telegram")).send("노원 쪽이요")
    assert "‘노원’을 구 이름으로 보고 구 중심" in reply.text


# -- 6. "네" to the similar-report offer --------------------------------------------------------------
async def file_first(client) -> str:
    first = Chat(client.app, user="dup-first")
    await first.send(payload="/report")
    await first.send("집 앞 도로에 포트홀이 생겼어요")
    await first.send(location=GANGNAM)
    await first.send(payload="/report skip")
    reply = await first.send(payload="/report category road_damage")
    reply = await first.press(reply, "/report confirm")
    return voicemap.find_public_id(reply.text)


async def offered(client, user: str) -> Chat:
    second = Chat(client.app, user=user)
    await second.send(payload="/report")
    await second.send("도로에 포트홀이 있어서 위험해요")
    await second.send(location=(GANGNAM[0] + 0.0001, GANGNAM[1]))
    await second.send(payload="/report skip")
    reply = await second.send(payload="/report category road_damage")
    assert "비슷한 신고가 이미 있어요" in reply.text
    return second


@pytest.mark.parametrize("answer", ["네", "응", "좋아요", "yes", "네!", "공감할게요"])
async def test_yes_to_the_similar_report_supports_it(client, answer):
    original = await file_first(client)
    reply = await (await offered(client, "dup-" + answer)).send(answer)  # before: a new report's preview
    assert "공감을 보탰어요" in reply.text and original in reply.text, reply.text
    assert await rows(client.app, "SELECT count(*), max(supports) FROM complaints") == [(1, 1)]


async def test_no_to_the_similar_report_goes_on_and_other_words_ask_again(client):
    await file_first(client)
    second = await offered(client, "dup-no")
    reply = await second.send("음")
    assert "비슷한 신고가 이미 있어요" in reply.text  # neither: asked again, nothing filed
    reply = await second.send("아니요, 새로 할게요")
    assert "이대로 접수할까요?" in reply.text
    assert await rows(client.app, "SELECT count(*), max(supports) FROM complaints") == [(1, 0)]


@examples(max_examples=80, deadline=None)
@given(
    st.sampled_from(
        [
            "네",
            "넵",
            "예",
            "응",
            "응응",
            "ㅇㅇ",
            "좋아요",
            "그래요",
            "공감",
            "공감할게요",
            "yes",
            "Yes",
            "ok",
            "sure",
        ]
    ),
    st.sampled_from(["", "!", ".", "~", " ㅎㅎ", "!!"]),
)
def test_every_typed_yes_maps_onto_the_support_button(word, tail):
    turn = _turn(word + tail, ["SEL-AAAAAA"])
    assert report_flow.ReportFlow._duplicate_answer(None, turn) == "SEL-AAAAAA"


@examples(max_examples=60, deadline=None)
@given(
    st.sampled_from(
        [
            "아니요",
            "아뇨",
            "아니",
            "no",
            "nope",
            "새로 신고할게요",
            "그냥 접수해 주세요",
            "새로 할게요",
            "File mine anyway",
        ]
    )
)
def test_every_typed_no_maps_onto_the_new_button(word):
    assert report_flow.ReportFlow._duplicate_answer(None, _turn(word, ["SEL-AAAAAA"])) == "new"


def test_with_several_shown_yes_is_ambiguous_and_a_number_picks():
    shown = ["SEL-AAAAAA", "SEL-BBBBBB"]
    assert report_flow.ReportFlow._duplicate_answer(None, _turn("네", shown)) is None
    assert report_flow.ReportFlow._duplicate_answer(None, _turn("2번", shown)) == "SEL-BBBBBB"
    assert report_flow.ReportFlow._duplicate_answer(None, _turn("sel-bbbbbb", shown)) == "SEL-BBBBBB"


def _turn(text: str, shown: list[str]):
    class _Turn:
        pass

    turn = _Turn()
    turn.text, turn.state = text, {"similar_shown": shown}
    return turn
