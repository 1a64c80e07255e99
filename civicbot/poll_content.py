"""Polls published as files: ``polls/*.yaml`` -> polls in the database, idempotent by slug.

City staff write one YAML file per poll; ``civicbot polls sync`` (and every server start) creates
new polls and updates changed ones. A mistake is reported as ``file:line: what is wrong`` and that
file changes nothing; the other files still sync.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

import sqlite_utils

from civicbot import polls
from civicbot.content import ContentError, ContentFileError, key_line, load_yaml, relative_name
from civicbot.db import lock as db_lock


@dataclass(frozen=True)
class PollFile:
    path: str  # relative to the polls dir, for messages
    text: str
    spec: polls.PollSpec
    source_hash: str


@dataclass
class SyncReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    errors: list[ContentError] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"{len(self.created)} created, {len(self.updated)} updated, {len(self.unchanged)} unchanged, "
            f"{len(self.errors)} with errors"
        )


def _item_line(text: str, key: str, index: int) -> int:
    """The line of the index-th item of the block list under ``key:`` (``options``, ``districts``);
    the key's own line for a list written on one line (``districts: [mapo, 마포]``)."""
    start = key_line(text, key)
    seen = -1
    lines = text.splitlines()
    for number in range(start, len(lines)):  # start is 1-based: lines[start] is the line after it
        line = lines[number]
        stripped = line.lstrip()
        if stripped.startswith("- "):
            seen += 1
            if seen == index:
                return number + 1
        elif stripped and not stripped.startswith("#") and line == stripped:
            break  # the next top-level key: the list has ended
    return start


def error_line(text: str, error: polls.SpecError) -> int:
    if error.field in ("options", "districts") and error.index is not None:
        return _item_line(text, error.field, error.index)
    return key_line(text, error.field) if error.field else 1


def parse_file(path: Path, root: Path, zone: ZoneInfo) -> PollFile:
    """One poll file; raises ContentFileError (file:line) when it is not a valid poll."""
    name = relative_name(path, root)
    text = path.read_text(encoding="utf-8")
    raw = load_yaml(text, name)
    if not isinstance(raw, dict):
        raise ContentFileError(
            ContentError(name, 1, "a poll file must be a mapping of fields (title:, options:, ...)")
        )
    raw.setdefault("slug", path.stem)
    # A file must say when voting opens: "now" would change every time the server starts.
    if raw.get("opens_at") is None:
        raise ContentFileError(ContentError(name, 1, "'opens_at' is required in a poll file"))
    try:
        spec = polls.parse_spec(raw, zone)
    except polls.SpecError as exc:
        raise ContentFileError(ContentError(name, error_line(text, exc), exc.message)) from None
    return PollFile(name, text, spec, hashlib.sha256(text.encode()).hexdigest())


def load_poll_files(polls_dir: Path, zone: ZoneInfo) -> tuple[list[PollFile], list[ContentError]]:
    files: list[PollFile] = []
    errors: list[ContentError] = []
    slugs: dict[str, str] = {}
    if not polls_dir.is_dir():
        return files, errors
    for path in sorted([*polls_dir.glob("*.yaml"), *polls_dir.glob("*.yml")]):
        try:
            poll_file = parse_file(path, polls_dir, zone)
        except ContentFileError as exc:
            errors.append(exc.error)
            continue
        except (OSError, UnicodeDecodeError) as exc:
            errors.append(ContentError(relative_name(path, polls_dir), 1, f"cannot read the file: {exc}"))
            continue
        slug = poll_file.spec.slug or ""
        if slug in slugs:
            line = key_line(poll_file.text, "slug")
            errors.append(
                ContentError(poll_file.path, line, f"slug '{slug}' is already used by {slugs[slug]}")
            )
            continue
        slugs[slug] = poll_file.path
        files.append(poll_file)
    return files, errors


def sync_polls(db: sqlite_utils.Database, polls_dir: Path, zone: ZoneInfo, actor: str = "sync") -> SyncReport:
    """Publish the poll files: create new slugs, update changed files, leave the rest alone.

    Run inside one write transaction; each file gets its own savepoint, so a file that fails (say,
    it changes the options of a poll people already voted in) changes nothing while the rest sync.
    """
    report = SyncReport()
    files, report.errors = load_poll_files(polls_dir, zone)
    db_lock(db, "poll-sync")  # replicas starting together sync one after the other, not twice
    for poll_file in files:
        db.execute("SAVEPOINT poll_file")
        try:
            outcome = _sync_one(db, poll_file, actor)
        except polls.SpecError as exc:
            db.execute("ROLLBACK TO poll_file")
            report.errors.append(ContentError(poll_file.path, error_line(poll_file.text, exc), exc.message))
            outcome = None
        except polls.PollError as exc:
            db.execute("ROLLBACK TO poll_file")
            report.errors.append(ContentError(poll_file.path, 1, exc.message))
            outcome = None
        db.execute("RELEASE poll_file")
        if outcome is not None:
            getattr(report, outcome).append(poll_file.spec.slug or poll_file.path)
    return report


def _sync_one(db: sqlite_utils.Database, poll_file: PollFile, actor: str) -> str:
    slug = poll_file.spec.slug or ""
    row = db.execute("SELECT id, source_hash, status FROM polls WHERE slug = ?", [slug]).fetchone()
    if row is None:
        polls.create_poll(db, poll_file.spec, actor, source_hash=poll_file.source_hash)
        return "created"
    poll_id, source_hash, status = row
    if source_hash == poll_file.source_hash or status == "closed":
        return "unchanged"  # a closed poll is final: its file is kept for the record only
    poll = polls.get_poll(db, poll_id)
    assert poll is not None
    polls.update_poll(db, poll, poll_file.spec, actor, source_hash=poll_file.source_hash)
    return "updated"
