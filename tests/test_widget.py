"""The widget's channel and the safety of embedding it, over real HTTP and WebSocket connections.

The browser tests (tests/test_browser*.py) drive the same endpoints through widget.js; these check
the edges a browser never shows: bad messages, foreign origins, tokens, limits, headers.
"""

from __future__ import annotations

import asyncio

import pytest
from aiohttp import WSMsgType
from conftest import ENGINES

from civicbot import outbox
from civicbot.db import connect_settings


@pytest.fixture(params=ENGINES)
def db_engine(request: pytest.FixtureRequest) -> str:
    """This suite runs on SQLite and on PostgreSQL."""
    return request.param


ALLOWED = "https://www.seoul.go.kr"
FOREIGN = "https://evil.example"
PNG_1x1 = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def _auth(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


async def test_http_fallback_answers_with_sources(client, session_token):
    r = await client.post(
        "/api/widget/messages", json={"text": "디지털 시민시장실이 뭐예요?"}, headers=_auth(session_token)
    )
    assert r.status == 200
    body = await r.json()
    assert body["language"] == "ko"
    assert body["sources"], body
    assert all(source["title"] for source in body["sources"])
    assert "expects" in body and "buttons" in body


async def test_http_fallback_needs_a_known_session(client):
    r = await client.post("/api/widget/messages", json={"text": "안녕"})
    assert r.status == 401
    assert (await r.json())["error"]["code"] == "no_session"
    r = await client.post("/api/widget/messages", json={"text": "안녕"}, headers=_auth("cbs_madeup"))
    assert r.status == 401
    assert (await r.json())["error"]["code"] == "invalid_session"


async def test_bad_messages_get_clear_errors(client, session_token):
    headers = _auth(session_token)
    cases = [
        ({}, 400, "empty_message"),
        ({"text": "   "}, 400, "empty_message"),
        ({"text": 5}, 400, "invalid_field"),
        ({"location": [37.5, 127.0]}, 400, "invalid_field"),
        ({"location": {"lat": 37.5}}, 400, "invalid_field"),
        ({"location": {"lat": True, "lon": 127.0}}, 400, "invalid_field"),
        ({"location": {"lat": 91.0, "lon": 127.0}}, 400, "invalid_field"),
        ({"location": {"lat": "37.5", "lon": 127.0}}, 400, "invalid_field"),
        ({"text": "안녕", "language": "fr"}, 400, "invalid_field"),
        ({"text": "가" * 2001}, 400, "text_too_long"),
        ({"payload": "/vote " + "9" * 200}, 400, "payload_too_long"),
    ]
    for body, status, code in cases:
        r = await client.post("/api/widget/messages", json=body, headers=headers)
        assert r.status == status, body
        assert (await r.json())["error"]["code"] == code, body
    r = await client.post(
        "/api/widget/messages", json={"location": {"lat": 37.5665, "lon": 126.978}}, headers=headers
    )
    assert r.status == 200  # a bare place is a message too (the report flow asks for one)
    r = await client.post("/api/widget/messages", data="{not json", headers=headers)
    assert r.status == 400
    assert (await r.json())["error"]["code"] == "invalid_json"
    r = await client.post("/api/widget/messages", json=["a list"], headers=headers)
    assert (await r.json())["error"]["code"] == "invalid_json"


async def test_websocket_authenticates_with_its_first_message(client, session_token):
    async with client.ws_connect("/api/widget/ws") as ws:
        await ws.send_json({"type": "auth", "token": session_token})
        assert (await ws.receive_json(timeout=10))["type"] == "ready"
        await ws.send_json({"type": "message", "id": "m1", "text": "What is Virtual Seoul?"})
        frame = await ws.receive_json(timeout=30)
        assert frame["type"] == "reply" and frame["id"] == "m1"
        assert frame["reply"]["language"] == "en"
        assert frame["reply"]["sources"]
        # A bad message answers with an error and leaves the socket open.
        await ws.send_json({"type": "message", "id": 2, "location": "Seoul"})
        frame = await ws.receive_json(timeout=10)
        assert frame == {
            "type": "error",
            "id": 2,
            "error": {"code": "invalid_field", "message": '\'location\' must be {"lat": ..., "lon": ...}.'},
        }
        await ws.send_str("not json")
        assert (await ws.receive_json(timeout=10))["error"]["code"] == "invalid_json"
        await ws.send_json({"type": "ping", "id": "p"})
        assert await ws.receive_json(timeout=10) == {"type": "pong", "id": "p"}


async def test_websocket_refuses_an_unknown_token(client):
    async with client.ws_connect("/api/widget/ws") as ws:
        await ws.send_json({"type": "auth", "token": "cbs_nobody"})
        frame = await ws.receive_json(timeout=10)
        assert frame["error"]["code"] == "invalid_session"
        closing = await ws.receive(timeout=10)
        assert closing.type in (WSMsgType.CLOSE, WSMsgType.CLOSED)
        assert ws.close_code == 4401


async def test_websocket_origin_check(make_client, make_settings):
    client = await make_client(make_settings(CIVICBOT_ALLOWED_ORIGINS=ALLOWED))
    for origin in (FOREIGN, "null", "file://"):
        r = await client.get(
            "/api/widget/ws",
            headers={
                "Origin": origin,
                "Upgrade": "websocket",
                "Connection": "Upgrade",
                "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
                "Sec-WebSocket-Version": "13",
            },
        )
        assert r.status == 403, origin
        assert (await r.json())["error"]["code"] == "origin_not_allowed"
    async with client.ws_connect("/api/widget/ws", origin=ALLOWED) as ws:
        await ws.send_json({"type": "auth", "token": "cbs_x"})
        assert (await ws.receive_json(timeout=10))["error"]["code"] == "invalid_session"
    # The page's own origin (the demo page) is always allowed.
    own = f"http://{client.server.host}:{client.server.port}"
    async with client.ws_connect("/api/widget/ws", origin=own) as ws:
        await ws.send_json({"type": "auth", "token": "cbs_x"})
        assert (await ws.receive_json(timeout=10))["type"] == "error"


async def test_cors_for_allowed_origins_only(make_client, make_settings):
    client = await make_client(make_settings(CIVICBOT_ALLOWED_ORIGINS=f"{ALLOWED},https://gu.example.kr/"))
    preflight = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization"}
    r = await client.options("/api/widget/messages", headers={"Origin": ALLOWED, **preflight})
    assert r.status == 204
    assert r.headers["Access-Control-Allow-Origin"] == ALLOWED
    assert "Authorization" in r.headers["Access-Control-Allow-Headers"]
    assert "POST" in r.headers["Access-Control-Allow-Methods"]
    r = await client.options("/api/sessions", headers={"Origin": "https://gu.example.kr", **preflight})
    assert r.status == 204
    for origin in (FOREIGN, "null"):
        r = await client.options("/api/widget/messages", headers={"Origin": origin, **preflight})
        assert r.status == 403
        assert "Access-Control-Allow-Origin" not in r.headers
    r = await client.post("/api/sessions", headers={"Origin": ALLOWED})
    assert r.status == 201
    assert r.headers["Access-Control-Allow-Origin"] == ALLOWED
    assert "Origin" in r.headers["Vary"]
    # A foreign page cannot even create a session (a simple POST skips the preflight).
    r = await client.post("/api/sessions", headers={"Origin": FOREIGN})
    assert r.status == 403
    assert "Access-Control-Allow-Origin" not in r.headers
    r = await client.post("/api/sessions", headers={"Origin": "null"})
    assert r.status == 403
    # Reading public data from anywhere works, but only allowed origins are told they may read it.
    r = await client.get("/api/widget/config", headers={"Origin": FOREIGN})
    assert r.status == 200
    assert "Access-Control-Allow-Origin" not in r.headers


async def test_security_headers(client):
    r = await client.get("/")
    assert r.status == 200
    csp = r.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors" in csp
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    html = await r.text()
    assert '<script src="/widget.js" data-lang="ko" async></script>' in html
    assert "<script>" not in html and "style=" not in html and "<style" not in html
    r = await client.get("/api/widget/config")
    assert r.headers["Content-Security-Policy"] == "default-src 'none'; frame-ancestors 'none'"
    r = await client.get("/widget.js")
    assert r.status == 200
    assert r.content_type in ("application/javascript", "text/javascript")
    assert r.headers["Cross-Origin-Resource-Policy"] == "cross-origin"
    assert "attachShadow" in await r.text()
    for path in (
        "/static/widget.css",
        "/static/vendor/leaflet/leaflet.js",
        "/static/vendor/leaflet/leaflet.css",
    ):
        r = await client.get(path)
        assert r.status == 200, path
    r = await client.get("/no-such-page")
    assert r.status == 404
    assert r.headers["X-Content-Type-Options"] == "nosniff"


async def test_demo_page_in_english(client):
    r = await client.get("/?lang=en")
    html = await r.text()
    assert '<html lang="en">' in html
    assert 'data-lang="en"' in html
    assert 'href="/map?lang=en"' in html


async def test_photo_upload_limits(make_client, make_settings):
    client = await make_client(make_settings(CIVICBOT_PHOTO_MAX_BYTES="1000"))
    token = (await (await client.post("/api/sessions")).json())["token"]
    headers = {**_auth(token), "Content-Type": "image/png"}
    r = await client.post("/api/widget/photo", data=PNG_1x1, headers=headers)
    assert r.status == 200, await r.text()
    assert "text" in await r.json()
    r = await client.post("/api/widget/photo", data=b"\x89PNG\r\n\x1a\n" + b"0" * 2000, headers=headers)
    assert r.status == 413
    assert (await r.json())["error"]["code"] == "photo_too_large"
    r = await client.post("/api/widget/photo", data=b"<svg onload=alert(1)>", headers=headers)
    assert r.status == 415
    r = await client.post("/api/widget/photo", data=b"", headers=headers)
    assert r.status == 400
    r = await client.post("/api/widget/photo?language=fr", data=PNG_1x1, headers=headers)
    assert r.status == 400
    assert (await r.json())["error"]["code"] == "invalid_field"
    r = await client.post("/api/widget/photo", data=PNG_1x1)
    assert r.status == 401


def _enqueue(settings, recipient: str, text: str) -> None:
    conn = connect_settings(settings)  # SQLite or PostgreSQL: whichever the app runs on
    outbox.enqueue(conn, "web", recipient, text)  # outside a transaction: commits at once
    conn.conn.close()


async def _session(client) -> tuple[str, str]:
    from civicbot.sessions import session_id

    token = (await (await client.post("/api/sessions")).json())["token"]
    return token, session_id(token)


async def test_notifications_by_poll_once_each(client, settings):
    token, sid = await _session(client)
    other_token, other_sid = await _session(client)
    await asyncio.to_thread(_enqueue, settings, sid, "민원 SEL-ABC123 처리가 끝났어요.")
    await asyncio.to_thread(_enqueue, settings, other_sid, "someone else's")
    r = await client.get("/api/widget/notifications", headers=_auth(token))
    assert r.status == 200
    assert [n["text"] for n in (await r.json())["notifications"]] == ["민원 SEL-ABC123 처리가 끝났어요."]
    r = await client.get("/api/widget/notifications", headers=_auth(token))
    assert (await r.json())["notifications"] == []
    r = await client.get("/api/widget/notifications", headers=_auth(other_token))
    assert [n["text"] for n in (await r.json())["notifications"]] == ["someone else's"]


async def test_notifications_pushed_over_the_socket(client, settings):
    token, sid = await _session(client)
    await asyncio.to_thread(_enqueue, settings, sid, "queued before connecting")
    async with client.ws_connect("/api/widget/ws") as ws:
        await ws.send_json({"type": "auth", "token": token})
        assert (await ws.receive_json(timeout=10))["type"] == "ready"
        assert (await ws.receive_json(timeout=10))["text"] == "queued before connecting"
        await asyncio.to_thread(_enqueue, settings, sid, "queued while connected")
        frame = await ws.receive_json(timeout=10)
        assert frame["type"] == "notification" and frame["text"] == "queued while connected"
    r = await client.get("/api/widget/notifications", headers=_auth(token))
    assert (await r.json())["notifications"] == []


async def test_rate_limit_per_session_on_both_transports(make_client, make_settings):
    client = await make_client(make_settings(CIVICBOT_MESSAGES_PER_MINUTE="3"))
    token = (await (await client.post("/api/sessions")).json())["token"]
    statuses = []
    for _ in range(4):
        r = await client.post("/api/widget/messages", json={"text": "안녕"}, headers=_auth(token))
        statuses.append(r.status)
    assert statuses == [200, 200, 200, 429]
    other = (await (await client.post("/api/sessions")).json())["token"]
    async with client.ws_connect("/api/widget/ws") as ws:
        await ws.send_json({"type": "auth", "token": other})
        await ws.receive_json(timeout=10)
        # The address is already over its limit from the HTTP calls above.
        await ws.send_json({"type": "message", "id": 1, "text": "안녕"})
        frame = await ws.receive_json(timeout=10)
        assert frame["error"]["code"] == "rate_limited"


async def test_a_notice_queued_on_one_replica_wakes_the_other_at_once(
    make_client, settings, db_engine, monkeypatch
):
    """PostgreSQL's LISTEN/NOTIFY, not polling, brings a notice queued on replica A to a browser
    connected to replica B: with polling slowed to two minutes it still arrives within seconds."""
    if db_engine != "postgresql":
        pytest.skip("one process on SQLite: no other replica to wake")
    from civicbot import keys
    from civicbot.web import widget

    monkeypatch.setattr(widget, "_NOTIFY_INTERVAL", 120.0)
    first, second = await make_client(settings), await make_client(settings)
    token, sid = await _session(first)
    async with second.ws_connect("/api/widget/ws") as ws:
        await ws.send_json({"type": "auth", "token": token})
        assert (await ws.receive_json(timeout=10))["type"] == "ready"
        await asyncio.sleep(0.5)  # the socket is in B's hub, and B listens
        await first.app[keys.DATABASE].execute_write_fn(
            lambda conn: outbox.enqueue(conn, "web", sid, "from A")
        )
        frame = await ws.receive_json(timeout=15)
        assert frame["type"] == "notification" and frame["text"] == "from A"
