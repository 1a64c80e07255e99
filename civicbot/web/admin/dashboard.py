"""The console's first page: what needs attention today (``civicbot.console.dashboard``)."""

from __future__ import annotations

from aiohttp import web

from civicbot import console as views
from civicbot import keys
from civicbot.web.admin.base import Ctx, console


@console("viewer", "GET /admin", "GET /admin/")
async def dashboard(request: web.Request, ctx: Ctx) -> web.Response:
    """GET /admin: proposals waiting for review, open polls, new, waiting and overdue reports, districts."""
    setup, days = request.app[keys.VOICEMAP], ctx.settings.overdue_days
    page = await ctx.db.execute_fn(lambda conn: views.dashboard(conn, setup, ctx.lang, ctx.zone, days))
    return ctx.render("admin/dashboard.html", **page)
