"""``civicbot complaints ...``: the voice map from the server's command line.

    civicbot complaints list [--status open] [--category road_damage] [--limit 50]
    civicbot complaints export [--output complaints.csv] [--status ...] [--since 2024-01-01]
    civicbot complaints status SEL-7K3F9Q in_progress --note "보수 업체 배정"
    civicbot complaints purge [--dry-run]        (run daily: deletes private details past retention)
    civicbot complaints remask [--dry-run]       (after the masking rules improve: mask stored reports again)
    civicbot complaints api-key create|list|revoke   (keys for Open311 clients that POST requests)
    civicbot complaints review                   (reports waiting for an official: names, abuse, flags)
    civicbot complaints approve SEL-7K3F9Q [--reason "이름 없음 확인"]
    civicbot complaints hide SEL-7K3F9Q --reason "특정인 비방"
    civicbot complaints edit-text SEL-7K3F9Q --text "…" --reason "이름 삭제"
    civicbot complaints hide-photo SEL-7K3F9Q --reason "얼굴이 보임"

Like the other commands these open the database file directly (migrating it first), so they work
while the server runs: WAL and BEGIN IMMEDIATE serialise our writes with the server's.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import sqlite_utils

from civicbot import clock, notify, officials, remask, triage, voicemap
from civicbot.categories import catalogue_for
from civicbot.cli_db import CLI_LANGUAGE, migrated
from civicbot.config import Settings
from civicbot.content import ContentFileError
from civicbot.db import write_transaction
from civicbot.i18n import t

T = TypeVar("T")


def add_parsers(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "complaints", help="the voice map: list, export, status, purge, remask, api-key (Open311)"
    )
    sub = parser.add_subparsers(dest="complaints_command", required=True)
    listing = sub.add_parser("list", help="newest reports first")
    _filters(listing)
    listing.add_argument("--limit", type=int, default=50)
    export = sub.add_parser("export", help="CSV (UTF-8 with BOM, opens in Excel)")
    _filters(export)
    export.add_argument("--output", "-o", help="file to write (default: standard output)")
    status = sub.add_parser("status", help="move a report along the workflow and notify its reporter")
    status.add_argument("id", help="tracking id, e.g. SEL-7K3F9Q")
    status.add_argument("status", choices=voicemap.STATUSES)
    status.add_argument("--note", default="", help="public note shown on the map and sent to the reporter")
    status.add_argument("--duplicate-of", help="for 'duplicate': the original report's id")
    purge = sub.add_parser("purge", help="delete reporters' details, photos and supporters past retention")
    purge.add_argument("--days", type=int, help="retention in days (default: CIVICBOT_RETENTION_DAYS)")
    purge.add_argument("--dry-run", action="store_true", help="count what would be deleted, delete nothing")
    remask_cmd = sub.add_parser(
        "remask", help="apply the current masking rules to every stored report's public text"
    )
    remask_cmd.add_argument("--dry-run", action="store_true", help="count what would change, change nothing")
    remask_cmd.add_argument("--batch", type=int, default=remask.BATCH, help="reports per transaction")
    remask_cmd.add_argument("--actor", default="cli", help="who runs it (kept in the audit log)")
    _moderation_parsers(sub)
    keys = sub.add_parser("api-key", help="api_key for Open311 clients (POST requests)")
    keys_sub = keys.add_subparsers(dest="key_command", required=True)
    create = keys_sub.add_parser("create", help="issue a key (shown once)")
    create.add_argument("name", help="the application that holds it")
    keys_sub.add_parser("list", help="issued keys (never the keys themselves)")
    revoke = keys_sub.add_parser("revoke", help="revoke a key by its number")
    revoke.add_argument("key_id", type=int)


def _moderation_parsers(sub: argparse._SubParsersAction) -> None:
    review = sub.add_parser("review", help="reports waiting for an official (names, abuse, flags, pre)")
    review.add_argument("--limit", type=int, default=50)
    for name, what in (
        ("approve", "publish a held or hidden report"),
        ("hide", "take a report off the map, GeoJSON and Open311"),
        ("edit-text", "replace the public text (the original is kept in the audit log)"),
        ("hide-photo", "withdraw the photo from everything public"),
    ):
        command = sub.add_parser(name, help=what)
        command.add_argument("id", help="tracking id, e.g. SEL-7K3F9Q")
        command.add_argument(
            "--reason", required=name != "approve", default="", help="why (kept in the audit log)"
        )
        command.add_argument("--actor", default="cli", help="who does it (kept in the audit log)")
        if name == "edit-text":
            command.add_argument("--text", required=True, help="the new public text (masked like any report)")


def _filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--status", help="open, closed or statuses, comma-separated")
    parser.add_argument("--category", help="service codes, comma-separated")
    parser.add_argument("--since", help="ISO date or date-time (city time when no offset)")
    parser.add_argument("--until", help="ISO date or date-time")


def _write(settings: Settings, fn: Callable[[sqlite_utils.Database], T], dry_run: bool = False) -> T:
    with migrated(settings) as db, write_transaction(db, dry_run):
        return fn(db)


def _print_lines(lines: list[str], empty: str) -> int:
    """One line per row, or ``empty`` when there are none; the command's exit status (0)."""
    print("\n".join(lines) if lines else empty)
    return 0


def _build_filters(args: argparse.Namespace, settings: Settings) -> voicemap.Filters:
    def moment(value: str | None) -> str | None:
        return clock.iso(clock.parse_moment(value, settings.zone)) if value else None

    return voicemap.Filters(
        public_only=False,  # the server's own command line is for officials: everything is shown
        categories=tuple(c for c in (args.category or "").split(",") if c),
        statuses=voicemap.expand_states((args.status or "").split(",")),
        since=moment(args.since),
        until=moment(args.until),
    )


def main(args: argparse.Namespace, settings: Settings) -> int:
    try:
        return _COMMANDS[args.complaints_command](args, settings)
    except (ValueError, voicemap.ComplaintError, ContentFileError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1


def _list(args: argparse.Namespace, settings: Settings) -> int:
    filters = _build_filters(args, settings)
    rows, _ = _write(settings, lambda db: voicemap.search(db, filters, args.limit), dry_run=True)

    def line(c: voicemap.PublicComplaint) -> str:
        when = clock.local_minutes(c.created_at, settings.zone)
        place = f"{c.district} {c.dong or ''}".strip()
        shown = "" if c.visibility == voicemap.PUBLIC else f" [{c.visibility}]"
        return f"{c.public_id}  {when}  {c.status:<12} {c.category:<16} {place:<14} +{c.supports}{shown}  {voicemap.preview(c.description, 60)}"

    return _print_lines([line(c) for c in rows], "no reports")


def _export(args: argparse.Namespace, settings: Settings) -> int:
    filters = _build_filters(args, settings)
    catalogue = catalogue_for(settings.services_dir)

    def export(db: sqlite_utils.Database) -> str:
        text = voicemap.export_csv(db, filters, catalogue, settings.zone)
        officials.audit(db, "cli", "complaint.export", "", {"output": args.output or "stdout"})
        return text

    text = _write(settings, export)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        # Rows, not lines: a report's description may hold line breaks inside its quoted cell.
        rows = sum(1 for _ in csv.reader(io.StringIO(text.lstrip("\ufeff")))) - 1
        print(t("cli.wrote_reports", CLI_LANGUAGE, path=args.output, count=rows))
    else:
        sys.stdout.write(text)
    return 0


def _status(args: argparse.Namespace, settings: Settings) -> int:
    catalogue = catalogue_for(settings.services_dir)
    public_id = voicemap.find_public_id(args.id) or args.id
    senders = notify.senders(settings)  # the server's channels: a notice nobody sends is not queued

    result = _write(
        settings,
        lambda db: voicemap.change_status(
            db, public_id, args.status, args.note, "cli", catalogue, args.duplicate_of, senders=senders
        ),
    )
    routes = result.routes
    notified = f"notice queued: {', '.join(routes.queued)}" if routes.queued else "no notice sent"
    if routes.unsent:
        notified += f"; not sent: {', '.join(routes.unsent)}"
    print(f"{result.public_id}: {result.old} -> {result.new} ({notified})")
    return 0


def _purge(args: argparse.Namespace, settings: Settings) -> int:
    days = args.days if args.days is not None else settings.retention_days
    if days < 0:
        raise ValueError("--days must be 0 or more")

    def purge(db: sqlite_utils.Database) -> voicemap.PurgeResult:
        result = voicemap.purge(db, days)
        if not args.dry_run:
            officials.audit(db, "cli", "complaint.purge", "", {"days": days, **result.__dict__})
        return result

    result = _write(settings, purge, dry_run=args.dry_run)
    verb = "would delete" if args.dry_run else "deleted"
    print(
        f"{verb} (older than {days} days): {result.private_records} reporters' private records, "
        f"{result.photos} photos, {result.supporters} supporter pseudonyms, {result.flags} flags, "
        f"{result.uploads} unused chat photos"
    )
    return 0


def _remask(args: argparse.Namespace, settings: Settings) -> int:
    """Mask every stored report's public text again with the current rules (civicbot.remask).

    One connection, one short transaction per batch (the server's writes go on in between); with
    ``--dry-run`` each batch is rolled back and nothing is recorded. The private original is never
    touched. Prints the counts; the audit log gets ``complaint.remask``."""
    if args.batch < 1:
        raise ValueError("--batch must be 1 or more")
    with migrated(settings) as db:

        def run(fn: Callable[[sqlite_utils.Database], remask.Batch]) -> remask.Batch:
            with write_transaction(db, args.dry_run):
                return fn(db)

        result = remask.remask_all(run, args.batch)
        if not args.dry_run:
            with write_transaction(db):
                remask.finish(db, result, args.actor, "cli")
    lang, dry = CLI_LANGUAGE, "_dry" if args.dry_run else ""
    print(
        t(
            "cli.remasked",
            lang,
            version=result.version,
            reports=t(f"cli.remask_reports{dry}", lang, count=len(result.changed)),
            notes=t(f"cli.remask_notes{dry}", lang, count=result.notes),
            checked=t("cli.remask_checked", lang, count=result.checked),
        )
    )
    for public_id in result.changed[:_LISTED]:  # the audit entry names up to 100, the count is exact
        print(f"  {public_id}")
    if len(result.changed) > _LISTED:
        print("  …")
    return 0


_LISTED = 20  # changed reports named on the terminal


def _api_key(args: argparse.Namespace, settings: Settings) -> int:
    if args.key_command == "create":
        key_id, key = _write(settings, lambda db: voicemap.create_api_key(db, args.name))
        print(f"Open311 api_key #{key_id} for {args.name} (shown only now, keep it secret):\n{key}")
    elif args.key_command == "list":
        for row in _write(settings, voicemap.list_api_keys, dry_run=True):
            state = f"revoked {row['revoked_at']}" if row["revoked_at"] else "active"
            print(f"#{row['id']}  {row['name']}  created {row['created_at']}  {state}")
    elif not _write(settings, lambda db: voicemap.revoke_api_key(db, args.key_id)):
        print(f"no active key #{args.key_id}", file=sys.stderr)
        return 1
    else:
        print(f"revoked key #{args.key_id}")
    return 0


def _review(args: argparse.Namespace, settings: Settings) -> int:
    rows = _write(settings, lambda db: triage.review_page(db, args.limit, 0, "cli")).complaints

    def line(row: voicemap.ReviewItem) -> str:
        reasons = ",".join(row.review_reasons) or "-"
        flags = row.flags.count
        return f"{row.public_id}  {row.created_at[:16]}  {reasons:<14} flags {flags}  {voicemap.preview(row.description, 60)}"

    return _print_lines([line(row) for row in rows], "nothing waits for review")


def _moderate(args: argparse.Namespace, settings: Settings) -> int:
    public_id = voicemap.find_public_id(args.id) or args.id
    command, actor, reason = args.complaints_command, args.actor, args.reason
    if command == "approve":
        found = _write(settings, lambda db: voicemap.approve_report(db, public_id, actor, reason))
    elif command == "hide":
        found = _write(settings, lambda db: voicemap.hide_report(db, public_id, actor, reason))
    elif command == "edit-text":
        found = _write(
            settings, lambda db: voicemap.edit_public_text(db, public_id, args.text, actor, reason)
        )
    else:
        found = _write(settings, lambda db: voicemap.hide_photo(db, public_id, actor, reason))
    print(f"{found.public_id}: {found.visibility}, photo {'shown' if found.has_photo else 'not shown'}")
    print(f"public text: {found.description}")
    return 0


_COMMANDS: dict[str, Callable[[argparse.Namespace, Settings], int]] = {
    "review": _review,
    "approve": _moderate,
    "hide": _moderate,
    "edit-text": _moderate,
    "hide-photo": _moderate,
    "list": _list,
    "export": _export,
    "status": _status,
    "purge": _purge,
    "remask": _remask,
    "api-key": _api_key,
}
