"""Storage: SQLite in WAL mode, one writer thread, BEGIN IMMEDIATE, reads off the loop, migrations."""

from __future__ import annotations

import asyncio
import sqlite3
import threading

import pytest

from civicbot.db import Database, connect, migrate


def _counter(db) -> None:
    db.execute("CREATE TABLE counter (id INTEGER PRIMARY KEY, value INTEGER NOT NULL)")
    db.execute("INSERT INTO counter (id, value) VALUES (1, 0)")


def _notes(db) -> None:
    db.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL UNIQUE)")


MIGRATIONS = [("test_001_counter", _counter), ("test_002_notes", _notes)]


@pytest.fixture
async def database(tmp_path):
    db = Database(tmp_path / "test.db", migrations=MIGRATIONS)
    await asyncio.to_thread(db.open)
    yield db
    await asyncio.to_thread(db.close)


def test_wal_mode(tmp_path):
    conn = connect(tmp_path / "wal.db")
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.conn.close()


async def test_migrations_run_once_and_are_recorded(tmp_path):
    path = tmp_path / "m.db"
    db = Database(path, migrations=MIGRATIONS)
    db.open()
    db.close()
    conn = connect(path)
    names = [row[0] for row in conn.execute("SELECT name FROM schema_migrations ORDER BY name")]
    assert names == ["test_001_counter", "test_002_notes"]
    # Opening again applies nothing (the counter row would be inserted twice otherwise).
    assert migrate(conn, MIGRATIONS) == []
    assert conn.execute("SELECT count(*) FROM counter").fetchone()[0] == 1
    conn.conn.close()


def test_a_failing_migration_leaves_nothing_behind(tmp_path):
    def broken(db) -> None:
        db.execute("CREATE TABLE half (x)")
        raise RuntimeError("boom")

    conn = connect(tmp_path / "broken.db")
    with pytest.raises(RuntimeError, match="boom"):
        migrate(conn, [*MIGRATIONS, ("test_003_broken", broken)])
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "half" not in tables  # rolled back
    names = {row[0] for row in conn.execute("SELECT name FROM schema_migrations")}
    assert "test_003_broken" not in names and "test_002_notes" in names
    conn.conn.close()


async def test_every_write_runs_on_the_one_writer_thread(database):
    threads = await asyncio.gather(
        *(database.execute_write_fn(lambda db: threading.current_thread().name) for _ in range(20))
    )
    assert set(threads) == {"civicbot-writer"}
    assert threading.current_thread().name not in threads


async def test_writes_take_the_write_lock_up_front(database, tmp_path):
    """BEGIN IMMEDIATE: before fn has written anything, no other connection can start writing."""

    def probe(db) -> str:
        other = sqlite3.connect(str(tmp_path / "test.db"), timeout=0)
        try:
            other.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            return str(exc)
        finally:
            other.close()
        return "another writer got in"

    assert "locked" in await database.execute_write_fn(probe)


async def test_read_then_write_never_loses_an_update(database):
    def increment(db) -> int:
        value = db.execute("SELECT value FROM counter WHERE id = 1").fetchone()[0]
        db.execute("UPDATE counter SET value = ? WHERE id = 1", [value + 1])
        return value + 1

    results = await asyncio.gather(*(database.execute_write_fn(increment) for _ in range(100)))
    assert sorted(results) == list(range(1, 101))
    final = await database.execute_fn(lambda db: db.execute("SELECT value FROM counter").fetchone()[0])
    assert final == 100


async def test_a_failing_write_rolls_back_only_itself(database):
    def insert(text: str):
        return lambda db: db.execute("INSERT INTO notes (text) VALUES (?)", [text]).lastrowid

    first = database.execute_write_fn(insert("kept"))
    duplicate = database.execute_write_fn(insert("kept"))  # UNIQUE violation, same batch
    second = database.execute_write_fn(insert("also kept"))
    results = await asyncio.gather(first, duplicate, second, return_exceptions=True)
    assert isinstance(results[1], sqlite3.IntegrityError)
    texts = await database.execute_fn(lambda db: [r[0] for r in db.execute("SELECT text FROM notes")])
    assert sorted(texts) == ["also kept", "kept"]


async def test_reads_run_off_the_event_loop_and_cannot_write(database):
    loop_thread = threading.current_thread().name
    name = await database.execute_fn(lambda db: threading.current_thread().name)
    assert name != loop_thread and name.startswith("civicbot-read")
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        await database.execute_fn(lambda db: db.execute("INSERT INTO notes (text) VALUES ('x')"))


async def test_an_acknowledged_write_is_on_disk(database, tmp_path):
    await database.execute_write_fn(lambda db: db.execute("INSERT INTO notes (text) VALUES ('durable')"))
    # A separate connection (as after a crash and restart) sees the committed row at once.
    other = sqlite3.connect(str(tmp_path / "test.db"))
    assert other.execute("SELECT text FROM notes").fetchall() == [("durable",)]
    other.close()


async def test_writes_of_one_loop_turn_commit_as_one_batch_and_fail_alone(database):
    """The writes started in one turn of the loop reach the writer together: one transaction, one
    COMMIT for all of them, while a failing write still rolls back only itself."""
    statements: list[str] = []

    def note(text: str, trace: bool = False):
        def write(db):
            if trace:  # the writer's connection: record every statement it runs from here on
                db.conn.set_trace_callback(statements.append)
            db.execute("INSERT INTO notes (text) VALUES (?)", [text])
            return text

        return write

    writes = [database.execute_write_fn(note(f"n{i}", trace=i == 0)) for i in range(50)]
    writes.append(database.execute_write_fn(note("n0")))  # UNIQUE: this one fails, alone
    results = await asyncio.gather(*writes, return_exceptions=True)
    await database.execute_write_fn(lambda db: db.conn.set_trace_callback(None))
    assert results[:50] == [f"n{i}" for i in range(50)]
    assert isinstance(results[50], sqlite3.IntegrityError)
    count = await database.execute_fn(lambda db: db.execute("SELECT count(*) FROM notes").fetchone()[0])
    assert count == 50
    # Traced from inside the first write: the other 50 ran in the same transaction, one COMMIT.
    assert statements.count("COMMIT") == 1
    assert sum(s.startswith("INSERT INTO notes") for s in statements) == 51


async def test_a_lookup_on_the_loop_reads_what_was_committed(database):
    await database.execute_write_fn(lambda db: db.execute("INSERT INTO notes (text) VALUES ('seen')"))
    threads = []

    def lookup(db):
        threads.append(threading.current_thread())
        return db.execute("SELECT text FROM notes WHERE text = 'seen'").fetchone()

    assert await database.execute_lookup(lookup) == ("seen",)
    assert threads == [threading.current_thread()]  # the loop's own thread: no hop to a reader
