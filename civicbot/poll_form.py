"""The officials' poll form, both languages side by side, as values the console renders.

A poll definition (``polls.definition``, a proposal's ``poll_draft``, the defaults) becomes the
form's fields; the posted form becomes the definition ``polls.parse_spec`` reads; a refusal becomes
messages beside the fields. The console's views (``civicbot.web.admin.polls``) only read the form,
call these and ``civicbot.polls``, and render.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Mapping
from zoneinfo import ZoneInfo

import sqlite_utils

from civicbot import clock, poll_flow, polls
from civicbot.i18n import admin_text

OPTION_ROWS = 6  # empty option rows the form offers (more after saving, up to polls.MAX_OPTIONS)
LOCAL_INPUT = "%Y-%m-%dT%H:%M"  # <input type="datetime-local">
_LISTS = ("channels", "districts", "demographics")


def values(raw: Mapping, zone: ZoneInfo) -> dict:
    """A poll definition as the form's fields, or the form's own on a second try. Times with an
    offset are shown on the city's clock (``zone``); times as typed (no offset, or not times at
    all) stay as typed."""

    def local(value: object) -> str:
        moment = value
        if isinstance(value, str):
            with contextlib.suppress(ValueError):
                moment = dt.datetime.fromisoformat(value)
        if not isinstance(moment, dt.datetime) or moment.tzinfo is None:
            return str(value or "")
        return moment.astimezone(zone).strftime(LOCAL_INPUT)

    texts = {
        f"{k}_{lang}": (raw.get(k) or {}).get(lang, "")
        for k in ("title", "description")
        for lang in ("ko", "en")
    }
    return {
        **texts,
        "slug": raw.get("slug") or "",
        "options": [(o["ko"], o["en"]) for o in raw.get("options") or ()],
        "max_choices": str(raw.get("max_choices", 1)),
        "opens_at": local(raw.get("opens_at")),
        "closes_at": local(raw.get("closes_at")),
        "results": raw.get("results", "after_close"),
        **{key: list(raw.get(key, polls.DEFAULT_CHANNELS if key == "channels" else ())) for key in _LISTS},
    }


def blank(zone: ZoneInfo) -> dict:
    """A new poll's form: voting from the next hour tomorrow, for two weeks."""
    start = (clock.now() + dt.timedelta(days=1)).replace(minute=0, second=0, microsecond=0)
    return values({"opens_at": start, "closes_at": start + dt.timedelta(days=14)}, zone)


def _many(form: Mapping, key: str) -> list[str]:
    value = form.get(key, [])
    return [str(v) for v in (value if isinstance(value, list) else [value])]


def definition(form: Mapping) -> dict:
    """The posted form ({field: text, or a list for repeated fields}) as the poll definition
    ``polls.parse_spec`` reads (without a status); texts as typed, the rest stripped, empty option
    rows left out."""
    times = {key: str(form.get(key, "")).strip() or None for key in ("slug", "opens_at", "closes_at")}
    rows = zip(_many(form, "option_ko"), _many(form, "option_en"), strict=False)
    max_choices: object = str(form.get("max_choices", "1")).strip()
    with contextlib.suppress(ValueError):  # not a number: parse_spec names it
        max_choices = int(max_choices)  # type: ignore[arg-type]
    return {
        **times,
        "title": {lang: str(form.get("title_" + lang, "")) for lang in ("ko", "en")},
        "description": {lang: str(form.get("description_" + lang, "")) for lang in ("ko", "en")},
        "options": [{"ko": k.strip(), "en": e.strip()} for k, e in rows if k.strip() or e.strip()],
        "max_choices": max_choices,
        "results": str(form.get("results", "after_close")),
        **{key: _many(form, key) for key in _LISTS},
    }


def errors(exc: polls.SpecError, language: str) -> dict[str, str]:
    """{field: message} for the form, in the console's ``language``: every mistake ``parse_spec``
    found (``SpecError.every``), each beside its field (the first for a field); option errors name
    the row."""
    found: dict[str, str] = {}
    for mistake in exc.every:
        field, message = _error(mistake, language)
        found.setdefault(field, message)
    return found


def _error(exc: polls.SpecError, language: str) -> tuple[str, str]:
    t = admin_text(language)
    field = exc.field if exc.field in polls.SPEC_FIELDS else "form"
    # The console's own wording in both languages: the domain's message is for scripts and files
    # ("'closes_at' must be after 'opens_at'"), which an official reading English was shown (con21).
    message = t["err_" + exc.key] if exc.key else t.get("err_" + field, exc.message)
    if field == "options" and exc.index is not None:
        message = t["err_option_row"].format(n=exc.index + 1) + " " + message
    return field, message


def choices(form: dict, language: str) -> dict:
    """What the form offers beside its values: the option rows (the poll's, then empty ones up to
    polls.MAX_OPTIONS), the channels, the districts by name and the demographic questions."""
    rows = list(form["options"])
    rows += [("", "")] * max(OPTION_ROWS - len(rows), 2 if len(rows) < polls.MAX_OPTIONS else 0)
    return {
        "option_rows": rows[: polls.MAX_OPTIONS],
        "channels": polls.CHANNELS,
        "districts": [
            (code, names[1] if language == "en" else names[0]) for code, names in polls.DISTRICTS.items()
        ],
        "dimensions": polls.DIMENSIONS,
    }


def times(poll: polls.Poll, zone: ZoneInfo, language: str) -> dict[str, str]:
    """The poll's times as the console writes them (``closed`` empty while it is not closed)."""
    return {
        "opens": polls.show_time(poll.opens_at, zone, language),
        "closes": polls.show_time(poll.closes_at, zone, language),
        "closed": polls.show_time(poll.closed_at, zone, language) if poll.closed_at else "",
    }


def turnout_rows(
    conn: sqlite_utils.Database, found: list[polls.Poll], zone: ZoneInfo, language: str
) -> list[dict]:
    """Polls as the console lists them (the poll list and the dashboard): the poll, its phase, the
    ballots so far and when it closes (or closed), on the city's clock."""
    return [
        {
            "poll": p,
            "phase": p.phase(),
            "ballots": polls.ballot_count(conn, p.id),
            "closes": polls.show_time(p.closed_at or p.closes_at, zone, language),
        }
        for p in found
    ]


def previews(poll: polls.Poll, zone: ZoneInfo) -> list[dict]:
    """The question as the widget and Telegram show it, in Korean and English: {lang, text, buttons}."""
    shown = []
    for language in ("ko", "en"):
        closes = polls.show_time(poll.closes_at, zone, language)
        text, buttons = poll_flow.question(poll, language, closes)
        shown.append({"lang": language, "text": text, "buttons": [b.label for b in buttons]})
    return shown
