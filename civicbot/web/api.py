"""The JSON HTTP API: chat, knowledge search, health and the OpenAPI document."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import logging
import secrets

from aiohttp import web

from civicbot import keys
from civicbot.dialogue import Incoming, reply_as_json
from civicbot.engine import Engine
from civicbot.i18n import languages
from civicbot.jsontext import dumps
from civicbot.text import normalise
from civicbot.web import jsonbody
from civicbot.web.auth import charge_model, check_rate, client_address
from civicbot.web.errors import ApiError
from civicbot.web.openapi import openapi_document

_MAX_CONVERSATION_ID = 128

log = logging.getLogger(__name__)


def setup_routes(app: web.Application) -> None:
    app.router.add_get("/healthz", healthz)
    app.router.add_post("/api/chat", chat)
    app.router.add_get("/api/knowledge/search", knowledge_search)
    app.router.add_get("/api/openapi.json", openapi)


def _engine(request: web.Request) -> Engine:
    slot = request.app[keys.ENGINE]
    if slot.engine is None:
        if slot.error:
            raise ApiError(503, "engine_failed", f"The answer engine failed to load: {slot.error}")
        raise ApiError(503, "starting", "The server is still loading its documents; try again shortly.")
    return slot.engine


async def healthz(request: web.Request) -> web.Response:
    slot = request.app[keys.ENGINE]
    if slot.engine is None:
        status = "error" if slot.error else "loading"
        return web.json_response({"status": status, "error": slot.error}, status=503)
    try:  # a replica that cannot reach the database must leave the balancer's rotation
        await request.app[keys.DATABASE].execute_fn(lambda conn: conn.execute("SELECT 1").fetchone())
    except Exception as exc:
        log.warning("healthz: the database is unreachable: %s", type(exc).__name__)
        return web.json_response({"status": "database_unavailable", "error": type(exc).__name__}, status=503)
    stats = slot.engine.knowledge.stats
    return web.json_response({"status": "ok", "documents": stats.documents, "chunks": stats.chunks})


def _string_field(body: dict, name: str) -> str:
    if name not in body:
        raise ApiError(400, "missing_field", f"'{name}' is required.")
    value = body[name]
    if not isinstance(value, str):
        raise ApiError(400, "invalid_field", f"'{name}' must be a string.")
    return value


def _check_text(text: str, limit: int, name: str = "text") -> str:
    if len(text) > limit:  # as sent: normalising first could turn a refusal into an acceptance
        raise ApiError(413, "text_too_long", f"'{name}' is longer than {limit} characters.")
    text = normalise(text)
    if not text:
        raise ApiError(400, "empty_text", f"'{name}' must not be empty or only white space.")
    return text


def issue_conversation_id(secret: bytes) -> str:
    """A new conversation id: 'cv_<random>.<mac>' (~60 characters), signed with the server's secret.

    The id is the conversation's bearer credential: only the client it was given to knows it, and
    the server can tell its own ids from invented ones without a database look-up."""
    nonce = secrets.token_urlsafe(18)
    return f"cv_{nonce}.{_conversation_mac(secret, nonce)}"


def _conversation_mac(secret: bytes, nonce: str) -> str:
    digest = hmac.new(secret, b"api-conversation:" + nonce.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest[:18]).decode()


def is_issued_conversation_id(secret: bytes, value: str) -> bool:
    """True only for an id this server issued (and so for the client it was issued to)."""
    nonce, dot, mac = value.removeprefix("cv_").partition(".")
    if not value.startswith("cv_") or not dot or not nonce:
        return False
    return hmac.compare_digest(mac.encode(), _conversation_mac(secret, nonce).encode())


def _conversation_id(request: web.Request, body: dict) -> str:
    """The caller's conversation, or a new one when it sent none or an id the server never issued.

    A client-chosen id ('web-1') would let anyone who sends the same id continue that conversation,
    report draft included; such an id now starts a fresh conversation under a new, issued id."""
    given = body.get("conversation_id")
    if given is not None and (
        not isinstance(given, str) or not 1 <= len(given.strip()) <= _MAX_CONVERSATION_ID
    ):
        raise ApiError(
            400, "invalid_field", f"'conversation_id' must be 1-{_MAX_CONVERSATION_ID} characters."
        )
    secret = request.app[keys.POLL_SECRET]
    if given is not None and is_issued_conversation_id(secret, given.strip()):
        return given.strip()
    return issue_conversation_id(secret)


async def chat(request: web.Request) -> web.Response:
    # Per address: the API has no sessions (the widget's own endpoints limit per session too).
    await check_rate(request, request.app[keys.LIMITERS].messages, "address:" + client_address(request))
    body = await jsonbody.json_object(request)
    conversation_id = _conversation_id(request, body)
    text = _check_text(_string_field(body, "text"), request.app[keys.SETTINGS].max_text_chars)
    language = body.get("language")
    if language is not None and language not in languages():
        raise ApiError(400, "invalid_field", "'language' must be 'ko' or 'en'.")
    engine = _engine(request)
    charge_model(request, text)
    incoming = Incoming(channel="api", conversation_id=conversation_id, text=text, language=language)
    reply = await engine.dialogue.handle(incoming)
    return web.json_response({**reply_as_json(reply), "conversation_id": conversation_id}, dumps=dumps)


async def knowledge_search(request: web.Request) -> web.Response:
    settings = request.app[keys.SETTINGS]
    query = _check_text(request.query.get("q", ""), settings.max_text_chars, name="q")
    k = jsonbody.whole_number(request.query.get("k"), "k", 1, 20, default=5, code="invalid_field")
    engine = _engine(request)
    charge_model(request, query)
    vector = await engine.dialogue.encoder.encode(query)
    result = await asyncio.get_running_loop().run_in_executor(
        request.app[keys.EXECUTOR], lambda: engine.knowledge.search(query, k=k, query_vector=vector)
    )
    results = [
        {
            "doc_id": hit.chunk.doc_id,
            "title": hit.chunk.title,
            "section": hit.chunk.section,
            "text": hit.chunk.text,
            "score": round(hit.score, 4),
        }
        for hit in result.hits
    ]
    return web.json_response({"results": results}, dumps=dumps)


async def openapi(request: web.Request) -> web.Response:
    return web.json_response(openapi_document(), dumps=dumps)
