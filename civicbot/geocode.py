"""Addresses and landmarks to points: the interface, the offline recogniser and the provider choice.

A citizen rarely knows their 동; they give a road-name address ("세종대로 110", Korea's official
format), a lot number ("역삼동 737"), or a landmark ("합정역 7번 출구", "서울시청 앞"). This module:

- recognises those shapes by pattern, with no network (``recognise``), so the report flow can ask
  for a map pick instead of saying it found nothing;
- reads coordinates typed or pasted in a Google, Naver or Kakao map link (``typed_point``) and
  well-known areas named without 구/동, "홍대", "여의도" (``area_queries``, ``AREA_NAMES``), both
  offline: the gazetteer (civicbot.geo) then says where they are;
- defines ``Geocoder``, the one interface the report flow calls; providers live in
  ``civicbot/geocoders.py`` (juso.go.kr, VWorld, Nominatim-compatible) and are chosen by
  ``CIVICBOT_GEOCODER`` through ``from_settings``;
- never imports aiohttp: the HTTP client is the adapter's business, so the domain stays testable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

# Road-name address (도로명주소): a name ending in 로/길 (대로 too), then the building number.
# "세종대로 110", "테헤란로 123-4", "월드컵로1길 12", "양화로 45길 7" (the 번길 form is Busan's).
_ROAD = re.compile(r"[가-힣A-Za-z0-9]+(?:로|길)\s*(?:\d+\s*(?:번?길)\s*)?\d+(?:-\d+)?(?![0-9])")
# Lot-number address (지번주소): 동/가/리 then the lot, optionally 산 and a sub-number.
_LOT = re.compile(r"[가-힣]+(?:동|가|리)\s*(?:산\s*)?\d+(?:-\d+)?\s*(?:번지)?(?![0-9가-힣])")
_EXIT = re.compile(r"\d+\s*번\s*출구")
# Landmarks a Seoulite names: stations, city/district offices, parks, markets, schools ...
LANDMARK_SUFFIXES = (
    "역",
    "시청",
    "구청",
    "주민센터",
    "행정복지센터",
    "공원",
    "광장",
    "시장",
    "병원",
    "초등학교",
    "중학교",
    "고등학교",
    "대학교",
    "학교",
    "터미널",
    "사거리",
    "삼거리",
    "오거리",
    "교차로",
    "대교",
    "터널",
    "아파트",
    "빌딩",
    "타워",
    "도서관",
    "우체국",
    "경찰서",
    "소방서",
    "백화점",
    "궁",
    "문",
)
# The same landmarks written in English, as a visitor or the bot's English pages name them:
# capitalised name words ("&", "and", "of" may join them) ending in a landmark noun, optionally an
# exit ("Dongdaemun History & Culture Park", "Gangnam Station exit 11", "Mangwon market").
_ENGLISH_NAME_WORD = r"(?:[A-Z][A-Za-z'.-]*|&|and|of)"
ENGLISH_LANDMARK_NOUNS = (
    r"(?i:station|stn|market|park|plaza|square|bridge|stadium|gate|palace|hospital|tower|"
    r"terminal|university|univ|library|city\s+hall|hall|office|mall|stream|tunnel|intersection|"
    r"crossroads|school|apartments?|apt|department\s+store|post\s+office|police\s+station)"
)
ENGLISH_LANDMARK = re.compile(
    r"\b(?!(?:The|A|An|My|Our|This|That|In|At|Near|By|On|From|To)\b)"
    rf"[A-Z][A-Za-z'.-]*(?:\s+{_ENGLISH_NAME_WORD})*?\s+{ENGLISH_LANDMARK_NOUNS}\b"
    r"(?:,?\s+(?i:exit)\s*(?:no\.?\s*)?\d+)?"
)
# Words that follow a place name in a sentence and are not part of it ("강남역 앞에서").
_PARTICLES = ("에서", "에", "앞", "근처", "쪽", "부근", "인근", "건너편", "맞은편", "사이", "으로", "로")
_WORD = re.compile(r"[가-힣A-Za-z0-9]+")


@dataclass(frozen=True)
class Recognised:
    """A place-shaped phrase found in a message: ``kind`` is "road", "lot" or "landmark"."""

    kind: str
    query: str  # the phrase to send to a geocoder, e.g. "세종대로 110" or "합정역 7번 출구"


def recognise(text: str) -> Recognised | None:
    """The address or landmark a message names, by pattern alone (no network, no gazetteer).

    Road-name addresses win over lot numbers, which win over landmarks; None when the message has
    no place-shaped phrase (then only 구/동 names can place it).
    """
    road = _ROAD.search(text)
    if road:
        return Recognised("road", _with_city_prefix(text, road.start(), road.group(0)))
    lot = _LOT.search(text)
    if lot and not lot.group(0).strip().isdigit():
        return Recognised("lot", _with_city_prefix(text, lot.start(), lot.group(0)))
    landmark = _landmark(text)
    if landmark:
        return Recognised("landmark", landmark)
    english = ENGLISH_LANDMARK.search(text)
    if english:
        return Recognised("landmark", english.group(0))
    return None


def _with_city_prefix(text: str, start: int, phrase: str) -> str:
    """Keep the 시/구 words before an address ("서울특별시 중구 세종대로 110"): providers need them."""
    before = text[:start].split()[-3:]
    kept = [w for w in before if w.endswith(("시", "구", "군", "동"))]
    return " ".join([*kept, phrase.strip()])


def _landmark(text: str) -> str | None:
    words = _WORD.findall(text)
    for index, word in enumerate(words):
        name = _strip_particles(word)
        if any(
            name.endswith(s) and len(name) > len(s) + (1 if s in ("궁", "문") else 0)
            for s in LANDMARK_SUFFIXES
        ):
            if name.endswith("동"):
                continue
            tail = " ".join(words[index + 1 : index + 3])
            exit_match = _EXIT.match(tail)
            return f"{name} {exit_match.group(0)}" if exit_match else name
    return None


def _strip_particles(word: str) -> str:
    for particle in _PARTICLES:
        if word.endswith(particle) and len(word) > len(particle) + 1:
            stripped = word[: -len(particle)]
            # "양화로" ends in 로 but is a road, not "양화" + 로: only strip when what is left is a place.
            if particle in ("로", "으로") and not stripped.endswith(tuple(LANDMARK_SUFFIXES)):
                continue
            return stripped
    return word


@dataclass(frozen=True)
class Geocoded:
    """One candidate point for a query, in WGS84 degrees."""

    lat: float
    lon: float
    label: str  # the provider's name for it ("서울특별시 중구 세종대로 110"), shown to the citizen
    source: str  # the provider ("vworld", "juso", "nominatim")


class GeocodeError(Exception):
    """The provider could not answer (network, key, quota); the flow falls back to 동 level."""


class Geocoder(Protocol):
    """Turns an address or landmark into points. Implementations must not block the event loop.

    ``geocode`` returns candidates best first (empty when the provider knows no such place) and
    raises GeocodeError when the provider itself failed. A provider is an adapter: add one in
    ``civicbot/geocoders.py`` and a branch in ``from_settings``; the report flow does not change.
    """

    name: str

    async def geocode(self, query: str) -> list[Geocoded]: ...


class OfflineGeocoder:
    """No provider configured: nothing is looked up, the flow stays at 구/동 level and says so."""

    name = "offline"

    async def geocode(self, query: str) -> list[Geocoded]:
        """Always empty: offline, only the gazetteer's 구/동 names are known."""
        return []


PROVIDERS = ("", "offline", "juso", "vworld", "nominatim")


def from_settings(settings) -> Geocoder:
    """The geocoder named by CIVICBOT_GEOCODER (empty or "offline": none), built from settings.

    The HTTP adapters are imported only when chosen, so an offline deployment never loads them.
    """
    kind = settings.geocoder
    if kind in ("", "offline"):
        return OfflineGeocoder()
    from civicbot import geocoders

    return geocoders.build(kind, settings)


# -- typed coordinates and map links ----------------------------------------------------------
# A coordinate as people paste it: decimal degrees ("37.5665", "126.9780°") or degrees-minutes-
# seconds as Google Maps shows them ("37°33'59.4\""), with a hemisphere letter before or after
# ("37.5665N", "N 37.5665") or the Korean words (북위 37.5665, 동경 126.978). Decimal degrees need
# a decimal point so that "세종대로 110" or "3번 출구" is never read as a coordinate.
_DECIMAL = r"[-+−]?\d{1,3}\.\d+"
_DMS = r"\d{1,3}\s*[°º˚]\s*\d{1,2}\s*['′’]\s*(?:\d{1,2}(?:\.\d+)?\s*(?:[\"″”]|''))?"
_HEMI_BEFORE = r"(?:(?P<{n}b>[NSEWnsew]|북위|남위|동경|서경)\s*)?"
_HEMI_AFTER = r"(?:\s*[°º˚])?(?:\s*(?P<{n}a>[NSEWnsew])(?![A-Za-z]))?"


def _coordinate(n: str) -> str:
    return _HEMI_BEFORE.format(n=n) + rf"(?P<{n}>{_DMS}|{_DECIMAL})(?![\d.])" + _HEMI_AFTER.format(n=n)


_PAIR = re.compile(rf"(?<![\w.]){_coordinate('x')}\s*[,;/\s]\s*{_coordinate('y')}")
# Map links whose parameters name the axes: Google's pin (!3d<lat>!4d<lon>), lat=/lng= (Naver and
# others), Naver's c=<lon>,<lat> (longitude first), Kakao's /link/map/<name>,<lat>,<lon>.
_GOOGLE_PIN = re.compile(rf"!3d({_DECIMAL})!4d({_DECIMAL})")
_LAT_KEY = re.compile(rf"(?:^|[?&#\s])(?:lat|latitude|y)=({_DECIMAL})", re.IGNORECASE)
_LON_KEY = re.compile(rf"(?:^|[?&#\s])(?:lng|lon|long|longitude|x)=({_DECIMAL})", re.IGNORECASE)
_NAVER_CENTRE = re.compile(rf"[?&]c=({_DECIMAL}),({_DECIMAL})")
_MAP_LINK = re.compile(
    r"https?://(?:[\w-]+\.)*(?:google\.[a-z.]+/maps|maps\.google\.[a-z.]+|goo\.gl/maps|maps\.app\.goo\.gl|"
    r"map\.naver\.com|naver\.me|m\.map\.naver\.com|map\.kakao\.com|kko\.to|place\.map\.kakao\.com)\S*",
    re.IGNORECASE,
)
_SOUTH_OR_WEST = ("S", "W", "남위", "서경")
_LONGITUDE_WORDS = ("E", "W", "동경", "서경")


@dataclass(frozen=True)
class TypedPoint:
    """Coordinates found in a message, in WGS84 decimal degrees (not yet checked to be in range or
    in the city: the caller's gazetteer says that)."""

    lat: float
    lon: float


def map_link(text: str) -> str | None:
    """The first Google, Naver or Kakao map link in ``text``, or None. A short share link
    (naver.me, kko.to, maps.app.goo.gl) names no coordinates; opening it would need the network,
    which the report flow never uses for this: the caller asks for the point another way."""
    found = _MAP_LINK.search(text)
    return found.group(0) if found else None


def typed_point(text: str) -> TypedPoint | None:
    """The point a message writes as coordinates, or None when it writes none.

    Reads "37.5665, 126.9780", "37.5665 126.9780", "37.5665N 126.9780E", "N37.5665 E126.9780",
    "37.5665° N, 126.9780° E", "북위 37.5665 동경 126.9780", "37°33'59.4\"N 126°58'40.8\"E", a
    longitude written first ("126.9780, 37.5665": a value over 90 can only be a longitude), and map
    links that carry coordinates: Google (``@lat,lon,15z``, ``!3dlat!4dlon``, ``?q=lat,lon``), Naver
    (``?c=lon,lat,…``, ``lat=…&lng=…``) and Kakao (``/link/map/name,lat,lon``). Without hemisphere
    letters a pair is read latitude first, as every map app writes it. Range checks are the
    caller's (civicbot.geo.check_coordinates), so "95.1, 126.9" comes back as written.
    """
    text = _unquote(text)
    pin = _GOOGLE_PIN.search(text)
    if pin:
        return TypedPoint(_number(pin.group(1)), _number(pin.group(2)))
    lat_key, lon_key = _LAT_KEY.search(text), _LON_KEY.search(text)
    if lat_key and lon_key:
        return TypedPoint(_number(lat_key.group(1)), _number(lon_key.group(1)))
    naver = _NAVER_CENTRE.search(text) if "naver" in text.casefold() else None
    if naver:
        first, second = _number(naver.group(1)), _number(naver.group(2))
        return TypedPoint(second, first) if abs(first) > 90 >= abs(second) else TypedPoint(first, second)
    pair = _PAIR.search(text)
    if pair is None:
        return None
    first = _signed(pair.group("x"), pair.group("xb") or pair.group("xa"))
    second = _signed(pair.group("y"), pair.group("yb") or pair.group("ya"))
    first_hemi = (pair.group("xb") or pair.group("xa") or "").upper()
    second_hemi = (pair.group("yb") or pair.group("ya") or "").upper()
    if first_hemi in _LONGITUDE_WORDS or second_hemi in ("N", "S", "북위", "남위"):
        return TypedPoint(second, first)  # "126.978E 37.5665N": the letters say which is which
    if not first_hemi and not second_hemi and abs(first) > 90 >= abs(second):
        return TypedPoint(second, first)  # "126.9780, 37.5665": only a longitude exceeds 90
    return TypedPoint(first, second)


def _unquote(text: str) -> str:
    # "?q=37.5665%2C126.978": a link copied from a browser's address bar.
    from urllib.parse import unquote

    return unquote(text) if "%" in text else text


def _number(raw: str) -> float:
    return float(raw.replace("−", "-"))


def _signed(raw: str, hemisphere: str | None) -> float:
    """Decimal degrees of one coordinate; a southern or western hemisphere makes it negative."""
    dms = re.match(r"(\d{1,3})\s*[°º˚]\s*(\d{1,2})\s*['′’]\s*(\d{1,2}(?:\.\d+)?)?", raw)
    value = (
        int(dms.group(1)) + int(dms.group(2)) / 60 + float(dms.group(3) or 0) / 3600 if dms else _number(raw)
    )
    if hemisphere and hemisphere.upper() in _SOUTH_OR_WEST:
        value = -abs(value)
    return value


# -- well-known areas named without 구/동 ------------------------------------------------------
# Seoulites name places by areas that are not administrative names: "홍대" (Hongik University,
# in 서교동), "강남" (the streets around 강남역, in 역삼동), "건대" (Konkuk University, 화양동).
# Each maps to the 구 and 동 where its centre lies, read off the city's own boundary data (the
# gazetteer); tests/test_flows_twentysecond.py checks every one resolves to exactly one 동 there.
# An area whose name is its 동's without 동 ("여의도" -> 여의도동, "잠실" -> 잠실동) needs no entry:
# ``area_queries`` tries the name with 동 as well.
AREA_NAMES: dict[str, str] = {
    "강남": "강남구 역삼동",
    "홍대": "마포구 서교동",
    "홍대입구": "마포구 동교동",
    "건대": "광진구 화양동",
    "건대입구": "광진구 화양동",
    "신촌": "서대문구 창천동",
    "광화문": "종로구 세종로",
    "대학로": "종로구 동숭동",
    "북촌": "종로구 가회동",
    "서촌": "종로구 체부동",
    "가로수길": "강남구 신사동",
    "경리단길": "용산구 이태원동",
    "코엑스": "강남구 삼성동",
    "성수": "성동구 성수동2가",
    "서울숲": "성동구 성수동1가",
    "뚝섬": "성동구 성수동1가",
    "동대문": "중구 을지로6가",
    "남대문": "중구 남창동",
    "서울역": "용산구 동자동",
    "용산": "용산구 한강로3가",
    "영등포": "영등포구 영등포동",
    "신림": "관악구 신림동",
    "서울대입구": "관악구 봉천동",
    "청량리": "동대문구 전농동",
    "왕십리": "성동구 행당동",
}
# What follows an area's name in a short answer and is not part of it: "여의도요", "잠실 쪽이에요",
# "홍대 근처", "강남역 말고 강남 일대".
_AREA_TAIL = re.compile(
    r"(?:쪽|근처|부근|인근|일대|주변|앞|에서|이에요|예요|이요|요|입니다|이고|이랑|에|이|은|는)+$"
)


def area_queries(text: str) -> list[tuple[str, str]]:
    """(the area's name as typed, a gazetteer query) for each well-known area a short message
    names without 구/동, best first.

    "홍대 근처요" -> [("홍대", "마포구 서교동")]; "여의도" -> [("여의도", "여의도동"), ("여의도",
    "여의도구")]; "노원 쪽" -> [..., ("노원", "노원구")] (a district's name without 구). Only the
    first three words are read: a place step's answer is short. Whether "<name>동" or "<name>구"
    exists is the gazetteer's to say (``Gazetteer.match``), so a caller tries each in order.
    """
    queries: list[tuple[str, str]] = []
    for word in _WORD.findall(text)[:3]:
        name = word if word in AREA_NAMES else _AREA_TAIL.sub("", word)
        if name in AREA_NAMES:
            queries.append((name, AREA_NAMES[name]))
        elif len(name) >= 2 and re.fullmatch(r"[가-힣]+", name) and not name.endswith(("동", "구", "시")):
            queries.extend([(name, name + "동"), (name, name + "구")])
    return queries
