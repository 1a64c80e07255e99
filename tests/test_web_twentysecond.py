"""The twenty-second pass, web area: the newcomer probe's findings #28, #29, #30, #31, #15, #35, #38.

- #28 the request contract: a JSON report's coordinates are JSON numbers and ``location`` takes
  only ``lat``/``lon`` (``lng``), as the OpenAPI document says; a multipart form still sends text.
- #29 a point and an address in different districts: 400 ``place_conflict`` naming both.
- #30 length limits: a field over its length is 400 ``<field>_too_long`` on every endpoint; 413 is
  for bodies and files over their size in bytes.
- #31 the widget's composer counter and limit notice (strings from the catalogue, the limit from
  the settings); the browser half is in tests/test_browser_twentysecond.py.
- #15 the officials' dashboard counts held reports (and shows them as their own tile).
- #35 a navy focus ring, not the error red, with enough contrast.
- #38 a report's public page has the 공감 (support) button, for open public reports only.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import settings_db
from hypothesis import given, settings
from hypothesis import strategies as st
from test_console import console_env, console_index, make_account, sign_in  # noqa: F401
from test_console_twentieth import file_report, place

from civicbot import console, i18n, keys, voicemap
from civicbot.complaint_shapes import ComplaintCreate
from civicbot.config import Settings
from civicbot.reply_shapes import ChatRequest
from civicbot.web.boundary import parse
from civicbot.web.errors import STATUS, ApiError

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.usefixtures("built_index")

MAPO = (37.5563, 126.9220)  # 마포구 동교동
GANGNAM = (37.5009, 127.0364)  # 강남구 역삼동


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


async def error_of(response) -> tuple[int, str, str]:
    body = await response.json()
    return response.status, body["error"]["code"], body["error"]["message"]


async def stored_reports(client) -> int:
    return await client.app[keys.DATABASE].execute_fn(
        lambda conn: conn.execute("SELECT count(*) FROM complaints").fetchone()[0]
    )


# -- #28: coordinates are JSON numbers; location has only lat/lon -----------------------------------
_NOT_NUMBERS = st.one_of(
    st.text(max_size=12),
    st.booleans(),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=4), st.integers(), max_size=2),
)


@settings(max_examples=60, deadline=None)
@given(value=_NOT_NUMBERS, which=st.sampled_from(["lat", "lon"]))
def test_a_json_coordinate_that_is_not_a_number_is_refused(value, which):
    """``"lat": "37.5"`` was taken from JSON though the document says number."""
    body = {"text": "포트홀", "lat": MAPO[0], "lon": MAPO[1], which: value}
    with pytest.raises(ApiError) as refused:
        parse(ComplaintCreate, body, {"form": False})
    assert (refused.value.status, refused.value.code) == (400, "invalid_location")
    assert which in refused.value.message


def test_a_form_still_sends_its_coordinates_as_text():
    parsed = parse(ComplaintCreate, {"text": "포트홀", "lat": "37.5563", "lon": "126.9220"}, {"form": True})
    assert parsed.point() == ("37.5563", "126.9220")


@settings(max_examples=60, deadline=None)
@given(key=st.text(min_size=1, max_size=12).filter(lambda k: k not in {"lat", "lon", "lng"}))
def test_an_unknown_key_in_location_is_an_unknown_field(key):
    """``{"lat", "lon", "x"}`` was taken with "x" silently dropped."""
    body = {"text": "포트홀", "location": {"lat": MAPO[0], "lon": MAPO[1], key: 1}}
    with pytest.raises(ApiError) as refused:
        parse(ComplaintCreate, body, {"form": False})
    assert (refused.value.status, refused.value.code) == (400, "unknown_field")
    assert refused.value.message.startswith("Unknown field 'location.")


async def test_the_api_refuses_text_coordinates_and_stray_location_keys(client, session_token):
    cases = [
        ({"lat": "37.5563", "lon": "126.9220"}, "invalid_location"),
        ({"location": {"lat": MAPO[0], "lon": MAPO[1], "x": 1}}, "unknown_field"),
        ({"location": {"lat": "37.5", "lon": MAPO[1]}}, "invalid_location"),
        ({"location": [str(MAPO[0]), MAPO[1]]}, "invalid_location"),
    ]
    for fields, code in cases:
        body = {"text": "포트홀이 생겼어요", "category": "road_damage", **fields}
        response = await client.post("/api/complaints", json=body, headers=bearer(session_token))
        assert (await error_of(response))[:2] == (400, code), fields
    assert await stored_reports(client) == 0
    ok = {
        "text": "포트홀이 생겼어요",
        "category": "road_damage",
        "location": {"lat": MAPO[0], "lng": MAPO[1]},
    }
    response = await client.post("/api/complaints", json=ok, headers=bearer(session_token))
    assert response.status == 201, await response.text()


async def test_the_document_says_what_location_takes(client):
    document = await (await client.get("/api/openapi.json")).json()
    schemas = document["components"]["schemas"]
    location = schemas["ComplaintCreate"]["properties"]["location"]
    assert location["additionalProperties"] is False
    assert location["properties"]["lat"] == {"type": "number", "minimum": -90, "maximum": 90}


# -- #29: a point and an address that disagree ------------------------------------------------------
@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("강남구 역삼동", 400),  # another district than the point
        ("신사동", 400),  # a 동 of two districts, neither of them the point's
        ("마포구 동교동 123", 201),  # the same place said twice
        ("마포구", 201),
        ("월드컵북로 10", 201),  # names no 구 or 동 we know: the point stands
    ],
)
async def test_an_address_in_another_district_than_the_point_is_a_place_conflict(
    client, session_token, address, expected
):
    body = {"text": "가로등이 꺼졌어요", "category": "street_light", "lat": MAPO[0], "lon": MAPO[1]}
    response = await client.post(
        "/api/complaints", json={**body, "address": address}, headers=bearer(session_token)
    )
    if expected == 400:
        status, code, message = await error_of(response)
        assert (status, code) == (400, "place_conflict")
        assert "Mapo-gu" in message and "Gangnam-gu" in message
        assert await stored_reports(client) == 0
    else:
        answer = await response.json()
        assert response.status == 201, answer
        assert answer["district"] == "마포구"


async def test_open311_refuses_the_same_conflict(client, api_key):
    form = {
        "api_key": api_key,
        "service_code": "street_light",
        "lat": str(GANGNAM[0]),
        "long": str(GANGNAM[1]),
        "address_string": "마포구 합정동",
        "description": "가로등이 꺼졌어요",
    }
    response = await client.post("/open311/v2/requests.json", data=form)
    assert response.status == 400
    [error] = await response.json()
    assert "Gangnam-gu" in error["description"] and "Mapo-gu" in error["description"]


# -- #30: 400 for a field over its length, 413 for a body over its size -------------------------------
@pytest.mark.parametrize(
    ("method", "path", "body", "code"),
    [
        ("POST", "/api/chat", {"text": "가" * 2001}, "text_too_long"),
        ("POST", "/api/chat", {"text": "안녕", "conversation_id": "c" * 129}, "conversation_id_too_long"),
        ("GET", "/api/knowledge/search?q=" + "a" * 2001, None, "q_too_long"),
        ("POST", "/api/widget/messages", {"text": "가" * 2001}, "text_too_long"),
        ("POST", "/api/widget/messages", {"payload": "/vote " + "9" * 200}, "payload_too_long"),
        (
            "POST",
            "/api/complaints",
            {"text": "가" * 2001, "category": "road_damage", "lat": MAPO[0], "lon": MAPO[1]},
            "text_too_long",
        ),
        (
            "POST",
            "/api/complaints",
            {"text": "포트홀", "category": "road_damage", "address": "마포구 " * 100},
            "address_too_long",
        ),
        ("POST", "/api/proposals", {"title": "제" * 201, "options": ["가", "나"]}, "title_too_long"),
    ],
)
async def test_a_field_over_its_length_is_a_400_naming_the_field(
    client, session_token, method, path, body, code
):
    """These were 413 on chat, the widget, search and reports and 400 on addresses and proposals."""
    response = await client.request(method, path, json=body, headers=bearer(session_token))
    status, got, message = await error_of(response)
    assert (status, got) == (400, code), message
    assert code.removesuffix("_too_long") in message  # the message names the field too


@pytest.mark.parametrize("path", ["/api/chat", "/api/widget/messages", "/api/proposals"])
async def test_a_body_over_its_size_is_a_413(client, session_token, path):
    body = json.dumps({"text": "가" * 30_000}).encode()  # 90 KB, over the 64 KiB body limit
    headers = {**bearer(session_token), "Content-Type": "application/json"}
    response = await client.post(path, data=body, headers=headers)
    assert (await error_of(response))[:2] == (413, "payload_too_large")


@settings(max_examples=40, deadline=None)
@given(extra=st.integers(min_value=1, max_value=5000), letter=st.sampled_from(["a", "가", " ", "😀"]))
def test_any_text_over_the_setting_is_a_400_text_too_long(extra, letter):
    limits = {"settings": Settings(max_text_chars=100)}
    with pytest.raises(ApiError) as refused:
        parse(ChatRequest, {"text": "가" + letter * (99 + extra)}, limits)
    assert (refused.value.status, refused.value.code) == (400, "text_too_long")
    assert refused.value.message == "'text' is longer than 100 characters."


def test_no_code_for_a_field_is_a_413():
    """413 is only for sizes in bytes: a body, a photo, a multipart part."""
    assert {code for code, status in STATUS.items() if status == 413} == {"photo_too_large"}


async def test_the_document_lists_the_400_and_the_413_as_they_are(client):
    document = await (await client.get("/api/openapi.json")).json()
    chat = document["paths"]["/api/chat"]["post"]["responses"]
    assert "text_too_long" in chat["400"]["description"] and "64 KiB" in chat["413"]["description"]
    search = document["paths"]["/api/knowledge/search"]["get"]["responses"]
    assert "413" not in search


# -- #31: the widget's counter and limit notice --------------------------------------------------------
async def test_the_widget_takes_its_limit_from_the_settings_and_its_words_from_the_catalogue(
    make_client, make_settings
):
    client = await make_client(make_settings(CIVICBOT_MAX_TEXT_CHARS="500"))
    source = await (await client.get("/widget.js")).text()
    assert "var MAX_TEXT = 500;" in source
    table = json.loads(re.search(r"var STRINGS = (\{.*?\});\n", source).group(1))
    for key in ("counter", "limitReached", "limitPasted"):
        assert set(table[key]) == {"ko", "en"}
        assert all("{max}" in text for text in table[key].values())
    assert table["limitPasted"]["ko"].replace("{max}", "500") == i18n.t("widget.limitPasted", "ko", max=500)


# -- #15: the dashboard counts held reports ----------------------------------------------------------
@pytest.fixture
def console_settings(make_settings, console_env):  # noqa: F811
    return make_settings(**console_env)


def test_the_dashboard_counts_add_up_with_held_reports(console_settings):
    with settings_db(console_settings) as conn:
        public_ids = [file_report(conn, i, place=place(0)) for i in range(3)]
        conn.execute(
            "UPDATE complaints SET visibility = 'pending_review' WHERE public_id = ?", [public_ids[0]]
        )
        setup = voicemap.Setup.load(console_settings)
        page = console.dashboard(conn, setup, "ko", console_settings.zone, console_settings.overdue_days)
    assert page["open_total"] == 3  # was 2: the held report was left out
    assert page["held_reports"] == 1
    assert sum(d["n"] for d in page["districts"]) == page["open_total"]


async def test_the_dashboard_shows_the_held_tile_linking_the_review_queue(console_settings, make_client):
    make_account(console_settings, "kim", "official")
    with settings_db(console_settings) as conn:
        held = file_report(conn, 1)
        conn.execute("UPDATE complaints SET visibility = 'pending_review' WHERE public_id = ?", [held])
    client = await make_client(console_settings)
    await sign_in(client, "kim")
    html = await (await client.get("/admin")).text()
    assert re.search(r'stat-n">1</span> <a href="/admin/complaints\?status=open">처리 중인 민원', html)
    assert re.search(
        r'stat-n">1</span> <a href="/admin/complaints\?status=needs_review">공개 전 검토를 기다리는 민원',
        html,
    )


# -- #35: the focus ring ----------------------------------------------------------------------------------
def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("sheet", ["widget.css", "style.css"])
def test_the_focus_ring_is_navy_with_contrast_not_the_error_red(sheet):
    css = (ROOT / "civicbot" / "static" / sheet).read_text(encoding="utf-8")
    ring = re.search(r"--focus-ring:\s*(#[0-9a-f]{6})", css).group(1)
    rule = re.search(r"(?m)^:focus-visible\s*\{([^}]*)\}", css).group(1)
    assert "var(--focus-ring)" in rule and "3px" in rule and "box-shadow: 0 0 0 2px #ffffff" in rule
    assert ring != "#b3261e"
    red, _green, blue = (int(ring[i : i + 2], 16) for i in (1, 3, 5))
    assert blue > red  # a blue, not a warning colour
    for background in ("#ffffff", "#eef2f9", "#fff4d6", "#f4f6fa"):  # page, bubbles, notices
        assert _contrast(ring, background) >= 3, background


# -- #38: a report's page has the 공감 button -------------------------------------------------------------
async def _report(client, token: str) -> str:
    body = {"text": "보도블록이 깨졌어요", "category": "road_damage", "lat": MAPO[0], "lon": MAPO[1]}
    response = await client.post("/api/complaints", json=body, headers=bearer(token))
    assert response.status == 201, await response.text()
    return (await response.json())["id"]


async def test_an_open_report_page_has_the_support_button_and_a_closed_one_does_not(
    client, session_token, official_token
):
    public_id = await _report(client, session_token)
    html = await (await client.get(f"/complaints/{public_id}")).text()
    assert 'id="support"' in html and '<script src="/static/complaint.js" defer></script>' in html
    assert "공감해요" in html and 'data-network="같은 네트워크' in html
    english = await (await client.get(f"/complaints/{public_id}?lang=en")).text()
    assert "I have this problem too" in english
    script = await client.get("/static/complaint.js")
    assert script.status == 200 and "/supports" in await script.text()

    closed = await client.post(
        f"/api/admin/complaints/{public_id}/status",
        json={"status": "resolved", "note": "고쳤어요"},
        headers=bearer(official_token),
    )
    assert closed.status == 200, await closed.text()
    html = await (await client.get(f"/complaints/{public_id}")).text()
    assert 'id="support"' not in html and "complaint.js" not in html


async def test_a_flag_reason_over_its_length_is_refused_before_the_report_is_looked_up(client, session_token):
    """The document said maxLength 500, but the model let any length through to the domain."""
    response = await client.post(
        "/api/complaints/SEL-ABCDEF/flags", json={"reason": "r" * 501}, headers=bearer(session_token)
    )
    status, code, message = await error_of(response)
    assert (status, code, message) == (
        400,
        "reason_too_long",
        "'reason' is too long: at most 500 characters.",
    )


async def test_the_support_the_page_sends_counts_once_per_network(client, session_token):
    """What complaint.js sends: another session supports (201), again (200), a third session on the
    same network is told so (409 address_supported) — the rules the map's supports follow."""
    public_id = await _report(client, session_token)
    tokens = []
    for _ in range(2):
        tokens.append((await (await client.post("/api/sessions")).json())["token"])
    path = f"/api/complaints/{public_id}/supports"
    first = await client.post(path, headers=bearer(tokens[0]))
    again = await client.post(path, headers=bearer(tokens[0]))
    other = await client.post(path, headers=bearer(tokens[1]))
    assert (first.status, again.status) == (201, 200)
    assert (await error_of(other))[:2] == (409, "address_supported")
