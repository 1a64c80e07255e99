"""Addresses and landmarks to points: the interface, the offline recogniser and the provider choice.

A citizen rarely knows their 동; they give a road-name address ("세종대로 110", Korea's official
format), a lot number ("역삼동 737"), or a landmark ("합정역 7번 출구", "서울시청 앞"). This module:

- recognises those shapes by pattern, with no network (``recognise``), so the report flow can ask
  for a map pick instead of saying it found nothing;
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
