"""HTTP adapters for civicbot.geocode.Geocoder: juso.go.kr, VWorld and Nominatim-compatible servers.

Chosen by ``CIVICBOT_GEOCODER`` (``juso``, ``vworld``, ``nominatim``), keyed by
``CIVICBOT_GEOCODER_KEY``, pointed elsewhere (a mirror, a fake in tests) by ``CIVICBOT_GEOCODER_URL``.
Every failure of the provider (network, HTTP status, a key refused, a body we cannot read) becomes
``GeocodeError``, so the report flow falls back to 동 level instead of failing.

Adding a provider: a class with ``name`` and ``async def geocode(query) -> list[Geocoded]`` here,
and one line in ``build``.
"""

from __future__ import annotations

import logging
import math
from typing import Any

import aiohttp

from civicbot.geocode import Geocoded, GeocodeError, Geocoder

log = logging.getLogger(__name__)

TIMEOUT = aiohttp.ClientTimeout(total=4.0)  # a citizen is waiting in a chat
USER_AGENT = "CivicBot/1.0 (civic participation bot; geocoding typed report addresses)"
DEFAULT_URLS = {
    "juso": "https://business.juso.go.kr/addrlink",
    "vworld": "https://api.vworld.kr/req",
    "nominatim": "",  # no default: the public OSM server's policy forbids this kind of use at scale
}


async def _get_json(url: str, params: dict[str, Any], provider: str) -> Any:
    try:
        headers = {"User-Agent": USER_AGENT}
        async with (
            aiohttp.ClientSession(timeout=TIMEOUT, headers=headers) as session,
            session.get(url, params=params) as response,
        ):
            if response.status != 200:
                raise GeocodeError(f"{provider}: HTTP {response.status}")
            return await response.json(content_type=None)
    except (aiohttp.ClientError, TimeoutError, ValueError) as exc:
        raise GeocodeError(f"{provider}: {type(exc).__name__}: {exc}") from None


class VWorldGeocoder:
    """VWorld (국토교통부 공간정보 오픈플랫폼): the address API, then the place search for landmarks."""

    name = "vworld"

    def __init__(self, base_url: str, key: str) -> None:
        self.base_url, self.key = base_url.rstrip("/"), key

    async def geocode(self, query: str) -> list[Geocoded]:
        """Road address, then lot address, then a place (POI) search; first that finds something."""
        for kind in ("road", "parcel"):
            found = await self._address(query, kind)
            if found:
                return found
        return await self._place(query)

    async def _address(self, query: str, kind: str) -> list[Geocoded]:
        params = {
            "service": "address",
            "request": "getcoord",
            "version": "2.0",
            "crs": "epsg:4326",
            "address": query,
            "refine": "true",
            "simple": "false",
            "format": "json",
            "type": kind,
            "key": self.key,
        }
        body = await _get_json(f"{self.base_url}/address", params, self.name)
        response = (body or {}).get("response", {})
        status = response.get("status")
        if status == "NOT_FOUND":
            return []
        if status != "OK":
            raise GeocodeError(f"vworld: status {status!r}: {response.get('error', {}).get('text', '')}")
        point = response.get("result", {}).get("point", {})
        label = response.get("refined", {}).get("text") or query
        return [Geocoded(float(point["y"]), float(point["x"]), label, self.name)]

    async def _place(self, query: str) -> list[Geocoded]:
        params = {
            "service": "search",
            "request": "search",
            "version": "2.0",
            "crs": "EPSG:4326",
            "size": "5",
            "query": query,
            "type": "place",
            "format": "json",
            "key": self.key,
        }
        body = await _get_json(f"{self.base_url}/search", params, self.name)
        response = (body or {}).get("response", {})
        if response.get("status") == "NOT_FOUND":
            return []
        if response.get("status") != "OK":
            raise GeocodeError(f"vworld search: status {response.get('status')!r}")
        items = response.get("result", {}).get("items", [])
        return [
            Geocoded(float(i["point"]["y"]), float(i["point"]["x"]), i.get("title") or query, self.name)
            for i in items
        ]


class JusoGeocoder:
    """juso.go.kr (행정안전부 도로명주소): address search, then the coordinates API for the first hit.

    The coordinates come in UTM-K (EPSG:5179); ``utmk_to_wgs84`` turns them into degrees. juso
    knows addresses only (no landmarks); both APIs take the same key in this adapter
    (CIVICBOT_GEOCODER_KEY, or ``search_key:coordinates_key`` when the city holds two).
    """

    name = "juso"

    def __init__(self, base_url: str, key: str) -> None:
        self.base_url = base_url.rstrip("/")
        self.search_key, _, coord_key = key.partition(":")
        self.coord_key = coord_key or self.search_key

    async def geocode(self, query: str) -> list[Geocoded]:
        """The first address juso finds for the query, with its building entrance point."""
        params = {
            "confmKey": self.search_key,
            "currentPage": "1",
            "countPerPage": "5",
            "keyword": query,
            "resultType": "json",
        }
        body = await _get_json(f"{self.base_url}/addrLinkApi.do", params, self.name)
        juso = self._results(body)
        if not juso:
            return []
        first = juso[0]
        coord_params = {
            "confmKey": self.coord_key,
            "admCd": first["admCd"],
            "rnMgtSn": first["rnMgtSn"],
            "udrtYn": first["udrtYn"],
            "buldMnnm": first["buldMnnm"],
            "buldSlno": first["buldSlno"],
            "resultType": "json",
        }
        coords = self._results(await _get_json(f"{self.base_url}/addrCoordApi.do", coord_params, self.name))
        if not coords:
            return []
        lat, lon = utmk_to_wgs84(float(coords[0]["entX"]), float(coords[0]["entY"]))
        return [Geocoded(lat, lon, first.get("roadAddr") or query, self.name)]

    @staticmethod
    def _results(body: Any) -> list[dict]:
        results = (body or {}).get("results", {})
        common = results.get("common", {})
        if common.get("errorCode", "0") != "0":
            raise GeocodeError(f"juso: {common.get('errorCode')}: {common.get('errorMessage', '')}")
        return results.get("juso") or []


class NominatimGeocoder:
    """Any Nominatim-compatible /search endpoint (a city's own Nominatim, Photon's /search is not)."""

    name = "nominatim"

    def __init__(self, base_url: str, key: str, bbox: tuple[float, float, float, float]) -> None:
        self.base_url, self.key, self.bbox = base_url.rstrip("/"), key, bbox

    async def geocode(self, query: str) -> list[Geocoded]:
        """Up to five hits inside the city's bounding box, best first."""
        west, south, east, north = self.bbox
        params = {
            "q": query,
            "format": "jsonv2",
            "limit": "5",
            "countrycodes": "kr",
            "viewbox": f"{west},{north},{east},{south}",
            "bounded": "1",
            "accept-language": "ko",
        }
        if self.key:
            params["key"] = self.key  # hosted Nominatim services (LocationIQ and the like)
        body = await _get_json(f"{self.base_url}/search", params, self.name)
        if not isinstance(body, list):
            raise GeocodeError("nominatim: the answer is not a list")
        return [
            Geocoded(float(h["lat"]), float(h["lon"]), h.get("display_name") or query, self.name)
            for h in body
        ]


def build(kind: str, settings) -> Geocoder:
    """The adapter for CIVICBOT_GEOCODER=kind; ConfigError-worthy mistakes are caught in config.py."""
    url = settings.geocoder_url or DEFAULT_URLS[kind]
    if kind == "vworld":
        return VWorldGeocoder(url, settings.geocoder_key)
    if kind == "juso":
        return JusoGeocoder(url, settings.geocoder_key)
    return NominatimGeocoder(url, settings.geocoder_key, settings.city_bbox)


# UTM-K (EPSG:5179): GRS80, transverse Mercator at 38°N 127.5°E, scale 0.9996, false E/N 1e6/2e6.
_A, _F = 6378137.0, 1 / 298.257222101
_LAT0, _LON0, _K0, _FE, _FN = math.radians(38.0), math.radians(127.5), 0.9996, 1_000_000.0, 2_000_000.0


def utmk_to_wgs84(x: float, y: float) -> tuple[float, float]:
    """UTM-K metres (easting, northing) to (lat, lon) degrees; inverse TM (Snyder 1987, §8)."""
    e2 = _F * (2 - _F)
    ep2 = e2 / (1 - e2)

    def meridian(phi: float) -> float:
        return _A * (
            (1 - e2 / 4 - 3 * e2**2 / 64 - 5 * e2**3 / 256) * phi
            - (3 * e2 / 8 + 3 * e2**2 / 32 + 45 * e2**3 / 1024) * math.sin(2 * phi)
            + (15 * e2**2 / 256 + 45 * e2**3 / 1024) * math.sin(4 * phi)
            - (35 * e2**3 / 3072) * math.sin(6 * phi)
        )

    m = meridian(_LAT0) + (y - _FN) / _K0
    mu = m / (_A * (1 - e2 / 4 - 3 * e2**2 / 64 - 5 * e2**3 / 256))
    e1 = (1 - math.sqrt(1 - e2)) / (1 + math.sqrt(1 - e2))
    phi1 = (
        mu
        + (3 * e1 / 2 - 27 * e1**3 / 32) * math.sin(2 * mu)
        + (21 * e1**2 / 16 - 55 * e1**4 / 32) * math.sin(4 * mu)
        + (151 * e1**3 / 96) * math.sin(6 * mu)
        + (1097 * e1**4 / 512) * math.sin(8 * mu)
    )
    sin1, cos1, tan1 = math.sin(phi1), math.cos(phi1), math.tan(phi1)
    c1, t1 = ep2 * cos1**2, tan1**2
    n1 = _A / math.sqrt(1 - e2 * sin1**2)
    r1 = _A * (1 - e2) / (1 - e2 * sin1**2) ** 1.5
    d = (x - _FE) / (n1 * _K0)
    lat = phi1 - (n1 * tan1 / r1) * (
        d**2 / 2
        - (5 + 3 * t1 + 10 * c1 - 4 * c1**2 - 9 * ep2) * d**4 / 24
        + (61 + 90 * t1 + 298 * c1 + 45 * t1**2 - 252 * ep2 - 3 * c1**2) * d**6 / 720
    )
    lon = (
        _LON0
        + (
            d
            - (1 + 2 * t1 + c1) * d**3 / 6
            + (5 - 2 * c1 + 28 * t1 - 3 * c1**2 + 8 * ep2 + 24 * t1**2) * d**5 / 120
        )
        / cos1
    )
    return round(math.degrees(lat), 7), round(math.degrees(lon), 7)
