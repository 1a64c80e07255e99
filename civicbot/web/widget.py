"""The web widget's channel ("web"): a WebSocket, its HTTP fallback, photos and notifications.

It lives in civicbot.web, not civicbot.channels: the widget is this server's own page, with its
sessions, origin checks and rate limits. A thin adapter like the Telegram one: the widget's JSON
becomes an ``Incoming`` for the one Dialogue (``reply_shapes.WidgetMessage.incoming``; the
anonymous session of POST /api/sessions is the user) and the ``Reply`` goes back as JSON.

Authentication never uses cookies or the URL (URLs end up in logs): HTTP calls send
``Authorization: Bearer <token>``; browsers cannot set headers on a WebSocket, so its first
message is ``{"type": "auth", "token": ...}``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass, field, replace

from aiohttp import WSMsgType, web

from civicbot import keys, outbox, sessions, voicemap
from civicbot.dialogue import reply_as_json
from civicbot.jsontext import dumps
from civicbot.reply_shapes import (
    WIDGET_CHANNEL,
    ChatReply,
    Notification,
    PhotoQuery,
    WidgetConfig,
    WidgetMessage,
    WidgetNotifications,
    chat_reply,
    widget_incoming,
)
from civicbot.web import jsonbody
from civicbot.web.auth import SESSION, charge_model, client_address, client_key, limit_messages
from civicbot.web.boundary import Api, parse, render
from civicbot.web.errors import ApiError
from civicbot.web.handlers import engine
from civicbot.web.middlewares import origin_allowed

log = logging.getLogger(__name__)


@dataclass
class WidgetHub:
    """The widget's open sockets by session id, so a notification reaches the browser at once."""

    sockets: dict[str, set[web.WebSocketResponse]] = field(default_factory=dict)
    by_address: dict[str, int] = field(default_factory=dict)  # open sockets per client address

    def add(self, session_id: str, ws: web.WebSocketResponse) -> None:
        self.sockets.setdefault(session_id, set()).add(ws)

    def remove(self, session_id: str, ws: web.WebSocketResponse) -> None:
        group = self.sockets.get(session_id)
        if group is not None:
            group.discard(ws)
            if not group:
                del self.sockets[session_id]


WIDGET_HUB = web.AppKey("widget_hub", WidgetHub)  # the widget's open sockets, by session id

CHANNEL = WIDGET_CHANNEL
_AUTH_TIMEOUT = 10.0  # seconds a new socket has to say who it is
_MAX_WS_MESSAGE = 16 * 1024  # text, a payload and a location fit easily; photos go over HTTP
_MAX_SOCKETS_PER_SESSION = 4  # a few tabs of one browser
_MAX_SOCKETS_PER_ADDRESS = 64  # an office or school behind one NAT address
_NOTIFY_INTERVAL = 2.0  # seconds between looks at the outbox for connected browsers


# -- the engine and the notifications ---------------------------------------------------------
async def take_notifications(app: web.Application, session_ids: list[str]) -> list[outbox.Notification]:
    """Notifications waiting for these sessions, marked sent in the same write (so each goes once)."""
    return await app[keys.DATABASE].execute_write_fn(lambda conn: outbox.take_for(conn, CHANNEL, session_ids))


def notification_json(notification: outbox.Notification) -> dict:
    return {"type": "notification", **Notification.of(notification).model_dump()}


async def _push_notifications(app: web.Application) -> None:
    hub = app[WIDGET_HUB]
    ids = list(hub.sockets)
    # Only a look when someone is connected; the write happens only when something is waiting.
    waiting = (
        await app[keys.DATABASE].execute_fn(lambda conn: outbox.waiting_for(conn, CHANNEL, ids))
        if ids
        else []
    )
    if not waiting:
        return
    for notification in await take_notifications(app, sorted({n.recipient for n in waiting})):
        for ws in list(hub.sockets.get(notification.recipient, ())):
            with contextlib.suppress(ConnectionError, RuntimeError):
                await ws.send_json(notification_json(notification), dumps=dumps)


async def notifier(app: web.Application) -> AsyncIterator[None]:
    """cleanup_ctx: the hub of open sockets and the loop that pushes notifications to them."""
    app[WIDGET_HUB] = WidgetHub()
    wake = asyncio.Event()
    tasks = []
    listen = getattr(app[keys.DATABASE], "listen", None)
    if listen is not None:  # PostgreSQL: a notice queued on any replica wakes this one at once
        tasks.append(
            asyncio.create_task(
                listen(outbox.NOTIFY_TOPIC, lambda channel: channel in (CHANNEL, "") and wake.set())
            )
        )

    async def loop() -> None:
        while True:
            # Polling stays, as the fallback when a NOTIFY is missed (or on SQLite, the only way).
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(wake.wait(), _NOTIFY_INTERVAL)
            wake.clear()
            try:
                await _push_notifications(app)
            except Exception:  # a failed round is retried on the next tick; the rows stay queued
                log.exception("pushing widget notifications failed")

    tasks.append(asyncio.create_task(loop()))
    yield
    for task in tasks:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
    for group in list(app[WIDGET_HUB].sockets.values()):
        for ws in list(group):
            await ws.close(code=1001, message=b"server shutdown")


# -- HTTP fallback ----------------------------------------------------------------------------
routes = Api(access=SESSION)
_COMMON_ERRORS = {
    403: "Sent from a page whose origin is not in CIVICBOT_ALLOWED_ORIGINS",
    429: "Too many messages from this session or address",
    503: "The engine is still loading",
}


@routes.post("/api/widget/messages", responses=_COMMON_ERRORS)
async def widget_message(request: web.Request, body: WidgetMessage, auth: sessions.Session) -> ChatReply:
    """The widget's HTTP fallback: one message, the bot's reply

    The widget prefers the WebSocket GET /api/widget/ws: its first message is {"type": "auth",
    "token": "<session token>"}, then {"type": "message", "id", ...} frames as in this body,
    answered by {"type": "reply", "id", "reply"}; notifications arrive as {"type": "notification",
    "text"}. A frame's "id" (optional) is a string of at most 64 characters or a whole number, else
    the answer is {"type": "error", "id": null, "error": {"code": "invalid_id"}}.

    Status Codes:
        400: Invalid JSON, nothing to send, a bad field, or text or payload over its limit
        413: A body over 64 KiB
    """
    incoming = replace(body.incoming(auth), origin=client_key(request))
    await charge_model(request, incoming.text, "session:" + auth.id)
    return chat_reply(await engine(request.app).dialogue.handle(incoming))


_PHOTO_BODY = {
    "required": True,
    "content": {
        kind: {"schema": {"type": "string", "format": "binary"}} for kind in ("image/jpeg", "image/png")
    },
}


@routes.post("/api/widget/photo", raw_body=_PHOTO_BODY, responses=_COMMON_ERRORS)
async def widget_photo(request: web.Request, query: PhotoQuery, auth: sessions.Session) -> ChatReply:
    """Send a photo (for a complaint) as the raw request body

    Status Codes:
        400: An empty body
        413: Larger than CIVICBOT_PHOTO_MAX_BYTES
        415: Not a JPEG or PNG image
    """
    # The raw image is the body: the app's 64 KiB body limit is for JSON.
    try:  # refused over the limit without reading it all into memory
        data = await jsonbody.read_limited(request, request.app[keys.SETTINGS].photo_max_bytes, "photo")
    except ApiError as exc:
        if exc.code != "payload_too_large":
            raise  # a body that cannot be read (bad_encoding ...) keeps its own code
        raise ApiError(exc.status, "photo_too_large", exc.message) from None
    if not data:
        raise ApiError(400, "empty_photo", "The request body must be the photo's bytes.")
    if voicemap.photo_type(data) is None:  # by its first bytes, not what the browser claims
        raise ApiError(415, "not_an_image", "Send a JPEG or PNG image.")
    return chat_reply(
        await engine(request.app).dialogue.handle(
            widget_incoming(auth, query.language, photo=data, origin=client_key(request))
        )
    )


@routes.get("/api/widget/notifications", responses={429: _COMMON_ERRORS[429]})
async def widget_notifications(request: web.Request, auth: sessions.Session) -> WidgetNotifications:
    """Notifications for this session (each is returned once)"""
    found = await take_notifications(request.app, [auth.id])
    return WidgetNotifications(notifications=[Notification.of(n) for n in found])


# -- WebSocket ------------------------------------------------------------------------------
async def _authenticate(request: web.Request, ws: web.WebSocketResponse) -> sessions.Session | None:
    try:
        message = await ws.receive(timeout=_AUTH_TIMEOUT)
    except TimeoutError:
        await ws.close(code=4401, message=b"no auth message")
        return None
    token = None
    if message.type == WSMsgType.TEXT:
        with contextlib.suppress(ApiError):
            body = jsonbody.loads(message.data)
            if isinstance(body, dict) and body.get("type") == "auth" and isinstance(body.get("token"), str):
                token = body["token"]
    session = None
    if token:
        session = await request.app[keys.DATABASE].execute_fn(lambda db: sessions.find_session(db, token))
    if session is None:
        await ws.send_json(_error_json("invalid_session", "Unknown session token; create a new one.", None))
        await ws.close(code=4401, message=b"invalid session")
    return session


# A frame's "id" is the client's to match replies with: a short string or a safe integer. It is
# echoed in the answer, so a 10,000-character id (or an object) is refused, not sent back.
MAX_MESSAGE_ID_CHARS = 64
_SAFE_INTEGER = 2**53 - 1  # what a browser's JSON.parse reads exactly


def _message_id(value: object) -> str | int | None:
    """The frame's ``id`` to echo: ``None`` when not sent (or null), a string of at most
    ``MAX_MESSAGE_ID_CHARS`` characters or an integer within ±(2**53 - 1); ``ApiError(400,
    "invalid_id")`` for anything else (a bool, a float, an object, a list, a longer string)."""
    if value is None:
        return None
    if isinstance(value, str) and len(value) <= MAX_MESSAGE_ID_CHARS:
        return value
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) <= _SAFE_INTEGER:
        return value
    raise ApiError(
        400,
        "invalid_id",
        f"'id' must be a string of at most {MAX_MESSAGE_ID_CHARS} characters or a whole number.",
    )


def _error_json(code: str, message: str, message_id: object) -> dict:
    return {"type": "error", "id": message_id, "error": {"code": code, "message": message}}


async def _ws_turn(request: web.Request, session: sessions.Session, raw: str) -> dict:
    """One message on the socket -> the frame to send back (a reply or an error)."""
    message_id = None
    try:
        body = jsonbody.loads(raw)
        if isinstance(body, dict):
            message_id = _message_id(body.get("id"))
            if body.get("type") == "ping":
                return {"type": "pong", "id": message_id}
        await limit_messages(request, session.id)
        if not isinstance(body, dict):
            raise ApiError(400, "invalid_json", "The message must be a JSON object.")
        # The message (text, a button's payload or a picked place) as the engine's Incoming.
        # A frame's "type" and "id" are the socket's envelope, not the message's fields.
        message = {key: value for key, value in body.items() if key not in ("type", "id")}
        parsed = parse(WidgetMessage, message, {"settings": request.app[keys.SETTINGS]})
        incoming = replace(parsed.incoming(session), origin=client_key(request))
        await charge_model(request, incoming.text, "session:" + session.id)
        reply = await engine(request.app).dialogue.handle(incoming)
        return {"type": "reply", "id": message_id, "reply": reply_as_json(reply)}
    except ApiError as exc:
        return _error_json(exc.code, exc.message, message_id)
    except Exception:  # one failed turn answers with an error; the socket stays open
        log.exception("widget message failed")
        return _error_json("internal_error", "Something went wrong on our side; it was logged.", message_id)


async def websocket(request: web.Request) -> web.WebSocketResponse:
    """GET /api/widget/ws: the widget's conversation over one socket (auth is the first message)."""
    if not origin_allowed(request, request.headers.get("Origin")):
        # Browsers let any page open a socket anywhere; the Origin check is what stops a foreign
        # page from talking as the visitor (cross-site WebSocket hijacking).
        raise ApiError(403, "origin_not_allowed", "This origin may not open the widget's socket.")
    hub = request.app[WIDGET_HUB]
    address = client_address(request)
    if hub.by_address.get(address, 0) >= _MAX_SOCKETS_PER_ADDRESS:
        raise ApiError(429, "too_many_sockets", "Too many open sockets from this address; close some first.")
    hub.by_address[address] = hub.by_address.get(address, 0) + 1
    try:
        return await _serve_socket(request, hub)
    finally:
        hub.by_address[address] -= 1
        if not hub.by_address[address]:
            del hub.by_address[address]


async def _serve_socket(request: web.Request, hub: WidgetHub) -> web.WebSocketResponse:
    ws = web.WebSocketResponse(heartbeat=30.0, max_msg_size=_MAX_WS_MESSAGE)
    await ws.prepare(request)
    session = await _authenticate(request, ws)
    if session is None:
        return ws
    if len(hub.sockets.get(session.id, ())) >= _MAX_SOCKETS_PER_SESSION:
        await ws.send_json(_error_json("too_many_sockets", "This session has too many open sockets.", None))
        await ws.close(code=4429, message=b"too many sockets")
        return ws
    hub.add(session.id, ws)
    try:
        await ws.send_json({"type": "ready"})
        for notification in await take_notifications(request.app, [session.id]):
            await ws.send_json(notification_json(notification), dumps=dumps)
        async for message in ws:
            if message.type == WSMsgType.TEXT:
                await ws.send_json(await _ws_turn(request, session, message.data), dumps=dumps)
            elif message.type == WSMsgType.BINARY:
                await ws.send_json(
                    _error_json("unsupported", "Send photos with POST /api/widget/photo.", None)
                )
    except (ConnectionError, RuntimeError):
        # The browser went away mid-send. Raising would make the error middleware write an HTTP
        # 500 into the socket's stream (the client then sees a protocol error); just end the socket.
        log.debug("widget socket of session %s closed while sending", session.id)
    finally:
        hub.remove(session.id, ws)
    return ws


@routes.get("/api/widget/config", response=WidgetConfig, access=None)
async def widget_config(request: web.Request) -> web.StreamResponse:
    """Public settings the widget needs"""
    response = render(WidgetConfig.of(request.app[keys.SETTINGS]))  # no session, and cacheable
    response.headers["Cache-Control"] = "public, max-age=300"
    return response


def setup_routes(app: web.Application) -> None:
    app.cleanup_ctx.append(notifier)
    app.router.add_routes(routes)
    app.router.add_get("/api/widget/ws", websocket)
