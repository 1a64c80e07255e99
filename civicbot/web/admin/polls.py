"""Polls in the console: list, create and edit (both languages side by side), preview, open and
close with a confirmation, results with "verify now", and the downloads.

Every action is a civicbot.polls function; the views only turn forms into its inputs and its
errors into messages beside the fields.
"""

from __future__ import annotations

import datetime as dt

from aiohttp import web

from civicbot import clock, officials, polls, proposals
from civicbot.i18n import t
from civicbot.web.admin.base import Ctx, console, redirect
from civicbot.web.polls import EXPORT_TYPES, chart_bars

OPTION_ROWS = 6  # empty option rows the form offers (more after saving, up to polls.MAX_OPTIONS)
LOCAL_INPUT = "%Y-%m-%dT%H:%M"  # <input type="datetime-local">


async def _poll_or_404(ctx: Ctx) -> polls.Poll | web.Response:
    poll_id = int(ctx.request.match_info["id"])
    poll = await ctx.db.execute_fn(lambda conn: polls.get_poll(conn, poll_id))
    if poll is None:
        return ctx.render("admin/not_found.html", status=404)
    return poll


def _phase_label(ctx: Ctx, phase: str) -> str:
    return ctx.t.get("phase_" + phase, phase)


# -- list -----------------------------------------------------------------------------------
@console("viewer")
async def poll_list(request: web.Request, ctx: Ctx) -> web.Response:
    """GET /admin/polls: every poll, drafts included, with status and turnout."""

    def read(conn) -> list[dict]:
        return [
            {
                "poll": p,
                "phase": p.phase(),
                "ballots": polls.ballot_count(conn, p.id),
                "closes": polls.show_time(p.closed_at or p.closes_at, ctx.zone, ctx.lang),
            }
            for p in polls.list_polls(conn, include_drafts=True)
        ]

    rows = await ctx.db.execute_fn(read)
    return ctx.render("admin/polls_list.html", rows=rows, phase_label=lambda p: _phase_label(ctx, p))


# -- create and edit ------------------------------------------------------------------------
def _local(moment: dt.datetime, ctx: Ctx) -> str:
    return moment.astimezone(ctx.zone).strftime(LOCAL_INPUT)


def _values_from_poll(poll: polls.Poll, ctx: Ctx) -> dict:
    return {
        "slug": poll.slug or "",
        "title_ko": poll.title_ko,
        "title_en": poll.title_en,
        "description_ko": poll.description_ko,
        "description_en": poll.description_en,
        "options": [(o.label_ko, o.label_en) for o in poll.options],
        "max_choices": str(poll.max_choices),
        "opens_at": _local(poll.opens_at, ctx),
        "closes_at": _local(poll.closes_at, ctx),
        "results": poll.results,
        "channels": list(poll.channels),
        "districts": list(poll.districts),
        "demographics": list(poll.demographics),
    }


def _blank_values(ctx: Ctx) -> dict:
    now = clock.now()
    start = (now + dt.timedelta(days=1)).replace(minute=0, second=0, microsecond=0)
    return {
        "slug": "",
        "title_ko": "",
        "title_en": "",
        "description_ko": "",
        "description_en": "",
        "options": [],
        "max_choices": "1",
        "opens_at": _local(start, ctx),
        "closes_at": _local(start + dt.timedelta(days=14), ctx),
        "results": "after_close",
        "channels": list(polls.DEFAULT_CHANNELS),
        "districts": [],
        "demographics": [],
    }


def _many(form: dict, key: str) -> list[str]:
    value = form.get(key, [])
    return [str(v) for v in (value if isinstance(value, list) else [value])]


def _values_from_form(form: dict) -> dict:
    ko, en = _many(form, "option_ko"), _many(form, "option_en")
    rows = [(k.strip(), e.strip()) for k, e in zip(ko, en, strict=False) if k.strip() or e.strip()]
    return {
        "slug": str(form.get("slug", "")).strip(),
        "title_ko": str(form.get("title_ko", "")),
        "title_en": str(form.get("title_en", "")),
        "description_ko": str(form.get("description_ko", "")),
        "description_en": str(form.get("description_en", "")),
        "options": rows,
        "max_choices": str(form.get("max_choices", "1")).strip(),
        "opens_at": str(form.get("opens_at", "")).strip(),
        "closes_at": str(form.get("closes_at", "")).strip(),
        "results": str(form.get("results", "after_close")),
        "channels": _many(form, "channels"),
        "districts": _many(form, "districts"),
        "demographics": _many(form, "demographics"),
    }


def _raw_spec(values: dict, status: str) -> dict:
    """The form's values as the poll definition civicbot.polls.parse_spec reads."""
    try:
        max_choices: object = int(values["max_choices"])
    except ValueError:
        max_choices = values["max_choices"]
    return {
        "slug": values["slug"] or None,
        "title": {"ko": values["title_ko"], "en": values["title_en"]},
        "description": {"ko": values["description_ko"], "en": values["description_en"]},
        "options": [{"ko": ko, "en": en} for ko, en in values["options"]],
        "max_choices": max_choices,
        "opens_at": values["opens_at"] or None,
        "closes_at": values["closes_at"] or None,
        "results": values["results"],
        "channels": values["channels"],
        "districts": values["districts"],
        "demographics": values["demographics"],
        "status": status,
    }


def _error_for(ctx: Ctx, exc: polls.SpecError) -> dict[str, str]:
    """{field: message} for the form; option errors name the row."""
    field = exc.field if exc.field in polls.SPEC_FIELDS else "form"
    message = exc.message if ctx.lang == "en" else ctx.t.get("err_" + field, exc.message)
    if field == "options" and exc.index is not None:
        message = ctx.t["err_option_row"].format(n=exc.index + 1) + " " + message
    return {field: message}


def _form_page(
    ctx: Ctx, values: dict, poll: polls.Poll | None, errors: dict, status: int = 200, **extra: object
) -> web.Response:
    """The poll form; ``extra`` (proposal, action) turns it into a proposal's acceptance form."""
    rows = list(values["options"])
    rows += [("", "")] * max(OPTION_ROWS - len(rows), 2 if len(rows) < polls.MAX_OPTIONS else 0)
    locked = bool(poll and values.get("_ballots"))
    return ctx.render(
        "admin/poll_form.html",
        status=status,
        values=values,
        option_rows=rows[: polls.MAX_OPTIONS],
        poll=poll,
        errors=errors,
        locked=locked,
        channels=polls.CHANNELS,
        districts=[
            (code, names[1] if ctx.lang == "en" else names[0]) for code, names in polls.DISTRICTS.items()
        ],
        dimensions=polls.DIMENSIONS,
        **{"proposal": None, "action": "", **extra},
    )


@console("official")
async def poll_new(request: web.Request, ctx: Ctx) -> web.Response:
    """GET /admin/polls/new: an empty form."""
    return _form_page(ctx, _blank_values(ctx), None, {})


@console("official")
async def poll_create(request: web.Request, ctx: Ctx) -> web.StreamResponse:
    """POST /admin/polls/new: validate with parse_spec, store as a draft, go to its page."""
    values = _values_from_form(ctx.form)
    now = clock.now()
    try:
        spec = polls.parse_spec(_raw_spec(values, "draft"), ctx.zone, now)
    except polls.SpecError as exc:
        return _form_page(ctx, values, None, _error_for(ctx, exc), 400)
    if spec.closes_at <= now:
        return _form_page(ctx, values, None, {"closes_at": ctx.t["err_closes_past"]}, 400)
    try:
        poll = await ctx.db.execute_write_fn(lambda conn: polls.create_poll(conn, spec, ctx.actor, now))
    except polls.PollError as exc:
        return _form_page(
            ctx,
            values,
            None,
            {"slug": ctx.t["err_slug_taken"] if exc.code == "slug_taken" else exc.message},
            400,
        )
    raise redirect(f"/admin/polls/{poll.id}", "created")


@console("official")
async def poll_edit(request: web.Request, ctx: Ctx) -> web.Response:
    """GET /admin/polls/{id}/edit: the form filled in from the poll."""
    poll = await _poll_or_404(ctx)
    if isinstance(poll, web.Response):
        return poll
    if poll.status == "closed":
        raise redirect(f"/admin/polls/{poll.id}", "closed_locked")
    values = _values_from_poll(poll, ctx)
    values["_ballots"] = await ctx.db.execute_fn(lambda conn: polls.ballot_count(conn, poll.id))
    return _form_page(ctx, values, poll, {})


@console("official")
async def poll_update(request: web.Request, ctx: Ctx) -> web.StreamResponse:
    """POST /admin/polls/{id}/edit: the same checks as creating, plus what may change after votes."""
    poll = await _poll_or_404(ctx)
    if isinstance(poll, web.Response):
        return poll
    values = _values_from_form(ctx.form)
    values["slug"] = poll.slug or ""  # the slug names the poll's file and links: it stays
    status = "draft" if poll.status == "draft" else "open"
    try:
        spec = polls.parse_spec(_raw_spec(values, status), ctx.zone)
        await ctx.db.execute_write_fn(lambda conn: polls.update_poll(conn, poll, spec, ctx.actor))
    except polls.SpecError as exc:
        return _form_page(ctx, values, poll, _error_for(ctx, exc), 400)
    except polls.PollError as exc:
        return _form_page(ctx, values, poll, {"form": exc.message}, 409)
    raise redirect(f"/admin/polls/{poll.id}", "saved")


# -- one poll: details, preview, results ------------------------------------------------------
async def _poll_view(ctx: Ctx, poll: polls.Poll, verification: polls.Verification | None) -> web.Response:
    def read(conn) -> dict:
        found = polls.results(conn, poll, ctx.lang)
        origin = proposals.proposal_of_poll(conn, poll.id)  # the link back to a citizen proposal
        return {"results": found, "bars": chart_bars(found["options"]), "proposal": origin}

    data = await ctx.db.execute_fn(read)
    return ctx.render(
        "admin/poll.html",
        poll=poll,
        phase=poll.phase(),
        phase_label=_phase_label(ctx, poll.phase()),
        opens=polls.show_time(poll.opens_at, ctx.zone, ctx.lang),
        closes=polls.show_time(poll.closes_at, ctx.zone, ctx.lang),
        closed=polls.show_time(poll.closed_at, ctx.zone, ctx.lang) if poll.closed_at else "",
        verification=verification,
        done="" if verification else ctx.request.query.get("done", ""),
        **data,
    )


@console("viewer")
async def poll_page(request: web.Request, ctx: Ctx) -> web.Response:
    """GET /admin/polls/{id}: status, times, results with the chart and breakdowns, the chain head."""
    poll = await _poll_or_404(ctx)
    if isinstance(poll, web.Response):
        return poll
    return await _poll_view(ctx, poll, None)


@console("viewer")
async def poll_verify(request: web.Request, ctx: Ctx) -> web.Response:
    """POST /admin/polls/{id}/verify: the same check as `civicbot polls verify`, shown on the page."""
    poll = await _poll_or_404(ctx)
    if isinstance(poll, web.Response):
        return poll

    def verify(conn) -> polls.Verification:
        result = polls.verify_poll(conn, poll)
        officials.audit(conn, ctx.actor, "poll.verify", str(poll.id), {"ok": result.ok})
        return result

    return await _poll_view(ctx, poll, await ctx.db.execute_write_fn(verify))


@console("viewer")
async def poll_preview(request: web.Request, ctx: Ctx) -> web.Response:
    """GET /admin/polls/{id}/preview: the question as the widget and Telegram show it, both languages."""
    poll = await _poll_or_404(ctx)
    if isinstance(poll, web.Response):
        return poll
    previews = []
    for language in ("ko", "en"):
        how = (
            t("poll_flow.how_multi", language, max=poll.max_choices)
            if poll.max_choices > 1
            else t("poll_flow.how_single", language)
        )
        text = t(
            "poll_flow.question",
            language,
            title=poll.title(language),
            description=poll.description(language),
            closes=polls.show_time(poll.closes_at, ctx.zone, language),
            how=how,
        )
        buttons = [o.label(language) for o in poll.options]
        if poll.max_choices > 1:
            buttons.append(t("poll_flow.button_done", language, count=0, max=poll.max_choices))
        previews.append({"lang": language, "text": text, "buttons": buttons})
    return ctx.render("admin/poll_preview.html", poll=poll, previews=previews)


# -- open and close, with a confirmation ---------------------------------------------------------
@console("official")
async def poll_confirm(request: web.Request, ctx: Ctx) -> web.Response:
    """GET /admin/polls/{id}/open or /close: what will happen, and the button that does it."""
    poll = await _poll_or_404(ctx)
    if isinstance(poll, web.Response):
        return poll
    action = request.match_info["action"]
    ballots = await ctx.db.execute_fn(lambda conn: polls.ballot_count(conn, poll.id))
    return ctx.render(
        "admin/poll_confirm.html",
        poll=poll,
        action=action,
        ballots=ballots,
        opens=polls.show_time(poll.opens_at, ctx.zone, ctx.lang),
        closes=polls.show_time(poll.closes_at, ctx.zone, ctx.lang),
    )


@console("official")
async def poll_act(request: web.Request, ctx: Ctx) -> web.StreamResponse:
    """POST /admin/polls/{id}/open or /close (confirm=yes): publish or close the poll."""
    poll = await _poll_or_404(ctx)
    if isinstance(poll, web.Response):
        return poll
    action = request.match_info["action"]
    if ctx.form.get("confirm") != "yes":
        raise redirect(f"/admin/polls/{poll.id}/{action}")
    url = polls.results_link(ctx.settings.public_url, poll.id)
    try:
        if action == "open":
            await ctx.db.execute_write_fn(lambda conn: polls.publish_poll(conn, poll.id, ctx.actor))
        else:
            await ctx.db.execute_write_fn(lambda conn: polls.close_poll(conn, poll.id, ctx.actor, url))
    except polls.PollError as exc:
        raise redirect(f"/admin/polls/{poll.id}", exc.code) from None
    raise redirect(f"/admin/polls/{poll.id}", "opened" if action == "open" else "closed")


# -- downloads ----------------------------------------------------------------------------------
@console("viewer")
async def poll_download(request: web.Request, ctx: Ctx) -> web.Response:
    """GET /admin/polls/{id}/results.{csv|xlsx|json} and /bulletin.{csv|json}, in the console's language."""
    poll = await _poll_or_404(ctx)
    if isinstance(poll, web.Response):
        return poll
    part, fmt, lang = request.match_info["part"], request.match_info["format"], ctx.lang
    if part == "bulletin" and fmt == "xlsx":
        return ctx.render("admin/not_found.html", status=404)

    def build(conn) -> bytes:
        if part == "bulletin":
            document = polls.bulletin_document(conn, poll)
            return polls.bulletin_csv(document, poll, lang) if fmt == "csv" else polls.export_json(document)
        document = polls.export_document(conn, poll, ctx.zone, lang)
        if fmt == "csv":
            return polls.export_csv(document, lang)
        return polls.export_xlsx(document, lang) if fmt == "xlsx" else polls.export_json(document)

    body = await ctx.db.execute_fn(build)
    detail = {"format": fmt, "part": part, "via": "console"}
    await ctx.db.execute_write_fn(
        lambda conn: officials.audit(conn, ctx.actor, "poll.export", str(poll.id), detail)
    )
    response = web.Response(body=body, content_type=EXPORT_TYPES[fmt])
    if fmt != "xlsx":
        response.charset = "utf-8"
    response.headers["Content-Disposition"] = f'attachment; filename="poll-{poll.id}-{part}.{fmt}"'
    response.headers["Cache-Control"] = "no-store"
    return response


def setup_routes(app: web.Application) -> None:
    router = app.router
    router.add_get("/admin/polls", poll_list)
    router.add_get("/admin/polls/new", poll_new)
    router.add_post("/admin/polls/new", poll_create)
    router.add_get(r"/admin/polls/{id:\d{1,12}}", poll_page)
    router.add_get(r"/admin/polls/{id:\d{1,12}}/edit", poll_edit)
    router.add_post(r"/admin/polls/{id:\d{1,12}}/edit", poll_update)
    router.add_get(r"/admin/polls/{id:\d{1,12}}/preview", poll_preview)
    router.add_post(r"/admin/polls/{id:\d{1,12}}/verify", poll_verify)
    router.add_get(r"/admin/polls/{id:\d{1,12}}/{action:open|close}", poll_confirm)
    router.add_post(r"/admin/polls/{id:\d{1,12}}/{action:open|close}", poll_act)
    router.add_get(
        r"/admin/polls/{id:\d{1,12}}/{part:results|bulletin}.{format:csv|xlsx|json}", poll_download
    )
