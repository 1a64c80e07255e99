"""Polls over HTTP: the public API and pages, and the officials' admin API.

Views stay thin: they parse the request, call civicbot.polls on the writer or a reader thread, and
render. A PollError propagates: civicbot.web.errors gives it its status.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator

from aiohttp import web

from civicbot import keys, officials, poll_content, polls, sessions
from civicbot.i18n import catalogue
from civicbot.poll_shapes import (
    Bulletin,
    Poll,
    PollExport,
    PollId,
    PollList,
    PollResults,
    ReceiptCheck,
    VoteReceipt,
    VoteRequest,
)
from civicbot.shapes import LangQuery
from civicbot.text import clean
from civicbot.web import jsonbody
from civicbot.web.auth import OFFICIAL, SESSION
from civicbot.web.boundary import Api, Download, PathId
from civicbot.web.errors import ApiError
from civicbot.web.handlers import (
    EXPORT_TYPES,
    PAGE_ID_ROUTE,
    download,
    every,
    found,
    page_id,
    path_id,
    read,
    write,
    zone,
)
from civicbot.web.templating import page_language, render

log = logging.getLogger(__name__)


def setup_routes(app: web.Application) -> None:
    app.cleanup_ctx.append(_sync_content)
    app.cleanup_ctx.append(every(lambda app: app[keys.SETTINGS].poll_check_seconds, close_due_polls))
    app.cleanup_ctx.append(every(lambda app: polls.MIX_SECONDS, mix_open_polls))
    router = app.router
    router.add_routes(routes)
    router.add_get("/polls", page_list)
    router.add_get(f"/polls/{PAGE_ID_ROUTE}", page_poll)
    # The receipt check is a form POST: a receipt in a URL would sit in history, logs and referrers.
    router.add_post(f"/polls/{PAGE_ID_ROUTE}", page_poll)


routes = Api(
    PathId.number(PollId, "No such poll (drafts are not public)", "poll_not_found", "There is no such poll.")
)


# -- the server's own work: publish polls/*.yaml at start, close polls when their time is up ----------
async def _sync_content(app: web.Application) -> AsyncIterator[None]:
    settings, db = app[keys.SETTINGS], app[keys.DATABASE]
    app[keys.POLL_SECRET] = await asyncio.to_thread(settings.secret)
    zone = settings.zone
    report = await db.execute_write_fn(lambda conn: poll_content.sync_polls(conn, settings.polls_dir, zone))
    for error in report.errors:
        log.warning("polls: %s", error)
    log.info("polls synced from %s: %s", settings.polls_dir, report.summary())
    yield


async def close_due_polls(app: web.Application) -> None:
    """Close the polls whose time is up and take the live figures' snapshots, in batches."""
    settings, db = app[keys.SETTINGS], app[keys.DATABASE]
    closed = await db.execute_write_fn(lambda conn: polls.close_due_polls(conn, settings.public_url))
    if closed:
        log.info("polls closed on time: %s", closed)
    await db.execute_write_fn(polls.take_due_snapshots)


async def mix_open_polls(app: web.Application) -> None:
    """PostgreSQL only: see polls.mix_participation."""
    await app[keys.DATABASE].execute_write_fn(polls.mix_open_polls)


# -- helpers ---------------------------------------------------------------------------------------
async def _poll(request: web.Request, public: bool = True) -> polls.Poll:
    """The poll in the path; drafts are invisible to the public (404 either way)."""
    poll_id = path_id(request)
    poll = await read(request, lambda db: polls.get_poll(db, poll_id))
    visible = poll if poll is None or poll.public or not public else None
    return found(visible, "poll_not_found", f"There is no poll {poll_id}.")


def _document(request: web.Request, poll: polls.Poll) -> Poll:
    return polls.poll_shape(poll, zone(request), page_language(request))


async def _list(request: web.Request, include_drafts: bool = False) -> PollList:
    tz, language = zone(request), page_language(request)
    return await read(request, lambda db: polls.public_list(db, tz, language, include_drafts))


# -- public API ------------------------------------------------------------------------------------
@routes.get("/api/polls")
async def list_polls(request: web.Request, query: LangQuery) -> PollList:
    """Published polls, newest first"""
    return await _list(request)


@routes.get("/api/polls/{id}")
async def get_poll(request: web.Request, query: LangQuery) -> Poll:
    """One poll, with its options and the chain head"""
    poll, tz, language = await _poll(request), zone(request), page_language(request)
    return await read(request, lambda db: polls.public_summary(db, poll, tz, language, head=True))


@routes.get("/api/polls/{id}/results")
async def get_poll_results(request: web.Request, query: LangQuery) -> PollResults:
    """Counts, percentages, turnout and breakdowns (cells under 5 voters suppressed)

    Status Codes:
        403: Results are published when the poll closes
    """
    poll, tz, language = await _poll(request), zone(request), page_language(request)
    return await read(request, lambda db: polls.published_results(db, poll, language, tz))


@routes.get("/api/polls/{id}/bulletin")
async def get_poll_bulletin(request: web.Request) -> Bulletin:
    """The public bulletin: every receipt with its choices and chain hash

    Status Codes:
        403: Published with the results, when the poll closes
    """
    poll, tz = await _poll(request), zone(request)
    return await read(request, lambda db: polls.published_bulletin(db, poll, tz))


_RECEIPT = {
    "type": "string",
    "pattern": "^[A-Za-z2-7]{26}$",
    "description": "The receipt code (case, dashes, spaces and full-width forms do not matter)",
}


@routes.get("/api/polls/{id}/receipts/{receipt}", path_params={"receipt": _RECEIPT})
async def check_receipt(request: web.Request) -> ReceiptCheck:
    """Check that the ballot with this receipt is counted

    Status Codes:
        400: Not a receipt (26 characters A-Z, 2-7)
        404: No such poll, or no ballot with this receipt
    """
    poll = await _poll(request)
    receipt = polls.normalise_receipt(clean(request.match_info["receipt"]))  # full-width forms too
    if receipt is None:
        raise ApiError(400, "invalid_receipt", "A receipt is 26 letters and digits (A-Z, 2-7).")
    check = await read(request, lambda db: polls.receipt_check(db, poll, receipt))
    return found(check, "receipt_not_found", "No ballot of this poll has that receipt.")


@routes.post("/api/polls/{id}/votes", status=201, access=SESSION)
async def vote(request: web.Request, body: VoteRequest, auth: sessions.Session) -> VoteReceipt:
    """Vote (one vote per web session and poll)

    Status Codes:
        400: Invalid JSON, no choice, unknown options, too many choices, bad district
        403: The poll does not take web votes, or not from this district
        409: Already voted in this poll, or the poll is closed or not yet open
    """
    voter, secret = body.voter(auth.id, auth.language), request.app[keys.POLL_SECRET]
    ballot = await polls.vote(request.app[keys.DATABASE], secret, path_id(request), voter, body.choices)
    return polls.vote_receipt(ballot, request.app[keys.SETTINGS].public_url)


# -- officials -------------------------------------------------------------------------------------
@routes.get("/api/admin/polls", access=OFFICIAL)
async def admin_list_polls(request: web.Request, query: LangQuery, auth: officials.Official) -> PollList:
    """Every poll, drafts included (officials)"""
    return await _list(request, include_drafts=True)


@routes.post(
    "/api/admin/polls",
    body=polls.PollDefinition,
    parse_body=False,
    response=Poll,
    status=201,
    access=OFFICIAL,
)
async def admin_create_poll(
    request: web.Request, query: LangQuery, body: dict, auth: officials.Official
) -> Poll:
    """Create a poll (officials); written to the audit log

    Status Codes:
        400: Invalid JSON or an invalid poll (the message names the field); closes_at must be later than
            opens_at and in the future
        409: The slug is taken
    """
    tz = zone(request)  # a SpecError is the 400 invalid_poll
    return _document(request, await write(request, lambda db: polls.create_from(db, body, tz, auth.actor)))


# An official opening or closing the poll in the path: the poll comes back.
_STATE_CHANGE = {"access": OFFICIAL, "responses": {409: "The poll is not in a state that allows this"}}


@routes.post("/api/admin/polls/{id}/open", **_STATE_CHANGE)
async def admin_open_poll(request: web.Request, query: LangQuery, auth: officials.Official) -> Poll:
    """Publish a draft poll (officials); written to the audit log"""
    poll = await _poll(request, public=False)
    return _document(request, await write(request, lambda db: polls.publish_poll(db, poll.id, auth.actor)))


@routes.post("/api/admin/polls/{id}/close", **_STATE_CHANGE)
async def admin_close_poll(request: web.Request, query: LangQuery, auth: officials.Official) -> Poll:
    """Close a poll now (officials): freezes the tally and notifies voters; audited"""
    poll = await _poll(request, public=False)
    url = polls.results_link(request.app[keys.SETTINGS].public_url, poll.id)
    closed = await write(request, lambda db: polls.close_poll(db, poll.id, auth.actor, url))
    return _document(request, closed)


async def export(
    request: web.Request, poll: polls.Poll, part: str, language: str, actor: str, audited: dict | None = None
) -> web.Response:
    """A poll's ``part`` (results or bulletin) as a file in the path's format, written to the audit
    log with who and when (``audited`` adds to the entry). The API and the console both use it."""
    fmt, database = request.match_info["format"], request.app[keys.DATABASE]
    body = await polls.audited_export(
        database, poll, part, fmt, zone(request), language, actor, audited or {}
    )
    return download(body, fmt, f"poll-{poll.id}-{part}.{fmt}")


def _download(model: type) -> dict:
    """An official's download of the poll in the path, as the path's extension says."""
    return {
        "query": LangQuery,
        "access": OFFICIAL,
        "responses": {200: Download("The export", model, EXPORT_TYPES)},
    }


@routes.get("/api/admin/polls/{id}/export.{format:csv|xlsx|json}", **_download(PollExport))
async def export_results(request: web.Request, query: LangQuery, auth: officials.Official) -> web.Response:
    """Export the results (aggregates only)

    Written to the audit log with who and when. Never contains a voter key or user id."""
    poll = await _poll(request, public=False)
    return await export(request, poll, "results", page_language(request), auth.actor)


@routes.get("/api/admin/polls/{id}/bulletin.{format:csv|json}", **_download(Bulletin))
async def export_bulletin(request: web.Request, query: LangQuery, auth: officials.Official) -> web.Response:
    """Export the bulletin for audit

    Written to the audit log with who and when. Never contains a voter key or user id."""
    poll = await _poll(request, public=False)
    return await export(request, poll, "bulletin", page_language(request), auth.actor, {"part": "bulletin"})


# -- pages -----------------------------------------------------------------------------------------
async def page_list(request: web.Request) -> web.Response:
    tz, language = zone(request), page_language(request)
    rows = await read(request, lambda db: polls.page_rows(db, tz, language))
    return render(request, "polls_list.html", polls=rows, words="poll_pages", lang=language)


async def page_poll(request: web.Request) -> web.Response:
    """A poll's page; POSTed a receipt code (the form), its check too. The code is read as every
    citizen's text is (``clean``: NFKC, so an IME's full-width ＡＢＣ２ is ABC2); a form that cannot
    be read is the page of a bad request, not the JSON error."""
    tz, language, poll_id = zone(request), page_language(request), page_id(request)
    wanted = ""
    if request.method == "POST":
        try:
            fields = await jsonbody.post_fields(request)
        except ApiError as error:
            back = {"back": "/polls", "back_text": catalogue().section("poll_pages", language)["back"]}
            return render(request, "bad_request.html", error.status, lang=language, **back)
        given = next((value for key, value in fields if key == "receipt"), "")
        wanted = clean(given).strip()[:80] if isinstance(given, str) else ""
    receipt = polls.normalise_receipt(wanted) if wanted else None
    page = await read(request, lambda db: polls.public_page(db, poll_id, language, receipt, tz))
    if page is None:
        return render(request, "poll_results.html", 404, "poll_pages", poll=None, lang=language)
    valid = receipt is not None
    return render(
        request,
        "poll_results.html",
        words="poll_pages",
        **page,
        receipt_query=wanted,
        receipt_valid=valid,
        lang=language,
    )
