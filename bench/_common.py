"""Shared set-up for the benchmarks: settings for a throw-away data dir that reuses the index cache,
and a real server process to measure over HTTP."""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from civicbot.config import Settings  # noqa: E402

INDEX_DIR = os.environ.get("CIVICBOT_INDEX_DIR", str(ROOT / "data" / "index"))


def bench_settings(data_dir: Path, **env: str) -> Settings:
    """Content from the repository; the index cache shared with `make run` so runs are comparable."""
    return Settings.from_env({**os.environ, **server_env(data_dir), **env})


def server_env(data_dir: Path, **env: str) -> dict[str, str]:
    return {
        "CIVICBOT_DATA_DIR": str(data_dir),
        "CIVICBOT_INDEX_DIR": INDEX_DIR,
        "CIVICBOT_KNOWLEDGE_DIR": str(ROOT / "knowledge"),
        "CIVICBOT_INTENTS_DIR": str(ROOT / "intents"),
        "CIVICBOT_POLLS_DIR": str(ROOT / "polls"),
        "CIVICBOT_TELEGRAM_TOKEN": "",
        "CIVICBOT_LOG_LEVEL": "WARNING",
        **env,
    }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """`civicbot serve` in its own process, exactly as `make run` starts it."""

    def __init__(self, data_dir: Path, **env: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {**os.environ, **server_env(data_dir, **env)}
        self.process: subprocess.Popen | None = None
        self.started = 0.0

    def start(self) -> None:
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "civicbot", "serve", "--host", "127.0.0.1", "--port", str(self.port)],
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )

    def wait_ready(self, timeout: float = 300.0) -> float:
        """Seconds from process start until /healthz answers 200."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited: {self.process.stderr.read().decode()[-2000:]}")
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=1) as response:
                    if response.status == 200:
                        return time.perf_counter() - self.started
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.02)
        raise TimeoutError("the server did not become healthy")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def __enter__(self) -> Server:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


# -- engines and replicas: SQLite/1, PostgreSQL/1, PostgreSQL/2 in one run -------------------------------
def add_database_arguments(parser) -> None:
    parser.add_argument(
        "--database-url",
        help="run one configuration on this database (sqlite:///path or postgresql://...; 'sqlite' for "
        "a throw-away SQLite file); "
        "default: SQLite/1, PostgreSQL/1 and PostgreSQL/2 side by side on a throw-away cluster",
    )
    parser.add_argument("--replicas", type=int, default=1, help="server processes (with --database-url)")


def configurations(args) -> list[tuple[str, str | None, int]]:
    """(label, database URL or None for 'throw-away PostgreSQL' / '' for SQLite, replicas)."""
    if args.database_url == "sqlite":  # SQLite/1 alone, on a throw-away file
        return [("SQLite/1", "", 1)]
    if args.database_url:
        engine = "PostgreSQL" if args.database_url.startswith("postgres") else "SQLite"
        return [(f"{engine}/{args.replicas}", args.database_url, args.replicas)]
    return [("SQLite/1", "", 1), ("PostgreSQL/1", None, 1), ("PostgreSQL/2", None, 2)]


class ThrowAwayPostgres:
    """A real PostgreSQL for one benchmark configuration (durable settings: fsync and commit on)."""

    def __enter__(self) -> str:
        import tempfile

        from civicbot.pgcluster import Cluster

        # Not created here: Cluster makes its directory (its own one when running as root).
        where = Path(tempfile.gettempdir()) / f"civicbot-bench-pg-{os.getpid()}-{time.monotonic_ns()}"
        self.cluster = Cluster(where, fast=False).start()
        return self.cluster.new_database()

    def __exit__(self, *exc) -> None:
        self.cluster.stop()


def print_table(rows: list[dict], columns: list[str]) -> None:
    widths = {c: max(len(c), *(len(str(r.get(c, ""))) for r in rows)) for c in columns}
    print("  ".join(c.ljust(widths[c]) for c in columns))
    for row in rows:
        print("  ".join(str(row.get(c, "")).ljust(widths[c]) for c in columns))


# -- a lean HTTP client for the load benchmarks ---------------------------------------------------------
class HttpConnection:
    """One keep-alive HTTP/1.1 connection that sends a request and reads its whole response.

    The load client shares the two cores with the server, so its own CPU per request lowers what
    the server can do. aiohttp's client costs ~300 us per request; this one, which only speaks
    the subset our server answers with (Content-Length bodies, keep-alive), a fraction of that.
    It is still real HTTP over TCP: the server cannot tell the difference.
    """

    def __init__(self, base: str) -> None:
        host, _, port = base.removeprefix("http://").partition(":")
        self.host, self.port = host, int(port or 80)
        self._prefix = b"\r\nHost: " + f"{self.host}:{self.port}".encode() + b"\r\n"
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def request(
        self, method: str, path: str, headers: dict[str, str] | None = None, body: bytes = b""
    ) -> tuple[int, bytes]:
        """(status, body) of one request; reconnects when the server closed the connection."""
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        lines = "".join(f"{name}: {value}\r\n" for name, value in (headers or {}).items())
        head = (
            f"{method} {path} HTTP/1.1".encode()
            + self._prefix
            + f"{lines}Content-Length: {len(body)}\r\n\r\n".encode()
        )
        self.writer.write(head + body)
        head = await self.reader.readuntil(b"\r\n\r\n")
        status_line, _, rest = head.partition(b"\r\n")
        status = int(status_line.split(b" ", 2)[1])
        length, close = 0, False
        for line in rest.split(b"\r\n"):
            name, _, value = line.partition(b":")
            name = name.strip().lower()
            if name == b"content-length":
                length = int(value)
            elif name == b"connection" and value.strip().lower() == b"close":
                close = True
            elif name == b"transfer-encoding":
                raise ValueError("chunked responses are not supported by this load client")
        data = await self.reader.readexactly(length) if length else b""
        if close:
            await self.close()
        return status, data

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            with contextlib.suppress(OSError):
                await self.writer.wait_closed()
            self.reader = self.writer = None


def run_client(coro):
    """``asyncio.run`` on uvloop when installed: the load client spends less CPU per request."""
    try:
        import uvloop
    except ImportError:
        return asyncio.run(coro)
    return uvloop.run(coro)


def percentile(values: list[float], share: float) -> float:
    """The value at ``share`` (0–1) of ``values`` by linear rank, rounded: 0.99 for the p99."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]
