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

from civicbot import clock, i18n, keys, officials, polls
from civicbot import proposals as P
from civicbot.jsontext import dumps
from civicbot.web import jsonbody
from civicbot.web.auth import require_official, require_session
from civicbot.web.errors import ApiError
from civicbot.web.templating import page_language, render

log = logging.getLogger(__name__)

EXPIRE_CHECK_SECONDS = 60.0  # how often this server looks for proposals past their deadline


def setup_routes(app: web.Application) -> None:
    app.cleanup_ctx.append(_expiry)
    router = app.router
    router.add_get("/api/proposals", list_proposals)
    router.add_post("/api/proposals", create_proposal)
    router.add_get(r"/api/proposals/{id:\d+}", get_proposal)
    router.add_post(r"/api/proposals/{id:\d+}/supports", support_proposal)
    router.add_get("/api/admin/proposals", admin_list)
    router.add_post(r"/api/admin/proposals/{id:\d+}/accept", admin_accept)
    router.add_post(r"/api/admin/proposals/{id:\d+}/decline", admin_decline)
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
def _json(value: object, status: int = 200) -> web.Response:
    return web.json_response(value, status=status, dumps=dumps)


async def _read(request: web.Request, fn):
    return await request.app[keys.DATABASE].execute_fn(fn)


async def _write(request: web.Request, fn):
    return await request.app[keys.DATABASE].execute_write_fn(fn)


async def _json_body(request: web.Request, required: bool = True) -> dict:
    raw = await jsonbody.read_limited(request, request.client_max_size)
    return jsonbody.loads_object(raw) if raw or required else {}


def _statuses(request: web.Request, default: tuple[str, ...] = P.STATUSES) -> tuple[str, ...]:
    wanted = request.query.get("status")
    if wanted is None:
        return default
    if wanted not in P.STATUSES:
        raise ApiError(400, "invalid_status", f"'status' must be one of {', '.join(P.STATUSES)}.")
    return (wanted,)


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
async def list_proposals(request: web.Request) -> web.Response:
    statuses, language = _statuses(request), page_language(request)
    found = await _read(request, lambda db: P.list_proposals(db, statuses))
    return _json({"proposals": [_document(request, p, language) for p in found]})


async def get_proposal(request: web.Request) -> web.Response:
    proposal_id, language = int(request.match_info["id"]), page_language(request)

    def read(db):
        found = P.get(db, proposal_id)
        return (found, P.history(db, proposal_id)) if found else (None, [])

    found, steps = await _read(request, read)
    if found is None:
        raise ApiError(404, "not_found", f"There is no proposal {proposal_id}.")
    return _json({**_document(request, found, language), "history": _local_history(request, steps)})


def _only(body: dict, allowed: tuple[str, ...]) -> None:
    unknown = sorted(str(k) for k in body if k not in allowed)
    if unknown:
        raise ApiError(
            400, "unknown_field", f"Unknown field '{unknown[0]}'; the fields are {', '.join(allowed)}."
        )


def _text_field(body: dict, name: str) -> object:
    value = body.get(name)
    if name in ("title", "options") and value is None:
        raise ApiError(400, "missing_field", f"'{name}' is required.")
    return value


async def create_proposal(request: web.Request) -> web.Response:
    """POST /api/proposals (session): file a proposal; similar open ones come back beside it."""
    session = await require_session(request)
    body = await _json_body(request)
    _only(body, ("title", "description", "options", "district", "language"))
    language = body.get("language", session.language)
    if language not in ("ko", "en"):
        raise ApiError(400, "invalid_field", "'language' must be 'ko' or 'en'.")
    new = P.NewProposal(
        title=_text_field(body, "title"),
        description=_text_field(body, "description") or "",
        options=_text_field(body, "options"),
        language=language,
        channel="web",
        user_id=session.id,
        reply_to=session.id,
        district=body.get("district"),
    )
    secret, rules = request.app[keys.POLL_SECRET], _rules(request)

    def write(db):
        made = P.submit(db, secret, new, rules)
        text = f"{made.title} {made.description}"
        return made, [p for p in P.similar_open(db, text) if p.id != made.id]

    made, similar = await _write(request, write)
    return _json(
        {**_document(request, made, language), "similar": [_document(request, p, language) for p in similar]},
        status=201,
    )


async def support_proposal(request: web.Request) -> web.Response:
    """POST /api/proposals/{id}/supports (session): one support per person, counted from the set."""
    proposal_id = int(request.match_info["id"])
    session = await require_session(request)
    secret = request.app[keys.POLL_SECRET]
    result = await _write(request, lambda db: P.support(db, secret, proposal_id, "web", session.id))
    return _json(
        {
            "proposal_id": proposal_id,
            "supports": result.supports,
            "added": result.added,
            "status": result.status,
        }
    )


# -- officials -------------------------------------------------------------------------------------
async def admin_list(request: web.Request) -> web.Response:
    """GET /api/admin/proposals?status=under_review: the review queue (counts only, never supporters)."""
    await require_official(request)
    statuses, language = _statuses(request), page_language(request)
    found = await _read(request, lambda db: P.list_proposals(db, statuses))
    if statuses == (P.UNDER_REVIEW,):
        found = list(reversed(found))  # the queue: longest waiting first
    return _json({"proposals": [_document(request, p, language) for p in found]})


async def admin_accept(request: web.Request) -> web.Response:
    """Accept: create the poll pre-filled from the proposal (plus any overrides in the body)."""
    official = await require_official(request)
    proposal_id = int(request.match_info["id"])
    body = await _json_body(request, required=False)
    _only(body, ("poll",))
    overrides = body.get("poll", {})
    if not isinstance(overrides, dict):
        raise ApiError(400, "invalid_field", "'poll' must be an object of poll fields.")
    zone, language = request.app[keys.SETTINGS].zone, page_language(request)
    found, poll = await _write(
        request,
        lambda db: P.accept(db, proposal_id, _actor(official), zone, _public_url(request), overrides),
    )
    return _json(
        {"proposal": _document(request, found, language), "poll": polls.poll_document(poll, zone, language)}
    )


async def admin_decline(request: web.Request) -> web.Response:
    official = await require_official(request)
    proposal_id = int(request.match_info["id"])
    body = await _json_body(request)
    _only(body, ("reason",))
    if "reason" not in body:
        raise ApiError(400, "invalid_reason", 'A decline needs \'reason\': {"ko": ..., "en": ...}.')
    found = await _write(request, lambda db: P.decline(db, proposal_id, _actor(official), body["reason"]))
    return _json(_document(request, found, page_language(request)))


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
