"""Citizen proposals over HTTP: the public API and pages, the officials' review API, and the timer
that expires proposals whose collection window has closed.

Views stay thin: parse, call civicbot.proposals on the writer or a reader thread, and render.
A ProposalError propagates: civicbot.web.errors gives it its status.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
from collections.abc import AsyncIterator
from zoneinfo import ZoneInfo

from aiohttp import web

from civicbot import clock, i18n, keys, officials, polls, sessions
from civicbot import proposals as P
from civicbot.web.auth import require_official, require_session
from civicbot.web.boundary import validated
from civicbot.web.errors import ApiError
from civicbot.web.models import (
    LangQuery,
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
from civicbot.web.templating import page_language, render

log = logging.getLogger(__name__)

EXPIRE_CHECK_SECONDS = 60.0  # how often this server looks for proposals past their deadline


routes = web.RouteTableDef()
_ID = {"id": ProposalId}
_NOT_FOUND = "No such proposal"
_OFFICIAL = {401: "No official's token", 403: "A revoked or unknown token"}


def setup_routes(app: web.Application) -> None:
    app.cleanup_ctx.append(_expiry)
    router = app.router
    router.add_routes(routes)
    router.add_get("/proposals", page_list)
    router.add_get(r"/proposals/{id:\d+}", page_detail)


# -- the server's own work -------------------------------------------------------------------------
async def _expiry(app: web.Application) -> AsyncIterator[None]:
    task = asyncio.create_task(_expire_loop(app))
    yield
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


async def _expire_loop(app: web.Application) -> None:
    db = app[keys.DATABASE]
    while True:
        try:
            expired = await db.execute_write_fn(P.expire_due)
            if expired:
                log.info("proposals expired: %s", expired)
        except Exception:  # a failed round must not stop the timer; the next one retries
            log.exception("expiring proposals failed")
        await asyncio.sleep(EXPIRE_CHECK_SECONDS)


# -- helpers ---------------------------------------------------------------------------------------
async def _read(request: web.Request, fn):
    return await request.app[keys.DATABASE].execute_fn(fn)


async def _write(request: web.Request, fn):
    return await request.app[keys.DATABASE].execute_write_fn(fn)


def _public_url(request: web.Request) -> str:
    return request.app[keys.SETTINGS].public_url


def _zone(request: web.Request) -> ZoneInfo:
    return request.app[keys.SETTINGS].zone


def _document(request: web.Request, proposal: P.Proposal, language: str) -> dict:
    # In the city's offset, like the polls and complaints APIs (issue 14).
    return P.public_dict(proposal, language, _public_url(request), _zone(request))


def _local_history(request: web.Request, steps: list[dict]) -> list[dict]:
    zone = _zone(request)
    return [{**step, "at": clock.local_iso(step["at"], zone)} for step in steps]


def _actor(official: officials.Official) -> str:
    return f"{official.name} (#{official.id})"


def _rules(request: web.Request) -> P.Rules:
    settings = request.app[keys.SETTINGS]
    return P.Rules(settings.proposal_threshold, settings.proposal_days, settings.timezone)


# -- public API ------------------------------------------------------------------------------------
def _statuses(query: StatusQuery) -> tuple[str, ...]:
    return (query.status,) if "status" in query.model_fields_set else P.STATUSES


@routes.get("/api/proposals")
@validated(
    "Citizen proposals, newest first",
    "listProposals",
    query=StatusQuery,
    response=ProposalList,
    responses={400: "Unknown status"},
)
async def list_proposals(request: web.Request, query: StatusQuery) -> ProposalList:
    statuses, language = _statuses(query), page_language(request)
    found = await _read(request, lambda db: P.list_proposals(db, statuses))
    return ProposalList.model_validate({"proposals": [_document(request, p, language) for p in found]})


@routes.get(r"/api/proposals/{id:\d+}")
@validated(
    "One proposal with its support count and status history",
    "getProposal",
    query=LangQuery,
    response=Proposal,
    responses={404: _NOT_FOUND},
    path_params=_ID,
)
async def get_proposal(request: web.Request, query: LangQuery) -> Proposal:
    proposal_id, language = int(request.match_info["id"]), page_language(request)

    def read(db):
        found = P.get(db, proposal_id)
        return (found, P.history(db, proposal_id)) if found else (None, [])

    found, steps = await _read(request, read)
    if found is None:
        raise ApiError(404, "not_found", f"There is no proposal {proposal_id}.")
    return Proposal.model_validate(
        {**_document(request, found, language), "history": _local_history(request, steps)}
    )


@routes.post("/api/proposals")
@validated(
    "Propose a poll question (web session); similar open proposals come back beside it",
    "createProposal",
    body=ProposalCreate,
    response=Proposal,
    status=201,
    security="session",
    responses={
        400: "Invalid JSON or an invalid proposal (the message names the field)",
        401: "No session token, or an unknown one",
        429: "The daily proposal limit, or too many requests",
    },
    before=require_session,
)
async def create_proposal(request: web.Request, body: ProposalCreate, auth: sessions.Session) -> Proposal:
    """POST /api/proposals (session): file a proposal; similar open ones come back beside it."""
    language = body.language or auth.language
    new = P.NewProposal(
        title=body.title,
        description=body.description or "",
        options=body.options,
        language=language,
        channel="web",
        user_id=auth.id,
        reply_to=auth.id,
        district=body.district,
    )
    secret, rules = request.app[keys.POLL_SECRET], _rules(request)

    def write(db):
        made = P.submit(db, secret, new, rules)
        text = f"{made.title} {made.description}"
        return made, [p for p in P.similar_open(db, text) if p.id != made.id]

    made, similar = await _write(request, write)
    similar_documents = [_document(request, p, language) for p in similar]
    return Proposal.model_validate({**_document(request, made, language), "similar": similar_documents})


@routes.post(r"/api/proposals/{id:\d+}/supports")
@validated(
    "Support a proposal (one support per web session; the threshold sends it to review)",
    "supportProposal",
    response=SupportResult,
    security="session",
    responses={
        401: "No session token, or an unknown one",
        404: _NOT_FOUND,
        409: "No longer collecting support (under review, decided or expired)",
        429: "Too many requests from this session or address",
    },
    path_params=_ID,
    before=require_session,
)
async def support_proposal(request: web.Request, auth: sessions.Session) -> SupportResult:
    """POST /api/proposals/{id}/supports (session): one support per person, counted from the set."""
    proposal_id = int(request.match_info["id"])
    secret = request.app[keys.POLL_SECRET]
    result = await _write(request, lambda db: P.support(db, secret, proposal_id, "web", auth.id))
    return SupportResult(
        proposal_id=proposal_id, supports=result.supports, added=result.added, status=result.status
    )


# -- officials -------------------------------------------------------------------------------------
@routes.get("/api/admin/proposals")
@validated(
    "Proposals for officials; ?status=under_review is the review queue, longest waiting first",
    "adminListProposals",
    query=StatusQuery,
    response=ProposalList,
    security="official",
    responses={400: "Unknown status", **_OFFICIAL},
    before=require_official,
)
async def admin_list(request: web.Request, query: StatusQuery, auth: officials.Official) -> ProposalList:
    """GET /api/admin/proposals?status=under_review: the review queue (counts only, never supporters)."""
    statuses, language = _statuses(query), page_language(request)
    found = await _read(request, lambda db: P.list_proposals(db, statuses))
    if statuses == (P.UNDER_REVIEW,):
        found = list(reversed(found))  # the queue: longest waiting first
    return ProposalList.model_validate({"proposals": [_document(request, p, language) for p in found]})


@routes.post(r"/api/admin/proposals/{id:\d+}/accept")
@validated(
    "Accept a proposal under review: creates its poll (linked both ways); audited, proposer told",
    "adminAcceptProposal",
    query=LangQuery,
    body=ProposalAccept,
    body_required=False,
    response=ProposalAccepted,
    security="official",
    responses={
        400: "Invalid JSON or a poll field the poll rules refuse",
        **_OFFICIAL,
        404: _NOT_FOUND,
        409: "The proposal is not under review",
    },
    path_params=_ID,
    before=require_official,
)
async def admin_accept(
    request: web.Request, query: LangQuery, body: ProposalAccept, auth: officials.Official
) -> ProposalAccepted:
    """Accept: create the poll pre-filled from the proposal (plus any overrides in the body)."""
    proposal_id = int(request.match_info["id"])
    zone, language = request.app[keys.SETTINGS].zone, page_language(request)
    found, poll = await _write(
        request,
        lambda db: P.accept(db, proposal_id, _actor(auth), zone, _public_url(request), body.poll),
    )
    return ProposalAccepted.model_validate(
        {"proposal": _document(request, found, language), "poll": polls.poll_document(poll, zone, language)}
    )


@routes.post(r"/api/admin/proposals/{id:\d+}/decline")
@validated(
    "Decline a proposal with a public reason in both languages; audited, proposer told",
    "adminDeclineProposal",
    query=LangQuery,
    body=ProposalDecline,
    response=Proposal,
    security="official",
    responses={
        400: "Invalid JSON, or a reason missing in Korean or English",
        **_OFFICIAL,
        404: _NOT_FOUND,
        409: "The proposal is already decided or expired",
    },
    path_params=_ID,
    before=require_official,
)
async def admin_decline(
    request: web.Request, query: LangQuery, body: ProposalDecline, auth: officials.Official
) -> Proposal:
    proposal_id = int(request.match_info["id"])
    if "reason" not in body.model_fields_set:
        raise ApiError(400, "invalid_reason", 'A decline needs \'reason\': {"ko": ..., "en": ...}.')
    found = await _write(request, lambda db: P.decline(db, proposal_id, _actor(auth), body.reason))
    return Proposal.model_validate(_document(request, found, page_language(request)))


# -- pages -----------------------------------------------------------------------------------------
async def page_list(request: web.Request) -> web.Response:
    language = page_language(request)
    found = await _read(request, lambda db: P.list_proposals(db))
    order = {P.COLLECTING: 0, P.UNDER_REVIEW: 1, P.ACCEPTED: 2, P.DECLINED: 3, P.EXPIRED: 4}
    rows = sorted(found, key=lambda p: order[p.status])
    return render(
        request,
        "proposals_list.html",
        proposals=[_row(p, language) for p in rows],
        threshold=request.app[keys.SETTINGS].proposal_threshold,
        text=page_text(language),
        lang=language,
    )


def _row(proposal: P.Proposal, language: str) -> dict:
    return {
        "id": proposal.id,
        "title": proposal.title,
        "status": proposal.status,
        "status_label": P.status_label(proposal.status, language),
        "supports": proposal.supports,
        "threshold": proposal.threshold,
        "bar": min(proposal.supports, proposal.threshold),
    }


async def page_detail(request: web.Request) -> web.Response:
    language, proposal_id = page_language(request), int(request.match_info["id"])
    zone = request.app[keys.SETTINGS].zone

    def read(db):
        found = P.get(db, proposal_id)
        return (found, P.history(db, proposal_id)) if found else (None, [])

    found, steps = await _read(request, read)
    text = page_text(language)
    if found is None:
        return render(request, "proposals_detail.html", status=404, proposal=None, text=text, lang=language)
    history = [
        {
            "label": P.status_label(step["status"], language),
            "at": polls.show_time(dt.datetime.fromisoformat(step["at"]), zone, language),
            "iso": step["at"],  # already in the city's offset
        }
        for step in _local_history(request, steps)
    ]
    return render(
        request,
        "proposals_detail.html",
        proposal=_row(found, language),
        description=found.description,
        options=found.options,
        district=polls.group_label("district", found.district, language) if found.district else None,
        deadline=polls.show_time(found.deadline, zone, language),
        deadline_iso=clock.local_iso(found.deadline, zone),
        reason=found.reason(language) if found.status == P.DECLINED else "",
        poll_id=found.poll_id,
        history=history,
        text=text,
        lang=language,
    )


def page_text(language: str) -> dict[str, str]:
    """Every string of the proposal pages in one language; placeholders are filled in the template."""
    return i18n.catalogue().section("proposal_pages", language)
