"""Officials' bearer tokens and the audit log of what officials do.

A token is shown once when it is created; only its SHA-256 is stored, so a copy of the database
does not let anyone act as an official.
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import io
import json
import re
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import sqlite_utils

from civicbot import clock, spreadsheet
from civicbot.db import Migration, lock, time_range

ROLES = ("official", "admin")
TOKEN_PREFIX = "cbo_"  # makes a leaked token easy to recognise (and to scan for in repositories)


def _create(db: sqlite_utils.Database) -> None:
    db.execute(
        """CREATE TABLE official_tokens (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            role TEXT NOT NULL,
            token_hash TEXT NOT NULL UNIQUE,
            created_at TEXT NOT NULL,
            revoked_at TEXT
        )"""
    )
    db.execute(
        """CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,      -- the official's token name, or 'cli' for the command line
            action TEXT NOT NULL,     -- poll.create, poll.close, poll.export, complaint.status, ...
            target TEXT NOT NULL DEFAULT '',
            detail TEXT NOT NULL DEFAULT '{}'
        )"""
    )


def _create_form_submissions(db: sqlite_utils.Database) -> None:
    db.execute(
        """CREATE TABLE form_submissions (
            token TEXT PRIMARY KEY,   -- SHA-256 of the account, the form's one-time token and fields
            actor TEXT NOT NULL,
            target TEXT NOT NULL,     -- what the first submission made: a poll's id
            at TEXT NOT NULL
        )"""
    )


MIGRATIONS: list[Migration] = [("officials_001", _create), ("officials_002", _create_form_submissions)]
FORM_TOKEN_BYTES = 16
_FORM_TOKEN = re.compile(r"[A-Za-z0-9_-]{16,64}")


@dataclass(frozen=True)
class Official:
    id: int
    name: str
    role: str
    revoked: bool

    @property
    def actor(self) -> str:
        """The audit log's name for what this token does: 'name (#id)'."""
        return f"{self.name} (#{self.id})"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(
    db: sqlite_utils.Database, name: str, role: str = "official", actor: str = "cli"
) -> tuple[Official, str]:
    """Returns the official and the raw token, which exists nowhere else afterwards.

    ``actor`` is who created it, for the audit log (the console passes the admin's account name)."""
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}")
    if not name.strip():
        raise ValueError("a token needs a name (who holds it)")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    cursor = db.execute(
        "INSERT INTO official_tokens (name, role, token_hash, created_at) VALUES (?, ?, ?, ?)",
        [name.strip(), role, token_hash(token), clock.now_iso()],
    )
    audit(db, actor, "token.create", str(cursor.lastrowid), {"name": name.strip(), "role": role})
    return Official(int(cursor.lastrowid), name.strip(), role, False), token


def find_official(db: sqlite_utils.Database, token: str) -> Official | None:
    """The token's holder (revoked or not), or None for a token we never issued."""
    wanted = token_hash(token)
    row = db.execute(
        "SELECT id, name, role, revoked_at, token_hash FROM official_tokens WHERE token_hash = ?", [wanted]
    ).fetchone()
    if row is None or not hmac.compare_digest(row[4], wanted):
        return None
    return Official(row[0], row[1], row[2], row[3] is not None)


def list_tokens(db: sqlite_utils.Database) -> list[dict]:
    rows = db.execute(
        "SELECT id, name, role, created_at, revoked_at FROM official_tokens ORDER BY id"
    ).fetchall()
    return [dict(zip(("id", "name", "role", "created_at", "revoked_at"), row, strict=True)) for row in rows]


def revoke_token(db: sqlite_utils.Database, token_id: int, actor: str = "cli") -> bool:
    cursor = db.execute(
        "UPDATE official_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
        [clock.now_iso(), token_id],
    )
    if cursor.rowcount:
        audit(db, actor, "token.revoke", str(token_id))
    return bool(cursor.rowcount)


def new_form_token() -> str:
    """A one-time token for a form that creates something (URL-safe text, FORM_TOKEN_BYTES random bytes)."""
    return secrets.token_urlsafe(FORM_TOKEN_BYTES)


def form_token(form: Mapping) -> str:
    """The posted form's ``form_token`` if it looks like one ``new_form_token`` makes, else ''."""
    token = str(form.get("form_token", "")).strip()
    return token if _FORM_TOKEN.fullmatch(token) else ""


def once_per_form(
    db: sqlite_utils.Database, token: str, actor: str, content: str, make: Callable[[], str]
) -> tuple[str, bool]:
    """``(target, True)`` from ``make()`` the first time a form's ``token`` is submitted; ``(target of
    that first time, False)`` when the same form comes again (a double click, a reload that posts
    again, a retry after a timeout), so one form makes one thing. Run it inside the write
    transaction: a ``make`` that raises stores nothing, and the form can be corrected and sent again.

    The same form is the same token from the same ``actor`` with the same ``content`` (the posted
    fields as text): a form edited after going back, or a token another account sends, makes its
    own, so nothing typed is lost and no one lands on another's draft.

    The pattern is the idempotency key of payment APIs (Stripe's ``Idempotency-Key``; the IETF
    draft "The Idempotency-Key HTTP Header Field"), carried in the form instead of a header."""
    token = hashlib.sha256("\x1f".join((actor, token, content)).encode()).hexdigest()
    lock(db, "form-submission", token)  # two replicas given the same double click take turns
    row = db.execute("SELECT target FROM form_submissions WHERE token = ?", [token]).fetchone()
    if row is not None:
        return row[0], False
    target = make()
    db.execute(
        "INSERT INTO form_submissions (token, actor, target, at) VALUES (?, ?, ?, ?)",
        [token, actor, target, clock.now_iso()],
    )
    return target, True


def audit(
    db: sqlite_utils.Database, actor: str, action: str, target: str = "", detail: dict | None = None
) -> None:
    db.execute(
        "INSERT INTO audit_log (at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)",
        [clock.now_iso(), actor, action, target, json.dumps(detail or {}, ensure_ascii=False)],
    )


def audit_entries(db: sqlite_utils.Database, limit: int = 100) -> list[dict]:
    rows = db.execute(
        "SELECT at, actor, action, target, detail FROM audit_log ORDER BY id DESC LIMIT ?", [limit]
    ).fetchall()
    return [
        {"at": at, "actor": actor, "action": action, "target": target, "detail": json.loads(detail)}
        for at, actor, action, target, detail in rows
    ]


@dataclass(frozen=True)
class AuditFilter:
    """What the console's audit viewer filters by; every field is optional (UTC ISO bounds)."""

    actor: str = ""  # a substring of the actor ("kim" finds "kim" and "kim (#3)")
    action: str = ""  # an action or its prefix: "poll" finds poll.create, poll.close ...
    since: str | None = None
    until: str | None = None

    @classmethod
    def from_text(cls, actor: str, action: str, since: str, until: str, zone: ZoneInfo) -> AuditFilter:
        """The viewer's form as typed: local dates (2026-11-30) become the UTC bounds of those days in
        ``zone``; a date that is not one filters nothing."""
        return cls(actor, action, clock.day_bound(since, False, zone), clock.day_bound(until, True, zone))


def search_audit(
    db: sqlite_utils.Database, wanted: AuditFilter, limit: int = 100, offset: int = 0
) -> tuple[list[dict], int]:
    """Entries matching the filter, newest first, and how many match in all."""
    clauses, params = [], []
    if wanted.actor:
        clauses.append("instr(lower(actor), lower(?)) > 0")
        params.append(wanted.actor)
    if wanted.action:
        clauses.append("(action = ? OR action LIKE ? ESCAPE '\\')")
        escaped = wanted.action.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        params += [wanted.action, escaped.rstrip(".") + ".%"]
    in_range, bounds = time_range("at", wanted.since, wanted.until)
    clauses, params = clauses + in_range, params + bounds
    where = " AND ".join(clauses) or "1"
    total = db.execute(f"SELECT count(*) FROM audit_log WHERE {where}", params).fetchone()[0]
    rows = db.execute(
        f"SELECT id, at, actor, action, target, detail FROM audit_log WHERE {where} "
        "ORDER BY id DESC LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    entries = [
        {"id": i, "at": at, "actor": actor, "action": action, "target": target, "detail": json.loads(detail)}
        for i, at, actor, action, target, detail in rows
    ]
    return entries, int(total)


def local_time(entry: dict, zone: ZoneInfo) -> str:
    """An entry's time as the viewer and its export show it: '2026-11-30 09:05:00' in the city's zone."""
    return clock.local_iso(entry["at"], zone)[:19].replace("T", " ")


def shown(entries: list[dict], zone: ZoneInfo) -> list[dict]:
    """Entries as the viewer lists them: each with its ``local`` time and its detail as JSON text."""
    return [
        {**e, "local": local_time(e, zone), "detail_text": json.dumps(e["detail"], ensure_ascii=False)}
        for e in entries
    ]


def audit_csv(entries: list[dict], zone: ZoneInfo) -> str:
    """Entries as CSV for Excel (a BOM first, CRLF). Every cell goes through ``spreadsheet.cell``:
    a name typed at the sign-in form is shown, never run as a formula."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["id", "at", "actor", "action", "target", "detail"])
    for entry in entries:
        row = [
            entry["id"],
            local_time(entry, zone),
            entry["actor"],
            entry["action"],
            entry["target"],
            json.dumps(entry["detail"], ensure_ascii=False),
        ]
        writer.writerow(spreadsheet.row(row))
    return out.getvalue()


def audit_actions(db: sqlite_utils.Database) -> list[str]:
    """Every action name in the log, for the viewer's filter."""
    return [row[0] for row in db.execute("SELECT DISTINCT action FROM audit_log ORDER BY action").fetchall()]
