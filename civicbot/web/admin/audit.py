"""The audit log viewer: filter by account, action and date; export what the filter shows."""

from __future__ import annotations

from aiohttp import web

from civicbot import officials
from civicbot.web.admin.base import Ctx, console
from civicbot.web.handlers import download

PAGE_SIZE = 100
EXPORT_LIMIT = 100_000


def _filter(ctx: Ctx) -> tuple[dict, officials.AuditFilter]:
    query, tz = ctx.request.query, ctx.settings.zone
    chosen = {key: query.get(key, "").strip()[:100] for key in ("actor", "action", "since", "until")}
    return chosen, officials.AuditFilter.from_text(**chosen, zone=tz)


@console("viewer", "GET /admin/audit")
async def audit_page(request: web.Request, ctx: Ctx) -> web.Response:
    """GET /admin/audit: newest first, 100 a page."""
    chosen, wanted = _filter(ctx)

    def read(conn):
        return officials.search_audit(conn, wanted, PAGE_SIZE, ctx.offset), officials.audit_actions(conn)

    (entries, total), actions = await ctx.db.execute_fn(read)
    return ctx.render(
        "admin/audit.html",
        entries=officials.shown(entries, ctx.settings.zone),
        actions=actions,
        **ctx.paging(chosen, PAGE_SIZE, total),
    )


@console("viewer", "GET /admin/audit.csv")
async def audit_export(request: web.Request, ctx: Ctx) -> web.Response:
    """GET /admin/audit.csv: every entry the filter matches (UTF-8 with BOM for Excel)."""
    _chosen, wanted = _filter(ctx)
    entries, _total = await ctx.db.execute_fn(lambda conn: officials.search_audit(conn, wanted, EXPORT_LIMIT))
    body = officials.audit_csv(entries, ctx.settings.zone)
    await ctx.db.execute_write_fn(
        lambda conn: officials.audit(conn, ctx.actor, "audit.export", "", {"count": len(entries)})
    )
    return download(body.encode("utf-8"), "csv", "audit-log.csv", {"Cache-Control": "no-store"})
