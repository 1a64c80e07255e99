"""Rate limiters: in memory for one process on SQLite, in the database for replicas on PostgreSQL.

In memory on purpose for SQLite: forgetting counters on restart only ever lets a few extra requests
in, and it keeps SQLite's single writer free for the votes and reports that matter. Several
replicas must share one count, or N replicas would let a client do N times the limit: there
``SharedRateLimiter`` counts per minute in one upserted row per key. Callers use ``await hit(key)``.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from civicbot.db import Migration


def _create(db: Any) -> None:
    db.execute(
        """CREATE TABLE rate_limits (
            key TEXT NOT NULL,              -- HMAC of the limited key (addresses are personal data)
            minute INTEGER NOT NULL,        -- unix time // 60
            hits INTEGER NOT NULL,
            PRIMARY KEY (key, minute)
        )"""
    )


MIGRATIONS: list[Migration] = [("ratelimit_001", _create)]


class RateLimiter:
    def __init__(self, per_minute: int, enabled: bool = True, max_keys: int = 100_000) -> None:
        self.per_minute = per_minute
        self.enabled = enabled and per_minute > 0
        self._hits: OrderedDict[str, deque[float]] = OrderedDict()
        self._max_keys = max_keys

    async def hit(self, key: str) -> bool:
        """``allow`` with the interface the shared limiter needs (it awaits the database)."""
        return self.allow(key)

    def allow(self, key: str, now: float | None = None) -> bool:
        """Count one request for key; False when it is over the limit (and then it is not counted)."""
        if not self.enabled:
            return True
        now = time.monotonic() if now is None else now
        window = self._hits.get(key)
        if window is None:
            window = self._hits[key] = deque()
            while len(self._hits) > self._max_keys:  # bounded memory under a flood of addresses
                self._hits.popitem(last=False)
        self._hits.move_to_end(key)
        while window and window[0] <= now - 60.0:
            window.popleft()
        if len(window) >= self.per_minute:
            return False
        window.append(now)
        return True

    def retry_after(self, key: str, now: float | None = None) -> int:
        window = self._hits.get(key)
        if not window:
            return 0
        now = time.monotonic() if now is None else now
        return max(1, int(window[0] + 60.0 - now) + 1)


class CostBudget:
    """A per-key budget of cost units (here: characters the model embeds) refilled continuously.

    Counting requests lets one client send sixty 2,000-character messages a minute, each costing
    the model a hundred short ones; a budget of cost bounds each client's share of the model.
    ``per_minute`` units flow back each minute, up to one minute's worth saved.
    """

    def __init__(self, per_minute: float, enabled: bool = True, max_keys: int = 100_000) -> None:
        self.per_minute = float(per_minute)
        self.enabled = enabled and per_minute > 0
        self._levels: OrderedDict[str, tuple[float, float]] = OrderedDict()  # key -> (level, at)
        self._max_keys = max_keys

    def _level(self, key: str, now: float) -> float:
        level, at = self._levels.get(key, (self.per_minute, now))
        return min(self.per_minute, level + (now - at) * self.per_minute / 60.0)

    def spend(self, key: str, cost: float, now: float | None = None) -> bool:
        """Take ``cost`` from key's budget; False (and nothing taken) when it has not that much left.

        A single cost above the whole budget is capped at it, so one long message still goes
        through when the budget is full."""
        if not self.enabled:
            return True
        now = time.monotonic() if now is None else now
        level = self._level(key, now)
        cost = min(cost, self.per_minute)
        if level < cost:
            return False
        self._levels[key] = (level - cost, now)
        self._levels.move_to_end(key)
        while len(self._levels) > self._max_keys:
            self._levels.popitem(last=False)
        return True

    def retry_after(self, key: str, cost: float, now: float | None = None) -> int:
        """Seconds until ``cost`` fits the budget again."""
        now = time.monotonic() if now is None else now
        missing = min(cost, self.per_minute) - self._level(key, now)
        return max(1, int(missing * 60.0 / self.per_minute) + 1) if self.per_minute else 0


def count_hit(db: Any, key: str, minute: int) -> int:
    """Count one request for ``key`` in this minute; returns the minute's count so far."""
    row = db.execute(
        """INSERT INTO rate_limits (key, minute, hits) VALUES (?, ?, 1)
           ON CONFLICT (key, minute) DO UPDATE SET hits = rate_limits.hits + 1
           RETURNING hits""",
        [key, minute],
    ).fetchone()
    if row[0] == 1 and int(key[:2], 16) == 0:  # now and then (1 key in 256): drop old minutes
        db.execute("DELETE FROM rate_limits WHERE minute < ?", [minute - 1])
    return int(row[0])


class SharedRateLimiter:
    """A per-minute limit counted in the database, so every replica sees the same count.

    ``database`` is a callable returning the app's database (opened after the app is built).
    Keys are stored as an HMAC with the server secret: a client address never sits in a table.
    """

    def __init__(
        self, database: Callable[[], Any], secret: Callable[[], bytes], per_minute: int, enabled: bool = True
    ) -> None:
        self.per_minute = per_minute
        self.enabled = enabled and per_minute > 0
        self._database = database
        self._secret = secret

    async def hit(self, key: str) -> bool:
        if not self.enabled:
            return True
        hashed = hmac.new(self._secret(), key.encode(), hashlib.sha256).hexdigest()
        minute = int(time.time() // 60)
        count = await self._database().execute_write_fn(lambda db: count_hit(db, hashed, minute))
        return count <= self.per_minute

    def retry_after(self, key: str) -> int:
        return max(1, 60 - int(time.time() % 60))


@dataclass
class Limiters:
    """The app's limiters, one per kind of request (set up by civicbot.web.auth, read by channels)."""

    sessions: RateLimiter  # new sessions per client address
    messages: RateLimiter  # messages, votes, reports per session and per address
    model: CostBudget  # characters the model embeds, per session and per address
    reads: RateLimiter  # public read endpoints (map data, counts, results) per address
