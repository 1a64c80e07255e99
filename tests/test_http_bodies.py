"""The HTTP layer's reading of what clients send, found by a newcomer's probe (web18):

1. form bodies in raw UTF-8 (what browsers and ``curl -d`` send) are read like percent-encoded ones,
   on Open311, the poll page's receipt form and the console; only bytes that are not UTF-8 are refused;
2. a compressed body that does not decompress is a 400 ``bad_encoding`` in each route's own error
   format (JSON, GeoReport, an HTML page), never a 500, and the connection is closed cleanly;
3. aiohttp's protocol-level 400s (raw Korean in a query string, a header too long, a broken body)
   are one WARNING line without a traceback, while our own failures stay ERROR with theirs;
4. Open311 refuses a JSON body as such (GeoReport v2 is form-encoded), not as a missing api_key;
5. a bbox whose west is east of its east (or south north of its north) is refused;
6. a full-width receipt code (a Korean IME's ＡＢＣ２) is checked like the ASCII one (NFKC).
"""

from __future__ import annotations

import asyncio
import gzip
import json
import logging
import zlib
from pathlib import Path
from urllib.parse import quote, quote_plus

import pytest
from conftest import issue_api_key, issue_official_token
from hypothesis import strategies as st
from test_hostile_input import fuzz, json_error, stored_rows
from test_polls_api import cast, create_poll, new_session

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.usefixtures("built_index")
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
SEOUL_HALL = ("37.5665", "126.9780")


@pytest.fixture
def settings(make_settings):
    return make_settings(CIVICBOT_SERVICES_DIR=str(ROOT / "services"), CIVICBOT_RATE_LIMIT="0")


def raw_utf8(fields: dict[str, str]) -> bytes:
    """A form body as ``curl -d`` and browsers may send it: ASCII specials escaped, the rest raw UTF-8."""
    escape = "".join
    return "&".join(
        f"{key}={escape(ch if ord(ch) > 127 else quote_plus(ch) for ch in value)}"
        for key, value in fields.items()
    ).encode("utf-8")


def percent_encoded(fields: dict[str, str]) -> bytes:
    return "&".join(f"{key}={quote_plus(value)}" for key, value in fields.items()).encode("ascii")


def no_error_records(caplog) -> list[str]:
    """The ERROR records and the records with a traceback (there should be none)."""
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info or r.exc_text]


async def raw_request(client, data: bytes, close: bool = True) -> tuple[bytes, bytes]:
    """Send ``data`` on a new connection as it is (no client library to tidy it); (head, body).
    ``close`` asks the server to close the connection after answering (else it must say it will)."""
    if close:
        line, _, rest = data.partition(b"\r\n")
        data = line + b"\r\nConnection: close\r\n" + rest
    reader, writer = await asyncio.open_connection("127.0.0.1", client.server.port)
    writer.write(data)
    await writer.drain()
    answer = await asyncio.wait_for(reader.read(), 10)
    writer.close()
    head, _, body = answer.partition(b"\r\n\r\n")
    return head, body


# -- 1. raw UTF-8 form bodies ---------------------------------------------------------------------
async def test_open311_takes_a_form_in_raw_utf8_like_a_percent_encoded_one(make_client, settings):
    client = await make_client(settings)
    key = issue_api_key(settings)
    fields = {
        "api_key": key,
        "service_code": "road_damage",
        "lat": SEOUL_HALL[0],
        "long": SEOUL_HALL[1],
        "description": "도로가 움푹 꺼졌어요",
    }
    ids = []
    for body in (raw_utf8(fields), percent_encoded(fields)):  # curl -d, curl --data-urlencode
        response = await client.post("/open311/v2/requests.json", data=body, headers=FORM)
        assert response.status == 200, await response.text()
        ids.append((await response.json())[0]["service_request_id"])
    for request_id in ids:
        found = await (await client.get(f"/open311/v2/requests/{request_id}.json")).json()
        assert found[0]["description"] == "도로가 움푹 꺼졌어요"


async def test_bytes_that_are_not_utf8_are_refused_by_every_form_and_change_nothing(make_client, settings):
    """The class: any body that is not UTF-8 (raw, or after percent-decoding) is a 400 in the route's
    own format on Open311, the poll page's receipt form and the console's sign-in; never a 500."""
    client = await make_client(settings)
    key = issue_api_key(settings)
    loop = asyncio.get_running_loop()
    open311 = f"api_key={key}&service_code=road_damage&lat=37.5665&long=126.9780&description=".encode()

    async def check(tail: bytes) -> None:
        before = await stored_rows(client)
        for escaped in (tail, quote(tail, safe="").encode()):  # raw, and as %XX escapes
            response = await client.post("/open311/v2/requests.json", data=open311 + escaped, headers=FORM)
            assert response.status == 400, await response.text()
            assert (await response.json())[0]["description"] == "The form body is not valid UTF-8."
            for path in ("/polls/1", "/admin/sign-in"):
                page = await client.post(path, data=b"receipt=x&name=" + escaped, headers=FORM)
                assert page.status == 400 and page.content_type == "text/html", (path, await page.text())
        assert await stored_rows(client) == before

    not_utf8 = st.binary(min_size=1, max_size=12).filter(lambda b: not _is_utf8(b))
    await asyncio.to_thread(fuzz, loop, check, not_utf8, 25)


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


async def test_a_form_in_another_charset_is_refused_not_misread(make_client, settings):
    client = await make_client(settings)
    euc_kr = {"Content-Type": "application/x-www-form-urlencoded; charset=euc-kr"}
    bogus = {"Content-Type": "application/x-www-form-urlencoded; charset=no-such-charset"}
    for headers in (euc_kr, bogus):
        page = await client.post("/polls/1", data="receipt=한글".encode("euc-kr"), headers=headers)
        assert page.status == 400 and page.content_type == "text/html"
        response = await client.post("/open311/v2/requests.json", data=b"api_key=x", headers=headers)
        assert response.status == 400 and "UTF-8" in (await response.json())[0]["description"]


# -- 6 (with 1). receipts: full-width, raw UTF-8 or percent-encoded, all the same code ------------------
_FULL_WIDTH = {chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)}  # '!'..'~' -> '！'..'～'


async def test_a_receipt_in_any_spelling_an_ime_makes_is_checked(make_client, settings):
    client = await make_client(settings)
    official = issue_official_token(settings)
    poll = await create_poll(client, official)
    status, ballot = await cast(client, poll["id"], await new_session(client), {"choices": [2]})
    assert status == 201
    receipt = ballot["receipt"]
    wide = "".join(_FULL_WIDTH[ch] for ch in receipt)

    # The API's check: the path's full-width receipt, percent-encoded as a browser sends it.
    check = await client.get(f"/api/polls/{poll['id']}/receipts/{quote(wide)}")
    assert check.status == 200, await check.text()
    assert (await check.json())["counted"]

    loop = asyncio.get_running_loop()
    spelling = st.lists(st.sampled_from(["ascii", "lower", "wide", "wide_lower"]), min_size=26, max_size=26)
    separator = st.sampled_from(["", "-", " ", "－", "\u3000"])  # full-width hyphen, ideographic space

    async def check_page(case) -> None:
        kinds, sep, raw = case
        forms = {
            "ascii": str,
            "lower": str.lower,
            "wide": lambda ch: _FULL_WIDTH[ch],
            "wide_lower": lambda ch: _FULL_WIDTH[ch.lower()],
        }
        code = "".join(
            forms[kind](ch) + (sep if i % 4 == 3 else "")
            for i, (kind, ch) in enumerate(zip(kinds, receipt, strict=True))
        )
        body = (raw_utf8 if raw else percent_encoded)({"receipt": code})
        page = await client.post(f"/polls/{poll['id']}", data=body, headers=FORM)
        html = await page.text()
        assert page.status == 200 and "집계됐어요" in html, (code, raw)

    await asyncio.to_thread(fuzz, loop, check_page, st.tuples(spelling, separator, st.booleans()), 30)


# -- 2. compressed bodies that do not decompress --------------------------------------------------
_BROKEN = {"gzip": b"garbage", "deflate": b"garbage"}  # (aiohttp passes x-gzip through undecoded)


@pytest.mark.parametrize("encoding", sorted(_BROKEN))
async def test_a_body_that_does_not_decompress_is_a_400_in_each_routes_format(
    make_client, settings, encoding, caplog
):
    caplog.set_level(logging.INFO)
    client = await make_client(settings)
    key = issue_api_key(settings)
    official = f"Authorization: Bearer {issue_official_token(settings)}\r\n"
    body = _BROKEN[encoding]
    before = await stored_rows(client)
    targets = [
        ("/api/chat", "application/json", "json", ""),
        ("/api/admin/polls", "application/json", "json", official),
        (f"/open311/v2/requests.json?api_key={key}", FORM["Content-Type"], "open311", ""),
        ("/polls/1", FORM["Content-Type"], "html", ""),
        ("/admin/sign-in", FORM["Content-Type"], "html", ""),
    ]
    for path, kind, answer, extra in targets:
        # aiohttp's client would not send these bytes as they are; a raw request does.
        head, text = await raw_request(
            client,
            f"POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: {kind}\r\nContent-Encoding: {encoding}\r\n"
            f"{extra}Content-Length: {len(body)}\r\n\r\n".encode()
            + body,
            close=False,
        )
        assert b" 400 " in head.split(b"\r\n")[0], (path, head, text)
        # aiohttp drops the connection after a broken body: the answer says so.
        assert b"\r\nconnection: close" in head.lower(), (path, head)
        if answer == "json":
            assert json.loads(text)["error"]["code"] == "bad_encoding", (path, text)
        elif answer == "open311":
            assert "Content-Encoding" in json.loads(text)[0]["description"], text
        else:
            assert b"text/html" in head and b"<!doctype html>" in text.lower(), (path, head)
    assert await stored_rows(client) == before
    assert no_error_records(caplog) == []


async def test_a_deflate_body_cut_short_is_aiohttps_own_400(client, caplog):
    """aiohttp finds a deflate stream cut short only at the body's end, inside its parser: it answers
    before any route runs, so in our JSON envelope whatever the path (a gzip stream cut short it
    does not notice at all: the route reads the bytes that did arrive, and refuses them as it would)."""
    caplog.set_level(logging.INFO)
    body = zlib.compress(b'{"text": "hello"}')[:-3]
    head, text = await raw_request(
        client,
        b"POST /api/chat HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Encoding: deflate\r\n"
        + f"Content-Length: {len(body)}\r\n\r\n".encode()
        + body,
    )
    assert b" 400 " in head.split(b"\r\n")[0], head
    assert json.loads(text)["error"]["code"] == "bad_encoding"
    assert no_error_records(caplog) == []


async def test_a_gzip_body_that_does_decompress_is_read(client):
    response = await client.post(
        "/api/chat",
        data=gzip.compress(json.dumps({"text": "안녕하세요"}).encode()),
        headers={"Content-Type": "application/json", "Content-Encoding": "gzip"},
    )
    assert response.status == 200, await response.text()


# -- 3. protocol-level 400s are one line at WARNING --------------------------------------------------
@pytest.mark.parametrize(
    "request_bytes",
    [
        "GET /api/complaints?q=한글 HTTP/1.1\r\nHost: x\r\n\r\n".encode(),  # raw UTF-8 in the query
        b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Long: " + b"a" * 20_000 + b"\r\n\r\n",  # a header too long
        b"GET /healthz HTTP/1.1\r\nHost: x\r\nBad Header Without Colon\r\n\r\n",
        b"POST /api/chat HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nab\r\n0\r\n\r\n",
    ],
    ids=["raw-korean-query", "long-header", "header-without-colon", "bad-chunk"],
)
async def test_a_malformed_request_is_one_warning_line_without_a_traceback(client, caplog, request_bytes):
    caplog.set_level(logging.INFO)
    head, body = await raw_request(client, request_bytes)
    assert b" 400 " in head.split(b"\r\n")[0] or b" 431 " in head.split(b"\r\n")[0], head
    assert "error" in json.loads(body)
    assert no_error_records(caplog) == []
    server = [r for r in caplog.records if r.name == "aiohttp.server"]
    assert len(server) == 1 and server[0].levelno == logging.WARNING, [r.getMessage() for r in server]
    assert "\n" not in server[0].getMessage() and len(server[0].getMessage()) < 300


def test_our_own_failures_keep_their_level_and_traceback():
    """The filter touches the client's mistakes only: any other exception stays an ERROR with its
    traceback (aiohttp's 500 for an exception no middleware caught)."""
    from civicbot.web.observability import ClientErrors

    try:
        raise RuntimeError("a bug of ours")
    except RuntimeError as exc:
        error = exc
    record = logging.LogRecord(
        "aiohttp.server", logging.ERROR, __file__, 1, "Error handling request from %s", ("1.2.3.4",), None
    )
    record.exc_info = (type(error), error, error.__traceback__)
    assert ClientErrors().filter(record)
    assert record.levelno == logging.ERROR and record.exc_info[1] is error


# -- 4. Open311 refuses a JSON body as such -------------------------------------------------------
@pytest.mark.parametrize("fmt", ["json", "xml"])
async def test_open311_refuses_a_json_body_as_not_form_encoded(make_client, settings, fmt):
    client = await make_client(settings)
    key = issue_api_key(settings)
    before = await stored_rows(client)
    fields = {"api_key": key, "service_code": "road_damage", "lat": 37.5665, "long": 126.978}
    response = await client.post(f"/open311/v2/requests.{fmt}", json=fields)
    assert response.status == 400, await response.text()
    text = await response.text()
    assert "application/x-www-form-urlencoded" in text and "api_key" not in text
    if fmt == "json":
        assert (await response.json())[0]["code"] == 400
    else:
        assert text.startswith("<?xml") and "<errors><error><code>400</code>" in text
    assert await stored_rows(client) == before
    # A POST without any body is still the spec's missing api_key (403), as before.
    assert (await client.post(f"/open311/v2/requests.{fmt}")).status == 403


# -- 5. bbox corners out of order -----------------------------------------------------------------
async def test_a_bbox_with_corners_out_of_order_is_refused(make_client, settings):
    client = await make_client(settings)
    official = {"Authorization": "Bearer " + issue_official_token(settings)}
    loop = asyncio.get_running_loop()
    degrees = st.floats(min_value=-179.0, max_value=179.0, allow_nan=False).map(lambda v: round(v, 4))
    latitudes = st.floats(min_value=-89.0, max_value=89.0, allow_nan=False).map(lambda v: round(v, 4))

    async def check(box) -> None:
        x1, y1, x2, y2 = box
        query = f"bbox={x1},{y1},{x2},{y2}"
        for path, headers in (("/api/complaints.geojson", {}), ("/api/admin/complaints", official)):
            response = await client.get(f"{path}?{query}", headers=headers)
            if x1 > x2 or y1 > y2:
                assert await json_error(response) == (400, "invalid_bbox"), query
            else:
                assert response.status == 200, (query, await response.text())

    await asyncio.to_thread(fuzz, loop, check, st.tuples(degrees, latitudes, degrees, latitudes), 25)


# -- the twentieth pass: what a JSON body may hold -------------------------------------------------
_KNOWN_FIELDS = {"text", "conversation_id", "language", "payload", "location", "choices", "district"}
_KNOWN_FIELDS |= {"age_band", "notify", "lat", "lon", "address", "category", "photo"}
_EXTRA_KEYS = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=12)


async def test_an_unknown_field_is_refused_by_name_and_changes_nothing(make_client, settings, official_token):
    """The README lists ``unknown_field``, yet {"extra": 1} beside valid fields was accepted on
    POST /api/complaints (and every typed JSON POST): a misspelt "notfy" was silently ignored."""
    client = await make_client(settings)
    poll = await create_poll(client, official_token)
    token = await new_session(client)
    loop = asyncio.get_running_loop()
    valid = {
        "/api/chat": ({"text": "안녕하세요"}, None),
        "/api/widget/messages": ({"text": "안녕하세요"}, token),
        f"/api/polls/{poll['id']}/votes": ({"choices": [1], "district": "mapo"}, token),
        "/api/complaints": ({"text": "보도블록이 깨졌어요", "lat": 37.5665, "lon": 126.978}, token),
    }

    async def check(extra: str) -> None:
        before = await stored_rows(client)
        for path, (body, session) in valid.items():
            if extra in _KNOWN_FIELDS:
                continue
            headers = {"Authorization": f"Bearer {session}"} if session else {}
            response = await client.post(path, json={**body, extra: 1}, headers=headers)
            assert await json_error(response) == (400, "unknown_field"), (path, extra)
            assert f"'{extra}'" in (await response.json())["error"]["message"]
        assert await stored_rows(client) == before

    await asyncio.to_thread(fuzz, loop, check, _EXTRA_KEYS, 25)
    # The same bodies without the extra key are taken: the refusal was the key, nothing else.
    for path, (body, session) in valid.items():
        headers = {"Authorization": f"Bearer {session}"} if session else {}
        response = await client.post(path, json=body, headers=headers)
        assert response.status in (200, 201), (path, await response.text())


async def test_a_field_given_twice_is_refused_not_last_wins(make_client, settings):
    """{"text": "a", "text": "b"} was read as "b" (the decoder's accident): now a 400 naming it."""
    client = await make_client(settings)
    before = await stored_rows(client)
    response = await client.post(
        "/api/chat", data=b'{"text": "a", "text": "b"}', headers={"Content-Type": "application/json"}
    )
    assert await json_error(response) == (400, "duplicate_field")
    assert "'text'" in (await response.json())["error"]["message"]
    nested = await client.post(
        "/api/chat",
        data=b'{"text": "a", "location": {"lat": 1, "lat": 2}}',
        headers={"Content-Type": "application/json"},
    )
    assert await json_error(nested) == (400, "duplicate_field")
    assert await stored_rows(client) == before


async def test_a_number_out_of_range_names_the_field_and_the_range(make_client, settings):
    """k=0 gave pydantic's "'k': Input should be greater than or equal to 1." (code and status kept)."""
    client = await make_client(settings)
    for k in ("0", "21", "-3"):
        response = await client.get(f"/api/knowledge/search?q=S-Net&k={k}")
        assert await json_error(response) == (400, "invalid_field")
        assert (await response.json())["error"]["message"] == "'k' must be from 1 to 20."
    worded = await client.get("/api/knowledge/search?q=S-Net&k=x")
    assert "Input should" not in (await worded.json())["error"]["message"]
