"""The HTTP API's request and response models: one pydantic model per body, query and reply.

These are the single statement of each shape: ``boundary.Api``'s views validate with them, the
handlers serialise through them and ``/api/openapi.json`` is generated from them. To add a field
to a response, add it to the model here and fill it where the handler builds the model.

A shape that describes a domain object, request or response, lives with the domain that builds or
reads it (the README's "How the code is laid out"): ``civicbot.reply_shapes`` (chat, search, the
widget), ``civicbot.poll_shapes``, ``civicbot.proposal_shapes``, ``voicemap.PublicComplaint`` and
``georeport``'s Open311 models.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from civicbot import clock
from civicbot.poll_shapes import LangQuery
from civicbot.proposal_shapes import Proposal as Proposal  # the public shape, as the API serves it
from civicbot.reply_shapes import Passage as Passage
from civicbot.reply_shapes import SearchResults as SearchResults
from civicbot.shapes import (
    SETTING_KEY,
    Query,
    Request,
    Response,
    absent,
    absent_fields,
    not_null,
)
from civicbot.voicemap import STATUSES, Filters, point_of
from civicbot.web.errors import ApiError
from civicbot.web.jsonbody import whole_number

# --- the voice map -------------------------------------------------------------------------------

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
    reason: str | None = Field(
        None, description="Kept in the audit log", json_schema_extra={"maxLength": 500}
    )


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


def _point_or_pair(value: Any) -> Any:
    if value is not None and not isinstance(value, dict | list):
        raise PydanticCustomError(
            "invalid_location", '\'location\' must be {"lat": .., "lon": ..} or [lat, lon].'
        )
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
        json_schema_extra={"minLength": 1, "pattern": r"\S", SETTING_KEY: {"maxLength": "max_text_chars"}}
    )
    lat: Annotated[Any, WithJsonSchema({"type": "number", "minimum": -90, "maximum": 90})] = None
    lon: Annotated[Any, WithJsonSchema({"type": "number", "minimum": -180, "maximum": 180})] = None
    location: Annotated[
        Any,
        BeforeValidator(_point_or_pair),
        WithJsonSchema(
            {
                "type": "object",
                "required": ["lat", "lon"],
                "properties": {"lat": {"type": "number"}, "lon": {"type": "number"}},
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


_FILE = {"type": "string", "format": "binary"}


class ComplaintForm(absent_fields(Request, "text lat lon address category language photo", photo=_FILE)):
    """The same report as multipart/form-data, the photo as a file."""

    text: str


# The map's query grammar: what the document calls valid is exactly what the handlers accept.
_STATUS_WORD = "(?:open|closed|" + "|".join(STATUSES) + ")"
_NUMBER = r"-?[0-9]{1,3}(?:\.[0-9]{1,12})?"


def _query_text(accepts: Callable[[str], object], code: str, message: str, schema: dict) -> Any:
    """Query text that ``accepts`` (empty is "not sent", the default, and passes), else 400 ``code``
    with ``message`` (``{name}`` in either is the field's name); the document shows ``schema``."""

    def check(value: str, info: Any) -> str:
        if value and not accepts(value):
            name = info.field_name
            raise PydanticCustomError(code.format(name=name), message.format(name=name))
        return value

    return Annotated[str, AfterValidator(check), WithJsonSchema(schema), Field("")]


def _pattern(pattern: str, code: str, message: str) -> Any:
    """``_query_text`` matching ``pattern``, which the document shows."""
    return _query_text(
        lambda value: re.fullmatch(pattern, value), code, message, {"type": "string", "pattern": pattern}
    )


def _is_moment(value: str) -> bool:
    """An ISO 8601 date or date-time (``clock.parse_moment`` reads it)."""
    try:
        clock.parse_moment(value, "UTC")
    except ValueError:
        return False
    return True


_MOMENT = {
    "anyOf": [
        {"type": "string", "format": "date"},
        {"type": "string", "format": "date-time"},
        {"type": "string", "maxLength": 0, "description": "empty: the same as not sent"},
    ]
}


def _whole(low: int, high: int, default: int | None) -> Any:
    """A whole number in [low, high] from the query; 400 ``invalid_<name>`` as jsonbody words it."""

    def check(value: Any, info: Any) -> int:
        try:
            return whole_number(value, info.field_name, low, high, default=default)
        except ApiError as error:
            raise PydanticCustomError(
                error.code, error.message.replace("{", "{{").replace("}", "}}")
            ) from None

    return BeforeValidator(check), WithJsonSchema({"type": "integer", "minimum": low, "maximum": high})


_Categories = _pattern(
    r"^$|^[a-z0-9_]{1,32}(?:,[a-z0-9_]{1,32})*$",
    "invalid_category",
    "'category' must be service codes such as road_damage, comma-separated.",
)
_Statuses = _pattern(
    rf"^$|^{_STATUS_WORD}(?:,{_STATUS_WORD})*$",
    "invalid_status",
    "'status' must be open, closed or workflow statuses, comma-separated.",
)
_Districts = _pattern(
    r"^$|^[0-9]{2,10}(?:,[0-9]{2,10})*$",
    "invalid_district",
    "'district' must be district codes such as 11680, comma-separated.",
)
_Moment = _query_text(
    _is_moment, "invalid_{name}", "'{name}' must be an ISO 8601 date or date-time.", _MOMENT
)


class ComplaintFilters(Query):
    """The filters shared by the map, the counts and the officials' views."""

    category: _Categories = Field(
        description="Service codes, comma-separated; a code that does not exist matches nothing"
    )
    status: _Statuses = Field(description="open, closed or workflow statuses, comma-separated")
    district: _Districts = Field(description="District codes, comma-separated")
    since: _Moment = Field("", description="ISO 8601 date or date-time (the city's time when no offset)")
    until: _Moment = Field("", description="ISO 8601 date or date-time")

    def filters(self, tz: Any, public_only: bool = True) -> Filters:
        """As ``voicemap.Filters`` (moments in UTC, read in the city's zone ``tz``)."""
        box = getattr(self, "bbox", "")
        return Filters.from_text(
            self.category, self.status, self.district, self.since, self.until, box, tz, public_only
        )


_BBOX = rf"^$|^{_NUMBER},{_NUMBER},{_NUMBER},{_NUMBER}$"


_Box = _pattern(_BBOX, "invalid_bbox", "'bbox' must be four numbers in degrees: west,south,east,north.")


class BoxedFilters(ComplaintFilters):
    bbox: _Box = Field(
        description="west,south,east,north in degrees (corners in either order, clamped to the globe)"
    )


class MapQuery(BoxedFilters):
    limit: Annotated[int, *_whole(1, 5000, 2000)] = 2000
    zoom: Annotated[int, *_whole(0, 22, -1)] = Field(
        -1,
        description="The map's zoom, for clusters (default: the zoom that fits the bbox); 16+ gives points",
    )


class Page(Query):
    limit: Annotated[int, *_whole(1, 1000, 100)] = 100
    offset: Annotated[int, *_whole(0, 10**9, 0)] = 0


class OfficialQuery(BoxedFilters, Page):
    pass


_REASON = {"type": "string", "minLength": 1, "maxLength": 500, "pattern": r"\S", "description": "Why"}


class ReasonRequired(Request):
    """The domain refuses a missing or blank reason (missing_reason) in its own words."""

    model_config = ConfigDict(strict=True, json_schema_extra={"required": ["reason"]})

    reason: Annotated[str | None, WithJsonSchema(_REASON)] = None


class ModerationEdit(ReasonRequired):
    model_config = ConfigDict(strict=True, json_schema_extra={"required": ["text", "reason"]})

    text: Annotated[
        str, WithJsonSchema({"type": "string", "minLength": 1, "maxLength": 4000, "pattern": r"\S"})
    ]


# --- Open311 GeoReport v2 (the spec's field names; bare arrays) ------------------------------------


class Open311Query(LangQuery):
    jurisdiction_id: str = absent(
        description="Optional; this endpoint serves one jurisdiction (e.g. seoul.go.kr)"
    )


_W3Date = _query_text(
    _is_moment, "invalid_date", "{name} must be a w3 date-time, e.g. 2010-01-01T00:00:00Z.", _MOMENT
)


_OpenClosed = _pattern(
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
