"""PostgreSQL behind the same ``conn.execute(sql, params)`` the domain modules use on SQLite.

The domain modules write one dialect: SQLite's, with ``?`` placeholders. ``translate`` turns each
statement into PostgreSQL once (cached) and ``PgConnection`` makes a psycopg 3 connection look like
the sqlite3 connection the code expects: ``lastrowid``, ``rowcount``, ``description``, and
``sqlite3.IntegrityError`` for a broken UNIQUE constraint (each plain INSERT runs in a savepoint, so
code that catches the error and tries again goes on in the same transaction, as it does on SQLite).

What is translated (everything else is already common SQL):
- ``?`` -> ``%s``; ``--`` comments dropped; ``%`` escaped;
- DDL: ``INTEGER PRIMARY KEY`` -> identity column, ``INTEGER`` -> ``BIGINT`` (Telegram ids are
  64-bit), ``REAL`` -> ``DOUBLE PRECISION``, ``BLOB`` -> ``BYTEA``, ``WITHOUT ROWID`` dropped;
- ``INSERT OR IGNORE`` -> ``ON CONFLICT DO NOTHING``; ``BEGIN IMMEDIATE`` -> ``BEGIN``;
- ``datetime('now')``, ``json_group_array(json_array(..))``, ``json_each(x) AS j`` (``j.value``),
  ``instr(a, b)`` -> ``strpos(a, b)``.
Upserts (``ON CONFLICT (cols) DO UPDATE SET c = table.c + 1``) are written the way both accept.
"""

from __future__ import annotations

import asyncio
import functools
import hashlib
import logging
import queue
import re
import sqlite3
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from typing import Any, TypeVar

import psycopg
from psycopg import errors as pg_errors
from psycopg.types.numeric import NumericLoader
from psycopg_pool import ConnectionPool

# db imports this module only inside functions (psycopg is for PostgreSQL only), so no cycle.
from civicbot.db import _settle, in_context, migrate, queue_write

log = logging.getLogger(__name__)


T = TypeVar("T")

ENGINE = "postgresql"
_RETRIES = 8
_AGAIN = RuntimeError(
    "run again in a later batch"
)  # a marker, never raised  # deadlocks and serialisation failures are retried; they are rare and transient


# -- dialect -------------------------------------------------------------------------------------
def _split_strings(sql: str) -> list[tuple[bool, str]]:
    """(is_string_literal, text) pieces with ``--`` comments removed outside literals."""
    pieces: list[tuple[bool, str]] = []
    i, start, n = 0, 0, len(sql)
    while i < n:
        ch = sql[i]
        if ch == "'":
            pieces.append((False, sql[start:i]))
            j = i + 1
            while j < n:
                if sql[j] == "'" and j + 1 < n and sql[j + 1] == "'":
                    j += 2
                    continue
                if sql[j] == "'":
                    break
                j += 1
            pieces.append((True, sql[i : j + 1]))
            i = start = j + 1
            continue
        if ch == "-" and sql.startswith("--", i):
            pieces.append((False, sql[start:i]))
            end = sql.find("\n", i)
            i = start = n if end < 0 else end
            continue
        i += 1
    pieces.append((False, sql[start:]))
    return pieces


_DDL_TYPES = [
    (re.compile(r"\b(\w+)\s+INTEGER\s+PRIMARY\s+KEY(\s+AUTOINCREMENT)?", re.I), None),
    (re.compile(r"\bINTEGER\b", re.I), "BIGINT"),
    (re.compile(r"\bREAL\b", re.I), "DOUBLE PRECISION"),
    (re.compile(r"\bBLOB\b", re.I), "BYTEA"),
    (re.compile(r"\)\s*WITHOUT\s+ROWID\s*$", re.I), ")"),
]
_CREATE_TABLE = re.compile(r"^\s*CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(\w+)", re.I)
_INSERT = re.compile(r"^\s*INSERT\s+(OR\s+(IGNORE|REPLACE)\s+)?INTO\s+(\w+)", re.I)
_RETURNING = re.compile(r"\bRETURNING\b", re.I)
_CODE_REWRITES = [
    (re.compile(r"^\s*BEGIN\s+(IMMEDIATE|EXCLUSIVE|DEFERRED)\s*$", re.I), "BEGIN"),
    (re.compile(r"\s+(INDEXED\s+BY\s+\w+|NOT\s+INDEXED)\b", re.I), ""),  # SQLite planner hints
    (re.compile(r"\b(WHERE|AND|OR)\s+1\b(?!\s*[=<>!+*/-])", re.I), r"\1 TRUE"),  # SQLite's truthy 1
    # SQLite fixes the join order with CROSS JOIN and still accepts ON; PostgreSQL wants a JOIN.
    (re.compile(r"\bCROSS\s+JOIN\s+(\w+(?:\s+(?:AS\s+)?\w+)?)\s+ON\b", re.I), r"JOIN \1 ON"),
    (re.compile(r"\binstr\(", re.I), "strpos("),  # same arguments: (text, what to find)
    (
        re.compile(r"datetime\(\s*'now'\s*\)", re.I),
        "to_char(timezone('UTC', now()), 'YYYY-MM-DD HH24:MI:SS')",
    ),
    (
        re.compile(r"json_group_array\(\s*json_array\(([^()]*)\)\s*\)", re.I),
        r"COALESCE(json_agg(json_build_array(\1))::text, '[]')",
    ),
    (
        re.compile(r"json_each\(([\w.]+)\)\s+AS\s+(\w+)", re.I),
        r"json_array_elements_text(\1::json) AS \2(value)",
    ),
]


_READ = re.compile(r"^\s*SELECT\b", re.I)  # statements that write nothing (FOR UPDATE only locks)
_RTREE = re.compile(r"^\s*CREATE\s+VIRTUAL\s+TABLE\s+(\w+)\s+USING\s+rtree\s*\(([^)]*)\)\s*$", re.I)
_SEPARATOR = "\x00"  # between the statements one SQLite statement becomes


def _rtree(match: re.Match) -> str:
    """An R*Tree becomes a plain table with a B-tree on the box's lower corner: correct, and
    quick enough for a city's reports (PostGIS would be the next step, not a requirement)."""
    table = match.group(1)
    key, *bounds = (column.strip() for column in match.group(2).split(","))
    columns = ", ".join(f"{column} DOUBLE PRECISION NOT NULL" for column in bounds)
    return (
        f"CREATE TABLE {table} ({key} BIGINT PRIMARY KEY, {columns}){_SEPARATOR}"
        f"CREATE INDEX {table}_box ON {table} ({bounds[0]}, {bounds[2] if len(bounds) > 2 else bounds[-1]})"
    )


@functools.lru_cache(maxsize=4096)
def translate(sql: str, with_params: bool = True) -> tuple[str, str | None, str | None]:
    """SQLite-dialect ``sql`` -> (PostgreSQL sql, table an INSERT goes into, identity column created).

    The identity column is reported for ``CREATE TABLE t (id INTEGER PRIMARY KEY ...)`` so the
    connection knows which INSERTs need ``RETURNING id`` to give a ``lastrowid``.
    """
    pieces = _split_strings(sql)
    # Rewrites see the code with literals in place (datetime('now') holds one) but no comments.
    code = "".join(text for _, text in pieces).strip().rstrip(";")
    if _RTREE.match(code):
        return _RTREE.sub(_rtree, code), None, None
    created_identity = None
    table_match = _CREATE_TABLE.match(code)
    if table_match:
        for pattern, replacement in _DDL_TYPES:
            if replacement is None:
                found = pattern.search(code)
                if found:
                    created_identity = found.group(1)
                    code = pattern.sub(
                        r"\1 BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", code, count=1
                    )
            else:
                code = pattern.sub(replacement, code)
    for pattern, replacement in _CODE_REWRITES:
        code = pattern.sub(replacement, code)
    insert_table = None
    insert = _INSERT.match(code)
    if insert:
        insert_table = insert.group(3).lower()
        if insert.group(2):
            if insert.group(2).upper() == "REPLACE":
                raise NotImplementedError(
                    "INSERT OR REPLACE: write an upsert with ON CONFLICT (...) DO UPDATE"
                )
            code = code[: insert.start(1)] + code[insert.end(1) :]
            returning = _RETURNING.search(code)
            at = returning.start() if returning else len(code)
            code = f"{code[:at].rstrip()} ON CONFLICT DO NOTHING {code[at:]}".rstrip()
    out = []
    for is_literal, text in _split_strings(code):
        if with_params:
            text = text.replace("%", "%%")
        if not is_literal and with_params:
            text = text.replace("?", "%s")
        out.append(text)
    created = (table_match.group(1).lower(), created_identity) if created_identity and table_match else None
    return "".join(out), insert_table, (f"{created[0]}.{created[1]}" if created else None)


class _IntOrFloatNumeric(NumericLoader):
    """sum() and avg() give NUMERIC: load it as SQLite would, an int when whole, else a float."""

    def load(self, data: Any) -> Any:
        value: Decimal = super().load(data)
        return int(value) if value.as_tuple().exponent >= 0 else float(value)  # type: ignore[operator]


def configure(conn: psycopg.Connection) -> None:
    conn.adapters.register_loader("numeric", _IntOrFloatNumeric)


# -- the connection the domain code sees ------------------------------------------------------------
class PgCursor:
    """The parts of sqlite3.Cursor the domain code uses."""

    def __init__(self, cursor: psycopg.Cursor, lastrowid: int | None = None) -> None:
        self._cursor = cursor
        self.lastrowid = lastrowid
        self.rowcount = cursor.rowcount
        result = cursor.pgresult
        self._rows = bool(result is not None and result.nfields)  # a statement that returns rows

    @property
    def description(self):  # built on demand: psycopg makes a new list of columns on each call
        return self._cursor.description

    def fetchone(self) -> tuple | None:
        return self._cursor.fetchone() if self._rows else None

    def fetchall(self) -> list[tuple]:
        return self._cursor.fetchall() if self._rows else []

    def fetchmany(self, size: int = 1) -> list[tuple]:
        return self._cursor.fetchmany(size) if self._rows else []

    def __iter__(self):
        return iter(self.fetchall())


class PgConnection:
    """A psycopg connection in autocommit mode that answers ``execute`` like sqlite3 does.

    Transactions are explicit (``BEGIN``/``COMMIT``), as with sqlite3's ``isolation_level=None``.
    ``identity`` maps table -> identity column, shared by every connection of one database.
    """

    engine = ENGINE

    def __init__(self, conn: psycopg.Connection, identity: dict[str, str]) -> None:
        self.conn = conn
        self._identity = identity
        # Steps civicbot.db.in_turn collects while the writer runs a batch; None: run them at once.
        self.deferred: list | None = None
        # Whether a statement has changed anything since the writer last reset it. The writer takes
        # no savepoint per write (two round trips each); a write that fails after changing
        # something makes it roll the batch back and run each write alone instead.
        self.changed = False

    @property
    def in_transaction(self) -> bool:
        return self.conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE

    def execute(self, sql: str, params: Sequence[Any] | None = None) -> PgCursor:
        query, insert_table, created = translate(sql, params is not None)
        id_column = self._identity.get(insert_table) if insert_table else None
        if id_column and not _RETURNING.search(query):
            query = f"{query} RETURNING {id_column}"
        guard = insert_table is not None and self.in_transaction and "ON CONFLICT" not in query.upper()
        cursor = self.conn.cursor()
        if _SEPARATOR in query:
            self.changed = True
            for statement in query.split(_SEPARATOR):
                cursor.execute(statement)
            return PgCursor(cursor)
        try:
            try:
                if guard:
                    # A failed statement poisons a PostgreSQL transaction; a savepoint keeps the rest.
                    # (Not pipelined: a failure inside a pipeline confuses psycopg's prepared statements.)
                    self.conn.execute("SAVEPOINT civicbot_insert")
                cursor.execute(query, params)
            except pg_errors.IntegrityError as exc:
                if guard:
                    self.conn.execute("ROLLBACK TO SAVEPOINT civicbot_insert")
                    self.conn.execute("RELEASE SAVEPOINT civicbot_insert")
                raise sqlite3.IntegrityError(str(exc).splitlines()[0]) from exc
            if guard:
                self.conn.execute("RELEASE SAVEPOINT civicbot_insert")
            if cursor.rowcount != 0 and not _READ.match(query):
                self.changed = True
            lastrowid = None
            if id_column:
                row = cursor.fetchone()
                lastrowid = row[0] if row else None
            return PgCursor(cursor, lastrowid)
        finally:
            if created:
                table, column = created.split(".")
                self._identity[table] = column

    def executescript(self, script: str) -> None:
        for statement in (part.strip() for part in script.split(";")):
            if statement:
                self.execute(statement)

    def close(self) -> None:
        self.conn.close()


def load_identity(conn: psycopg.Connection) -> dict[str, str]:
    rows = conn.execute(
        """SELECT table_name, column_name FROM information_schema.columns
           WHERE is_identity = 'YES' AND table_schema = current_schema()"""
    ).fetchall()
    return {table: column for table, column in rows}


def connect(url: str) -> PgConnection:
    """One PostgreSQL connection for a command-line tool (autocommit; BEGIN/COMMIT are explicit)."""
    raw = psycopg.connect(url, autocommit=True)
    configure(raw)
    return PgConnection(raw, load_identity(raw))


def lock_key(*parts: object) -> int:
    """A signed 64-bit advisory-lock key for a name like ("poll", 3)."""
    digest = hashlib.blake2b("\x1f".join(map(str, parts)).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def advisory_xact_lock(conn: PgConnection, *parts: object) -> None:
    conn.conn.execute("SELECT pg_advisory_xact_lock(%s)", [lock_key(*parts)])


class _RunAlone(Exception):
    """The batch's transaction cannot go on: roll it back and run each write alone."""


def _lost(conn: PgConnection) -> bool:
    """True when a failed statement outside any savepoint has aborted the whole transaction."""
    return conn.conn.info.transaction_status == psycopg.pq.TransactionStatus.INERROR


# -- the database object the app holds ----------------------------------------------------------------
class PostgresDatabase:
    """``execute_write_fn`` / ``execute_fn`` over psycopg, with the same contract as SQLite's.

    Writes are group-committed as on SQLite: each of WRITERS threads takes whatever write functions
    are queued (up to 256) and runs them in one READ COMMITTED transaction, so one WAL flush covers
    the batch. Unlike SQLite's writer it takes no savepoint per write (each costs round trips): a
    write that fails without having changed anything (a refused vote) simply reports its error; one
    that fails after changing something, or whose failure aborted the transaction, makes the writer
    roll the batch back and run each write alone. Steps that must take turns per poll across
    replicas (``civicbot.db.in_turn``) run together at the end of the batch, so a poll's lock is
    held for one round trip and the commit, not the whole batch. Where a function reads and then
    writes what another replica may write too, it serialises with ``civicbot.db.lock``. A deadlock
    or serialisation failure runs the function again in a later batch. Reads use a pool.
    """

    WRITERS = 4  # more than one: the part of a write outside its poll's turn overlaps with others

    engine = ENGINE

    def __init__(self, url: str, migrations: list, pool_size: int = 8) -> None:
        self.url = url
        self.migrations = migrations
        self._pool_size = pool_size
        self._pool: ConnectionPool | None = None
        self._queue: queue.Queue = queue.Queue()
        self._writer_threads: list[threading.Thread] = []
        self._readers = ThreadPoolExecutor(max(2, pool_size // 2), thread_name_prefix="civicbot-pg-read")
        self._identity: dict[str, str] = {}
        self._lock = threading.Lock()

    def open(self) -> None:
        """Connect, run the migrations this database has not seen (under a lock), fill the pool."""
        conn = connect(self.url)
        try:
            migrate(conn, self.migrations)
            self._identity.update(load_identity(conn.conn))
        finally:
            conn.close()
        size = self._pool_size + max(2, self._pool_size // 2)
        self._pool = ConnectionPool(
            self.url,
            min_size=min(4, size),
            max_size=size,
            kwargs={"autocommit": True},
            configure=configure,
            open=True,
            name="civicbot",
        )
        self._pool.wait(timeout=30)
        for n in range(self.WRITERS):
            thread = threading.Thread(target=self._write_loop, name=f"civicbot-pg-writer-{n}", daemon=True)
            thread.start()
            self._writer_threads.append(thread)

    def close(self) -> None:
        for _ in self._writer_threads:
            self._queue.put(None)
        for thread in self._writer_threads:
            thread.join()
        self._writer_threads.clear()
        self._readers.shutdown(wait=True)
        if self._pool is not None:
            self._pool.close()
            self._pool = None

    async def execute_write_fn(self, fn: Callable[[PgConnection], T]) -> T:
        """Run ``fn(conn)`` in one transaction on a worker thread; return what it returns."""
        if self._pool is None:
            raise RuntimeError("database is not open")
        return await queue_write(self._queue, fn)

    async def execute_fn(self, fn: Callable[[PgConnection], T]) -> T:
        """Run a read-only ``fn(conn)`` (autocommit, one statement one snapshot) on a reader thread."""
        if self._pool is None:
            raise RuntimeError("database is not open")
        return await asyncio.get_running_loop().run_in_executor(self._readers, self.read_now, in_context(fn))

    async def execute_lookup(self, fn: Callable[[PgConnection], T]) -> T:
        """``execute_fn``: a round trip to the server is never cheap enough to run on the loop."""
        return await self.execute_fn(fn)

    def write_now(self, fn: Callable[[PgConnection], T]) -> T:
        """The blocking body of execute_write_fn, for threads that are not the event loop."""
        assert self._pool is not None
        for attempt in range(_RETRIES):
            with self._pool.connection() as raw:
                conn = PgConnection(raw, self._identity)
                raw.execute("BEGIN")
                try:
                    result = fn(conn)
                    raw.execute("COMMIT")
                    return result
                except (pg_errors.DeadlockDetected, pg_errors.SerializationFailure):
                    raw.execute("ROLLBACK")
                    if attempt == _RETRIES - 1:
                        raise
                    log.info("database: transaction retried after a conflict")
                except BaseException:
                    if not raw.closed and raw.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
                        raw.execute("ROLLBACK")
                    raise
        raise AssertionError("unreachable")

    def _write_loop(self) -> None:
        conn: PgConnection | None = None
        while True:
            first = self._queue.get()
            if first is None:
                break
            batch = [first]
            while len(batch) < 256:
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    break
                if item is None:
                    self._queue.put(None)  # for this thread's next turn round the loop
                    break
                batch.append(item)
            try:
                if conn is None or conn.conn.closed:
                    conn = connect(self.url)
                    configure(conn.conn)
                    conn._identity = self._identity
                self._run_batch(conn, batch)
            except Exception as exc:  # the connection or the commit failed: nothing of the batch is stored
                log.exception("database: write batch failed")
                for task in batch:
                    _settle(task, error=exc)
                if conn is not None and not conn.conn.closed:
                    conn.close()
                conn = None
        if conn is not None:
            conn.close()

    def _run_batch(self, conn: PgConnection, batch: list) -> None:
        """One transaction for the batch; the steps its writes left to ``in_turn`` run last.

        When the transaction is lost to one write (a failed statement outside a savepoint) or one
        of those steps fails (a poll closed while its votes were checked), the batch is rolled back
        and each write runs again alone, where its steps run at once and an error is its own."""
        from civicbot.db import Later

        try:
            outcomes = self._try_batch(conn, batch, alone=len(batch) == 1)
        except _RunAlone:
            outcomes = []
            for task in batch:
                outcomes += self._try_batch(conn, [task], alone=True)
        for task, result, error in outcomes:
            if error is _AGAIN:
                self._queue.put(task)
            else:
                _settle(task, result.value if isinstance(result, Later) else result, error)

    def _try_batch(self, conn: PgConnection, batch: list, alone: bool) -> list:
        from civicbot.db import run_deferred

        outcomes = []
        conn.deferred = None if alone else []
        conn.conn.execute("BEGIN")
        try:
            for task in batch:
                outcomes.append(self._run_task(conn, task))
                if outcomes[-1][2] is not None and (conn.changed or _lost(conn)):
                    # It failed after changing something, or its failure aborted the transaction:
                    # with no savepoint per write, only a rollback undoes it.
                    if not alone:
                        raise _RunAlone
                    conn.conn.execute("ROLLBACK")
                    return outcomes
            if conn.deferred:
                try:
                    run_deferred(conn, conn.deferred)
                except Exception as exc:
                    if conn.conn.closed or conn.conn.broken:
                        raise  # the connection itself: nothing of the batch is stored
                    log.info("database: a batched step failed (%s); running the writes one by one", exc)
                    raise _RunAlone from exc
            conn.conn.execute("COMMIT")
        except BaseException:
            if not conn.conn.closed and conn.in_transaction:
                conn.conn.execute("ROLLBACK")
            raise
        finally:
            conn.deferred = None
        return outcomes

    @staticmethod
    def _run_task(conn: PgConnection, task: Any) -> tuple[Any, Any, BaseException | None]:
        """Run one write of a batch (no savepoint: see ``PgConnection.changed``)."""
        conn.changed = False
        collected = len(conn.deferred) if conn.deferred is not None else 0
        try:
            return task, task.fn(conn), None
        except (pg_errors.DeadlockDetected, pg_errors.SerializationFailure):
            # Another batch holds what this one wants and waits for what this batch already holds:
            # run it again in a later batch, after this commit has released those locks.
            error: BaseException = _AGAIN
        except Exception as exc:
            error = exc
        if conn.deferred is not None:
            del conn.deferred[collected:]  # its steps go with the rest of it
        return task, None, error

    async def listen(self, topic: str, wake: Callable[[str], None]) -> None:
        """Call ``wake(payload)`` for each NOTIFY on ``topic``, until cancelled.

        Its own connection (a LISTEN holds one). After every (re)connection ``wake("")`` is called
        once, since notices may have come while it was not listening; a lost connection is retried.
        """
        import asyncio

        while True:
            try:
                async with await psycopg.AsyncConnection.connect(self.url, autocommit=True) as conn:
                    await conn.execute(f"LISTEN {topic}")
                    wake("")
                    async for notice in conn.notifies():
                        wake(notice.payload)
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # the database restarted or the network failed: listen again
                log.warning("database: LISTEN %s lost (%s); listening again", topic, exc)
                await asyncio.sleep(1.0)

    def read_now(self, fn: Callable[[PgConnection], T]) -> T:
        assert self._pool is not None
        with self._pool.connection() as raw:
            return fn(PgConnection(raw, self._identity))
