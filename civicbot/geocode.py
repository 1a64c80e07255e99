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
        return _bare_pair(text)
    first = _signed(pair.group("x"), pair.group("xb") or pair.group("xa"))
    second = _signed(pair.group("y"), pair.group("yb") or pair.group("ya"))
    first_hemi = (pair.group("xb") or pair.group("xa") or "").upper()
    second_hemi = (pair.group("yb") or pair.group("ya") or "").upper()
    if first_hemi in _LONGITUDE_WORDS or second_hemi in ("N", "S", "북위", "남위"):
        return TypedPoint(second, first)  # "126.978E 37.5665N": the letters say which is which
    if not first_hemi and not second_hemi and abs(first) > 90 >= abs(second):
        return TypedPoint(second, first)  # "126.9780, 37.5665": only a longitude exceeds 90
    return TypedPoint(first, second)


# A message that is nothing but two numbers: whole degrees ("91, 200", "37 127") or decimal commas
# as much of Europe writes them ("37,5665 126,9780", "37,5665; 126,9780"). Read only when the
# numbers are the whole message, so "3번 출구 2층" or "세종대로 110" never is (probe22 #4).
_BARE_INTEGERS = re.compile(r"^\s*([-+−]?\d{1,3})\s*[,;/\s]\s*([-+−]?\d{1,3})\s*[.]?\s*$")
_BARE_COMMAS = re.compile(r"^\s*([-+−]?\d{1,3},\d+)\s*(?:[;/]\s*|\s+)([-+−]?\d{1,3},\d+)\s*[.]?\s*$")


# Whole degrees read as a point only where they could be one of Korea's (latitude 33-39, longitude
# 124-132, either order), or where no map has them (a latitude past 90 or a longitude past 180,
# both of two figures or more: "91, 200" is shown back as no point on Earth). Two small numbers
# ("2 3", "12 34") are a floor and a room, a count, a 번지: no coordinates (twenty-third pass's probe:
# "2 3" was answered "outside the city").
_KOREA_LAT = (33, 39)
_KOREA_LON = (124, 132)


def _looks_like_degrees(first: float, second: float) -> bool:
    """Whether two whole numbers typed alone look like coordinates (see the rule above)."""

    def within(value: float, bounds: tuple[int, int]) -> bool:
        return bounds[0] <= abs(value) <= bounds[1]

    korean = (within(first, _KOREA_LAT) and within(second, _KOREA_LON)) or (
        within(first, _KOREA_LON) and within(second, _KOREA_LAT)
    )
    off_the_map = min(abs(first), abs(second)) >= 10 and (abs(first) > 90 or abs(second) > 180)
    return korean or off_the_map


def _bare_pair(text: str) -> TypedPoint | None:
    """Two numbers alone as a point, latitude first (a first value over 90 with a second within it:
    longitude first, as in ``typed_point``); None for anything else, and for whole numbers that do
    not look like degrees (``_looks_like_degrees``: "2 3" is None, "37 127" and "91, 200" are
    points, the latter out of range for the caller to say so). Decimal commas are always read."""
    found = _BARE_COMMAS.match(text)
    whole = found is None
    found = found or _BARE_INTEGERS.match(text)
    if found is None:
        return None
    first, second = (_number(found.group(i).replace(",", ".")) for i in (1, 2))
    if whole and not _looks_like_degrees(first, second):
        return None
    if abs(first) > 90 >= abs(second) and abs(first) <= 180:
        return TypedPoint(second, first)
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
    # Stations and landmarks whose name is no 동's (twenty-second pass, probe #1: "시청역",
    # "서울역", "광화문 광장" asked for a map the chat API and the terminal do not have). Each 동 was
    # read off the gazetteer at the landmark's point (Gazetteer.locate), not guessed from the name.
    "시청": "중구 태평로1가",
    "서울시청": "중구 태평로1가",
    "서울광장": "중구 태평로1가",
    "종각": "종로구 관철동",
    "을지로입구": "중구 을지로1가",
    "고속터미널": "서초구 반포동",
    "선릉": "강남구 대치동",
    "교대": "서초구 서초동",
    "경복궁": "종로구 세종로",
    "덕수궁": "중구 정동",
    "창덕궁": "종로구 와룡동",
    "청계광장": "종로구 서린동",
    "광장시장": "종로구 예지동",
    "남산타워": "용산구 용산동2가",
    "N서울타워": "용산구 용산동2가",
    "롯데월드": "송파구 잠실동",
    "롯데월드타워": "송파구 신천동",
    "올림픽공원": "송파구 방이동",
    "종합운동장": "송파구 잠실동",
    "여의나루": "영등포구 여의도동",
    "국회의사당": "영등포구 여의도동",
    "디지털미디어시티": "마포구 상암동",
    "월드컵경기장": "마포구 성산동",
    "가산디지털단지": "금천구 가산동",
    "구로디지털단지": "구로구 구로동",
    "혜화": "종로구 동숭동",
    "동대문역사문화공원": "중구 을지로7가",
    "동대문디자인플라자": "중구 을지로7가",
    "DDP": "중구 을지로7가",
    "낙성대": "관악구 봉천동",
    "서울대": "관악구 신림동",
    "김포공항": "강서구 방화동",
    "한강진": "용산구 한남동",
    "녹사평": "용산구 용산동4가",
    "삼각지": "용산구 한강로1가",
    "이대": "서대문구 대현동",
    "이화여대": "서대문구 대현동",
    "연대": "서대문구 신촌동",
    "연세대": "서대문구 신촌동",
    "경희대": "동대문구 회기동",
    "한양대": "성동구 행당동",
    "이수": "동작구 사당동",
    "총신대입구": "동작구 사당동",
    "오목교": "양천구 목동",
    "까치산": "강서구 화곡동",
    "뚝섬유원지": "광진구 자양동",
    "동묘앞": "종로구 숭인동",
    "독립문": "서대문구 현저동",
}
# A landmark noun after an area's name: "강남역", "홍대입구역", "광화문광장", "동대문시장",
# "여의도공원" are the area's station, square, market or park ("역" first: 홍대입구 before 홍대).
_AREA_LANDMARK = ("역", "입구역", "광장", "시장", "공원")
# An English area name is the Korean one in the Revised Romanization ("Hongdae", "Itaewon",
# "Yeouido"); these words around it are not names.
_ENGLISH_NOT_NAMES = frozenset(
    {"near", "around", "by", "the", "at", "in", "on", "of", "to", "from", "close", "next", "behind"}
    | {"area", "side", "station", "exit", "stn", "road", "street", "please", "here", "there", "it"}
    | {"is", "its", "my", "our", "this", "that"}
)
# What follows an area's name in a short answer and is not part of it: "여의도요", "잠실 쪽이에요",
# "홍대 근처", "강남역 말고 강남 일대".
_AREA_TAIL = re.compile(
    r"(?:쪽|근처|부근|인근|일대|주변|앞|에서|이에요|예요|이요|요|입니다|이고|이랑|에|이|은|는)+$"
)


# An English landmark named by one word and its noun ("Gangnam Station", "Mangwon Market exit 2"):
# that word may be an area's name. A longer name ("Dongdaemun History & Culture Park") is not its
# first word's area; only a whole phrase of ENGLISH_AREA_PHRASES places it.
_ONE_WORD_LANDMARK = re.compile(rf"^\s*[A-Za-z]+\s+{ENGLISH_LANDMARK_NOUNS}\b(?:,?\s+(?i:exit)\b.*)?$")


def landmark_area_text(query: str) -> str:
    """What of a recognised landmark (``Recognised.query``) ``area_queries`` may read: all of a
    Korean one ("강남역 11번 출구") or an English one of one word and its noun, else only a whole
    English phrase ("Dongdaemun History & Culture Park"), else "" (read nothing)."""
    if not query.isascii() or _ONE_WORD_LANDMARK.match(query):
        return query
    folded = " ".join(query.casefold().split())
    return next(
        (phrase for phrase in ENGLISH_AREA_PHRASES if re.search(rf"\b{re.escape(phrase)}\b", folded)), ""
    )


def area_queries(text: str) -> list[tuple[str, str]]:
    """(the area's name as typed, a gazetteer query) for each well-known area a short message
    names without 구/동, best first.

    "홍대 근처요" -> [("홍대", "마포구 서교동")]; "여의도" -> [("여의도", "여의도동"), ("여의도",
    "여의도구")]; "노원 쪽" -> [..., ("노원", "노원구")] (a district's name without 구); a station,
    square, market or park of an area by its name ("강남역" and "홍대입구역 2번 출구" as 강남 and
    홍대입구, "광화문광장" as 광화문); an English name, romanised as road signs write it ("Hongdae",
    "near Itaewon", "Yeouido" -> "Yeouido-dong", which ``Gazetteer.match`` reads). Only the first
    three words are read: a place step's answer is short. Whether "<name>동" or "<name>구" exists
    is the gazetteer's to say (``Gazetteer.match``), so a caller tries each in order.
    """
    queries: list[tuple[str, str]] = []
    folded = " ".join(text.casefold().split())
    for phrase, area in ENGLISH_AREA_PHRASES.items():
        if re.search(rf"\b{re.escape(phrase)}\b", folded):
            queries.append((phrase, AREA_NAMES[area]))
    for word in _WORD.findall(text)[:3]:
        if word.isascii():
            queries.extend(_english_area_queries(word))
            continue
        name = word if word in AREA_NAMES else _AREA_TAIL.sub("", word)
        if name not in AREA_NAMES:
            name = _without_landmark_noun(name)
        if name in AREA_NAMES:
            queries.append((name, AREA_NAMES[name]))
        elif len(name) >= 2 and re.fullmatch(r"[가-힣]+", name) and not name.endswith(("동", "구", "시")):
            queries.extend([(name, name + "동"), (name, name + "구")])
    return queries


def _without_landmark_noun(name: str) -> str:
    """ "강남역" -> "강남", "홍대입구역" -> "홍대입구", "광화문광장" -> "광화문": a stem that is an
    AREA_NAMES entry first, else the first stem of two letters or more, else the name itself."""
    stems = [name.removesuffix(noun) for noun in _AREA_LANDMARK if name.endswith(noun)]
    stems = [stem for stem in stems if len(stem) >= 2]
    return next((stem for stem in stems if stem in AREA_NAMES), stems[0] if stems else name)


def _english_area_queries(word: str) -> list[tuple[str, str]]:
    """An English word that may be an area's name: the AREA_NAMES entry it romanises ("Hongdae"
    -> 마포구 서교동), else "<Word>-dong" and "<Word>-gu" for the gazetteer's romanised names."""
    key = word.casefold()
    if len(key) < 3 or not key.isalpha() or key in _ENGLISH_NOT_NAMES:
        return []
    area = _english_areas().get(key)
    if area is not None:
        return [(word, AREA_NAMES[area])]
    return [(word, f"{word}-dong"), (word, f"{word}-gu")]


# English names of landmarks that are not the romanised Korean ones (visitors' guides write them).
ENGLISH_AREA_PHRASES = {
    "dongdaemun history & culture park": "동대문역사문화공원",
    "dongdaemun history and culture park": "동대문역사문화공원",
    "seoul station": "서울역",
    "city hall": "시청",
    "seoul plaza": "서울광장",
    "coex": "코엑스",
    "lotte world tower": "롯데월드타워",
    "lotte world": "롯데월드",
    "n seoul tower": "N서울타워",
    "namsan tower": "남산타워",
    "olympic park": "올림픽공원",
    "gimpo airport": "김포공항",
    "express bus terminal": "고속터미널",
    "seoul national university": "서울대",
    "ewha": "이대",
    "yonsei": "연대",
}
_ENGLISH_AREAS: dict[str, str] = {}


def _english_areas() -> dict[str, str]:
    """AREA_NAMES keys in the Revised Romanization, lower case: {"hongdae": "홍대", ...} (built on
    first use: civicbot.geo, which romanises, imports this module)."""
    if not _ENGLISH_AREAS:
        from civicbot.geo import _romanise_word

        for name in AREA_NAMES:
            if not name.isascii():
                _ENGLISH_AREAS.setdefault(_romanise_word(name).casefold(), name)
    return _ENGLISH_AREAS


# Places just outside the city that people name as if they were in it: the airport at 인천, the new
# towns around Seoul. Named alone, they are "outside the city", not "no 구/동 found" (probe22 #4).
# Only whole words count (after the particles and a landmark noun: "인천공항에서", "판교역").
OUTSIDE_NAMES = frozenset(
    {
        "인천공항",
        "인천국제공항",
        "판교",
        "분당",
        "일산",
        "의정부",
        "하남",
        "과천",
        "광명",
        "부천",
        "구리",
        "남양주",
    }
)
_ENGLISH_OUTSIDE = re.compile(
    r"\b(?:incheon(?:\s+international)?\s+airport|icn|pangyo|bundang|ilsan)\b", re.I
)


def names_outside(text: str) -> bool:
    """Whether a short place answer names a well-known place just outside the city (OUTSIDE_NAMES,
    or in English "Incheon Airport", "Pangyo"). Only the first three words are read."""
    if _ENGLISH_OUTSIDE.search(text):
        return True
    for word in _WORD.findall(text)[:3]:
        name = _AREA_TAIL.sub("", word) or word
        if name in OUTSIDE_NAMES or _without_landmark_noun(name) in OUTSIDE_NAMES:
            return True
    return False
