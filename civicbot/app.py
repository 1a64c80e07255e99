"""The aiohttp application factory: one cleanup_ctx per resource, typed keys for each."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor

from aiohttp import web

from civicbot import (
    accounts,
    db,
    i18n,
    keys,
    notify,
    officials,
    outbox,
    polls,
    proposals,
    ratelimit,
    remask,
    sessions,
    triage,
    voicemap,
)
from civicbot.channels import kakao, telegram_store
from civicbot.config import Settings
from civicbot.engine import ENGINE_FAILED, LoadFailed, Stopped, build_engine
from civicbot.web import admin as console
from civicbot.web import api, auth, complaints, middlewares, observability, open311, pages, widget
from civicbot.web import knowledge as knowledge_web
from civicbot.web import polls as polls_web
from civicbot.web import proposals as proposals_web
from civicbot.web import telegram as telegram_web
from civicbot.web.errors import json_errors

log = logging.getLogger(__name__)

_MAX_BODY_BYTES = 64 * 1024

# Every table's migrations, in the order they run: each domain (and the Telegram adapter) owns its
# list; the database runs what it is given. The command-line tools migrate with this list too.
MIGRATIONS: list[db.Migration] = [
    *db.CORE_MIGRATIONS,
    *outbox.MIGRATIONS,
    *officials.MIGRATIONS,
    *sessions.MIGRATIONS,
    *polls.MIGRATIONS,
    *voicemap.MIGRATIONS,
    *remask.MIGRATIONS,
    *telegram_store.MIGRATIONS,
    *proposals.MIGRATIONS,
    *accounts.MIGRATIONS,
    *triage.MIGRATIONS,
    *ratelimit.MIGRATIONS,
]


def request_line_limit(settings: Settings) -> int:
    """Bytes the HTTP request line may take, for the server's ``max_line_size``.

    A search query (``GET /api/knowledge/search?q=``) may hold CIVICBOT_MAX_TEXT_CHARS characters;
    percent-encoded, a character is up to 4 bytes of UTF-8 written as 3 characters each (``%EC``),
    and 1 KiB covers the path and the other parameters. aiohttp's default, 8,190 bytes, refused a
    1,000-character Korean query as "not valid HTTP" before the handler could answer it or say
    ``q_too_long`` (newcomer probe, twenty-second pass)."""
    return 12 * settings.max_text_chars + 1024


async def _database(app: web.Application) -> AsyncIterator[None]:
    database = db.database_for(app[keys.SETTINGS], MIGRATIONS)
    await asyncio.to_thread(database.open)
    app[keys.DATABASE] = database
    yield
    await asyncio.to_thread(database.close)


async def _remask(app: web.Application) -> AsyncIterator[None]:
    """Mask the stored reports again, in the background, when the masking rules changed since they
    were last applied (civicbot.remask); the server serves requests meanwhile."""

    async def run() -> None:
        try:
            await remask.remask_on_start(app[keys.DATABASE])
        except Exception:  # a failure here must not stop the server: the CLI command can run it
            log.exception("masking the stored reports again failed; run `civicbot complaints remask`")

    task = asyncio.create_task(run())
    yield
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


async def _executor(app: web.Application) -> AsyncIterator[None]:
    # A thread for each copy of the model (QueryEncoder keeps them busy) and two for the rest
    # (search, the report flow's checks), which must not wait behind the model calls.
    workers = 2 + app[keys.SETTINGS].model_workers
    executor = ThreadPoolExecutor(workers, thread_name_prefix="civicbot-work")
    app[keys.EXECUTOR] = executor
    yield
    executor.shutdown(wait=True, cancel_futures=True)


async def _engine(app: web.Application) -> AsyncIterator[None]:
    """Load the model and the index in the background: the port opens at once, /healthz tells when."""
    slot = keys.EngineSlot()
    app[keys.ENGINE] = slot
    settings, database, executor = app[keys.SETTINGS], app[keys.DATABASE], app[keys.EXECUTOR]

    stop = threading.Event()

    async def load() -> None:
        try:
            slot.engine = await asyncio.get_running_loop().run_in_executor(
                executor, build_engine, settings, database, executor, stop
            )
        except Stopped:
            log.info("stopped while indexing; the documents embedded so far are kept for the next start")
            slot.error = slot.public_error = "stopped"
        except Exception as exc:  # a broken model path must not kill the process silently
            # The whole error (paths included) goes to the log; the public one names only the part.
            log.exception("the engine failed to load")
            cause = exc.__cause__ if isinstance(exc, LoadFailed) and exc.__cause__ is not None else exc
            slot.error = f"{type(cause).__name__}: {cause}"
            slot.public_error = exc.public if isinstance(exc, LoadFailed) else ENGINE_FAILED
        finally:
            slot.ready.set()

    task = asyncio.create_task(load())
    yield
    if not task.done():
        # Stop between two documents (a first start may embed for minutes), never half-way
        # through writing one: the worker thread is awaited.
        stop.set()
        await asyncio.shield(task)


async def _notifiers(app: web.Application) -> AsyncIterator[None]:
    """One sender task per configured provider (e-mail ...), each draining its outbox channel."""
    settings, database = app[keys.SETTINGS], app[keys.DATABASE]
    base = settings.public_url or f"http://localhost:{settings.port}"
    tasks = [
        asyncio.create_task(
            notify.run_forever(database, n, base, settings.city_name_ko), name=f"notify-{n.channel}"
        )
        for n in notify.from_settings(settings)
    ]
    yield
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)


def _telegram(app: web.Application) -> None:
    """The bot's cleanup_ctx and its webhook route, when a token is set: the factory joins the two."""
    if not app[keys.SETTINGS].telegram_token:
        log.info("telegram: off (no CIVICBOT_TELEGRAM_TOKEN)")
        return
    # Imported only with a token: python-telegram-bot and httpx add 0.3 s to every start.
    from civicbot.channels import telegram

    app.cleanup_ctx.append(telegram.lifetime)
    telegram_web.add_webhook(app, telegram.WEBHOOK_PATH, telegram.TELEGRAM)


def create_app(settings: Settings) -> web.Application:
    app = web.Application(middlewares=[json_errors], client_max_size=_MAX_BODY_BYTES)
    app[keys.SETTINGS] = settings
    i18n.use(settings.strings_dir)  # a mistake in a catalogue stops the start with file:line
    app.cleanup_ctx.extend([_database, _remask, _executor, _engine, _notifiers])
    api.setup_routes(app)
    auth.setup_routes(app)
    pages.setup_routes(app)
    complaints.setup_routes(app)  # the voice map: /api/complaints, /api/admin/complaints, /map
    open311.setup_routes(app)  # Open311 GeoReport v2 under /open311/v2/
    polls_web.setup_routes(app)
    proposals_web.setup_routes(app)  # citizen proposals: /api/proposals, /proposals (after polls: its secret)
    _telegram(app)
    widget.setup_routes(app)
    knowledge_web.setup_routes(app)  # /knowledge/<doc_id>: the documents answers cite
    kakao.setup(app)  # the Open Builder skill route, when CIVICBOT_KAKAO_SECRET and _BOT_ID are set
    console.setup_routes(app)  # the officials' console under /admin
    middlewares.setup(app)
    observability.setup(app)  # outermost middleware: the request id covers everything else
    return app
