"""Telegram inside our aiohttp server: the webhook route and the channel's lifetime (a cleanup_ctx).

Without CIVICBOT_TELEGRAM_TOKEN neither exists and the rest of the server runs as before.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
from collections.abc import AsyncIterator

from aiohttp import web

from civicbot import keys
from civicbot.channels.telegram import WEBHOOK_PATH, TelegramChannel, webhook_secret
from civicbot.dialogue import Dialogue
from civicbot.web import jsonbody
from civicbot.web.errors import ApiError

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


def setup(app: web.Application) -> None:
    """Add the webhook route and the channel's cleanup_ctx when a bot token is configured."""
    if not app[keys.SETTINGS].telegram_token:
        log.info("telegram: off (no CIVICBOT_TELEGRAM_TOKEN)")
        return
    app.router.add_post(WEBHOOK_PATH, webhook)
    app.cleanup_ctx.append(telegram_channel)


async def telegram_channel(app: web.Application) -> AsyncIterator[None]:
    settings = app[keys.SETTINGS]
    slot = app[keys.ENGINE]

    async def dialogue() -> Dialogue | None:
        await slot.ready.wait()
        return slot.engine.dialogue if slot.engine else None

    limiters = app[keys.LIMITERS]
    secret = await asyncio.to_thread(webhook_secret, settings)  # may read the key file in the data dir
    channel = TelegramChannel(
        settings, app[keys.DATABASE], dialogue, getattr(limiters, "messages", None), secret
    )
    app[keys.TELEGRAM] = channel
    channel.start()
    yield
    await channel.stop()


async def webhook(request: web.Request) -> web.Response:
    """POST /telegram/webhook: one update from Telegram.

    The secret is checked before the body is read, so nobody without it costs us a JSON parse. An
    update we cannot handle still gets 200, or Telegram would keep sending it; a 503 while the
    server is starting makes Telegram try again later, which is what we want then.
    """
    channel = request.app[keys.TELEGRAM]
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
