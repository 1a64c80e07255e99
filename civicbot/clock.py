"""Time, one way for the whole app: UTC in storage, ``zoneinfo`` objects for the city's clock.

The database stores UTC as ISO 8601 text to the second (``iso``); people see the city's time
(``local_iso``, ``local_minutes``, ``show_time`` in civicbot.polls). ``Settings.zone`` is the city's
``ZoneInfo``; a zone given by name goes through ``zone()``, which reads each one once.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from zoneinfo import ZoneInfo


def now() -> dt.datetime:
    """The current time, timezone-aware UTC."""
    return dt.datetime.now(dt.UTC)


def iso(moment: dt.datetime) -> str:
    """``moment`` (aware) as stored: UTC ISO 8601 to the second, e.g. '2026-11-30T01:02:03+00:00'."""
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds")


def now_iso() -> str:
    """``iso(now())``: the stamp every created_at/updated_at column takes."""
    return iso(now())


@cache
def _zone_named(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def zone(value: ZoneInfo | str) -> ZoneInfo:
    """The ``ZoneInfo`` for an IANA name (read once), or ``value`` itself; ZoneInfoNotFoundError if unknown."""
    return value if isinstance(value, ZoneInfo) else _zone_named(value)


def local_iso(value: str | dt.datetime, where: ZoneInfo | str) -> str:
    """A stored UTC time in the city's zone with its offset, to the second (Open311 wants one)."""
    moment = dt.datetime.fromisoformat(value) if isinstance(value, str) else value
    return moment.astimezone(zone(where)).isoformat(timespec="seconds")


def local_minutes(value: str | dt.datetime, where: ZoneInfo | str) -> str:
    """A stored UTC time as the console and chat show it: 'YYYY-MM-DD HH:MM', city time."""
    return local_iso(value, where)[:16].replace("T", " ")


def iso_week(moment: dt.datetime, where: ZoneInfo | str) -> str:
    """The city's ISO week of ``moment``, e.g. '2026-W48'."""
    year, week, _ = moment.astimezone(zone(where)).isocalendar()
    return f"{year}-W{week:02d}"


def parse_moment(value: str, where: ZoneInfo | str) -> dt.datetime:
    """ISO 8601 date or date-time; without an offset it is the city's local time. ValueError if bad.

    Returns UTC; a date outside what UTC can hold (0001-01-01 in Seoul) becomes datetime's min/max.
    """
    text = value.strip()
    if not text:
        raise ValueError("empty date")
    moment = dt.datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone(where))
    try:
        return moment.astimezone(dt.UTC)
    except OverflowError:  # 0001-01-01 in Seoul is before the first representable UTC instant
        edge = dt.datetime.min if moment.year < 2 else dt.datetime.max
        return edge.replace(tzinfo=dt.UTC)


def day_bound(value: str, end: bool, tz: ZoneInfo | str) -> str | None:
    """A date (2026-11-30) as the UTC bound of that local day (its start, or its end when ``end``);
    None when it is not a date."""
    try:
        day = dt.date.fromisoformat(value.strip())
    except ValueError:
        return None
    moment = dt.datetime.combine(day, dt.time.max if end else dt.time.min).replace(microsecond=0)
    return iso(parse_moment(moment.isoformat(), tz))
