"""Storage: embedded SQLite (the default) or PostgreSQL, behind one interface.

``database_for(settings, migrations)`` gives the app its database: ``await db.execute_write_fn(fn)`` and
``await db.execute_fn(fn)``, where ``fn(conn)`` calls ``conn.execute(sql, params)`` in SQLite's
dialect with ``?`` placeholders. On PostgreSQL (``CIVICBOT_DATABASE_URL=postgresql://...``)
civicbot.pgsql translates each statement; the few things no translation can hide are the helpers
here: ``lock`` (serialise a read-then-write across replicas), ``skip_locked`` (claim queue rows)
and ``engine``.

SQLite through sqlite-utils: WAL, one writer thread, reads off the event loop, migrations.

The pattern is datasette's: every write is a function ``fn(db)`` handed to a single writer thread,
so SQLite never sees two writers and the event loop never blocks on disk. The writer commits
whatever is queued in one transaction (group commit), each function in its own savepoint, so one
failing write never takes its neighbours down with it.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import logging
import queue
import sqlite3
import threading
from collections.abc import Callable, Iterator
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


def _apply(future: asyncio.Future, result: Any, error: BaseException | None) -> None:
    if future.done():  # the awaiting request was cancelled (its client went away)
        return
    if error is not None:
        future.set_exception(error)
    else:
        future.set_result(result)


def _settle(task: _WriteTask, result: Any = None, error: BaseException | None = None) -> None:
    task.loop.call_soon_threadsafe(_apply, task.future, result, error)


def settle_all(outcomes: list[tuple[_WriteTask, Any, BaseException | None]]) -> None:
    """Hand a committed batch's results to their event loops: one wake-up per loop, not one per write.

    Each ``call_soon_threadsafe`` writes to the loop's self-pipe and wakes it; a batch of 64 writes
    settled one by one cost 64 of those system calls and as many loop iterations."""
    by_loop: dict[asyncio.AbstractEventLoop, list] = {}
    for task, result, error in outcomes:
        by_loop.setdefault(task.loop, []).append((task.future, result, error))
    for loop, settled in by_loop.items():
        loop.call_soon_threadsafe(_apply_all, settled)


def _apply_all(settled: list) -> None:
    for future, result, error in settled:
        _apply(future, result, error)


class Database:
    """The app's SQLite database: ``await execute_write_fn(fn)`` and ``await execute_fn(fn)``."""

    engine = "sqlite"

    def __init__(self, path: Path | str, migrations: list[Migration], read_threads: int = 2) -> None:
        self.path = Path(path)
        self.migrations = migrations
        self._queue: queue.Queue = queue.Queue()
        self._pending: dict[asyncio.AbstractEventLoop, list[_WriteTask]] = {}
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
        migrate(writer_db, self.migrations)
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
        task = _WriteTask(in_context(fn), loop.create_future(), loop)
        pending = self._pending.get(loop)
        if pending is None:
            # The first write of this turn of the loop: the writes that follow it in the same turn
            # go to the writer with it, as one hand-over. Handed over one by one, the writer woke
            # for the first and committed it alone (most batches held one write).
            pending = self._pending[loop] = []
            loop.call_soon(self._hand_over, loop)
        pending.append(task)
        return await task.future

    def _hand_over(self, loop: asyncio.AbstractEventLoop) -> None:
        self._queue.put(self._pending.pop(loop))

    def _write_loop(self, db: sqlite_utils.Database) -> None:
        try:
            while True:
                batch = [self._queue.get()]  # lists of writes, as the loop hands them over
                size = len(batch[0]) if batch[0] is not _STOP else 0
                while size < _MAX_BATCH:
                    try:
                        batch.append(self._queue.get_nowait())
                    except queue.Empty:
                        break
                    size += len(batch[-1]) if batch[-1] is not _STOP else 0
                stop = any(item is _STOP for item in batch)
                tasks = [task for item in batch if item is not _STOP for task in item]
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
        settle_all(outcomes)

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
        return await loop.run_in_executor(self._readers, self._read, in_context(fn))

    async def execute_lookup(self, fn: Callable[[sqlite_utils.Database], T]) -> T:
        """Run a read-only ``fn(db)`` that is one indexed lookup (a row by its key) on the loop's thread.

        Such a query takes a few microseconds, while a trip to a reader thread and back costs about
        a hundred of CPU (waking the thread, then the loop). WAL readers never wait for the writer,
        so this does not stall the loop. Anything that scans or sorts belongs in ``execute_fn``.
        """
        return self._read(fn)

    def _read(self, fn: Callable[[sqlite_utils.Database], T]) -> T:
        db = getattr(self._local, "db", None)
        if db is None:
            db = connect(self.path)
            db.execute("PRAGMA query_only=ON")
            self._local.db = db
            with self._lock:
                self._read_conns.append(db)
        return fn(db)


async def queue_write(writes: queue.Queue, fn: Callable[[Any], T]) -> T:
    """Hand ``fn`` to the writer thread(s) reading ``writes``; wait for what it returns (or raises)."""
    loop = asyncio.get_running_loop()
    future = loop.create_future()
    writes.put(_WriteTask(in_context(fn), future, loop))
    return await future


def in_context(fn: Callable[..., T]) -> Callable[..., T]:
    """``fn`` to run in another thread with this task's context (the request id of its log lines)."""
    context = contextvars.copy_context()
    return lambda *args: context.run(fn, *args)


# -- the engine-specific parts the domain code asks for ------------------------------------------
def engine(conn: Any) -> str:
    """'sqlite' or 'postgresql' for a connection handed to a ``fn(conn)``."""
    return getattr(conn, "engine", "sqlite")


def lock(conn: Any, *name: object) -> None:
    """Serialise the rest of this write transaction with every other one that locks ``name``.

    Call it first in a write function that reads and then writes what another replica may write
    at the same time (a poll's hash chain, closing a poll). SQLite needs nothing: its one writer
    already runs write functions one at a time. On PostgreSQL it is a transaction advisory lock,
    released at commit; READ COMMITTED then shows every statement after it the latest rows.
    """
    if engine(conn) == "postgresql":
        from civicbot import pgsql

        pgsql.advisory_xact_lock(conn, *name)


@dataclass
class Later:
    """What a step run by ``in_turn`` gives back, once the writer has run it (end of its batch)."""

    value: Any = None


def in_turn(conn: Any, name: tuple, item: Any, step: Callable[[Any, Any, list], list]) -> Any:
    """Run ``step(conn, name, [item, ...])[i]`` under the lock ``name``, batched with other writes.

    For a read-then-write that must take turns across replicas (appending to a poll's hash chain)
    but is short. Under one lock held to commit, every statement of every write in a batch would
    wait in line; here the writer first runs the batch's writes, collecting their steps, then at
    the end runs each name's steps together, as one call of ``step`` (which takes the lock itself,
    sorted by name so two writers cannot deadlock), and commits. The lock is then held for that
    one call and the commit, however large the batch. ``step`` returns one result per item.

    Returns the result now when nothing batches this connection (SQLite's one writer, a
    command-line connection), else a ``Later`` that the writer replaces by the result before
    handing it to the caller of ``execute_write_fn``. A step that raises fails the whole batch,
    which the writer then runs again one write at a time, each step run at once.
    """
    pending = getattr(conn, "deferred", None)
    if pending is None:
        return step(conn, name, [item])[0]
    later = Later()
    pending.append((name, item, step, later))
    return later


def run_deferred(conn: Any, pending: list) -> None:
    """Run the steps ``in_turn`` collected, one call per lock name in name order; fill the Laters."""
    groups: dict[tuple, list] = {}
    for name, item, step, later in pending:
        groups.setdefault(name, []).append((item, step, later))
    for name in sorted(groups, key=repr):
        entries = groups[name]
        results = entries[0][1](conn, name, [item for item, _, _ in entries])
        for (_, _, later), result in zip(entries, results, strict=True):
            later.value = result


def lock_key(*name: object) -> int:
    """The PostgreSQL advisory-lock key ``lock`` takes for ``name`` (for SQL functions that lock)."""
    from civicbot import pgsql

    return pgsql.lock_key(*name)


def time_range(column: str, since: str | None, until: str | None) -> tuple[list[str], list[str]]:
    """SQL conditions (and their parameters) for ``since <= column <= until``; an empty bound is none.
    Times are stored as UTC ISO strings, which sort as times."""
    bounds = [(f"{column} >= ?", since), (f"{column} <= ?", until)]
    return [clause for clause, value in bounds if value], [value for _clause, value in bounds if value]


def skip_locked(conn: Any) -> str:
    """SQL to append to a SELECT that claims queue rows: each row goes to one replica only."""
    return " FOR UPDATE SKIP LOCKED" if engine(conn) == "postgresql" else ""


def database_for(settings: Any, migrations: list[Migration]) -> Any:
    """The app's database for these settings: ``Database`` (SQLite) or ``PostgresDatabase``.

    ``migrations`` come from the app factory (``civicbot.app.MIGRATIONS``): each domain owns its
    list, and this module imports none of them.
    """
    if settings.uses_postgresql:
        from civicbot.pgsql import PostgresDatabase

        return PostgresDatabase(settings.database_url, migrations, settings.db_pool_size)
    return Database(settings.db_path, migrations)


def connect_settings(settings: Any) -> Any:
    """One blocking connection for a command-line tool: sqlite-utils, or the PostgreSQL adapter."""
    if settings.uses_postgresql:
        from civicbot import pgsql

        return pgsql.connect(settings.database_url)
    settings.db_path.parent.mkdir(parents=True, exist_ok=True)
    return connect(settings.db_path)


# -- migrations ----------------------------------------------------------------------------
# Each domain module owns its tables and lists its migrations as (name, fn) pairs; the app factory
# (civicbot.app.MIGRATIONS) gathers them in order. A name, once released, never changes: it is what the database remembers.
Migration = tuple[str, Callable[[sqlite_utils.Database], None]]


def _conversations(db: sqlite_utils.Database) -> None:
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


CORE_MIGRATIONS: list[Migration] = [("core_001_conversations", _conversations)]


@contextlib.contextmanager
def write_transaction(db: Any, dry_run: bool = False) -> Iterator[Any]:
    """One write transaction on a blocking connection (migrations, command-line tools).

    ``BEGIN IMMEDIATE`` takes SQLite's write lock up front, so a read-then-write inside sees no
    race with the server's writer (PostgreSQL: a plain ``BEGIN``). Any exception rolls back and
    propagates; ``dry_run`` rolls back what the block did instead of committing it.
    """
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("ROLLBACK" if dry_run else "COMMIT")


def migrate(db: sqlite_utils.Database, migrations: list[Migration]) -> list[str]:
    """Apply the migrations this database has not seen, each in its own transaction; returns their names.

    On PostgreSQL a session advisory lock makes replicas that start together take turns, so each
    migration runs once (SQLite's BEGIN IMMEDIATE does the same for processes on one file).
    """
    if engine(db) == "postgresql":
        from civicbot import pgsql

        key = pgsql.lock_key("civicbot-migrations")
        db.conn.execute("SELECT pg_advisory_lock(%s)", [key])
        try:
            return _migrate(db, migrations)
        finally:
            db.conn.execute("SELECT pg_advisory_unlock(%s)", [key])
    return _migrate(db, migrations)


def pending(db: Any, migrations: list[Migration]) -> list[str]:
    """Names of the migrations this database has not applied yet."""
    db.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
    )
    done = {row[0] for row in db.execute("SELECT name FROM schema_migrations").fetchall()}
    return [name for name, _ in migrations if name not in done]


def _migrate(db: Any, migrations: list[Migration]) -> list[str]:
    db.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
    )
    done = {row[0] for row in db.execute("SELECT name FROM schema_migrations").fetchall()}
    applied = []
    for name, step in migrations:
        if name in done:
            continue
        with write_transaction(db):
            step(db)
            db.execute("INSERT INTO schema_migrations (name, applied_at) VALUES (?, datetime('now'))", [name])
        log.info("database migration applied: %s", name)
        applied.append(name)
    return applied
