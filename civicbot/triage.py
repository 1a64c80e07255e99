"""What officials do to a report beyond its status: reassign it, moderate it, answer from templates.

Response templates are content (``services/responses.yaml``), in Korean and English, so the wording
citizens read is edited by staff, not programmers. Moderation itself (hide, edit, hide photo) is
civicbot.voicemap's; the console calls it directly.

Nothing here imports aiohttp.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import sqlite_utils
from pydantic import BaseModel

from civicbot import clock, i18n, privacy, spreadsheet, voicemap
from civicbot.categories import Catalogue
from civicbot.clock import day_bound
from civicbot.content import ContentError, ContentFileError, load_yaml
from civicbot.db import Migration
from civicbot.errors import ComplaintError, TriageError
from civicbot.geo import place_label
from civicbot.i18n import t
from civicbot.officials import audit

RESPONSES_FILE = "responses.yaml"
MAX_REASON = 500


def _create(db: sqlite_utils.Database) -> None:
    # A report's agency is its category's, unless an official sends it elsewhere.
    db.execute(
        """CREATE TABLE complaint_agency (
            complaint_id INTEGER PRIMARY KEY REFERENCES complaints (id) ON DELETE CASCADE,
            agency_ko TEXT NOT NULL,
            agency_en TEXT NOT NULL,
            at TEXT NOT NULL,
            actor TEXT NOT NULL
        )"""
    )


MIGRATIONS: list[Migration] = [("triage_001_agency", _create)]


# -- response templates ---------------------------------------------------------------------
@dataclass(frozen=True)
class Response:
    code: str
    statuses: tuple[str, ...]  # which status changes it suits
    title: dict[str, str]
    text: dict[str, str]

    def label(self, language: str) -> str:
        return self.title.get(language) or self.title["ko"]


def note_or_response(note: str, code: str, responses: list[Response], language: str) -> str:
    """A status note as an official wrote it, on one line; left empty, the text of the response
    template ``code`` (if one is chosen) in the reporter's ``language``."""
    note = " ".join(note.split())
    chosen = next((r for r in responses if r.code == code), None)
    return note if note or chosen is None else chosen.text.get(language) or chosen.text["ko"]


def load_responses(services_dir: Path) -> list[Response]:
    """The response templates; a missing file is no templates, a broken one a ContentFileError."""
    path = services_dir / RESPONSES_FILE
    if not path.is_file():
        return []
    name = path.as_posix()
    data = load_yaml(path.read_text(encoding="utf-8"), name)
    items = data.get("responses") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise ContentFileError(ContentError(name, 1, "the file must have 'responses': a list"))
    out: list[Response] = []
    for index, item in enumerate(items):
        out.append(_response(item, index, name))
    return out


def _response(item: object, index: int, name: str) -> Response:
    def fail(reason: str) -> ContentFileError:
        return ContentFileError(ContentError(name, 1, f"responses[{index}]: {reason}"))

    if not isinstance(item, dict):
        raise fail("each response is a mapping with code, statuses, title and text")
    code, statuses = item.get("code"), item.get("statuses", [])
    if not isinstance(code, str) or not code:
        raise fail("'code' is required")
    if not isinstance(statuses, list) or not set(statuses) <= set(voicemap.STATUSES):
        raise fail(f"'statuses' must be a list of {', '.join(voicemap.STATUSES)}")
    texts = []
    for key in ("title", "text"):
        value = item.get(key)
        if not isinstance(value, dict) or not all(isinstance(value.get(lang), str) for lang in ("ko", "en")):
            raise fail(f"'{key}' needs both ko and en")
        texts.append({lang: " ".join(value[lang].split()) for lang in ("ko", "en")})
    return Response(code, tuple(statuses), texts[0], texts[1])


# -- reassigning ----------------------------------------------------------------------------
def reassign(
    conn: sqlite_utils.Database,
    public_id: str,
    category: str,
    agency: dict[str, str] | None,
    reason: str,
    actor: str,
    catalogue: Catalogue,
) -> dict:
    """Move a report to another category and/or agency; logged with the reason."""
    row = conn.execute("SELECT id, category FROM complaints WHERE public_id = ?", [public_id]).fetchone()
    if row is None:
        raise TriageError("not_found", f"There is no report {public_id}.")
    complaint_id, old = row
    if catalogue.get(category) is None:
        raise TriageError("invalid_category", f"There is no category {category!r}.")
    reason = _reason(reason)
    moment = clock.iso(clock.now())
    if category != old:
        conn.execute(
            "UPDATE complaints SET category = ?, updated_at = ? WHERE id = ?",
            [category, moment, complaint_id],
        )
    if agency and (agency.get("ko") or agency.get("en")):
        ko, en = (agency.get("ko") or agency.get("en") or "").strip(), (agency.get("en") or "").strip()
        conn.execute(
            """INSERT INTO complaint_agency (complaint_id, agency_ko, agency_en, at, actor) VALUES (?, ?, ?, ?, ?)
               ON CONFLICT (complaint_id) DO UPDATE SET agency_ko = excluded.agency_ko,
               agency_en = excluded.agency_en, at = excluded.at, actor = excluded.actor""",
            [complaint_id, ko[:200], (en or ko)[:200], moment, actor],
        )
    detail = {"from": old, "to": category, "agency": agency or {}, "reason": reason}
    audit(conn, actor, "complaint.reassign", public_id, detail)
    return detail


def agency_of(conn: sqlite_utils.Database, public_id: str, catalogue: Catalogue) -> dict[str, str]:
    """Who handles the report: an official's reassignment, else its category's agency."""
    row = conn.execute(
        """SELECT a.agency_ko, a.agency_en FROM complaint_agency a JOIN complaints c ON c.id = a.complaint_id
           WHERE c.public_id = ?""",
        [public_id],
    ).fetchone()
    if row:
        return {"ko": row[0], "en": row[1]}
    found = conn.execute("SELECT category FROM complaints WHERE public_id = ?", [public_id]).fetchone()
    category = catalogue.get(found[0]) if found else None
    return dict(category.agency) if category else {"ko": "", "en": ""}


def _reason(reason: str) -> str:
    reason = " ".join(reason.split())
    if not reason:
        raise TriageError("reason_required", "Say why (it goes to the audit log).")
    if len(reason) > MAX_REASON:
        raise TriageError("reason_too_long", f"The reason is longer than {MAX_REASON} characters.")
    return reason


def review_queue(conn: sqlite_utils.Database, limit: int = 50) -> list[voicemap.ReviewItem]:
    """Reports held for an official (names, abuse, pre-moderation, citizens' flags), oldest first."""
    return voicemap.list_review_queue(conn, limit=limit)


class OfficialComplaints(BaseModel):
    total: int
    offset: int
    complaints: list[voicemap.OfficialComplaint]


def official_page(
    conn: sqlite_utils.Database, filters: voicemap.Filters, limit: int, offset: int, actor: str
) -> OfficialComplaints:
    """A page of reports with their private details and how many match; the look is audited
    (``complaint.list_private``)."""
    rows = voicemap.official_list(conn, filters, limit, offset)
    audit(conn, actor, "complaint.list_private", "", {"count": len(rows), "offset": offset})
    return OfficialComplaints(total=voicemap.count(conn, filters), offset=offset, complaints=rows)


class ReviewQueue(BaseModel):
    offset: int
    complaints: list[voicemap.ReviewItem]


def review_page(conn: sqlite_utils.Database, limit: int, offset: int, actor: str) -> ReviewQueue:
    """A page of voicemap.list_review_queue, audited (``complaint.review_queue``)."""
    rows = voicemap.list_review_queue(conn, limit, offset)
    audit(conn, actor, "complaint.review_queue", "", {"count": len(rows)})
    return ReviewQueue(offset=offset, complaints=rows)


def overdue_filters(days: int, now: dt.datetime | None = None) -> voicemap.Filters:
    """Open reports older than ``days`` (CIVICBOT_OVERDUE_DAYS)."""
    moment = (now or clock.now()) - dt.timedelta(days=days)
    return voicemap.Filters(statuses=voicemap.OPEN_STATUSES, until=clock.iso(moment))


# -- export ---------------------------------------------------------------------------------
_DATE_COLUMNS = ("created_at", "updated_at")
_NUMBER_COLUMNS = ("lat", "lon", "supports")
_WORDED_COLUMNS = {"published": "published_", "place_precision": "point_"}  # column -> its words' prefix


def export(
    conn: sqlite_utils.Database,
    filters: voicemap.Filters,
    catalogue: Catalogue,
    tz,
    fmt: str = "csv",
    language: str = "ko",
    worded: bool = False,
) -> bytes:
    """The reports ``filters`` match as ``csv`` (UTF-8 with a BOM, voicemap.export_csv) or ``xlsx``
    (export_xlsx); times in the city's zone ``tz``. ``worded`` (the console): the header and the
    published/precision columns in ``language`` (``triage.column_*``), else codes (scripts)."""
    header, shown = export_words(language) if worded else (voicemap.CSV_COLUMNS, None)
    if fmt == "csv":
        return voicemap.export_csv(conn, filters, catalogue, tz, header, shown).encode("utf-8")
    return export_xlsx(conn, filters, catalogue, tz, language, header, shown)


def export_words(language: str) -> tuple[list[str], Callable[[str, object], object]]:
    """The export's header in ``language`` and how it shows a published/precision code in words."""
    header = [t(f"triage.column_{name}", language) for name in voicemap.CSV_COLUMNS]

    def shown(column: str, value: object) -> object:
        prefix = _WORDED_COLUMNS.get(column)
        if prefix is None:
            return value
        return t(f"admin.{prefix}{value or 'unknown'}", language)

    return header, shown


def export_xlsx(
    conn: sqlite_utils.Database,
    filters: voicemap.Filters,
    catalogue: Catalogue,
    tz: str,
    language: str,
    header: Sequence[str] = voicemap.CSV_COLUMNS,
    shown: Callable[[str, object], object] | None = None,
) -> bytes:
    """The same rows and columns as voicemap.export_csv, as a workbook with real Excel dates."""
    import csv
    import io

    from openpyxl import Workbook

    text = voicemap.export_csv(conn, filters, catalogue, tz, header, shown)
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    book = Workbook()
    sheet = book.active
    sheet.title = t("triage.sheet_title", language)
    # The rows come from export_csv, already through spreadsheet.cell (it changes nothing twice);
    # cell by cell again here so no text of this workbook can become a formula cell in openpyxl.
    sheet.append(spreadsheet.row(rows[0] if rows else header))
    columns = voicemap.CSV_COLUMNS
    dates = [columns.index(name) for name in _DATE_COLUMNS]
    numbers = [columns.index(name) for name in _NUMBER_COLUMNS]
    for row in rows[1:]:
        cells: list[object] = list(row)
        for i in dates:
            # Excel has no time zones: the city's local time, as a real date the sheet can sort.
            cells[i] = dt.datetime.fromisoformat(row[i]).replace(tzinfo=None) if row[i] else None
        for i in numbers:
            cells[i] = float(row[i]) if row[i] else None
        sheet.append(spreadsheet.row(cells))
    for i in dates:
        for (cell,) in sheet.iter_rows(min_row=2, min_col=i + 1, max_col=i + 1):
            cell.number_format = "yyyy-mm-dd hh:mm"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# -- the console's queue and a report's file ---------------------------------------------------------
def matching(
    conn: sqlite_utils.Database, filters: voicemap.Filters, limit: int, offset: int
) -> tuple[list[voicemap.PublicComplaint], int]:
    """A page of the queue (newest first) and how many match: the export's rows, in its order."""
    rows, _ = voicemap.search(conn, filters, limit, offset)
    return rows, voicemap.count(conn, filters)


NEARBY_METRES = voicemap.DUPLICATE_METRES  # the originals a duplicate may point to (voicemap checks it)


def report_file(
    conn: sqlite_utils.Database,
    public_id: str,
    catalogue: Catalogue | None,
    private: bool,
    language: str = "ko",
    zone: ZoneInfo | str = "UTC",
) -> dict | None:
    """What the console shows of one report in ``language``: ``c`` (public record), ``history``
    (times to the minute in ``zone``, status labels), ``agency`` (who handles it) and
    ``category_agency``, the ``next_statuses`` (code, label) and, for officials (``private``), the
    private details, open reports nearby and whether a photo is kept (``stored_photo``, even a
    hidden one). None when there is no such report."""
    found = voicemap.get_public(conn, public_id)
    if found is None:
        return None
    # The console shows every report, held, hidden and rejected ones too (their moderation buttons).
    entry = voicemap.official_list(conn, voicemap.Filters(public_ids=(public_id,), public_only=False), 1)[0]
    details = entry.private.model_dump() if private and entry.private else None
    lat, lon = (details["exact_lat"], details["exact_lon"]) if details else (found.lat, found.lon)
    nearby = []
    if private:
        nearby = [
            n
            for n in voicemap.nearby_open(conn, found.category, lat, lon, NEARBY_METRES, 8)
            if n.public_id != public_id
        ]
    category = catalogue.get(found.category) if catalogue else None
    agency = agency_of(conn, public_id, catalogue) if catalogue else {"ko": "", "en": ""}
    return {
        "c": found,
        "private": details,
        "history": [
            {
                **h,
                "at": clock.local_minutes(h["at"], zone),
                "label": voicemap.status_label(h["status"], language),
            }
            for h in entry.history
        ],
        "nearby": nearby,
        "agency": agency.get(language) or agency.get("ko", ""),
        "category_agency": (category.agency.get(language) or category.agency.get("ko", ""))
        if category
        else "",
        "next_statuses": [
            (s, voicemap.status_label(s, language)) for s in sorted(voicemap.TRANSITIONS[found.status])
        ],
        "stored_photo": private and voicemap.photo(conn, public_id) is not None,
    }


def status_preview(
    conn: sqlite_utils.Database,
    public_id: str,
    status: str,
    note: str,
    duplicate_of: str | None,
    catalogue: Catalogue,
    language: str,
    senders: Iterable[str] | None = None,
) -> tuple[voicemap.StatusRequest, str, str, voicemap.NoticeRoutes]:
    """What sending a status change would do, changing nothing: the checked change, its public
    note (masked, as it will be sent), the reporter's message in ``language`` and where it would
    go on this server (``voicemap.notice_routes`` with ``senders``).
    ComplaintError as voicemap.check_status_change."""
    checked = voicemap.check_status_change(conn, public_id, status, note, duplicate_of)
    public_note = privacy.mask_pii(checked.note).text
    message = voicemap.status_message(
        public_id, checked.category, checked.new, public_note, checked.duplicate_of, catalogue, language
    )
    routes = voicemap.notice_routes(conn, checked.complaint_id, senders)
    # Each sender puts the status page's link after the message's last line ("처리 기록 보기:");
    # the preview shows where it leads instead of a line that ends in nothing.
    return checked, public_note, f"{message} /complaints/{public_id}", routes


NOT_SENT = (
    voicemap.PURGED,
    voicemap.NO_WAY_BACK,
    voicemap.TEXT_ONLY,
    voicemap.CHANNEL_OFF,
    voicemap.EMAIL_OFF,
)


def notice_words(routes: voicemap.NoticeRoutes, language: str) -> dict[str, object]:
    """A status notice's routes as the console says them in ``language``: ``channels`` (where it
    is queued: "웹 채팅, 이메일") and ``unsent`` (a sentence for each reason it goes nowhere else)."""
    return {
        "channels": ", ".join(channel_name(c, language) for c in routes.queued),
        "unsent": unsent_words(routes.unsent, language),
    }


def channel_name(channel: str, language: str) -> str:
    """An outbox channel as officials know it ("웹 채팅", "e-mail"); an unknown one by its code."""
    key = f"admin.notice_channel_{channel}"
    return t(key, language) if i18n.catalogue().has(key) else channel


def unsent_words(reasons: Iterable[str], language: str) -> list[str]:
    """A sentence for each reason a notice was not sent (``NOT_SENT``; others are left out)."""
    return [t(f"admin.not_sent_{reason}", language) for reason in reasons if reason in NOT_SENT]


def status_done(routes: voicemap.NoticeRoutes) -> tuple[str, str]:
    """The console's notice after a status change: its code (``admin.done_<code>``: the notice was
    queued, partly queued or not sent — never "sent" when nothing was queued) and the reasons it
    went nowhere else (``why``, comma-separated)."""
    if not routes.queued:
        return "status_unsent", ",".join(routes.unsent)
    return ("status_partly" if routes.unsent else "status_queued"), ",".join(routes.unsent)


def status_inputs(form: Mapping[str, object], responses: list[Response], language: str) -> dict[str, str]:
    """The console's status form as sent: ``status``, ``response`` (a template's code),
    ``duplicate_of`` (upper case) and ``note``, the chosen template's text in the reporter's
    ``language`` when the note was left empty (``note_or_response``)."""
    values = {key: str(form.get(key, "")) for key in ("status", "response", "duplicate_of")}
    note = note_or_response(str(form.get("note", "")), values["response"], responses, language)
    return {**values, "note": note, "duplicate_of": values["duplicate_of"].strip().upper()}


_STATUS_FIELDS = {  # voicemap's refusal -> (the form's field, the console's message)
    "note_too_long": ("note", "err_note_long"),
    "missing_duplicate_of": ("duplicate_of", "err_duplicate_of"),
    "invalid_duplicate_of": ("duplicate_of", "err_duplicate_of"),
    "duplicate_not_public": ("duplicate_of", "err_duplicate_not_public"),
    "duplicate_other_category": ("duplicate_of", "err_duplicate_category"),
    "duplicate_too_far": ("duplicate_of", "err_duplicate_far"),
}


def status_refusal(error: ComplaintError, language: str) -> dict[str, str]:
    """A refused status change as the console's form shows it: {field: message in ``language``}."""
    field, key = _STATUS_FIELDS.get(error.code, ("status", "err_status"))
    return {field: t("admin." + key, language, n=voicemap.MAX_NOTE_CHARS, m=int(voicemap.DUPLICATE_METRES))}


async def audited_export(
    database: Any, filters: voicemap.Filters, catalogue: Catalogue, tz, actor: str, detail: dict, **how: Any
) -> bytes:
    """``export`` (``how``: fmt, language, worded) read on a reader of ``database`` (a
    civicbot.db.Database), then its audit entry (``complaint.export`` by ``actor``, with ``detail``)
    written: the API and the console both export this way."""
    body = await database.execute_fn(lambda conn: export(conn, filters, catalogue, tz, **how))
    await database.execute_write_fn(lambda conn: audit(conn, actor, "complaint.export", "", detail))
    return body


NEEDS_REVIEW = "needs_review"  # the console's pseudo-status: the review queue


def queue_filters(
    query, catalogue: Catalogue | None, districts: dict[str, str], tz
) -> tuple[dict, voicemap.Filters]:
    """The console queue's form (``status``, ``category``, ``district``, ``since``, ``until``) as
    the choices it shows (an unknown value is shown as not chosen) and as filters: the list, its
    map and its exports all read these, so each export is exactly the list. ``needs_review`` is
    the reports held for review (visibility ``pending_review``), whatever their status. Dates are
    local days in ``tz``."""
    chosen = {key: query.get(key, "").strip() for key in ("status", "category", "district", "since", "until")}
    status = chosen["status"]
    try:
        statuses = voicemap.expand_states([status]) if status and status != NEEDS_REVIEW else ()
    except ValueError:
        statuses, chosen["status"] = (), ""
    if chosen["category"] and not (catalogue and catalogue.get(chosen["category"])):
        chosen["category"] = ""
    if chosen["district"] and chosen["district"] not in districts:
        chosen["district"] = ""
    filters = voicemap.Filters(
        categories=(chosen["category"],) if chosen["category"] else (),
        statuses=statuses,
        since=day_bound(chosen["since"], False, tz) if chosen["since"] else None,
        until=day_bound(chosen["until"], True, tz) if chosen["until"] else None,
        districts=(chosen["district"],) if chosen["district"] else (),
        # Officials' lists: "전체" is every report, held for review or taken off the map too
        # (the probe found held reports only under "검토 필요", and missing from the export).
        public_only=False,
        # "검토 필요" was a separate query (the review queue) that its exports did not share: they
        # were empty (newcomer probe, twentieth pass). It is one more filter now.
        visibilities=(voicemap.PENDING_REVIEW,) if status == NEEDS_REVIEW else (),
    )
    return chosen, filters


# -- the console's lists --------------------------------------------------------------------------
def console_row(c: voicemap.PublicComplaint, catalogue: Catalogue | None, lang: str, zone: ZoneInfo) -> dict:
    """A report as a row of the console's queue (and the head of its page): the record ``c``, its
    category's and status's names in ``lang``, its local time and a preview of its text."""
    category = catalogue.get(c.category) if catalogue else None
    return {
        "c": c,
        "category": category.label(lang) if category else c.category,
        "status": voicemap.status_label(c.status, lang),
        # In the page's language: the English console showed 강남구 역삼동 (newcomer probe, eighteenth pass).
        "district": place_label(c.district_code, c.district, None, lang),
        "place": place_label(c.district_code, c.district, c.dong, lang),
        "created": clock.local_minutes(c.created_at, zone),
        "preview": voicemap.preview(c.description, 120),
        # How exact its point is, in words: "정확한 위치", or "구 중심(추정)" for an address the
        # server could place only at its 구 (newcomer probe, twentieth pass: it said "정확한 위치").
        "point_label": t(f"admin.point_{c.place_precision or 'unknown'}", lang),
    }


def category_choices(catalogue: Catalogue | None, lang: str) -> list[tuple[str, str]]:
    """(code, name in ``lang``) of every category, for a form's choices (none when broken)."""
    return [(c.code, c.label(lang)) for c in (catalogue.categories if catalogue else ())]


def status_choices(lang: str) -> list[tuple[str, str]]:
    """(status, name in ``lang``) of every workflow status, in workflow order."""
    return [(s, voicemap.status_label(s, lang)) for s in voicemap.STATUSES]


def district_choices(places, lang: str) -> list[tuple[str, str]]:
    """(code, name in ``lang``) of the city's districts (``places.districts``), sorted by name."""
    names = ((d.code, d.name(lang)) for d in places.districts.values())
    return sorted(names, key=lambda pair: pair[1])


def take_action(
    conn: sqlite_utils.Database,
    action: str,
    public_id: str,
    actor: str,
    form: dict[str, str],
    catalogue: Catalogue | None,
) -> object:
    """The console's action on a report: a take-back (``voicemap.moderate``: text, photo, hide,
    approve) or ``reassign``, with the ``form``'s reason (and text, category, agency_ko/agency_en).
    TriageError / ComplaintError as those say."""
    reason = form.get("reason", "")
    if action != "reassign":
        return voicemap.moderate(conn, action, public_id, actor, reason, form.get("text", ""))
    assert catalogue is not None
    agency = {"ko": form.get("agency_ko", ""), "en": form.get("agency_en", "")}
    return reassign(conn, public_id, form.get("category", ""), agency, reason, actor, catalogue)
