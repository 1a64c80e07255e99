"""Typed keys for everything the aiohttp application holds."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from aiohttp import web

from civicbot.channels.telegram import TelegramChannel
from civicbot.config import Settings
from civicbot.db import Database
from civicbot.engine import Engine
from civicbot.voicemap import Setup as VoiceMapSetup


@dataclass
class EngineSlot:
    """The engine loads in the background so the port opens at once; this says when it is ready."""

    engine: Engine | None = None
    error: str | None = None
    ready: asyncio.Event = field(default_factory=asyncio.Event)


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


SETTINGS = web.AppKey("settings", Settings)
DATABASE = web.AppKey("database", Database)
EXECUTOR = web.AppKey("executor", ThreadPoolExecutor)
ENGINE = web.AppKey("engine", EngineSlot)
# Rate limiters live in civicbot.web.auth; typed loosely here to keep keys free of web imports.
LIMITERS = web.AppKey("limiters", object)
POLL_SECRET = web.AppKey("poll_secret", bytes)  # the voter-key HMAC secret, read once
TELEGRAM = web.AppKey("telegram", TelegramChannel)  # only present when a bot token is set
VOICEMAP = web.AppKey("voicemap", VoiceMapSetup)  # complaint categories and the city's places
WIDGET_HUB = web.AppKey("widget_hub", WidgetHub)  # the widget's open sockets, by session id
CONSOLE_RESPONSES = web.AppKey("console_responses", list)  # triage.Response templates, read at start
