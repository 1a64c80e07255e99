"""Typed keys for what the app factory (civicbot.app) puts in the aiohttp application.

This module imports nothing but aiohttp at run time: a template helper that reads the settings
must not load the model, the index or a chat adapter. The value types are for type checkers
only. A key that one package sets and reads lives with that package instead (the widget's
sockets in civicbot.web.widget, the Telegram channel in civicbot.channels.telegram).
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from aiohttp import web

if TYPE_CHECKING:
    from civicbot import triage
    from civicbot.config import Settings
    from civicbot.db import Database
    from civicbot.engine import Engine
    from civicbot.ratelimit import Limiters
    from civicbot.voicemap import Setup as VoiceMapSetup


@dataclass
class EngineSlot:
    """The engine loads in the background so the port opens at once; this says when it is ready."""

    engine: Engine | None = None
    error: str | None = None  # the whole error, paths and all: for the log and the tests only
    public_error: str | None = None  # what /healthz and the API's 503 say (no paths): set with error
    ready: asyncio.Event = field(default_factory=asyncio.Event)


SETTINGS: web.AppKey[Settings] = web.AppKey("settings")
DATABASE: web.AppKey[Database] = web.AppKey("database")  # or a pgsql.PostgresDatabase
EXECUTOR = web.AppKey("executor", ThreadPoolExecutor)
ENGINE = web.AppKey("engine", EngineSlot)
LIMITERS: web.AppKey[Limiters] = web.AppKey("limiters")  # set by civicbot.web.auth
POLL_SECRET = web.AppKey("poll_secret", bytes)  # the voter-key HMAC secret, read once
VOICEMAP: web.AppKey[VoiceMapSetup] = web.AppKey("voicemap")  # complaint categories and the city's places
# triage.Response templates, read at start by the console
CONSOLE_RESPONSES: web.AppKey[list[triage.Response]] = web.AppKey("console_responses")
