"""Complaints in the console: the queue with its map, a report's page, and triage.

A status change is two steps: the form shows the message the citizen will get, and only
"Send" changes the status and queues it (the change waits until confirmed). Every action calls
civicbot.voicemap or civicbot.triage and is written to the audit log with the account's name.
"""

from __future__ import annotations

from aiohttp import web

from civicbot import complaint_map, keys, notify, officials, triage, voicemap
from civicbot import console as views
from civicbot.categories import Catalogue
from civicbot.web.admin.base import Ctx, NotFound, console, redirect
from civicbot.web.handlers import download

PAGE_SIZE = 50
REPORT = r"/admin/complaints/{id:[A-Za-z]{2,5}-[0-9A-Za-z]{6}}"


def _catalogue(ctx: Ctx) -> Catalogue | None:
    return ctx.request.app[keys.VOICEMAP].catalogue


def _districts(ctx: Ctx) -> list[tuple[str, str]]:
    return triage.district_choices(ctx.request.app[keys.VOICEMAP].places, ctx.lang)


# -- the queue ------------------------------------------------------------------------------
def queue_filters(ctx: Ctx) -> tuple[dict, voicemap.Filters]:
    """The query's filters as the form shows them, and as voicemap.Filters."""
    districts = dict(_districts(ctx))
    return triage.queue_filters(ctx.request.query, _catalogue(ctx), districts, ctx.settings.zone)


@console("viewer", "GET /admin/complaints")
async def queue(request: web.Request, ctx: Ctx) -> web.Response:
    """GET /admin/complaints: the filtered queue, its map and the export links."""
    setup, query, offset = request.app[keys.VOICEMAP], request.query, ctx.offset
    page = await ctx.db.execute_fn(
        lambda conn: views.queue_page(conn, setup, query, ctx.lang, ctx.zone, offset, PAGE_SIZE)
    )
    return ctx.render("admin/complaints.html", **page, bbox=",".join(str(v) for v in ctx.settings.city_bbox))


@console("viewer", "GET /admin/complaints.geojson")
async def queue_geojson(request: web.Request, ctx: Ctx) -> web.Response:
    """GET /admin/complaints.geojson: the queue's reports (same filters) for its map."""
    _chosen, filters = queue_filters(ctx)
    rows, _total = await ctx.db.execute_fn(lambda conn: triage.matching(conn, filters, 2000, 0))
    collection = complaint_map.queue_collection(rows)
    return web.json_response(collection, headers={"Cache-Control": "no-store"})


@console("viewer", "GET /admin/complaints.{format:csv|xlsx}")
async def queue_export(request: web.Request, ctx: Ctx) -> web.Response:
    """GET /admin/complaints.csv or .xlsx: the filtered queue (exactly the list's reports), public
    fields, headers in the console's language, Excel-friendly."""
    _chosen, filters = queue_filters(ctx)
    catalogue = _catalogue(ctx)
    if catalogue is None:
        return ctx.render("admin/not_found.html", status=503)
    fmt, detail = request.match_info["format"], {"format": request.match_info["format"], "via": "console"}
    body = await triage.audited_export(
        ctx.db, filters, catalogue, ctx.zone, ctx.actor, detail, fmt=fmt, language=ctx.lang, worded=True
    )
    return download(body, fmt, f"complaints.{fmt}", {"Cache-Control": "no-store"})


# -- one report -----------------------------------------------------------------------------
async def _report(ctx: Ctx, audited: bool) -> dict:
    """The report in the path as the page shows it (the 404 page when there is none)."""
    public_id = ctx.request.match_info["id"].upper()
    catalogue = _catalogue(ctx)
    private = ctx.account.can("official")

    lang, zone = ctx.lang, ctx.settings.zone
    data = await ctx.load(lambda conn: triage.report_file(conn, public_id, catalogue, private, lang, zone))
    if private and audited:
        await ctx.db.execute_write_fn(
            lambda conn: officials.audit(conn, ctx.actor, "complaint.view_private", public_id)
        )
    return data


def _report_page(ctx: Ctx, data: dict, status: int = 200, **extra: object) -> web.Response:
    catalogue = _catalogue(ctx)
    return ctx.render(
        "admin/complaint.html",
        status=status,
        row=triage.console_row(data["c"], catalogue, ctx.lang, ctx.settings.zone),
        responses=ctx.request.app[keys.CONSOLE_RESPONSES],
        # A template's statuses by name ("Fixed (Resolved)"), not by code ("(resolved)").
        status_labels={s: voicemap.status_label(s, ctx.lang) for s in voicemap.STATUSES},
        categories=triage.category_choices(catalogue, ctx.lang),
        **data,
        **extra,
    )


@console("viewer", f"GET {REPORT}")
async def report_page(request: web.Request, ctx: Ctx) -> web.Response:
    """GET /admin/complaints/{id}: public text; for officials also the original, contact, photo, point.
    After a status change, ``?why=`` says why the reporter's notice went nowhere (known reasons only)."""
    why = triage.unsent_words(request.query.get("why", "").split(","), ctx.lang)
    return _report_page(ctx, await _report(ctx, audited=True), not_sent=why)


@console("official", f"GET {REPORT}/photo")
async def report_photo(request: web.Request, ctx: Ctx) -> web.Response:
    """GET /admin/complaints/{id}/photo: the stored photo (officials only: it may show people)."""
    public_id = request.match_info["id"].upper()
    data, content_type = await ctx.load(lambda conn: voicemap.photo(conn, public_id))
    return web.Response(body=data, content_type=content_type, headers={"Cache-Control": "private, no-store"})


# -- status change: preview, then send ----------------------------------------------------------
def _status_inputs(ctx: Ctx, language: str) -> dict:
    return triage.status_inputs(ctx.form, ctx.request.app[keys.CONSOLE_RESPONSES], language)


@console("official", f"POST {REPORT}/status/preview")
async def status_preview(request: web.Request, ctx: Ctx) -> web.Response:
    """POST /admin/complaints/{id}/status/preview: the citizen's message, and Send or Back."""
    data = await _report(ctx, audited=False)
    c, catalogue = data["c"], _catalogue(ctx)
    language = (data["private"] or {}).get("language") or c.language
    values = _status_inputs(ctx, language)
    if catalogue is None:
        return _report_page(ctx, data, 400, values=values)
    status, note, duplicate_of = values["status"], values["note"], values["duplicate_of"]
    senders = notify.senders(ctx.settings)
    try:  # the same checks as sending, so that Send does what the preview shows
        checked, note, message, routes = await ctx.db.execute_fn(
            lambda conn: triage.status_preview(
                conn, c.public_id, status, note, duplicate_of, catalogue, language, senders
            )
        )
    except voicemap.ComplaintError as error:
        return _report_page(ctx, data, 400, errors=triage.status_refusal(error, ctx.lang), values=values)
    values["duplicate_of"] = checked.duplicate_of or ""
    return ctx.render(
        "admin/status_preview.html",
        c=c,
        values=values,
        message=message,
        notice=triage.notice_words(routes, ctx.lang),
        status_label=voicemap.status_label(checked.new, ctx.lang),
        public_note=note,
    )


@console("official", f"POST {REPORT}/status")
async def status_send(request: web.Request, ctx: Ctx) -> web.StreamResponse:
    """POST /admin/complaints/{id}/status: change the status and queue the citizen's message."""
    public_id = request.match_info["id"].upper()
    catalogue = _catalogue(ctx)
    found = await ctx.load(lambda conn: voicemap.get_public(conn, public_id))
    if catalogue is None:
        raise NotFound
    values = _status_inputs(ctx, found.language)
    status, note, duplicate_of = values["status"], values["note"], values["duplicate_of"]
    senders = notify.senders(ctx.settings)
    try:
        change = await ctx.db.execute_write_fn(
            lambda conn: voicemap.change_status(
                conn,
                public_id,
                status,
                note,
                ctx.actor,
                catalogue,
                duplicate_of,
                via="console",
                senders=senders,
            )
        )
    except voicemap.ComplaintError as error:
        # The form offers only allowed changes: a refused transition means the status moved meanwhile.
        notice = error.code if error.code == "invalid_transition" else "invalid"
        raise redirect(f"/admin/complaints/{public_id}", notice) from None
    done, why = triage.status_done(change.routes)  # never "sent" when nothing was queued
    raise redirect(f"/admin/complaints/{public_id}" + (f"?why={why}" if why else ""), done)


# -- moderation and reassignment ------------------------------------------------------------------
@console("official", f"POST {REPORT}/{{action:text|photo|hide|approve|reassign}}")
async def triage_action(request: web.Request, ctx: Ctx) -> web.StreamResponse:
    """POST /admin/complaints/{id}/<action>: a moderation action or a reassignment, with a reason (audited)."""
    public_id, action = request.match_info["id"].upper(), request.match_info["action"]
    catalogue, form = _catalogue(ctx), {key: str(ctx.form.get(key, "")) for key in ctx.form}
    try:
        await ctx.db.execute_write_fn(
            lambda conn: triage.take_action(conn, action, public_id, ctx.actor, form, catalogue)
        )
    except (triage.TriageError, voicemap.ComplaintError) as error:
        data = await _report(ctx, audited=False)
        message = ctx.t.get("err_" + error.code, str(error))
        return _report_page(ctx, data, 400, errors={action: message})
    raise redirect(f"/admin/complaints/{public_id}", action + "_done")
