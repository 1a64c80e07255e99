"""Open311 GeoReport v2, checked the way a third-party client sees it.

``SpecClient`` is written from GeoReport_v2/index.md alone (it imports nothing of ours): it finds
the endpoint through discovery, reads services, posts a request form-encoded with an api_key and
reads requests back, in XML (required by the spec) and JSON (bare arrays, the Spark convention).
"""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import ENGINES

from civicbot import keys


@pytest.fixture(params=ENGINES)
def db_engine(request: pytest.FixtureRequest) -> str:
    """This suite runs on SQLite and on PostgreSQL."""
    return request.param


ROOT = Path(__file__).resolve().parent.parent
GANGNAM = (37.5009, 127.0364)
SERVICE_FIELDS = ["service_code", "service_name", "description", "metadata", "type", "keywords", "group"]
REQUEST_FIELDS = [
    "service_request_id", "status", "status_notes", "service_name", "service_code", "description",
    "agency_responsible", "service_notice", "requested_datetime", "updated_datetime", "expected_datetime",
    "address", "address_id", "zipcode", "lat", "long", "media_url",
    "place_precision",  # ours, beyond GeoReport v2: whether lat/long is only a 동's or 구's centre
]  # fmt: skip


@pytest.fixture
def settings(make_settings):
    return make_settings(CIVICBOT_SERVICES_DIR=str(ROOT / "services"), CIVICBOT_RATE_LIMIT="0")


class SpecClient:
    """A GeoReport v2 client that knows only the spec."""

    def __init__(self, http, fmt: str = "xml") -> None:
        self.http = http
        self.fmt = fmt
        self.base = ""

    async def discover(self) -> dict:
        response = await self.http.get("/open311/v2/discovery.xml")
        assert response.status == 200
        assert response.headers["Content-Type"] == "text/xml; charset=utf-8"
        root = ET.fromstring(await response.read())
        assert root.tag == "discovery"
        endpoint = root.find("endpoints/endpoint")
        assert endpoint.findtext("specification") == "http://wiki.open311.org/GeoReport_v2"
        formats = [f.text for f in endpoint.findall("formats/format")]
        self.base = urlsplit(endpoint.findtext("url")).path
        return {
            "formats": formats,
            "type": endpoint.findtext("type"),
            "changeset": root.findtext("changeset"),
        }

    async def get(self, resource: str, **params):
        response = await self.http.get(f"{self.base}/{resource}.{self.fmt}", params=params)
        return response.status, self._parse(await response.read(), response)

    async def post(self, resource: str, form: dict):
        # Content-Type: application/x-www-form-urlencoded; charset=utf-8, as the spec's example.
        response = await self.http.post(f"{self.base}/{resource}.{self.fmt}", data=form)
        return response.status, self._parse(await response.read(), response)

    def _parse(self, body: bytes, response):
        if self.fmt == "json":
            assert response.headers["Content-Type"] == "application/json; charset=utf-8"
            return json.loads(body)
        assert response.headers["Content-Type"] == "text/xml; charset=utf-8"
        assert body.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
        return ET.fromstring(body)


def rows(root: ET.Element, item: str) -> list[dict]:
    return [{child.tag: child.text for child in element} for element in root.findall(item)]


async def test_discovery_in_both_formats(client):
    spec = SpecClient(client)
    found = await spec.discover()
    assert found["formats"] == ["text/xml", "application/json"] and found["type"] == "production"
    assert spec.base == "/open311/v2"
    response = await client.get("/open311/v2/discovery.json")
    body = await response.json()
    assert set(body) == {"changeset", "contact", "key_service", "endpoints"}
    assert body["endpoints"][0]["formats"] == ["text/xml", "application/json"]
    assert body["endpoints"][0]["url"].endswith("/open311/v2")


async def test_services_xml_and_json(client):
    spec = SpecClient(client)
    await spec.discover()
    status, root = await spec.get("services")
    assert status == 200 and root.tag == "services"
    services = rows(root, "service")
    assert [list(s) for s in services] == [SERVICE_FIELDS] * len(services)
    codes = [s["service_code"] for s in services]
    assert codes[:3] == ["illegal_parking", "road_damage", "street_light"] and "other" in codes
    road = next(s for s in services if s["service_code"] == "road_damage")
    assert (
        road["service_name"] == "도로 파손·포트홀"
        and road["metadata"] == "false"
        and road["type"] == "realtime"
    )
    assert road["group"] == "도로" and "포트홀" in road["keywords"]

    spec.fmt = "json"
    status, body = await spec.get("services", jurisdiction_id="seoul.go.kr")
    assert status == 200 and isinstance(body, list)  # a bare array
    assert all(isinstance(s["service_code"], str) for s in body)
    assert body[1]["metadata"] is False
    english = await (await client.get("/open311/v2/services.json?lang=en")).json()
    assert english[1]["service_name"] == "Road damage / potholes" and english[1]["group"] == "Roads"


async def test_service_definition(client):
    spec = SpecClient(client)
    await spec.discover()
    status, root = await spec.get("services/road_damage")
    assert status == 200 and root.tag == "service_definition"
    assert root.findtext("service_code") == "road_damage" and root.find("attributes") is not None
    spec.fmt = "json"
    status, body = await spec.get("services/road_damage")
    assert body == {"service_code": "road_damage", "attributes": []}
    status, body = await spec.get("services/unicorns")
    assert status == 404 and body[0]["code"] == 404 and "unicorns" in body[0]["description"]


async def test_a_client_posts_a_request_and_tracks_it(client, api_key, official_token):
    spec = SpecClient(client)
    await spec.discover()
    form = {
        "api_key": api_key,
        "jurisdiction_id": "seoul.go.kr",
        "service_code": "road_damage",
        "lat": str(GANGNAM[0]),
        "long": str(GANGNAM[1]),
        "address_string": "테헤란로 152",
        "email": "citizen@example.com",
        "device_id": "tt222111",
        "account_id": "123456",
        "first_name": "길동",
        "last_name": "홍",
        "phone": "010-3333-4444",
        "description": "A large pothole; call me on 010-3333-4444",
        "media_url": "http://example.com/photo.jpg",
        "attribute[WHISPAWN]": "123456",
    }
    status, root = await spec.post("requests", form)
    assert status == 200 and root.tag == "service_requests"
    created = rows(root, "request")[0]
    assert list(created) == ["service_request_id", "service_notice", "account_id"]
    request_id = created["service_request_id"]
    assert request_id.startswith("SEL-") and created["account_id"] == "123456"

    status, root = await spec.get(f"requests/{request_id}")
    assert status == 200 and root.tag == "service_requests"
    found = rows(root, "request")
    assert len(found) == 1 and list(found[0]) == REQUEST_FIELDS
    request = found[0]
    assert request["status"] == "open" and request["service_code"] == "road_damage"
    assert request["description"] == "A large pothole; call me on [phone]"  # public: masked
    assert request["address"] == "역삼동, 강남구, 서울특별시"
    assert request["requested_datetime"].endswith("+09:00")
    assert abs(float(request["lat"]) - GANGNAM[0]) < 0.001 and float(request["lat"]) != GANGNAM[0]
    assert request["media_url"] is None
    assert request["place_precision"] == "point"  # sent as lat & long

    # The contact details went to the private record, for officials only.
    listing = await client.get("/api/admin/complaints", headers={"Authorization": f"Bearer {official_token}"})
    private = (await listing.json())["complaints"][0]["private"]
    assert private["channel"] == "open311" and private["contact"]["email"] == "citizen@example.com"
    assert private["contact"]["first_name"] == "길동" and private["user_id"] == "test app:123456"

    # Closing it in the workflow shows as "closed" with the note.
    await client.post(
        f"/api/admin/complaints/{request_id}/status",
        json={"status": "resolved", "note": "Repaved."},
        headers={"Authorization": f"Bearer {official_token}"},
    )
    spec.fmt = "json"
    status, body = await spec.get(f"requests/{request_id}")
    assert body[0]["status"] == "closed" and body[0]["status_notes"] == "Repaved."
    assert body[0]["service_request_id"] == request_id and isinstance(body[0]["lat"], float)
    status, body = await spec.get(f"tokens/{request_id}")
    assert status == 200 and body == [{"service_request_id": request_id, "token": request_id}]


async def test_post_by_address_string(client, api_key):
    response = await client.post(
        "/open311/v2/requests.json",
        data={
            "api_key": api_key,
            "service_code": "garbage",
            "address_string": "마포구 합정동",
            "description": "쓰레기",
        },
    )
    body = await response.json()
    assert response.status == 200, body
    request = await (await client.get(f"/open311/v2/requests/{body[0]['service_request_id']}.json")).json()
    assert request[0]["address"] == "합정동, 마포구, 서울특별시"


@pytest.mark.parametrize(
    ("form", "status", "words"),
    [
        ({"api_key": None}, 403, "api_key"),
        ({"api_key": "o311_wrong"}, 403, "Invalid api_key"),
        ({"service_code": None}, 400, "service_code"),
        ({"service_code": "unicorns"}, 404, "unicorns"),
        ({"jurisdiction_id": "sfgov.org"}, 404, "jurisdiction_id"),
        ({"lat": None, "long": None}, 400, "location"),
        ({"long": None}, 400, "lat and long"),
        ({"lat": "35.1796", "long": "129.0756"}, 400, "outside"),
        ({"lat": "north", "long": "east"}, 400, "numbers"),
        ({"lat": None, "long": None, "address_id": "545483"}, 400, "address_id"),
        ({"description": "x" * 4001}, 400, "4000"),
    ],
)
async def test_post_errors_in_the_spec_format(client, api_key, form, status, words):
    body = {
        "api_key": api_key,
        "service_code": "road_damage",
        "lat": str(GANGNAM[0]),
        "long": str(GANGNAM[1]),
    }
    body.update(form)
    body = {k: v for k, v in body.items() if v is not None}
    response = await client.post("/open311/v2/requests.xml", data=body)
    assert response.status == status
    assert response.headers["Content-Type"] == "text/xml; charset=utf-8"
    root = ET.fromstring(await response.read())
    assert root.tag == "errors"
    errors = rows(root, "error")
    assert errors[0]["code"] == str(status) and words in errors[0]["description"]
    response = await client.post("/open311/v2/requests.json", data=body)
    answer = await response.json()
    assert response.status == status and answer[0]["code"] == status and words in answer[0]["description"]
    stored = await client.app[keys.DATABASE].execute_fn(
        lambda c: c.execute("SELECT count(*) FROM complaints").fetchone()[0]
    )
    assert stored == 0


async def test_get_requests_with_the_spec_filters(client, api_key):
    created = {}
    for code, point in [
        ("road_damage", GANGNAM),
        ("garbage", (37.5563, 126.9220)),
        ("noise", (37.5665, 126.9780)),
    ]:
        response = await client.post(
            "/open311/v2/requests.json",
            data={
                "api_key": api_key,
                "service_code": code,
                "lat": point[0],
                "long": point[1],
                "description": code,
            },
        )
        created[code] = (await response.json())[0]["service_request_id"]

    async def ids(**params) -> list[str]:
        response = await client.get("/open311/v2/requests.json", params=params)
        body = await response.json()
        assert response.status == 200, body
        return sorted(r["service_request_id"] for r in body)

    assert await ids() == sorted(created.values())
    assert await ids(service_code="road_damage,noise") == sorted([created["road_damage"], created["noise"]])
    assert await ids(status="open") == sorted(created.values())
    assert await ids(status="closed") == []
    # service_request_id overrides every other argument
    assert await ids(service_request_id=created["garbage"], status="closed") == [created["garbage"]]
    now = dt.datetime.now(dt.UTC)
    start = (now - dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    end = (now + dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert await ids(start_date=start, end_date=end) == sorted(created.values())
    old_end = (now - dt.timedelta(days=30)).strftime("%Y-%m-%dT%H:%M:%S+09:00")
    assert await ids(end_date=old_end) == []
    assert await ids(jurisdiction_id="") == sorted(created.values())  # empty = not passed

    response = await client.get("/open311/v2/requests.xml")
    root = ET.fromstring(await response.read())
    assert root.tag == "service_requests" and len(root.findall("request")) == 3


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/open311/v2/requests.json?start_date=2020-01-01T00:00:00Z&end_date=2020-12-31T00:00:00Z", 400),
        ("/open311/v2/requests.json?start_date=yesterday", 400),
        ("/open311/v2/requests.json?status=pending", 400),
        ("/open311/v2/requests.json?status=received", 400),  # Open311 knows only open and closed
        ("/open311/v2/requests.json?jurisdiction_id=city.gov", 404),
        ("/open311/v2/requests/SEL-ZZZZZZ.json", 404),
        ("/open311/v2/requests/12345.json", 404),
        ("/open311/v2/tokens/nope.json", 404),
        ("/open311/v2/nothing.json", 404),
    ],
)
async def test_get_errors_in_the_spec_format(client, path, status):
    response = await client.get(path)
    body = await response.json()
    assert response.status == status
    assert isinstance(body, list) and body[0]["code"] == status and body[0]["description"]


async def test_xml_is_the_default_for_unknown_paths_and_methods(client):
    response = await client.get("/open311/v2/whatever")
    assert response.status == 404 and ET.fromstring(await response.read()).tag == "errors"
    response = await client.get("/open311/v2/services.csv")  # XML is the format every server has
    assert response.status == 404 and ET.fromstring(await response.read()).tag == "errors"
    response = await client.delete("/open311/v2/requests.xml")
    assert response.status == 405 and ET.fromstring(await response.read()).tag == "errors"
    assert response.headers["Allow"] == "GET, HEAD, POST"


async def test_report_text_is_escaped_in_xml(client, api_key):
    xss = '<img src=x onerror=alert(1)> & "quotes"'
    response = await client.post(
        "/open311/v2/requests.xml",
        data={
            "api_key": api_key,
            "service_code": "other",
            "lat": GANGNAM[0],
            "long": GANGNAM[1],
            "description": xss,
        },
    )
    request_id = ET.fromstring(await response.read()).findtext("request/service_request_id")
    body = await (await client.get(f"/open311/v2/requests/{request_id}.xml")).read()
    assert b"<img" not in body and b"&lt;img src=x" in body
    assert ET.fromstring(body).findtext("request/description") == xss
