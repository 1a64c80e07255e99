"""What the Telegram channel keeps in SQLite so a restart forgets nothing.

Which updates were processed (Telegram delivers an update again when it got no 200, and after a
crash), and the payloads of buttons too long for Telegram's 64-byte callback data. Plain SQL, no
Telegram library: the app factory (civicbot.app.MIGRATIONS) lists these migrations.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib

import sqlite_utils

from civicbot import clock
from civicbot.db import Migration

UPDATE_RETENTION = dt.timedelta(days=7)  # Telegram keeps an undelivered update for 24 hours at most


def _create_tables(db: sqlite_utils.Database) -> None:
    db.execute(
        """CREATE TABLE telegram_updates (
            bot_id INTEGER NOT NULL,
            update_id INTEGER NOT NULL,
            run_id TEXT NOT NULL,            -- the server run that claimed it
            done INTEGER NOT NULL DEFAULT 0, -- 0: being processed (or the run crashed)
            received_at TEXT NOT NULL,
            PRIMARY KEY (bot_id, update_id)
        )"""
    )
    db.execute("CREATE INDEX telegram_updates_received ON telegram_updates (received_at)")
    db.execute(
        """CREATE TABLE telegram_buttons (
            key TEXT PRIMARY KEY,            -- a hash of the payload: the same button, the same key
            payload TEXT NOT NULL,
            created_at TEXT NOT NULL
        )"""
    )


MIGRATIONS: list[Migration] = [("telegram_001", _create_tables)]


CLAIM_LEASE = dt.timedelta(seconds=60)  # a claim older than this, not done, was left by a crash


def claim_update(db: sqlite_utils.Database, bot_id: int, update_id: int, run_id: str) -> bool:
    """True when this run should process the update: new, or left half-done by a run that crashed.

    Two statements that each decide atomically, so two replicas given the same update (the load
    balancer retrying on another one) never both win: the INSERT's primary key picks one, and a
    claim is taken over only once its lease has run out (its replica crashed mid-update).
    """
    now = clock.now()
    inserted = db.execute(
        """INSERT INTO telegram_updates (bot_id, update_id, run_id, received_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (bot_id, update_id) DO NOTHING""",
        [bot_id, update_id, run_id, clock.iso(now)],
    )
    if inserted.rowcount == 1:
        return True
    taken_over = db.execute(
        """UPDATE telegram_updates SET run_id = ?, received_at = ?
           WHERE bot_id = ? AND update_id = ? AND done = 0 AND run_id <> ? AND received_at < ?""",
        [
            run_id,
            clock.iso(now),
            bot_id,
            update_id,
            run_id,
            clock.iso(now - CLAIM_LEASE),
        ],
    )
    return taken_over.rowcount == 1


def finish_update(db: sqlite_utils.Database, bot_id: int, update_id: int) -> None:
    db.execute("UPDATE telegram_updates SET done = 1 WHERE bot_id = ? AND update_id = ?", [bot_id, update_id])


def forget_old_updates(db: sqlite_utils.Database) -> None:
    cutoff = clock.iso(clock.now() - UPDATE_RETENTION)
    db.execute("DELETE FROM telegram_updates WHERE received_at < ?", [cutoff])


def store_payload(db: sqlite_utils.Database, payload: str) -> str:
    key = base64.urlsafe_b64encode(hashlib.sha256(payload.encode()).digest()[:12]).decode()
    db.execute(
        "INSERT OR IGNORE INTO telegram_buttons (key, payload, created_at) VALUES (?, ?, ?)",
        [key, payload, clock.now_iso()],
    )
    return key


def stored_payload(db: sqlite_utils.Database, key: str) -> str | None:
    row = db.execute("SELECT payload FROM telegram_buttons WHERE key = ?", [key]).fetchone()
    return row[0] if row else None
