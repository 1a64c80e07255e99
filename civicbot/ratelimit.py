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
