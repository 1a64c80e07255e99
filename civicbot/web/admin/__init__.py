"""The officials' console at /admin: server-rendered pages, sessions in the database, CSRF on every form.

Views live by area (dashboard, polls, proposals, complaints, audit, accounts) and name their routes in
base.console; base.py holds sign-in checks, roles, CSRF and rendering; the console's words are the
`admin.*` keys of strings/<lang>.yaml.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator

from aiohttp import web

from civicbot import keys, triage
from civicbot.content import ContentFileError
from civicbot.web.admin import accounts, audit, complaints, dashboard, polls, proposals, signin  # noqa: F401
from civicbot.web.admin.base import PAGES

log = logging.getLogger(__name__)


async def _responses(app: web.Application) -> AsyncIterator[None]:
    """Response templates from services/responses.yaml; a broken file is logged, not fatal."""
    try:
        app[keys.CONSOLE_RESPONSES] = await asyncio.to_thread(
            triage.load_responses, app[keys.SETTINGS].services_dir
        )
    except ContentFileError as error:
        log.error("response templates: %s", error)
        app[keys.CONSOLE_RESPONSES] = []
    yield


def setup_routes(app: web.Application) -> None:
    """The console's pages (each area registers its own in base.PAGES on import) and its templates."""
    app.cleanup_ctx.append(_responses)
    app.router.add_routes(PAGES)
