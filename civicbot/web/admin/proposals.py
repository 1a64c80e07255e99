"""Citizen proposals in the console: the review queue, a proposal's page, accept and decline.

Accept opens the console's poll form pre-filled from civicbot.proposals.poll_draft (both
languages); publishing it calls proposals.accept with the official's edits, which creates the open
poll and links poll and proposal both ways. Decline needs a public reason in Korean and English.
Both are civicbot.proposals functions that write the audit log with the account's name.
"""

from __future__ import annotations

from aiohttp import web

from civicbot import console as views
from civicbot import poll_form, polls
from civicbot import proposals as P
from civicbot.web.admin import polls as poll_views
from civicbot.web.admin.base import Ctx, console, redirect


async def _proposal(ctx: Ctx) -> P.Proposal:
    """The proposal in the path (the 404 page when there is none)."""
    proposal_id = ctx.path_id  # read here: its NotFound is the 404 page, not an error on a reader thread
    return await ctx.load(lambda conn: P.get(conn, proposal_id))


# -- the queue ------------------------------------------------------------------------------
PROPOSAL = r"/admin/proposals/{id:[0-9]{1,12}}"


@console("viewer", "GET /admin/proposals")
async def proposal_list(request: web.Request, ctx: Ctx) -> web.Response:
    """GET /admin/proposals: held before publication (names, abuse), under review (both longest
    waiting first), then those still collecting."""

    def read(conn) -> tuple[list[P.Proposal], list[P.Proposal], list[P.Proposal]]:
        return P.held_queue(conn), P.review_queue(conn), P.list_proposals(conn, (P.COLLECTING,))

    held, review, collecting = await ctx.db.execute_fn(read)
    return ctx.render(
        "admin/proposals.html",
        held=held,
        review=review,
        collecting=collecting,
        status_label=lambda s: P.status_label(s, ctx.lang),
        when=lambda m: views.when(m, ctx.zone, ctx.lang),
    )


# -- one proposal, and declining it ------------------------------------------------------------
async def _proposal_view(ctx: Ctx, proposal: P.Proposal, status: int = 200, **form: dict) -> web.Response:
    """The proposal's page; ``form`` (errors, values) when a decline is sent back."""
    page = await ctx.db.execute_fn(lambda conn: views.proposal_page(conn, proposal, ctx.lang, ctx.zone))
    return ctx.render("admin/proposal.html", status=status, **page, **form)


@console("viewer", f"GET {PROPOSAL}")
async def proposal_page(request: web.Request, ctx: Ctx) -> web.Response:
    """GET /admin/proposals/{id}: the public text, support count, history; accept and decline."""
    return await _proposal_view(ctx, await _proposal(ctx))


@console("official", f"POST {PROPOSAL}/decline")
async def proposal_decline(request: web.Request, ctx: Ctx) -> web.StreamResponse:
    """POST /admin/proposals/{id}/decline: decline with a public reason in Korean and English."""
    proposal = await _proposal(ctx)
    reason = {lang: str(ctx.form.get("reason_" + lang, "")) for lang in ("ko", "en")}
    try:
        await ctx.db.execute_write_fn(lambda conn: P.decline(conn, proposal.id, ctx.actor, reason))
    except P.ProposalError as exc:
        if exc.code != "invalid_reason":
            raise redirect(f"/admin/proposals/{proposal.id}", exc.code) from None
        errors = {"reason": ctx.t["err_decline_reason"]}
        values = {"reason_" + k: v for k, v in reason.items()}
        return await _proposal_view(ctx, proposal, 400, errors=errors, values=values)
    raise redirect(f"/admin/proposals/{proposal.id}", "declined")


@console("official", f"POST {PROPOSAL}/publish")
async def proposal_publish(request: web.Request, ctx: Ctx) -> web.StreamResponse:
    """POST /admin/proposals/{id}/publish: a held proposal, checked, goes public (proposals.publish)."""
    proposal = await _proposal(ctx)
    try:
        await ctx.db.execute_write_fn(
            lambda conn: P.publish(conn, proposal.id, ctx.actor, ctx.settings.public_url)
        )
    except P.ProposalError as exc:
        raise redirect(f"/admin/proposals/{proposal.id}", exc.code) from None
    raise redirect(f"/admin/proposals/{proposal.id}", "published")


# -- accepting: the poll form, pre-filled ---------------------------------------------------------
def _accept_form(ctx: Ctx, proposal: P.Proposal, values: dict, errors: dict, status: int = 200):
    return poll_views._form_page(
        ctx, values, None, errors, status, proposal=proposal, action=f"/admin/proposals/{proposal.id}/accept"
    )


@console("official", f"GET {PROPOSAL}/accept")
async def accept_form(request: web.Request, ctx: Ctx) -> web.StreamResponse:
    """GET /admin/proposals/{id}/accept: the poll form filled in from the proposal, both languages."""
    proposal = await _proposal(ctx)
    if proposal.status != P.UNDER_REVIEW:
        raise redirect(f"/admin/proposals/{proposal.id}", "wrong_status")
    draft = P.poll_draft(proposal, ctx.settings.public_url)
    return _accept_form(ctx, proposal, poll_form.values(draft, ctx.zone), {})


@console("official", f"POST {PROPOSAL}/accept")
async def accept_publish(request: web.Request, ctx: Ctx) -> web.StreamResponse:
    """POST /admin/proposals/{id}/accept: publish the poll as edited and accept the proposal."""
    proposal = await _proposal(ctx)
    overrides = poll_form.definition(ctx.form)
    overrides.pop("slug")  # the poll is published at once; its slug stays empty
    values = poll_form.values(overrides, ctx.zone)

    def run(conn) -> polls.Poll:
        return P.accept(conn, proposal.id, ctx.actor, ctx.zone, ctx.settings.public_url, overrides)[1]

    try:
        poll = await ctx.db.execute_write_fn(run)
    except P.ProposalError as exc:
        if exc.code != "invalid_poll":
            raise redirect(f"/admin/proposals/{proposal.id}", exc.code) from None
        error = poll_form.errors(polls.SpecError(exc.field or "form", exc.message), ctx.lang)
        return _accept_form(ctx, proposal, values, error, 400)
    raise redirect(f"/admin/polls/{poll.id}", "accepted")
