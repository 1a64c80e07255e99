"""Open311 GeoReport v2 under /open311/v2/, following GeoReport_v2/index.md (open311.org) to the letter.

- Every resource in ``.xml`` (required by the spec) and ``.json`` (the Spark convention: bare
  arrays, e.g. ``[{"service_code": "road_damage", ...}]``); service codes and request ids are
  strings. The ``.json`` forms are in the OpenAPI document; each ``.xml`` is the same resource.
- Errors are the spec's ``<errors><error><code/><description/></error></errors>`` (or the JSON
  array) with 404 for what does not exist, 403 for a missing or wrong api_key, 400 otherwise.
- ``jurisdiction_id`` is optional (one jurisdiction per server); a different one is a 404.
- Our workflow statuses map to ``open`` (received, acknowledged, in_progress) and ``closed``
  (resolved, rejected, duplicate). Services are ``realtime`` with ``metadata`` false, so POST
  answers with the ``service_request_id`` directly; ``tokens/{token}`` accepts a tracking id.
- Text is the public record: personal data masked, points coarsened to ~50 m. Reports held for
  review, hidden or rejected are not served at all. Every form field goes through
  ``civicbot.text.clean`` on the way in, and every XML value through ``xml_safe`` on the way out
  (``civicbot.georeport``), so no character XML 1.0 forbids can make a feed not well-formed.
"""

from __future__ import annotations

import functools
import logging
from typing import Any

from aiohttp import web
from pydantic import BaseModel
from pydantic_core import to_jsonable_python

from civicbot import georeport, keys, voicemap
from civicbot.categories import Catalogue
from civicbot.errors import DomainError
from civicbot.georeport import (
    Open311CreatedList,
    Open311Discovery,
    Open311Errors,
    Open311Form,
    Open311Query,
    Open311Requests,
    Open311RequestsQuery,
    Open311ServiceDefinition,
    Open311Services,
    Open311Tokens,
)
from civicbot.jsontext import dumps
from civicbot.text import clean
from civicbot.web import jsonbody
from civicbot.web.auth import check_rate, client_address
from civicbot.web.boundary import Api, Handler, query_fields
from civicbot.web.complaints import desk
from civicbot.web.errors import ApiError, domain_status
from civicbot.web.handlers import not_shared_when_host_made, own_base, read
from civicbot.web.templating import page_language

log = logging.getLogger(__name__)

BASE = "/open311/v2"


def respond(request: web.Request, root: str, value: Any, status: int = 200) -> web.Response:
    """``value`` (models or plain data) as the spec's JSON or XML, by the path's extension."""
    value = to_jsonable_python(value)
    if _format_of(request) == "json":
        return web.Response(
            text=dumps(value), status=status, content_type="application/json", charset="utf-8"
        )
    text = georeport.to_xml(root, value)
    return web.Response(text=text, status=status, content_type="text/xml", charset="utf-8")


def error_response(request: web.Request, status: int, description: str) -> web.Response:
    """The spec's error (its ``code`` is the status) with ``status``."""
    return respond(request, "errors", [{"code": status, "description": description}], status)


def _format_of(request: web.Request) -> str:
    return "json" if request.path.endswith(".json") else "xml"


def _spec_error(words: str) -> tuple[str, type[BaseModel]]:
    """A refusal as the document shows it: the spec's error array (and its XML)."""
    return words + " (XML: <errors><error><code/><description/></error></errors>)", Open311Errors


def _in_spec_errors(inner: Handler) -> Handler:
    """Every failure answers in the spec's error format; anything unexpected is the spec's 400."""

    @functools.wraps(inner)
    async def view(request: web.Request) -> web.StreamResponse:
        try:
            # The query as every endpoint reads it (strict UTF-8, no parameter twice), first.
            if wanted := query_fields(request, Open311Query).get("jurisdiction_id", "").strip():
                georeport.check_jurisdiction(wanted, _catalogue(request))  # optional: we serve one
            return await inner(request)
        except (ApiError, DomainError) as error:  # the spec knows 403 and 404; the rest is its 400
            status = error.status if isinstance(error, ApiError) else domain_status(error)
            return error_response(request, status if status in (403, 404) else 400, error.message)
        except web.HTTPException as error:
            if error.status < 400:
                raise
            return error_response(request, 404 if error.status == 404 else 400, error.reason)
        except Exception:
            log.exception("open311: %s %s failed", request.method, request.path)
            return error_response(request, 400, "General service error: the request could not be processed.")

    return view


# GeoReport resources at {BASE}/<resource>.json, documented; setup_routes adds each as .xml too.
routes = Api(refusal=_spec_error, wrap=_in_spec_errors)


def _catalogue(request: web.Request) -> Catalogue:
    setup = request.app[keys.VOICEMAP]
    if setup.catalogue is None:
        raise DomainError("categories_unavailable", "General service error: the service list is unavailable.")
    return setup.catalogue


# -- discovery and services -----------------------------------------------------------------
@routes.get(f"{BASE}/discovery.json", response=Open311Discovery)
async def open311_discovery(request: web.Request) -> web.Response:
    """Open311 service discovery

    Status Codes:
        404: jurisdiction_id not found
    """
    settings = request.app[keys.SETTINGS]
    _catalogue(request)  # the service list must be loadable for the endpoint to be advertised
    base = own_base(request)
    found = georeport.discovery(base + BASE, settings.services_dir, settings.city_name_en, base)
    return not_shared_when_host_made(request, respond(request, "discovery", found))


@routes.get(f"{BASE}/services.json", response=Open311Services)
async def open311_services(request: web.Request, query: Open311Query) -> web.Response:
    """Open311: the complaint categories as services

    Status Codes:
        404: jurisdiction_id not found
    """
    language = page_language(request)
    return respond(
        request, "services", [georeport.service(c, language) for c in _catalogue(request).categories]
    )


@routes.get(f"{BASE}/services/{{code}}.json", response=Open311ServiceDefinition)
async def open311_service_definition(request: web.Request, query: Open311Query) -> web.Response:
    """Open311: one service's definition (no attributes: metadata is false)

    Status Codes:
        404: No such service_code, or jurisdiction_id not found
    """
    found = georeport.service_definition(_catalogue(request), request.match_info["code"])
    return respond(request, "service_definition", found)


# -- requests -------------------------------------------------------------------------------
async def _records(request: web.Request, filters: voicemap.Filters) -> list[georeport.Open311Request]:
    catalogue, settings, language = _catalogue(request), request.app[keys.SETTINGS], page_language(request)
    places, tz, city_en = request.app[keys.VOICEMAP].places, settings.timezone, settings.city_name_en
    return await read(
        request, lambda conn: georeport.requests(conn, filters, catalogue, language, tz, places, city_en)
    )


@routes.get(f"{BASE}/requests.json", response=Open311Requests)
async def open311_requests(request: web.Request, query: Open311RequestsQuery) -> web.Response:
    """Open311: service requests (default: the last 90 days, at most 1000)

    Status Codes:
        400: A bad date, a span over 90 days, a bad status
        404: jurisdiction_id not found
    """
    _catalogue(request)
    tz = request.app[keys.SETTINGS].timezone
    return respond(request, "service_requests", await _records(request, query.filters(tz)))


@routes.get(f"{BASE}/requests/{{id}}.json", response=Open311Requests)
async def open311_request(request: web.Request, query: Open311Query) -> web.Response:
    """Open311: one service request

    Status Codes:
        404: No such request
    """
    _catalogue(request)
    wanted = request.match_info["id"]
    found = await read(request, lambda conn: georeport.published(conn, wanted, "service_request_id"))
    filters = voicemap.Filters(public_ids=(found.public_id,))
    return respond(request, "service_requests", await _records(request, filters))


@routes.get(f"{BASE}/tokens/{{token}}.json", response=Open311Tokens)
async def open311_token(request: web.Request, query: Open311Query) -> web.Response:
    """Open311: a token's request (requests are realtime: a token is a tracking id)

    Status Codes:
        404: No such token
    """
    token = request.match_info["token"]
    found = await read(request, lambda conn: georeport.published(conn, token, "token", public_only=False))
    return respond(request, "service_requests", [{"service_request_id": found.public_id, "token": token}])


_FORM = {"required": True, "content": {"application/x-www-form-urlencoded": {"schema": Open311Form}}}


@routes.post(f"{BASE}/requests.json", raw_body=_FORM, response=Open311CreatedList)
async def open311_create_request(request: web.Request) -> web.Response:
    """Open311: create a service request (api_key required)

    Status Codes:
        400: Missing service_code or location, a location outside the city
        403: Missing or invalid api_key
        404: Unknown service_code or jurisdiction_id
    """
    fields = await _form(request)
    key = fields.get("api_key", "")
    application = await read(request, lambda conn: georeport.application(conn, key))
    await check_rate(request, request.app[keys.LIMITERS].messages, "open311:" + application)
    if fields.get("jurisdiction_id"):
        georeport.check_jurisdiction(fields["jurisdiction_id"], _catalogue(request))
    report, category = georeport.new_request(
        fields, _catalogue(request), application, client_address(request), page_language(request)
    )
    done = (await voicemap.intake(desk(request), report, find_similar=False)).submitted
    return respond(request, "service_requests", [georeport.created(done, category, fields)])


async def _form(request: web.Request) -> dict[str, str]:
    """The form's fields, each through ``clean``; strict UTF-8 (a bad byte is a 400, not U+FFFD).

    GeoReport v2 POSTs ``application/x-www-form-urlencoded`` (multipart is taken as well); a JSON or
    other body is refused as such, rather than read as an empty form and answered "api_key was not
    provided" (its own key is in it)."""
    if request.content_type not in (jsonbody.FORM_TYPE, "multipart/form-data") and request.body_exists:
        raise ApiError(  # the spec's errors are 400, 403 and 404: a 415 would be answered 400 anyway
            400,
            "unsupported_media_type",
            f"Send the request as application/x-www-form-urlencoded (GeoReport v2), not {_media(request)}.",
        )
    try:
        pairs = await jsonbody.post_fields(request)
    except ApiError as error:
        if error.code == "payload_too_large":
            raise DomainError(
                "payload_too_large",
                "The request is too large (descriptions are limited to 4,000 characters).",
            ) from None
        raise
    fields: dict[str, str] = {}
    for key, value in pairs:
        if not isinstance(value, str):
            continue
        key = clean(key)
        if key in fields and key in _SINGLE:
            # lat=37.5&lat=38: which one is the place is the client's to say, not the first's.
            raise ApiError(400, "duplicate_field", f"{key} was given more than once.")
        fields.setdefault(key, clean(value))
    return fields


# The spec's POST arguments, each taken once; attribute[code][] may repeat (a multivaluelist),
# and what the spec does not define is ignored as before.
_SINGLE = frozenset(Open311Form.model_fields)


def _media(request: web.Request) -> str:
    """The body's media type as the client named it, short and printable (it is repeated in the answer)."""
    kind = request.content_type
    return kind[:60] if kind.isascii() and kind.isprintable() else "that media type"


async def not_found(request: web.Request) -> web.Response:
    """Anything else under /open311/v2/: the spec's error format, not ours."""
    allowed = _allowed_methods(request)
    if allowed:
        response = error_response(request, 405, f"{request.method} is not supported on {request.path}.")
        response.headers["Allow"] = ", ".join(allowed)
        return response
    return error_response(
        request, 404, f"{request.path} is not a GeoReport v2 resource (try {BASE}/discovery.xml)."
    )


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
    app.router.add_routes(routes)
    for route in routes:  # the same resources in the spec's XML (not in the document)
        add = app.router.add_get if route.method == "GET" else app.router.add_post  # GET adds HEAD
        add(route.path.removesuffix(".json") + ".xml", route.handler)
    app.router.add_route("*", BASE + "/{tail:.*}", not_found)
