"""Polls over HTTP: the public API and pages, and the officials' admin API.

Views stay thin: they parse the request, call civicbot.polls on the writer or a reader thread, and
render. A PollError propagates: civicbot.web.errors gives it its status.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import json
import logging
import time
from collections.abc import AsyncIterator
from zoneinfo import ZoneInfo

from aiohttp import web

from civicbot import keys, officials, poll_content, polls
from civicbot.web import jsonbody
from civicbot.web.auth import require_official, require_session
from civicbot.web.errors import ApiError
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
    router.add_get("/api/polls", list_polls)
    router.add_get(r"/api/polls/{id:\d+}", get_poll)
    router.add_get(r"/api/polls/{id:\d+}/results", get_results)
    router.add_get(r"/api/polls/{id:\d+}/bulletin", get_bulletin)
    router.add_get(r"/api/polls/{id:\d+}/receipts/{receipt}", get_receipt)
    router.add_post(r"/api/polls/{id:\d+}/votes", post_vote)
    router.add_get("/api/admin/polls", admin_list)
    router.add_post("/api/admin/polls", admin_create)
    router.add_post(r"/api/admin/polls/{id:\d+}/open", admin_open)
    router.add_post(r"/api/admin/polls/{id:\d+}/close", admin_close)
    router.add_get(r"/api/admin/polls/{id:\d+}/export.{format:csv|xlsx|json}", admin_export)
    router.add_get(r"/api/admin/polls/{id:\d+}/bulletin.{format:csv|json}", admin_export_bulletin)
    router.add_get("/polls", page_list)
    router.add_get(r"/polls/{id:\d+}", page_poll)
    # The receipt check is a form POST: a receipt in a URL would sit in history, logs and referrers.
    router.add_post(r"/polls/{id:\d+}", page_poll)


# -- the server's own work: publish polls/*.yaml at start, close polls when their time is up ----------
async def _housekeeping(app: web.Application) -> AsyncIterator[None]:
    settings, db = app[keys.SETTINGS], app[keys.DATABASE]
    app[keys.POLL_SECRET] = await asyncio.to_thread(settings.secret)
    zone = ZoneInfo(settings.timezone)
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
    return ZoneInfo(request.app[keys.SETTINGS].timezone)


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def _json(value: object, status: int = 200) -> web.Response:
    return web.json_response(value, status=status, dumps=_dumps)


def _local(value: str | None, zone: ZoneInfo) -> str | None:
    """A stored ISO time (UTC) as the API shows every time: the same instant in the city's offset."""
    if value is None:
        return None
    return dt.datetime.fromisoformat(value).astimezone(zone).isoformat(timespec="seconds")


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


async def _json_body(request: web.Request) -> dict:
    return await jsonbody.json_object(request)


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
async def list_polls(request: web.Request) -> web.Response:
    zone, language = _zone(request), page_language(request)
    found = await _read(request, lambda db: [_summary(db, p, zone, language) for p in polls.list_polls(db)])
    return _json({"polls": found})


async def get_poll(request: web.Request) -> web.Response:
    poll = await _public_poll(request)
    zone, language = _zone(request), page_language(request)

    def read(db) -> dict:
        return {**_summary(db, poll, zone, language), "chain_head": polls.public_head(db, poll)}

    return _json(await _read(request, read))


async def get_results(request: web.Request) -> web.Response:
    poll = await _public_poll(request)
    if not poll.results_visible():
        raise _hidden(poll, _zone(request))
    language = page_language(request)
    found = await _read(request, lambda db: polls.public_results(db, poll, language))
    if "snapshot_at" in found:  # stored in UTC; the API speaks the city's offset
        found["snapshot_at"] = _local(found["snapshot_at"], _zone(request))
    return _json({**found, "status": poll.phase()})


async def get_bulletin(request: web.Request) -> web.Response:
    poll = await _public_poll(request)
    if polls.is_live(poll):
        # Its order is the order of voting: published while open, it would pair a ballot with
        # the moment someone was seen voting. So the bulletin is published at close.
        when = poll.closes_at.astimezone(_zone(request)).isoformat()
        raise ApiError(403, "bulletin_at_close", f"The bulletin is published when the poll closes ({when}).")
    return _json(await _read(request, lambda db: polls.bulletin_document(db, poll)))


async def get_receipt(request: web.Request) -> web.Response:
    poll = await _public_poll(request)
    receipt = polls.normalise_receipt(request.match_info["receipt"])
    if receipt is None:
        raise ApiError(400, "invalid_receipt", "A receipt is 26 letters and digits (A-Z, 2-7).")

    def read(db):
        return polls.find_ballot(db, poll.id, receipt), polls.public_head(db, poll)

    ballot, head = await _read(request, read)
    if ballot is None:
        raise ApiError(404, "receipt_not_found", "No ballot of this poll has that receipt.")
    return _json(
        {
            "poll_id": poll.id,
            "receipt": ballot.receipt,
            "counted": True,
            "seq": ballot.seq,
            "choices": list(ballot.choices),
            "hash": ballot.hash,
            "chain_head": head,
        }
    )


def _optional_code(body: dict, name: str) -> str | None:
    value = body.get(name)
    if value is not None and not isinstance(value, str):
        raise ApiError(400, "invalid_field", f"'{name}' must be a string.")
    return value


async def post_vote(request: web.Request) -> web.Response:
    poll_id = _poll_id(request)
    session = await require_session(request)
    body = await _json_body(request)
    if "choices" not in body:
        raise ApiError(400, "missing_field", "'choices' is required: a list of option ids.")
    notify = body.get("notify", True)
    if not isinstance(notify, bool):
        raise ApiError(400, "invalid_field", "'notify' must be true or false.")
    voter = polls.Voter(
        channel="web",
        user_id=session.id,
        district=_optional_code(body, "district"),
        age=_optional_code(body, "age_band"),
        notify=session.id if notify else "",
        language=session.language,
    )
    secret = request.app[keys.POLL_SECRET]
    ballot = await polls.vote(request.app[keys.DATABASE], secret, poll_id, voter, body["choices"])
    public_url = request.app[keys.SETTINGS].public_url
    return _json(
        {
            "poll_id": poll_id,
            "receipt": ballot.receipt,
            "seq": ballot.seq,
            "chain_head": ballot.hash,
            "results_url": polls.results_url(public_url, poll_id),
        },
        status=201,
    )


# -- officials -------------------------------------------------------------------------------------
async def admin_list(request: web.Request) -> web.Response:
    await require_official(request)
    zone, language = _zone(request), page_language(request)

    def read(db) -> list[dict]:
        return [_summary(db, p, zone, language) for p in polls.list_polls(db, include_drafts=True)]

    return _json({"polls": await _read(request, read)})


async def admin_create(request: web.Request) -> web.Response:
    official = await require_official(request)
    body = await _json_body(request)
    zone, now = _zone(request), dt.datetime.now(dt.UTC)
    spec = polls.parse_spec(body, zone, now)  # a SpecError is the 400 invalid_poll
    if spec.closes_at <= now:
        raise ApiError(400, "invalid_poll", "'closes_at' is in the past.")
    language = page_language(request)
    poll = await _write(request, lambda db: polls.create_poll(db, spec, _actor(official), now))
    return _json(polls.poll_document(poll, zone, language), status=201)


async def admin_open(request: web.Request) -> web.Response:
    official = await require_official(request)
    poll = await _any_poll(request)
    opened = await _write(request, lambda db: polls.publish_poll(db, poll.id, _actor(official)))
    return _json(polls.poll_document(opened, _zone(request), page_language(request)))


async def admin_close(request: web.Request) -> web.Response:
    official = await require_official(request)
    poll = await _any_poll(request)
    url = polls.results_link(request.app[keys.SETTINGS].public_url, poll.id)
    closed = await _write(request, lambda db: polls.close_poll(db, poll.id, _actor(official), url))
    return _json(polls.poll_document(closed, _zone(request), page_language(request)))


def _download(body: bytes, fmt: str, filename: str) -> web.Response:
    response = web.Response(body=body, content_type=EXPORT_TYPES[fmt])
    if fmt != "xlsx":
        response.charset = "utf-8"
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


async def admin_export(request: web.Request) -> web.Response:
    official = await require_official(request)
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


async def admin_export_bulletin(request: web.Request) -> web.Response:
    """The audit export: every receipt with its choices and chain hash."""
    official = await require_official(request)
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
PHASES = {
    "open": ("투표 중", "Open"),
    "scheduled": ("시작 전", "Not open yet"),
    "closed": ("마감", "Closed"),
}


def _phase_label(phase: str, language: str) -> str:
    ko, en = PHASES.get(phase, (phase, phase))
    return en if language == "en" else ko


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


PAGE_TEXT: dict[str, dict[str, str]] = {
    "list_title": {"ko": "시민 투표 (엠보팅)", "en": "Citizen polls (mVoting)"},
    "list_lead": {
        "ko": "한 사람이 한 표씩, 익명으로 참여해요. 투표하면 영수증 코드를 받아 내 표가 집계됐는지 직접 확인할 수 있어요.",
        "en": "One person, one anonymous vote. Every vote gets a receipt code you can use to check it was counted.",
    },
    "how_to_vote": {
        "ko": "투표마다 있는 ‘참여하기’ 버튼을 누르거나, 오른쪽 아래의 챗봇이나 텔레그램 봇에서 “/polls”를 입력해 참여할 수 있어요.",
        "en": "Press a poll's ‘Vote’ button, or type “/polls” to the chatbot at the bottom right or on Telegram.",
    },
    "no_polls": {"ko": "아직 공개된 투표가 없어요.", "en": "No polls have been published yet."},
    "opens": {"ko": "시작", "en": "Opens"},
    "closes": {"ko": "마감", "en": "Closes"},
    "closed_at": {"ko": "마감됨", "en": "Closed"},
    "ballots": {"ko": "참여", "en": "Ballots"},
    "people": {"ko": "{n}명", "en": "{n}"},
    "see": {"ko": "자세히 보기", "en": "Details"},
    "max_choices": {"ko": "최대 {n}개까지 고를 수 있어요.", "en": "Choose up to {n} options."},
    "single_choice": {"ko": "하나만 고를 수 있어요.", "en": "Choose one option."},
    "vote_here": {
        "ko": "아래 버튼을 누르거나 챗봇에서 “/vote {id}”를 입력하면 바로 이 투표에 참여할 수 있어요.",
        "en": "Press the button below, or type “/vote {id}” to the chatbot, to vote in this poll.",
    },
    "vote_button": {"ko": "이 투표에 참여하기", "en": "Vote in this poll"},
    "results": {"ko": "결과", "en": "Results"},
    "chart_label": {"ko": "선택지별 득표 막대그래프", "en": "Bar chart of votes per option"},
    "option": {"ko": "선택지", "en": "Option"},
    "votes": {"ko": "득표", "en": "Votes"},
    "percent": {"ko": "비율", "en": "Share"},
    "vote_unit": {"ko": "{n}표", "en": "{n} votes"},
    "total": {"ko": "총 {n}명이 투표했어요.", "en": "{n} people voted."},
    "multi_note": {
        "ko": "여러 개를 고를 수 있는 투표라 비율의 합이 100%를 넘을 수 있어요.",
        "en": "Voters could choose several options, so the shares can add up to more than 100%.",
    },
    "live_note": {
        "ko": "투표가 진행 중이에요. 비밀투표를 지키려고 결과는 10분마다, 새 표가 10표 이상 모였을 때만 "
        "묶어서 갱신하고, 자치구·연령대별 결과는 마감 뒤에 공개해요.",
        "en": "The poll is still open. To keep ballots secret, these results are updated in batches "
        "(every 10 minutes, once at least 10 new ballots are in); breakdowns are published at close.",
    },
    "hidden": {
        "ko": "결과는 투표가 마감된 뒤({closes})에 공개돼요. 지금까지 {n}명이 참여했어요.",
        "en": "Results are published when the poll closes ({closes}). {n} people have voted so far.",
    },
    "district": {"ko": "자치구별 결과", "en": "By district"},
    "age": {"ko": "연령대별 결과", "en": "By age band"},
    "group": {"ko": "구분", "en": "Group"},
    "voters": {"ko": "참여자", "en": "Voters"},
    "self_declared": {
        "ko": "자치구와 연령대는 참여자가 스스로 밝힌 정보예요. 개인을 알아볼 수 없도록 5명 미만인 칸은 “—”로 가렸어요.",
        "en": "District and age band are self-declared. Cells with fewer than 5 voters are hidden (“—”) so no one can be singled out.",
    },
    "suppressed_groups": {
        "ko": "참여자가 5명 미만이라 공개하지 않은 그룹: {n}개",
        "en": "Groups not shown because they have fewer than 5 voters: {n}",
    },
    "chain": {"ko": "위·변조 확인", "en": "Tamper evidence"},
    "chain_body": {
        "ko": "모든 표는 영수증 코드와 함께 공개 게시판에 올라가고, 앞의 표와 해시로 이어져 있어요. "
        "아래 체인 헤드 값이 같다면 그 사이 어떤 표도 바뀌거나 빠지지 않은 거예요.",
        "en": "Every ballot is posted on the public bulletin with its receipt and chained to the one before "
        "by a hash. If the chain head below is unchanged, no ballot has been altered or removed.",
    },
    "head": {"ko": "체인 헤드", "en": "Chain head"},
    "ballot_count": {"ko": "게시된 표: {n}개", "en": "Ballots posted: {n}"},
    "bulletin": {"ko": "공개 게시판 (JSON)", "en": "Public bulletin (JSON)"},
    "bulletin_later": {
        "ko": "공개 게시판의 선택 내용은 결과와 함께 공개돼요.",
        "en": "The bulletin's choices are published together with the results.",
    },
    "receipt_title": {"ko": "내 표 확인하기", "en": "Check my vote"},
    "receipt_label": {"ko": "영수증 코드", "en": "Receipt code"},
    "receipt_button": {"ko": "확인", "en": "Check"},
    "receipt_found": {
        "ko": "집계됐어요. 이 영수증은 {seq}번째 표이고, 선택은 “{choices}”예요.",
        "en": "Counted. This receipt is ballot #{seq}; its choice: “{choices}”.",
    },
    "receipt_missing": {
        "ko": "이 투표에서 그 영수증 코드를 찾지 못했어요. 코드를 다시 확인해 주세요.",
        "en": "No ballot of this poll has that receipt code. Please check the code.",
    },
    "receipt_invalid": {
        "ko": "영수증 코드는 영문 대문자와 숫자 26자리예요.",
        "en": "A receipt code is 26 capital letters and digits.",
    },
    "receipt_warning": {
        "ko": "영수증 코드를 다른 사람에게 보여 주면 내가 무엇을 골랐는지 알 수 있어요. 혼자만 간직해 주세요.",
        "en": "Anyone who sees your receipt code can see what you chose. Keep it to yourself.",
    },
    "not_found": {"ko": "그런 투표가 없어요.", "en": "There is no such poll."},
    "back": {"ko": "투표 목록으로", "en": "All polls"},
}


def page_text(language: str) -> dict[str, str]:
    """Every string of the poll pages in one language; placeholders are filled in the template."""
    return {key: entry.get(language, entry["ko"]) for key, entry in PAGE_TEXT.items()}
