"""Citizen proposals over HTTP: the public API and pages, the officials' review API, and the timer
that expires proposals whose collection window has closed.

Views stay thin: parse, call civicbot.proposals on the writer or a reader thread, and render.
A ProposalError propagates: civicbot.web.errors gives it its status.
"""

from __future__ import annotations

import logging

from aiohttp import web

from civicbot import keys, officials, polls, sessions
from civicbot import proposals as P
from civicbot.proposal_shapes import (
    Proposal,
    ProposalAccept,
    ProposalAccepted,
    ProposalCreate,
    ProposalDecline,
    ProposalId,
    ProposalList,
    StatusQuery,
    SupportResult,
)
from civicbot.shapes import LangQuery
from civicbot.web.auth import OFFICIAL, SESSION, client_key
from civicbot.web.boundary import Api, PathId
from civicbot.web.handlers import PAGE_ID_ROUTE, every, found, page_id, path_id, read, write, zone
from civicbot.web.templating import page_language, render

log = logging.getLogger(__name__)

EXPIRE_CHECK_SECONDS = 60.0  # how often this server looks for proposals past their deadline

routes = Api(PathId.number(ProposalId, "No such proposal", "not_found", "There is no such proposal."))


def setup_routes(app: web.Application) -> None:
    app.cleanup_ctx.append(every(lambda app: EXPIRE_CHECK_SECONDS, expire_due))
    router = app.router
    router.add_routes(routes)
    router.add_get("/proposals", page_list)
    router.add_get(f"/proposals/{PAGE_ID_ROUTE}", page_detail)


async def expire_due(app: web.Application) -> None:
    """The server's own work: expire the proposals whose collection window has closed."""
    expired = await app[keys.DATABASE].execute_write_fn(P.expire_due)
    if expired:
        log.info("proposals expired: %s", expired)


# -- helpers ---------------------------------------------------------------------------------------
def _public_url(request: web.Request) -> str:
    return request.app[keys.SETTINGS].public_url


def _public(request: web.Request, proposal: P.Proposal, language: str, **extra: object) -> Proposal:
    # In the city's offset, like the polls and complaints APIs (issue 14).
    return P.public(proposal, language, _public_url(request), zone(request), **extra)


async def _list(request: web.Request, find) -> ProposalList:
    """The proposals ``find(db)`` returns, as the public sees each one."""
    url, tz, language = _public_url(request), zone(request), page_language(request)
    return await read(request, lambda db: P.public_list(find(db), language, url, tz))


# -- public API ------------------------------------------------------------------------------------
@routes.get("/api/proposals")
async def list_proposals(request: web.Request, query: StatusQuery) -> ProposalList:
    """Citizen proposals, newest first

    Status Codes:
        400: Unknown status
    """
    statuses = query.statuses()
    return await _list(request, lambda db: P.list_proposals(db, statuses))


@routes.get("/api/proposals/{id}")
async def get_proposal(request: web.Request, query: LangQuery) -> Proposal:
    """One proposal with its support count and status history"""
    proposal_id, url, tz, language = (
        path_id(request),
        _public_url(request),
        zone(request),
        page_language(request),
    )
    proposal = await read(request, lambda db: P.public_detail(db, proposal_id, language, url, tz))
    return found(proposal, "not_found", f"There is no proposal {proposal_id}.")


@routes.post("/api/proposals", status=201, access=SESSION)
async def create_proposal(request: web.Request, body: ProposalCreate, auth: sessions.Session) -> Proposal:
    """Propose a poll question (web session); similar open proposals come back beside it

    Status Codes:
        400: Invalid JSON or an invalid proposal (the message names the field)
        429: The daily proposal limit, or too many requests
    """
    new = body.proposal(auth.id, auth.language)
    language, secret = new.language, request.app[keys.POLL_SECRET]
    rules = P.Rules.from_settings(request.app[keys.SETTINGS])
    made, similar = await write(request, lambda db: P.submit_with_similar(db, secret, new, rules))
    return _public(request, made, language, similar=[_public(request, p, language) for p in similar])


@routes.post("/api/proposals/{id}/supports", access=SESSION)
async def support_proposal(request: web.Request, auth: sessions.Session) -> SupportResult:
    """Support a proposal (one support per web session and per client network; the threshold sends it to review)

    Status Codes:
        409: No longer collecting support (under review, decided or expired), or another session on this network supports it (address_supported)
    """
    proposal_id, secret, origin = path_id(request), request.app[keys.POLL_SECRET], client_key(request)
    result = await write(
        request, lambda db: P.support(db, secret, proposal_id, "web", auth.id, origin=origin)
    )
    return SupportResult.model_validate(result, from_attributes=True)


# -- officials (each decision audited; the proposer is told) ---------------------------------------
@routes.get("/api/admin/proposals", access=OFFICIAL)
async def admin_list_proposals(
    request: web.Request, query: StatusQuery, auth: officials.Official
) -> ProposalList:
    """Proposals for officials; ?status=under_review is the review queue, longest waiting first

    Status Codes:
        400: Unknown status
    """
    statuses = query.statuses()
    return await _list(request, lambda db: P.officials_list(db, statuses))


@routes.post("/api/admin/proposals/{id}/accept", access=OFFICIAL, body_required=False)
async def admin_accept_proposal(
    request: web.Request, query: LangQuery, body: ProposalAccept, auth: officials.Official
) -> ProposalAccepted:
    """Accept a proposal under review: creates its poll (linked both ways); audited, proposer told

    Status Codes:
        400: Invalid JSON or a poll field the poll rules refuse
        409: The proposal is not under review
    """
    proposal_id, overrides, url = path_id(request), body.poll, _public_url(request)
    tz, language = zone(request), page_language(request)
    accepted, poll = await write(
        request, lambda db: P.accept(db, proposal_id, auth.actor, tz, url, overrides)
    )
    return ProposalAccepted(
        proposal=_public(request, accepted, language), poll=polls.poll_shape(poll, tz, language)
    )


@routes.get("/api/admin/proposals/held", access=OFFICIAL)
async def admin_held_proposals(request: web.Request, auth: officials.Official) -> ProposalList:
    """Proposals held before publication (a person's name, abusive words), longest waiting first"""
    return await _list(request, P.held_queue)


@routes.post("/api/admin/proposals/{id}/publish", access=OFFICIAL, body_required=False)
async def admin_publish_proposal(
    request: web.Request, query: LangQuery, auth: officials.Official
) -> Proposal:
    """Publish a held proposal once its text is checked; its support window starts now; audited, proposer told

    Status Codes:
        409: The proposal is not held (already public), or declined or expired
    """
    proposal_id, url = path_id(request), _public_url(request)
    published = await write(request, lambda db: P.publish(db, proposal_id, auth.actor, url))
    return _public(request, published, page_language(request))


@routes.post("/api/admin/proposals/{id}/decline", access=OFFICIAL)
async def admin_decline_proposal(
    request: web.Request, query: LangQuery, body: ProposalDecline, auth: officials.Official
) -> Proposal:
    """Decline a proposal with a public reason in both languages; audited, proposer told

    Status Codes:
        400: Invalid JSON, or a reason missing in Korean or English
        409: The proposal is already decided or expired
    """
    proposal_id = path_id(request)
    declined = await write(request, lambda db: P.decline(db, proposal_id, auth.actor, body.reason))
    return _public(request, declined, page_language(request))


# -- pages -----------------------------------------------------------------------------------------
async def page_list(request: web.Request) -> web.Response:
    language = page_language(request)
    return render(
        request,
        "proposals_list.html",
        proposals=await read(request, lambda db: P.page_rows(db, language)),
        threshold=request.app[keys.SETTINGS].proposal_threshold,
        words="proposal_pages",
        lang=language,
    )


async def page_detail(request: web.Request) -> web.Response:
    language, tz, proposal_id = page_language(request), zone(request), page_id(request)
    page = await read(request, lambda db: P.page_view(db, proposal_id, language, tz))
    if page is None:
        return render(request, "proposals_detail.html", 404, "proposal_pages", proposal=None, lang=language)
    return render(request, "proposals_detail.html", words="proposal_pages", **page, lang=language)
