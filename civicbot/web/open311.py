"""Open311 GeoReport v2 under /open311/v2/, following GeoReport_v2/index.md (open311.org) to the letter.

- Every resource in ``.xml`` (required by the spec) and ``.json`` (the Spark convention: bare
  arrays, e.g. ``[{"service_code": "road_damage", ...}]``); service codes and request ids are
  strings.
- Errors are the spec's ``<errors><error><code/><description/></error></errors>`` (or the JSON
  array) with 404 for what does not exist, 403 for a missing or wrong api_key, 400 otherwise.
- ``jurisdiction_id`` is optional (one jurisdiction per server); a different one is a 404.
- Our workflow statuses map to ``open`` (received, acknowledged, in_progress) and ``closed``
  (resolved, rejected, duplicate). Services are ``realtime`` with ``metadata`` false, so POST
  answers with the ``service_request_id`` directly; ``tokens/{token}`` accepts a tracking id.
- Text is the public record: personal data masked, points coarsened to ~50 m. Reports held for
  review, hidden or rejected are not served at all. Every form field goes through
  ``civicbot.text.clean`` on the way in, and every XML value through ``xml_safe`` on the way out,
  so no character XML 1.0 forbids can make a feed not well-formed.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import xml.etree.ElementTree as ET
from collections.abc import Awaitable, Callable
from zoneinfo import ZoneInfo

from aiohttp import web

from civicbot import clock, keys, voicemap
from civicbot.categories import Catalogue
from civicbot.errors import DomainError
from civicbot.i18n import t
from civicbot.jsontext import dumps
from civicbot.text import clean, xml_safe
from civicbot.web import jsonbody
from civicbot.web.auth import check_rate, client_address
from civicbot.web.complaints import desk
from civicbot.web.errors import ApiError, domain_status
from civicbot.web.templating import page_language

log = logging.getLogger(__name__)

BASE = "/open311/v2"
SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
_FORMAT = "{format:json|xml}"
OPEN311_STATUS_PATTERN = r"^$|^(?:open|closed)(?:,(?:open|closed))*$"
_MAX_RESULTS = 1000  # the spec's default query limit
_MAX_SPAN = dt.timedelta(days=90)
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


class Open311Error(Exception):
    def __init__(self, status: int, description: str, code: int | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.code = code or status


# -- rendering ------------------------------------------------------------------------------
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


def respond(fmt: str, root: str, value: object, status: int = 200) -> web.Response:
    if fmt == "json":
        text = dumps(value)
        return web.Response(text=text, status=status, content_type="application/json", charset="utf-8")
    return web.Response(text=to_xml(root, value), status=status, content_type="text/xml", charset="utf-8")


def error_response(fmt: str, status: int, description: str, code: int | None = None) -> web.Response:
    return respond(fmt, "errors", [{"code": code or status, "description": description}], status)


def _format_of(request: web.Request) -> str:
    fmt = request.match_info.get("format")
    if fmt in ("json", "xml"):
        return fmt
    return "json" if request.path.endswith(".json") else "xml"


Handler = Callable[[web.Request, str], Awaitable[web.Response]]


def _open311(handler: Handler) -> Callable[[web.Request], Awaitable[web.Response]]:
    """Every failure in the spec's error format; anything unexpected is the spec's 400."""

    async def view(request: web.Request) -> web.Response:
        fmt = _format_of(request)
        try:
            _check_jurisdiction(request)
            return await handler(request, fmt)
        except Open311Error as error:
            return error_response(fmt, error.status, error.description, error.code)
        except (ApiError, DomainError) as error:  # the spec knows 403 and 404; the rest is its 400
            status = error.status if isinstance(error, ApiError) else domain_status(error)
            return error_response(fmt, status if status in (403, 404) else 400, error.message)
        except web.HTTPException as error:
            if error.status < 400:
                raise
            return error_response(fmt, 404 if error.status == 404 else 400, error.reason)
        except Exception:
            log.exception("open311: %s %s failed", request.method, request.path)
            return error_response(fmt, 400, "General service error: the request could not be processed.")

    view.__name__ = handler.__name__
    view.__doc__ = handler.__doc__
    return view


def _catalogue(request: web.Request) -> Catalogue:
    setup = request.app[keys.VOICEMAP]
    if setup.catalogue is None:
        raise Open311Error(400, "General service error: the service list is unavailable.")
    return setup.catalogue


def _check_jurisdiction(request: web.Request) -> None:
    wanted = request.query.get("jurisdiction_id", "").strip().lower()
    if not wanted:
        return  # optional: this endpoint serves one jurisdiction
    ours = _catalogue(request).jurisdiction_id.lower()
    if wanted.removeprefix("www.") != ours.removeprefix("www."):
        raise Open311Error(404, f"jurisdiction_id '{wanted}' was not found; this endpoint serves '{ours}'.")


def _language(request: web.Request) -> str:
    return page_language(request)


# -- discovery and services -----------------------------------------------------------------
@_open311
async def discovery(request: web.Request, fmt: str) -> web.Response:
    """GET /open311/v2/discovery.{format}"""
    settings = request.app[keys.SETTINGS]
    _catalogue(request)  # the service list must be loadable for the endpoint to be advertised
    base = settings.public_url or f"{request.scheme}://{request.host}"
    changeset = _changeset(settings)
    body = {
        "changeset": changeset,
        "contact": f"{settings.city_name_en} CivicBot: {base}/ (call 120 for the Dasan Call Center)",
        "key_service": "An api_key for POST requests is issued by the city: "
        "`civicbot complaints api-key create <application name>`.",
        "endpoints": [
            {
                "specification": SPECIFICATION,
                "url": base + BASE,
                "changeset": changeset,
                "type": "production",
                "formats": ["text/xml", "application/json"],
            }
        ],
    }
    return respond(fmt, "discovery", body)


def _changeset(settings) -> str:
    from civicbot.categories import CATEGORIES_FILE

    try:
        mtime = (settings.services_dir / CATEGORIES_FILE).stat().st_mtime
    except OSError:
        return "1970-01-01 00:00"
    return dt.datetime.fromtimestamp(mtime, dt.UTC).strftime("%Y-%m-%d %H:%M")


def _service(category, language: str) -> dict:
    keywords = category.keywords.get(language) or category.keywords.get("ko") or []
    return {
        "service_code": category.code,
        "service_name": category.label(language),
        "description": category.description.get(language) or category.description["ko"],
        "metadata": False,
        "type": "realtime",
        "keywords": ", ".join(keywords),
        "group": category.group.get(language) or category.group["ko"],
    }


@_open311
async def services(request: web.Request, fmt: str) -> web.Response:
    """GET /open311/v2/services.{format}"""
    language = _language(request)
    return respond(fmt, "services", [_service(c, language) for c in _catalogue(request).categories])


@_open311
async def service_definition(request: web.Request, fmt: str) -> web.Response:
    """GET /open311/v2/services/{service_code}.{format} (no extra attributes: metadata is false)"""
    code = request.match_info["code"]
    if _catalogue(request).get(code) is None:
        raise Open311Error(404, f"service_code '{code}' was not found.")
    return respond(fmt, "service_definition", {"service_code": code, "attributes": []})


# -- requests -------------------------------------------------------------------------------
def _request_body(
    c: voicemap.PublicComplaint, catalogue: Catalogue, language: str, tz: ZoneInfo, places
) -> dict:
    category = catalogue.get(c.category)
    district = places.districts.get(c.district_code)
    district_name = (district.name_en if district else c.district) if language == "en" else c.district
    city = places.sido if language != "en" else "Seoul" if places.sido == "서울특별시" else places.sido
    address = ", ".join(part for part in (c.dong, district_name, city) if part)
    notes = c.status_note
    if c.duplicate_of:
        notes = (notes + " " if notes else "") + f"Duplicate of {c.duplicate_of}."
    return {
        "service_request_id": c.public_id,
        "status": "open" if c.open else "closed",
        "status_notes": notes or None,
        "service_name": category.label(language) if category else c.category,
        "service_code": c.category,
        "description": c.description or None,
        "agency_responsible": (category.agency.get(language) or None) if category else None,
        "service_notice": None,
        "requested_datetime": clock.local_iso(c.created_at, tz),
        "updated_datetime": clock.local_iso(c.updated_at, tz),
        "expected_datetime": None,
        "address": address,
        "address_id": None,
        "zipcode": None,
        "lat": c.lat,
        "long": c.lon,
        "media_url": None,  # photos are shown to officials only: they may show people or plates
    }


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in (value or "").split(",") if part.strip())


def _date(value: str | None, name: str, tz: ZoneInfo) -> dt.datetime | None:
    if not value:
        return None
    try:
        return clock.parse_moment(value, tz)
    except ValueError:
        raise Open311Error(400, f"{name} must be a w3 date-time, e.g. 2010-01-01T00:00:00Z.") from None


def _request_filters(request: web.Request) -> voicemap.Filters:
    query = request.query
    tz = request.app[keys.SETTINGS].timezone
    ids = _split(query.get("service_request_id"))
    if ids:  # "This overrides all other arguments."
        return voicemap.Filters(public_ids=tuple(i.upper() for i in ids))
    start, end = (
        _date(query.get("start_date"), "start_date", tz),
        _date(query.get("end_date"), "end_date", tz),
    )
    if start is None and end is None:
        end = clock.now()
        start = end - _MAX_SPAN
    elif start is None:
        start = end - _MAX_SPAN
    elif end is None:
        end = start + _MAX_SPAN
    if end < start:
        raise Open311Error(400, "end_date is before start_date.")
    if end - start > _MAX_SPAN:
        raise Open311Error(400, "start_date and end_date may not span more than 90 days.")
    if not re.fullmatch(OPEN311_STATUS_PATTERN, query.get("status", "")):
        raise Open311Error(400, "status must be open or closed (comma delimited).")
    statuses = voicemap.expand_states(_split(query.get("status")))
    return voicemap.Filters(
        categories=_split(query.get("service_code")),
        statuses=statuses,
        since=clock.iso(start),
        until=clock.iso(end),
    )


@_open311
async def get_requests(request: web.Request, fmt: str) -> web.Response:
    """GET /open311/v2/requests.{format}"""
    catalogue = _catalogue(request)
    filters = _request_filters(request)
    rows, _ = await request.app[keys.DATABASE].execute_fn(
        lambda conn: voicemap.search(conn, filters, _MAX_RESULTS)
    )
    language, tz = _language(request), request.app[keys.SETTINGS].timezone
    places = request.app[keys.VOICEMAP].places
    return respond(fmt, "service_requests", [_request_body(c, catalogue, language, tz, places) for c in rows])


@_open311
async def get_request(request: web.Request, fmt: str) -> web.Response:
    """GET /open311/v2/requests/{service_request_id}.{format}"""
    catalogue = _catalogue(request)
    wanted = request.match_info["id"]
    public_id = voicemap.find_public_id(wanted)
    found = None
    if public_id is not None:
        found = await request.app[keys.DATABASE].execute_fn(lambda conn: voicemap.get_public(conn, public_id))
    if found is None or not found.public:  # held, hidden and rejected reports are not published
        raise Open311Error(404, f"service_request_id '{wanted}' was not found.")
    language, tz = _language(request), request.app[keys.SETTINGS].timezone
    places = request.app[keys.VOICEMAP].places
    return respond(fmt, "service_requests", [_request_body(found, catalogue, language, tz, places)])


@_open311
async def get_token(request: web.Request, fmt: str) -> web.Response:
    """GET /open311/v2/tokens/{token}.{format}: our requests are realtime, so a token is a tracking id."""
    token = request.match_info["token"]
    public_id = voicemap.find_public_id(token)
    found = None
    if public_id is not None:
        found = await request.app[keys.DATABASE].execute_fn(lambda conn: voicemap.get_public(conn, public_id))
    if found is None:
        raise Open311Error(404, f"token '{token}' was not found.")
    return respond(fmt, "service_requests", [{"service_request_id": found.public_id, "token": token}])


_CONTACT_FIELDS = ("email", "phone", "first_name", "last_name", "device_id", "account_id", "media_url")


@_open311
async def post_request(request: web.Request, fmt: str) -> web.Response:
    """POST /open311/v2/requests.{format} (application/x-www-form-urlencoded, api_key required)"""
    try:
        if request.content_type == "application/x-www-form-urlencoded":
            form = await jsonbody.form_fields(request)  # strict UTF-8: a bad byte is a 400, not U+FFFD
        else:
            form = await request.post()
    except web.HTTPRequestEntityTooLarge:
        raise Open311Error(
            400, "The request is too large (descriptions are limited to 4,000 characters)."
        ) from None
    except ValueError:  # a multipart body without its boundary, and the like
        raise Open311Error(400, "Send the request as application/x-www-form-urlencoded.") from None
    fields = {clean(key): clean(value) for key, value in form.items() if isinstance(value, str)}
    key = fields.get("api_key", "").strip()
    if not key:
        raise Open311Error(403, "api_key was not provided -- can't proceed with create_request.")
    db = request.app[keys.DATABASE]
    application = await db.execute_fn(lambda conn: voicemap.find_api_key(conn, key))
    if application is None:
        raise Open311Error(403, "Invalid api_key received -- can't proceed with create_request.")
    await check_rate(request, request.app[keys.LIMITERS].messages, "open311:" + application)
    if fields.get("jurisdiction_id"):
        _check_form_jurisdiction(request, fields["jurisdiction_id"])
    catalogue = _catalogue(request)
    code = fields.get("service_code", "").strip()
    if not code:
        raise Open311Error(400, "service_code was not provided.")
    category = catalogue.get(code)
    if category is None:
        raise Open311Error(404, f"service_code '{code}' was not found.")
    _check_location(fields)
    lat, lon = fields.get("lat", "").strip(), fields.get("long", "").strip()
    person = (
        fields.get("account_id") or fields.get("device_id") or fields.get("email") or client_address(request)
    )
    report = voicemap.Report(
        text=fields.get("description", ""),
        channel="open311",
        user_id=f"{application}:{person}",
        reply_to="",  # Open311 has no way back to the reporter: officials see the contact details
        default_language=_language(request),
        point=(lat, lon) if lat else None,
        address=fields.get("address_string", ""),
        category=code,
        contact={name: fields.get(name) for name in _CONTACT_FIELDS},
        require_text=False,
    )
    done = (await voicemap.intake(desk(request), report, find_similar=False)).submitted
    language = done.public.language
    agency = category.agency.get(language) or category.label(language)
    notice = t("open311.notice_held" if done.held else "open311.notice", language, agency=agency)
    body = [
        {
            "service_request_id": done.public_id,
            "service_notice": notice,
            "account_id": fields.get("account_id") or None,
        }
    ]
    return respond(fmt, "service_requests", body)


def _check_form_jurisdiction(request: web.Request, value: str) -> None:
    ours = _catalogue(request).jurisdiction_id.lower()
    if value.strip().lower().removeprefix("www.") != ours.removeprefix("www."):
        raise Open311Error(404, f"jurisdiction_id '{value}' was not found; this endpoint serves '{ours}'.")


def _check_location(fields: dict) -> None:
    """The spec's own rules for the location fields; voicemap.intake checks the place itself."""
    lat, lon = fields.get("lat", "").strip(), fields.get("long", "").strip()
    if (lat or lon) and not (lat and lon):
        raise Open311Error(400, "lat and long both need to be sent.")
    if not (lat or fields.get("address_string", "").strip()):
        if fields.get("address_id"):
            raise Open311Error(400, "address_id is not supported here; send lat & long or address_string.")
        raise Open311Error(400, "A location is required: lat & long, or address_string.")


@_open311
async def not_found(request: web.Request, fmt: str) -> web.Response:
    """Anything else under /open311/v2/: the spec's error format, not ours."""
    allowed = _allowed_methods(request)
    if allowed:
        response = error_response(
            _format_of(request), 405, f"{request.method} is not supported on {request.path}."
        )
        response.headers["Allow"] = ", ".join(allowed)
        return response
    raise Open311Error(404, f"{request.path} is not a GeoReport v2 resource (try {BASE}/discovery.xml).")


def _allowed_methods(request: web.Request) -> list[str]:
    """The methods the path does support (empty when no resource has this path at all)."""
    allowed: set[str] = set()
    for resource in request.app.router.resources():
        if resource.canonical.startswith(BASE) and resource.canonical != BASE + "/{tail}":
            match = resource._match(request.path)  # the router's own matcher: same rules as routing
            if match is not None:
                allowed.update(route.method for route in resource)
    return sorted(allowed)


def setup_routes(app: web.Application) -> None:
    router = app.router
    router.add_get(f"{BASE}/discovery.{_FORMAT}", discovery)
    router.add_get(f"{BASE}/services.{_FORMAT}", services)
    router.add_get(f"{BASE}/services/{{code}}.{_FORMAT}", service_definition)
    router.add_get(f"{BASE}/requests.{_FORMAT}", get_requests)
    router.add_post(f"{BASE}/requests.{_FORMAT}", post_request)
    router.add_get(f"{BASE}/requests/{{id}}.{_FORMAT}", get_request)
    router.add_get(f"{BASE}/tokens/{{token}}.{_FORMAT}", get_token)
    router.add_route("*", BASE + "/{tail:.*}", not_found)
