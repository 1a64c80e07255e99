"""``civicbot db ...``: schema migrations and the move from SQLite to PostgreSQL.

    civicbot db upgrade                      apply pending migrations (Procfile ``release:`` step)
    civicbot db status                       list the migrations not applied yet; exit 1 if any
    civicbot db migrate-to postgresql://...  copy every row of this SQLite database there, verify

SQLite migrates itself at start-up; on PostgreSQL ``upgrade`` runs once per deploy, before the new
replicas start (they would also run what is pending, one at a time under an advisory lock).
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Iterator
from typing import Any

from civicbot.config import Settings
from civicbot.db import connect, connect_settings, migrate, pending
from civicbot.i18n import t

# The operators' command line speaks English; its counts take the catalogue's plurals ("1 ballot").
CLI_LANGUAGE = "en"

# R*Tree's own storage: recreated by the virtual table's migration, filled through it.
_SKIP_TABLES = ("schema_migrations",)


def add_parsers(commands: argparse._SubParsersAction) -> None:
    db = commands.add_parser("db", help="database migrations and the move to PostgreSQL")
    actions = db.add_subparsers(dest="db_command", required=True)
    actions.add_parser("upgrade", help="apply pending migrations (the Procfile's release step)")
    actions.add_parser("status", help="list pending migrations; exit 1 when there are some")
    move = actions.add_parser("migrate-to", help="copy this SQLite database into an empty PostgreSQL one")
    move.add_argument("url", help="postgresql://user:password@host:port/database")


def _migrations() -> list:
    # Inside the function: the factory's module loads the web app, which `civicbot --help` needn't.
    from civicbot.app import MIGRATIONS

    return MIGRATIONS


@contextlib.contextmanager
def connection(settings: Settings) -> Iterator[Any]:
    """One blocking connection for a command-line tool (sqlite-utils or the PostgreSQL adapter), closed after."""
    conn = connect_settings(settings)
    try:
        yield conn
    finally:
        conn.conn.close()


@contextlib.contextmanager
def migrated(settings: Settings) -> Iterator[Any]:
    """``connection`` with every migration applied first."""
    with connection(settings) as conn:
        migrate(conn, _migrations())
        yield conn


def upgrade(settings: Settings) -> int:
    with connection(settings) as conn:
        applied = migrate(conn, _migrations())
    print(f"applied {len(applied)} migration(s)" + (": " + ", ".join(applied) if applied else ""))
    return 0


def status(settings: Settings) -> int:
    with connection(settings) as conn:
        names = pending(conn, _migrations())
    print("\n".join(names) if names else "up to date")
    return 1 if names else 0


def _source_tables(source: Any) -> list[str]:
    """Tables in the order they were created, so a row's foreign keys always exist before it."""
    rows = source.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid"
    ).fetchall()
    shadow = {
        f"{name}_{part}"
        for name, sql in rows
        if "VIRTUAL TABLE" in (sql or "").upper()
        for part in ("node", "parent", "rowid")
    }
    return [name for name, _ in rows if name not in shadow and name not in _SKIP_TABLES]


def copy_rows(source: Any, target: Any) -> dict[str, int]:
    """Copy every row of every table; returns rows copied per table. One transaction on target."""
    from civicbot.pgsql import load_identity

    counts: dict[str, int] = {}
    raw = target.conn
    raw.execute("BEGIN")
    try:
        for table in _source_tables(source):
            cursor = source.execute(f"SELECT * FROM {table}")
            columns = [d[0] for d in cursor.description]
            rows = cursor.fetchall()
            if rows:
                marks = ", ".join(["%s"] * len(columns))
                with raw.cursor() as out:
                    out.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)
            counts[table] = len(rows)
        # Identity columns were given explicit ids: move each sequence past the largest one.
        for table, column in load_identity(raw).items():
            raw.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', '{column}'), "
                f"COALESCE((SELECT max({column}) FROM {table}), 0) + 1, false)"
            )
        raw.execute("COMMIT")
    except BaseException:
        raw.execute("ROLLBACK")
        raise
    return counts


def verify_copy(source: Any, target: Any, counts: dict[str, int]) -> list[str]:
    """Problems found after a copy: row counts that differ, and every poll's chain verified."""
    from civicbot import polls

    problems = []
    for table, expected in counts.items():
        found = target.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        if found != expected:
            problems.append(f"{table}: {expected} rows in SQLite, {found} in PostgreSQL")
    for poll in polls.list_polls(target, include_drafts=True):
        result = polls.verify_poll(target, poll)
        problems.extend(f"poll {poll.id}: {problem}" for problem in result.problems)
    return problems


def migrate_to(settings: Settings, url: str) -> int:
    from civicbot import pgsql

    if settings.uses_postgresql:
        print("CIVICBOT_DATABASE_URL already points at PostgreSQL: nothing to move", file=sys.stderr)
        return 2
    if not url.startswith(("postgresql://", "postgres://")):
        print("the target must be a postgresql:// URL", file=sys.stderr)
        return 2
    source = connect(settings.db_path)
    target = pgsql.connect(url)
    try:
        migrate(source, _migrations())
        migrate(target, _migrations())
        busy = [
            table
            for table in _source_tables(source)
            if target.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone()
        ]
        if busy:
            print(f"the target database is not empty ({', '.join(busy)}): refusing to mix", file=sys.stderr)
            return 1
        counts = copy_rows(source, target)
        problems = verify_copy(source, target, counts)
    finally:
        source.conn.close()
        target.conn.close()
    rows = t("cli.n_rows", CLI_LANGUAGE, count=sum(counts.values()))
    print(t("cli.copied", CLI_LANGUAGE, rows=rows, tables=t("cli.n_tables", CLI_LANGUAGE, count=len(counts))))
    for problem in problems:
        print(f"problem: {problem}", file=sys.stderr)
    if problems:
        return 1
    print("every row is there and every poll's chain verifies. Now set CIVICBOT_DATABASE_URL to that URL.")
    return 0


def main(args: argparse.Namespace, settings: Settings) -> int:
    if args.db_command == "upgrade":
        return upgrade(settings)
    if args.db_command == "status":
        return status(settings)
    return migrate_to(settings, args.url)
