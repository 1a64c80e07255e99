"""What holds a report for an official's review: a person's name, abusive words, or the city's choice.

Under Korean law a published name beside an insult is a defamation risk for the city (형법 제307조,
정보통신망법 제70조), and FixMyStreet, Decidim and CONSUL all keep a moderation queue for that
reason. A report is held (``pending_review``, seen by officials only) when:

- it names a person: a Korean name before 씨/님/이라는 사람 and the like (김철수 씨, 홍길동이라는
  사람), or Mr/Mrs/Ms/Dr and a capitalised name in English; or the reporter names themselves
  (저는 김철수입니다, 신고자 이영희, 제 이름은 박민수예요, my name is …). A morphological analyser (Kiwi, which
  tags proper nouns as NNP) was considered and left out: the pattern catches the way people name
  someone in a complaint, and Kiwi costs ~300 MB of resident memory (see civicbot.text.Tokenizer);
- it has a word from the abusive list in ``services/moderation.yaml`` (content city staff edit).
  korcen (PyPI) was tried first: it let "씨발 진짜" and "쓰레기 같은 인간" through;
- the city runs with ``CIVICBOT_MODERATION=pre``: every report waits for an official.

Everything here is pure and fast (a few regular expressions per report): submission throughput is
measured with it on (bench/map_load.py).
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from pathlib import Path

from civicbot.content import ContentError, ContentFileError, key_line, load_yaml
from civicbot.privacy import SURNAMES as _SURNAMES
from civicbot.text import clean

MODERATION_FILE = "moderation.yaml"
MODES = ("post", "pre")
NAME, ABUSE, PRE, FLAGS = "name", "abuse", "pre", "flags"  # why a report is held

# The common Korean surnames (together over 90% of people, 통계청 2015); two-syllable ones first.
_HONORIFIC = r"(?:씨|님|\s?(?:이)?(?:라는|란|라고 하는)\s?(?:사람|분|놈|년|자|여자|남자|애|아이|학생|아저씨|아줌마|할머니|할아버지))"
# A reporter naming themselves ("저는 김철수입니다", "신고자 이영희 (010-…)", "제 이름은 박민수예요") is
# as public as naming someone else once the report is on the map. After 저는 (or 저, "저 김민수예요") a full three-syllable
# name and a copula are asked for (so "저는 주민입니다" stays); after a label such as 신고자 or 이름은
# a two- or three-syllable name before a copula, a space or a sign.
_COPULA = r"(?:입니다|이에요|예요|이고|고|이며|이라고|라고|인데|이구요|이요)"
_SELF_LABEL = r"(?:제\s?이름은|이름은|이름\s?:|성명\s?:?|신고자\s?:?|신고인\s?:?|작성자\s?:?|민원인\s?:?)"
_SELF_NAMED = re.compile(
    rf"(?<![가-힣])(?:저는|전|저(?=\s))\s?(?P<intro>(?:{_SURNAMES})(?P<intro_given>[가-힣]{{2}})){_COPULA}"
    rf"|{_SELF_LABEL}\s?(?P<label>(?:{_SURNAMES})(?P<label_given>[가-힣]{{1,2}}))(?=$|[^가-힣]|{_COPULA})"
)
_SELF_ENGLISH = re.compile(r"(?i:\bmy name is)\s+[A-Z][a-z]+")
_KOREAN_NAME = re.compile(rf"(?<![가-힣])(?P<name>(?:{_SURNAMES})(?P<given>[가-힣]{{1,2}}))\s?{_HONORIFIC}")
_LATIN = re.compile("[a-z]")
_HONORIFIC_HINT = re.compile(r"씨|님|라는|란|라고 하는")
_ENGLISH_NAME = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+[A-Z][a-z]+")
_JUNK = re.compile(r"[^0-9a-z\u3131-\u318e\uac00-\ud7a3\s]")  # symbols typed inside a word: 씨@발


@dataclass(frozen=True)
class Moderator:
    """The checks and the mode, built once from ``services/moderation.yaml`` and the settings."""

    mode: str = "post"
    words: tuple[str, ...] = ()  # abusive words without spaces: a substring of the squeezed text
    phrases: tuple[str, ...] = ()  # abusive phrases, spaces removed: a substring of the text without spaces
    english: re.Pattern[str] | None = None  # English words, matched at the start of a word
    allowed: tuple[str, ...] = ()
    not_names: frozenset[str] = field(default_factory=frozenset)

    def names(self, text: str) -> list[str]:
        """People named in ``text`` (Korean name + 씨/님/이라는 사람 ..., or Mr/Ms + name)."""
        text = clean(text)
        found = self._self_named(text)
        if not _HONORIFIC_HINT.search(text):
            return found + [m.group() for m in _ENGLISH_NAME.finditer(text)]  # the common case, quickly
        for match in _KOREAN_NAME.finditer(text):
            name = match.group("name")
            if name not in self.not_names and match.group("given") not in self.not_names:
                found.append(name)
        found.extend(m.group() for m in _ENGLISH_NAME.finditer(text))
        return found

    def _self_named(self, text: str) -> list[str]:
        """The reporter's own name when they give it (저는 김철수입니다, 신고자 이영희, my name is …)."""
        found = []
        for match in _SELF_NAMED.finditer(text):
            name = match.group("intro") or match.group("label")
            given = match.group("intro_given") or match.group("label_given")
            if name not in self.not_names and given not in self.not_names:
                found.append(name)
        found.extend(m.group() for m in _SELF_ENGLISH.finditer(text))
        return found

    def abuse(self, text: str) -> list[str]:
        """Abusive words in ``text``, found however they were spaced or disguised with symbols."""
        # Substring tests, not one big alternation: a report is checked in microseconds.
        squeezed = _squeeze(clean(text).lower(), self.allowed)
        found = [word for word in self.words if word in squeezed]
        if self.phrases:
            spaceless = squeezed.replace(" ", "")
            found.extend(phrase for phrase in self.phrases if phrase in spaceless)
        if self.english is not None and _LATIN.search(squeezed):
            found.extend(m.group() for m in self.english.finditer(squeezed))
        return found

    def reasons(self, text: str) -> tuple[str, ...]:
        """Why the report must wait for an official: () to publish at once, else NAME/ABUSE/PRE."""
        out = []
        if self.names(text):
            out.append(NAME)
        if self.abuse(text):
            out.append(ABUSE)
        if self.mode == "pre":
            out.append(PRE)
        return tuple(out)


def _squeeze(text: str, allowed: tuple[str, ...]) -> str:
    """Allowed words out, symbols inside words out, letters typed one by one ("씨 발") joined."""
    for word in allowed:
        text = text.replace(word, " ")
    text = _JUNK.sub("", re.sub(r"\d", "", text))
    out: list[str] = []
    in_run = False  # the last token was built from single letters only
    for token in text.split():
        if len(token) == 1 and in_run:
            out[-1] += token
        else:
            out.append(token)
            in_run = len(token) == 1
    return " ".join(out)


def _english(words: list[str]) -> re.Pattern[str] | None:
    parts = [re.escape(w.lower()) for w in sorted(set(words), key=len, reverse=True)]
    return re.compile(rf"(?<![a-z])(?:{'|'.join(parts)})") if parts else None


_cache: dict[tuple[str, float, str], Moderator] = {}
_lock = threading.Lock()


def moderator_for(services_dir: Path, mode: str = "post") -> Moderator:
    """The moderator for a services dir, read once per version of the file; a missing file checks
    names only. ContentFileError (file:line) for a malformed file, ValueError for an unknown mode."""
    if mode not in MODES:
        raise ValueError(f"moderation mode must be one of {', '.join(MODES)}, not {mode!r}")
    path = services_dir / MODERATION_FILE
    try:
        key = (str(path.resolve()), path.stat().st_mtime, mode)
    except OSError:
        return Moderator(mode=mode)
    with _lock:
        found = _cache.get(key)
    if found is None:
        found = _load(path, path.read_text(encoding="utf-8"), mode)
        with _lock:
            _cache[key] = found
    return found


def _load(path: Path, text: str, mode: str) -> Moderator:
    name = f"{path.parent.name}/{path.name}"
    data = load_yaml(text, name) or {}
    if not isinstance(data, dict):
        raise ContentFileError(ContentError(name, 1, "expected a mapping with abusive, allowed, not_names"))
    lists: dict[str, list[str]] = {}
    for key in ("abusive", "allowed", "not_names"):
        value = data.get(key) or []
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise ContentFileError(
                ContentError(name, key_line(text, key), f"'{key}' must be a list of words")
            )
        lists[key] = [clean(v).strip() for v in value]
    unknown = set(data) - set(lists)
    if unknown:
        first = sorted(unknown)[0]
        raise ContentFileError(ContentError(name, key_line(text, first), f"unknown key '{first}'"))
    abusive = [w.lower() for w in lists["abusive"]]
    return Moderator(
        mode=mode,
        words=tuple(w for w in abusive if not w.isascii() and " " not in w),
        phrases=tuple(w.replace(" ", "") for w in abusive if not w.isascii() and " " in w),
        english=_english([w for w in abusive if w.isascii()]),
        allowed=tuple(sorted((w.lower() for w in lists["allowed"]), key=len, reverse=True)),
        not_names=frozenset(lists["not_names"]),
    )
