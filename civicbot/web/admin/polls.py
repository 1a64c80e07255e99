"""Polls in the console: list, create and edit (both languages side by side), preview, open and
close with a confirmation, results with "verify now", and the downloads.

Every action is a civicbot.polls function; the views only turn forms into its inputs and its
errors into messages beside the fields.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Mapping

from aiohttp import web

from civicbot import clock, poll_flow, polls, proposals
from civicbot.web.admin.base import Ctx, NotFound, console, redirect
from civicbot.web.polls import export

POLL = r"/admin/polls/{id:\d{1,12}}"
OPTION_ROWS = 6  # empty option rows the form offers (more after saving, up to polls.MAX_OPTIONS)
LOCAL_INPUT = "%Y-%m-%dT%H:%M"  # <input type="datetime-local">
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
def turnout_rows(conn, ctx: Ctx, found: list[polls.Poll]) -> list[dict]:
    """Polls as the console lists them (here and on the dashboard): the poll, its phase, the
    ballots so far and when it closes (or closed), on the city's clock."""
    return [
        {
            "poll": p,
            "phase": p.phase(),
            "ballots": polls.ballot_count(conn, p.id),
            "closes": polls.show_time(p.closed_at or p.closes_at, ctx.zone, ctx.lang),
        }
        for p in found
    ]


@console("viewer", "GET /admin/polls")
async def poll_list(request: web.Request, ctx: Ctx) -> web.Response:
    """GET /admin/polls: every poll, drafts included, with status and turnout."""
    rows = await ctx.db.execute_fn(
        lambda conn: turnout_rows(conn, ctx, polls.list_polls(conn, include_drafts=True))
    )
    return ctx.render("admin/polls_list.html", rows=rows, phase_label=lambda p: _phase_label(ctx, p))


# -- create and edit ------------------------------------------------------------------------
def _form_values(raw: Mapping, ctx: Ctx) -> dict:
    """A poll definition as the form's fields: a poll's (polls.definition), a proposal's draft, the
    defaults, or the form's own on a second try. Times with an offset are shown on the city's clock;
    times as typed (no offset, or not times at all) stay as typed."""

    def local(value: object) -> str:
        moment = value
        if isinstance(value, str):
            with contextlib.suppress(ValueError):
                moment = dt.datetime.fromisoformat(value)
        if not isinstance(moment, dt.datetime) or moment.tzinfo is None:
            return str(value or "")
        return moment.astimezone(ctx.zone).strftime(LOCAL_INPUT)

    texts = {
        f"{k}_{lang}": (raw.get(k) or {}).get(lang, "")
        for k in ("title", "description")
        for lang in ("ko", "en")
    }
    return {
        **texts,
        "slug": raw.get("slug") or "",
        "options": [(o["ko"], o["en"]) for o in raw.get("options") or ()],
        "max_choices": str(raw.get("max_choices", 1)),
        "opens_at": local(raw.get("opens_at")),
        "closes_at": local(raw.get("closes_at")),
        "results": raw.get("results", "after_close"),
        **{key: list(raw.get(key, polls.DEFAULT_CHANNELS if key == "channels" else ())) for key in _LISTS},
    }


def _blank(ctx: Ctx) -> dict:
    """A new poll's form: voting from the next hour tomorrow, for two weeks."""
    start = (clock.now() + dt.timedelta(days=1)).replace(minute=0, second=0, microsecond=0)
    return _form_values({"opens_at": start, "closes_at": start + dt.timedelta(days=14)}, ctx)


def _many(form: dict, key: str) -> list[str]:
    value = form.get(key, [])
    return [str(v) for v in (value if isinstance(value, list) else [value])]


def _definition(form: dict) -> dict:
    """The posted form as the poll definition civicbot.polls.parse_spec reads (without a status);
    texts as typed, the rest stripped, empty option rows left out."""
    times = {key: str(form.get(key, "")).strip() or None for key in ("slug", "opens_at", "closes_at")}
    rows = zip(_many(form, "option_ko"), _many(form, "option_en"), strict=False)
    max_choices: object = str(form.get("max_choices", "1")).strip()
    with contextlib.suppress(ValueError):  # not a number: parse_spec names it
        max_choices = int(max_choices)  # type: ignore[arg-type]
    return {
        **times,
        "title": {lang: str(form.get("title_" + lang, "")) for lang in ("ko", "en")},
        "description": {lang: str(form.get("description_" + lang, "")) for lang in ("ko", "en")},
        "options": [{"ko": k.strip(), "en": e.strip()} for k, e in rows if k.strip() or e.strip()],
        "max_choices": max_choices,
        "results": str(form.get("results", "after_close")),
        **{key: _many(form, key) for key in _LISTS},
    }


def _error_for(ctx: Ctx, exc: polls.SpecError) -> dict[str, str]:
    """{field: message} for the form; option errors name the row."""
    field = exc.field if exc.field in polls.SPEC_FIELDS else "form"
    if exc.key:  # the console's own wording, in either language
        return {field: ctx.t["err_" + exc.key]}
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


@console("official", "GET /admin/polls/new")
async def poll_new(request: web.Request, ctx: Ctx) -> web.Response:
    """GET /admin/polls/new: an empty form."""
    return _form_page(ctx, _blank(ctx), None, {})


@console("official", "POST /admin/polls/new")
async def poll_create(request: web.Request, ctx: Ctx) -> web.StreamResponse:
    """POST /admin/polls/new: validate with parse_spec, store as a draft, go to its page."""
    definition = _definition(ctx.form)
    values, draft = _form_values(definition, ctx), {**definition, "status": "draft"}
    try:
        poll = await ctx.db.execute_write_fn(lambda conn: polls.create_from(conn, draft, ctx.zone, ctx.actor))
    except polls.SpecError as exc:
        return _form_page(ctx, values, None, _error_for(ctx, exc), 400)
    except polls.PollError as exc:
        error = ctx.t["err_slug_taken"] if exc.code == "slug_taken" else exc.message
        return _form_page(ctx, values, None, {"slug": error}, 400)
    raise redirect(f"/admin/polls/{poll.id}", "created")


@console("official", f"GET {POLL}/edit")
async def poll_edit(request: web.Request, ctx: Ctx) -> web.Response:
    """GET /admin/polls/{id}/edit: the form filled in from the poll."""
    poll = await _poll(ctx)
    if poll.status == "closed":
        raise redirect(f"/admin/polls/{poll.id}", "closed_locked")
    values = _form_values(polls.definition(poll), ctx)
    values["_ballots"] = await ctx.db.execute_fn(lambda conn: polls.ballot_count(conn, poll.id))
    return _form_page(ctx, values, poll, {})


@console("official", f"POST {POLL}/edit")
async def poll_update(request: web.Request, ctx: Ctx) -> web.StreamResponse:
    """POST /admin/polls/{id}/edit: the same checks as creating, plus what may change after votes."""
    poll = await _poll(ctx)
    # The slug names the poll's file and links: it stays, and so does its status.
    definition = {**polls.definition(poll), **_definition(ctx.form), "slug": poll.slug}
    values = _form_values(definition, ctx)
    try:
        spec = polls.parse_spec(definition, ctx.zone)
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
        return {"results": found, "bars": polls.chart_bars(found["options"]), "proposal": origin}

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


@console("viewer", f"GET {POLL}")
async def poll_page(request: web.Request, ctx: Ctx) -> web.Response:
    """GET /admin/polls/{id}: status, times, results with the chart and breakdowns, the chain head."""
    return await _poll_view(ctx, await _poll(ctx), None)


@console("viewer", f"POST {POLL}/verify")
async def poll_verify(request: web.Request, ctx: Ctx) -> web.Response:
    """POST /admin/polls/{id}/verify: the same check as `civicbot polls verify`, shown on the page."""
    poll = await _poll(ctx)
    verified = await ctx.db.execute_write_fn(lambda conn: polls.verify_poll(conn, poll, ctx.actor))
    return await _poll_view(ctx, poll, verified)


@console("viewer", f"GET {POLL}/preview")
async def poll_preview(request: web.Request, ctx: Ctx) -> web.Response:
    """GET /admin/polls/{id}/preview: the question as the widget and Telegram show it, both languages."""
    poll, previews = await _poll(ctx), []
    for language in ("ko", "en"):
        closes = polls.show_time(poll.closes_at, ctx.zone, language)
        text, buttons = poll_flow.question(poll, language, closes)
        previews.append({"lang": language, "text": text, "buttons": [b.label for b in buttons]})
    return ctx.render("admin/poll_preview.html", poll=poll, previews=previews)


# -- open and close, with a confirmation ---------------------------------------------------------
@console("official", f"GET {POLL}/{{action:open|close}}")
async def poll_confirm(request: web.Request, ctx: Ctx) -> web.Response:
    """GET /admin/polls/{id}/open or /close: what will happen, and the button that does it."""
    poll = await _poll(ctx)
    ballots = await ctx.db.execute_fn(lambda conn: polls.ballot_count(conn, poll.id))
    action = request.match_info["action"]
    return ctx.render(
        "admin/poll_confirm.html", poll=poll, action=action, ballots=ballots, **_times(ctx, poll)
    )


@console("official", f"POST {POLL}/{{action:open|close}}")
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
@console("viewer", f"GET {POLL}/{{part:results|bulletin}}.{{format:csv|xlsx|json}}")
async def poll_download(request: web.Request, ctx: Ctx) -> web.StreamResponse:
    """GET /admin/polls/{id}/results.{csv|xlsx|json} and /bulletin.{csv|json}, in the console's language."""
    poll, part, fmt = await _poll(ctx), request.match_info["part"], request.match_info["format"]
    if part == "bulletin" and fmt == "xlsx":
        raise NotFound
    response = await export(request, poll, part, ctx.lang, ctx.actor, {"part": part, "via": "console"})
    response.headers["Cache-Control"] = "no-store"
    return response
