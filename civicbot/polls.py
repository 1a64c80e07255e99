"""m-Voting: polls, ballots, receipts, the public hash chain, tallies, breakdowns and exports.

How a vote stays secret and still counts exactly once:

- ``poll_participation`` records *that* someone voted: a random id and
  ``voter_key = HMAC(server secret, channel, user id, poll id)``. The database's
  UNIQUE(poll_id, voter_key) is what refuses a second vote, so no race in application code can let
  one through. The table is WITHOUT ROWID and keyed by a random id and has no timestamp, so its
  rows carry no insertion order to line up with the ballots.
- ``poll_ballots`` records *what* was chosen: a random receipt, the choices and the chain hash. Its
  order is public on purpose (it is the hash chain), which is exactly why participation must not
  have one. Nothing links a participation row to a ballot row.
- Self-declared demographics are only ever counters (``poll_demographics``), never a column on a
  ballot; who to notify when a poll closes lives in ``poll_subscribers``, also keyed randomly.

Nothing here imports aiohttp: the web views, the chat flow and the CLI all call these functions.
"""

from __future__ import annotations

import base64
import csv
import datetime as dt
import functools
import hashlib
import hmac
import io
import json
import re
import secrets
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo

import sqlite_utils
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    ValidationInfo,
    field_validator,
)

from civicbot import clock, officials, outbox, spreadsheet
from civicbot import poll_shapes as shapes
from civicbot.db import Migration
from civicbot.db import engine as db_engine
from civicbot.db import in_turn as db_in_turn
from civicbot.db import lock as db_lock
from civicbot.db import lock_key as db_lock_key
from civicbot.errors import PollError, SpecError
from civicbot.i18n import Localized, catalogue, one_of, t
from civicbot.observability import VOTES
from civicbot.text import VISIBLE_PATTERN, clean, receipt_spellings

# -- vocabulary ------------------------------------------------------------------------------
# Seoul's 25 autonomous districts (자치구). Codes are short ASCII so button payloads stay small.
DISTRICTS: dict[str, tuple[str, str]] = {
    "jongno": ("종로구", "Jongno-gu"),
    "jung": ("중구", "Jung-gu"),
    "yongsan": ("용산구", "Yongsan-gu"),
    "seongdong": ("성동구", "Seongdong-gu"),
    "gwangjin": ("광진구", "Gwangjin-gu"),
    "dongdaemun": ("동대문구", "Dongdaemun-gu"),
    "jungnang": ("중랑구", "Jungnang-gu"),
    "seongbuk": ("성북구", "Seongbuk-gu"),
    "gangbuk": ("강북구", "Gangbuk-gu"),
    "dobong": ("도봉구", "Dobong-gu"),
    "nowon": ("노원구", "Nowon-gu"),
    "eunpyeong": ("은평구", "Eunpyeong-gu"),
    "seodaemun": ("서대문구", "Seodaemun-gu"),
    "mapo": ("마포구", "Mapo-gu"),
    "yangcheon": ("양천구", "Yangcheon-gu"),
    "gangseo": ("강서구", "Gangseo-gu"),
    "guro": ("구로구", "Guro-gu"),
    "geumcheon": ("금천구", "Geumcheon-gu"),
    "yeongdeungpo": ("영등포구", "Yeongdeungpo-gu"),
    "dongjak": ("동작구", "Dongjak-gu"),
    "gwanak": ("관악구", "Gwanak-gu"),
    "seocho": ("서초구", "Seocho-gu"),
    "gangnam": ("강남구", "Gangnam-gu"),
    "songpa": ("송파구", "Songpa-gu"),
    "gangdong": ("강동구", "Gangdong-gu"),
}
AGE_BANDS: dict[str, tuple[str, str]] = {
    "under20": ("20세 미만", "Under 20"),
    "20s": ("20대", "20s"),
    "30s": ("30대", "30s"),
    "40s": ("40대", "40s"),
    "50s": ("50대", "50s"),
    "60s": ("60대", "60s"),
    "70plus": ("70세 이상", "70 and over"),
}
NOT_GIVEN = "none"  # the voter skipped the question
# Each district's administrative code (행정표준코드, the code civicbot.geo and the voice map use).
DISTRICT_ADMIN_CODES: dict[str, str] = {
    "jongno": "11110",
    "jung": "11140",
    "yongsan": "11170",
    "seongdong": "11200",
    "gwangjin": "11215",
    "dongdaemun": "11230",
    "jungnang": "11260",
    "seongbuk": "11290",
    "gangbuk": "11305",
    "dobong": "11320",
    "nowon": "11350",
    "eunpyeong": "11380",
    "seodaemun": "11410",
    "mapo": "11440",
    "yangcheon": "11470",
    "gangseo": "11500",
    "guro": "11530",
    "geumcheon": "11545",
    "yeongdeungpo": "11560",
    "dongjak": "11590",
    "gwanak": "11620",
    "seocho": "11650",
    "gangnam": "11680",
    "songpa": "11710",
    "gangdong": "11740",
}


def _spelling_key(text: str) -> str:
    return re.sub(r"[\s_.-]", "", text).casefold()


# Every spelling a client may send for a district: the code ("mapo"), the Korean name ("마포구", or
# "마포" when that is two syllables or more), the English name in any case, with or without "-gu"
# ("Mapo-gu", "MAPO GU", "mapo"), and the administrative code ("11440").
_DISTRICT_SPELLINGS: dict[str, str] = {
    key: code
    for code, (ko, en) in DISTRICTS.items()
    for key in (
        _spelling_key(code),
        _spelling_key(ko),
        *((_spelling_key(ko[:-1]),) if len(ko) > 2 else ()),
        _spelling_key(en),
        DISTRICT_ADMIN_CODES[code],
    )
}


def district_code(value: str) -> str | None:
    """The district code (a key of DISTRICTS) any accepted spelling of a district names, or None."""
    return _DISTRICT_SPELLINGS.get(_spelling_key(value))


def district_list(codes: tuple[str, ...] | list[str], language: str | None = None) -> str:
    """Districts as a refusal names them: in ``language`` ("마포구, 서대문구 또는 은평구"), or with no
    language in English with the Korean name beside it ("Mapo-gu (마포구) or Seodaemun-gu (서대문구)"),
    the API's messages being English."""
    if language is not None:
        return one_of([group_label("district", code, language) for code in codes], language)
    return one_of([f"{DISTRICTS[code][1]} ({DISTRICTS[code][0]})" for code in codes], "en")


def district_named(text: str) -> str | None:
    """The district code a typed answer names: "마포구", "마포구에 살아요", "마포", "Mapo-gu" → "mapo".

    Only for answering the poll's own question, where any district name is the answer; None when
    no district (or more than one) is named. A one-syllable stem (중구 → 중) is not enough on its own.
    """
    said, latin = text.replace(" ", ""), text.casefold()
    found = {
        code
        for code, (ko, en) in DISTRICTS.items()
        if ko in said
        or (len(ko) > 2 and ko[:-1] in said)
        or en.casefold() in latin
        or re.search(rf"\b{re.escape(en.split('-')[0].casefold())}\b", latin)
    }
    return found.pop() if len(found) == 1 else None


_AGE_WORDS = re.compile(r"(?P<decade>[1-9]0)\s?(?:대|'?s\b)|(?P<years>\d{1,3})\s?(?:살|세|years?\b)")


def age_band_named(text: str) -> str | None:
    """The age band a typed answer names: "30대", "35살", "30s", "70세 이상", "19세" → a key of AGE_BANDS."""
    said = text.strip().casefold()
    for band, labels in AGE_BANDS.items():  # the buttons' own words: "Under 20", "70 and over"
        if said in (label.casefold() for label in labels):
            return band
    match = _AGE_WORDS.search(said)
    if match is None:
        return None
    years = int(match.group("decade") or match.group("years"))
    if years < 20 or (years == 20 and re.search(r"미만|under|below", text.casefold())):
        return "under20"
    if years >= 70:
        return "70plus"
    return f"{years // 10 * 10}s"


NOT_GIVEN_LABEL = ("응답 안 함", "Not given")
DIMENSIONS = ("district", "age")

# "api" and "cli" identify a caller by a conversation id the caller picks, so they cannot enforce one
# vote per person: they exist for tests and trusted integrations, never for a real poll.
CHANNELS = ("telegram", "web", "kakao", "api", "cli")
DEFAULT_CHANNELS = ("telegram", "web")
RESULTS_MODES = ("after_close", "live")
MIN_OPTIONS, MAX_OPTIONS = 2, 20
MAX_TITLE, MAX_LABEL, MAX_DESCRIPTION = 200, 200, 4000
SMALL_CELL = 5  # breakdown cells with fewer voters than this are not shown
# Ballot secrecy against timing: while a poll is open, every public figure (ballot count, tally,
# chain head) comes from a snapshot, replaced at most every SNAPSHOT_INTERVAL and only once at
# least SNAPSHOT_MIN_BALLOTS new ballots are in. Reading the figures before and after a known
# vote then shows no change; two successive snapshots differ by a batch of at least that many.
SNAPSHOT_INTERVAL = dt.timedelta(minutes=10)
SNAPSHOT_MIN_BALLOTS = 10
RECEIPT_RE = re.compile(r"^[A-Z2-7]{26}$")
# At least one letter: the command line takes a number for a poll id (find_poll), so a slug "1"
# would name another poll there.
SLUG_RE = re.compile(r"^(?=[a-z0-9-]*[a-z])[a-z0-9][a-z0-9-]{0,63}$")


def _parse_iso(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


# -- schema ----------------------------------------------------------------------------------
def _create(db: sqlite_utils.Database) -> None:
    db.execute(
        """CREATE TABLE polls (
            id INTEGER PRIMARY KEY,
            slug TEXT UNIQUE,                 -- set for polls published from polls/*.yaml
            title_ko TEXT NOT NULL,
            title_en TEXT NOT NULL,
            description_ko TEXT NOT NULL DEFAULT '',
            description_en TEXT NOT NULL DEFAULT '',
            max_choices INTEGER NOT NULL CHECK (max_choices >= 1),
            opens_at TEXT NOT NULL,           -- UTC, ISO 8601
            closes_at TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('draft', 'open', 'closed')),
            results TEXT NOT NULL CHECK (results IN ('after_close', 'live')),
            channels TEXT NOT NULL,           -- JSON list
            districts TEXT NOT NULL DEFAULT '[]',     -- JSON list; empty means the whole city
            demographics TEXT NOT NULL DEFAULT '[]',  -- JSON list of 'district', 'age'
            source_hash TEXT,                 -- of the YAML definition, for idempotent sync
            created_by TEXT NOT NULL,
            created_at TEXT NOT NULL,
            closed_at TEXT,
            closed_by TEXT,
            final_head TEXT,                  -- chain head and tally as published at close
            final_tally TEXT
        )"""
    )
    db.execute(
        """CREATE TABLE poll_options (
            poll_id INTEGER NOT NULL REFERENCES polls(id),
            id INTEGER NOT NULL,              -- 1, 2, ... within the poll
            label_ko TEXT NOT NULL,
            label_en TEXT NOT NULL,
            PRIMARY KEY (poll_id, id)
        ) WITHOUT ROWID"""
    )
    # Random primary key, WITHOUT ROWID, no timestamp: the rows keep no trace of the order people
    # voted in, so they cannot be lined up with the (publicly ordered) ballots.
    db.execute(
        """CREATE TABLE poll_participation (
            id TEXT PRIMARY KEY,
            poll_id INTEGER NOT NULL REFERENCES polls(id),
            voter_key TEXT NOT NULL,
            UNIQUE (poll_id, voter_key)
        ) WITHOUT ROWID"""
    )
    db.execute(
        """CREATE TABLE poll_ballots (
            poll_id INTEGER NOT NULL REFERENCES polls(id),
            seq INTEGER NOT NULL,             -- position in the public hash chain, from 1
            receipt TEXT NOT NULL UNIQUE,     -- 128 random bits, base32
            choices TEXT NOT NULL,            -- JSON list of option ids, ascending
            hash TEXT NOT NULL,               -- h_seq = sha256(h_(seq-1) || ballot)
            PRIMARY KEY (poll_id, seq)
        ) WITHOUT ROWID"""
    )
    # Self-declared demographics exist only as counters; option_id 0 counts the voters of a group.
    db.execute(
        """CREATE TABLE poll_demographics (
            poll_id INTEGER NOT NULL REFERENCES polls(id),
            dimension TEXT NOT NULL,
            value TEXT NOT NULL,
            option_id INTEGER NOT NULL,
            count INTEGER NOT NULL,
            PRIMARY KEY (poll_id, dimension, value, option_id)
        ) WITHOUT ROWID"""
    )
    # Who to tell when the poll closes. Random key, no timestamp, nothing pointing at a ballot; the
    # rows are deleted once the notices are queued.
    db.execute(
        """CREATE TABLE poll_subscribers (
            id TEXT PRIMARY KEY,
            poll_id INTEGER NOT NULL REFERENCES polls(id),
            channel TEXT NOT NULL,
            recipient TEXT NOT NULL,
            language TEXT NOT NULL,
            UNIQUE (poll_id, channel, recipient)
        ) WITHOUT ROWID"""
    )


def _create_snapshots(db: sqlite_utils.Database) -> None:
    # The public figures of an open poll: one row per poll, replaced on the snapshot schedule.
    db.execute(
        """CREATE TABLE poll_snapshots (
            poll_id INTEGER PRIMARY KEY REFERENCES polls(id),
            taken_at TEXT NOT NULL,
            ballots INTEGER NOT NULL,
            head TEXT NOT NULL,
            tally TEXT NOT NULL              -- JSON {option id: votes} at taken_at
        )"""
    )


def _create_tail_function(db: sqlite_utils.Database) -> None:
    """PostgreSQL: a poll's lock and its chain tail in one round trip (see _chain_tail)."""
    if db_engine(db) != "postgresql":
        return
    # Run as written (not through the SQLite-dialect translation). plpgsql takes a new snapshot
    # for each statement, so the SELECT sees what the lock's previous holder committed.
    db.conn.execute(
        """CREATE OR REPLACE FUNCTION civicbot_poll_tail(lock_key BIGINT, poll BIGINT)
           RETURNS TABLE (tail_status TEXT, tail_seq BIGINT, tail_hash TEXT)
           LANGUAGE plpgsql VOLATILE AS $$
           BEGIN
               PERFORM pg_advisory_xact_lock(lock_key);
               RETURN QUERY
                   SELECT p.status, b.seq, b.hash FROM polls AS p
                   LEFT JOIN LATERAL (
                       SELECT x.seq, x.hash FROM poll_ballots AS x
                       WHERE x.poll_id = p.id ORDER BY x.seq DESC LIMIT 1
                   ) AS b ON TRUE
                   WHERE p.id = poll;
           END $$"""
    )


MIGRATIONS: list[Migration] = [
    ("polls_001", _create),
    ("polls_002_snapshots", _create_snapshots),
    ("polls_003_chain_tail", _create_tail_function),
]


# -- model -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Option:
    id: int
    label_ko: str
    label_en: str
    label = Localized()  # label(language): label_ko, label_en ...


@dataclass(frozen=True)
class Poll:
    id: int
    slug: str | None
    title_ko: str
    title_en: str
    description_ko: str
    description_en: str
    options: tuple[Option, ...]
    max_choices: int
    opens_at: dt.datetime
    closes_at: dt.datetime
    status: str
    results: str
    channels: tuple[str, ...]
    districts: tuple[str, ...]
    demographics: tuple[str, ...]
    created_at: dt.datetime
    closed_at: dt.datetime | None = None
    final_head: str | None = None
    final_tally: dict | None = field(default=None, compare=False)
    title = Localized()  # title(language), description(language): from title_ko, title_en ...
    description = Localized()

    def option(self, option_id: int) -> Option | None:
        return next((o for o in self.options if o.id == option_id), None)

    def phase(self, now: dt.datetime | None = None) -> str:
        """draft, scheduled (not yet open), open or closed: the status combined with the clock."""
        now = now or clock.now()
        if self.status in ("draft", "closed"):
            return self.status
        if now >= self.closes_at:
            return "closed"
        if now < self.opens_at:
            return "scheduled"
        return "open"

    def results_visible(self, now: dt.datetime | None = None) -> bool:
        phase = self.phase(now)
        return phase == "closed" or (self.results == "live" and phase == "open")

    @property
    def public(self) -> bool:
        return self.status != "draft"


@dataclass(frozen=True)
class PollSpec:
    """A validated poll definition, from the admin API, the CLI or a YAML file."""

    title: dict[str, str]
    description: dict[str, str]
    options: tuple[dict[str, str], ...]
    max_choices: int
    opens_at: dt.datetime
    closes_at: dt.datetime
    results: str = "after_close"
    channels: tuple[str, ...] = DEFAULT_CHANNELS
    districts: tuple[str, ...] = ()
    demographics: tuple[str, ...] = ()
    status: str = "open"
    slug: str | None = None


@dataclass(frozen=True)
class Ballot:
    poll_id: int
    seq: int
    receipt: str
    choices: tuple[int, ...]
    hash: str


# -- poll definitions --------------------------------------------------------------------------
# Pydantic models accept them; these describe the forms a definition may take in the document.
_Words = Annotated[str, StringConstraints(min_length=1, pattern=VISIBLE_PATTERN)]


class TextPair(BaseModel):
    """A text in each language; one given is shown in both."""

    model_config = ConfigDict(extra="forbid")
    ko: str | None = None
    en: str | None = None


def _text_input(limit: int) -> Any:
    words = Annotated[str, StringConstraints(min_length=1, max_length=limit, pattern=VISIBLE_PATTERN)]
    return words | TextPair


def _texts(value: object, name: str, limit: int, required: bool = True, index: int | None = None) -> dict:
    """A text in Korean and English: a plain string (used for both) or {"ko": ..., "en": ...}."""
    if value is None and not required:
        return {"ko": "", "en": ""}
    if isinstance(value, str):
        ko = en = value.strip()
    elif isinstance(value, Mapping):
        unknown = set(value) - {"ko", "en"}
        if unknown:
            raise SpecError(
                name, f"'{name}' takes only 'ko' and 'en', not {sorted(map(str, unknown))}", index
            )
        ko, en = value.get("ko"), value.get("en")
        if not all(isinstance(v, str | None) for v in (ko, en)):
            raise SpecError(name, f"'{name}' translations must be text", index)
        ko, en = (ko or "").strip(), (en or "").strip()
        ko, en = ko or en, en or ko  # one language given: show it in both rather than nothing
    else:
        raise SpecError(name, f"'{name}' must be text or {{ko: ..., en: ...}}", index)
    if required and not ko:
        raise SpecError(name, f"'{name}' must not be empty", index)
    try:
        (ko + en).encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate from JSON: SQLite could not store it
        raise SpecError(name, f"'{name}' is not valid text", index) from None
    ko, en = clean(ko).strip(), clean(en).strip()  # the one hygiene step every text goes through
    if required and not ko:
        raise SpecError(name, f"'{name}' must not be empty", index)
    if len(ko) > limit or len(en) > limit:
        raise SpecError(name, f"'{name}' is longer than {limit} characters", index, key=f"{name}_too_long")
    return {"ko": ko, "en": en}


def _moment(value: object, name: str, zone: ZoneInfo) -> dt.datetime:
    """An ISO 8601 time; without an offset it is read in the city's time zone."""
    if isinstance(value, dt.datetime):
        moment = value
    elif isinstance(value, str):
        try:
            moment = dt.datetime.fromisoformat(value.strip())
        except ValueError:
            raise SpecError(name, f"'{name}' must be a time like 2026-12-31T18:00:00+09:00") from None
    else:
        raise SpecError(name, f"'{name}' must be a date and time like 2026-12-31T18:00:00+09:00")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone)
    if not 2000 <= moment.year < 2200:  # also keeps every later time-zone shift inside datetime's range
        raise SpecError(name, f"'{name}' must be between the years 2000 and 2199")
    return moment.astimezone(dt.UTC)


def _codes(value: object, name: str, allowed: Mapping | tuple, default: tuple = ()) -> tuple[str, ...]:
    if value is None:
        return default
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise SpecError(name, f"'{name}' must be a list of codes")
    unknown = [v for v in value if v not in allowed]
    if unknown:
        # Codes are named (a poll file's author needs to see which), arbitrary input is not.
        shown = ", ".join(v if re.fullmatch(r"[A-Za-z0-9_-]{1,32}", v) else "?" for v in unknown[:5])
        raise SpecError(name, f"'{name}': unknown {shown}; use {', '.join(allowed)}")
    return tuple(dict.fromkeys(value))


# One district in each spelling a definition (and a vote) may name it by: "mapo, 마포구, Mapo-gu or 11440".
_EXAMPLE = f"mapo, {DISTRICTS['mapo'][0]}, {DISTRICTS['mapo'][1]} or {DISTRICT_ADMIN_CODES['mapo']}"
DISTRICTS_HELP = (
    "Empty: open to the whole city. Each district by its code, Korean name, English name in any case "
    f"(with or without -gu) or administrative code, e.g. {_EXAMPLE}; stored as codes"
)
_SHOWN_SPELLING = re.compile(r"[0-9A-Za-z\uac00-\ud7a3 _.-]{1,32}")  # Latin, digits, Hangul syllables


def _district_codes(value: object) -> tuple[str, ...]:
    """A definition's ``districts`` as codes: any spelling ``district_code`` reads (the vote API's
    own rule), duplicates dropped, in the order given. SpecError ``districts`` naming every
    unknown one (with the index of the first, for its line in a poll file) and the allowed values."""
    if value is None:
        return ()
    if isinstance(value, str | int):
        value = [value]
    # YAML reads "- 11440" as a number: an administrative code written without quotes.
    if not isinstance(value, list) or not all(
        isinstance(v, str | int) and not isinstance(v, bool) for v in value
    ):
        raise SpecError("districts", "'districts' must be a list of districts")
    spelled = [str(v) for v in value]
    codes = [district_code(v) for v in spelled]
    unknown = [i for i, code in enumerate(codes) if code is None]
    if unknown:
        # Spellings are named (the author needs to see which); anything else is not repeated.
        shown = ", ".join(
            repr(spelled[i]) if _SHOWN_SPELLING.fullmatch(spelled[i]) else "?" for i in unknown[:5]
        )
        raise SpecError(
            "districts",
            f"'districts': unknown district {shown}; name each by its code ({', '.join(DISTRICTS)}), "
            f"Korean or English name or administrative code, e.g. {_EXAMPLE}",
            unknown[0],
        )
    return tuple(dict.fromkeys(code for code in codes if code is not None))


class PollDefinition(BaseModel):
    """One poll definition, as a YAML file (``polls/*.yaml``), the CLI and the admin API send it.

    The single statement of a definition's fields: ``parse_spec`` validates with it, ``SPEC_FIELDS``
    and the admin API's document are read from it. Each check raises ``SpecError`` naming the
    field (and option), which becomes ``file:line`` for content files and a 400 for the API.
    Validation context: ``zone`` (times without an offset) and ``now`` (the default opening)."""

    # Every field goes through its check, given or not (a missing title is named as such).
    model_config = ConfigDict(
        extra="forbid",
        title="PollCreate",
        validate_default=True,
        json_schema_extra={"required": ["title", "options", "closes_at"]},
    )

    slug: str | None = Field(
        None, description="Set by poll files (the file name); lowercase letters, digits and dashes"
    )
    title: Any = None
    description: Any = None
    options: Any = None
    max_choices: Any = 1
    opens_at: Any = None
    closes_at: Any = None
    results: Literal["after_close", "live"] = "after_close"
    channels: Any = None
    districts: Any = None
    demographics: Any = None
    status: Literal["open", "draft"] = "open"

    @field_validator(
        "slug",
        mode="plain",
        json_schema_input_type=Annotated[str, StringConstraints(pattern=SLUG_RE.pattern)] | None,
    )
    @classmethod
    def _slug(cls, value: Any) -> str | None:
        if value is not None and (not isinstance(value, str) or not SLUG_RE.fullmatch(value)):
            raise SpecError(
                "slug",
                "'slug' must be lowercase letters, digits and dashes (up to 64), with at least one letter",
            )
        return value

    @field_validator("title", mode="plain", json_schema_input_type=_text_input(MAX_TITLE))
    @classmethod
    def _title(cls, value: Any) -> dict:
        return _texts(value, "title", MAX_TITLE)

    @field_validator("description", mode="plain", json_schema_input_type=_text_input(MAX_DESCRIPTION) | None)
    @classmethod
    def _description(cls, value: Any) -> dict:
        return _texts(value, "description", MAX_DESCRIPTION, required=False)

    @field_validator(
        "options",
        mode="plain",
        json_schema_input_type=Annotated[
            list[_text_input(MAX_LABEL)], Field(min_length=MIN_OPTIONS, max_length=MAX_OPTIONS)
        ],
    )
    @classmethod
    def _options(cls, value: Any) -> tuple[dict[str, str], ...]:
        if not isinstance(value, list) or not MIN_OPTIONS <= len(value) <= MAX_OPTIONS:
            raise SpecError("options", f"'options' must be a list of {MIN_OPTIONS} to {MAX_OPTIONS} choices")
        labels = tuple(_texts(o, "options", MAX_LABEL, index=i) for i, o in enumerate(value))
        seen: set[str] = set()
        for i, label in enumerate(labels):
            if label["ko"].casefold() in seen:
                raise SpecError("options", f"option {i + 1} repeats an earlier option", i)
            seen.add(label["ko"].casefold())
        return labels

    @field_validator(
        "max_choices", mode="plain", json_schema_input_type=Annotated[int, Field(ge=1, le=MAX_OPTIONS)]
    )
    @classmethod
    def _max_choices(cls, value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise SpecError("max_choices", "'max_choices' must be a whole number")
        return value

    @field_validator("opens_at", mode="plain", json_schema_input_type=dt.datetime | None)
    @classmethod
    def _opens_at(cls, value: Any, info: ValidationInfo) -> dt.datetime | None:
        return None if value is None else _moment(value, "opens_at", info.context["zone"])

    @field_validator("closes_at", mode="plain", json_schema_input_type=dt.datetime)
    @classmethod
    def _closes_at(cls, value: Any, info: ValidationInfo) -> dt.datetime:
        if value is None:
            raise SpecError("closes_at", "'closes_at' is required (when voting ends)", key="closes_missing")
        return _moment(value, "closes_at", info.context["zone"])

    @field_validator("results", mode="plain", json_schema_input_type=Literal["after_close", "live"])
    @classmethod
    def _results(cls, value: Any) -> str:
        if value not in RESULTS_MODES:
            raise SpecError("results", "'results' must be 'after_close' or 'live'")
        return value

    @field_validator("channels", mode="plain", json_schema_input_type=list[Literal[CHANNELS]] | None)  # type: ignore[valid-type]
    @classmethod
    def _channels(cls, value: Any) -> tuple[str, ...]:
        channels = _codes(value, "channels", CHANNELS, DEFAULT_CHANNELS)
        if not channels:
            raise SpecError("channels", "'channels' must name at least one channel")
        return channels

    @field_validator(
        "districts",
        mode="plain",
        json_schema_input_type=Annotated[list[str], Field(description=DISTRICTS_HELP)] | None,
    )
    @classmethod
    def _districts(cls, value: Any) -> tuple[str, ...]:
        return _district_codes(value)

    @field_validator(
        "demographics",
        mode="plain",
        json_schema_input_type=list[Literal[DIMENSIONS]] | bool | None,  # type: ignore[valid-type]
    )
    @classmethod
    def _demographics(cls, value: Any) -> tuple[str, ...]:
        return _demographics(value)

    @field_validator("status", mode="plain", json_schema_input_type=Literal["open", "draft"])
    @classmethod
    def _status(cls, value: Any) -> str:
        if value not in ("open", "draft"):
            raise SpecError("status", "'status' must be 'open' or 'draft'")
        return value

    def to_spec(self, now: dt.datetime) -> PollSpec:
        """The checks across fields, and the validated ``PollSpec``."""
        opens_at = self.opens_at or now.replace(microsecond=0)
        mistakes = _across(len(self.options), self.max_choices, opens_at, self.closes_at)
        if mistakes:
            raise SpecError.together(mistakes)
        demographics = self.demographics
        if self.districts and "district" not in demographics:
            demographics = ("district", *demographics)  # a district restriction has to ask the district
        return PollSpec(
            self.title, self.description, self.options, self.max_choices, opens_at, self.closes_at,
            self.results, self.channels, self.districts, demographics, self.status, self.slug,
        )  # fmt: skip


def _across(
    options: int | None, max_choices: object, opens_at: dt.datetime | None, closes_at: dt.datetime | None
) -> list[SpecError]:
    """The checks across fields, each made when its fields are known (None: that field is wrong)."""
    mistakes = []
    if options is not None and isinstance(max_choices, int) and not 1 <= max_choices <= options:
        mistakes.append(
            SpecError("max_choices", f"'max_choices' must be between 1 and {options} (the options)")
        )
    if opens_at is not None and closes_at is not None and closes_at <= opens_at:
        mistakes.append(SpecError("closes_at", "'closes_at' must be after 'opens_at'"))
    return mistakes


SPEC_FIELDS = tuple(PollDefinition.model_fields)


def parse_spec(raw: Mapping, zone: ZoneInfo, now: dt.datetime | None = None) -> PollSpec:
    """Validate a poll definition; raises SpecError naming the field (and option) at fault."""
    if not isinstance(raw, Mapping):
        raise SpecError("", "a poll definition must be a mapping of fields")
    unknown = [str(k) for k in raw if k not in SPEC_FIELDS]
    if unknown:
        # Named only when it looks like a field name: an error message never repeats arbitrary input.
        shown = unknown[0] if re.fullmatch(r"[A-Za-z0-9_]{1,40}", unknown[0]) else "?"
        raise SpecError(shown, f"unknown field '{shown}'; the fields are {', '.join(SPEC_FIELDS)}")
    try:
        definition = PollDefinition.model_validate(dict(raw), context={"zone": zone})
    except ValidationError as exc:
        # Every field's mistake at once (the console shows each beside its field: one round trip),
        # then the checks across fields whose fields were right; the first is what is raised.
        mistakes = [_spec_error(error) for error in exc.errors()]
        mistakes.sort(key=lambda m: m.key != "closes_missing")  # the one a definition cannot lack
        wrong = {m.field for m in mistakes}
        mistakes += _across_raw(raw, wrong, zone, now or clock.now())
        raise SpecError.together(mistakes) from None
    return definition.to_spec(now or clock.now())


def _spec_error(error: Any) -> SpecError:
    """One of pydantic's errors as the SpecError its validator raised (or a generic one)."""
    cause = (error.get("ctx") or {}).get("error")
    if isinstance(cause, SpecError):
        return cause
    name = str(error["loc"][0]) if error["loc"] else ""
    return SpecError(name, f"'{name}' is not valid")


def _across_raw(raw: Mapping, wrong: set[str], zone: ZoneInfo, now: dt.datetime) -> list[SpecError]:
    """``_across`` on a definition some of whose fields are wrong: each check whose fields are right."""
    options = raw.get("options")
    count = len(options) if isinstance(options, list) and MIN_OPTIONS <= len(options) <= MAX_OPTIONS else None
    max_choices = raw.get("max_choices", 1) if "max_choices" not in wrong else None
    opens_at = closes_at = None
    if not {"opens_at", "closes_at"} & wrong:
        opening = raw.get("opens_at")
        opens_at = _moment(opening, "opens_at", zone) if opening is not None else now.replace(microsecond=0)
        closes_at = _moment(raw["closes_at"], "closes_at", zone)
    return _across(count, max_choices, opens_at, closes_at)


def definition(poll: Poll) -> dict:
    """A stored poll as the definition ``parse_spec`` reads (times as datetimes): what an edit
    starts from. A closed poll reads as open (a definition has no closed status)."""
    return {
        "slug": poll.slug,
        "title": {"ko": poll.title_ko, "en": poll.title_en},
        "description": {"ko": poll.description_ko, "en": poll.description_en},
        "options": [{"ko": o.label_ko, "en": o.label_en} for o in poll.options],
        "max_choices": poll.max_choices,
        "opens_at": poll.opens_at,
        "closes_at": poll.closes_at,
        "results": poll.results,
        "channels": list(poll.channels),
        "districts": list(poll.districts),
        "demographics": list(poll.demographics),
        "status": "draft" if poll.status == "draft" else "open",
    }


def _demographics(value: object) -> tuple[str, ...]:
    if value is True:
        return DIMENSIONS
    if value in (None, False):
        return ()
    return _codes(value, "demographics", DIMENSIONS)


# -- reading polls -----------------------------------------------------------------------------
# One query brings the poll and its options (as JSON); the parsed Poll is memoised on that exact row,
# so a vote does not re-parse times and JSON, and any change to the poll (a new row) is seen at once.
_POLL_SELECT = (
    "SELECT id, slug, title_ko, title_en, description_ko, description_en, max_choices, opens_at, "
    "closes_at, status, results, channels, districts, demographics, created_at, closed_at, final_head, "
    "final_tally, (SELECT json_group_array(json_array(o.id, o.label_ko, o.label_en)) FROM poll_options AS o "
    "WHERE o.poll_id = polls.id) FROM polls"
)


@functools.lru_cache(maxsize=512)
def _poll_from_row(row: tuple) -> Poll:
    (pid, slug, t_ko, t_en, d_ko, d_en, max_choices, opens, closes, status, results, channels,
     districts, demographics, created, closed, final_head, final_tally, options) = row  # fmt: skip
    return Poll(
        pid, slug, t_ko, t_en, d_ko, d_en, tuple(sorted((Option(*o) for o in json.loads(options)), key=lambda o: o.id)), max_choices,
        _parse_iso(opens), _parse_iso(closes), status, results, tuple(json.loads(channels)),
        tuple(json.loads(districts)), tuple(json.loads(demographics)), _parse_iso(created),
        _parse_iso(closed) if closed else None, final_head, json.loads(final_tally) if final_tally else None,
    )  # fmt: skip


def get_poll(db: sqlite_utils.Database, poll_id: int) -> Poll | None:
    if not 0 < poll_id < 2**62:  # larger ids cannot exist, and SQLite would overflow on them
        return None
    row = db.execute(f"{_POLL_SELECT} WHERE id = ?", [poll_id]).fetchone()
    return _poll_from_row(tuple(row)) if row else None


def find_poll(db: sqlite_utils.Database, reference: str) -> Poll | None:
    """A poll by id ("3") or by slug ("public-wifi-2027"), for the command line."""
    if reference.isdigit():
        return get_poll(db, int(reference))
    row = db.execute("SELECT id FROM polls WHERE slug = ?", [reference]).fetchone()
    return get_poll(db, row[0]) if row else None


def list_polls(db: sqlite_utils.Database, include_drafts: bool = False) -> list[Poll]:
    """Newest first."""
    where = "" if include_drafts else "WHERE status != 'draft'"
    rows = db.execute(f"{_POLL_SELECT} {where} ORDER BY id DESC").fetchall()
    return [_poll_from_row(tuple(row)) for row in rows]


def ballot_count(db: sqlite_utils.Database, poll_id: int) -> int:
    return db.execute("SELECT count(*) FROM poll_ballots WHERE poll_id = ?", [poll_id]).fetchone()[0]


# -- creating, publishing, closing ---------------------------------------------------------------
def _insert_options(db: sqlite_utils.Database, poll_id: int, options: tuple[dict[str, str], ...]) -> None:
    db.execute("DELETE FROM poll_options WHERE poll_id = ?", [poll_id])
    for number, label in enumerate(options, start=1):
        db.execute(
            "INSERT INTO poll_options (poll_id, id, label_ko, label_en) VALUES (?, ?, ?, ?)",
            [poll_id, number, label["ko"], label["en"]],
        )


def _spec_columns(spec: PollSpec) -> dict:
    return {
        "title_ko": spec.title["ko"],
        "title_en": spec.title["en"],
        "description_ko": spec.description["ko"],
        "description_en": spec.description["en"],
        "max_choices": spec.max_choices,
        "opens_at": clock.iso(spec.opens_at),
        "closes_at": clock.iso(spec.closes_at),
        "status": spec.status,
        "results": spec.results,
        "channels": json.dumps(list(spec.channels)),
        "districts": json.dumps(list(spec.districts)),
        "demographics": json.dumps(list(spec.demographics)),
    }


def create_poll(
    db: sqlite_utils.Database,
    spec: PollSpec,
    actor: str,
    now: dt.datetime | None = None,
    source_hash: str | None = None,
) -> Poll:
    """Store a new poll and write the official's action to the audit log."""
    now = now or clock.now()
    columns = {
        **_spec_columns(spec),
        "slug": spec.slug,
        "source_hash": source_hash,
        "created_by": actor,
        "created_at": clock.iso(now),
    }
    names = ", ".join(columns)
    try:
        cursor = db.execute(
            f"INSERT INTO polls ({names}) VALUES ({', '.join('?' * len(columns))})", list(columns.values())
        )
    except sqlite3.IntegrityError:
        raise PollError("slug_taken", f"A poll with slug '{spec.slug}' already exists.") from None
    poll_id = int(cursor.lastrowid)
    _insert_options(db, poll_id, spec.options)
    officials.audit(db, actor, "poll.create", str(poll_id), {"slug": spec.slug, "title": spec.title["ko"]})
    poll = get_poll(db, poll_id)
    assert poll is not None
    return poll


def create_from(
    db: sqlite_utils.Database, raw: Mapping, zone: ZoneInfo, actor: str, now: dt.datetime | None = None
) -> Poll:
    """An official's new poll from its definition (the API and the console): ``parse_spec``, then a
    closing time already past is refused (SpecError on closes_at, key ``closes_past``), then
    ``create_poll``. Content files and the CLI call parse_spec and create_poll themselves."""
    now = now or clock.now()
    spec = parse_spec(raw, zone, now)
    if spec.closes_at <= now:
        raise SpecError("closes_at", "'closes_at' is in the past.", key="closes_past")
    return create_poll(db, spec, actor, now)


def update_poll(
    db: sqlite_utils.Database, poll: Poll, spec: PollSpec, actor: str, source_hash: str | None = None
) -> Poll:
    """Change a poll from its definition. Once anyone has voted only the closing time and the
    results mode may change (``_check_unlocked``): a ballot must keep meaning what the voter saw,
    so the question (title and description, both languages) is locked as the options are.
    SpecError (key ``locked``) names the first locked field the definition changes; PollError
    ``poll_closed`` for a closed poll."""
    if poll.status == "closed":
        raise PollError("poll_closed", "A closed poll cannot be changed.")
    if ballot_count(db, poll.id):
        _check_unlocked(poll, spec)
    columns = {**_spec_columns(spec), "source_hash": source_hash}
    assignments = ", ".join(f"{name} = ?" for name in columns)
    db.execute(f"UPDATE polls SET {assignments} WHERE id = ?", [*columns.values(), poll.id])
    _insert_options(db, poll.id, spec.options)
    officials.audit(db, actor, "poll.update", str(poll.id), {"slug": poll.slug})
    updated = get_poll(db, poll.id)
    assert updated is not None
    return updated


def _check_unlocked(poll: Poll, spec: PollSpec) -> None:
    """SpecError when ``spec`` changes what a cast ballot answered: the question's text, the
    options, who may vote and how (probe21 #22: a title reworded after votes changed the question
    people had answered)."""
    before = tuple({"ko": o.label_ko, "en": o.label_en} for o in poll.options)
    locked = {
        "title": ({"ko": poll.title_ko, "en": poll.title_en}, spec.title),
        "description": ({"ko": poll.description_ko, "en": poll.description_en}, spec.description),
        "options": (before, spec.options),
        "max_choices": (poll.max_choices, spec.max_choices),
        "channels": (poll.channels, spec.channels),
        "districts": (poll.districts, spec.districts),
        "demographics": (poll.demographics, spec.demographics),
        "opens_at": (poll.opens_at, spec.opens_at),
        "status": ("open", spec.status),
    }
    for name, (old, new) in locked.items():
        if old != new:
            raise SpecError(name, f"'{name}' cannot change once people have voted", key="locked")


def publish_poll(db: sqlite_utils.Database, poll_id: int, actor: str) -> Poll:
    """draft -> open (voting still starts at opens_at)."""
    poll = get_poll(db, poll_id)
    if poll is None:
        raise PollError("poll_not_found", f"There is no poll {poll_id}.")
    if poll.status != "draft":
        raise PollError("not_draft", f"Poll {poll_id} is already {poll.status}.")
    db.execute("UPDATE polls SET status = 'open' WHERE id = ?", [poll_id])
    officials.audit(db, actor, "poll.open", str(poll_id))
    return get_poll(db, poll_id)  # type: ignore[return-value]


def close_poll(
    db: sqlite_utils.Database,
    poll_id: int,
    actor: str,
    results_url: str,
    now: dt.datetime | None = None,
) -> Poll:
    """Close a poll now: freeze its chain head and tally, tell the subscribers, log who did it."""
    now = now or clock.now()
    db_lock(db, "poll", poll_id)  # after the lock, the status read below is the latest one
    poll = get_poll(db, poll_id)
    if poll is None:
        raise PollError("poll_not_found", f"There is no poll {poll_id}.")
    if poll.status == "closed":
        raise PollError("already_closed", f"Poll {poll_id} is already closed.")
    closed_at = min(now, poll.closes_at)  # closed late by the timer: it really closed on time
    counts = tally_counts(db, poll_id)
    db.execute(
        """UPDATE polls SET status = 'closed', closed_at = ?, closed_by = ?, final_head = ?,
               final_tally = ? WHERE id = ?""",
        [
            clock.iso(closed_at),
            actor,
            chain_head(db, poll_id),
            json.dumps({str(k): v for k, v in sorted(counts.items())}),
            poll_id,
        ],
    )
    _notify_subscribers(db, poll, results_url)
    mix_participation(db, poll_id)
    officials.audit(db, actor, "poll.close", str(poll_id), {"ballots": ballot_count(db, poll_id)})
    return get_poll(db, poll_id)  # type: ignore[return-value]


def close_due_polls(db: sqlite_utils.Database, public_url: str, now: dt.datetime | None = None) -> list[int]:
    """Close every open poll whose closing time has passed (run by the server's timer)."""
    now = now or clock.now()
    due = [
        row[0]
        for row in db.execute(
            "SELECT id FROM polls WHERE status = 'open' AND closes_at <= ?", [clock.iso(now)]
        ).fetchall()
    ]
    closed = []
    for poll_id in due:
        try:
            close_poll(db, poll_id, "system", results_link(public_url, poll_id), now)
        except PollError as exc:
            if exc.code != "already_closed":  # another replica's timer got there first
                raise
            continue
        closed.append(poll_id)
    return closed


def results_url(public_url: str, poll_id: int) -> str:
    return f"{public_url.rstrip('/')}/polls/{poll_id}"


def results_link(public_url: str, poll_id: int) -> str:
    """Where a chat message points for results: the page when we know our public address, else
    the chat command (a bare "/polls/3" means nothing inside Telegram)."""
    return results_url(public_url, poll_id) if public_url else f"/results {poll_id}"


def _notify_subscribers(db: sqlite_utils.Database, poll: Poll, url: str) -> int:
    rows = db.execute(
        "SELECT channel, recipient, language FROM poll_subscribers WHERE poll_id = ?", [poll.id]
    ).fetchall()
    for channel, recipient, language in rows:
        text = t("polls.closed", language, title=poll.title(language), url=url)
        outbox.enqueue(db, channel, recipient, text)
    # Once the notices are queued the list has served its purpose: keep no record of who took part.
    db.execute("DELETE FROM poll_subscribers WHERE poll_id = ?", [poll.id])
    return len(rows)


# -- voting ------------------------------------------------------------------------------------
def voter_key(secret: bytes, channel: str, user_id: str, poll_id: int) -> str:
    """HMAC of who is voting where: equal for the same person and poll, useless without the secret."""
    message = "\x1f".join((channel, user_id, str(poll_id))).encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()


def new_receipt() -> str:
    """128 random bits in base32 (26 characters, no padding): easy to read out and to type."""
    return base64.b32encode(secrets.token_bytes(16)).decode().rstrip("=")


def normalise_receipt(text: str) -> str | None:
    receipt = re.sub(r"[\s-]", "", text).upper()
    return receipt if RECEIPT_RE.fullmatch(receipt) else None


def genesis_hash(poll_id: int) -> str:
    """h_0: bound to the poll, so one poll's chain cannot be passed off as another's."""
    return hashlib.sha256(f"civicbot-poll:{poll_id}".encode()).hexdigest()


def ballot_bytes(poll_id: int, seq: int, receipt: str, choices: tuple[int, ...] | list[int]) -> bytes:
    """The canonical encoding of a ballot that the chain hashes (the README gives the recipe)."""
    document = {"choices": list(choices), "poll": poll_id, "receipt": receipt, "seq": seq}
    return json.dumps(document, sort_keys=True, separators=(",", ":")).encode()


def chain_step(previous: str, ballot: bytes) -> str:
    """h_i = sha256(h_(i-1) as 32 raw bytes ‖ ballot_i)."""
    return hashlib.sha256(bytes.fromhex(previous) + ballot).hexdigest()


def chain_head(db: sqlite_utils.Database, poll_id: int) -> str:
    row = db.execute(
        "SELECT hash FROM poll_ballots WHERE poll_id = ? ORDER BY seq DESC LIMIT 1", [poll_id]
    ).fetchone()
    return row[0] if row else genesis_hash(poll_id)


Voter = shapes.Voter  # who votes, from which channel (``VoteRequest.voter`` makes the web's)


def check_choices(poll: Poll, choices: object) -> tuple[int, ...]:
    if not isinstance(choices, list | tuple) or not choices:
        raise PollError("no_choice", "Choose at least one option: 'choices' is a list of option ids.")
    if not all(isinstance(c, int) and not isinstance(c, bool) for c in choices):
        raise PollError("unknown_option", "'choices' must be option ids (whole numbers).")
    unknown = [c for c in choices if poll.option(c) is None]
    if unknown:
        valid = ", ".join(str(o.id) for o in poll.options)
        raise PollError(
            "unknown_option", f"Poll {poll.id} has no option {unknown[0]}; its options are {valid}."
        )
    if len(set(choices)) != len(choices):
        raise PollError("duplicate_choice", "Each option can be chosen only once.")
    if len(choices) > poll.max_choices:
        raise PollError(
            "too_many_choices",
            f"This poll allows at most {poll.max_choices} choice(s); you sent {len(choices)}.",
        )
    return tuple(sorted(choices))


def check_can_vote(poll: Poll | None, voter: Voter, now: dt.datetime) -> Poll:
    if poll is None or not poll.public:
        raise PollError("poll_not_found", "There is no such poll.")
    phase = poll.phase(now)
    if phase == "scheduled":
        raise PollError("not_yet_open", "This poll opens at {at}; voting has not started.", at=poll.opens_at)
    if phase == "closed":
        raise PollError("poll_closed", "This poll is closed; no more votes are accepted.")
    if voter.channel not in poll.channels:
        raise PollError("channel_not_allowed", f"This poll takes votes only on: {', '.join(poll.channels)}.")
    return poll


def _check_demographics(poll: Poll, voter: Voter) -> dict[str, str]:
    district = voter.district
    if district is not None and district != NOT_GIVEN:
        district = district_code(district)
        if district is None:
            raise PollError(
                "unknown_district",
                "Unknown district: send its code (mapo), its Korean name (마포구), its English name "
                f"(Mapo-gu) or its administrative code (11440). Codes: {', '.join(DISTRICTS)}.",
            )
    if voter.age is not None and voter.age not in AGE_BANDS and voter.age != NOT_GIVEN:
        raise PollError("unknown_age_band", f"Unknown age band; use {', '.join(AGE_BANDS)}.")
    if poll.districts:
        allowed = district_list(poll.districts)
        if district in (None, NOT_GIVEN):
            raise PollError(
                "district_required",
                f"This poll is only for residents of {allowed}: say which district is yours.",
            )
        if district not in poll.districts:
            raise PollError("district_not_allowed", f"This poll is only for residents of {allowed}.")
    given = {"district": district, "age": voter.age}
    return {dim: given[dim] or NOT_GIVEN for dim in poll.demographics}


async def vote(db, secret: bytes, poll_id: int, voter: Voter, choices: object) -> Ballot:
    """Cast a ballot from any channel (the web API, or the chat flow for Telegram, KakaoTalk and
    the widget): cast_vote on the database's writer, counted in civicbot_votes_total.

    ``db`` is a civicbot.db.Database; PollError as cast_vote (the channel renders it)."""
    ballot = await db.execute_write_fn(lambda conn: cast_vote(conn, secret, poll_id, voter, choices))
    VOTES.inc()
    return ballot


def cast_vote(
    db: sqlite_utils.Database,
    secret: bytes,
    poll_id: int,
    voter: Voter,
    choices: object,
    now: dt.datetime | None = None,
) -> Ballot:
    """Record one vote: run it inside ONE write transaction (Database.execute_write_fn).

    The UNIQUE(poll_id, voter_key) constraint refuses a second vote even from two requests racing;
    any error raised here rolls back everything this call wrote.
    """
    now = now or clock.now()
    poll = check_can_vote(get_poll(db, poll_id), voter, now)
    chosen = check_choices(poll, choices)
    groups = _check_demographics(poll, voter)
    # OR IGNORE rather than catching the error: on PostgreSQL a failing INSERT would need a savepoint.
    taken = db.execute(
        "INSERT OR IGNORE INTO poll_participation (id, poll_id, voter_key) VALUES (?, ?, ?)",
        [secrets.token_hex(16), poll.id, voter_key(secret, voter.channel, voter.user_id, poll.id)],
    )
    if taken.rowcount == 0:
        raise PollError("already_voted", "You have already voted in this poll: one vote per person.")
    _count_demographics(db, poll.id, groups, chosen)
    if voter.notify:
        db.execute(
            """INSERT OR IGNORE INTO poll_subscribers (id, poll_id, channel, recipient, language)
               VALUES (?, ?, ?, ?, ?)""",
            [secrets.token_hex(16), poll.id, voter.channel, voter.notify, voter.language],
        )
    # One line per poll: appends (and the close that freezes the head) take turns, on any replica.
    # On PostgreSQL the writer appends a whole batch's ballots at once (civicbot.db.in_turn).
    return db_in_turn(db, ("poll", poll.id), (new_receipt(), chosen), _append_ballots)


def _chain_tail(db: sqlite_utils.Database, poll_id: int) -> tuple[str, int, str]:
    """(status, last seq, last hash) of a poll, read after taking its lock (one round trip)."""
    if db_engine(db) == "postgresql":
        # civicbot_poll_tail (migration polls_003) locks, then reads with a fresh snapshot.
        row = db.execute("SELECT * FROM civicbot_poll_tail(?, ?)", [db_lock_key("poll", poll_id), poll_id])
    else:  # SQLite's one writer already runs writes one at a time
        row = db.execute(
            """SELECT status, (SELECT seq FROM poll_ballots WHERE poll_id = p.id ORDER BY seq DESC LIMIT 1),
                   (SELECT hash FROM poll_ballots WHERE poll_id = p.id ORDER BY seq DESC LIMIT 1)
               FROM polls AS p WHERE id = ?""",
            [poll_id],
        )
    status, seq, head = row.fetchone()
    return status, seq or 0, head or genesis_hash(poll_id)


def _append_ballots(
    db: sqlite_utils.Database, name: tuple, entries: list[tuple[str, tuple[int, ...]]]
) -> list[Ballot]:
    """Append ballots (receipt, choices) to a poll's chain in one INSERT; the ``in_turn`` step.

    A batch goes on in random order: its ballots then keep no trace of the order in which their
    votes (and participation rows) came in."""
    poll_id = name[1]
    status, seq, previous = _chain_tail(db, poll_id)
    if status != "open":  # closed since the vote was checked: its head is frozen
        raise PollError("poll_closed", "This poll is closed; no more votes are accepted.")
    order = sorted(range(len(entries)), key=lambda _i: secrets.randbits(64))
    ballots: list[Ballot | None] = [None] * len(entries)
    for index in order:
        receipt, chosen = entries[index]
        seq += 1
        previous = chain_step(previous, ballot_bytes(poll_id, seq, receipt, chosen))
        ballots[index] = Ballot(poll_id, seq, receipt, chosen, previous)
    rows = [ballots[i] for i in order]
    # OR IGNORE and a count, not an error: on PostgreSQL that keeps the INSERT out of a savepoint.
    stored = db.execute(
        "INSERT OR IGNORE INTO poll_ballots (poll_id, seq, receipt, choices, hash) VALUES "
        + ", ".join(["(?, ?, ?, ?, ?)"] * len(rows)),
        [v for b in rows for v in (b.poll_id, b.seq, b.receipt, json.dumps(list(b.choices)), b.hash)],
    ).rowcount
    if stored != len(rows):  # a receipt drawn twice (2^-128) or a seq taken outside the lock
        raise RuntimeError(f"poll {poll_id}: {len(rows) - stored} ballot(s) collided; nothing appended")
    return ballots  # type: ignore[return-value]


def mix_participation(db: sqlite_utils.Database, poll_id: int) -> int:
    """PostgreSQL only: rewrite a poll's participation rows in random order, in one transaction.

    SQLite keeps them WITHOUT ROWID by a random key, so their storage says nothing of who voted
    when. A PostgreSQL heap keeps rows in arrival order and stamps each with its transaction id
    (xmin), the same one as the ballot's: rewritten together, all rows share one xmin and a random
    place, and only "voted before this mix" is left. The server runs this every MIX_SECONDS for open
    polls and once at close. Returns the number of rows rewritten (0 on SQLite).
    """
    if db_engine(db) != "postgresql":
        return 0
    rows = db.execute(
        "DELETE FROM poll_participation WHERE poll_id = ? RETURNING id, poll_id, voter_key", [poll_id]
    ).fetchall()
    shuffled = sorted(rows, key=lambda _row: secrets.randbits(64))
    for row in shuffled:
        # ON CONFLICT keeps the statement out of a savepoint: a savepoint's own xid would show in xmin.
        db.execute(
            "INSERT INTO poll_participation (id, poll_id, voter_key) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
            list(row),
        )
    return len(rows)


MIX_SECONDS = 300


def mix_open_polls(db: sqlite_utils.Database) -> int:
    """mix_participation for every open poll (the server's timer; a no-op on SQLite)."""
    if db_engine(db) != "postgresql":
        return 0
    db_lock(db, "participation-mix")
    ids = [row[0] for row in db.execute("SELECT id FROM polls WHERE status = 'open'").fetchall()]
    total = 0
    for poll_id in ids:
        db_lock(db, "poll", poll_id)
        total += mix_participation(db, poll_id)
    return total


def _count_demographics(
    db: sqlite_utils.Database, poll_id: int, groups: dict[str, str], chosen: tuple[int, ...]
) -> None:
    for dimension, value in groups.items():
        for option_id in (0, *chosen):
            db.execute(
                """INSERT INTO poll_demographics (poll_id, dimension, value, option_id, count)
                   VALUES (?, ?, ?, ?, 1)
                   ON CONFLICT (poll_id, dimension, value, option_id)
                   DO UPDATE SET count = poll_demographics.count + 1""",
                [poll_id, dimension, value, option_id],
            )


def has_voted(db: sqlite_utils.Database, secret: bytes, poll_id: int, channel: str, user_id: str) -> bool:
    row = db.execute(
        "SELECT 1 FROM poll_participation WHERE poll_id = ? AND voter_key = ?",
        [poll_id, voter_key(secret, channel, user_id, poll_id)],
    ).fetchone()
    return row is not None


def receipt_in(text: str) -> str | None:
    """The first voting receipt written in ``text`` (a message such as "영수증 확인 6B6G…"), in the
    form ``normalise_receipt`` gives; None when there is none."""
    found = receipts_in(text)
    return found[0] if found else None


def _receipt_spans(text: str) -> list[tuple[int, int, str]]:
    """Each receipt written in ``text``: (start, end, the receipt), in the order written. What
    spellings count (one run of 26, groups of 4-5 in either case, a digit) is
    ``text.receipt_spellings``: the same spans do not count as English."""
    spans = []
    for start, end in receipt_spellings(text):
        receipt = normalise_receipt(text[start:end])
        if receipt is not None:
            spans.append((start, end, receipt))
    return spans


def receipts_in(text: str, most: int = 5) -> list[str]:
    """Every voting receipt written in ``text``, once each, in the order written, at most ``most``
    (a family checking their ballots pastes several); normalised as ``normalise_receipt`` gives.
    What counts as a receipt: ``_receipt_spans``."""
    found: list[str] = []
    for _start, _end, receipt in _receipt_spans(text):
        if receipt not in found:
            found.append(receipt)
    return found[:most]


def without_receipts(text: str) -> str:
    """``text`` with every spelling ``receipt_in`` reads as a receipt taken out."""
    pieces, at = [], 0
    for start, end, _receipt in _receipt_spans(text):
        pieces.append(text[at:start])
        at = end
    pieces.append(text[at:])
    return " ".join(pieces)


def find_receipt(db: sqlite_utils.Database, receipt: str) -> Ballot | None:
    """The ballot with this receipt in any poll (receipts are unique across polls), or None."""
    row = db.execute(
        "SELECT poll_id, seq, receipt, choices, hash FROM poll_ballots WHERE receipt = ?", [receipt]
    ).fetchone()
    if row is None:
        return None
    return Ballot(row[0], row[1], row[2], tuple(json.loads(row[3])), row[4])


def find_ballot(db: sqlite_utils.Database, poll_id: int, receipt: str) -> Ballot | None:
    row = db.execute(
        "SELECT seq, receipt, choices, hash FROM poll_ballots WHERE poll_id = ? AND receipt = ?",
        [poll_id, receipt],
    ).fetchone()
    if row is None:
        return None
    return Ballot(poll_id, row[0], row[1], tuple(json.loads(row[2])), row[3])


def bulletin(db: sqlite_utils.Database, poll_id: int) -> list[Ballot]:
    rows = db.execute(
        "SELECT seq, receipt, choices, hash FROM poll_ballots WHERE poll_id = ? ORDER BY seq", [poll_id]
    ).fetchall()
    return [Ballot(poll_id, seq, receipt, tuple(json.loads(ch)), h) for seq, receipt, ch, h in rows]


# -- results ---------------------------------------------------------------------------------
def tally_counts(db: sqlite_utils.Database, poll_id: int) -> dict[int, int]:
    """Votes per option id, counted from the ballots themselves."""
    rows = db.execute(
        """SELECT CAST(j.value AS INTEGER), count(*) FROM poll_ballots AS b, json_each(b.choices) AS j
           WHERE b.poll_id = ? GROUP BY 1""",
        [poll_id],
    ).fetchall()
    return {int(option_id): count for option_id, count in rows}


def participant_count(db: sqlite_utils.Database, poll_id: int) -> int:
    return db.execute("SELECT count(*) FROM poll_participation WHERE poll_id = ?", [poll_id]).fetchone()[0]


def percent(part: int, whole: int) -> float:
    return round(100.0 * part / whole, 1) if whole else 0.0


@dataclass
class Cell:
    votes: int
    hidden: bool = False


@dataclass
class Group:
    value: str
    voters: int
    cells: dict[int, Cell]
    hidden: bool = False


def group_label(dimension: str, value: str, language: str) -> str:
    table = DISTRICTS if dimension == "district" else AGE_BANDS
    ko, en = table.get(value, NOT_GIVEN_LABEL)
    return en if language == "en" else ko


def suppress(groups: list[Group], option_ids: list[int], single_choice: bool) -> None:
    """Hide small cells so no one's choice can be read off a breakdown.

    A group with fewer than SMALL_CELL voters is hidden whole (and not even named); within the rest a
    count of 1 to SMALL_CELL-1 is hidden. Then, because option totals are public (and, for single
    choice, a group's voters are the sum of its cells), a lone hidden cell in a line could be worked
    out by subtraction: hide the next smallest cell of that line too, until no line has exactly one.
    """
    for group in groups:
        if group.voters < SMALL_CELL:
            group.hidden = True
        for cell in group.cells.values():
            cell.hidden = group.hidden or 0 < cell.votes < SMALL_CELL
    shown = [g for g in groups if not g.hidden]
    changed = True
    while changed:
        changed = False
        lines = [] if any(g.hidden for g in groups) else [[g.cells[o] for g in shown] for o in option_ids]
        if single_choice:
            lines += [list(g.cells.values()) for g in shown]
        for line in lines:
            if sum(c.hidden for c in line) == 1:
                visible = [c for c in line if not c.hidden]
                if visible:
                    min(visible, key=lambda c: c.votes).hidden = True
                    changed = True


def breakdown(db: sqlite_utils.Database, poll: Poll, dimension: str, language: str) -> dict:
    rows = db.execute(
        "SELECT value, option_id, count FROM poll_demographics WHERE poll_id = ? AND dimension = ?",
        [poll.id, dimension],
    ).fetchall()
    counts: dict[str, dict[int, int]] = {}
    for value, option_id, count in rows:
        counts.setdefault(value, {})[option_id] = count
    order = [*(DISTRICTS if dimension == "district" else AGE_BANDS), NOT_GIVEN]
    option_ids = [o.id for o in poll.options]
    groups = [
        Group(value, counts[value].get(0, 0), {o: Cell(counts[value].get(o, 0)) for o in option_ids})
        for value in sorted(counts, key=lambda v: order.index(v) if v in order else len(order))
    ]
    suppress(groups, option_ids, poll.max_choices == 1)
    return {
        "groups": [
            {
                "value": g.value,
                "label": group_label(dimension, g.value, language),
                "voters": g.voters,
                "options": [
                    {
                        "id": o,
                        "votes": None if g.cells[o].hidden else g.cells[o].votes,
                        "percent": None if g.cells[o].hidden else percent(g.cells[o].votes, g.voters),
                    }
                    for o in option_ids
                ],
            }
            for g in groups
            if not g.hidden
        ],
        "suppressed_groups": sum(g.hidden for g in groups),
    }


def results(db: sqlite_utils.Database, poll: Poll, language: str = "ko") -> dict:
    """Counts, percentages (of ballots: with several choices they add up to more than 100),
    turnout, breakdowns with small cells suppressed, and the chain head."""
    counts = tally_counts(db, poll.id)
    total = ballot_count(db, poll.id)
    return {
        "poll_id": poll.id,
        "options": [
            {
                "id": o.id,
                "label": o.label(language),
                "votes": counts.get(o.id, 0),
                "percent": percent(counts.get(o.id, 0), total),
            }
            for o in poll.options
        ],
        "total": total,
        "turnout": participant_count(db, poll.id),
        "chain_head": chain_head(db, poll.id),
        "breakdowns": {d: breakdown(db, poll, d, language) for d in poll.demographics},
        "min_cell": SMALL_CELL,
    }


# -- public figures of an open poll: batched snapshots ---------------------------------------
@dataclass(frozen=True)
class Snapshot:
    taken_at: dt.datetime | None  # None: nothing published yet
    ballots: int
    head: str
    tally: dict[int, int]


def snapshot(db: sqlite_utils.Database, poll: Poll) -> Snapshot:
    """The latest published snapshot of the poll (an empty one before the first)."""
    row = db.execute(
        "SELECT taken_at, ballots, head, tally FROM poll_snapshots WHERE poll_id = ?", [poll.id]
    ).fetchone()
    if row is None:
        return Snapshot(None, 0, genesis_hash(poll.id), {})
    tally = {int(k): v for k, v in json.loads(row[3]).items()}
    return Snapshot(_parse_iso(row[0]), row[1], row[2], tally)


def snapshot_due(db: sqlite_utils.Database, poll: Poll, now: dt.datetime) -> bool:
    """Due when SNAPSHOT_INTERVAL has passed since the last one (or the opening) AND at least
    SNAPSHOT_MIN_BALLOTS ballots are new: never per ballot, never for one lone ballot."""
    last = snapshot(db, poll)
    since = last.taken_at or poll.opens_at
    return (
        now - since >= SNAPSHOT_INTERVAL and ballot_count(db, poll.id) - last.ballots >= SNAPSHOT_MIN_BALLOTS
    )


def take_snapshot(db: sqlite_utils.Database, poll: Poll, now: dt.datetime | None = None) -> Snapshot:
    """Publish the poll's current figures (call inside a write; the schedule is snapshot_due's)."""
    now = now or clock.now()
    ballots, head, tally = ballot_count(db, poll.id), chain_head(db, poll.id), tally_counts(db, poll.id)
    db.execute(
        """INSERT INTO poll_snapshots (poll_id, taken_at, ballots, head, tally) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (poll_id) DO UPDATE SET taken_at = excluded.taken_at, ballots = excluded.ballots,
               head = excluded.head, tally = excluded.tally""",
        [poll.id, clock.iso(now), ballots, head, json.dumps(tally)],
    )
    return Snapshot(now, ballots, head, tally)


def take_due_snapshots(db: sqlite_utils.Database, now: dt.datetime | None = None) -> list[int]:
    """Snapshot every open poll whose snapshot is due (run by the server's timer); their ids."""
    now = now or clock.now()
    taken = []
    for poll in list_polls(db):
        if poll.phase(now) == "open" and snapshot_due(db, poll, now):
            take_snapshot(db, poll, now)
            taken.append(poll.id)
    return taken


def is_live(poll: Poll, now: dt.datetime | None = None) -> bool:
    """Votes may still come in: public figures must come from the snapshot."""
    return poll.phase(now) in ("open", "scheduled")


def public_ballot_count(db: sqlite_utils.Database, poll: Poll, now: dt.datetime | None = None) -> int:
    """The ballot count anyone may see: exact once closed, the snapshot's while votes come in."""
    return snapshot(db, poll).ballots if is_live(poll, now) else ballot_count(db, poll.id)


def public_head(db: sqlite_utils.Database, poll: Poll, now: dt.datetime | None = None) -> str:
    """The chain head anyone may see (it changes with every ballot, so it is batched too)."""
    return snapshot(db, poll).head if is_live(poll, now) else chain_head(db, poll.id)


def public_results(
    db: sqlite_utils.Database, poll: Poll, language: str = "ko", now: dt.datetime | None = None
) -> dict:
    """results() for anyone: exact once closed; while open, the snapshot's tally and no breakdowns.

    Breakdowns of an open poll are withheld until close: the difference of two breakdowns shows
    what the few new voters of a group chose, whatever the small-cell rule hides in each one."""
    if not is_live(poll, now):
        return results(db, poll, language)
    taken = snapshot(db, poll)
    return {
        "poll_id": poll.id,
        "options": [
            {
                "id": o.id,
                "label": o.label(language),
                "votes": taken.tally.get(o.id, 0),
                "percent": percent(taken.tally.get(o.id, 0), taken.ballots),
            }
            for o in poll.options
        ],
        "total": taken.ballots,
        "turnout": taken.ballots,
        "chain_head": taken.head,
        "breakdowns": {},
        "min_cell": SMALL_CELL,
        "snapshot_at": clock.iso(taken.taken_at) if taken.taken_at else None,
    }


def published_results(
    db: sqlite_utils.Database, poll: Poll, language: str, zone: ZoneInfo
) -> shapes.PollResults:
    """The results as the API publishes them (``public_results``, times in ``zone``, with the poll's
    phase). PollError ``results_hidden`` until they are published (at close, unless live)."""
    if not poll.results_visible():
        when = poll.closes_at.astimezone(zone).isoformat()
        raise PollError("results_hidden", f"The results of this poll are published when it closes ({when}).")
    found = public_results(db, poll, language)
    if found.get("snapshot_at"):  # stored in UTC; the API speaks the city's offset
        found["snapshot_at"] = clock.local_iso(found["snapshot_at"], zone)
    return shapes.PollResults.model_validate({**found, "status": poll.phase()})


def published_bulletin(db: sqlite_utils.Database, poll: Poll, zone: ZoneInfo) -> shapes.Bulletin:
    """The public bulletin (``bulletin_document``); PollError ``bulletin_at_close`` while the poll is
    live. Its order is the order of voting: published while open, it would pair a ballot with the
    moment someone was seen voting. So the bulletin is published at close."""
    if is_live(poll):
        when = poll.closes_at.astimezone(zone).isoformat()
        raise PollError("bulletin_at_close", f"The bulletin is published when the poll closes ({when}).")
    return shapes.Bulletin.model_validate(bulletin_document(db, poll))


def receipt_check(db: sqlite_utils.Database, poll: Poll, receipt: str) -> shapes.ReceiptCheck | None:
    """The ballot of ``poll`` with this (normalised) receipt, counted, beside the public chain head
    (a voter checks it against the bulletin); None when no ballot has that receipt."""
    ballot = find_ballot(db, poll.id, receipt)
    if ballot is None:
        return None
    return shapes.ReceiptCheck(
        poll_id=poll.id,
        receipt=ballot.receipt,
        counted=True,
        seq=ballot.seq,
        choices=list(ballot.choices),
        hash=ballot.hash,
        chain_head=public_head(db, poll),
    )


# -- verification ------------------------------------------------------------------------------
@dataclass
class Verification:
    poll_id: int
    ballots: int
    head: str
    problems: list[str]

    @property
    def ok(self) -> bool:
        return not self.problems


def verify_poll(db: sqlite_utils.Database, poll: Poll, actor: str = "") -> Verification:
    """Recompute the chain and the tally from the stored ballots; say exactly where they break.
    With an ``actor`` (an official asking, not an export) the check is written to the audit log."""
    problems: list[str] = []
    rows = db.execute(
        "SELECT seq, receipt, choices, hash FROM poll_ballots WHERE poll_id = ? ORDER BY seq", [poll.id]
    ).fetchall()
    previous_stored = previous_recomputed = genesis_hash(poll.id)
    expected_seq = 1
    counts: dict[int, int] = {}
    for seq, receipt, raw_choices, stored in rows:
        where = f"ballot #{seq} (receipt {receipt})"
        if seq != expected_seq:
            gap = f"#{expected_seq}" if seq - 1 == expected_seq else f"#{expected_seq}..#{seq - 1}"
            problems.append(f"ballot {gap} missing: the chain jumps from #{expected_seq - 1} to #{seq}")
        expected_seq = seq + 1
        choices = _ballot_choices(poll, raw_choices, where, problems)
        for choice in choices:
            counts[choice] = counts.get(choice, 0) + 1
        encoded = ballot_bytes(poll.id, seq, receipt, choices if choices is not None else [])
        if chain_step(previous_stored, encoded) != stored:
            problems.append(
                f"{where}: its hash does not match its contents and the previous hash "
                "(this ballot was altered, or one before it was removed)"
            )
        previous_recomputed = chain_step(previous_recomputed, encoded)
        previous_stored = stored
    if rows and previous_recomputed != previous_stored:
        problems.append(
            f"chain head: stored {previous_stored[:16]}…, recomputed from the first ballot "
            f"{previous_recomputed[:16]}…"
        )
    participants = participant_count(db, poll.id)
    if participants != len(rows):
        problems.append(f"turnout: {participants} people took part but there are {len(rows)} ballots")
    problems += _tally_problems(db, poll, counts, len(rows), previous_stored)
    if actor:
        officials.audit(db, actor, "poll.verify", str(poll.id), {"ok": not problems})
    return Verification(poll.id, len(rows), previous_stored, problems)


def _ballot_choices(poll: Poll, raw: str, where: str, problems: list[str]) -> list[int]:
    try:
        choices = json.loads(raw)
    except json.JSONDecodeError:
        problems.append(f"{where}: its choices are not readable ({raw[:40]!r})")
        return []
    if not isinstance(choices, list):
        problems.append(f"{where}: its choices are not a list")
        return []
    try:
        check_choices(poll, choices)
    except PollError as exc:
        problems.append(f"{where}: {exc.message}")
    return [c for c in choices if isinstance(c, int)]


def _tally_problems(
    db: sqlite_utils.Database, poll: Poll, counts: dict[int, int], ballots: int, head: str
) -> list[str]:
    problems = []
    if poll.final_tally is not None:
        published = {int(k): v for k, v in poll.final_tally.items()}
        for option in poll.options:
            then, now = published.get(option.id, 0), counts.get(option.id, 0)
            if then != now:
                problems.append(
                    f"tally: option {option.id} ({option.label_ko}) had {then} votes when the poll "
                    f"closed; the ballots now give {now}"
                )
        if poll.final_head is not None and poll.final_head != head:
            problems.append(
                f"chain head: {poll.final_head[:16]}… was published at close; the ballots now end at {head[:16]}…"
            )
    for dimension in poll.demographics:
        sums: dict[int, int] = {}
        for option_id, total in db.execute(
            """SELECT option_id, sum(count) FROM poll_demographics WHERE poll_id = ? AND dimension = ?
               GROUP BY option_id""",
            [poll.id, dimension],
        ).fetchall():
            sums[option_id] = total
        if sums.get(0, 0) != ballots:
            problems.append(
                f"{dimension} breakdown counts {sums.get(0, 0)} voters; there are {ballots} ballots"
            )
        for option in poll.options:
            if sums.get(option.id, 0) != counts.get(option.id, 0):
                problems.append(
                    f"{dimension} breakdown gives option {option.id} {sums.get(option.id, 0)} votes; "
                    f"the ballots give {counts.get(option.id, 0)}"
                )
    return problems


# -- presentation helpers shared by pages, API and exports ----------------------------------------
def public_page(
    db: sqlite_utils.Database, poll_id: int, language: str, receipt: str | None, zone: ZoneInfo
) -> dict | None:
    """What a poll's public page shows: the poll in ``language`` with its times in ``zone``, its
    results and their chart if they are visible yet, the public ballot count and chain head, whether
    the bulletin is published yet (``published_bulletin``: at close), and the ballot with
    ``receipt`` if asked (its choices as labels); a receipt of another published poll gives
    ``other_poll`` ({"id", "title"}) instead, as the chat's receipt check does (``find_receipt``).
    None for a draft or no poll."""
    poll = get_poll(db, poll_id)
    if poll is None or not poll.public:
        return None
    found = public_results(db, poll, language) if poll.results_visible() else None
    ballot = find_ballot(db, poll.id, receipt) if receipt else None
    chosen = map(poll.option, ballot.choices if ballot else ())
    other = _receipt_poll(db, receipt) if receipt and ballot is None else None
    return {
        **page_row(db, poll, zone, language),
        "poll": poll,
        "description": poll.description(language),
        "closes": show_time(poll.closes_at, zone, language),
        "closed": show_time(poll.closed_at, zone, language) if poll.closed_at else None,
        "results": found,
        "bars": chart_bars(found["options"]) if found else [],
        "head": public_head(db, poll),
        "ballot": ballot,
        "ballot_choices": ", ".join(o.label(language) for o in chosen if o),
        "other_poll": {"id": other.id, "title": other.title(language)} if other else None,
        "bulletin_public": not is_live(poll),
        "max_choices": poll.max_choices,
    }


def _receipt_poll(db: sqlite_utils.Database, receipt: str) -> Poll | None:
    """The published poll a receipt's ballot is in (receipts are unique across polls), or None."""
    ballot = find_receipt(db, receipt)
    poll = get_poll(db, ballot.poll_id) if ballot else None
    return poll if poll is not None and poll.public else None


_PHASE_ORDER = {"open": 0, "scheduled": 1, "closed": 2}


def page_rows(db: sqlite_utils.Database, zone: ZoneInfo, language: str) -> list[dict]:
    """The public list of polls: open first, then those not open yet, then the closed."""
    rows = [page_row(db, poll, zone, language) for poll in list_polls(db)]
    return sorted(rows, key=lambda r: _PHASE_ORDER.get(r["phase"], 3))


def page_row(db: sqlite_utils.Database, poll: Poll, zone: ZoneInfo, language: str) -> dict:
    """One poll as the public pages name it: title, phase and its label, times, public ballot count."""
    phase, key = poll.phase(), f"poll_pages.phase_{poll.phase()}"
    return {
        "id": poll.id,
        "title": poll.title(language),
        "phase": phase,
        "phase_label": t(key, language) if catalogue().has(key) else phase,
        "opens": show_time(poll.opens_at, zone, language),
        "closes": show_time(poll.closed_at or poll.closes_at, zone, language),
        "ballots": public_ballot_count(db, poll),
    }


def chart_bars(options: list[dict]) -> list[dict]:
    """Bar lengths for the results chart (0-100, the leading option full length), computed here:
    the pages run no script and the CSP allows no style= attribute, so SVG geometry carries them."""
    widest = max((o["percent"] for o in options), default=0.0) or 1.0
    return [{**o, "width": round(100.0 * o["percent"] / widest, 1)} for o in options]


def show_time(moment: dt.datetime, zone: ZoneInfo, language: str) -> str:
    """A time as people read it, in the city's zone: '2026년 12월 31일 18:00 (KST)'."""
    local = moment.astimezone(zone)
    return t(
        "polls.show_time",
        language,
        year=local.year,
        month=local.month,
        month_abbr=local.strftime("%b"),
        day=local.day,
        time=f"{local:%H:%M}",
        zone=local.tzname() or "",
    )


def poll_document(poll: Poll, zone: ZoneInfo, language: str, now: dt.datetime | None = None) -> dict:
    """The public description of a poll (the API's Poll object)."""
    return {
        "id": poll.id,
        "slug": poll.slug,
        "title": poll.title(language),
        "description": poll.description(language),
        "titles": {"ko": poll.title_ko, "en": poll.title_en},
        "options": [{"id": o.id, "label": o.label(language)} for o in poll.options],
        "max_choices": poll.max_choices,
        "opens_at": poll.opens_at.astimezone(zone).isoformat(),
        "closes_at": poll.closes_at.astimezone(zone).isoformat(),
        "closed_at": poll.closed_at.astimezone(zone).isoformat() if poll.closed_at else None,
        "status": poll.phase(now),
        "results": poll.results,
        "results_visible": poll.results_visible(now),
        "channels": list(poll.channels),
        "districts": list(poll.districts),
        "demographics": list(poll.demographics),
    }


def poll_shape(poll: Poll, zone: ZoneInfo, language: str) -> shapes.Poll:
    """``poll_document`` as the API serves it."""
    return shapes.Poll.model_validate(poll_document(poll, zone, language))


def public_summary(
    db: sqlite_utils.Database, poll: Poll, zone: ZoneInfo, language: str, head: bool = False
) -> shapes.Poll:
    """The poll as the API lists it: its description and the public ballot count, and with
    ``head`` the public chain head too (one poll's own document)."""
    extra = {"chain_head": public_head(db, poll)} if head else {}
    ballots = public_ballot_count(db, poll)
    return shapes.Poll.model_validate({**poll_document(poll, zone, language), "ballots": ballots, **extra})


def public_list(
    db: sqlite_utils.Database, zone: ZoneInfo, language: str, include_drafts: bool = False
) -> shapes.PollList:
    """Every published poll (and the drafts, for officials) as ``public_summary``, newest first."""
    found = list_polls(db, include_drafts)
    return shapes.PollList(polls=[public_summary(db, poll, zone, language) for poll in found])


def vote_receipt(ballot: Ballot, public_url: str) -> shapes.VoteReceipt:
    """What a voter keeps of their ballot: the receipt, its place in the chain, and where the
    results will be."""
    return shapes.VoteReceipt(
        poll_id=ballot.poll_id,
        receipt=ballot.receipt,
        seq=ballot.seq,
        chain_head=ballot.hash,
        results_url=results_url(public_url, ballot.poll_id),
    )


# -- exports (officials) -------------------------------------------------------------------------
def export_document(db: sqlite_utils.Database, poll: Poll, zone: ZoneInfo, language: str) -> dict:
    """Everything an official exports: the poll, aggregates, breakdowns, the chain head and a fresh
    verification. By construction there is no voter key, user id or receipt in it."""
    verification = verify_poll(db, poll)
    return {
        "poll": poll_document(poll, zone, language),
        "results": results(db, poll, language),
        "verification": {"ok": verification.ok, "problems": verification.problems},
        "exported_at": clock.local_iso(clock.now(), zone),
    }


def bulletin_document(db: sqlite_utils.Database, poll: Poll) -> dict:
    ballots = bulletin(db, poll.id)
    return {
        "poll_id": poll.id,
        "genesis": genesis_hash(poll.id),
        "ballots": [
            {"seq": b.seq, "receipt": b.receipt, "choices": list(b.choices), "hash": b.hash} for b in ballots
        ],
        "head": ballots[-1].hash if ballots else genesis_hash(poll.id),
    }


async def audited_export(
    database: Any, poll: Poll, part: str, fmt: str, zone: ZoneInfo, language: str, actor: str, detail: dict
) -> bytes:
    """``export_file`` on a reader, then the audit log's ``poll.export`` entry with who, when and
    the format (``detail`` adds to it): every export an official takes is on record.
    ``database`` is a civicbot.db.Database."""
    body = await database.execute_fn(lambda conn: export_file(conn, poll, part, fmt, zone, language))
    entry = {"format": fmt, **detail}
    await database.execute_write_fn(
        lambda conn: officials.audit(conn, actor, "poll.export", str(poll.id), entry)
    )
    return body


def export_file(
    db: sqlite_utils.Database, poll: Poll, part: str, fmt: str, zone: ZoneInfo, language: str
) -> bytes:
    """The bytes of an export: ``part`` "results" as csv, xlsx or json, or "bulletin" as csv or json."""
    if part == "bulletin":
        document = bulletin_document(db, poll)
        return bulletin_csv(document, poll, language) if fmt == "csv" else export_json(document)
    document = export_document(db, poll, zone, language)
    if fmt == "csv":
        return export_csv(document, language)
    return export_xlsx(document, language) if fmt == "xlsx" else export_json(document)


def _excel_time(value: str | None) -> dt.datetime | None:
    """An ISO time with offset (already in the city's zone) as the naive local time Excel stores:
    a real date cell that sorts and filters, not text."""
    return dt.datetime.fromisoformat(value).replace(tzinfo=None) if value else None


def _append(sheet, values: list) -> None:
    """A row of a results workbook: openpyxl makes a text starting with ``=`` a formula cell, so
    every value goes through ``spreadsheet.cell`` first (the same guard as the CSV)."""
    sheet.append(spreadsheet.row(values))


def _info_sheet(info, document: dict, language: str) -> None:
    """The facts of the export: status in the reader's language, the real close time, real dates."""
    poll, res = document["poll"], document["results"]
    verification = document["verification"]
    rows: list[tuple[str, object]] = [
        ("poll", f"#{poll['id']} {poll['title']}"),
        ("status", t("poll_export.phase_" + poll["status"], language)),
        ("opens_at", _excel_time(poll["opens_at"])),
        ("closes_at", _excel_time(poll["closes_at"])),
    ]
    if poll.get("closed_at"):
        rows.append(("closed_at", _excel_time(poll["closed_at"])))
    rows += [
        ("head", res["chain_head"]),
        ("verified", "OK" if verification["ok"] else "; ".join(verification["problems"])),
        ("exported_at", _excel_time(document["exported_at"])),
        ("time_zone", poll["opens_at"][-6:]),
    ]
    for key, value in rows:
        _append(info, [t(f"poll_export.{key}", language), value])
        if isinstance(value, dt.datetime):
            info.cell(row=info.max_row, column=2).number_format = "yyyy-mm-dd hh:mm:ss"
    info.column_dimensions["A"].width = 18
    info.column_dimensions["B"].width = 70


def result_rows(document: dict, language: str) -> list[list]:
    """One tidy table (Excel pivots it happily): every total and breakdown cell is a row."""
    res = document["results"]
    labels = {o["id"]: o["label"] for o in res["options"]}
    rows: list[list] = [
        [
            t(f"poll_export.{k}", language)
            for k in ("section", "group", "voters", "option_id", "option", "votes", "percent")
        ]
    ]
    for o in res["options"]:
        rows.append(
            [
                t("poll_export.total", language),
                "",
                res["total"],
                o["id"],
                o["label"],
                o["votes"],
                o["percent"],
            ]
        )
    for dimension, part in res["breakdowns"].items():
        for group in part["groups"]:
            for cell in group["options"]:
                votes = t("poll_export.hidden", language) if cell["votes"] is None else cell["votes"]
                share = "" if cell["percent"] is None else cell["percent"]
                rows.append(
                    [
                        t(f"poll_export.{dimension}", language),
                        group["label"],
                        group["voters"],
                        cell["id"],
                        labels[cell["id"]],
                        votes,
                        share,
                    ]
                )
        if part["suppressed_groups"]:
            rows.append(
                [
                    t(f"poll_export.{dimension}", language),
                    t("poll_export.suppressed_groups", language),
                    part["suppressed_groups"],
                    "",  # every row has the header's seven columns (spreadsheets and csv readers expect it)
                    "",
                    "",
                    "",
                ]
            )
    return rows


def _csv_bytes(rows: list[list]) -> bytes:
    """Rows as CSV for Excel; every cell through ``spreadsheet.cell``: an option a citizen's
    proposal brought in (``=HYPERLINK(...)``) is shown, never run."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(map(spreadsheet.row, rows))
    # The BOM is what makes Excel read the file as UTF-8 and show Korean correctly.
    return buffer.getvalue().encode("utf-8-sig")


def export_csv(document: dict, language: str) -> bytes:
    return _csv_bytes(result_rows(document, language))


def bulletin_csv(document: dict, poll: Poll, language: str) -> bytes:
    rows: list[list] = [
        [t(f"poll_export.{k}", language) for k in ("seq", "receipt", "choices", "option", "hash")]
    ]
    for ballot in document["ballots"]:
        names = " | ".join(poll.option(c).label(language) for c in ballot["choices"] if poll.option(c))
        rows.append(
            [ballot["seq"], ballot["receipt"], " ".join(map(str, ballot["choices"])), names, ballot["hash"]]
        )
    rows.append([t("poll_export.head", language), "", "", "", document["head"]])
    return _csv_bytes(rows)


def export_json(document: dict) -> bytes:
    return json.dumps(document, ensure_ascii=False, indent=2).encode()


def export_xlsx(document: dict, language: str) -> bytes:
    """A workbook officials open in Excel: results with a bar chart, the breakdowns, and the facts."""
    from openpyxl import Workbook
    from openpyxl.chart import BarChart, Reference

    book = Workbook()
    sheet = book.active
    sheet.title = t("poll_export.results_sheet", language)
    res = document["results"]
    _append(sheet, [t(f"poll_export.{k}", language) for k in ("option_id", "option", "votes", "percent")])
    for o in res["options"]:
        _append(sheet, [o["id"], o["label"], o["votes"], o["percent"]])
    sheet.append([])
    _append(sheet, [t("poll_export.voters", language), "", res["total"]])
    sheet.column_dimensions["B"].width = 40
    chart = BarChart()
    chart.type = "bar"
    chart.title = document["poll"]["title"]
    chart.y_axis.title = t("poll_export.votes", language)
    count = len(res["options"])
    chart.add_data(Reference(sheet, min_col=3, min_row=1, max_row=count + 1), titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=2, min_row=2, max_row=count + 1))
    chart.legend = None
    sheet.add_chart(chart, "F2")
    for dimension in res["breakdowns"]:
        table = book.create_sheet(t(f"poll_export.{dimension}", language))
        rows = [r for r in result_rows(document, language) if r[0] == t(f"poll_export.{dimension}", language)]
        _append(
            table,
            [
                t(f"poll_export.{k}", language)
                for k in ("group", "voters", "option_id", "option", "votes", "percent")
            ],
        )
        for row in rows:
            _append(table, row[1:])
    _info_sheet(book.create_sheet(t("poll_export.info_sheet", language)), document, language)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
