"""The JSON HTTP API: chat, knowledge search, health and the OpenAPI document."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import replace

from aiohttp import web

from civicbot import keys, sessions
from civicbot.engine import ENGINE_FAILED
from civicbot.jsontext import dumps
from civicbot.reply_shapes import ChatReply, ChatRequest, Health, SearchQuery, SearchResults, chat_reply
from civicbot.web.auth import charge_model, client_key, limit_messages
from civicbot.web.boundary import Api
from civicbot.web.handlers import engine as loaded_engine

log = logging.getLogger(__name__)


routes = Api()


def setup_routes(app: web.Application) -> None:
    app.router.add_routes(routes)


@routes.get(
    "/healthz",
    response=Health,
    responses={503: ("Still loading, failed to load, or the database is unreachable", Health)},
)
async def healthz(request: web.Request) -> tuple[Health, int] | Health:
    """Ready once the documents are indexed"""
    slot = request.app[keys.ENGINE]
    if slot.engine is None:
        if slot.error:  # the part that failed, never the error's text (it may hold the server's paths)
            return Health(status="error", error=slot.public_error or ENGINE_FAILED), 503
        return Health(status="loading"), 503
    try:  # a replica that cannot reach the database must leave the balancer's rotation
        await request.app[keys.DATABASE].execute_fn(lambda conn: conn.execute("SELECT 1").fetchone())
    except Exception as exc:
        log.warning("healthz: the database is unreachable: %s", type(exc).__name__)
        return Health(status="database_unavailable", error=type(exc).__name__), 503
    stats = slot.engine.knowledge.stats
    return Health(status="ok", documents=stats.documents, chunks=stats.chunks)


@routes.post("/api/chat", before=limit_messages)
async def chat(request: web.Request, body: ChatRequest) -> ChatReply:
    """Send one message to the bot and get its reply

    Status Codes:
        400: Invalid JSON, a missing or empty field, or text over the length limit (text_too_long)
        413: A body over 64 KiB
        429: Too many messages from this address
        503: The engine is still loading
    """
    conversation_id = sessions.conversation_id(request.app[keys.POLL_SECRET], body.conversation_id)
    engine = loaded_engine(request.app)
    await charge_model(request, body.text)
    incoming = replace(body.incoming(conversation_id), origin=client_key(request))
    reply = await engine.dialogue.handle(incoming)
    return chat_reply(reply, conversation_id)


@routes.get("/api/knowledge/search")
async def search_knowledge(request: web.Request, query: SearchQuery) -> SearchResults:
    """Search the city's documents

    Status Codes:
        400: Missing or empty q, q over the length limit (q_too_long), or k out of range
        503: The engine is still loading
    """
    engine = loaded_engine(request.app)
    await charge_model(request, query.q)
    vector = await engine.dialogue.encoder.encode(query.q)
    knowledge = engine.knowledge

    def search():
        # A file in two department folders is indexed under both names; the list names it once,
        # as the chat cites it (so more hits are asked for, and the copies' left out).
        found = knowledge.search(query.q, k=query.k * _COPIES_ALLOWED, query_vector=vector)
        return knowledge.without_copies(found, query.k)

    result = await asyncio.get_running_loop().run_in_executor(request.app[keys.EXECUTOR], search)
    return SearchResults.of(result)


_COPIES_ALLOWED = 3  # the hits asked for per hit listed: enough for a file kept in three folders


@routes.get(
    "/api/openapi.json",
    summary="This document",
    responses={200: {"description": "OpenAPI 3.1 document", "content": {"application/json": {}}}},
)
async def openapi(request: web.Request) -> web.Response:
    """This document, with the limits of the settings in force."""
    from civicbot.web.openapi import openapi_document  # it reads this module's route table

    document = openapi_document(request.app[keys.SETTINGS])
    return web.json_response(document, dumps=dumps)
