"""The web layer's reading of queries, path ids, photos, forms and socket ids (newcomer probe, web23):

1. every endpoint's query string goes through one typed path (``boundary.query_fields``): a value
   that is not UTF-8 (``%ff%fe``, a lone surrogate) is 400 ``invalid_query``, a parameter given twice
   is 400 ``duplicate_field``, a whole number is digits (``k=5.0`` is refused), an unknown session
   language is refused; a parameter the endpoint does not take is still ignored;
2. a numeric path id beyond the range is the same 404 (code) as any unknown id, on every route;
3. a JSON report's ``"photo": ""`` is 400 ``invalid_photo``; Open311's form refuses a field twice;
4. the WebSocket's frame ``id`` is a short string or a whole number, else an error frame.

Every check goes through the real app; each failed on the code before this pass.
"""

from __future__ import annotations

import asyncio
import json
import re
from pathlib import Path
from urllib.parse import quote

import pytest
from conftest import issue_api_key, issue_official_token
from hypothesis import strategies as st
from test_hostile_input import fuzz, json_error
from yarl import URL

from civicbot import keys

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.usefixtures("built_index")
GANGNAM = ("37.5009", "127.0364")


@pytest.fixture
def settings(make_settings):
    return make_settings(CIVICBOT_SERVICES_DIR=str(ROOT / "services"), CIVICBOT_RATE_LIMIT="0")


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


async def new_session(client) -> str:
    response = await client.post("/api/sessions")
    assert response.status == 201
    return (await response.json())["token"]


def raw(path: str) -> URL:
    """The URL exactly as written: the client must not re-encode the bytes under test."""
    return URL(path, encoded=True)


async def error_code(response) -> tuple[int, str]:
    """(status, code) of a JSON error or of Open311's spec error array (its code is the status)."""
    body = await response.json()
    if isinstance(body, list):
        return response.status, body[0]["description"]
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}, body
    return response.status, body["error"]["code"]


# Sample values for a route's path parameters (by name), so every documented operation can be called.
_SAMPLES = {"id": "1", "receipt": "ABCD-EFGH", "format": "csv", "code": "road_damage", "token": "x"}


def _operations(app) -> list[tuple[str, str, object]]:
    """(method, path with samples, endpoint) of every route whose view declares a query model."""
    found = []
    for route in app.router.routes():
        endpoint = getattr(route.handler, "endpoint", None)
        if endpoint is None or endpoint.query is None or route.method == "HEAD":
            continue
        if route.resource.canonical.endswith(".xml"):
            continue  # Open311's XML twin: the same view as its .json
        canonical = route.resource.canonical

        def sample(match: re.Match, canonical=canonical) -> str:
            name = match.group(1)
            if name == "id" and "complaints" in canonical:
                return "RD-7K2M9Q"
            return _SAMPLES[name]

        found.append((route.method, re.sub(r"\{(\w+)(?::[^}]*)?\}", sample, canonical), endpoint))
    return found


async def _headers(client, endpoint) -> dict:
    if endpoint.security == "session":
        return bearer(await new_session(client))
    if endpoint.security == "official":
        return bearer(issue_official_token(client.app[keys.SETTINGS]))
    return {}


# -- 1. one typed path for every query -------------------------------------------------------------
async def test_every_query_refuses_a_repeated_or_undecodable_parameter(client):
    operations = _operations(client.app)
    assert len(operations) >= 20  # the whole API, not a sample of it
    for method, path, endpoint in operations:
        name = next(iter(endpoint.query.model_fields))
        headers = await _headers(client, endpoint)
        for query, expected in (
            (f"{name}=a&{name}=b", "duplicate_field"),
            (f"{name}=%ff%fe", "invalid_query"),
            (f"{name}=%ED%A0%80", "invalid_query"),  # a lone surrogate in UTF-8's form (CESU)
        ):
            response = await client.request(method, raw(f"{path}?{query}"), headers=headers)
            status, code = await error_code(response)
            assert status == 400, (method, path, query, status, code)
            if not path.startswith("/open311/"):
                assert code == expected, (method, path, query)
            else:
                assert name in code, (path, query, code)


async def test_search_refuses_bad_text_and_numbers_and_ignores_parameters_it_does_not_take(client):
    ok = await client.get("/api/knowledge/search", params={"q": "따릉이", "k": "3", "utm_source": "x"})
    assert ok.status == 200 and len((await ok.json())["results"]) <= 3
    for query in ("q=%ff%fe", "q=%ED%A0%80", "q=%EB%8F", "k=1&k=2&q=a", "q=a&q=b"):
        status, code = await json_error(await client.get(raw(f"/api/knowledge/search?{query}")))
        assert status == 400 and code in ("invalid_query", "duplicate_field"), query
    # A parameter the endpoint does not take is ignored, whatever its bytes (a link never breaks).
    tracked = await client.get(raw("/api/knowledge/search?q=%EB%8F%84%EB%A1%9C&ref=%ff"))
    assert tracked.status == 200


async def test_whole_numbers_in_a_query_are_digits(client):
    loop = asyncio.get_running_loop()

    async def check(k: str) -> None:
        response = await client.get("/api/knowledge/search", params={"q": "따릉이", "k": k})
        # Canonical ASCII decimal only (web24: "+5", " 5" and "05" were read as 5).
        if re.fullmatch(r"0|-?[1-9][0-9]{0,17}", k) and 1 <= int(k) <= 20:
            assert response.status == 200, k
        else:
            assert await json_error(response) == (400, "invalid_field"), k

    numbers = st.one_of(
        st.floats(allow_nan=True, allow_infinity=True).map(repr),  # 5.0, 1e+20, nan, inf
        st.integers(-50, 50).map(lambda n: f"{n}.0"),
        st.integers(1, 20).map(lambda n: f"{n:e}"),
        st.sampled_from(["٥", "５", "0x5", "5_0", "5k", "½"]),  # digits Python's int() would read
        st.integers(-30, 30).map(str),
    )
    await loop.run_in_executor(None, fuzz, loop, check, numbers, 40)


async def test_invalid_utf8_in_any_taken_value_is_refused(client):
    loop = asyncio.get_running_loop()

    def undecodable(data: bytes) -> bool:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            return True
        return False

    async def check(data: bytes) -> None:
        response = await client.get(raw("/api/knowledge/search?q=" + quote(data, safe="")))
        assert await json_error(response) == (400, "invalid_query"), data

    await loop.run_in_executor(
        None, fuzz, loop, check, st.binary(min_size=1, max_size=12).filter(undecodable)
    )


async def test_a_session_in_an_unknown_language_is_refused(client):
    for language in ("xx", "KO", "ko-KR"):
        status, code = await json_error(await client.post(f"/api/sessions?language={language}"))
        assert (status, code) == (400, "invalid_field"), language
    status, code = await json_error(await client.post("/api/sessions?language="))  # web24: not Korean
    assert (status, code) == (400, "invalid_field")
    for query in ("", "?language=en", "?language=ko"):
        response = await client.post("/api/sessions" + query)
        assert response.status == 201, query
        token = (await response.json())["token"]
        reply = await client.post("/api/widget/messages", json={"text": "안녕"}, headers=bearer(token))
        assert reply.status == 200
    status, code = await json_error(await client.post("/api/sessions?language=en&language=ko"))
    assert (status, code) == (400, "duplicate_field")


async def test_the_widget_photo_query_is_checked_too(client):
    token = await new_session(client)
    response = await client.post(raw("/api/widget/photo?language=%ff"), data=b"x", headers=bearer(token))
    assert await json_error(response) == (400, "invalid_query")


# -- 2. a path id beyond the range is the same 404 as any unknown id --------------------------------
@pytest.mark.parametrize(
    "number", ["0", "123456789012", "9999999999999", "9" * 40, "0" * 30 + "7" * 13, "9" * 5000]
)
async def test_numeric_ids_beyond_the_range_are_the_specific_404(client, number):
    token = await new_session(client)
    official = bearer(issue_official_token(client.app[keys.SETTINGS]))
    cases = [
        ("GET", f"/api/polls/{number}", {}, None, "poll_not_found"),
        ("GET", f"/api/polls/{number}/results", {}, None, "poll_not_found"),
        ("GET", f"/api/polls/{number}/bulletin", {}, None, "poll_not_found"),
        ("POST", f"/api/polls/{number}/votes", bearer(token), {"choices": [1]}, "poll_not_found"),
        ("POST", f"/api/admin/polls/{number}/close", official, None, "poll_not_found"),
        ("GET", f"/api/admin/polls/{number}/export.csv", official, None, "poll_not_found"),
        ("GET", f"/api/proposals/{number}", {}, None, "not_found"),
        ("POST", f"/api/proposals/{number}/supports", bearer(token), None, "not_found"),
        ("POST", f"/api/admin/proposals/{number}/publish", official, None, "not_found"),
    ]
    for method, path, headers, body, code in cases:
        response = await client.request(method, path, headers=headers, json=body)
        status, found = await json_error(response)
        assert (status, found) == (404, code), (method, path[:60])
        message = (await response.json())["error"]["message"]
        assert message != "Not Found" and len(message) < 120, message


async def test_non_ascii_digits_are_not_an_id(client):
    # '١' is a digit to \d and to int(): /api/polls/١ must not be poll 1.
    response = await client.get("/api/polls/%D9%A1")
    assert response.status == 404


# -- 3. an empty photo, a form field given twice ----------------------------------------------------
async def test_an_empty_photo_is_refused_not_dropped(client):
    token = await new_session(client)
    report = {
        "text": "집 앞 도로에 포트홀이 생겼어요",
        "lat": 37.5009,
        "lon": 127.0364,
        "category": "road_damage",
    }
    for photo in ("", "data:image/jpeg;base64,"):
        response = await client.post(
            "/api/complaints", json={**report, "photo": photo}, headers=bearer(token)
        )
        assert await json_error(response) == (400, "invalid_photo"), photo
    stored = await client.app[keys.DATABASE].execute_fn(
        lambda c: c.execute("SELECT count(*) FROM complaints").fetchone()[0]
    )
    assert stored == 0
    for absent in ({"photo": None}, {}):  # the documented way to send no photo
        response = await client.post("/api/complaints", json={**report, **absent}, headers=bearer(token))
        assert response.status == 201, await response.text()


async def test_open311_refuses_a_single_value_field_given_twice(client):
    key = issue_api_key(client.app[keys.SETTINGS])
    base = f"api_key={key}&service_code=road_damage&lat={GANGNAM[0]}&long={GANGNAM[1]}"
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    for extra in (
        "&lat=38",
        "&long=127.1",
        "&service_code=garbage",
        f"&api_key={key}",
        "&description=a&description=b",
    ):
        response = await client.post("/open311/v2/requests.json", data=base + extra, headers=form)
        body = await response.json()
        assert response.status == 400 and body[0]["code"] == 400, (extra, body)
        assert "more than once" in body[0]["description"]
    stored = await client.app[keys.DATABASE].execute_fn(
        lambda c: c.execute("SELECT count(*) FROM complaints").fetchone()[0]
    )
    assert stored == 0
    # attribute[...] may repeat (a multivaluelist in the spec) and is ignored, as before.
    extra = "&attribute[kind][]=a&attribute[kind][]=b"
    response = await client.post("/open311/v2/requests.json", data=base + extra, headers=form)
    assert response.status == 200, await response.text()
    twice = await client.get(raw("/open311/v2/services.json?jurisdiction_id=a&jurisdiction_id=b"))
    assert twice.status == 400


# -- 4. the WebSocket's frame id ---------------------------------------------------------------------
async def test_the_socket_refuses_an_id_it_would_not_echo(client):
    token = await new_session(client)
    async with client.ws_connect("/api/widget/ws") as ws:
        await ws.send_json({"type": "auth", "token": token})
        assert (await ws.receive_json(timeout=10))["type"] == "ready"
        for bad in ("x" * 65, "x" * 10_000, {"x": 1}, [1], True, 1.5, 2**60):
            await ws.send_json({"type": "ping", "id": bad})
            frame = await ws.receive_json(timeout=10)
            assert frame["type"] == "error" and frame["id"] is None, bad
            assert frame["error"]["code"] == "invalid_id"
            assert len(json.dumps(frame)) < 300
            await ws.send_json({"type": "message", "id": bad, "text": "안녕"})
            frame = await ws.receive_json(timeout=30)
            assert frame["type"] == "error" and frame["error"]["code"] == "invalid_id", bad
        for good in ("m" * 64, 7, -3, 2**53 - 1, None):
            await ws.send_json({"type": "ping", "id": good})
            assert await ws.receive_json(timeout=10) == {"type": "pong", "id": good}


# -- the console's pages: numbers from the address never reach the database unbounded ---------------
async def test_console_pages_read_offset_and_ids_as_ascii_digits(make_client, make_settings, tmp_path):
    from test_console import make_account, sign_in

    (tmp_path / "knowledge").mkdir(exist_ok=True)
    settings = make_settings(
        CIVICBOT_SERVICES_DIR=str(ROOT / "services"),
        CIVICBOT_KNOWLEDGE_DIR=str(tmp_path / "knowledge"),
        CIVICBOT_INDEX_DIR=str(tmp_path / "index"),
        CIVICBOT_RATE_LIMIT="0",
    )
    make_account(settings, "kim.official", "official")
    client = await make_client(settings)
    await sign_in(client, "kim.official")
    for offset in ("99999999999999999999", "9" * 5000, "-5", "١", "abc"):
        response = await client.get(f"/admin/complaints?offset={offset}", headers={"Accept": "text/html"})
        assert response.status == 200, (offset[:30], response.status)
    for path in ("/admin/polls/%D9%A1", "/admin/proposals/%D9%A1"):  # an Arabic-Indic 1 is not poll 1
        response = await client.get(path, headers={"Accept": "text/html"})
        assert response.status == 404, path
