"""Every user-facing string, from one catalogue that city staff edit as content: ``strings/<lang>.yaml``.

One file per language beside ``intents/``, keys grouped by where they appear (``engine.no_document``,
``admin.sign_out``, ``widget.send`` ...). ``t(key, lang, **params)`` is the only lookup: Python code
calls it, Jinja templates get it as a global (``{{ t('layout.skip') }}``) and widget.js receives
the ``widget.*`` subset inlined when /widget.js is served.

- ``LANGUAGES`` (Korean, English) is the one declaration of the languages every key must have; any
  other ``<lang>.yaml`` in the directory is a further language (e.g. ``zh.yaml``). Its missing keys
  fall back to English, then Korean; ``civicbot strings`` lists them.
- Placeholders are ``str.format`` fields. A Korean particle after a value is written as the field's
  format spec, ``{title:을}``, ``{name:이}``, ``{place:으로}``, ``{count:이에요}`` (either form of the
  pair works): ``josa`` picks the form the value's last sound takes (rules in ``final_sound``).
  ``~`` writes the particle alone, for after a bracket: ``「{title}」{title:~이}``.
- A plural is a mapping of CLDR categories (``one``/``other``, as Babel's plural rules give them
  for the language) chosen by the ``count`` parameter.
- A mistake in a catalogue (bad YAML, a value that is not text, a placeholder one language lacks,
  an unknown particle) is a ``ContentFileError`` saying ``file:line: what``.
"""

from __future__ import annotations

import re
import string
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache, partial
from pathlib import Path
from typing import Any

import yaml
from babel import Locale, UnknownLocaleError
from babel.lists import format_list

from civicbot.content import ContentError, ContentFileError, load_yaml, relative_name

LANGUAGES: tuple[str, ...] = ("ko", "en")  # every key exists in these; Korean is the city's own
FALLBACK = ("en", "ko")  # what a further language shows for a key it does not have yet
DEFAULT_DIR = Path(__file__).resolve().parent.parent / "strings"
PLURAL_CATEGORIES = ("zero", "one", "two", "few", "many", "other")

# -- Korean particles ---------------------------------------------------------------------------
# (after a closed syllable, after an open one). (으)로 is the odd one: ㄹ-final takes 로 ("서울로").
PARTICLES: tuple[tuple[str, str], ...] = (
    ("을", "를"),
    ("이", "가"),
    ("은", "는"),
    ("과", "와"),
    ("으로", "로"),
    ("이에요", "예요"),
    ("이었어요", "였어요"),
    ("이나", "나"),
    ("이라는", "라는"),
    ("아", "야"),
)
_PAIRS = {form: pair for pair in PARTICLES for form in pair}
_HANGUL_FIRST, _HANGUL_LAST, _RIEUL = 0xAC00, 0xD7A3, 8  # jongseong index of ㄹ

# How Koreans read what ends a word that is not Hangul, as the final consonant it leaves:
# None = open syllable, "ㄹ", or "x" = some other consonant. Digits are read in Sino-Korean
# (3 삼, 7 칠), as in "3번", "7호선"; Latin letters by their Korean names (CCTV 시시티브이).
_DIGITS = {
    "0": "x",
    "1": "ㄹ",
    "2": None,
    "3": "x",
    "4": None,
    "5": None,
    "6": "x",
    "7": "ㄹ",
    "8": "ㄹ",
    "9": None,
}
_LETTERS = {
    **dict.fromkeys("abcdefghijkopqstuvwxyz", None),
    "l": "ㄹ",
    "r": "ㄹ",  # 엘, 알
    "m": "x",
    "n": "x",  # 엠, 엔
}
# 10 십, 100 백, 1000 천, then 만 (10^4), 억 (10^8), 조 (10^12, open), 경 (10^16)
_ZERO_UNITS = {1: "x", 2: "x", 3: "x"}
_MYRIADS = ("x", "x", None, "x")  # 만, 억, 조, 경 by (zeros // 4 - 1)
# A Latin word (not an acronym) is read as English: these endings leave a consonant.
_WORD_ENDINGS = (
    ("ll", "ㄹ"),
    ("l", "ㄹ"),
    ("m", "x"),
    ("n", "x"),
    ("ng", "x"),
    ("k", "x"),
    ("p", "x"),
    ("t", "x"),
    ("b", "x"),
)


# Not read aloud after a word: closing punctuation and brackets, emoji (the pictographs, dingbats and
# ™ ©) with their modifiers (variation selectors, skin tones, joiners) and spaces. Unit symbols are
# read (30℃ is 삼십 도, ㎞ 킬로미터), so they are not in it.
_UNREAD_PUNCTUATION = frozenset(" \t\n.,!?…·:;\"'”’」』)]}>》〉%™©®")
_UNREAD_CATEGORIES = frozenset({"Mn", "Me", "Cf", "Zs"})
_EMOJI_BLOCKS = ((0x2600, 0x27BF), (0x2B00, 0x2BFF), (0x1F000, 0x1FAFF))


def _unread(character: str) -> bool:
    code = ord(character)
    return (
        character in _UNREAD_PUNCTUATION
        or unicodedata.category(character) in _UNREAD_CATEGORIES
        or any(low <= code <= high for low, high in _EMOJI_BLOCKS)
    )


def _unread_tail(word: str) -> str:
    """``word`` without what follows it unread (``_unread``): "벤치 🪑!" -> "벤치"."""
    end = len(word)
    while end and _unread(word[end - 1]):
        end -= 1
    return word[:end]


def final_sound(word: str) -> str | None:
    """The final consonant ``word`` is read with: ``None`` (open), ``"ㄹ"`` or ``"x"`` (another one).

    Trailing punctuation and brackets are skipped (「서울숲」 ends in 숲). A number is read in
    Sino-Korean: its last non-zero digit, or the unit its zeros make (10 십, 100 백, 1000 천,
    10000 만, 10^12 조). A Latin acronym (all capitals, or one letter) by its letters' Korean names
    (CCTV → 브이, open; URL → 엘, ㄹ); another Latin word by how it ends in English (app → 앱). An
    emoji or symbol after the word is not read ("벤치 설치 🪑" ends in 치), and a word of nothing
    else (an emoji alone, nothing at all) counts as open.
    """
    stripped = _unread_tail(word)
    if not stripped:
        return None
    last = stripped[-1]
    code = ord(last)
    if _HANGUL_FIRST <= code <= _HANGUL_LAST:
        final = (code - _HANGUL_FIRST) % 28
        return None if final == 0 else "ㄹ" if final == _RIEUL else "x"
    if last in _DIGITS:
        digits = re.search(r"[0-9][0-9,]*$", stripped).group().replace(",", "")  # type: ignore[union-attr]
        zeros = len(digits) - len(digits.rstrip("0"))
        if zeros == 0:
            return _DIGITS[last]
        return "x" if digits.strip("0") == "" else _zero_unit(zeros)  # 영, or 십/백/천/만...
    if last.isascii() and last.isalpha():
        letters = re.search(r"[A-Za-z]+$", stripped).group()  # type: ignore[union-attr]
        if len(letters) == 1 or letters.isupper():
            return _LETTERS[last.lower()]
        lower = letters.lower()
        return next((sound for ending, sound in _WORD_ENDINGS if lower.endswith(ending)), None)
    return None


def _zero_unit(zeros: int) -> str | None:
    return _ZERO_UNITS[zeros] if zeros < 4 else _MYRIADS[min(zeros // 4 - 1, 3)]


def josa(word: str, particle: str) -> str:
    """The form of ``particle`` (either form of a pair in ``PARTICLES``) that follows ``word``.

    ``josa("서울", "으로") == "로"`` (ㄹ-final), ``josa("3", "을") == "을"`` (삼),
    ``josa("CCTV", "이") == "가"``. Raises KeyError for a particle that has no pair.
    """
    closed, open_ = _PAIRS[particle]
    sound = final_sound(word)
    if closed == "으로":
        return "으로" if sound == "x" else "로"
    return open_ if sound is None else closed


def with_josa(word: str, particle: str) -> str:
    """``word`` followed by the right form of ``particle``: ``with_josa("서울숲", "를") == "서울숲을"``."""
    return f"{word}{josa(word, particle)}"


class _Formatter(string.Formatter):
    """str.format, plus a Korean particle as a field's format spec: ``{title:을}``, ``{title:~을}``."""

    def format_field(self, value: object, format_spec: str) -> str:
        if format_spec in _PAIRS:
            return with_josa(str(value), format_spec)
        if format_spec.startswith("~") and format_spec[1:] in _PAIRS:  # after a closing bracket
            return josa(str(value), format_spec[1:])
        return super().format_field(value, format_spec)


_FORMATTER = _Formatter()


@lru_cache(maxsize=32)
def _locale(language: str) -> Locale:
    try:
        return Locale.parse(language)
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


def plural_category(language: str, count: float) -> str:
    """The CLDR plural category of ``count`` in ``language`` (Babel's rules): en 1 → one, ko → other."""
    return _locale(language).plural_form(abs(count))


def one_of(items: list[str], language: str) -> str:
    """``items`` as the language says "this or that" (CLDR list patterns through Babel): "A, B or C",
    "A, B 또는 C"."""
    return format_list(items, style="or", locale=_locale(language))


# -- the catalogue ------------------------------------------------------------------------------
Entry = str | dict[str, str]


@dataclass(eq=False)  # compared and hashed by identity: caches key on the catalogue in use
class Catalogue:
    """Every language's strings from one directory: ``strings[lang][key]`` is text or a plural map."""

    directory: Path
    strings: dict[str, dict[str, Entry]] = field(default_factory=dict)
    places: dict[tuple[str, str], tuple[str, int]] = field(default_factory=dict)
    _sections: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict, repr=False)

    @property
    def languages(self) -> tuple[str, ...]:
        """Korean and English first, then any further language in name order."""
        return tuple(LANGUAGES) + tuple(sorted(set(self.strings) - set(LANGUAGES)))

    def entry(self, key: str, language: str) -> tuple[str, Entry]:
        """(the language the text comes from, the entry). Raises KeyError for an unknown key."""
        if language not in self.strings:
            language = LANGUAGES[0]  # an unknown language reads Korean, as the city's pages do
        chain = (language, *FALLBACK) if language not in LANGUAGES else (language, *LANGUAGES)
        for candidate in chain:
            found = self.strings.get(candidate, {}).get(key)
            if found is not None:
                return candidate, found
        raise KeyError(key)

    def text(self, key: str, language: str, **params: object) -> str:
        """The string for ``key`` in ``language`` with ``params`` filled in (see the module doc)."""
        source, found = self.entry(key, language)
        if isinstance(found, dict):
            count = params.get("count", 0)
            found = found.get(plural_category(source, count)) or found["other"]  # type: ignore[arg-type]
        return _FORMATTER.format(found, **params)

    def keys(self, language: str = LANGUAGES[0]) -> list[str]:
        return list(self.strings.get(language, {}))

    def missing(self, language: str) -> list[str]:
        """Keys Korean or English has that ``language`` does not (they show in a fallback language)."""
        have = self.strings.get(language, {})
        every = dict.fromkeys(key for lang in LANGUAGES for key in self.strings.get(lang, {}))
        return [key for key in every if key not in have]

    def section(self, prefix: str, language: str) -> dict[str, str]:
        """The ``prefix.*`` texts in one language, unformatted, as a dict: ``text.title`` in Jinja.

        Placeholders stay for the caller to fill (``text.n_votes.format(n=3)``); fallbacks applied.
        """
        language = language if language in self.strings else LANGUAGES[0]
        cached = self._sections.get((prefix, language))
        if cached is None:
            start = len(prefix) + 1
            keys = [key for key in self.keys() if key.startswith(prefix + ".")]
            cached = {key[start:]: self.entry(key, language)[1] for key in keys}  # type: ignore[misc]
            self._sections[(prefix, language)] = cached
        return dict(cached)

    def texts(self, prefix: str, language: str, **params: object) -> dict[str, str]:
        """The ``prefix.*`` texts in one language, each formatted with ``params``: a page's words."""
        return {
            key: self.text(f"{prefix}.{key}", language, **params) for key in self.section(prefix, language)
        }

    def has(self, key: str) -> bool:
        return key in self.strings[LANGUAGES[0]]

    def subset(self, prefix: str) -> dict[str, dict[str, Entry]]:
        """``{lang: {short key: entry}}`` for ``prefix.*``, fallbacks filled in: what widget.js is given."""
        keys = [key[len(prefix) + 1 :] for key in self.keys() if key.startswith(prefix + ".")]
        return {
            lang: {key: self.entry(f"{prefix}.{key}", lang)[1] for key in keys} for lang in self.languages
        }


def load(directory: Path) -> Catalogue:
    """Read every ``<lang>.yaml`` in ``directory``. Raises ContentFileError (``file:line: what``)."""
    catalogue = Catalogue(Path(directory))
    for path in sorted(Path(directory).glob("*.yaml")):
        name = relative_name(path, Path(directory).parent)
        text = path.read_text(encoding="utf-8")
        data = load_yaml(text, name)
        lines = _key_lines(text)
        if not isinstance(data, dict):
            raise ContentFileError(ContentError(name, 1, "a catalogue is a mapping of sections to strings"))
        flat: dict[str, Entry] = {}
        _flatten(data, "", flat, name, lines)
        catalogue.strings[path.stem] = flat
        for key in flat:
            catalogue.places[(path.stem, key)] = (name, lines.get(key, 1))
    for language in LANGUAGES:
        if language not in catalogue.strings:
            raise ContentFileError(ContentError(f"{Path(directory).name}/{language}.yaml", 1, "missing file"))
    _check_placeholders(catalogue)
    return catalogue


# libyaml's parser when present: ten times faster (0.01 s against 0.11 s a catalogue), same marks.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _key_lines(text: str) -> dict[str, int]:
    """Dotted key -> 1-based line, from YAML's node marks (the parser already knows where keys are)."""
    lines: dict[str, int] = {}
    try:
        root = yaml.compose(text, Loader=_LOADER)
    except yaml.YAMLError:
        return lines

    def walk(node: yaml.Node, prefix: str) -> None:
        if isinstance(node, yaml.MappingNode):
            for key_node, value in node.value:
                key = f"{prefix}{key_node.value}"
                lines[key] = key_node.start_mark.line + 1
                walk(value, key + ".")

    if root is not None:
        walk(root, "")
    return lines


def _flatten(data: dict, prefix: str, out: dict[str, Entry], name: str, lines: dict[str, int]) -> None:
    for raw_key, value in data.items():
        key = f"{prefix}{raw_key}"
        line = lines.get(key, 1)
        if not isinstance(raw_key, str) or not re.fullmatch(r"[A-Za-z0-9_]+", raw_key):
            raise ContentFileError(ContentError(name, line, f"{key!s}: a key is letters, digits and _"))
        if isinstance(value, str):
            out[key] = value
            _check_format(value, key, name, line)
        elif isinstance(value, dict) and value and set(value) <= set(PLURAL_CATEGORIES):
            if "other" not in value or not all(isinstance(v, str) for v in value.values()):
                raise ContentFileError(ContentError(name, line, f"{key}: a plural needs text for 'other'"))
            for text in value.values():
                _check_format(text, key, name, line)
            out[key] = dict(value)
        elif isinstance(value, dict) and value:
            _flatten(value, key + ".", out, name, lines)
        else:
            raise ContentFileError(
                ContentError(name, line, f"{key}: expected text, got {type(value).__name__}")
            )


def _fields(text: str) -> list[tuple[str, str]]:
    return [(f, spec or "") for _, f, spec, _ in string.Formatter().parse(text) if f is not None]


def _check_format(text: str, key: str, name: str, line: int) -> None:
    try:
        fields = _fields(text)
    except ValueError as exc:
        raise ContentFileError(
            ContentError(name, line, f"{key}: {exc} (write {{{{ and }}}} for braces)")
        ) from None
    for field_name, spec in fields:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", field_name):
            raise ContentFileError(ContentError(name, line, f"{key}: bad placeholder {{{field_name}}}"))
        if spec and re.search(r"[가-힣]", spec) and spec.removeprefix("~") not in _PAIRS:
            raise ContentFileError(
                ContentError(name, line, f"{key}: unknown particle {{{field_name}:{spec}}}")
            )


def _names(entry: Entry) -> set[str]:
    texts = entry.values() if isinstance(entry, dict) else [entry]
    return {name for text in texts for name, _ in _fields(text)}


def _check_placeholders(catalogue: Catalogue) -> None:
    """A translation may use only placeholders the code fills in, i.e. those Korean or English use."""
    for language, strings in catalogue.strings.items():
        for key, entry in strings.items():
            known = {"count"} | {
                n for lang in LANGUAGES if (e := catalogue.strings[lang].get(key)) for n in _names(e)
            }
            extra = _names(entry) - known
            if extra and language not in LANGUAGES:
                name, line = catalogue.places[(language, key)]
                unknown = ", ".join(sorted(extra))
                raise ContentFileError(
                    ContentError(name, line, f"{key}: placeholder the code never fills: {unknown}")
                )


# -- the one catalogue in use -------------------------------------------------------------------
_loaded: dict[tuple[Path, tuple[float, ...]], Catalogue] = {}
_current: Catalogue | None = None


def use(directory: Path | str | None = None) -> Catalogue:
    """Load the catalogue in ``directory`` (``CIVICBOT_STRINGS_DIR``) and make it the one ``t`` reads.

    Reloaded when a file changes, so an edited string shows on the next start of an app.
    """
    global _current
    folder = Path(directory or DEFAULT_DIR).resolve()
    stamp = tuple(p.stat().st_mtime for p in sorted(folder.glob("*.yaml")))
    if (folder, stamp) not in _loaded:
        _loaded[(folder, stamp)] = load(folder)
    _current = _loaded[(folder, stamp)]
    return _current


def catalogue() -> Catalogue:
    """The catalogue in use (the shipped ``strings/`` until an app or a command chooses another)."""
    return _current or use()


def t(key: str, lang: str, **params: object) -> str:
    """The one lookup: ``t("engine.cancelled", "ko")``, ``t("poll_flow.count_votes", "en", count=2)``."""
    return catalogue().text(key, lang, **params)


class Words(dict):
    """A template's ``t``: ``t('layout.skip')``, ``t('poll_flow.count_votes', count=2)`` is ``t()`` in the page's
    language; as a dict it also holds one section unformatted (the console reads ``t.sign_out``)."""

    def __init__(self, language: str, texts: dict[str, str] | None = None) -> None:
        super().__init__(texts or {})
        self.lang = language

    def __call__(self, key: str, **params: object) -> str:
        return t(key, self.lang, **params)


def admin_text(language: str) -> Words:
    """Every word of the officials' console in one language, unformatted (``t.key`` in its templates)."""
    return Words(language, catalogue().section("admin", language))


def check(directory: Path | str) -> tuple[int, list[str]]:
    """``civicbot strings``: (exit status, lines). 1 when a file is bad or Korean or English lacks a
    key the other has; a further language's missing keys are listed (they show in English) with 0."""
    try:
        found = load(Path(directory))
    except ContentFileError as exc:
        return 1, [str(exc)]
    lines, status = [], 0
    for language in found.languages:
        missing = found.missing(language)
        if missing and language in LANGUAGES:
            status = 1
        fallback = "" if language in LANGUAGES else f" (shown in {FALLBACK[0]})"
        lines.append(f"{language}: {len(found.keys(language))} strings, {len(missing)} missing{fallback}")
        lines.extend(f"  {key}" for key in missing)
    return status, lines


def localized(record: object, field: str, language: str) -> str:
    """A bilingual record's text in ``language``: its ``<field>_<language>`` attribute (``name_en``,
    ``label_ko`` ...), the Korean one when the record has none for that language.

    Data (districts, poll options, proposals' reasons) is written in Korean and English; a language
    added as a catalogue file shows it in Korean, the city's own, until its tables grow a column."""
    value = getattr(record, f"{field}_{language}", None)
    return value if isinstance(value, str) else getattr(record, f"{field}_{LANGUAGES[0]}")


class Localized:
    """``localized`` as a record's method: ``name = Localized()`` in a class with ``name_ko`` and
    ``name_en`` gives ``record.name(language)``. Unannotated, so a dataclass does not take it for a field."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.field = name

    def __get__(self, record: object, owner: type | None = None) -> Any:
        return self if record is None else partial(localized, record, self.field)


def languages() -> tuple[str, ...]:
    """Every language with a catalogue file: Korean, English, then any the city has added."""
    return catalogue().languages
