"""Open311 GeoReport v2 as data: services, service requests, the spec's filters and its XML.

The HTTP side (``civicbot.web.open311``) parses, calls these and renders; what the spec says a
service or a request looks like, how its date filters work and what its XML is, lives here.
Rules follow GeoReport_v2/index.md (open311.org). Refusals are ``DomainError`` (``not_found`` is
the spec's 404, anything else its 400).
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, Field, RootModel

from civicbot import clock, voicemap
from civicbot.categories import CATEGORIES_FILE, Catalogue, Category
from civicbot.errors import DomainError
from civicbot.i18n import t
from civicbot.shapes import (
    MOMENT_TEXT,
    LangQuery,
    Request,
    absent,
    absent_fields,
    is_moment,
    pattern_text,
    query_text,
)
from civicbot.text import xml_safe

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
MAX_RESULTS = 1000  # the spec's default query limit
MAX_SPAN = dt.timedelta(days=90)
# Passed on to the officials' private record with the report (Open311 has no way back to the reporter).
CONTACT_FIELDS = ("email", "phone", "first_name", "last_name", "device_id", "account_id", "media_url")
# XML children of a list are named after their parent, as in the spec's examples.
_ITEM_NAMES = {
    "services": "service",
    "service_requests": "request",
    "errors": "error",
    "endpoints": "endpoint",
    "formats": "format",
    "attributes": "attribute",
    "values": "value",
}


# -- the spec's requests ----------------------------------------------------------------------
class Open311Query(LangQuery):
    jurisdiction_id: str = absent(
        description="Optional; this endpoint serves one jurisdiction (e.g. seoul.go.kr)"
    )


_W3Date = query_text(
    is_moment, "invalid_date", "{name} must be a w3 date-time, e.g. 2010-01-01T00:00:00Z.", MOMENT_TEXT
)
_OpenClosed = pattern_text(
    r"^$|^(?:open|closed)(?:,(?:open|closed))*$",
    "invalid_status",
    "status must be open or closed (comma delimited).",
)


class Open311RequestsQuery(Open311Query):
    service_request_id: str = Field("", description="Comma-separated ids; overrides every other argument")
    service_code: str = Field("", description="Comma-separated service codes")
    start_date: _W3Date = Field("", description="w3 date-time, e.g. 2010-01-01T00:00:00Z")
    end_date: _W3Date = Field(
        "",
        description="w3 date-time. The span from start_date may not exceed 90 days and end_date may not be "
        "before start_date (both answered with 400, as the GeoReport v2 spec says)",
    )
    status: _OpenClosed = Field(description="open, closed (comma-separated)")

    def filters(self, tz: ZoneInfo) -> voicemap.Filters:
        """The arguments as filters, dates read in the city's zone ``tz``.

        ``service_request_id`` overrides all other arguments; without dates the last 90 days; the
        span is at most 90 days (DomainError ``invalid_dates``, the spec's 400); a lone date whose
        90-day default span leaves years 1 to 9999 is DomainError ``invalid_date`` naming it."""
        if _split(self.service_request_id):
            return voicemap.Filters(public_ids=tuple(i.upper() for i in _split(self.service_request_id)))
        start = clock.parse_moment(self.start_date, tz) if self.start_date else None
        end = clock.parse_moment(self.end_date, tz) if self.end_date else None
        if start is None and end is None:
            end = clock.now()
        try:
            if start is None:
                start = end - MAX_SPAN
            elif end is None:
                end = start + MAX_SPAN
        except OverflowError:
            # The default span from a date at the calendar's ends (0001-01-01, 9999-12-31, or an
            # offset pushing past them: parse_moment keeps those at datetime.min/max) runs past
            # what datetime holds: the client's date, a 400 naming it, not a traceback (probe #24.1).
            name = "end_date" if start is None else "start_date"
            raise DomainError(
                "invalid_date", f"{name} is too close to the ends of the calendar (years 1 to 9999)."
            ) from None
        if end < start:
            raise DomainError("invalid_dates", "end_date is before start_date.")
        if end - start > MAX_SPAN:
            raise DomainError("invalid_dates", "start_date and end_date may not span more than 90 days.")
        return voicemap.Filters(
            categories=_split(self.service_code),
            statuses=voicemap.expand_states(_split(self.status)),
            since=clock.iso(start),
            until=clock.iso(end),
        )


_OPEN311_FIELDS = (
    "api_key jurisdiction_id service_code lat long address_string email device_id account_id first_name "
    "last_name phone description media_url"
)
_NUMBER_TEXT, _DESCRIPTION = {"type": "number"}, {"type": "string", "maxLength": 4000}


class Open311Form(
    absent_fields(Request, _OPEN311_FIELDS, lat=_NUMBER_TEXT, long=_NUMBER_TEXT, description=_DESCRIPTION)
):
    """The spec's POST fields (application/x-www-form-urlencoded); ``attribute[...]`` is ignored."""

    model_config = ConfigDict(json_schema_extra={"required": ["api_key", "service_code"]})


# -- the spec's shapes (bare arrays as root models) ------------------------------------------
class Open311Error(BaseModel):
    code: int
    description: str


class Open311Errors(RootModel[list[Open311Error]]):
    """The spec's errors: a bare array (XML: <errors><error><code/><description/></error></errors>)."""


class Open311Endpoint(BaseModel):
    specification: str
    url: str
    changeset: str
    type: Literal["production", "test"]
    formats: list[str]


class Open311Discovery(BaseModel):
    changeset: str
    contact: str
    key_service: str
    endpoints: list[Open311Endpoint]


class Open311Service(BaseModel):
    service_code: str
    service_name: str
    description: str
    metadata: bool
    type: Literal["realtime", "batch", "blackbox"]
    keywords: str
    group: str


class Open311Services(RootModel[list[Open311Service]]):
    pass


class Open311ServiceDefinition(BaseModel):
    service_code: str
    attributes: list[dict[str, Any]] = Field(description="Always empty: no service has metadata")


class Open311Request(BaseModel):
    service_request_id: str
    status: Literal["open", "closed"]
    status_notes: str | None
    service_name: str
    service_code: str
    description: str | None
    agency_responsible: str | None
    service_notice: str | None = None
    requested_datetime: str
    updated_datetime: str
    expected_datetime: str | None = None
    address: str
    address_id: str | None = None
    zipcode: str | None = None
    lat: float
    long: float
    media_url: str | None = None  # photos are shown to officials only: they may show people or plates
    # Not in GeoReport v2 (clients ignore fields they do not know): whether lat/long is where the
    # reporter pointed or only the centre of a 동 or 구 (voicemap.PublicComplaint.place_precision).
    place_precision: Literal["point", "dong", "district"] | None = None


class Open311Requests(RootModel[list[Open311Request]]):
    pass


class Open311Created(BaseModel):
    service_request_id: str
    service_notice: str
    account_id: str | None


class Open311CreatedList(RootModel[list[Open311Created]]):
    pass


class Open311Token(BaseModel):
    service_request_id: str
    token: str


class Open311Tokens(RootModel[list[Open311Token]]):
    pass


def _xml_value(parent: ET.Element, name: str, value: object) -> None:
    node = ET.SubElement(parent, name)
    if isinstance(value, dict):
        for key, inner in value.items():
            _xml_value(node, key, inner)
    elif isinstance(value, list):
        for inner in value:
            _xml_value(node, _ITEM_NAMES.get(name, "item"), inner)
    elif isinstance(value, bool):
        node.text = "true" if value else "false"
    elif value is not None:
        node.text = xml_safe(str(value))  # the second line of defence after clean() at the entry


def to_xml(root: str, value: object) -> str:
    """The spec's XML: a declaration with encoding, no namespace; lists become repeated children."""
    document = ET.Element(root)
    if isinstance(value, list):
        for item in value:
            _xml_value(document, _ITEM_NAMES[root], item)
    else:
        for key, inner in value.items():  # type: ignore[union-attr]
            _xml_value(document, key, inner)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(document, encoding="unicode")


def changeset(services_dir: Path) -> str:
    """When the service list last changed (the categories file's time), as the spec writes it."""
    try:
        mtime = (services_dir / CATEGORIES_FILE).stat().st_mtime
    except OSError:
        return "1970-01-01 00:00"
    return dt.datetime.fromtimestamp(mtime, dt.UTC).strftime("%Y-%m-%d %H:%M")


def discovery(url: str, services_dir: Path, city_name_en: str, home: str) -> Open311Discovery:
    """The spec's discovery of the one endpoint at ``url`` (``home`` is the server's own address)."""
    when = changeset(services_dir)
    endpoint = Open311Endpoint(
        specification=SPECIFICATION,
        url=url,
        changeset=when,
        type="production",
        formats=["text/xml", "application/json"],
    )
    return Open311Discovery(
        changeset=when,
        contact=f"{city_name_en} CivicBot: {home}/ (call 120 for the Dasan Call Center)",
        key_service="An api_key for POST requests is issued by the city: "
        "`civicbot complaints api-key create <application name>`.",
        endpoints=[endpoint],
    )


def service(category: Category, language: str) -> Open311Service:
    """A complaint category as a realtime service without metadata."""
    keywords = category.keywords.get(language) or category.keywords.get("ko") or []
    return Open311Service(
        service_code=category.code,
        service_name=category.label(language),
        description=category.description.get(language) or category.description["ko"],
        metadata=False,
        type="realtime",
        keywords=", ".join(keywords),
        group=category.group.get(language) or category.group["ko"],
    )


def request_record(
    c: voicemap.PublicComplaint, catalogue: Catalogue, language: str, tz: ZoneInfo, places, city_en: str = ""
) -> Open311Request:
    """A public report as the spec's service request: workflow statuses as open/closed, the
    address as 동, 구, city (``city_en`` in English), no photo (they may show people or plates)."""
    category = catalogue.get(c.category)
    district = places.districts.get(c.district_code)
    district_name = (district.name_en if district else c.district) if language == "en" else c.district
    city = city_en if language == "en" and city_en else places.sido
    address = ", ".join(part for part in (c.dong, district_name, city) if part)
    notes = c.status_note
    if c.duplicate_of:
        notes = (notes + " " if notes else "") + f"Duplicate of {c.duplicate_of}."
    return Open311Request(
        service_request_id=c.public_id,
        status="open" if c.open else "closed",
        status_notes=notes or None,
        service_name=category.label(language) if category else c.category,
        service_code=c.category,
        description=c.description or None,
        agency_responsible=(category.agency.get(language) or None) if category else None,
        requested_datetime=clock.local_iso(c.created_at, tz),
        updated_datetime=clock.local_iso(c.updated_at, tz),
        address=address,
        lat=c.lat,
        long=c.lon,
        place_precision=c.place_precision,
    )


def requests(
    conn, filters: voicemap.Filters, catalogue: Catalogue, language: str, tz: ZoneInfo, places, city_en: str
) -> list[Open311Request]:
    """The public reports that match (at most ``MAX_RESULTS``) as the spec's service requests."""
    rows, _ = voicemap.search(conn, filters, MAX_RESULTS)
    return [request_record(c, catalogue, language, tz, places, city_en) for c in rows]


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(",") if part.strip())


def service_definition(catalogue: Catalogue, code: str) -> dict:
    """The spec's definition of service ``code`` (no attributes: ``metadata`` is false);
    DomainError ``not_found`` when there is no such service."""
    if catalogue.get(code) is None:
        raise DomainError("not_found", f"service_code '{code}' was not found.")
    return {"service_code": code, "attributes": []}


def published(conn, wanted: str, what: str, public_only: bool = True) -> voicemap.PublicComplaint:
    """The report a request id or token ``wanted`` names (any case); DomainError ``not_found``
    (naming ``what`` was asked for) when there is none or, with ``public_only``, when it is held,
    hidden or rejected: not published."""
    public_id = voicemap.find_public_id(wanted)
    found = voicemap.find_published(conn, public_id, public_only) if public_id is not None else None
    if found is None:
        raise DomainError("not_found", f"{what} '{wanted}' was not found.")
    return found


def application(conn, key: str) -> str:
    """The application an api_key was issued to. DomainError ``invalid_api_key`` (the spec's 403)
    in the spec's words when the key is missing, unknown or revoked."""
    if not key.strip():
        raise DomainError("invalid_api_key", "api_key was not provided -- can't proceed with create_request.")
    found = voicemap.find_api_key(conn, key.strip())
    if found is None:
        raise DomainError("invalid_api_key", "Invalid api_key received -- can't proceed with create_request.")
    return found


def new_request(
    fields: dict[str, str], catalogue: Catalogue, application: str, client: str, language: str
) -> tuple[voicemap.Report, Category]:
    """The spec's POST fields (cleaned) as a report for ``voicemap.intake`` by ``application`` and
    the person it names (account_id, device_id or email, else the ``client`` address), and its
    category. DomainError: no service_code (missing_field), an unknown one (not_found), the
    location as ``check_location`` says."""
    person = fields.get("account_id") or fields.get("device_id") or fields.get("email") or client
    code = fields.get("service_code", "").strip()
    if not code:
        raise DomainError("missing_field", "service_code was not provided.")
    category = catalogue.get(code)
    if category is None:
        raise DomainError("not_found", f"service_code '{code}' was not found.")
    check_location(fields)
    lat, lon = fields.get("lat", "").strip(), fields.get("long", "").strip()
    report = voicemap.Report(
        text=fields.get("description", ""),
        channel="open311",
        user_id=f"{application}:{person}",
        reply_to="",  # Open311 has no way back to the reporter: officials see the contact details
        default_language=language,
        point=(lat, lon) if lat else None,
        address=fields.get("address_string", ""),
        category=code,
        contact={name: fields.get(name) for name in CONTACT_FIELDS},
        require_text=False,
    )
    return report, category


def created(done: voicemap.Submitted, category: Category, fields: dict[str, str]) -> Open311Created:
    """The spec's answer to a stored request: its id, a notice in the report's language and the
    ``account_id`` of the POST ``fields`` (null when none was sent)."""
    account_id = fields.get("account_id") or None
    language = done.public.language
    agency = category.agency.get(language) or category.label(language)
    notice = t("open311.notice_held" if done.held else "open311.notice", language, agency=agency)
    return Open311Created(service_request_id=done.public_id, service_notice=notice, account_id=account_id)


def check_location(fields: dict[str, str]) -> None:
    """The spec's own rules for the location fields; ``voicemap.intake`` checks the place itself."""
    lat, lon = fields.get("lat", "").strip(), fields.get("long", "").strip()
    if (lat or lon) and not (lat and lon):
        raise DomainError("invalid_location", "lat and long both need to be sent.")
    if not (lat or fields.get("address_string", "").strip()):
        if fields.get("address_id"):
            raise DomainError(
                "invalid_location", "address_id is not supported here; send lat & long or address_string."
            )
        raise DomainError("missing_location", "A location is required: lat & long, or address_string.")


def check_jurisdiction(wanted: str, catalogue: Catalogue) -> None:
    """The spec's optional ``jurisdiction_id`` must name this server's (DomainError ``not_found``)."""
    ours = catalogue.jurisdiction_id.lower()
    if not same_jurisdiction(wanted, ours):
        raise DomainError(
            "not_found", f"jurisdiction_id '{wanted}' was not found; this endpoint serves '{ours}'."
        )


def same_jurisdiction(wanted: str, ours: str) -> bool:
    """Whether ``wanted`` names this server's jurisdiction (case and a leading www. aside)."""
    return wanted.strip().lower().removeprefix("www.") == ours.lower().removeprefix("www.")
