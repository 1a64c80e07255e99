"""Telegram's webhook route. The app factory adds it, with the channel's lifetime, when
CIVICBOT_TELEGRAM_TOKEN is set; without a token neither exists and the rest of the server runs as
before. This module knows the channel only by the few things the route needs (``WebhookChannel``),
so civicbot.web never imports a chat adapter.
"""

from __future__ import annotations

import asyncio
import hmac
from typing import Protocol

from aiohttp import web

from civicbot import keys
from civicbot.web import jsonbody
from civicbot.web.errors import ApiError

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


class WebhookChannel(Protocol):
    """What the route needs of civicbot.channels.telegram.TelegramChannel."""

    secret: str
    connected: asyncio.Event

    async def feed(self, data: dict) -> str: ...


def add_webhook(app: web.Application, path: str, channel_key: web.AppKey) -> None:
    """Route POST ``path`` to the channel the app holds under ``channel_key``."""

    async def webhook(request: web.Request) -> web.Response:
        """POST /telegram/webhook: one update from Telegram.

        The secret is checked before the body is read, so nobody without it costs us a JSON parse.
        An update we cannot handle still gets 200, or Telegram would keep sending it; a 503 while
        the server is starting makes Telegram try again later, which is what we want then.
        """
        channel: WebhookChannel = request.app[channel_key]
        given = request.headers.get(SECRET_HEADER, "").encode("utf-8", "surrogateescape")
        if not hmac.compare_digest(given, channel.secret.encode()):
            raise ApiError(403, "forbidden", "Wrong or missing secret token.")
        if not channel.connected.is_set() or request.app[keys.ENGINE].engine is None:
            raise ApiError(503, "starting", "The bot is starting; Telegram will deliver this again.")
        body = await jsonbody.json_object(request)
        update_id = body.get("update_id")
        if isinstance(update_id, int) and not 0 <= update_id < 2**62:
            # Telegram's ids are positive and fit SQLite's INTEGER: this is no update. Still a 200,
            # like every update we cannot handle, or Telegram would send it again and again.
            return web.json_response({"ok": True, "outcome": "ignored"})
        outcome = await channel.feed(body)
        return web.json_response({"ok": True, "outcome": outcome})

    app.router.add_post(path, webhook)
