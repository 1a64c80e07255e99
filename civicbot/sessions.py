"""Anonymous web sessions: the widget's identity for one browser.

The browser keeps the raw token; we store only its SHA-256. The session id (that hash) is the
"user id" of the web channel: one vote per poll per browser session, as the README states.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

import sqlite_utils

from civicbot import clock
from civicbot.db import Migration

TOKEN_PREFIX = "cbs_"


def _create(db: sqlite_utils.Database) -> None:
    db.execute(
        """CREATE TABLE web_sessions (
            id TEXT PRIMARY KEY,        -- sha256 of the token: the raw token is never stored
            created_at TEXT NOT NULL,
            language TEXT NOT NULL DEFAULT 'ko'
        )"""
    )


MIGRATIONS: list[Migration] = [("sessions_001", _create)]


@dataclass(frozen=True)
class Session:
    id: str
    language: str


def session_id(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_session(db: sqlite_utils.Database, language: str = "ko") -> tuple[Session, str]:
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    session = Session(session_id(token), language)
    db.execute(
        "INSERT INTO web_sessions (id, created_at, language) VALUES (?, ?, ?)",
        [session.id, clock.now_iso(), language],
    )
    return session, token


def find_session(db: sqlite_utils.Database, token: str) -> Session | None:
    if not token.startswith(TOKEN_PREFIX):
        return None
    row = db.execute("SELECT id, language FROM web_sessions WHERE id = ?", [session_id(token)]).fetchone()
    return Session(row[0], row[1]) if row else None
