"""``civicbot polls ...`` and ``civicbot tokens ...``: what officials and IT staff run on the server.

These work on the database file directly (migrating it first), so they also work while the server
runs: SQLite's WAL and BEGIN IMMEDIATE serialise our writes with the server's.
"""

from __future__ import annotations

import argparse
import contextlib
import getpass
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar
from zoneinfo import ZoneInfo

import sqlite_utils

from civicbot import officials, poll_content, polls
from civicbot.cli_db import CLI_LANGUAGE, migrated
from civicbot.config import Settings
from civicbot.db import write_transaction
from civicbot.i18n import t

T = TypeVar("T")


def add_parsers(commands: argparse._SubParsersAction) -> None:
    _add_polls(commands)
    _add_tokens(commands)


def _add_polls(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "polls", help="m-Voting polls: list, sync, create, open, close, verify, export"
    )
    sub = parser.add_subparsers(dest="polls_command", required=True)
    sub.add_parser("list", help="every poll with its status and ballots")
    sub.add_parser("sync", help="publish polls/*.yaml (idempotent by slug); exit 1 on a bad file")
    create = sub.add_parser("create", help="create a poll")
    create.add_argument("--title", required=True, help="Korean title (or the only one)")
    create.add_argument("--title-en", help="English title")
    create.add_argument("--description", default="", help="Korean description")
    create.add_argument("--description-en", default="", help="English description")
    create.add_argument(
        "--option", action="append", required=True, help="an option, 'Korean | English'; repeat 2-20 times"
    )
    create.add_argument("--max-choices", type=int, default=1)
    create.add_argument("--opens-at", help="ISO time (default: now); no offset means the city's time zone")
    create.add_argument("--closes-at", required=True, help="ISO time, e.g. 2027-01-31T18:00")
    create.add_argument("--results", choices=polls.RESULTS_MODES, default="after_close")
    create.add_argument(
        "--channel", action="append", choices=polls.CHANNELS, help="repeat; default telegram, web"
    )
    create.add_argument(
        "--district",
        action="append",
        help="repeat to limit to districts: a code, Korean or English name, or administrative code",
    )
    create.add_argument(
        "--ask", action="append", choices=polls.DIMENSIONS, help="ask district / age before voting"
    )
    create.add_argument("--slug")
    create.add_argument("--draft", action="store_true", help="create it unpublished")
    for name, text in (("open", "publish a draft"), ("close", "close now and notify voters"), ("verify", "")):
        one = sub.add_parser(
            name, help=text or "recompute the hash chain and the tally; exit 1 and say where they break"
        )
        one.add_argument("poll", help="poll id or slug")
    export = sub.add_parser("export", help="export results (aggregates) or the bulletin (audit)")
    export.add_argument("poll", help="poll id or slug")
    export.add_argument("--format", choices=("csv", "xlsx", "json"), default="csv")
    export.add_argument("--bulletin", action="store_true", help="the audit export: receipts, choices, hashes")
    export.add_argument("--lang", choices=("ko", "en"), default="ko")
    export.add_argument(
        "-o", "--output", help="file to write (default: stdout; xlsx: poll-<id>-results.xlsx)"
    )


def _add_tokens(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("tokens", help="officials' API tokens: create, list, revoke")
    sub = parser.add_subparsers(dest="tokens_command", required=True)
    create = sub.add_parser("create", help="print a new token once (only its hash is kept)")
    create.add_argument("--name", required=True, help="who holds it")
    create.add_argument("--role", choices=officials.ROLES, default="official")
    sub.add_parser("list", help="tokens with holder, role and state (never the token)")
    revoke = sub.add_parser("revoke", help="revoke a token by its id")
    revoke.add_argument("id", type=int)


# -- database access ---------------------------------------------------------------------------
def _database(settings: Settings) -> contextlib.AbstractContextManager[sqlite_utils.Database]:
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    return migrated(settings)


def _write(db: sqlite_utils.Database, fn: Callable[[sqlite_utils.Database], T]) -> T:
    with write_transaction(db):
        return fn(db)


def _actor() -> str:
    try:
        return f"cli ({getpass.getuser()})"
    except Exception:  # no login name in some containers
        return "cli"


def _poll(db: sqlite_utils.Database, reference: str) -> polls.Poll:
    poll = polls.find_poll(db, reference)
    if poll is None:
        raise LookupError(f"no poll '{reference}' (use its id or slug; see `civicbot polls list`)")
    return poll


# -- commands ----------------------------------------------------------------------------------
def main(args: argparse.Namespace, settings: Settings) -> int:
    try:
        with _database(settings) as db:
            if args.command == "tokens":
                return _tokens(args, db)
            return _polls(args, settings, db)
    except (LookupError, ValueError, polls.PollError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


def _polls(args: argparse.Namespace, settings: Settings, db: sqlite_utils.Database) -> int:
    zone = settings.zone
    command = args.polls_command
    if command == "list":
        return _list(db, zone)
    if command == "sync":
        report = _write(db, lambda conn: poll_content.sync_polls(conn, settings.polls_dir, zone, _actor()))
        for error in report.errors:
            print(error, file=sys.stderr)
        print(f"polls in {settings.polls_dir}: {report.summary()}")
        return 1 if report.errors else 0
    if command == "create":
        return _create(args, db, zone)
    if command == "verify":
        return _verify(_poll(db, args.poll), db)
    if command == "export":
        return _export(args, db, zone)
    poll = _poll(db, args.poll)
    if command == "open":
        _write(db, lambda conn: polls.publish_poll(conn, poll.id, _actor()))
        print(f"poll {poll.id} is published")
    else:
        url = polls.results_link(settings.public_url, poll.id)
        _write(db, lambda conn: polls.close_poll(conn, poll.id, _actor(), url))
        print(f"poll {poll.id} is closed; voters who asked are notified")
    return 0


def _list(db: sqlite_utils.Database, zone: ZoneInfo) -> int:
    print(f"{'id':>4}  {'status':<9}  {'ballots':>7}  {'closes':<26}  slug / title")
    for poll in polls.list_polls(db, include_drafts=True):
        closes = polls.show_time(poll.closed_at or poll.closes_at, zone, "en")
        name = f"{poll.slug}: {poll.title_ko}" if poll.slug else poll.title_ko
        print(f"{poll.id:>4}  {poll.phase():<9}  {polls.ballot_count(db, poll.id):>7}  {closes:<26}  {name}")
    return 0


def _create(args: argparse.Namespace, db: sqlite_utils.Database, zone: ZoneInfo) -> int:
    def option(text: str) -> dict:
        ko, _, en = text.partition("|")
        return {"ko": ko.strip(), "en": en.strip()}

    raw = {
        "title": {"ko": args.title, "en": args.title_en or ""},
        "description": {"ko": args.description, "en": args.description_en},
        "options": [option(o) for o in args.option],
        "max_choices": args.max_choices,
        "opens_at": args.opens_at,
        "closes_at": args.closes_at,
        "results": args.results,
        "channels": args.channel,
        "districts": args.district,
        "demographics": args.ask,
        "status": "draft" if args.draft else "open",
        "slug": args.slug,
    }
    try:
        spec = polls.parse_spec(raw, zone)
    except polls.SpecError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 1
    poll = _write(db, lambda conn: polls.create_poll(conn, spec, _actor()))
    print(f"created poll {poll.id} ({poll.status}): {poll.title_ko}")
    for o in poll.options:
        print(f"  {o.id}. {o.label_ko}" + (f" / {o.label_en}" if o.label_en != o.label_ko else ""))
    return 0


def _verify(poll: polls.Poll, db: sqlite_utils.Database) -> int:
    result = polls.verify_poll(db, poll)
    print(
        t(
            "cli.poll_verified",
            CLI_LANGUAGE,
            id=poll.id,
            title=poll.title_ko,
            count=result.ballots,
            head=result.head,
        )
    )
    if result.ok:
        print("OK: the hash chain, the tally and the turnout all verify")
        return 0
    print(t("cli.poll_broken", CLI_LANGUAGE, count=len(result.problems)))
    for problem in result.problems:
        print(f"  - {problem}")
    return 1


def _export(args: argparse.Namespace, db: sqlite_utils.Database, zone: ZoneInfo) -> int:
    poll = _poll(db, args.poll)
    if args.bulletin and args.format == "xlsx":
        print("error: the bulletin exports as csv or json", file=sys.stderr)
        return 1
    part = "bulletin" if args.bulletin else "results"
    body = polls.export_file(db, poll, part, args.format, zone, args.lang)
    detail = {"format": args.format, **({"part": "bulletin"} if args.bulletin else {})}
    _write(db, lambda conn: officials.audit(conn, _actor(), "poll.export", str(poll.id), detail))
    output = args.output or (f"poll-{poll.id}-results.xlsx" if args.format == "xlsx" else None)
    if output is None:
        sys.stdout.buffer.write(body)
        sys.stdout.flush()
    else:
        Path(output).write_bytes(body)
        print(t("cli.wrote_bytes", CLI_LANGUAGE, path=output, count=len(body)), file=sys.stderr)
    return 0


def _tokens(args: argparse.Namespace, db: sqlite_utils.Database) -> int:
    command = args.tokens_command
    if command == "create":
        official, token = _write(
            db, lambda conn: officials.create_token(conn, args.name, args.role, _actor())
        )
        print(f"token {official.id} for {official.name} ({official.role}). It is shown only this once:")
        print(token)
        return 0
    if command == "list":
        print(f"{'id':>4}  {'role':<8}  {'created':<25}  {'revoked':<25}  name")
        for row in officials.list_tokens(db):
            print(
                f"{row['id']:>4}  {row['role']:<8}  {row['created_at']:<25}  {row['revoked_at'] or '-':<25}  {row['name']}"
            )
        return 0
    if _write(db, lambda conn: officials.revoke_token(conn, args.id, _actor())):
        print(f"token {args.id} is revoked")
        return 0
    print(f"error: no active token {args.id}", file=sys.stderr)
    return 1
