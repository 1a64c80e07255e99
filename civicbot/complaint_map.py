"""The public map's data: reports as GeoJSON (points, or clusters when too many), cached by version.

The map asks for the same views again and again (the whole city, a district); the answer is made
once per data version (``voicemap.data_version``) and kept gzipped with its ETag. Clusters are
counts of hundreds of reports, so they are reused for ``CLUSTER_REUSE_SECONDS`` even when a new
report arrives; points are always fresh.
"""

from __future__ import annotations

import gzip
import hashlib
import threading
import time
from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any, Literal
from zoneinfo import ZoneInfo

from pydantic import BaseModel, Field

from civicbot import clock, i18n, voicemap
from civicbot.categories import Catalogue
from civicbot.geo import DISTRICT_NAMES_EN, romanise_dong
from civicbot.jsontext import dumps
from civicbot.shapes import absent

CLUSTER_REUSE_SECONDS = 5.0
POINTS_MAX = 500  # more matches than this in view, and the map gets clusters instead of points
POINTS_FROM_ZOOM = 16  # a street or two: points again (newest first, up to 'limit')


class GeoFeature(BaseModel):
    type: Literal["Feature"]
    id: str
    geometry: dict[str, Any] = Field(
        json_schema_extra={
            "type": "object",
            "required": ["type", "coordinates"],
            "properties": {
                "type": {"type": "string", "enum": ["Point"]},
                "coordinates": {"type": "array", "items": {"type": "number"}, "minItems": 2, "maxItems": 2},
            },
        }
    )
    properties: dict[str, Any]


# What ``geojson`` returns, for the document. It stays a dict: the answer is packed once and
# cached, and the map's thousands of features are not worth validating on the way.
class ComplaintsGeoJSON(BaseModel):
    type: Literal["FeatureCollection"]
    features: list[GeoFeature]
    truncated: bool = Field(description="More reports match than 'limit'")
    clustered: bool = absent(
        description="More than 500 reports matched: each feature is a grid cell {cluster: true, count, "
        "open}, not a report"
    )
    zoom: int = absent(description="The zoom the clusters were made for")
    total: int = absent(description="Reports in all the clusters")


def geojson(conn, filters: voicemap.Filters, limit: int, zoom: int, city, tz: ZoneInfo) -> dict:
    """The FeatureCollection for the map (``ComplaintsGeoJSON``): at most ``limit`` points, or clusters
    for ``zoom`` (-1: the zoom that fits the box) when more than ``POINTS_MAX`` match below
    ``POINTS_FROM_ZOOM``."""
    rows, total = voicemap.search(conn, filters, POINTS_MAX, 0, city)
    if total is None:  # too many to show as points
        zoom = zoom if zoom >= 0 else voicemap.zoom_for_box(filters.bbox or city)
        if zoom < POINTS_FROM_ZOOM:
            found = voicemap.clusters(conn, filters, zoom)
            features = [cluster_feature(c) for c in found]
            return {"type": "FeatureCollection", "features": features, "clustered": True, "zoom": zoom,
                    "total": sum(c.count for c in found), "truncated": False}  # fmt: skip
        rows, total = voicemap.search(conn, filters, limit, 0, city)
    features = [feature(c, tz) for c in rows[:limit]]
    return {
        "type": "FeatureCollection",
        "features": features,
        "truncated": total is None or len(rows) > limit,
    }


def cluster_feature(c: voicemap.Cluster) -> dict:
    """A grid cell of reports: ``{cluster: true, count, open}`` at the cell's centre."""
    return {
        "type": "Feature",
        "id": f"cluster:{c.lat},{c.lon}",
        "geometry": {"type": "Point", "coordinates": [c.lon, c.lat]},
        "properties": {"cluster": True, "count": c.count, "open": c.open},
    }


# Public fields a map feature does not carry: the point is its geometry, and the map links a
# duplicate through the report's own page. Every other public field is a feature property.
MAP_LEAVES_OUT = frozenset({"lat", "lon", "duplicate_of"})


def feature(c: voicemap.PublicComplaint, tz: ZoneInfo) -> dict:
    """One report on the map: its public fields (``PublicComplaint``, but ``MAP_LEAVES_OUT``), with
    previews of its text, times in the city's zone and the English names of its place."""
    public = c.model_dump(mode="json", by_alias=True, exclude=set(MAP_LEAVES_OUT))
    return {
        "type": "Feature",
        "id": c.public_id,
        "geometry": {"type": "Point", "coordinates": [c.lon, c.lat]},
        "properties": {
            **public,
            "district_en": DISTRICT_NAMES_EN.get(c.district_code, c.district),  # the English map
            "dong_en": romanise_dong(c.dong) or None,
            "description": voicemap.preview(c.description),
            "status_note": voicemap.preview(c.status_note),
            "created_at": clock.local_iso(c.created_at, tz),
            "updated_at": clock.local_iso(c.updated_at, tz),
        },
    }


def page_config(catalogue: Catalogue | None, lang: str, bbox: tuple[float, ...]) -> dict:
    """What the public map page (``map.js``) is given in ``lang``: the categories (code, name,
    group), the statuses' names, its raw text templates (``map.js`` fills in ``{count}`` and picks a plural itself) and
    the city's ``bbox``."""
    categories = [
        {"code": c.code, "name": c.label(lang), "group": c.group.get(lang, c.group["ko"])}
        for c in (catalogue.categories if catalogue else ())
    ]
    return {
        "lang": lang,
        "categories": categories,
        "statuses": {status: voicemap.status_label(status, lang) for status in voicemap.STATUSES},
        "text": i18n.catalogue().section("map_page", lang),
        "bbox": list(bbox),
    }


def queue_collection(rows: list[voicemap.PublicComplaint]) -> dict:
    """The console queue's map: a point per report with its id, status, open or not and a preview."""
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [c.lon, c.lat]},
            "properties": {
                "id": c.public_id,
                "status": c.status,
                "open": c.open,
                "text": voicemap.preview(c.description, 80),
                "approximate": c.approximate,  # only a 구's or 동's centre: drawn as estimated
            },
        }
        for c in rows
    ]
    return {"type": "FeatureCollection", "features": features}


def etag(body: bytes) -> str:
    """A strong ETag of a body (quoted, as HTTP wants it)."""
    return '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'


@dataclass(frozen=True)
class Packed:
    """A map answer ready to send: as JSON, gzipped, and its ETag (of the JSON)."""

    version: tuple[int, ...]
    made_at: float  # time.monotonic()
    clustered: bool
    raw: bytes
    packed: bytes
    etag: str


def pack(body: dict, version: tuple[int, ...]) -> Packed:
    """``body`` encoded once (call it off the event loop: gzip of a big map takes milliseconds)."""
    raw = dumps(body).encode()
    return Packed(
        version, time.monotonic(), bool(body.get("clustered")), raw, gzip.compress(raw, 6), etag(raw)
    )


class MapCache:
    """The last ``size`` map answers by key (database, filters, limit, zoom), least used out first."""

    def __init__(self, size: int = 512) -> None:
        self.size = size
        self._entries: OrderedDict[Hashable, Packed] = OrderedDict()
        self._lock = threading.Lock()  # readers on several threads share it

    def get(self, key: Hashable, version: tuple[int, ...]) -> Packed | None:
        """The answer kept for ``key`` if it still holds at data ``version``."""
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            fresh = entry.version == version or (
                entry.clustered and time.monotonic() - entry.made_at < CLUSTER_REUSE_SECONDS
            )
            if fresh:
                self._entries.move_to_end(key)
            return entry if fresh else None

    def put(self, key: Hashable, entry: Packed) -> None:
        with self._lock:
            self._entries[key] = entry
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)


_CACHE = MapCache()


def cached_geojson(
    conn, store: str, filters: voicemap.Filters, limit: int, zoom: int, city, tz: ZoneInfo
) -> Packed:
    """``geojson`` packed, from the cache while the data of database ``store`` (its path or URL) is
    at the same version, else made, packed and kept. Safe on any reader thread."""
    version = voicemap.data_version(conn)
    key = (store, filters, limit, zoom)
    entry = _CACHE.get(key, version)
    if entry is None:
        entry = pack(geojson(conn, filters, limit, zoom, city, tz), version)
        _CACHE.put(key, entry)
    return entry


_BOUNDARIES: dict[tuple[int, str], bytes] = {}


def boundaries(places: Any, which: str) -> bytes:
    """The gazetteer's ``boundaries_geojson`` or ``dongs_geojson`` as JSON bytes, made once per
    gazetteer (the city's boundaries do not change while it runs)."""
    body = _BOUNDARIES.get((id(places), which))
    if body is None:
        body = _BOUNDARIES[(id(places), which)] = dumps(getattr(places, which)()).encode()
    return body
