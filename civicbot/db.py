"""SQLite through sqlite-utils: WAL, one writer thread, reads off the event loop, migrations.

The pattern is datasette's: every write is a function ``fn(db)`` handed to a single writer thread,
so SQLite never sees two writers and the event loop never blocks on disk. The writer commits
whatever is queued in one transaction (group commit), each function in its own savepoint, so one
failing write never takes its neighbours down with it.
"""

from __future__ import annotations

import asyncio
import logging
import queue
import sqlite3
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import sqlite_utils

log = logging.getLogger(__name__)
T = TypeVar("T")

_STOP = object()
_MAX_BATCH = 256


def connect(path: Path | str) -> sqlite_utils.Database:
    conn = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None, timeout=30)
    conn.execute("PRAGMA journal_mode=WAL")
    # NORMAL is durable against a process crash (kill -9) in WAL mode; only power loss can
    # roll back the last transactions, and it never corrupts the file.
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA busy_timeout=30000")
    return sqlite_utils.Database(conn)


@dataclass
class _WriteTask:
    fn: Callable[[sqlite_utils.Database], Any]
    future: asyncio.Future
    loop: asyncio.AbstractEventLoop


def _settle(task: _WriteTask, result: Any = None, error: BaseException | None = None) -> None:
    def apply() -> None:
        if task.future.done():
            return
        if error is not None:
            task.future.set_exception(error)
        else:
            task.future.set_result(result)

    task.loop.call_soon_threadsafe(apply)


class Database:
    """The app's SQLite database: ``await execute_write_fn(fn)`` and ``await execute_fn(fn)``."""

    def __init__(self, path: Path | str, read_threads: int = 2) -> None:
        self.path = Path(path)
        self._queue: queue.Queue = queue.Queue()
        self._writer: threading.Thread | None = None
        self._readers = ThreadPoolExecutor(read_threads, thread_name_prefix="civicbot-read")
        self._local = threading.local()
        self._read_conns: list[sqlite_utils.Database] = []
        self._lock = threading.Lock()

    # -- lifecycle -------------------------------------------------------------------------
    def open(self) -> None:
        """Create the file, run migrations, start the writer thread."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        writer_db = connect(self.path)
        migrate(writer_db)
        self._writer = threading.Thread(
            target=self._write_loop, args=(writer_db,), name="civicbot-writer", daemon=True
        )
        self._writer.start()

    def close(self) -> None:
        if self._writer is not None:
            self._queue.put(_STOP)
            self._writer.join()
            self._writer = None
        self._readers.shutdown(wait=True)
        with self._lock:
            for db in self._read_conns:
                db.conn.close()
            self._read_conns.clear()

    # -- writes ----------------------------------------------------------------------------
    async def execute_write_fn(self, fn: Callable[[sqlite_utils.Database], T]) -> T:
        """Run ``fn(db)`` on the writer thread inside a transaction; return what it returns."""
        if self._writer is None:
            raise RuntimeError("database is not open")
        loop = asyncio.get_running_loop()
        future = loop.create_future()
        self._queue.put(_WriteTask(fn, future, loop))
        return await future

    def _write_loop(self, db: sqlite_utils.Database) -> None:
        try:
            while True:
                batch = [self._queue.get()]
                while len(batch) < _MAX_BATCH:
                    try:
                        batch.append(self._queue.get_nowait())
                    except queue.Empty:
                        break
                stop = any(item is _STOP for item in batch)
                tasks = [item for item in batch if item is not _STOP]
                if tasks:
                    self._run_batch(db, tasks)
                if stop:
                    return
        finally:
            db.conn.close()

    def _run_batch(self, db: sqlite_utils.Database, tasks: list[_WriteTask]) -> None:
        outcomes: list[tuple[_WriteTask, Any, BaseException | None]] = []
        try:
            # IMMEDIATE takes the write lock up front: read-then-write code in fn sees no race.
            db.execute("BEGIN IMMEDIATE")
            for task in tasks:
                outcomes.append(self._run_in_savepoint(db, task))
            db.execute("COMMIT")
        except BaseException as exc:  # the commit itself failed: nothing of the batch is stored
            log.exception("write batch failed")
            if db.conn.in_transaction:
                db.execute("ROLLBACK")
            for task in tasks:
                _settle(task, error=exc)
            return
        for task, result, error in outcomes:
            _settle(task, result, error)

    @staticmethod
    def _run_in_savepoint(db: sqlite_utils.Database, task: _WriteTask):
        db.execute("SAVEPOINT task")
        try:
            result = task.fn(db)
        except Exception as exc:
            db.execute("ROLLBACK TO task")
            db.execute("RELEASE task")
            return task, None, exc
        db.execute("RELEASE task")
        return task, result, None

    # -- reads -----------------------------------------------------------------------------
    async def execute_fn(self, fn: Callable[[sqlite_utils.Database], T]) -> T:
        """Run a read-only ``fn(db)`` on a reader thread with its own connection."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._readers, self._read, fn)

    def _read(self, fn: Callable[[sqlite_utils.Database], T]) -> T:
        db = getattr(self._local, "db", None)
        if db is None:
            db = connect(self.path)
            db.execute("PRAGMA query_only=ON")
            self._local.db = db
            with self._lock:
                self._read_conns.append(db)
        return fn(db)


# -- migrations ----------------------------------------------------------------------------
def _m001_conversations(db: sqlite_utils.Database) -> None:
    db.execute(
        """CREATE TABLE conversations (
            id TEXT PRIMARY KEY,          -- channel + ':' + conversation id
            channel TEXT NOT NULL,
            language TEXT NOT NULL DEFAULT 'ko',
            state TEXT NOT NULL DEFAULT '{}',  -- JSON: the flow the user is in, if any
            turns INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )"""
    )


MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [_m001_conversations]


def migrate(db: sqlite_utils.Database) -> int:
    """Bring the schema up to date; returns the schema version. Safe to run at every start."""
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version > len(MIGRATIONS):
        raise RuntimeError(
            f"{db.conn} has schema version {version}, newer than this CivicBot ({len(MIGRATIONS)})"
        )
    for number, step in enumerate(MIGRATIONS[version:], start=version + 1):
        db.execute("BEGIN IMMEDIATE")
        try:
            step(db)
            db.execute(f"PRAGMA user_version={number}")
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        log.info("database migrated to version %d", number)
    return len(MIGRATIONS)
