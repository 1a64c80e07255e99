"""Notifications waiting to be sent to citizens on their channel.

Domain modules enqueue a message in the same transaction as the change it announces (a complaint's
new status, a poll's close), so a crash can never lose one and never send one for a change that was
rolled back. Each channel adapter drains its own channel's rows and marks them sent; providers
that are not chat channels (e-mail, SMS, KakaoTalk) are drained by civicbot.notify's Notifiers.

A notification may carry a ``link``: a path on this server ("/complaints/SEL-7K3F9Q") that each
sender turns into an absolute URL with its own base (CIVICBOT_PUBLIC_URL, or the widget's origin).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlite_utils

from civicbot import clock
from civicbot.db import Migration, engine, skip_locked


def _create(db: sqlite_utils.Database) -> None:
    db.execute(
        """CREATE TABLE outbox (
            id INTEGER PRIMARY KEY,
            channel TEXT NOT NULL,           -- telegram, web, ...
            recipient TEXT NOT NULL,         -- the channel's own address (a Telegram chat id, ...)
            text TEXT NOT NULL,
            created_at TEXT NOT NULL,
            not_before TEXT NOT NULL,        -- retry time after a failure or a 429
            attempts INTEGER NOT NULL DEFAULT 0,
            sent_at TEXT,
            failed_at TEXT,                  -- gave up: the recipient blocked the bot, ...
            last_error TEXT
        )"""
    )
    db.execute("CREATE INDEX outbox_due ON outbox (channel, sent_at, failed_at, not_before)")


def _add_link(db: sqlite_utils.Database) -> None:
    db.execute("ALTER TABLE outbox ADD COLUMN link TEXT NOT NULL DEFAULT ''")


NOTIFY_TOPIC = "civicbot_outbox"  # PostgreSQL: NOTIFY with the row's channel, on every new notice


def _notify_on_insert(db: sqlite_utils.Database) -> None:
    """PostgreSQL: each new row NOTIFYs NOTIFY_TOPIC at commit, so every replica's drain wakes up
    at once (whatever inserted it: a replica, a timer, the command line). SQLite: nothing; the one
    process polls."""
    if engine(db) != "postgresql":
        return
    db.conn.execute(
        f"""CREATE OR REPLACE FUNCTION civicbot_outbox_notify() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_notify('{NOTIFY_TOPIC}', NEW.channel);  -- one per channel per commit
                RETURN NULL;
            END $$"""
    )
    db.conn.execute(
        """CREATE TRIGGER outbox_notify AFTER INSERT ON outbox
           FOR EACH ROW EXECUTE FUNCTION civicbot_outbox_notify()"""
    )


MIGRATIONS: list[Migration] = [
    ("outbox_001", _create),
    ("outbox_002_link", _add_link),
    ("outbox_003_notify", _notify_on_insert),
]


@dataclass(frozen=True)
class Notification:
    id: int
    channel: str
    recipient: str
    text: str
    attempts: int
    link: str = ""  # a path on this server, or empty

    def message(self, base_url: str) -> str:
        """The text with its link made absolute (``base_url`` like "https://civic.seoul.go.kr")."""
        return f"{self.text} {base_url.rstrip('/')}{self.link}" if self.link else self.text


def enqueue(db: sqlite_utils.Database, channel: str, recipient: str, text: str, link: str = "") -> int:
    """Queue a message; call inside the write that causes it. ``link`` is a path, appended on sending."""
    now = clock.now_iso()
    cursor = db.execute(
        "INSERT INTO outbox (channel, recipient, text, created_at, not_before, link) VALUES (?, ?, ?, ?, ?, ?)",
        [channel, recipient, text, now, now, link],
    )
    return int(cursor.lastrowid)


def due(db: sqlite_utils.Database, channel: str, limit: int = 50) -> list[Notification]:
    """Unsent, not given up and due now, oldest first."""
    rows = db.execute(
        """SELECT id, channel, recipient, text, attempts, link FROM outbox
           WHERE channel = ? AND sent_at IS NULL AND failed_at IS NULL AND not_before <= ?
           ORDER BY id LIMIT ?""",
        [channel, clock.now_iso(), limit],
    ).fetchall()
    return [Notification(*row) for row in rows]


CLAIM_SECONDS = 120  # how long a claimed notice is left to its replica before another may try


def claim_due(db: sqlite_utils.Database, channel: str, limit: int = 50) -> list[Notification]:
    """Take the notices that are due, for this replica alone: call inside a write.

    The rows are locked with SKIP LOCKED (PostgreSQL; SQLite's one writer needs nothing) and their
    ``not_before`` moved on by CLAIM_SECONDS, so another replica's drain skips them now and after
    this commit. ``mark_sent``/``retry_later`` settle them; a crash before that only delays them.
    """
    rows = db.execute(
        f"""SELECT id, channel, recipient, text, attempts FROM outbox
           WHERE channel = ? AND sent_at IS NULL AND failed_at IS NULL AND not_before <= ?
           ORDER BY id LIMIT ?{skip_locked(db)}""",
        [channel, clock.now_iso(), limit],
    ).fetchall()
    later = clock.iso(clock.now() + dt.timedelta(seconds=CLAIM_SECONDS))
    for row in rows:
        db.execute("UPDATE outbox SET not_before = ? WHERE id = ?", [later, row[0]])
    return [Notification(*row) for row in rows]


def waiting_for(
    db: sqlite_utils.Database, channel: str, recipients: list[str], limit: int = 50, claim: bool = False
) -> list[Notification]:
    """Unsent notices on ``channel`` for these recipients (open browser sessions), oldest first.

    With ``claim`` (inside a write) the rows are locked with SKIP LOCKED, so one replica takes each."""
    marks = ",".join("?" * len(recipients))
    rows = db.execute(
        f"""SELECT id, channel, recipient, text, attempts, link FROM outbox
            WHERE channel = ? AND recipient IN ({marks}) AND sent_at IS NULL AND failed_at IS NULL
            ORDER BY id LIMIT ?{skip_locked(db) if claim else ""}""",
        [channel, *recipients, limit],
    ).fetchall()
    return [Notification(*row) for row in rows]


def take_for(db: sqlite_utils.Database, channel: str, recipients: list[str]) -> list[Notification]:
    """``waiting_for`` those recipients, marked sent in the same write: each notice goes out once."""
    taken = waiting_for(db, channel, recipients, claim=True) if recipients else []
    for notification in taken:
        mark_sent(db, notification.id)
    return taken


def backlog(db: sqlite_utils.Database) -> int:
    """Notices not yet sent nor given up, all channels (the /metrics gauge)."""
    return db.execute("SELECT count(*) FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL").fetchone()[0]


def mark_sent(db: sqlite_utils.Database, notification_id: int) -> None:
    db.execute(
        "UPDATE outbox SET sent_at = ?, attempts = attempts + 1 WHERE id = ?",
        [clock.now_iso(), notification_id],
    )


def retry_later(
    db: sqlite_utils.Database, notification_id: int, seconds: float, error: str, max_attempts: int = 8
) -> None:
    """Try again after ``seconds``; after max_attempts the message is given up (and kept, for the record)."""
    later = clock.iso(clock.now() + dt.timedelta(seconds=seconds))
    db.execute(
        """UPDATE outbox SET attempts = attempts + 1, not_before = ?, last_error = ?,
               failed_at = CASE WHEN attempts + 1 >= ? THEN ? END
           WHERE id = ?""",
        [later, error[:500], max_attempts, clock.now_iso(), notification_id],
    )


def give_up(db: sqlite_utils.Database, notification_id: int, error: str) -> None:
    db.execute(
        "UPDATE outbox SET attempts = attempts + 1, failed_at = ?, last_error = ? WHERE id = ?",
        [clock.now_iso(), error[:500], notification_id],
    )
