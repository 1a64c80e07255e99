"""Polls over HTTP: the public API and pages, and the officials' admin API.

Views stay thin: they parse the request, call civicbot.polls on the writer or a reader thread, and
render. A PollError propagates: civicbot.web.errors gives it its status.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator
from zoneinfo import ZoneInfo

from aiohttp import web

from civicbot import clock, i18n, keys, officials, poll_content, polls, sessions
from civicbot.i18n import t
from civicbot.web.auth import require_official, require_session
from civicbot.web.boundary import Download, validated
from civicbot.web.errors import ApiError
from civicbot.web.models import (
    Bulletin,
    LangQuery,
    Poll,
    PollExport,
    PollId,
    PollList,
    PollResults,
    ReceiptCheck,
    VoteReceipt,
    VoteRequest,
)
from civicbot.web.templating import page_language, render

log = logging.getLogger(__name__)


EXPORT_TYPES = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}


def setup_routes(app: web.Application) -> None:
    app.cleanup_ctx.append(_housekeeping)
    router = app.router
    router.add_routes(routes)
    router.add_get("/polls", page_list)
    router.add_get(r"/polls/{id:\d+}", page_poll)
    # The receipt check is a form POST: a receipt in a URL would sit in history, logs and referrers.
    router.add_post(r"/polls/{id:\d+}", page_poll)


routes = web.RouteTableDef()
_POLL_ID = {"id": PollId}
_NOT_FOUND = "No such poll (drafts are not public)"
_OFFICIAL = {401: "No official's token", 403: "A revoked or unknown token", 404: _NOT_FOUND}
_ADMIN_ACTION = {**_OFFICIAL, 409: "The poll is not in a state that allows this"}


# -- the server's own work: publish polls/*.yaml at start, close polls when their time is up ----------
async def _housekeeping(app: web.Application) -> AsyncIterator[None]:
    settings, db = app[keys.SETTINGS], app[keys.DATABASE]
    app[keys.POLL_SECRET] = await asyncio.to_thread(settings.secret)
    zone = settings.zone
    report = await db.execute_write_fn(lambda conn: poll_content.sync_polls(conn, settings.polls_dir, zone))
    for error in report.errors:
        log.warning("polls: %s", error)
    log.info("polls synced from %s: %s", settings.polls_dir, report.summary())
    task = asyncio.create_task(_close_due_loop(app))
    yield
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


async def _close_due_loop(app: web.Application) -> None:
    settings, db = app[keys.SETTINGS], app[keys.DATABASE]
    last_mix = time.monotonic()
    while True:
        try:
            closed = await db.execute_write_fn(lambda conn: polls.close_due_polls(conn, settings.public_url))
            if closed:
                log.info("polls closed on time: %s", closed)
            await db.execute_write_fn(polls.take_due_snapshots)  # live figures, in batches
            if time.monotonic() - last_mix > polls.MIX_SECONDS:  # PostgreSQL only: see mix_participation
                last_mix = time.monotonic()
                await db.execute_write_fn(polls.mix_open_polls)
        except Exception:  # a failed round must not stop the timer; the next one retries
            log.exception("closing due polls failed")
        await asyncio.sleep(settings.poll_check_seconds)


# -- helpers ---------------------------------------------------------------------------------------
def _zone(request: web.Request) -> ZoneInfo:
    return request.app[keys.SETTINGS].zone


def _local(value: str | None, zone: ZoneInfo) -> str | None:
    """A stored ISO time (UTC) as the API shows every time: the same instant in the city's offset."""
    return None if value is None else clock.local_iso(value, zone)


async def _read(request: web.Request, fn):
    return await request.app[keys.DATABASE].execute_fn(fn)


async def _write(request: web.Request, fn):
    return await request.app[keys.DATABASE].execute_write_fn(fn)


async def _public_poll(request: web.Request) -> polls.Poll:
    """The poll in the path; drafts are invisible to the public."""
    poll_id = _poll_id(request)
    poll = await _read(request, lambda db: polls.get_poll(db, poll_id))
    if poll is None or not poll.public:
        raise ApiError(404, "poll_not_found", f"There is no poll {poll_id}.")
    return poll


async def _any_poll(request: web.Request) -> polls.Poll:
    poll_id = _poll_id(request)
    poll = await _read(request, lambda db: polls.get_poll(db, poll_id))
    if poll is None:
        raise ApiError(404, "poll_not_found", f"There is no poll {poll_id}.")
    return poll


def _hidden(poll: polls.Poll, zone: ZoneInfo) -> ApiError:
    when = poll.closes_at.astimezone(zone).isoformat()
    return ApiError(403, "results_hidden", f"The results of this poll are published when it closes ({when}).")


def _poll_id(request: web.Request) -> int:
    """The poll id in the path: bounded digits, so '/api/polls/<5000 digits>' is a 404, not a 500."""
    raw = request.match_info["id"]
    if len(raw) > 12:
        raise ApiError(404, "poll_not_found", "There is no such poll.")
    return int(raw)


def _actor(official: officials.Official) -> str:
    return f"{official.name} (#{official.id})"


def _summary(db, poll: polls.Poll, zone: ZoneInfo, language: str) -> dict:
    return {**polls.poll_document(poll, zone, language), "ballots": polls.public_ballot_count(db, poll)}


# -- public API ------------------------------------------------------------------------------------
@routes.get("/api/polls")
@validated("Published polls, newest first", "listPolls", query=LangQuery, response=PollList)
async def list_polls(request: web.Request, query: LangQuery) -> PollList:
    zone, language = _zone(request), page_language(request)
    found = await _read(request, lambda db: [_summary(db, p, zone, language) for p in polls.list_polls(db)])
    return PollList.model_validate({"polls": found})


@routes.get(r"/api/polls/{id:\d+}")
@validated(
    "One poll, with its options and the chain head",
    "getPoll",
    query=LangQuery,
    response=Poll,
    responses={404: _NOT_FOUND},
    path_params=_POLL_ID,
)
async def get_poll(request: web.Request, query: LangQuery) -> Poll:
    poll = await _public_poll(request)
    zone, language = _zone(request), page_language(request)

    def read(db) -> dict:
        return {**_summary(db, poll, zone, language), "chain_head": polls.public_head(db, poll)}

    return Poll.model_validate(await _read(request, read))


@routes.get(r"/api/polls/{id:\d+}/results")
@validated(
    "Counts, percentages, turnout and breakdowns (cells under 5 voters suppressed)",
    "getPollResults",
    query=LangQuery,
    response=PollResults,
    responses={403: "Results are published when the poll closes", 404: _NOT_FOUND},
    path_params=_POLL_ID,
)
async def get_results(request: web.Request, query: LangQuery) -> PollResults:
    poll = await _public_poll(request)
    if not poll.results_visible():
        raise _hidden(poll, _zone(request))
    language = page_language(request)
    found = await _read(request, lambda db: polls.public_results(db, poll, language))
    if "snapshot_at" in found:  # stored in UTC; the API speaks the city's offset
        found["snapshot_at"] = _local(found["snapshot_at"], _zone(request))
    return PollResults.model_validate({**found, "status": poll.phase()})


@routes.get(r"/api/polls/{id:\d+}/bulletin")
@validated(
    "The public bulletin: every receipt with its choices and chain hash",
    "getPollBulletin",
    response=Bulletin,
    responses={403: "Published with the results, when the poll closes", 404: _NOT_FOUND},
    path_params=_POLL_ID,
)
async def get_bulletin(request: web.Request) -> Bulletin:
    poll = await _public_poll(request)
    if polls.is_live(poll):
        # Its order is the order of voting: published while open, it would pair a ballot with
        # the moment someone was seen voting. So the bulletin is published at close.
        when = poll.closes_at.astimezone(_zone(request)).isoformat()
        raise ApiError(403, "bulletin_at_close", f"The bulletin is published when the poll closes ({when}).")
    return Bulletin.model_validate(await _read(request, lambda db: polls.bulletin_document(db, poll)))


@routes.get(r"/api/polls/{id:\d+}/receipts/{receipt}")
@validated(
    "Check that the ballot with this receipt is counted",
    "checkReceipt",
    response=ReceiptCheck,
    responses={
        400: "Not a receipt (26 characters A-Z, 2-7)",
        404: "No such poll, or no ballot with this receipt",
    },
    path_params={
        **_POLL_ID,
        "receipt": {
            "type": "string",
            "pattern": "^[A-Za-z2-7]{26}$",
            "description": "The receipt code (case and dashes do not matter)",
        },
    },
)
async def get_receipt(request: web.Request) -> ReceiptCheck:
    poll = await _public_poll(request)
    receipt = polls.normalise_receipt(request.match_info["receipt"])
    if receipt is None:
        raise ApiError(400, "invalid_receipt", "A receipt is 26 letters and digits (A-Z, 2-7).")

    def read(db):
        return polls.find_ballot(db, poll.id, receipt), polls.public_head(db, poll)

    ballot, head = await _read(request, read)
    if ballot is None:
        raise ApiError(404, "receipt_not_found", "No ballot of this poll has that receipt.")
    return ReceiptCheck(
        poll_id=poll.id,
        receipt=ballot.receipt,
        counted=True,
        seq=ballot.seq,
        choices=list(ballot.choices),
        hash=ballot.hash,
        chain_head=head,
    )


async def _session_for_vote(request: web.Request):
    _poll_id(request)  # a 5,000-digit id is a 404 before anything else
    return await require_session(request)


@routes.post(r"/api/polls/{id:\d+}/votes")
@validated(
    "Vote (one vote per web session and poll)",
    "vote",
    body=VoteRequest,
    response=VoteReceipt,
    status=201,
    security="session",
    responses={
        400: "Invalid JSON, no choice, unknown options, too many choices, bad district",
        401: "No session token, or an unknown one",
        403: "The poll does not take web votes, or not from this district",
        404: _NOT_FOUND,
        409: "Already voted in this poll, or the poll is closed or not yet open",
        429: "Too many requests from this session or address",
    },
    path_params=_POLL_ID,
    before=_session_for_vote,
)
async def post_vote(request: web.Request, body: VoteRequest, auth: sessions.Session) -> VoteReceipt:
    poll_id = _poll_id(request)
    voter = polls.Voter(
        channel="web",
        user_id=auth.id,
        district=body.district,
        age=body.age_band,
        notify=auth.id if body.notify else "",
        language=auth.language,
    )
    secret = request.app[keys.POLL_SECRET]
    ballot = await polls.vote(request.app[keys.DATABASE], secret, poll_id, voter, body.choices)
    public_url = request.app[keys.SETTINGS].public_url
    return VoteReceipt(
        poll_id=poll_id,
        receipt=ballot.receipt,
        seq=ballot.seq,
        chain_head=ballot.hash,
        results_url=polls.results_url(public_url, poll_id),
    )


# -- officials -------------------------------------------------------------------------------------
@routes.get("/api/admin/polls")
@validated(
    "Every poll, drafts included (officials)",
    "adminListPolls",
    query=LangQuery,
    response=PollList,
    security="official",
    responses={401: _OFFICIAL[401], 403: _OFFICIAL[403]},
    before=require_official,
)
async def admin_list(request: web.Request, query: LangQuery, auth: officials.Official) -> PollList:
    zone, language = _zone(request), page_language(request)

    def read(db) -> list[dict]:
        return [_summary(db, p, zone, language) for p in polls.list_polls(db, include_drafts=True)]

    return PollList.model_validate({"polls": await _read(request, read)})


@routes.post("/api/admin/polls")
@validated(
    "Create a poll (officials); written to the audit log",
    "adminCreatePoll",
    query=LangQuery,
    body=polls.PollDefinition,
    parse_body=False,
    response=Poll,
    status=201,
    security="official",
    responses={
        400: "Invalid JSON or an invalid poll (the message names the field); closes_at must be later "
        "than opens_at and in the future",
        401: _OFFICIAL[401],
        403: _OFFICIAL[403],
        409: "The slug is taken",
    },
    before=require_official,
)
async def admin_create(request: web.Request, query: LangQuery, body: dict, auth: officials.Official) -> Poll:
    zone, now = _zone(request), clock.now()
    spec = polls.parse_spec(body, zone, now)  # a SpecError is the 400 invalid_poll
    if spec.closes_at <= now:
        raise ApiError(400, "invalid_poll", "'closes_at' is in the past.")
    language = page_language(request)
    poll = await _write(request, lambda db: polls.create_poll(db, spec, _actor(auth), now))
    return Poll.model_validate(polls.poll_document(poll, zone, language))


@routes.post(r"/api/admin/polls/{id:\d+}/open")
@validated(
    "Publish a draft poll (officials); written to the audit log",
    "adminOpenPoll",
    query=LangQuery,
    response=Poll,
    security="official",
    responses=_ADMIN_ACTION,
    path_params=_POLL_ID,
    before=require_official,
)
async def admin_open(request: web.Request, query: LangQuery, auth: officials.Official) -> Poll:
    poll = await _any_poll(request)
    opened = await _write(request, lambda db: polls.publish_poll(db, poll.id, _actor(auth)))
    return Poll.model_validate(polls.poll_document(opened, _zone(request), page_language(request)))


@routes.post(r"/api/admin/polls/{id:\d+}/close")
@validated(
    "Close a poll now (officials): freezes the tally and notifies voters; audited",
    "adminClosePoll",
    query=LangQuery,
    response=Poll,
    security="official",
    responses=_ADMIN_ACTION,
    path_params=_POLL_ID,
    before=require_official,
)
async def admin_close(request: web.Request, query: LangQuery, auth: officials.Official) -> Poll:
    poll = await _any_poll(request)
    url = polls.results_link(request.app[keys.SETTINGS].public_url, poll.id)
    closed = await _write(request, lambda db: polls.close_poll(db, poll.id, _actor(auth), url))
    return Poll.model_validate(polls.poll_document(closed, _zone(request), page_language(request)))


def _download(body: bytes, fmt: str, filename: str) -> web.Response:
    response = web.Response(body=body, content_type=EXPORT_TYPES[fmt])
    if fmt != "xlsx":
        response.charset = "utf-8"
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


_EXPORT_DOC = "Written to the audit log with who and when. Never contains a voter key or user id."


@routes.get(r"/api/admin/polls/{id:\d+}/export.{format:csv|xlsx|json}")
@validated(
    "Export the results (aggregates only)",
    "exportResults",
    query=LangQuery,
    description=_EXPORT_DOC,
    security="official",
    responses={200: Download("The export", PollExport, EXPORT_TYPES), **_OFFICIAL},
    path_params=_POLL_ID,
    before=require_official,
)
async def admin_export(request: web.Request, query: LangQuery, auth: officials.Official) -> web.Response:
    official = auth
    poll = await _any_poll(request)
    fmt, zone, language = request.match_info["format"], _zone(request), page_language(request)

    def build(db) -> bytes:
        document = polls.export_document(db, poll, zone, language)
        if fmt == "csv":
            return polls.export_csv(document, language)
        if fmt == "xlsx":
            return polls.export_xlsx(document, language)
        return polls.export_json(document)

    body = await _read(request, build)
    await _write(
        request,
        lambda db: officials.audit(db, _actor(official), "poll.export", str(poll.id), {"format": fmt}),
    )
    return _download(body, fmt, f"poll-{poll.id}-results.{fmt}")


@routes.get(r"/api/admin/polls/{id:\d+}/bulletin.{format:csv|json}")
@validated(
    "Export the bulletin for audit",
    "exportBulletin",
    query=LangQuery,
    description=_EXPORT_DOC,
    security="official",
    responses={200: Download("The export", Bulletin, EXPORT_TYPES), **_OFFICIAL},
    path_params=_POLL_ID,
    before=require_official,
)
async def admin_export_bulletin(
    request: web.Request, query: LangQuery, auth: officials.Official
) -> web.Response:
    """The audit export: every receipt with its choices and chain hash."""
    official = auth
    poll = await _any_poll(request)
    fmt, language = request.match_info["format"], page_language(request)

    def build(db) -> bytes:
        document = polls.bulletin_document(db, poll)
        return polls.bulletin_csv(document, poll, language) if fmt == "csv" else polls.export_json(document)

    body = await _read(request, build)
    detail = {"format": fmt, "part": "bulletin"}
    await _write(
        request, lambda db: officials.audit(db, _actor(official), "poll.export", str(poll.id), detail)
    )
    return _download(body, fmt, f"poll-{poll.id}-bulletin.{fmt}")


# -- pages -----------------------------------------------------------------------------------------
def _phase_label(phase: str, language: str) -> str:
    key = f"poll_pages.phase_{phase}"
    return t(key, language) if i18n.catalogue().has(key) else phase


async def page_list(request: web.Request) -> web.Response:
    zone, language = _zone(request), page_language(request)

    def read(db) -> list[dict]:
        rows = []
        for poll in polls.list_polls(db):
            phase = poll.phase()
            rows.append(
                {
                    "id": poll.id,
                    "title": poll.title(language),
                    "phase": phase,
                    "phase_label": _phase_label(phase, language),
                    "opens": polls.show_time(poll.opens_at, zone, language),
                    "closes": polls.show_time(poll.closed_at or poll.closes_at, zone, language),
                    "ballots": polls.public_ballot_count(db, poll),
                }
            )
        order = {"open": 0, "scheduled": 1, "closed": 2}
        return sorted(rows, key=lambda r: order.get(r["phase"], 3))

    rows = await _read(request, read)
    return render(request, "polls_list.html", polls=rows, text=page_text(language), lang=language)


def chart_bars(options: list[dict]) -> list[dict]:
    """Bar lengths for the results chart (0-100, the leading option full length), computed here:
    the page runs no script and the CSP allows no style= attribute, so SVG geometry carries them."""
    widest = max((o["percent"] for o in options), default=0.0) or 1.0
    return [{**o, "width": round(100.0 * o["percent"] / widest, 1)} for o in options]


async def page_poll(request: web.Request) -> web.Response:
    zone, language = _zone(request), page_language(request)
    poll_id = _poll_id(request)
    wanted = ""
    if request.method == "POST":
        form = await request.post()
        wanted = str(form.get("receipt", "")).strip()[:80]
    receipt = polls.normalise_receipt(wanted) if wanted else None

    def read(db) -> dict | None:
        poll = polls.get_poll(db, poll_id)
        if poll is None or not poll.public:
            return None
        visible = poll.results_visible()
        found = polls.public_results(db, poll, language) if visible else None
        ballot = polls.find_ballot(db, poll.id, receipt) if receipt else None
        return {
            "poll": poll,
            "results": found,
            "ballots": polls.public_ballot_count(db, poll),
            "head": polls.public_head(db, poll),
            "ballot": ballot,
        }

    data = await _read(request, read)
    if data is None:
        return render(
            request, "poll_results.html", status=404, poll=None, text=page_text(language), lang=language
        )
    poll: polls.Poll = data["poll"]
    phase = poll.phase()
    results = data["results"]
    return render(
        request,
        "poll_results.html",
        poll=poll,
        title=poll.title(language),
        description=poll.description(language),
        phase=phase,
        phase_label=_phase_label(phase, language),
        opens=polls.show_time(poll.opens_at, zone, language),
        closes=polls.show_time(poll.closes_at, zone, language),
        closed=polls.show_time(poll.closed_at, zone, language) if poll.closed_at else None,
        results=results,
        bars=chart_bars(results["options"]) if results else [],
        ballots=data["ballots"],
        head=data["head"],
        receipt_query=wanted,
        receipt_valid=receipt is not None,
        ballot=data["ballot"],
        ballot_choices=", ".join(
            poll.option(c).label(language)
            for c in (data["ballot"].choices if data["ballot"] else ())
            if poll.option(c)
        ),
        max_choices=poll.max_choices,
        text=page_text(language),
        lang=language,
    )


def page_text(language: str) -> dict[str, str]:
    """Every string of the poll pages in one language; placeholders are filled in the template."""
    return i18n.catalogue().section("poll_pages", language)
