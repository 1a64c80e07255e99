"""``civicbot proposals list|show|publish|accept|decline|expire``: the officials' review from a shell.

Works on the database file directly, like ``civicbot polls``; every decision goes through the same
domain functions as the admin API (and the console), so it is audited and the proposer is told.
"""

from __future__ import annotations

import argparse
import sys
from zoneinfo import ZoneInfo

from civicbot import polls
from civicbot import proposals as P
from civicbot.cli_polls import _actor, _database, _write
from civicbot.config import Settings


def add_parsers(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "proposals", help="citizen proposals: list, show, publish, accept, decline, expire"
    )
    sub = parser.add_subparsers(dest="proposals_command", required=True)
    listing = sub.add_parser("list", help="proposals with status and supports (default: the review queue)")
    listing.add_argument(
        "--status",
        choices=[*P.STATUSES, "held", "all"],
        default=P.UNDER_REVIEW,
        help="held: waiting for a check of their text before publication (a name, abusive words)",
    )
    show = sub.add_parser("show", help="one proposal with its options and history")
    show.add_argument("id", type=int)
    publish = sub.add_parser("publish", help="publish a held proposal once its text is checked")
    publish.add_argument("id", type=int)
    accept = sub.add_parser("accept", help="accept: create the poll pre-filled from the proposal")
    accept.add_argument("id", type=int)
    accept.add_argument("--title-ko", help="Korean title (default: the proposal's)")
    accept.add_argument("--title-en", help="English title (default: the proposal's)")
    accept.add_argument("--description-ko")
    accept.add_argument("--description-en")
    accept.add_argument(
        "--option", action="append", help="replace the options: 'Korean | English', repeat for each"
    )
    accept.add_argument("--closes-at", help=f"ISO time (default: {P.POLL_DAYS} days from now)")
    decline = sub.add_parser("decline", help="decline with a public reason in both languages")
    decline.add_argument("id", type=int)
    decline.add_argument("--reason-ko", required=True, help="the public reason in Korean")
    decline.add_argument("--reason-en", required=True, help="the public reason in English")
    sub.add_parser(
        "expire", help="expire proposals past their deadline now (the server does it every minute)"
    )


def main(args: argparse.Namespace, settings: Settings) -> int:
    try:
        with _database(settings) as db:
            return _run(args, settings, db)
    except P.ProposalError as exc:
        where = f" ({exc.field})" if exc.field else ""
        print(f"error{where}: {exc.message}", file=sys.stderr)
        return 1


def _run(args: argparse.Namespace, settings: Settings, db) -> int:
    command, zone = args.proposals_command, settings.zone
    if command == "list":
        statuses = P.STATUSES if args.status == "all" else (args.status,)
        found = P.held_queue(db) if args.status == "held" else P.officials_list(db, statuses)
        print(f"{'id':>4}  {'status':<13}  {'supports':>9}  title")
        for p in found:
            held = f"  [held: {', '.join(p.review_reasons)}]" if p.held else ""
            print(f"{p.id:>4}  {p.status:<13}  {p.supports:>4}/{p.threshold:<4}  {p.title}{held}")
        return 0
    if command == "publish":
        found = _write(db, lambda conn: P.publish(conn, args.id, _actor(), settings.public_url))
        print(f"published proposal {found.id}: collecting support until {found.deadline.isoformat()}")
        return 0
    if command == "show":
        return _show(db, args.id, zone)
    if command == "accept":
        found, poll = _write(
            db, lambda conn: P.accept(conn, args.id, _actor(), zone, settings.public_url, _overrides(args))
        )
        print(
            f"accepted proposal {found.id}: poll {poll.id} is open until {polls.show_time(poll.closes_at, zone, 'en')}"
        )
        print(f"  {polls.results_link(settings.public_url, poll.id)}")
        return 0
    if command == "decline":
        reason = {"ko": args.reason_ko, "en": args.reason_en}
        found = _write(db, lambda conn: P.decline(conn, args.id, _actor(), reason))
        print(f"declined proposal {found.id}")
        return 0
    expired = _write(db, P.expire_due)
    print(f"expired {len(expired)} proposal(s)" + (f": {', '.join(map(str, expired))}" if expired else ""))
    return 0


def _show(db, proposal_id: int, zone: ZoneInfo) -> int:
    found = P.get(db, proposal_id)
    if found is None:
        print(f"error: no proposal {proposal_id}", file=sys.stderr)
        return 1
    print(f"#{found.id} {found.title}  [{found.status}, {found.supports}/{found.threshold} supports]")
    if found.held:
        print(
            f"held before publication: {', '.join(found.review_reasons)} (civicbot proposals publish {found.id})"
        )
    if found.description:
        print(found.description)
    for n, option in enumerate(found.options, start=1):
        print(f"  {n}. {option}")
    for step in P.history(db, proposal_id):
        print(f"  {step['at']}  {step['status']}")
    if found.poll_id:
        print(f"poll: {found.poll_id}")
    return 0


def _overrides(args: argparse.Namespace) -> dict:
    """The official's changes to the pre-filled poll: only what they gave."""
    overrides: dict = {}
    if args.title_ko or args.title_en:
        overrides["title"] = {k: v for k, v in (("ko", args.title_ko), ("en", args.title_en)) if v}
    if args.description_ko or args.description_en:
        overrides["description"] = {
            k: v for k, v in (("ko", args.description_ko), ("en", args.description_en)) if v
        }
    if args.option:
        overrides["options"] = [_option(text) for text in args.option]
    if args.closes_at:
        overrides["closes_at"] = args.closes_at
    return overrides


def _option(text: str) -> dict:
    ko, _, en = text.partition("|")
    return {"ko": ko.strip(), "en": (en or ko).strip()}
