"""The console's first page: citizen proposals waiting for review (issue 17: reaching the threshold
notifies officials here), open polls with live turnout, new, waiting and overdue reports, districts."""

from __future__ import annotations

from aiohttp import web

from civicbot import keys, poll_form, polls, triage, voicemap
from civicbot import proposals as P
from civicbot.web.admin.base import Ctx, console

NEWEST = 8


@console("viewer", "GET /admin", "GET /admin/")
async def dashboard(request: web.Request, ctx: Ctx) -> web.Response:
    """GET /admin: what needs attention today."""
    setup = request.app[keys.VOICEMAP]
    overdue = triage.overdue_filters(ctx.settings.overdue_days)
    open_only = voicemap.Filters(statuses=voicemap.OPEN_STATUSES)

    def read(conn) -> dict:
        open_polls = [p for p in polls.list_polls(conn) if p.phase() == "open"]
        live = poll_form.turnout_rows(conn, open_polls, ctx.zone, ctx.lang)
        newest, _ = voicemap.search(conn, voicemap.Filters(), NEWEST)
        late, _ = voicemap.search(conn, overdue, NEWEST)
        return {
            "live": live,
            "drafts": sum(1 for p in polls.list_polls(conn, include_drafts=True) if p.status == "draft"),
            "newest": newest,
            "review": triage.review_queue(conn, NEWEST),
            "overdue": late,
            "overdue_total": voicemap.count(conn, overdue),
            "open_total": voicemap.count(conn, open_only),
            "by_district": voicemap.counts_by_district(conn, open_only),
            "proposals": [(p, P.reviewed_at(conn, p.id)) for p in P.review_queue(conn)],
        }

    data = await ctx.db.execute_fn(read)
    names = dict(triage.district_choices(setup.places, ctx.lang))
    counts = sorted(
        ((names.get(code, code), code, n) for code, n in data["by_district"].items()), key=lambda r: -r[2]
    )
    widest = max((n for _, _, n in counts), default=1) or 1
    return ctx.render(
        "admin/dashboard.html",
        live=data["live"],
        drafts=data["drafts"],
        newest=[triage.console_row(c, setup.catalogue, ctx.lang, ctx.zone) for c in data["newest"]],
        review=[triage.console_row(c, setup.catalogue, ctx.lang, ctx.zone) for c in data["review"]],
        overdue=[triage.console_row(c, setup.catalogue, ctx.lang, ctx.zone) for c in data["overdue"]],
        overdue_total=data["overdue_total"],
        open_total=data["open_total"],
        overdue_days=ctx.settings.overdue_days,
        proposals=[
            {
                "p": p,
                "at": polls.show_time(at, ctx.zone, ctx.lang),
                "iso": at.astimezone(ctx.zone).isoformat(),
            }
            for p, at in data["proposals"]
        ],
        districts=[
            {"name": name, "code": code, "n": n, "width": round(100 * n / widest, 1)}
            for name, code, n in counts
        ],
    )
