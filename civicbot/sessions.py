"""Anonymous web sessions: the widget's identity for one browser.

The browser keeps the raw token; we store only its SHA-256. The session id (that hash) is the
"user id" of the web channel: one vote per poll per browser session, as the README states.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
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


# -- the JSON API's conversations (no session: the id itself is the credential) ---------------------
def issue_conversation_id(secret: bytes) -> str:
    """A new conversation id: 'cv_<random>.<mac>' (~60 characters), signed with the server's secret.

    The id is the conversation's bearer credential: only the client it was given to knows it, and
    the server can tell its own ids from invented ones without a database look-up."""
    nonce = secrets.token_urlsafe(18)
    return f"cv_{nonce}.{_conversation_mac(secret, nonce)}"


def _conversation_mac(secret: bytes, nonce: str) -> str:
    digest = hmac.new(secret, b"api-conversation:" + nonce.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest[:18]).decode()


def conversation_id(secret: bytes, given: str | None) -> str:
    """The caller's conversation, or a new one when it sent none or an id the server never issued.

    A client-chosen id ('web-1') would let anyone who sends the same id continue that conversation,
    report draft included; such an id starts a fresh conversation under a new, issued id."""
    if given is not None and is_issued_conversation_id(secret, given):
        return given
    return issue_conversation_id(secret)


def is_issued_conversation_id(secret: bytes, value: str) -> bool:
    """True only for an id this server issued (and so for the client it was issued to)."""
    nonce, dot, mac = value.removeprefix("cv_").partition(".")
    if not value.startswith("cv_") or not dot or not nonce:
        return False
    return hmac.compare_digest(mac.encode(), _conversation_mac(secret, nonce).encode())
