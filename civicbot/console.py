"""What the officials' console shows and does across several domains: its first page (the
dashboard) and the admins' actions on accounts, API tokens and Open311 keys.

Plain functions over a connection, like the domains they call; ``civicbot.web.admin`` reads the
form, calls one of them on a reader or the writer, and renders what it returns.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import sqlite_utils

from civicbot import accounts, officials, poll_form, polls, triage, voicemap
from civicbot import proposals as P
from civicbot.errors import AccountError
from civicbot.i18n import t

NEWEST = 8  # reports the dashboard lists in each of its boxes


# -- paged lists -------------------------------------------------------------------------------
def paging(chosen: dict, offset: int, page_size: int, total: int) -> dict:
    """A paged list's values: ``chosen`` (the filters) as a ``query`` string without the empty
    ones, and the queries of the pages either side of ``offset``."""

    def query(**extra: object) -> str:
        return urlencode({k: v for k, v in {**chosen, **extra}.items() if v not in ("", None, 0)})

    return {
        "offset": offset,
        "total": total,
        "page_size": page_size,
        "chosen": chosen,
        "query": query(),
        "next_query": query(offset=offset + page_size),
        "prev_query": query(offset=max(0, offset - page_size)),
    }


# -- complaints ---------------------------------------------------------------------------------
def queue_page(
    conn: sqlite_utils.Database,
    setup: voicemap.Setup,
    query: Mapping[str, str],
    language: str,
    zone: ZoneInfo,
    offset: int,
    page_size: int,
) -> dict:
    """``admin/complaints.html``'s values: the page at ``offset`` of the reports the ``query``'s
    filters match (``triage.queue_filters``) as console rows, its paging links, and the choices
    of the filter form."""
    districts = triage.district_choices(setup.places, language)
    chosen, filters = triage.queue_filters(query, setup.catalogue, dict(districts), zone)
    rows, total = triage.matching(conn, filters, page_size, offset)
    return {
        "rows": [triage.console_row(c, setup.catalogue, language, zone) for c in rows],
        **paging(chosen, offset, page_size, total),
        "statuses": triage.status_choices(language),
        "categories": triage.category_choices(setup.catalogue, language),
        "districts": districts,
    }


# -- the dashboard ----------------------------------------------------------------------------
def dashboard(
    conn: sqlite_utils.Database, setup: voicemap.Setup, language: str, zone: ZoneInfo, overdue_days: int
) -> dict[str, Any]:
    """What needs attention today, as ``admin/dashboard.html``'s values: open polls with live
    turnout, the number of drafts, the newest, waiting and overdue reports (console rows), proposals
    waiting for review (issue 17: reaching the threshold notifies officials here), the number held
    before publication (a name, harsh words) and open reports per district, widest bar first.
    Report counts (``open_total``, the bars, ``overdue_total``) include reports held for review
    or hidden, as the console's lists do; ``held_reports`` is the review queue's length (its own
    tile, linking the queue)."""
    # Officials count every open report they must handle, held for review or taken off the map
    # included, as the console's list "open" that the tile links shows them (newcomer probe #15:
    # the tiles and bars counted public reports only, so they did not add up to the lists).
    overdue = dataclasses.replace(triage.overdue_filters(overdue_days), public_only=False)
    open_only = voicemap.Filters(statuses=voicemap.OPEN_STATUSES, public_only=False)
    # The review queue's list (``triage.queue_filters``' needs_review), counted for its own tile.
    held = voicemap.Filters(public_only=False, visibilities=(voicemap.PENDING_REVIEW,))
    open_polls = [p for p in polls.list_polls(conn) if p.phase() == "open"]
    newest, _ = voicemap.search(conn, voicemap.Filters(), NEWEST)
    late, _ = voicemap.search(conn, overdue, NEWEST)

    def rows(found: list) -> list[dict]:
        return [triage.console_row(c, setup.catalogue, language, zone) for c in found]

    names = dict(triage.district_choices(setup.places, language))
    by_district = voicemap.counts_by_district(conn, open_only)
    counts = sorted(
        ((names.get(code, code), code, n) for code, n in by_district.items()), key=lambda r: -r[2]
    )
    widest = max((n for _, _, n in counts), default=1) or 1
    waiting = [(p, P.reviewed_at(conn, p.id)) for p in P.review_queue(conn)]
    return {
        "live": poll_form.turnout_rows(conn, open_polls, zone, language),
        "drafts": sum(1 for p in polls.list_polls(conn, include_drafts=True) if p.status == "draft"),
        "newest": rows(newest),
        "review": rows(triage.review_queue(conn, NEWEST)),
        "overdue": rows(late),
        "overdue_total": voicemap.count(conn, overdue),
        "open_total": voicemap.count(conn, open_only),
        "held_reports": voicemap.count(conn, held),
        "overdue_days": overdue_days,
        "proposals": [
            {"p": p, "at": polls.show_time(at, zone, language), "iso": at.astimezone(zone).isoformat()}
            for p, at in waiting
        ],
        "held_proposals": len(P.held_queue(conn)),
        "districts": [
            {"name": name, "code": code, "n": n, "width": round(100 * n / widest, 1)}
            for name, code, n in counts
        ],
    }


# -- polls -------------------------------------------------------------------------------------
def poll_results(conn: sqlite_utils.Database, poll: polls.Poll, language: str) -> dict:
    """``admin/poll.html``'s figures: the results, their chart's bars, and the citizen proposal the
    poll came from (the link back), if any."""
    found = polls.results(conn, poll, language)
    origin = P.proposal_of_poll(conn, poll.id)
    return {"results": found, "bars": polls.chart_bars(found["options"]), "proposal": origin}


# -- citizen proposals -------------------------------------------------------------------------
def when(moment: dt.datetime | str, zone: ZoneInfo, language: str) -> str:
    """A stored time (a datetime or its ISO text) as the console shows it (``polls.show_time``)."""
    moment = dt.datetime.fromisoformat(moment) if isinstance(moment, str) else moment
    return polls.show_time(moment, zone, language)


def proposal_page(conn: sqlite_utils.Database, proposal: P.Proposal, language: str, zone: ZoneInfo) -> dict:
    """``admin/proposal.html``'s values: the proposal (``p``), its status label, its status history
    as (label, local time), its deadline, and why it is held (``held_reasons``, words) if it is."""
    steps = P.history(conn, proposal.id)
    reasons = ", ".join(t(f"admin.held_reason_{r}", language) for r in proposal.review_reasons)
    return {
        "p": proposal,
        "held_reasons": reasons,
        "status_label": P.status_label(proposal.status, language),
        "history": [(P.status_label(s["status"], language), when(s["at"], zone, language)) for s in steps],
        "deadline": when(proposal.deadline, zone, language),
    }


# -- accounts, API tokens and Open311 keys ------------------------------------------------------
# What each admin action does, (conn, form, actor) -> the new secret to show once, if it makes one.
ACCOUNT_ACTIONS: dict[str, Callable[[Any, dict, str], object]] = {
    "create": lambda c, f, actor: accounts.create_account(c, f["name"], f["role"], actor)[1],
    "reset": lambda c, f, actor: accounts.reset_link_token(c, f["name"], actor),
    "role": lambda c, f, actor: accounts.set_role(c, f["id"], f["role"], actor),
    "disable": lambda c, f, actor: accounts.set_disabled(c, f["id"], True, actor),
    "enable": lambda c, f, actor: accounts.set_disabled(c, f["id"], False, actor),
    "token_create": lambda c, f, actor: officials.create_token(
        c, f["name"], f["role"] if f["role"] in officials.ROLES else "official", actor
    )[1],
    "token_revoke": lambda c, f, actor: officials.revoke_token(c, f["id"], actor),
    "key_create": lambda c, f, actor: voicemap.create_api_key(c, f["name"], actor)[1],
    "key_revoke": lambda c, f, actor: voicemap.revoke_api_key(c, f["id"], actor),
}
SECRETS = ("create", "reset", "token_create", "key_create")  # shown once on the answer page
LINKS = ("create", "reset")  # their secret is a set-password token: shown as the link


def account_form(form: Mapping[str, object]) -> dict:
    """The admin form's fields: ``id`` (a whole number, else 0), ``name`` (trimmed) and ``role``."""
    target = str(form.get("id", "0"))
    return {
        "id": int(target) if target.isdigit() else 0,
        "name": str(form.get("name", "")).strip(),
        "role": str(form.get("role", "")),
    }


def account_action(conn: sqlite_utils.Database, action: str, form: dict, actor: accounts.Account) -> object:
    """Do one of ``ACCOUNT_ACTIONS`` as ``actor`` (audited by the function it calls); the new secret
    for those in ``SECRETS``. Raises AccountError unknown_action, self_disable (an admin may not
    lock themselves out), or the action's own refusal (ValueError for a bad role)."""
    if action not in ACCOUNT_ACTIONS:
        raise AccountError("unknown_action", "Unknown action.")
    if action in ("disable", "enable") and form["id"] == actor.id:
        raise AccountError("self_disable", "You cannot disable your own account.")
    return ACCOUNT_ACTIONS[action](conn, form, actor.name)


def account_lists(conn: sqlite_utils.Database) -> dict[str, list]:
    """The admins' page: every console account, API token and Open311 key (no secrets)."""
    return {
        "people": accounts.list_accounts(conn),
        "tokens": officials.list_tokens(conn),
        "open311_keys": voicemap.list_api_keys(conn),
    }
