"""A small in-memory sliding-window rate limiter.

Kept in memory on purpose: forgetting counters on restart only ever lets a few extra requests in,
and it keeps SQLite's single writer free for the votes and reports that matter.
"""

from __future__ import annotations

import time
from collections import OrderedDict, deque


class RateLimiter:
    def __init__(self, per_minute: int, enabled: bool = True, max_keys: int = 100_000) -> None:
        self.per_minute = per_minute
        self.enabled = enabled and per_minute > 0
        self._hits: OrderedDict[str, deque[float]] = OrderedDict()
        self._max_keys = max_keys

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
