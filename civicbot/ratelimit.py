"""Rate limits and cost budgets: in memory for one process on SQLite, in the database for replicas
on PostgreSQL (``SharedRateLimiter``, ``SharedCostBudget``).

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


def _create_budgets(db: Any) -> None:
    db.execute(
        """CREATE TABLE cost_budgets (
            key TEXT PRIMARY KEY,           -- HMAC of the budget's key (a session, an address)
            level REAL NOT NULL,            -- units left at ``at``
            at REAL NOT NULL,               -- unix time of the last spend
            granted INTEGER NOT NULL        -- 1 when that spend was taken, 0 when refused
        )"""
    )


MIGRATIONS: list[Migration] = [("ratelimit_001", _create), ("ratelimit_002_cost_budgets", _create_budgets)]


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


# What one message costs the model, in characters: the text up to what the model reads of it
# (longer text is cut before embedding), plus a fixed share for the per-call work.
_MODEL_READS_CHARS = 1500
_MODEL_CALL_CHARS = 20


def model_cost(text: str) -> int:
    """The model-budget cost of embedding ``text`` (characters; see CIVICBOT_MODEL_CHARS_PER_MINUTE)."""
    return _MODEL_CALL_CHARS + min(len(text), _MODEL_READS_CHARS)


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
        return _wait(min(cost, self.per_minute) - self._level(key, now), self.per_minute)

    async def take(self, key: str, cost: float) -> int:
        """``spend`` with the interface the shared budget needs: 0 when taken, else seconds to wait."""
        return 0 if self.spend(key, cost) else self.retry_after(key, cost)


def _wait(missing: float, per_minute: float) -> int:
    return max(1, int(missing * 60.0 / per_minute) + 1) if per_minute else 0


# The refill of a budget row since its last spend, capped at one minute's worth (both engines).
_REFILL = """CASE WHEN cost_budgets.level + (excluded.at - cost_budgets.at) * ? > ? THEN ?
                  ELSE cost_budgets.level + (excluded.at - cost_budgets.at) * ? END"""


def spend_budget(db: Any, key: str, cost: float, per_minute: float, now: float) -> tuple[bool, float]:
    """Take ``cost`` (already capped at ``per_minute``) from ``key``'s budget in one atomic upsert.

    Returns (taken, level left). Concurrent spends on one key serialise on its row, so replicas
    together never spend more than one budget. A refusal takes nothing (the level is only refilled).
    """
    rate = per_minute / 60.0
    refill = [rate, per_minute, per_minute, rate]
    row = db.execute(
        f"""INSERT INTO cost_budgets (key, level, at, granted) VALUES (?, ?, ?, 1)
            ON CONFLICT (key) DO UPDATE SET
                level = CASE WHEN {_REFILL} >= ? THEN {_REFILL} - ? ELSE {_REFILL} END,
                granted = CASE WHEN {_REFILL} >= ? THEN 1 ELSE 0 END,
                at = excluded.at
            RETURNING granted, level""",
        [key, per_minute - cost, now, *refill, cost, *refill, cost, *refill, *refill, cost],
    ).fetchone()
    if int(key[:2], 16) == 0:  # now and then (1 key in 256): forget budgets full again long ago
        db.execute("DELETE FROM cost_budgets WHERE at < ?", [now - 120.0])
    return bool(row[0]), float(row[1])


class SharedCostBudget:
    """``CostBudget`` kept in the database, so every replica spends from the same budget.

    ``database`` is a callable returning the app's database; keys are stored as an HMAC with the
    server secret, as the shared rate limiter does. Wall-clock time, so replicas agree on the refill.
    """

    def __init__(
        self,
        database: Callable[[], Any],
        secret: Callable[[], bytes],
        per_minute: float,
        enabled: bool = True,
    ) -> None:
        self.per_minute = float(per_minute)
        self.enabled = enabled and per_minute > 0
        self._database = database
        self._secret = secret

    async def take(self, key: str, cost: float) -> int:
        """Take ``cost`` from key's budget: 0 when taken, else the seconds until it would fit."""
        if not self.enabled:
            return 0
        hashed = hmac.new(self._secret(), key.encode(), hashlib.sha256).hexdigest()
        cost = min(float(cost), self.per_minute)
        now = time.time()
        taken, level = await self._database().execute_write_fn(
            lambda db: spend_budget(db, hashed, cost, self.per_minute, now)
        )
        return 0 if taken else _wait(cost - level, self.per_minute)


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
    model: CostBudget | SharedCostBudget  # characters the model embeds, per session and per address
    reads: RateLimiter  # public read endpoints (map data, counts, results) per address


def limiters_for(settings: Any, database: Callable[[], Any]) -> Limiters:
    """The app's limiters from the settings. With PostgreSQL (replicas) each count is kept in the
    database, one for all replicas: a client spreading requests, or long messages, over N
    replicas must not get N allowances. ``database`` is called late (opened after set-up)."""
    if settings.uses_postgresql:

        def limiter(per_minute: int) -> RateLimiter:
            return SharedRateLimiter(database, settings.secret, per_minute, settings.rate_limit)  # type: ignore[return-value]

        model: CostBudget | SharedCostBudget = SharedCostBudget(
            database, settings.secret, settings.model_chars_per_minute, settings.rate_limit
        )
    else:

        def limiter(per_minute: int) -> RateLimiter:
            return RateLimiter(per_minute, settings.rate_limit)

        model = CostBudget(settings.model_chars_per_minute, settings.rate_limit)
    return Limiters(
        limiter(settings.sessions_per_minute),
        limiter(settings.messages_per_minute),
        model,
        limiter(settings.reads_per_minute),
    )
