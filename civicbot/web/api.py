"""The JSON HTTP API: chat, knowledge search, health and the OpenAPI document."""

from __future__ import annotations

import asyncio
import json
import logging

from aiohttp import web

from civicbot import keys
from civicbot.dialogue import Incoming, reply_as_json
from civicbot.engine import Engine
from civicbot.text import normalise
from civicbot.web.auth import check_rate, client_address
from civicbot.web.errors import ApiError
from civicbot.web.openapi import openapi_document

_MAX_CONVERSATION_ID = 128

log = logging.getLogger(__name__)


def setup_routes(app: web.Application) -> None:
    app.router.add_get("/healthz", healthz)
    app.router.add_post("/api/chat", chat)
    app.router.add_get("/api/knowledge/search", knowledge_search)
    app.router.add_get("/api/openapi.json", openapi)


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


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


async def _json_object(request: web.Request) -> dict:
    try:
        body = await request.json(loads=json.loads)
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise ApiError(400, "invalid_json", "The request body is not valid JSON.") from None
    if not isinstance(body, dict):
        raise ApiError(400, "invalid_json", "The request body must be a JSON object.")
    return body


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


async def chat(request: web.Request) -> web.Response:
    # Per address: the API has no sessions (the widget's own endpoints limit per session too).
    await check_rate(request, request.app[keys.LIMITERS].messages, "address:" + client_address(request))
    body = await _json_object(request)
    conversation_id = _string_field(body, "conversation_id").strip()
    if not conversation_id or len(conversation_id) > _MAX_CONVERSATION_ID:
        raise ApiError(
            400, "invalid_field", f"'conversation_id' must be 1-{_MAX_CONVERSATION_ID} characters."
        )
    text = _check_text(_string_field(body, "text"), request.app[keys.SETTINGS].max_text_chars)
    language = body.get("language")
    if language is not None and language not in ("ko", "en"):
        raise ApiError(400, "invalid_field", "'language' must be 'ko' or 'en'.")
    engine = _engine(request)
    incoming = Incoming(channel="api", conversation_id=conversation_id, text=text, language=language)
    reply = await engine.dialogue.handle(incoming)
    return web.json_response(reply_as_json(reply), dumps=_dumps)


async def knowledge_search(request: web.Request) -> web.Response:
    settings = request.app[keys.SETTINGS]
    query = _check_text(request.query.get("q", ""), settings.max_text_chars, name="q")
    try:
        k = int(request.query.get("k", "5"))
    except ValueError:
        raise ApiError(400, "invalid_field", "'k' must be a whole number from 1 to 20.") from None
    if not 1 <= k <= 20:
        raise ApiError(400, "invalid_field", "'k' must be a whole number from 1 to 20.")
    engine = _engine(request)
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
    return web.json_response({"results": results}, dumps=_dumps)


async def openapi(request: web.Request) -> web.Response:
    return web.json_response(openapi_document(), dumps=_dumps)
