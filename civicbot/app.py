"""The aiohttp application factory: one cleanup_ctx per resource, typed keys for each."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor

from aiohttp import web

from civicbot import keys
from civicbot.channels import widget
from civicbot.config import Settings
from civicbot.db import Database
from civicbot.engine import build_engine
from civicbot.web import api, auth, complaints, middlewares, open311, pages
from civicbot.web import knowledge as knowledge_web
from civicbot.web import polls as polls_web
from civicbot.web import telegram as telegram_web
from civicbot.web.errors import json_errors

log = logging.getLogger(__name__)

_MAX_BODY_BYTES = 64 * 1024


async def _database(app: web.Application) -> AsyncIterator[None]:
    db = Database(app[keys.SETTINGS].db_path)
    await asyncio.to_thread(db.open)
    app[keys.DATABASE] = db
    yield
    await asyncio.to_thread(db.close)


async def _executor(app: web.Application) -> AsyncIterator[None]:
    # Two workers: the machine has two cores, and the model call inside holds one at a time.
    executor = ThreadPoolExecutor(2, thread_name_prefix="civicbot-work")
    app[keys.EXECUTOR] = executor
    yield
    executor.shutdown(wait=True, cancel_futures=True)


async def _engine(app: web.Application) -> AsyncIterator[None]:
    """Load the model and the index in the background: the port opens at once, /healthz tells when."""
    slot = keys.EngineSlot()
    app[keys.ENGINE] = slot
    settings, db, executor = app[keys.SETTINGS], app[keys.DATABASE], app[keys.EXECUTOR]

    async def load() -> None:
        try:
            slot.engine = await asyncio.get_running_loop().run_in_executor(
                executor, build_engine, settings, db, executor
            )
        except Exception as exc:  # a broken model path must not kill the process silently
            log.exception("the engine failed to load")
            slot.error = f"{type(exc).__name__}: {exc}"
        finally:
            slot.ready.set()

    task = asyncio.create_task(load())
    yield
    if not task.done():
        await asyncio.shield(task)  # never leave a worker thread writing the index half-way


def create_app(settings: Settings) -> web.Application:
    app = web.Application(middlewares=[json_errors], client_max_size=_MAX_BODY_BYTES)
    app[keys.SETTINGS] = settings
    app.cleanup_ctx.extend([_database, _executor, _engine])
    api.setup_routes(app)
    auth.setup_routes(app)
    pages.setup_routes(app)
    complaints.setup_routes(app)  # the voice map: /api/complaints, /api/admin/complaints, /map
    open311.setup_routes(app)  # Open311 GeoReport v2 under /open311/v2/
    polls_web.setup_routes(app)
    telegram_web.setup(app)  # the webhook route and the bot's cleanup_ctx, when a token is set
    widget.setup_routes(app)
    knowledge_web.setup_routes(app)  # /knowledge/<doc_id>: the documents answers cite
    middlewares.setup(app)
    return app
