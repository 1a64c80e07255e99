"""Typed places: addresses and landmarks by pattern, providers behind a local fake server, the map pick."""

from __future__ import annotations

from pathlib import Path

import pytest
from aiohttp import web
from hypothesis import given
from hypothesis import strategies as st

from civicbot.geocode import GeocodeError, recognise
from civicbot.geocoders import JusoGeocoder, NominatimGeocoder, VWorldGeocoder, utmk_to_wgs84
from tests.test_report_flow import Chat

ROOT = Path(__file__).resolve().parent.parent
# The session index is built once up front: a first app on a busy machine may not load in time.
pytestmark = pytest.mark.usefixtures("built_index")
CITY_HALL = (37.5666, 126.9779)  # 서울특별시 중구 세종대로 110
BUKAHYEON = (37.5601, 126.9537)  # 서대문구 북아현동, where a click meant for 합정역 once landed


# -- recognising shapes offline ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "kind", "query"),
    [
        ("세종대로 110", "road", "세종대로 110"),
        ("서울특별시 중구 세종대로 110", "road", "서울특별시 중구 세종대로 110"),
        ("월드컵로1길 12 앞 인도", "road", "월드컵로1길 12"),
        ("역삼동 737-1 앞 도로", "lot", "역삼동 737-1"),
        ("합정역 7번 출구", "landmark", "합정역 7번 출구"),
        ("강남역", "landmark", "강남역"),
        ("서울시청 앞", "landmark", "서울시청"),
        ("강남역 앞에서 보도블록이 깨졌어요", "landmark", "강남역"),
    ],
)
def test_addresses_and_landmarks_are_recognised_by_pattern(text, kind, query):
    found = recognise(text)
    assert found is not None and (found.kind, found.query) == (kind, query)


@pytest.mark.parametrize("text", ["마포구 합정동", "역삼동에서", "집 앞에 쓰레기가 쌓였어요", "Mapo-gu", ""])
def test_plain_district_names_and_sentences_are_not_addresses(text):
    assert recognise(text) is None


@given(
    st.sampled_from(["세종대로", "테헤란로", "양화로", "월드컵로1길", "을지로"]),
    st.integers(1, 999),
    st.text(max_size=20),
)
def test_any_road_name_and_building_number_is_a_road_address(road, number, tail):
    found = recognise(f"{road} {number} {tail}")
    assert found is not None and found.kind == "road" and found.query.startswith(f"{road} {number}")


@given(st.text(max_size=200))
def test_recognise_never_fails_on_any_text(text):
    recognise(text)


def test_utmk_to_wgs84_puts_city_hall_at_city_hall():
    lat, lon = utmk_to_wgs84(953874, 1952046)  # juso's entrance point of 세종대로 110
    assert abs(lat - 37.5666) < 0.001 and abs(lon - 126.9777) < 0.001


# -- a local fake provider -----------------------------------------------------------------------
def fake_provider(seen: list[dict], fail: bool = False) -> web.Application:
    """VWorld, juso and Nominatim answers for 세종대로 110 / 서울시청, empty for anything else."""

    def known(query: str) -> bool:
        return "세종대로 110" in query or "시청" in query

    async def vworld_address(request: web.Request) -> web.Response:
        seen.append(dict(request.query))
        if fail:
            return web.Response(status=502)
        if request.query.get("key") != "test-key":
            return web.json_response({"response": {"status": "ERROR", "error": {"text": "INVALID_KEY"}}})
        if "세종대로 110" not in request.query["address"] or request.query["type"] != "road":
            return web.json_response({"response": {"status": "NOT_FOUND"}})
        point = {"x": str(CITY_HALL[1]), "y": str(CITY_HALL[0])}
        refined = {"text": "서울특별시 중구 세종대로 110 (태평로1가)"}
        return web.json_response(
            {"response": {"status": "OK", "refined": refined, "result": {"point": point}}}
        )

    async def vworld_search(request: web.Request) -> web.Response:
        seen.append(dict(request.query))
        if not known(request.query["query"]):
            return web.json_response({"response": {"status": "NOT_FOUND"}})
        item = {"title": "서울특별시청", "point": {"x": str(CITY_HALL[1]), "y": str(CITY_HALL[0])}}
        return web.json_response({"response": {"status": "OK", "result": {"items": [item]}}})

    async def juso_search(request: web.Request) -> web.Response:
        seen.append(dict(request.query))
        common = {"errorCode": "0", "errorMessage": "정상"}
        if not known(request.query["keyword"]):
            return web.json_response({"results": {"common": common, "juso": []}})
        juso = {
            "roadAddr": "서울특별시 중구 세종대로 110 (태평로1가)",
            "admCd": "1114010300",
            "rnMgtSn": "111402005001",
            "udrtYn": "0",
            "buldMnnm": "110",
            "buldSlno": "0",
        }
        return web.json_response({"results": {"common": common, "juso": [juso]}})

    async def juso_coord(request: web.Request) -> web.Response:
        seen.append(dict(request.query))
        common = {"errorCode": "0", "errorMessage": "정상"}
        return web.json_response(
            {"results": {"common": common, "juso": [{"entX": "953874", "entY": "1952046"}]}}
        )

    async def nominatim(request: web.Request) -> web.Response:
        seen.append(dict(request.query))
        if not known(request.query["q"]):
            return web.json_response([])
        hit = {"lat": str(CITY_HALL[0]), "lon": str(CITY_HALL[1]), "display_name": "서울특별시청, 세종대로"}
        return web.json_response([hit])

    app = web.Application()
    app.router.add_get("/vworld/address", vworld_address)
    app.router.add_get("/vworld/search", vworld_search)
    app.router.add_get("/juso/addrLinkApi.do", juso_search)
    app.router.add_get("/juso/addrCoordApi.do", juso_coord)
    app.router.add_get("/nominatim/search", nominatim)
    return app


async def test_each_provider_answers_from_the_fake_server(aiohttp_server):
    seen: list[dict] = []
    server = await aiohttp_server(fake_provider(seen))
    base = str(server.make_url("")).rstrip("/")
    bbox = (126.76, 37.41, 127.19, 37.72)
    for geocoder in (
        VWorldGeocoder(f"{base}/vworld", "test-key"),
        JusoGeocoder(f"{base}/juso", "test-key"),
        NominatimGeocoder(f"{base}/nominatim", "", bbox),
    ):
        hits = await geocoder.geocode("세종대로 110")
        assert hits, geocoder.name
        assert abs(hits[0].lat - CITY_HALL[0]) < 0.001 and abs(hits[0].lon - CITY_HALL[1]) < 0.001
        assert await geocoder.geocode("없는길 99999") == []
    landmark = await VWorldGeocoder(f"{base}/vworld", "test-key").geocode("서울시청")
    assert landmark[0].label == "서울특별시청"
    with pytest.raises(GeocodeError):
        await VWorldGeocoder(f"{base}/vworld", "wrong-key").geocode("세종대로 110")
    with pytest.raises(GeocodeError):  # nothing listens there
        await NominatimGeocoder("http://127.0.0.1:9", "", bbox).geocode("세종대로 110")


# -- the report flow -----------------------------------------------------------------------------
@pytest.fixture
def settings(make_settings):
    return make_settings(CIVICBOT_SERVICES_DIR=str(ROOT / "services"), CIVICBOT_RATE_LIMIT="0")


async def start_report(chat: Chat, text: str = "보도블록이 깨져서 걸려 넘어질 뻔했어요"):
    reply = await chat.send(payload="/report")
    reply = await chat.send(text)
    assert reply.expects == "location"
    return reply


async def test_offline_a_road_address_asks_for_the_map_instead_of_nothing_found(client):
    chat = Chat(client.app)
    await start_report(chat)
    reply = await chat.send("세종대로 110")
    assert "찾지 못했어요" not in reply.text
    assert "지도에서 그 위치를 골라 주시거나" in reply.text and reply.expects == "location"
    # No 강남동, but a well-known station or landmark lands at its 동 (twenty-second pass,
    # tests/test_places_twentysecond.py), the reporter asked for the exact spot.
    for typed in ("강남역 11번 출구", "강남역", "서울시청 앞"):
        reply = await chat.send(typed)
        assert "동 중심으로 표시돼요" in reply.text and reply.expects == "location", typed
    reply = await chat.send(location=CITY_HALL)
    assert reply.expects == "photo" and "위치: 중구" in reply.text


async def test_offline_an_address_with_its_district_lands_at_the_district_and_says_so(client):
    chat = Chat(client.app)
    await start_report(chat)
    reply = await chat.send("서울특별시 중구 세종대로 110")
    # Only the 구 is named: its centre, not a 동's (the twentieth pass's probe found "동 중심" here).
    assert "위치: 중구\n구 중심으로 표시돼요 — 지도에서 정확한 위치를 골라 주세요" in reply.text
    assert reply.expects == "location" and [b.payload for b in reply.buttons] == ["/report place keep"]
    reply = await chat.send(location=CITY_HALL)  # the map pick replaces the rough place
    assert reply.expects == "photo" and "위치: 중구 태평로1가" in reply.text


@pytest.mark.parametrize(
    ("typed", "place"),
    [
        ("합정역 7번 출구", "마포구 합정동"),
        ("신촌역 2번 출구 앞", "서대문구 신촌동"),
        ("망원시장 입구", "마포구 망원동"),
    ],
)
async def test_offline_a_landmark_named_after_its_dong_lands_at_the_dong(client, typed, place):
    """The README's own example, "합정역 7번 출구", asked for a map pick the API and Telegram cannot
    give (newcomer probe, seventeenth pass): the station is named after its 동, where it lands."""
    chat = Chat(client.app)
    await start_report(chat)
    reply = await chat.send(typed)
    assert f"위치: {place}" in reply.text and "동 중심으로 표시돼요" in reply.text
    reply = await chat.press(reply, "/report place keep")
    assert reply.expects == "photo" and f"위치: {place}" in reply.text


async def test_offline_the_rough_place_can_be_kept(client):
    chat = Chat(client.app)
    await start_report(chat)
    reply = await chat.send("중구 세종대로 110")
    reply = await chat.press(reply, "/report place keep")
    assert reply.expects == "photo" and "위치: 중구" in reply.text


async def test_with_a_geocoder_a_typed_address_is_placed_exactly(make_client, make_settings, aiohttp_server):
    seen: list[dict] = []
    server = await aiohttp_server(fake_provider(seen))
    client = await make_client(
        make_settings(
            CIVICBOT_SERVICES_DIR=str(ROOT / "services"),
            CIVICBOT_RATE_LIMIT="0",
            CIVICBOT_GEOCODER="vworld",
            CIVICBOT_GEOCODER_URL=str(server.make_url("/vworld")),
            CIVICBOT_GEOCODER_KEY="test-key",
        )
    )
    chat = Chat(client.app)
    await start_report(chat)
    reply = await chat.send("세종대로 110")
    assert reply.expects == "photo"
    assert "위치: 중구 태평로1가 (서울특별시 중구 세종대로 110 (태평로1가))" in reply.text
    assert seen[0]["address"] == "세종대로 110" and seen[0]["key"] == "test-key"


async def test_a_failing_geocoder_falls_back_to_the_map(make_client, make_settings, aiohttp_server):
    server = await aiohttp_server(fake_provider([], fail=True))
    client = await make_client(
        make_settings(
            CIVICBOT_SERVICES_DIR=str(ROOT / "services"),
            CIVICBOT_RATE_LIMIT="0",
            CIVICBOT_GEOCODER="vworld",
            CIVICBOT_GEOCODER_URL=str(server.make_url("/vworld")),
            CIVICBOT_GEOCODER_KEY="test-key",
        )
    )
    chat = Chat(client.app)
    await start_report(chat)
    reply = await chat.send("세종대로 110")
    assert reply.expects == "location" and "지도에서 그 위치를 골라 주시거나" in reply.text


async def test_a_picked_point_in_another_district_than_the_text_names_is_questioned(client):
    chat = Chat(client.app)
    await start_report(chat, "합정역 7번 출구 앞 보도블록이 깨졌어요")
    reply = await chat.send(location=BUKAHYEON)
    assert "서대문구 북아현동" in reply.text and "마포구" in reply.text and "어느 쪽이 맞나요" in reply.text
    assert [b.payload for b in reply.buttons] == ["/report place keep", "/report place repick"]
    reply = await chat.press(reply, "/report place repick")
    assert reply.expects == "location" and "마포구" in reply.text
    reply = await chat.send(location=(37.5496, 126.9139))  # 합정역
    assert reply.expects == "photo" and "위치: 마포구 합정동" in reply.text


async def test_the_picked_point_can_be_kept_against_the_text(client):
    chat = Chat(client.app)
    await start_report(chat, "합정역 7번 출구 앞 보도블록이 깨졌어요")
    reply = await chat.send(location=BUKAHYEON)
    reply = await chat.press(reply, "/report place keep")
    assert reply.expects == "photo" and "위치: 서대문구 북아현동" in reply.text
