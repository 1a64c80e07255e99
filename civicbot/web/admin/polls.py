"""Polls in the console: list, create and edit (both languages side by side), preview, open and
close with a confirmation, results with "verify now", and the downloads.

Every action is a civicbot.polls function; the views only turn forms into its inputs and its
errors into messages beside the fields.
"""

from __future__ import annotations

import datetime as dt

from aiohttp import web

from civicbot import clock, officials, poll_flow, polls, proposals
from civicbot.web.admin.base import Ctx, NotFound, console, redirect
from civicbot.web.polls import chart_bars, export

OPTION_ROWS = 6  # empty option rows the form offers (more after saving, up to polls.MAX_OPTIONS)
LOCAL_INPUT = "%Y-%m-%dT%H:%M"  # <input type="datetime-local">
# The form's one-value fields with their defaults; the values are stripped except the texts.
_FIELDS = {
    "slug": "",
    "title_ko": "",
    "title_en": "",
    "description_ko": "",
    "description_en": "",
    "max_choices": "1",
    "opens_at": "",
    "closes_at": "",
    "results": "after_close",
}
_TEXTS = ("title_ko", "title_en", "description_ko", "description_en", "results")
_LISTS = ("channels", "districts", "demographics")


async def _poll(ctx: Ctx) -> polls.Poll:
    """The poll in the path, drafts included (the 404 page when there is none)."""
    return await ctx.load(lambda conn: polls.get_poll(conn, ctx.path_id))


def _phase_label(ctx: Ctx, phase: str) -> str:
    return ctx.t.get("phase_" + phase, phase)


def _times(ctx: Ctx, poll: polls.Poll) -> dict[str, str]:
    """The poll's times as the console writes them (``closed`` empty while it is not closed)."""
    return {
        "opens": polls.show_time(poll.opens_at, ctx.zone, ctx.lang),
        "closes": polls.show_time(poll.closes_at, ctx.zone, ctx.lang),
        "closed": polls.show_time(poll.closed_at, ctx.zone, ctx.lang) if poll.closed_at else "",
    }


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
        **{key: getattr(poll, key) for key in _TEXTS},
        "slug": poll.slug or "",
        "options": [(o.label_ko, o.label_en) for o in poll.options],
        "max_choices": str(poll.max_choices),
        "opens_at": _local(poll.opens_at, ctx),
        "closes_at": _local(poll.closes_at, ctx),
        **{key: list(getattr(poll, key)) for key in _LISTS},
    }


def _blank_values(ctx: Ctx) -> dict:
    start = (clock.now() + dt.timedelta(days=1)).replace(minute=0, second=0, microsecond=0)
    return {
        **_FIELDS,
        "options": [],
        "opens_at": _local(start, ctx),
        "closes_at": _local(start + dt.timedelta(days=14), ctx),
        "channels": list(polls.DEFAULT_CHANNELS),
        "districts": [],
        "demographics": [],
    }


def _many(form: dict, key: str) -> list[str]:
    value = form.get(key, [])
    return [str(v) for v in (value if isinstance(value, list) else [value])]


def _values_from_form(form: dict) -> dict:
    values = {key: str(form.get(key, default)) for key, default in _FIELDS.items()}
    values.update({key: value.strip() for key, value in values.items() if key not in _TEXTS})
    rows = zip(_many(form, "option_ko"), _many(form, "option_en"), strict=False)
    values["options"] = [(k.strip(), e.strip()) for k, e in rows if k.strip() or e.strip()]
    return {**values, **{key: _many(form, key) for key in _LISTS}}


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
        **{key: values[key] for key in _LISTS},
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
    return ctx.render(
        "admin/poll_form.html",
        status=status,
        values=values,
        option_rows=rows[: polls.MAX_OPTIONS],
        poll=poll,
        errors=errors,
        locked=bool(poll and values.get("_ballots")),
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
    values, now = _values_from_form(ctx.form), clock.now()
    try:
        spec = polls.parse_spec(_raw_spec(values, "draft"), ctx.zone, now)
        if spec.closes_at <= now:
            return _form_page(ctx, values, None, {"closes_at": ctx.t["err_closes_past"]}, 400)
        poll = await ctx.db.execute_write_fn(lambda conn: polls.create_poll(conn, spec, ctx.actor, now))
    except polls.SpecError as exc:
        return _form_page(ctx, values, None, _error_for(ctx, exc), 400)
    except polls.PollError as exc:
        error = ctx.t["err_slug_taken"] if exc.code == "slug_taken" else exc.message
        return _form_page(ctx, values, None, {"slug": error}, 400)
    raise redirect(f"/admin/polls/{poll.id}", "created")


@console("official")
async def poll_edit(request: web.Request, ctx: Ctx) -> web.Response:
    """GET /admin/polls/{id}/edit: the form filled in from the poll."""
    poll = await _poll(ctx)
    if poll.status == "closed":
        raise redirect(f"/admin/polls/{poll.id}", "closed_locked")
    values = _values_from_poll(poll, ctx)
    values["_ballots"] = await ctx.db.execute_fn(lambda conn: polls.ballot_count(conn, poll.id))
    return _form_page(ctx, values, poll, {})


@console("official")
async def poll_update(request: web.Request, ctx: Ctx) -> web.StreamResponse:
    """POST /admin/polls/{id}/edit: the same checks as creating, plus what may change after votes."""
    poll = await _poll(ctx)
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

    return ctx.render(
        "admin/poll.html",
        poll=poll,
        phase=poll.phase(),
        phase_label=_phase_label(ctx, poll.phase()),
        **_times(ctx, poll),
        verification=verification,
        done="" if verification else ctx.request.query.get("done", ""),
        **await ctx.db.execute_fn(read),
    )


@console("viewer")
async def poll_page(request: web.Request, ctx: Ctx) -> web.Response:
    """GET /admin/polls/{id}: status, times, results with the chart and breakdowns, the chain head."""
    return await _poll_view(ctx, await _poll(ctx), None)


@console("viewer")
async def poll_verify(request: web.Request, ctx: Ctx) -> web.Response:
    """POST /admin/polls/{id}/verify: the same check as `civicbot polls verify`, shown on the page."""
    poll = await _poll(ctx)

    def verify(conn) -> polls.Verification:
        result = polls.verify_poll(conn, poll)
        officials.audit(conn, ctx.actor, "poll.verify", str(poll.id), {"ok": result.ok})
        return result

    return await _poll_view(ctx, poll, await ctx.db.execute_write_fn(verify))


@console("viewer")
async def poll_preview(request: web.Request, ctx: Ctx) -> web.Response:
    """GET /admin/polls/{id}/preview: the question as the widget and Telegram show it, both languages."""
    poll, previews = await _poll(ctx), []
    for language in ("ko", "en"):
        closes = polls.show_time(poll.closes_at, ctx.zone, language)
        text, buttons = poll_flow.question(poll, language, closes)
        previews.append({"lang": language, "text": text, "buttons": [b.label for b in buttons]})
    return ctx.render("admin/poll_preview.html", poll=poll, previews=previews)


# -- open and close, with a confirmation ---------------------------------------------------------
@console("official")
async def poll_confirm(request: web.Request, ctx: Ctx) -> web.Response:
    """GET /admin/polls/{id}/open or /close: what will happen, and the button that does it."""
    poll = await _poll(ctx)
    ballots = await ctx.db.execute_fn(lambda conn: polls.ballot_count(conn, poll.id))
    action = request.match_info["action"]
    return ctx.render(
        "admin/poll_confirm.html", poll=poll, action=action, ballots=ballots, **_times(ctx, poll)
    )


@console("official")
async def poll_act(request: web.Request, ctx: Ctx) -> web.StreamResponse:
    """POST /admin/polls/{id}/open or /close (confirm=yes): publish or close the poll."""
    poll, action = await _poll(ctx), request.match_info["action"]
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
async def poll_download(request: web.Request, ctx: Ctx) -> web.StreamResponse:
    """GET /admin/polls/{id}/results.{csv|xlsx|json} and /bulletin.{csv|json}, in the console's language."""
    poll, part, fmt = await _poll(ctx), request.match_info["part"], request.match_info["format"]
    if part == "bulletin" and fmt == "xlsx":
        raise NotFound
    response = await export(request, poll, part, ctx.lang, ctx.actor, {"part": part, "via": "console"})
    response.headers["Cache-Control"] = "no-store"
    return response


def setup_routes(app: web.Application) -> None:
    poll, add = r"/admin/polls/{id:\d{1,12}}", {"GET": app.router.add_get, "POST": app.router.add_post}
    for method, path, view in (
        ("GET", "/admin/polls", poll_list),
        ("GET", "/admin/polls/new", poll_new),
        ("POST", "/admin/polls/new", poll_create),
        ("GET", poll, poll_page),
        ("GET", f"{poll}/edit", poll_edit),
        ("POST", f"{poll}/edit", poll_update),
        ("GET", f"{poll}/preview", poll_preview),
        ("POST", f"{poll}/verify", poll_verify),
        ("GET", f"{poll}/{{action:open|close}}", poll_confirm),
        ("POST", f"{poll}/{{action:open|close}}", poll_act),
        ("GET", f"{poll}/{{part:results|bulletin}}.{{format:csv|xlsx|json}}", poll_download),
    ):
        add[method](path, view)  # add_get: HEAD as well, as everywhere
