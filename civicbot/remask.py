"""Mask stored reports again when the masking rules improve (civicbot.privacy.RULES_VERSION).

A report's public text is masked once, when it is filed. When the rules learn a new spelling (the
twenty-third pass: landline numbers said aloud, "02에 123에 4567"), the reports filed before still
show it on the map, in GeoJSON, Open311 and the status page. ``remask_batch`` applies the current
rules to what is public of a batch of reports:

- ``complaints.description`` (in the report's language, as ``voicemap.submit`` masked it),
- ``complaints.status_note`` and the notes in ``complaint_history`` (officials' notes are public
  and masked with the same rules by ``voicemap.change_status``).

It masks the public text itself, not the private original again: masking masked text only adds
labels, so an official's edit (``complaints edit-text``) is never undone, and running it twice
changes nothing the second time. ``complaint_private`` (the text as written, kept for officials
until the retention period ends) is never read or written here. A changed report's ``updated_at``
moves, as an official's edit moves it, so Open311 clients that mirror reports fetch the new text.

Run by ``civicbot complaints remask [--dry-run]`` (each batch its own short transaction, so a
running server's writes go on between batches) and by the server at start-up when the stored rules
version differs from the code's (``remask_on_start``). Both record the run in the audit log
(``complaint.remask``) and then store the rules version in ``masking_rules``. Blocking functions
take a connection (either engine); ``remask_on_start`` awaits the app's database.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from civicbot import clock, privacy
from civicbot.db import Migration
from civicbot.officials import audit

log = logging.getLogger(__name__)

BATCH = 200  # reports per transaction: a few tens of milliseconds of masking, a short write lock
_AUDITED_IDS = 100  # the audit entry names at most this many changed reports (the count is exact)


def _create(db: Any) -> None:
    db.execute(
        """CREATE TABLE masking_rules (
            what TEXT PRIMARY KEY,             -- 'reports': the rules the stored public texts were masked with
            version TEXT NOT NULL,             -- civicbot.privacy.RULES_VERSION
            applied_at TEXT NOT NULL           -- UTC ISO 8601
        )"""
    )


MIGRATIONS: list[Migration] = [("masking_rules_001", _create)]


@dataclass
class Batch:
    """One batch's outcome: ``last_id`` the largest complaint id looked at (None: no reports left)."""

    last_id: int | None
    checked: int = 0
    changed: list[str] = field(default_factory=list)  # public ids whose description or note changed
    notes: int = 0  # status notes (current and in the history) that changed


@dataclass
class RemaskResult:
    """A whole run: reports looked at, reports changed (with their ids), notes changed."""

    version: str
    checked: int = 0
    changed: list[str] = field(default_factory=list)
    notes: int = 0

    def add(self, batch: Batch) -> None:
        self.checked += batch.checked
        self.changed.extend(batch.changed)
        self.notes += batch.notes


def stored_version(conn: Any) -> str | None:
    """The rules version the stored reports were last masked with; None before the first run."""
    row = conn.execute("SELECT version FROM masking_rules WHERE what = 'reports'").fetchone()
    return row[0] if row else None


def remask_batch(conn: Any, after: int, size: int = BATCH) -> Batch:
    """Mask the public text of the ``size`` reports with ids above ``after`` with the current rules.

    Writes only what changed (and that report's ``updated_at``); returns the batch's outcome."""
    rows = conn.execute(
        "SELECT id, public_id, description, status_note, language FROM complaints WHERE id > ? ORDER BY id LIMIT ?",
        [after, size],
    ).fetchall()
    if not rows:
        return Batch(None)
    batch = Batch(rows[-1][0], checked=len(rows))
    now = clock.now_iso()
    changed_ids: set[int] = set()
    for complaint_id, _public_id, description, note, language in rows:
        masked = privacy.mask_pii(description, language).text
        # The notes are masked as change_status masks them (its default language).
        masked_note = privacy.mask_pii(note).text if note else note
        if masked == description and masked_note == note:
            continue
        conn.execute(
            "UPDATE complaints SET description = ?, status_note = ?, updated_at = ? WHERE id = ?",
            [masked, masked_note, now, complaint_id],
        )
        changed_ids.add(complaint_id)
        batch.notes += masked_note != note
    marks = ", ".join("?" * len(rows))
    history = conn.execute(
        f"SELECT id, complaint_id, note FROM complaint_history WHERE complaint_id IN ({marks}) AND note != ''",
        [row[0] for row in rows],
    ).fetchall()
    for history_id, complaint_id, note in history:
        masked_note = privacy.mask_pii(note).text
        if masked_note != note:
            conn.execute("UPDATE complaint_history SET note = ? WHERE id = ?", [masked_note, history_id])
            batch.notes += 1
            if complaint_id not in changed_ids:
                conn.execute("UPDATE complaints SET updated_at = ? WHERE id = ?", [now, complaint_id])
                changed_ids.add(complaint_id)
    batch.changed = [public_id for complaint_id, public_id, *_ in rows if complaint_id in changed_ids]
    return batch


def finish(conn: Any, result: RemaskResult, actor: str, via: str, write_audit: bool = True) -> None:
    """Record a completed run: the audit entry (``complaint.remask``; it also moves the map's data
    version, so cached map data is built again) and the rules version now stored."""
    if write_audit:
        detail = {
            "rules": result.version,
            "checked": result.checked,
            "reports": len(result.changed),
            "notes": result.notes,
            "changed": result.changed[:_AUDITED_IDS],
            "via": via,
        }
        audit(conn, actor, "complaint.remask", "", detail)
    conn.execute("DELETE FROM masking_rules WHERE what = 'reports'")
    conn.execute(
        "INSERT INTO masking_rules (what, version, applied_at) VALUES ('reports', ?, ?)",
        [result.version, clock.now_iso()],
    )


def remask_all(run: Callable[[Callable[[Any], Batch]], Batch], size: int = BATCH) -> RemaskResult:
    """Every report, batch after batch: ``run(fn)`` runs ``fn(conn)`` in a transaction of its own
    and returns what it returns. Reports filed during the run are masked by the current rules at
    intake already, so a report past the last batch needs nothing."""
    result = RemaskResult(privacy.RULES_VERSION)
    after = 0
    while True:
        batch = run(lambda conn, after=after: remask_batch(conn, after, size))
        if batch.last_id is None:
            return result
        result.add(batch)
        after = batch.last_id


async def remask_on_start(db: Any, size: int = BATCH) -> RemaskResult | None:
    """At start-up: mask the stored reports again when the stored rules version is not the code's.

    Batches go through the app's writer one at a time (``db.execute_write_fn``), so requests are
    served between them. None when the stored version is current. The audit log gets an entry
    only when something changed (actor ``startup``). Replicas starting together may each run it;
    the runs are idempotent, so the later one finds nothing left to change."""
    if await db.execute_fn(stored_version) == privacy.RULES_VERSION:
        return None
    result = RemaskResult(privacy.RULES_VERSION)
    after = 0
    while True:
        batch = await db.execute_write_fn(lambda conn, after=after: remask_batch(conn, after, size))
        if batch.last_id is None:
            break
        result.add(batch)
        after = batch.last_id
    await db.execute_write_fn(lambda conn: finish(conn, result, "startup", "startup", bool(result.changed)))
    log.info(
        "masking rules %s applied to stored reports: %d checked, %d changed, %d notes changed",
        result.version,
        result.checked,
        len(result.changed),
        result.notes,
    )
    return result
