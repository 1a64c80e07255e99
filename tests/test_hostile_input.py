"""Hostile input: every case of the attack report is a 4xx in the JSON error shape, never a 500.

The regression cases come first (one per finding), then a Hypothesis fuzz over arbitrary JSON
values and byte strings against every write endpoint, the widget's WebSocket and the Telegram
webhook: no 5xx, and a refused request stores nothing.
"""

from __future__ import annotations

import asyncio
import io
import json
from pathlib import Path

import pytest
from aiohttp import FormData, WSMsgType
from conftest import issue_api_key
from fake_bot_api import SECRET, bot_env, connected
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from civicbot import keys

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.usefixtures("built_index")
GANGNAM = (37.5009, 127.0364)
_IGNORED_TABLES = ("telegram_updates", "sessions")  # a 200 webhook claims its update id


@pytest.fixture
def app_settings(make_settings, fake_api):
    return make_settings(
        CIVICBOT_SERVICES_DIR=str(ROOT / "services"), CIVICBOT_RATE_LIMIT="0", **bot_env(fake_api)
    )


@pytest.fixture
async def app_client(make_client, app_settings):
    return await connected(await make_client(app_settings))


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


async def session_of(client) -> str:
    return (await (await client.post("/api/sessions")).json())["token"]


async def a_report(client, token: str) -> str:
    body = {
        "text": "집 앞 도로에 포트홀이 생겼어요",
        "lat": GANGNAM[0],
        "lon": GANGNAM[1],
        "category": "road_damage",
    }
    response = await client.post("/api/complaints", json=body, headers=bearer(token))
    assert response.status == 201
    return (await response.json())["id"]


async def json_error(response) -> tuple[int, str]:
    assert response.content_type == "application/json", await response.text()
    body = await response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    return response.status, body["error"]["code"]


async def stored_rows(client) -> dict[str, int]:
    """Row counts of every table a request could write to."""

    def count(conn) -> dict[str, int]:
        names = [
            row[0]
            for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
            if not row[0].startswith("sqlite_") and "rtree" not in row[0] and row[0] not in _IGNORED_TABLES
        ]
        return {name: conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in names}

    return await client.app[keys.DATABASE].execute_fn(count)


# -- the findings, one by one ---------------------------------------------------------------------
LONE_SURROGATE = b'{"conversation_id": "c", "text": "\\ud800"}'
DEEP = b"[" * 1500 + b"]" * 1500
HUGE_INT = b'{"text": "hi", "n": ' + b"9" * 5000 + b"}"


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/api/chat", LONE_SURROGATE),
        ("/api/chat", DEEP),
        ("/api/chat", HUGE_INT),
        ("/api/chat", b'{"text": NaN}'),
        ("/api/chat", b'{"text": 1e999}'),
        ("/api/chat", b'{"text": "\xff\xfe"}'),
        ("/api/widget/messages", b'{"text": "\\udfff"}'),
        ("/api/widget/messages", DEEP),
        ("/api/widget/messages", b'{"location": {"lat": ' + b"9" * 400 + b', "lon": 1}}'),
        ("/api/complaints", b'{"text": "pothole", "lat": ' + b"9" * 400 + b', "lon": 127.0}'),
        ("/api/complaints", b'{"text": "pothole", "lat": 37.5, "lon": 127.0, "district": "\\ud800"}'),
        ("/api/complaints", DEEP),
        ("/api/polls/1/votes", b'{"choices": [1], "district": "\\ud800"}'),
        ("/api/polls/1/votes", HUGE_INT),
    ],
)
async def test_malformed_json_is_a_400_never_a_500(app_client, path, body):
    token = await session_of(app_client)
    before = await stored_rows(app_client)
    response = await app_client.post(
        path, data=body, headers={**bearer(token), "Content-Type": "application/json"}
    )
    status, _code = await json_error(response)
    assert status == 400
    assert await stored_rows(app_client) == before


async def test_the_error_message_never_repeats_the_input(app_client, official_token):
    token = await session_of(app_client)
    response = await app_client.post(
        "/api/complaints",
        json={"text": "포트홀", "lat": 37.5, "lon": 127.0, "category": "zzz_<script>"},
        headers=bearer(token),
    )
    assert "<script>" not in await response.text()
    vote = await app_client.post(
        "/api/polls/1/votes", json={"choices": [1], "district": "<b>evil</b>"}, headers=bearer(token)
    )
    assert vote.status in (400, 403, 404, 409) and "evil" not in await vote.text()


async def test_oversized_numbers_in_the_path_and_query(app_client, official_token):
    assert (await json_error(await app_client.get("/api/polls/" + "9" * 5000)))[0] == 404
    offset = await app_client.get(f"/api/admin/complaints?offset={2**64}", headers=bearer(official_token))
    assert await json_error(offset) == (400, "invalid_offset")
    limit = await app_client.get("/api/complaints.geojson?limit=" + "9" * 5000)
    assert await json_error(limit) == (400, "invalid_limit")
    k = await app_client.get("/api/knowledge/search?q=wifi&k=" + "9" * 5000)
    assert await json_error(k) == (400, "invalid_field")


async def test_a_websocket_ping_with_a_lone_surrogate_gets_an_error_frame(app_client):
    token = await session_of(app_client)
    async with app_client.ws_connect("/api/widget/ws") as ws:
        await ws.send_json({"type": "auth", "token": token})
        assert (await ws.receive_json())["type"] == "ready"
        await ws.send_str('{"type": "ping", "id": "\\ud800"}')
        frame = await ws.receive_json()
        assert frame["type"] == "error" and frame["error"]["code"] == "invalid_json"
        await ws.send_str('{"type": "ping", "id": "ok"}')  # the socket is still open and usable
        assert await ws.receive_json() == {"type": "pong", "id": "ok"}


async def test_the_webhook_refuses_hostile_json(app_client):
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET, "Content-Type": "application/json"}
    for body in (DEEP, b'{"update_id": ' + b"9" * 30 + b"}", b'{"update_id": 1, "x": "\\ud800"}'):
        response = await app_client.post("/telegram/webhook", data=body, headers=headers)
        assert (await json_error(response))[0] == 400


# -- multipart ------------------------------------------------------------------------------------
def _multipart(parts: list[tuple[dict, bytes]], boundary: str = "XyZ") -> tuple[bytes, dict]:
    chunks = []
    for headers, body in parts:
        lines = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
        chunks.append(f"--{boundary}\r\n{lines}\r\n".encode() + body + b"\r\n")
    chunks.append(f"--{boundary}--\r\n".encode())
    return b"".join(chunks), {"Content-Type": f"multipart/form-data; boundary={boundary}"}


async def test_multipart_with_too_many_parts_is_refused(app_client):
    token = await session_of(app_client)
    parts = [({"Content-Disposition": f'form-data; name="f{i}"'}, b"") for i in range(60_000)]
    body, headers = _multipart(parts)
    before = await stored_rows(app_client)
    response = await app_client.post(
        "/api/complaints", data=io.BytesIO(body), headers={**headers, **bearer(token)}
    )
    assert await json_error(response) == (413, "too_many_parts")
    assert await stored_rows(app_client) == before


async def test_multipart_base64_transfer_encoding_is_refused_not_stored_undecoded(app_client):
    token = await session_of(app_client)
    parts = [
        (
            {"Content-Disposition": 'form-data; name="text"', "Content-Transfer-Encoding": "base64"},
            b"7Y+s7Yq4",
        ),
        ({"Content-Disposition": 'form-data; name="lat"'}, b"37.5009"),
        ({"Content-Disposition": 'form-data; name="lon"'}, b"127.0364"),
        ({"Content-Disposition": 'form-data; name="category"'}, b"road_damage"),
    ]
    body, headers = _multipart(parts)
    response = await app_client.post("/api/complaints", data=body, headers={**headers, **bearer(token)})
    assert await json_error(response) == (400, "unsupported_encoding")


# -- minor items ----------------------------------------------------------------------------------
async def test_dns_rebinding_host_does_not_make_an_origin_same_origin(app_client):
    port = app_client.server.port
    rebound = {"Host": f"evil.example:{port}", "Origin": f"http://evil.example:{port}"}
    response = await app_client.get("/api/widget/ws", headers=rebound)
    assert await json_error(response) == (403, "origin_not_allowed")
    posted = await app_client.post("/api/sessions", headers=rebound)
    assert await json_error(posted) == (403, "origin_not_allowed")
    # An address nobody can re-point still counts as this server (a developer's localhost).
    local = {"Origin": f"http://127.0.0.1:{port}"}
    assert (await app_client.post("/api/sessions", headers=local)).status == 201


@pytest.fixture
def open311_key(app_settings) -> str:
    return issue_api_key(app_settings, "fuzz")


async def test_open311_invalid_utf8_is_a_400_not_replacement_characters(app_client, open311_key):
    key = open311_key
    before = await stored_rows(app_client)
    body = f"api_key={key}&service_code=road_damage&lat=37.5009&long=127.0364&description=%FF%FEbad".encode()
    response = await app_client.post(
        "/open311/v2/requests.json",
        data=body,
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert response.status == 400
    assert await stored_rows(app_client) == before


async def test_open311_address_string_has_a_length_limit(app_client, open311_key):
    key = open311_key
    form = FormData({"api_key": key, "service_code": "road_damage", "address_string": "강남구 " * 200})
    response = await app_client.post("/open311/v2/requests.json", data=form)
    assert response.status == 400
    assert "300" in (await response.json())[0]["description"]


async def test_aiohttps_own_400_is_in_the_json_error_shape(app_client):
    reader, writer = await asyncio.open_connection("127.0.0.1", app_client.server.port)
    writer.write(b"GET /healthz HTTP/1.1\r\nHost: x\r\nBad Header Without Colon\r\n\r\n")
    await writer.drain()
    raw = await asyncio.wait_for(reader.read(), 10)
    writer.close()
    head, _, body = raw.partition(b"\r\n\r\n")
    assert head.split(b"\r\n")[0].endswith(b" 400 Bad Request")
    assert b"application/json" in head
    assert json.loads(body)["error"]["code"] == "bad_request"


async def test_a_body_over_the_limit_is_a_json_413(app_client):
    response = await app_client.post(
        "/api/chat", data=b"{" + b" " * 70_000 + b"}", headers={"Content-Type": "application/json"}
    )
    assert (await json_error(response))[0] == 413


# -- the fuzz -------------------------------------------------------------------------------------
_KEYS = st.sampled_from(
    [
        "text",
        "conversation_id",
        "choices",
        "district",
        "age_band",
        "lat",
        "lon",
        "location",
        "status",
        "note",
        "duplicate_of",
        "category",
        "address",
        "payload",
        "type",
        "id",
        "update_id",
        "message",
        "title",
        "options",
        "closes_at",
        "photo",
        "language",
    ]
) | st.text(max_size=8)
_SURROGATES = st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)
_STRINGS = st.text(max_size=20) | st.text(_SURROGATES, min_size=1, max_size=3)
_NUMBERS = (
    st.integers()
    | st.integers(min_value=10**30, max_value=10**400)
    | st.floats(allow_nan=False, allow_infinity=False)
)
_SCALARS = st.none() | st.booleans() | _NUMBERS | _STRINGS
JSON_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_KEYS, inner, max_size=5),
    max_leaves=12,
)


def _encode(value: object) -> bytes:
    return json.dumps(value).encode()  # ensure_ascii: lone surrogates travel as \\ud800 escapes


def fuzz(loop, check, strategy, examples: int = 40) -> None:
    """Run a Hypothesis test in this worker thread; each example awaits ``check`` on the app's loop."""

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(strategy)
    def run(value) -> None:
        asyncio.run_coroutine_threadsafe(check(value), loop).result(120)

    run()


async def test_fuzz_every_write_endpoint_with_json_values_and_bytes(app_client, official_token, open311_key):
    client = app_client
    token = await session_of(client)
    report_id = await a_report(client, token)
    key = open311_key
    json_type = {"Content-Type": "application/json"}
    telegram = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
    targets = [
        ("/api/chat", {}),
        ("/api/widget/messages", bearer(token)),
        ("/api/complaints", bearer(token)),
        (f"/api/complaints/{report_id}/supports", bearer(token)),
        ("/api/polls/1/votes", bearer(token)),
        ("/api/admin/polls", bearer(official_token)),
        (f"/api/admin/complaints/{report_id}/status", bearer(official_token)),
        ("/telegram/webhook", telegram),
    ]

    async def post(path: str, headers: dict, body: bytes, content_type: str) -> None:
        before = await stored_rows(client)
        response = await client.post(path, data=body, headers={**headers, "Content-Type": content_type})
        text = await response.text()
        assert response.status < 500, (path, body[:200], text)
        if response.status >= 400:
            assert response.content_type == "application/json", (path, text)
            assert await stored_rows(client) == before, (path, body[:200])

    async def with_json(value: object) -> None:
        for path, headers in targets:
            await post(path, headers, _encode(value), json_type["Content-Type"])

    async def with_bytes(data: bytes) -> None:
        for path, headers in targets:
            await post(path, headers, data, "application/json")
        await post("/api/complaints", bearer(token), data, "multipart/form-data; boundary=XyZ")
        await post(
            "/open311/v2/requests.json",
            {},
            b"api_key=" + key.encode() + b"&" + data,
            "application/x-www-form-urlencoded",
        )

    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, fuzz, loop, with_json, JSON_VALUES)
    await loop.run_in_executor(None, fuzz, loop, with_bytes, st.binary(max_size=300))


async def test_fuzz_the_websocket(app_client):
    token = await session_of(app_client)
    async with app_client.ws_connect("/api/widget/ws") as ws:
        await ws.send_json({"type": "auth", "token": token})
        assert (await ws.receive_json())["type"] == "ready"

        async def send(value: object) -> None:
            before = await stored_rows(app_client)
            await ws.send_str(json.dumps(value))
            frame = await ws.receive(timeout=60)
            assert frame.type == WSMsgType.TEXT, frame
            answer = json.loads(frame.data)
            assert answer["type"] in ("reply", "pong", "error"), answer
            if answer["type"] == "error":
                assert answer["error"]["code"] != "internal_error", (value, answer)
                assert await stored_rows(app_client) == before

        loop = asyncio.get_running_loop()
        await loop.run_in_executor(None, fuzz, loop, send, JSON_VALUES)


# -- conversation ownership --------------------------------------------------------------------------
async def test_a_strangers_conversation_id_starts_a_new_conversation(app_client):
    first = await (await app_client.post("/api/chat", json={"text": "민원 신고하고 싶어요"})).json()
    mine = first["conversation_id"]
    assert mine.startswith("cv_")
    again = await (await app_client.post("/api/chat", json={"conversation_id": mine, "text": "안녕"})).json()
    assert again["conversation_id"] == mine  # the owner continues
    for stranger in ("web-1", mine[:-2] + "xx", "cv_guess.abc"):
        reply = await (
            await app_client.post("/api/chat", json={"conversation_id": stranger, "text": "안녕"})
        ).json()
        assert reply["conversation_id"] not in (stranger, mine)

    def stored(conn) -> list[str]:
        return [row[0] for row in conn.execute("SELECT id FROM conversations").fetchall()]

    ids = await app_client.app[keys.DATABASE].execute_fn(stored)
    assert f"api:{mine}" in ids
    assert not any(i in ("api:web-1", "api:cv_guess.abc") or i.endswith("xx") for i in ids)


# -- limits by cost ------------------------------------------------------------------------------------
async def test_long_messages_spend_the_model_budget(make_client, make_settings):
    client = await make_client(make_settings(CIVICBOT_MODEL_CHARS_PER_MINUTE="2000"))
    long_text = "에스넷은 서울시 자가 통신망이에요 " * 80  # ~1,500 characters the model reads
    assert (await client.post("/api/chat", json={"text": long_text})).status == 200
    refused = await client.post("/api/chat", json={"text": long_text})
    assert await json_error(refused) == (429, "model_budget")
    short = await client.post("/api/chat", json={"text": "안녕"})
    assert short.status == 200  # what is left still pays for short questions


async def test_public_reads_have_their_own_limit(make_client, make_settings):
    client = await make_client(make_settings(CIVICBOT_READS_PER_MINUTE="3"))
    for _ in range(3):
        assert (await client.get("/api/complaints.geojson")).status == 200
    assert await json_error(await client.get("/api/complaints/counts")) == (429, "rate_limited")
    assert (await client.get("/healthz")).status == 200  # not a public read: unaffected
    assert (await client.post("/api/sessions")).status == 201


async def test_websockets_are_capped_per_session(app_client):
    token = await session_of(app_client)
    sockets = []
    try:
        for _ in range(4):
            ws = await app_client.ws_connect("/api/widget/ws")
            await ws.send_json({"type": "auth", "token": token})
            assert (await ws.receive_json())["type"] == "ready"
            sockets.append(ws)
        extra = await app_client.ws_connect("/api/widget/ws")
        await extra.send_json({"type": "auth", "token": token})
        frame = await extra.receive_json()
        assert frame["error"]["code"] == "too_many_sockets"
        assert (await extra.receive()).type in (WSMsgType.CLOSE, WSMsgType.CLOSED)
    finally:
        for ws in sockets:
            await ws.close()


async def test_websockets_are_capped_per_address(app_client):
    from civicbot.web import widget

    hub = app_client.app[widget.WIDGET_HUB]
    hub.by_address["127.0.0.1"] = widget._MAX_SOCKETS_PER_ADDRESS  # as if that many were open
    response = await app_client.get("/api/widget/ws")
    assert await json_error(response) == (429, "too_many_sockets")
    hub.by_address.pop("127.0.0.1")


# -- the map at scale ----------------------------------------------------------------------------------
async def test_many_reports_come_as_gzipped_clusters(app_client):
    from civicbot import voicemap
    from civicbot.categories import catalogue_for
    from civicbot.geo import Place

    catalogue = catalogue_for(ROOT / "services")

    def seed(conn) -> None:
        for n in range(600):
            lat, lon = 37.45 + (n % 25) * 0.01, 126.85 + (n // 25) * 0.012
            place = Place("서울특별시", "11680", "강남구", "Gangnam-gu", "역삼동", lat, lon, True)
            new = voicemap.NewComplaint(
                text="포트홀", category="road_damage", place=place, language="ko", channel="web",
                user_id=f"u{n}", reply_to="",
            )  # fmt: skip
            voicemap.submit(conn, new, catalogue, "Asia/Seoul")

    await app_client.app[keys.DATABASE].execute_write_fn(seed)
    city = "126.76,37.41,127.19,37.72"
    response = await app_client.get(
        f"/api/complaints.geojson?bbox={city}&zoom=11", headers={"Accept-Encoding": "gzip"}
    )
    assert response.status == 200 and response.headers["Content-Encoding"] == "gzip"
    body = await response.json()
    assert body["clustered"] and body["total"] == 600
    assert sum(f["properties"]["count"] for f in body["features"]) == 600
    assert len(body["features"]) < 100
    close = await (
        await app_client.get("/api/complaints.geojson?bbox=126.845,37.445,126.865,37.465&zoom=17")
    ).json()
    assert not close.get("clustered") and close["features"][0]["properties"]["id"]
