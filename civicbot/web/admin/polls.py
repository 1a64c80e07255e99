"""Polls in the console: list, create and edit (both languages side by side), preview, open and
close with a confirmation, results with "verify now", and the downloads.

Every action is a civicbot.polls function; civicbot.poll_form turns the form into its inputs and
its refusals into messages beside the fields. The views read, call and render.
"""

from __future__ import annotations

import json

from aiohttp import web

from civicbot import console as views
from civicbot import officials, poll_form, polls
from civicbot.web.admin.base import Ctx, NotFound, console, redirect
from civicbot.web.polls import export

POLL = r"/admin/polls/{id:[0-9]{1,12}}"


async def _poll(ctx: Ctx) -> polls.Poll:
    """The poll in the path, drafts included (the 404 page when there is none)."""
    poll_id = ctx.path_id  # read here: its NotFound is the 404 page, not an error on a reader thread
    return await ctx.load(lambda conn: polls.get_poll(conn, poll_id))


def _phase_label(ctx: Ctx, phase: str) -> str:
    return ctx.t.get("phase_" + phase, phase)


# -- list -----------------------------------------------------------------------------------
@console("viewer", "GET /admin/polls")
async def poll_list(request: web.Request, ctx: Ctx) -> web.Response:
    """GET /admin/polls: every poll, drafts included, with status and turnout."""

    def read(conn) -> list[dict]:
        return poll_form.turnout_rows(conn, polls.list_polls(conn, include_drafts=True), ctx.zone, ctx.lang)

    rows = await ctx.db.execute_fn(read)
    return ctx.render("admin/polls_list.html", rows=rows, phase_label=lambda p: _phase_label(ctx, p))


# -- create and edit ------------------------------------------------------------------------
def _form_page(
    ctx: Ctx, values: dict, poll: polls.Poll | None, errors: dict, status: int = 200, **extra: object
) -> web.Response:
    """The poll form; ``extra`` (proposal, action) turns it into a proposal's acceptance form, and
    ``form_token`` (a new poll's) makes the same form sent twice create one poll."""
    return ctx.render(
        "admin/poll_form.html",
        status=status,
        values=values,
        poll=poll,
        errors=errors,
        locked=bool(poll and values.get("_ballots")),
        **poll_form.choices(values, ctx.lang),
        **{"proposal": None, "action": "", "form_token": "", **extra},
    )


@console("official", "GET /admin/polls/new")
async def poll_new(request: web.Request, ctx: Ctx) -> web.Response:
    """GET /admin/polls/new: an empty form."""
    return _form_page(ctx, poll_form.blank(ctx.zone), None, {}, form_token=officials.new_form_token())


@console("official", "POST /admin/polls/new")
async def poll_create(request: web.Request, ctx: Ctx) -> web.StreamResponse:
    """POST /admin/polls/new: validate with parse_spec, store as a draft, go to its page.

    The same form sent twice (a double click) makes one draft: both answers lead to it."""
    definition = poll_form.definition(ctx.form)
    values, draft = poll_form.values(definition, ctx.zone), {**definition, "status": "draft"}
    token = officials.form_token(ctx.form) or officials.new_form_token()
    content = json.dumps(definition, ensure_ascii=False, sort_keys=True)  # an edited form is another

    def create(conn) -> str:
        return str(polls.create_from(conn, draft, ctx.zone, ctx.actor).id)

    try:
        poll_id, _ = await ctx.db.execute_write_fn(
            lambda conn: officials.once_per_form(conn, token, ctx.actor, content, lambda: create(conn))
        )
    except polls.SpecError as exc:
        return _form_page(ctx, values, None, poll_form.errors(exc, ctx.lang), 400, form_token=token)
    except polls.PollError as exc:
        error = ctx.t["err_slug_taken"] if exc.code == "slug_taken" else exc.message
        return _form_page(ctx, values, None, {"slug": error}, 400, form_token=token)
    raise redirect(f"/admin/polls/{poll_id}", "created")


@console("official", f"GET {POLL}/edit")
async def poll_edit(request: web.Request, ctx: Ctx) -> web.Response:
    """GET /admin/polls/{id}/edit: the form filled in from the poll."""
    poll = await _poll(ctx)
    if poll.status == "closed":
        raise redirect(f"/admin/polls/{poll.id}", "closed_locked")
    values = poll_form.values(polls.definition(poll), ctx.zone)
    values["_ballots"] = await ctx.db.execute_fn(lambda conn: polls.ballot_count(conn, poll.id))
    return _form_page(ctx, values, poll, {})


@console("official", f"POST {POLL}/edit")
async def poll_update(request: web.Request, ctx: Ctx) -> web.StreamResponse:
    """POST /admin/polls/{id}/edit: the same checks as creating, plus what may change after votes."""
    poll = await _poll(ctx)
    # The slug names the poll's file and links: it stays, and so does its status.
    definition = {**polls.definition(poll), **poll_form.definition(ctx.form), "slug": poll.slug}
    values = poll_form.values(definition, ctx.zone)
    try:
        spec = polls.parse_spec(definition, ctx.zone)
        await ctx.db.execute_write_fn(lambda conn: polls.update_poll(conn, poll, spec, ctx.actor))
    except polls.SpecError as exc:
        return _form_page(ctx, await _refused(ctx, poll, values), poll, poll_form.errors(exc, ctx.lang), 400)
    except polls.PollError as exc:
        return _form_page(ctx, await _refused(ctx, poll, values), poll, {"form": exc.message}, 409)
    raise redirect(f"/admin/polls/{poll.id}", "saved")


async def _refused(ctx: Ctx, poll: polls.Poll, values: dict) -> dict:
    """The form sent back after a refusal: once people have voted the question's text and the
    options are the poll's own again (read-only fields: a refused rewording could not be undone)."""
    ballots = await ctx.db.execute_fn(lambda conn: polls.ballot_count(conn, poll.id))
    if not ballots:
        return values
    stored = poll_form.values(polls.definition(poll), ctx.zone)
    kept = {k: stored[k] for k in ("title_ko", "title_en", "description_ko", "description_en", "options")}
    return {**values, **kept, "_ballots": ballots}


# -- one poll: details, preview, results ------------------------------------------------------
async def _poll_view(ctx: Ctx, poll: polls.Poll, verification: polls.Verification | None) -> web.Response:
    figures = await ctx.db.execute_fn(lambda conn: views.poll_results(conn, poll, ctx.lang))
    return ctx.render(
        "admin/poll.html",
        poll=poll,
        phase=poll.phase(),
        phase_label=_phase_label(ctx, poll.phase()),
        **poll_form.times(poll, ctx.zone, ctx.lang),
        verification=verification,
        done="" if verification else ctx.request.query.get("done", ""),
        # Who may vote, checked before opening: the draft's page did not say (con21's walk-through).
        only_in=", ".join(polls.group_label("district", code, ctx.lang) for code in poll.districts),
        **figures,
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
    poll = await _poll(ctx)
    return ctx.render("admin/poll_preview.html", poll=poll, previews=poll_form.previews(poll, ctx.zone))


# -- open and close, with a confirmation ---------------------------------------------------------
@console("official", f"GET {POLL}/{{action:open|close}}")
async def poll_confirm(request: web.Request, ctx: Ctx) -> web.Response:
    """GET /admin/polls/{id}/open or /close: what will happen, and the button that does it."""
    poll = await _poll(ctx)
    ballots = await ctx.db.execute_fn(lambda conn: polls.ballot_count(conn, poll.id))
    action = request.match_info["action"]
    return ctx.render(
        "admin/poll_confirm.html",
        poll=poll,
        action=action,
        ballots=ballots,
        **poll_form.times(poll, ctx.zone, ctx.lang),
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
