"""The voice map over HTTP: reporting, validation, privacy, the map data, supports and the officials' workflow.

Everything runs against the real app factory and a real SQLite file in tmp_path.
"""

from __future__ import annotations

import base64
import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

import pytest
from conftest import ENGINES
from PIL import Image

from civicbot import clock, keys, voicemap
from civicbot.geo import coarsen, distance_m


@pytest.fixture(params=ENGINES)
def db_engine(request: pytest.FixtureRequest) -> str:
    """This suite runs on SQLite and on PostgreSQL."""
    return request.param


ROOT = Path(__file__).resolve().parent.parent
GANGNAM = (37.5009, 127.0364)  # 강남구 역삼동
CITY_HALL = (37.5665, 126.9780)  # 중구 태평로1가
MAPO = (37.5563, 126.9220)  # 마포구 동교동
BUSAN = (35.1796, 129.0756)
GWANGMYEONG = (37.4786, 126.8646)  # inside the bounding box, outside Seoul
XSS = '<img src=x onerror=alert(1)><script>alert("x")</script>'


@pytest.fixture
def settings(make_settings):
    return make_settings(CIVICBOT_SERVICES_DIR=str(ROOT / "services"), CIVICBOT_RATE_LIMIT="0")


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


async def new_session(client) -> str:
    response = await client.post("/api/sessions")
    return (await response.json())["token"]


async def report(client, token: str, point=GANGNAM, expect: int = 201, **fields) -> dict:
    body = {
        "text": "집 앞 도로에 포트홀이 생겼어요",
        "lat": point[0],
        "lon": point[1],
        "category": "road_damage",
    }
    body.update(fields)
    body = {k: v for k, v in body.items() if v is not None}
    response = await client.post("/api/complaints", json=body, headers=bearer(token))
    answer = await response.json()
    assert response.status == expect, answer
    return answer


def jpeg_with_gps(size=(64, 48)) -> bytes:
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # Make
    exif[0x010E] = "my home door"  # ImageDescription
    exif[0x8825] = {1: "N", 2: (37.0, 30.0, 3.24), 3: "E", 4: (127.0, 2.0, 11.0)}  # GPS IFD
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def png_bytes(size=(32, 32)) -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", size, (0, 128, 0, 255)).save(out, format="PNG")
    return out.getvalue()


async def db_read(client, fn):
    return await client.app[keys.DATABASE].execute_fn(fn)


# -- intake ---------------------------------------------------------------------------------
async def test_a_report_is_public_with_personal_data_masked_and_a_coarse_point(client, session_token):
    answer = await report(
        client,
        session_token,
        text="집 앞 도로에 포트홀이 생겼어요. 연락은 010-1234-5678, 101동 1203호 앞이에요",
    )
    assert re.fullmatch(r"SEL-[2-9A-HJKMNP-Z]{6}", answer["id"])
    assert answer["status"] == "received" and answer["state"] == "open"
    assert (
        answer["district"] == "강남구"
        and answer["dong"] == "역삼동"
        and answer["district_en"] == "Gangnam-gu"
    )
    assert "010-1234-5678" not in answer["description"] and "1203" not in answer["description"]
    assert "[전화번호]" in answer["description"] and set(answer["masked"]) == {"phone", "address"}
    # The public point is the centre of a ~50 m cell: near the report, never the reported point itself.
    assert (answer["lat"], answer["lon"]) == coarsen(*GANGNAM)
    assert (answer["lat"], answer["lon"]) != GANGNAM
    assert distance_m(*GANGNAM, answer["lat"], answer["lon"]) < 40

    response = await client.get(f"/api/complaints/{answer['id']}")
    public = await response.json()
    assert response.status == 200
    assert public["description"] == answer["description"]
    assert [h["status"] for h in public["history"]] == ["received"]
    dumped = json.dumps(public, ensure_ascii=False)
    for secret in ("010-1234-5678", "1203", "session", "user_id", "reply_to", str(GANGNAM[0])):
        assert secret not in dumped


async def test_a_registration_number_is_never_stored_anywhere(client, session_token, settings):
    rrn = "900101-1234567"
    answer = await report(
        client, session_token, text=f"포트홀 신고합니다 제 주민번호는 {rrn} 이고 전화는 010-2222-3333"
    )
    assert "rrn" in answer["masked"]
    # Not in the public record, not in the private one, not in any page of the database file or its WAL.
    private = await db_read(
        client, lambda c: c.execute("SELECT text, contact FROM complaint_private").fetchall()
    )
    assert all(rrn not in value and "1234567" not in value for row in private for value in row)
    assert "010-2222-3333" in private[0][0]  # the contact the reporter left is kept, for officials
    raw = b"".join(p.read_bytes() for p in settings.data_dir.glob("civicbot.db*"))
    assert b"1234567" not in raw and rrn.encode() not in raw


async def test_address_instead_of_coordinates(client, session_token):
    answer = await report(client, session_token, point=(None, None), address="서울 마포구 합정동 어딘가")
    assert answer["district"] == "마포구" and answer["dong"] == "합정동"
    answer = await report(client, session_token, point=(None, None), address="Gangnam-gu, near the station")
    assert answer["district"] == "강남구" and answer["dong"] is None
    ambiguous = await report(client, session_token, point=(None, None), address="신사동", expect=400)
    assert ambiguous["error"]["code"] == "ambiguous_address"
    unknown = await report(client, session_token, point=(None, None), address="부산 해운대", expect=400)
    assert unknown["error"]["code"] == "unknown_address"


@pytest.mark.parametrize(
    ("fields", "status", "code"),
    [
        ({"text": ""}, 400, "empty_text"),
        ({"text": "   \n  "}, 400, "empty_text"),
        ({"text": None}, 400, "missing_field"),
        ({"text": 42}, 400, "invalid_field"),
        ({"text": "가" * 2001}, 400, "text_too_long"),
        ({"lat": "abc"}, 400, "invalid_location"),
        ({"lat": 91.0}, 400, "invalid_location"),
        ({"lon": 181.0}, 400, "invalid_location"),
        ({"lat": float("nan")}, 400, "invalid_json"),
        ({"lat": True}, 400, "invalid_location"),
        ({"lat": BUSAN[0], "lon": BUSAN[1]}, 400, "outside_city"),
        ({"lat": GWANGMYEONG[0], "lon": GWANGMYEONG[1]}, 400, "outside_city"),
        ({"lat": None, "lon": None}, 400, "missing_location"),
        ({"lon": None}, 400, "invalid_location"),
        ({"category": "flying_saucers"}, 400, "unknown_category"),
        ({"language": "fr"}, 400, "invalid_field"),
        ({"photo": "not base64 !!!"}, 400, "invalid_photo"),
        ({"photo": base64.b64encode(b"GIF89a not allowed").decode()}, 400, "unsupported_photo"),
        ({"photo": base64.b64encode(b"\xff\xd8\xff broken jpeg").decode()}, 400, "invalid_photo"),
    ],
)
async def test_bad_reports_are_refused_with_a_clear_error(client, session_token, fields, status, code):
    body = {"text": "포트홀이 생겼어요", "lat": GANGNAM[0], "lon": GANGNAM[1], "category": "road_damage"}
    for key, value in fields.items():
        if value is None:
            body.pop(key, None)
        else:
            body[key] = value
    if isinstance(body.get("lat"), float) and body["lat"] != body["lat"]:
        raw = json.dumps(body).encode()  # NaN is not JSON: Python writes it anyway, we refuse it
        response = await client.post(
            "/api/complaints", data=raw, headers={**bearer(session_token), "Content-Type": "application/json"}
        )
        assert response.status == 400
        return
    response = await client.post("/api/complaints", json=body, headers=bearer(session_token))
    answer = await response.json()
    assert response.status == status, answer
    assert answer["error"]["code"] == code
    assert answer["error"]["message"]
    count = await db_read(client, lambda c: c.execute("SELECT count(*) FROM complaints").fetchone()[0])
    assert count == 0  # nothing half-stored


async def test_reporting_needs_a_session(client):
    response = await client.post("/api/complaints", json={"text": "x", "lat": GANGNAM[0], "lon": GANGNAM[1]})
    assert response.status == 401
    response = await client.post(
        "/api/complaints",
        json={"text": "x", "lat": GANGNAM[0], "lon": GANGNAM[1]},
        headers=bearer("cbs_nope"),
    )
    assert response.status == 401


# -- photos ---------------------------------------------------------------------------------
async def test_a_photo_is_re_encoded_without_its_exif(client, session_token, official_token):
    original = jpeg_with_gps()
    assert b"SecretCam" in original and Image.open(io.BytesIO(original)).getexif()
    answer = await report(client, session_token, photo=base64.b64encode(original).decode())
    assert answer["has_photo"] is True
    # The public never gets the photo; an official does, without the EXIF block.
    assert (await client.get(f"/api/admin/complaints/{answer['id']}/photo")).status == 401
    response = await client.get(f"/api/admin/complaints/{answer['id']}/photo", headers=bearer(official_token))
    assert response.status == 200 and response.content_type == "image/jpeg"
    stored = await response.read()
    assert b"SecretCam" not in stored and b"my home door" not in stored and b"Exif" not in stored
    image = Image.open(io.BytesIO(stored))
    assert image.format == "JPEG" and image.size == (64, 48)
    assert not image.getexif()


async def test_a_png_photo_in_a_multipart_form(client, session_token):
    form = {
        "text": "공원 벤치가 부서졌어요",
        "lat": str(MAPO[0]),
        "lon": str(MAPO[1]),
        "category": "park",
    }
    import aiohttp

    data = aiohttp.FormData()
    for key, value in form.items():
        data.add_field(key, value)
    data.add_field("photo", png_bytes(), filename="bench.png", content_type="image/png")
    response = await client.post("/api/complaints", data=data, headers=bearer(session_token))
    answer = await response.json()
    assert response.status == 201, answer
    assert answer["has_photo"] is True and answer["category"] == "park" and answer["district"] == "마포구"


async def test_a_malformed_multipart_body_is_a_400_and_stores_nothing(client, session_token, official_token):
    # A part header with a raw non-ASCII byte sequence and no colon: found by schemathesis (was a 500).
    body = b'--XyZ\r\nContent-Disposition: form-data; name="text"\r\n\xf2\x80\x80\r\n\r\nhi\r\n--XyZ--\r\n'
    headers = {**bearer(session_token), "Content-Type": "multipart/form-data; boundary=XyZ"}
    response = await client.post("/api/complaints", data=body, headers=headers)
    assert response.status == 400
    assert (await response.json())["error"]["code"] == "invalid_multipart"
    listed = await client.get("/api/admin/complaints", headers=bearer(official_token))
    assert (await listed.json())["complaints"] == []


async def test_oversized_and_non_image_photos_are_refused(make_settings, make_client):
    settings = make_settings(CIVICBOT_SERVICES_DIR=str(ROOT / "services"), CIVICBOT_PHOTO_MAX_BYTES="2000")
    client = await make_client(settings)
    token = await new_session(client)
    big = jpeg_with_gps(size=(400, 400))
    assert len(big) > 2000
    answer = await report(client, token, photo=base64.b64encode(big).decode(), expect=413)
    assert answer["error"]["code"] in ("photo_too_large", "payload_too_large")
    import aiohttp

    data = aiohttp.FormData()
    data.add_field("text", "포트홀")
    data.add_field("lat", str(GANGNAM[0]))
    data.add_field("lon", str(GANGNAM[1]))
    data.add_field("category", "road_damage")
    data.add_field("photo", big, filename="big.jpg", content_type="image/jpeg")
    response = await client.post("/api/complaints", data=data, headers=bearer(token))
    assert response.status == 413
    assert (await response.json())["error"]["code"] == "photo_too_large"
    data = aiohttp.FormData()
    data.add_field("text", "포트홀")
    data.add_field("lat", str(GANGNAM[0]))
    data.add_field("lon", str(GANGNAM[1]))
    data.add_field("category", "road_damage")
    data.add_field("photo", b"%PDF-1.4 definitely not an image", filename="x.jpg", content_type="image/jpeg")
    response = await client.post("/api/complaints", data=data, headers=bearer(token))
    assert response.status == 400
    assert (await response.json())["error"]["code"] == "unsupported_photo"
    count = await db_read(client, lambda c: c.execute("SELECT count(*) FROM complaints").fetchone()[0])
    assert count == 0


# -- the map data -------------------------------------------------------------------------------
async def test_geojson_filters_by_box_category_status_and_date(client, session_token, official_token):
    pothole = await report(client, session_token)
    parking = await report(
        client, session_token, point=CITY_HALL, text="시청 앞 인도에 불법주차", category="illegal_parking"
    )
    await client.post(
        f"/api/admin/complaints/{parking['id']}/status",
        json={"status": "resolved", "note": "단속했어요"},
        headers=bearer(official_token),
    )

    async def ids(query: str) -> set[str]:
        response = await client.get("/api/complaints.geojson" + query)
        body = await response.json()
        assert response.status == 200, body
        assert body["type"] == "FeatureCollection"
        return {f["id"] for f in body["features"]}

    assert await ids("") == {pothole["id"], parking["id"]}
    assert await ids("?bbox=127.0,37.45,127.1,37.55") == {pothole["id"]}
    assert await ids("?bbox=126.95,37.55,127.0,37.6") == {parking["id"]}
    assert await ids("?category=flying_saucers") == set()  # well-formed but unknown: matches nothing
    assert await ids("?category=illegal_parking") == {parking["id"]}
    assert await ids("?status=open") == {pothole["id"]}
    assert await ids("?status=closed") == {parking["id"]}
    assert await ids("?status=resolved,received") == {pothole["id"], parking["id"]}
    # A bare date is a day on the city's clock (Seoul, UTC+9), so "tomorrow" is Seoul's tomorrow.
    tomorrow = (clock.now().astimezone(clock.zone("Asia/Seoul")) + dt.timedelta(days=1)).date().isoformat()
    assert await ids(f"?since={tomorrow}") == set()
    assert await ids("?since=2020-01-01T00:00:00Z") == {pothole["id"], parking["id"]}

    body = await (await client.get("/api/complaints.geojson?category=illegal_parking")).json()
    feature = body["features"][0]
    assert feature["geometry"] == {"type": "Point", "coordinates": [parking["lon"], parking["lat"]]}
    assert feature["properties"]["status"] == "resolved" and feature["properties"]["state"] == "closed"
    assert feature["properties"]["status_note"] == "단속했어요"
    assert set(feature["properties"]) == {
        "id", "category", "status", "state", "district_code", "district", "dong", "district_en", "dong_en",
        "description", "status_note", "supports", "has_photo", "created_at", "updated_at",
        "place_precision",  # public since con21: the map draws a 구's or 동's centre as an estimate
    }  # fmt: skip
    assert feature["properties"]["created_at"].endswith("+09:00")  # the city's offset, as pages show


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("?bbox=1,2,3", "invalid_bbox"),
        ("?bbox=a,b,c,d", "invalid_bbox"),
        ("?bbox=127,37,nan,38", "invalid_bbox"),
        ("?bbox=1e2,37,127,38", "invalid_bbox"),
        ("?bbox=127.0,37.6,126.95,37.55", "invalid_bbox"),  # west > east: refused, not reread
        ("?bbox=126.95,37.6,127.0,37.55", "invalid_bbox"),  # south > north
        ("?category=Road-Damage", "invalid_category"),
        ("?status=sleeping", "invalid_status"),
        ("?status=open,,closed", "invalid_status"),
        ("?district=gangnam", "invalid_district"),
        ("?since=yesterday", "invalid_since"),
        ("?limit=0", "invalid_limit"),
        ("?limit=100000", "invalid_limit"),
    ],
)
async def test_bad_map_queries_are_400(client, query, code):
    response = await client.get("/api/complaints.geojson" + query)
    assert response.status == 400
    assert (await response.json())["error"]["code"] == code


async def test_counts_per_district_and_the_boundaries(client, session_token):
    await report(client, session_token)
    await report(client, session_token, point=MAPO, text="쓰레기 무단투기", category="garbage")
    await report(
        client, session_token, point=(37.504, 127.049), text="역삼동 가로등 고장", category="street_light"
    )
    body = await (await client.get("/api/complaints/counts")).json()
    counts = {d["code"]: d["count"] for d in body["districts"]}
    assert body["total"] == 3 and counts["11680"] == 2 and counts["11440"] == 1 and len(counts) == 25
    body = await (await client.get("/api/complaints/counts?category=garbage")).json()
    assert body["total"] == 1
    response = await client.get("/api/complaints/districts.geojson")
    boundaries = await response.json()
    assert response.status == 200 and len(boundaries["features"]) == 25
    names = {f["properties"]["name_ko"] for f in boundaries["features"]}
    assert {"강남구", "성북구", "종로구"} <= names and not any(n.startswith("서울시") for n in names)
    assert all(f["geometry"]["type"] in ("Polygon", "MultiPolygon") for f in boundaries["features"])


# -- XSS: report text is only ever text ----------------------------------------------------------
async def test_an_xss_report_stays_text_in_the_api_the_geojson_and_the_map_page(client, session_token):
    answer = await report(client, session_token, text=XSS, category="other")
    assert answer["description"] == XSS  # stored and returned verbatim, as data
    body = await (await client.get("/api/complaints.geojson")).json()
    assert body["features"][0]["properties"]["description"] == XSS
    response = await client.get(f"/api/complaints/{answer['id']}")
    assert response.content_type == "application/json"
    assert "default-src 'none'" in response.headers.get("Content-Security-Policy", "")

    page = await client.get("/map")
    html = await page.text()
    assert page.status == 200 and page.content_type == "text/html"
    assert "<img src=x" not in html and "onerror" not in html
    csp = page.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    # No inline script or style on the page: every <script> has a src, no style attributes.
    for tag in re.findall(r"<script[^>]*>", html):
        assert "src=" in tag
    assert re.search(r"<script[^>]*>\s*[^<\s]", html) is None
    assert "style=" not in html and "<style" not in html
    # Leaflet and markercluster come from our own server.
    for url in re.findall(r'(?:src|href)="(/static/vendor/[^"]+)"', html):
        assert (await client.get(url)).status == 200, url
    assert "/static/vendor/leaflet/leaflet.js" in html
    assert "/static/vendor/leaflet.markercluster/leaflet.markercluster.js" in html


def test_map_js_builds_popups_with_text_content_only():
    source = (ROOT / "civicbot" / "static" / "map.js").read_text()
    source = re.sub(r"/\*.*?\*/", "", source, flags=re.S)  # the comments may name what the code avoids
    assert "innerHTML" not in source and "outerHTML" not in source and "insertAdjacentHTML" not in source
    assert "document.write" not in source and "eval(" not in source
    assert ".textContent" in source
    # Popups and tooltips are given DOM nodes, never strings of HTML.
    assert re.search(r"bindPopup\(function \(\) \{ return popupFor\(", source)
    assert re.search(r"bindTooltip\(function \(\) \{ return districtTooltip\(", source)


async def test_the_map_page_speaks_both_languages(client):
    korean = await (await client.get("/map")).text()
    english = await (await client.get("/map?lang=en")).text()
    assert "시민 말씀지도" in korean and "불법 주정차" in korean
    assert "Citizen voice map" in english and "Illegal parking" in english
    assert 'name="viewport"' in korean  # phone screens


# -- duplicates and supports ------------------------------------------------------------------
async def test_a_similar_report_nearby_is_offered_and_can_be_supported(client):
    first_token, second_token, third_token = [await new_session(client) for _ in range(3)]
    first = await report(client, first_token, text="집 앞 도로에 포트홀이 생겼어요")
    near = (GANGNAM[0] + 0.0001, GANGNAM[1] + 0.0001)  # ~14 m away
    second = await report(client, second_token, point=near, text="도로에 포트홀이 생겨서 위험해요")
    assert [s["id"] for s in second["similar"]] == [first["id"]]
    # Another category, or far away, is not a duplicate.
    other = await report(client, second_token, point=near, text="가로등이 나갔어요", category="street_light")
    assert other["similar"] == []
    far = await report(client, second_token, point=CITY_HALL, text="포트홀이 생겼어요")
    assert far["similar"] == []

    response = await client.post(f"/api/complaints/{first['id']}/supports", headers=bearer(third_token))
    assert response.status == 201 and (await response.json()) == {
        "id": first["id"],
        "supports": 1,
        "added": True,
    }
    again = await client.post(f"/api/complaints/{first['id']}/supports", headers=bearer(third_token))
    assert again.status == 200 and (await again.json())["added"] is False
    own = await client.post(f"/api/complaints/{first['id']}/supports", headers=bearer(first_token))
    assert (await own.json())["added"] is False  # the reporter's own report
    public = await (await client.get(f"/api/complaints/{first['id']}")).json()
    assert public["supports"] == 1
    missing = await client.post("/api/complaints/SEL-ZZZZZZ/supports", headers=bearer(third_token))
    assert missing.status == 404


# -- the officials' workflow ------------------------------------------------------------------
async def test_status_changes_keep_history_and_notify_the_reporter_in_their_language(
    client, session_token, official_token
):
    answer = await report(client, session_token, text="There is a pothole on my street", language="en")
    path = f"/api/admin/complaints/{answer['id']}/status"
    response = await client.post(path, json={"status": "acknowledged"}, headers=bearer(official_token))
    assert response.status == 200 and (await response.json())["notified"] is True
    response = await client.post(
        path,
        json={"status": "in_progress", "note": "보수 업체가 배정됐어요 (담당 02-123-4567)"},
        headers=bearer(official_token),
    )
    body = await response.json()
    assert body["status"] == "in_progress" and body["state"] == "open"
    assert body["status_note"] == "보수 업체가 배정됐어요 (담당 [전화번호])"  # notes are public: masked too
    response = await client.post(
        path, json={"status": "resolved", "note": "Fixed."}, headers=bearer(official_token)
    )
    assert (await response.json())["state"] == "closed"

    public = await (await client.get(f"/api/complaints/{answer['id']}")).json()
    assert [h["status"] for h in public["history"]] == ["received", "acknowledged", "in_progress", "resolved"]
    assert all("actor" not in h for h in public["history"])  # who did it is for officials only

    session_id = voicemap_session_id(session_token)
    sent = await db_read(
        client, lambda c: c.execute("SELECT channel, recipient, text FROM outbox ORDER BY id").fetchall()
    )
    assert [row[:2] for row in sent] == [("web", session_id)] * 3
    assert "is now 'Acknowledged'" in sent[0][2] and answer["id"] in sent[0][2]
    assert "Note from the city: Fixed." in sent[2][2]

    audit = await db_read(
        client,
        lambda c: c.execute(
            "SELECT actor, action, target FROM audit_log WHERE action LIKE 'complaint.%'"
        ).fetchall(),
    )
    assert ("test official", "complaint.status", answer["id"]) in audit


def voicemap_session_id(token: str) -> str:
    from civicbot.sessions import session_id

    return session_id(token)


async def test_a_korean_reporter_is_notified_in_korean(client, session_token, official_token):
    answer = await report(client, session_token)
    await client.post(
        f"/api/admin/complaints/{answer['id']}/status",
        json={"status": "in_progress"},
        headers=bearer(official_token),
    )
    text = await db_read(client, lambda c: c.execute("SELECT text FROM outbox").fetchone()[0])
    assert (
        text
        == f"신고하신 {answer['id']}(도로 파손·포트홀) 처리 상태가 '처리 중'으로 바뀌었어요.\n처리 기록 보기:"
    )


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"status": "flying"}, 400, "invalid_status"),
        ({}, 400, "missing_field"),
        ({"status": "duplicate"}, 400, "missing_duplicate_of"),
        ({"status": "duplicate", "duplicate_of": "SEL-ZZZZZZ"}, 400, "invalid_duplicate_of"),
        ({"status": "received"}, 409, "invalid_transition"),
        ({"status": "resolved", "note": "x" * 1001}, 400, "note_too_long"),
    ],
)
async def test_bad_status_changes_change_nothing(client, session_token, official_token, body, status, code):
    answer = await report(client, session_token)
    response = await client.post(
        f"/api/admin/complaints/{answer['id']}/status", json=body, headers=bearer(official_token)
    )
    assert response.status == status
    assert (await response.json())["error"]["code"] == code
    public = await (await client.get(f"/api/complaints/{answer['id']}")).json()
    assert public["status"] == "received" and len(public["history"]) == 1
    sent = await db_read(client, lambda c: c.execute("SELECT count(*) FROM outbox").fetchone()[0])
    assert sent == 0


async def test_official_endpoints_need_a_valid_token(client, session_token):
    answer = await report(client, session_token)
    for method, path in [
        ("GET", "/api/admin/complaints"),
        ("GET", "/api/admin/complaints.csv"),
        ("GET", "/api/admin/complaints/stats"),
        ("POST", f"/api/admin/complaints/{answer['id']}/status"),
    ]:
        response = await client.request(method, path, json={"status": "resolved"})
        assert response.status == 401, path
        response = await client.request(
            method, path, json={"status": "resolved"}, headers=bearer("cbo_forged")
        )
        assert response.status == 403, path
        # A citizen's session token is not an official's token.
        response = await client.request(
            method, path, json={"status": "resolved"}, headers=bearer(session_token)
        )
        assert response.status == 403, path
    public = await (await client.get(f"/api/complaints/{answer['id']}")).json()
    assert public["status"] == "received"


async def test_officials_see_private_details_and_mark_duplicates(client, session_token, official_token):
    first = await report(client, session_token, text="포트홀 있어요 연락은 010-5555-6666 / me@example.com")
    second = await report(client, await new_session(client), text="여기도 포트홀")
    response = await client.get("/api/admin/complaints", headers=bearer(official_token))
    body = await response.json()
    assert response.status == 200 and body["total"] == 2
    by_id = {c["id"]: c for c in body["complaints"]}
    private = by_id[first["id"]]["private"]
    assert private["channel"] == "web" and private["user_id"] == voicemap_session_id(session_token)
    # Found in the text, kept apart from contact details the reporter gave (probe21 #20).
    assert private["contact"] == {}
    assert private["found_in_text"] == {"phone": ["010-5555-6666"], "email": ["me@example.com"]}
    assert "010-5555-6666" in private["text"]
    assert (private["exact_lat"], private["exact_lon"]) == GANGNAM

    response = await client.post(
        f"/api/admin/complaints/{second['id']}/status",
        json={"status": "duplicate", "duplicate_of": first["id"]},
        headers=bearer(official_token),
    )
    assert response.status == 200
    assert (await response.json())["duplicate_of"] == first["id"]
    original = await (await client.get(f"/api/complaints/{first['id']}")).json()
    assert original["supports"] == 1  # the duplicate's reporter now backs the original
    note = await db_read(client, lambda c: c.execute("SELECT text FROM outbox").fetchone()[0])
    assert first["id"] in note


async def test_csv_export_and_weekly_stats(client, session_token, official_token):
    await report(client, session_token, text='=HYPERLINK("http://evil") 포트홀')
    await report(client, session_token, point=MAPO, text="쓰레기", category="garbage")
    response = await client.get("/api/admin/complaints.csv", headers=bearer(official_token))
    assert response.status == 200 and response.content_type == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    raw = await response.text()
    assert raw.startswith("\ufeff")  # Excel reads Korean UTF-8 with a BOM
    rows = list(csv.DictReader(io.StringIO(raw.lstrip("\ufeff"))))
    assert len(rows) == 2 and list(rows[0]) == list(voicemap.CSV_COLUMNS)
    formula = next(r for r in rows if "HYPERLINK" in r["description"])
    assert formula["description"].startswith("'=")  # never a live formula
    assert {r["category_name"] for r in rows} == {"도로 파손·포트홀", "쓰레기·무단투기"}
    assert all(r["created_at"].endswith("+09:00") for r in rows)  # the city's time zone

    response = await client.get("/api/admin/complaints/stats", headers=bearer(official_token))
    stats = (await response.json())["rows"]
    week = clock.iso_week(dt.datetime.now(dt.UTC), "Asia/Seoul")
    assert sorted((r["district"], r["category"], r["status"], r["week"], r["count"]) for r in stats) == [
        ("강남구", "road_damage", "received", week, 1),
        ("마포구", "garbage", "received", week, 1),
    ]
    response = await client.get("/api/admin/complaints/stats?district=11440", headers=bearer(official_token))
    assert [r["district"] for r in (await response.json())["rows"]] == ["마포구"]


async def test_purge_deletes_private_details_after_retention_and_keeps_the_map(
    client, session_token, official_token
):
    answer = await report(
        client, session_token, text="포트홀 010-1111-2222", photo=base64.b64encode(png_bytes()).decode()
    )
    db = client.app[keys.DATABASE]
    early = await db.execute_write_fn(lambda c: voicemap.purge(c, 180))
    assert early.private_records == 0
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=181)
    result = await db.execute_write_fn(lambda c: voicemap.purge(c, 180, now=later))
    assert (result.private_records, result.photos) == (1, 1)
    body = await (await client.get("/api/admin/complaints", headers=bearer(official_token))).json()
    assert body["complaints"][0]["private"] is None
    public = await (await client.get(f"/api/complaints/{answer['id']}")).json()
    assert public["description"] == "포트홀 [전화번호]" and public["has_photo"] is False
    raw = await db.execute_fn(lambda c: c.execute("SELECT count(*) FROM complaint_private").fetchone()[0])
    assert raw == 0
    # After the purge nobody can be notified any more, and changing the status still works.
    response = await client.post(
        f"/api/admin/complaints/{answer['id']}/status",
        json={"status": "resolved"},
        headers=bearer(official_token),
    )
    assert (await response.json())["notified"] is False


# -- the domain, directly --------------------------------------------------------------------
def test_tracking_ids_are_found_in_what_people_type():
    assert voicemap.find_public_id("/status SEL-7K3F9Q") == "SEL-7K3F9Q"
    assert voicemap.find_public_id("내 신고 sel-7k3f9q 어떻게 됐어요?") == "SEL-7K3F9Q"
    assert voicemap.find_public_id("SEL7K3F9Q") == "SEL-7K3F9Q"
    assert voicemap.find_public_id("포트홀 신고했어요") is None
    assert voicemap.find_public_id("HELLO-WORLDS") is None  # O, L are never in a code
    assert voicemap.find_public_id("SEL-ZZZZZZ") == "SEL-ZZZZZZ"
    assert voicemap.find_public_id("please check status") is None


def test_workflow_transitions():
    assert voicemap.TRANSITIONS["received"] >= {
        "acknowledged",
        "in_progress",
        "resolved",
        "rejected",
        "duplicate",
    }
    assert "received" not in voicemap.TRANSITIONS["in_progress"]
    assert voicemap.expand_states(["open"]) == ("received", "acknowledged", "in_progress")
    assert voicemap.expand_states(["closed"]) == ("resolved", "rejected", "duplicate")
    with pytest.raises(ValueError):
        voicemap.expand_states(["maybe"])


# -- the categories content file ---------------------------------------------------------------
def test_the_bundled_categories_cover_the_issue():
    from civicbot.categories import load_catalogue

    catalogue = load_catalogue(ROOT / "services" / "categories.yaml")
    assert [c.code for c in catalogue.categories] == [
        "illegal_parking", "road_damage", "street_light", "garbage", "noise",
        "safety", "public_wifi", "park", "traffic_signal", "other",
    ]  # fmt: skip
    assert catalogue.fallback.code == "other" and catalogue.jurisdiction_id == "seoul.go.kr"
    for category in catalogue.categories:
        assert category.name["ko"] and category.name["en"] and category.description["en"]
        assert category.group["ko"] and 5 <= category.radius_m <= 1000


GOOD_SERVICE = """  - code: road_damage
    group: {ko: 도로, en: Roads}
    name: {ko: 도로 파손, en: Road damage}
    description: {ko: 포트홀, en: Potholes}
    radius_m: 40
"""


@pytest.mark.parametrize(
    ("services", "line", "words"),
    [
        (GOOD_SERVICE + GOOD_SERVICE, 9, "used twice"),
        (GOOD_SERVICE.replace("radius_m: 40", "radius_m: lots"), 8, "radius_m"),
        (GOOD_SERVICE.replace("en: Road damage", "en: ''"), 6, "name.en"),
        (GOOD_SERVICE.replace("code: road_damage", "code: Road Damage"), 4, "code"),
        (GOOD_SERVICE + "    colour: red\n", 9, "unknown key 'colour'"),
        ("  - [not, a, mapping]\n", 4, "mapping"),
        (GOOD_SERVICE.replace("radius_m: 40", "radius_m: [40"), 9, "invalid YAML"),
    ],
)
def test_a_bad_categories_file_is_reported_as_file_and_line(tmp_path, services, line, words):
    from civicbot.categories import load_catalogue
    from civicbot.content import ContentFileError

    path = tmp_path / "categories.yaml"
    path.write_text("jurisdiction_id: seoul.go.kr\nid_prefix: SEL\nservices:\n" + services, encoding="utf-8")
    with pytest.raises(ContentFileError) as caught:
        load_catalogue(path, "services/categories.yaml")
    assert caught.value.error.path == "services/categories.yaml"
    assert caught.value.error.line == line, str(caught.value)
    assert words in caught.value.error.reason


async def test_a_broken_categories_file_keeps_the_server_up_and_says_why(
    make_settings, make_client, tmp_path
):
    services = tmp_path / "services"
    services.mkdir()
    (services / "categories.yaml").write_text("jurisdiction_id: x\nservices: []\n", encoding="utf-8")
    client = await make_client(make_settings(CIVICBOT_SERVICES_DIR=str(services)))
    response = await client.get("/api/complaints.geojson")
    body = await response.json()
    assert response.status == 503 and "services/categories.yaml:2" in body["error"]["message"]
    assert (await client.get("/healthz")).status == 200
    open311 = await client.get("/open311/v2/services.json")
    assert open311.status == 400 and (await open311.json())[0]["code"] == 400


async def test_the_category_is_suggested_when_the_client_sends_none(client, session_token):
    answer = await report(client, session_token, text="골목 가로등 불이 안 들어와요", category=None)
    assert answer["category"] == "street_light"
