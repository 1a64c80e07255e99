"""A report as the API shows it: ``voicemap.PublicComplaint`` with the names, links and local times
a reader needs, and the counts per district.

``PublicComplaint`` is the one statement of a report's public fields (its query reads them); the
shapes here extend it, so a new public field reaches every reply and the OpenAPI document without
another edit. Officials' shapes (``OfficialComplaint``, ``ReviewItem``, ``StatsRow``) are built
and declared in ``civicbot.voicemap``, the pages of them in ``civicbot.triage`` and the map's
GeoJSON in ``civicbot.complaint_map``.

The requests about reports are declared here too: a new report (``ComplaintCreate``, or
``ComplaintForm`` with the photo as a file), the officials' changes, and the map's filters
(``ComplaintFilters`` and its kin), whose query grammar is exactly what the handlers accept.
"""

from __future__ import annotations

from typing import Annotated, Any, Self
from zoneinfo import ZoneInfo

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

from civicbot import clock
from civicbot.i18n import LANGUAGES, t
from civicbot.privacy import KINDS
from civicbot.shapes import (
    MOMENT_TEXT,
    SETTING_KEY,
    Moment,
    Query,
    ReasonPair,
    Request,
    Response,
    absent,
    absent_fields,
    is_moment,
    not_null,
    pattern_text,
    query_text,
    whole,
)
from civicbot.text import VISIBLE_PATTERN, clean
from civicbot.voicemap import (
    STATUSES,
    Filters,
    Intaken,
    PublicComplaint,
    Report,
    Setup,
    Visibility,
    expand_states,
    point_of,
    supporter_key,
)


class HistoryEntry(BaseModel):
    at: Moment
    status: str = Field(json_schema_extra={"enum": list(STATUSES)})
    note: str


class Complaint(PublicComplaint):
    """A report's public record: ``PublicComplaint``'s fields, and what the API adds for display."""

    category_name: ReasonPair | None = Field(description="The category's name in both languages")
    district_en: str
    url: str = Field(description="The report on the public map")
    status_url: str = Field(description="The report's own status page")
    history: list[HistoryEntry] = absent()

    @classmethod
    def of(cls, c: PublicComplaint, setup: Setup, public_url: str, zone: ZoneInfo | str, **more: Any) -> Self:
        """``c`` with the category's names in both languages, the district's English name, its
        links under ``public_url`` and its times in the city's ``zone``; ``more`` sets the rest
        (a subclass's fields, ``history``)."""
        category = setup.catalogue.get(c.category) if setup.catalogue else None
        district = setup.places.districts.get(c.district_code)  # type: ignore[attr-defined]
        shown = {
            **dict(c),
            "category_name": {"ko": category.label("ko"), "en": category.label("en")} if category else None,
            "district_en": district.name_en if district else c.district,
            "url": f"{public_url}/map#{c.public_id}",
            "status_url": f"{public_url}/complaints/{c.public_id}",
            "created_at": clock.local_iso(c.created_at, zone),
            "updated_at": clock.local_iso(c.updated_at, zone),
        }
        return cls(**shown, **more)


class ComplaintChanged(Complaint):
    notified: bool = Field(description="Whether a message to the reporter was queued")


class ModeratedComplaint(Complaint):
    visibility: Visibility


class Similar(BaseModel):
    id: str
    category: str
    description: str
    district: str = absent()
    dong: str | None = absent()
    supports: int
    distance_m: int
    created_at: str = absent()


class ComplaintCreated(Complaint):
    masked: list[str] = Field(
        description="Kinds of personal data hidden from the public text",
        json_schema_extra={"items": {"type": "string", "enum": list(KINDS)}},
    )
    visibility: Visibility
    notice: ReasonPair = absent(description="Held for a check before it is public, in both languages")
    similar: list[Similar] = Field(
        description="Open reports nearby with similar text: offer to support one instead"
    )

    @classmethod
    def of_intake(cls, done: Intaken, setup: Setup, public_url: str, zone: ZoneInfo | str) -> Self:
        """What the reporter is told of a stored report: what was masked, the similar reports
        nearby and, when it waits for a check first, a notice saying so."""
        submitted = done.submitted
        held = {"notice": {lang: t("complaints.held", lang) for lang in LANGUAGES}} if submitted.held else {}
        similar = [c.view() for c in done.similar]
        return cls.of(
            submitted.public,
            setup,
            public_url,
            zone,
            masked=list(submitted.masked_kinds),
            similar=similar,
            **held,
        )


class DistrictCount(BaseModel):
    code: str
    name_ko: str
    name_en: str
    count: int


class DistrictCounts(BaseModel):
    total: int
    districts: list[DistrictCount]

    @classmethod
    def of(cls, setup: Setup, counts: dict[str, int]) -> DistrictCounts:
        """Every district of the city with its count in ``counts`` (code -> reports), for the choropleth."""
        districts = [
            DistrictCount(code=d.code, name_ko=d.name_ko, name_en=d.name_en, count=counts.get(d.code, 0))
            for d in setup.places.districts.values()  # type: ignore[attr-defined]
        ]
        return cls(total=sum(counts.values()), districts=districts)


# --- requests --------------------------------------------------------------------------------

ComplaintId = {
    "type": "string",
    "pattern": "^[A-Za-z]{2,5}-[0-9A-Za-z]{6}$",
    "description": "Tracking id, e.g. RD-7K2M9Q (case does not matter)",
}


class Support(Response):
    id: str
    supports: int
    added: bool = Field(description="False when this session had already supported it")


class ModerationReason(Request):
    # Enforced here as the document says (probe #28), so an over-long reason is refused
    # before the report is looked up; voicemap.MAX_REASON_CHARS is the same 500.
    reason: str | None = Field(None, description="Kept in the audit log", max_length=500)


class Flag(Response):
    id: str
    added: bool


class StatusChange(Request):
    status: str = Field(json_schema_extra={"enum": list(STATUSES)})
    note: str | None = Field(None, description="Public; sent to the reporter", json_schema_extra=not_null)
    duplicate_of: str | None = Field(
        None, description="Required for status 'duplicate'", json_schema_extra=not_null
    )


def _required(value: Any, info: Any) -> Any:
    if value is None:  # null is not sending it, as the handlers always answered
        raise PydanticCustomError("missing_field", f"'{info.field_name}' is required.")
    return value


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _json_number(value: Any, info: Any) -> Any:
    """A coordinate in a JSON body is a JSON number, as the document says: ``"37.5"`` is refused
    (newcomer probe #28). A multipart form (``form`` in the validation context) sends text."""
    if value is None or (info.context or {}).get("form") or _is_number(value):
        return value
    raise PydanticCustomError("invalid_location", f"'{info.field_name}' must be a number (degrees).")


_LOCATION_KEYS = frozenset({"lat", "lon", "lng"})


def _point_or_pair(value: Any) -> Any:
    """``{"lat", "lon"}`` (``lng`` taken for ``lon``, as map libraries write it) or ``[lat, lon]``
    of JSON numbers; another key is an ``unknown_field`` rather than silently dropped."""
    if value is None:
        return value
    if not isinstance(value, dict | list):
        raise PydanticCustomError(
            "invalid_location", '\'location\' must be {"lat": .., "lon": ..} or [lat, lon].'
        )
    if isinstance(value, dict):
        for key in value:
            if key not in _LOCATION_KEYS:
                name = key if key.isidentifier() and len(key) <= 40 else "?"
                raise PydanticCustomError("unknown_field", f"Unknown field 'location.{name}'.")
        numbers = [value.get("lat"), value.get("lon", value.get("lng"))]
    else:
        numbers = list(value)
    if any(number is not None and not _is_number(number) for number in numbers):
        raise PydanticCustomError("invalid_location", "'location' must hold numbers (degrees).")
    return value


class ComplaintCreate(Request):
    """Where it is: a point (lat and lon, or location) or an address or 구/동 name. Numbers and
    places are checked by ``voicemap.intake``, which words their errors (invalid_location ...)."""

    model_config = ConfigDict(
        strict=True,
        json_schema_extra={
            "anyOf": [{"required": ["lat", "lon"]}, {"required": ["location"]}, {"required": ["address"]}]
        },
    )

    text: Annotated[str, BeforeValidator(_required)] = Field(
        json_schema_extra={
            "minLength": 1,
            "pattern": VISIBLE_PATTERN,
            SETTING_KEY: {"maxLength": "max_text_chars"},
        }
    )
    lat: Annotated[
        Any, BeforeValidator(_json_number), WithJsonSchema({"type": "number", "minimum": -90, "maximum": 90})
    ] = None
    lon: Annotated[
        Any,
        BeforeValidator(_json_number),
        WithJsonSchema({"type": "number", "minimum": -180, "maximum": 180}),
    ] = None
    location: Annotated[
        Any,
        BeforeValidator(_point_or_pair),
        WithJsonSchema(
            {
                "type": "object",
                "required": ["lat", "lon"],
                "properties": {
                    "lat": {"type": "number", "minimum": -90, "maximum": 90},
                    "lon": {"type": "number", "minimum": -180, "maximum": 180},
                },
                "additionalProperties": False,
                "description": "Instead of lat/lon",
            }
        ),
    ] = None
    address: str | None = Field(None, description="Instead of a point: an address or 구/동 name")
    category: str | None = Field(None, description="Service code; suggested from the text when absent")
    language: str | None = Field(None, json_schema_extra={"enum": ["ko", "en"]})
    photo: str | None = Field(None, description="JPEG or PNG, base64 (or a data: URL)")

    def point(self) -> tuple[object, object] | None:
        """(lat, lon) as sent (``voicemap.point_of``)."""
        return point_of(self.location, self.lat, self.lon)

    def report(self, session: str, photo: bytes | None, secret: bytes, text_limit: int) -> Report:
        """The web report of ``session`` for ``voicemap.intake``: every text through ``clean`` (the
        one hygiene step, before anything else sees it), notifications to the same session, and
        its supporter key (under the app's ``secret``) so it cannot also support its own report."""
        return Report(
            text=clean(self.text),
            channel="web",
            user_id=session,
            reply_to=session,  # the widget shows notifications addressed to its session
            language=clean(self.language or ""),
            point=self.point(),
            address=clean(self.address or ""),
            category=clean(self.category or ""),
            photo=photo,
            supporter=supporter_key(secret, "web", session),
            text_limit=text_limit,
        )


_FILE = {"type": "string", "format": "binary"}


class ComplaintForm(absent_fields(Request, "text lat lon address category language photo", photo=_FILE)):
    """The same report as multipart/form-data, the photo as a file."""

    text: str


# The map's query grammar: what the document calls valid is exactly what the handlers accept.
_STATUS_WORD = "(?:open|closed|" + "|".join(STATUSES) + ")"
_NUMBER = r"-?[0-9]{1,3}(?:\.[0-9]{1,12})?"

_Categories = pattern_text(
    r"^$|^[a-z0-9_]{1,32}(?:,[a-z0-9_]{1,32})*$",
    "invalid_category",
    "'category' must be service codes such as road_damage, comma-separated.",
)
_Statuses = pattern_text(
    rf"^$|^{_STATUS_WORD}(?:,{_STATUS_WORD})*$",
    "invalid_status",
    "'status' must be open, closed or workflow statuses, comma-separated.",
)
_Districts = pattern_text(
    r"^$|^[0-9]{2,10}(?:,[0-9]{2,10})*$",
    "invalid_district",
    "'district' must be district codes such as 11680, comma-separated.",
)
_Moment = query_text(
    is_moment, "invalid_{name}", "'{name}' must be an ISO 8601 date or date-time.", MOMENT_TEXT
)


def _listed(value: str) -> tuple[str, ...]:
    return tuple(part for part in value.split(",") if part)


class ComplaintFilters(Query):
    """The filters shared by the map, the counts and the officials' views."""

    category: _Categories = Field(
        description="Service codes, comma-separated; a code that does not exist matches nothing"
    )
    status: _Statuses = Field(description="open, closed or workflow statuses, comma-separated")
    district: _Districts = Field(description="District codes, comma-separated")
    since: _Moment = Field("", description="ISO 8601 date or date-time (the city's time when no offset)")
    until: _Moment = Field("", description="ISO 8601 date or date-time")

    def filters(self, tz: ZoneInfo | str, public_only: bool = True) -> Filters:
        """As ``voicemap.Filters``: lists split at commas (empty is not sent), "open"/"closed"
        expanded, moments read in the city's zone ``tz`` and kept in UTC, the box (when the
        query has one) west,south,east,north clamped to the globe.
        ``public_only=False`` for officials: held and hidden reports too."""

        def moment(value: str) -> str | None:
            return clock.iso(clock.parse_moment(value, tz)) if value else None

        box = getattr(self, "bbox", "")
        return Filters(
            categories=_listed(self.category),
            statuses=expand_states(_listed(self.status)),
            since=moment(self.since),
            until=moment(self.until),
            bbox=_box(box) if box else None,
            districts=_listed(self.district),
            public_only=public_only,
        )


def _box(value: str) -> tuple[float, float, float, float]:
    """Four numbers, west,south,east,north (``_Box`` has checked their order), clamped to the globe."""
    west, south, east, north = (float(part) for part in value.split(","))
    return (
        max(-180.0, min(180.0, west)),
        max(-90.0, min(90.0, south)),
        max(-180.0, min(180.0, east)),
        max(-90.0, min(90.0, north)),
    )


def _in_order(value: str) -> str:
    """A box whose west is east of its east (or south north of its north) is refused, not reread:
    swapped corners and a box across the antimeridian mean different places, and guessing one would
    answer for a place the client did not ask about."""
    if value:
        west, south, east, north = (float(part) for part in value.split(","))
        if west > east or south > north:
            raise PydanticCustomError(
                "invalid_bbox",
                "'bbox' is west,south,east,north: west must not be greater than east, "
                "nor south greater than north.",
            )
    return value


_BBOX = rf"^$|^{_NUMBER},{_NUMBER},{_NUMBER},{_NUMBER}$"
_Box = Annotated[
    pattern_text(_BBOX, "invalid_bbox", "'bbox' must be four numbers in degrees: west,south,east,north."),
    AfterValidator(_in_order),
]


class BoxedFilters(ComplaintFilters):
    bbox: _Box = Field(
        description="west,south,east,north in degrees (west <= east and south <= north, else 400 "
        "invalid_bbox; clamped to the globe)"
    )


class MapQuery(BoxedFilters):
    limit: whole(1, 5000, 2000) = 2000
    zoom: whole(0, 22, -1) = Field(
        -1,
        description="The map's zoom, for clusters (default: the zoom that fits the bbox); 16+ gives points",
    )


class Page(Query):
    limit: whole(1, 1000, 100) = 100
    offset: whole(0, 10**9, 0) = 0


class OfficialQuery(BoxedFilters, Page):
    pass


_REASON = {
    "type": "string",
    "minLength": 1,
    "maxLength": 500,
    "pattern": VISIBLE_PATTERN,
    "description": "Why",
}


class ReasonRequired(Request):
    """The domain refuses a missing or blank reason (missing_reason) in its own words."""

    model_config = ConfigDict(strict=True, json_schema_extra={"required": ["reason"]})

    reason: Annotated[str | None, WithJsonSchema(_REASON)] = None


class ModerationEdit(ReasonRequired):
    model_config = ConfigDict(strict=True, json_schema_extra={"required": ["text", "reason"]})

    text: Annotated[
        str, WithJsonSchema({"type": "string", "minLength": 1, "maxLength": 4000, "pattern": VISIBLE_PATTERN})
    ]
