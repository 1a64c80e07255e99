"""What holds a report for an official's review: a person's name, abusive words, or the city's choice.

Under Korean law a published name beside an insult is a defamation risk for the city (형법 제307조,
정보통신망법 제70조), and FixMyStreet, Decidim and CONSUL all keep a moderation queue for that
reason. A report is held (``pending_review``, seen by officials only) when:

- it names a person: a Korean name before 씨/님/이라는 사람 and the like (김철수 씨, 홍길동이라는
  사람), or Mr/Mrs/Ms/Dr and a capitalised name in English; or the reporter names themselves
  (저는 김철수입니다, 신고자 이영희, 제 이름은 박민수예요, my name is …); or it names anyone in an everyday
  shape: a full name before a particle, 네, a copula or a letter's closing (박영수가, 김민수네가,
  홍길동입니다, 김민지 올림), after a word for a culprit (범인은 이정훈), spelled apart before 씨 (홍 길 동
  씨), or an English self-introduction or sign-off (I am Jane Doe, Regards, Min-su Kim). A person's
  name is personal data (개인정보 보호법 제2조 제1호). A morphological analyser (Kiwi, which
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
    rf"(?<![가-힣])(?:저는|(?:전|저)(?=\s))\s?(?P<intro>(?:{_SURNAMES})(?P<intro_given>[가-힣]{{2}})){_COPULA}"
    rf"|{_SELF_LABEL}(?:(?<=[:：은])\s?|\s)(?P<label>(?:{_SURNAMES})(?P<label_given>[가-힣]{{1,2}}))(?=$|[^가-힣]|{_COPULA})"
)
_SELF_ENGLISH = re.compile(r"(?i:\bmy name is)\s+[A-Z][a-z]+")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# -- a full name in the everyday shapes of a complaint (twentieth pass) ------------------------------
# "윗집 사는 박영수가 밤마다 뛰어요", "범인은 이정훈 (30대 남성)", "김민수네가", "홍길동입니다", "김민지
# 올림", "홍 길 동 씨": a surname and a two-syllable given name, then a particle, 네, a copula or a
# letter's closing, or after a word naming a culprit or a neighbour. Korean has many everyday words
# of that shape (이용자가, 주차장이, 신호등이, 박물관이, 이번주가), so a word counts only when each
# given-name syllable is one that given names commonly use in that place (a list made by hand from the
# names people of every generation are registered with, as in 대법원's yearly birth-registration
# statistics: 수, 호, 진, 민, 자 ... and not 차, 등, 물, 번, 하 last, 해 first), and it is
# not one of the everyday words that still look like a name (``EVERYDAY_WORDS``) or a city's
# ``not_names``. After a particle, the weakest sign, the surname must also be one of the forty-five
# commonest (통계청 2015 인구주택총조사); the rarer ones start too many words (도서관이, 소나무가,
# 사거리가, 부동산이, 경비원이, 예산이, 어린이가, 공연자가, 여기서는).
GIVEN_FIRST = _words(
    "가 건 경 광 규 균 근 기 길 나 남 다 대 덕 도 동 두 만 명 문 미 민 범 병 보 봉 상 서 석 선 설 성 세 소 솔 송 수 숙 순 "
    "승 시 신 아 애 연 영 예 옥 온 용 우 욱 운 원 유 윤 율 은 의 이 인 일 재 정 제 종 주 준 중 지 진 찬 창 채 철 "
    "초 춘 충 태 하 한 현 형 혜 호 홍 화 환 효 훈 희"
)
GIVEN_SECOND = _words(
    "건 겸 결 경 국 규 균 근 기 길 나 남 녀 담 동 란 례 린 만 미 민 범 별 봉 빈 상 서 석 선 섭 성 솔 수 숙 순 슬 "
    "식 아 애 연 열 영 예 옥 온 완 용 우 욱 운 웅 원 유 윤 율 은 일 자 재 정 종 주 준 지 진 찬 채 철 춘 태 택 "
    "학 한 향 혁 현 형 혜 호 홍 화 환 효 후 훈 흠 희"
)
# Everyday words whose syllables are a surname and a given name's (checked against the complaints and
# the city's documents; a city adds its own to not_names in services/moderation.yaml).
EVERYDAY_WORDS = _words(
    "지하철 장애인 노인정 강아지 문화재 이용자 민원인 노숙자 조경수 이민자 이동식 신호수 정수기 정수장 "
    "정화수 공영주 안전선 주민들 전동식 고정식 이용객 유기견 유기묘 정신과 한가운 주정차 전화기 주차선 "
    "이중주 주인집 주민분 안내원 신청인 신고인 이해관 양도인 임대인 임차인 공무원 민원실 정보원 "
    "조선인 한국인 중국인 외국인 미국인 일본인 이방인 장애우 고령자 고아원 보호자 조합원 간호사 "
    "주민석 안경원 성인병 성수기 이순간 이주민 이재민 주거민 주거지 하숙생 전학생 신입생 재학생 "
    "고학년 저학년 장학생 주방장 이사장 이사회 이사님 전문가 정치인 신문지 정기권 한정판 "
    "진정인 진정서 진술인 증인석 고소인 피해자 가해자 용의자 범죄자 운전자 차주인 집주인 건물주 "
    "이웃집 윗집이 아랫집 옆집이 앞집이 뒷집이 이번에 이전에 정신이 성실히 한참을 한동안 "
    "오전에 오후에 오늘은 오늘도 조금은 진짜로 정말로 최근에 최초로 한번은 한번도 주말에 "
    "고도화 고지서 구성원 노동자 배우자 성인용 안정성 이상자 이상한 정지선 조정서 주소지 지원서 지원자 "
    "지하수 최대한 최소한 여기서 거주지 진정서 정당성 공연자 제보자 근무자 소유자 관리자 신청자 이주자"
)
# One syllable first: "황보동네가" is 황보동 and 네가 (황보's given names rarely end in 네, 이, 한 ...);
# a longer surname is still tried when the shorter one leaves no name ("황보민수가").
_COMMON_SURNAMES = "|".join(
    sorted(
        _words(
            "남궁 황보 제갈 선우 김 이 박 최 정 강 조 윤 장 임 한 오 서 신 권 황 안 송 전 홍 유 고 문 양 손 배 백 허 노 심 하 "
            "곽 성 차 주 우 구 민 류 나 진 지 엄 채 원"
        ),
        key=lambda surname: (len(surname), surname),
    )
)
_NAME3 = rf"(?:{_SURNAMES})[가-힣]{{2}}"
# A particle after the name: a subject, topic or object, 한테/에게/께서 (to, by), 네 (the household:
# 김민수네가, 김민수네 집), 이랑/랑/하고 (with).
_PARTICLE = r"(?:이랑|랑|하고|한테|에게|께서|네가|네는|네를|네도|네서|네랑|네|이|가|은|는|을|를)"
_NAME_PARTICLE = re.compile(
    rf"(?<![가-힣])(?P<name>(?:{_COMMON_SURNAMES})[가-힣]{{2}})(?P<particle>{_PARTICLE})(?![가-힣])"
)
# A name before a copula or a letter's closing: "홍길동입니다.", "김민지 올림", "박영수 드림".
_NAME_CLOSING = re.compile(
    rf"(?<![가-힣])(?P<name>(?:{_COMMON_SURNAMES})[가-힣]{{2}})(?:입니다|이에요|이예요|예요|이구요|이고요|인데요|인데)"
    rf"(?![가-힣])|(?<![가-힣])(?P<signed>{_NAME3})\s?(?:올림|드림|배상|씀)(?![가-힣])"
)
# A name after a word for the person complained of: "범인은 이정훈 (30대 남성)", "가해자 박영수",
# "윗집 사람은 김민수". The name ends there: at the end, before a sign or a number, or before a
# copula or 씨/님.
_THIRD_PARTY = (
    r"(?:범인|범인은|가해자|용의자|주범|투기범|차주|차\s?주인|주인|집주인|건물주|업주|세입자|운전자|운전기사|"
    r"이웃|윗집|아랫집|옆집|앞집|뒷집|(?:그|이|저)\s?(?:사람|남자|여자|놈|분)|사람|사장|직원|이름)"
)
_NAME_AFTER_ROLE = re.compile(
    rf"(?<![가-힣]){_THIRD_PARTY}\s?(?:은|는|이|가|:|：)?\s*(?P<name>{_NAME3})"
    rf"(?=\s*(?:$|[^가-힣\s])|\s*(?:씨|님|{_COPULA})(?![가-힣]))"
)
# A name spelled apart before 씨/님, so that no pattern sees it as a word: "홍 길 동 씨", "홍 길동 님".
# The surname stands apart, so "서울 날씨" and "소관 아님" are not one, and 씨/님 ends the word or takes
# a particle ("40여 가지 씨앗" is no name).
_NAME_SPACED = re.compile(
    rf"(?<![가-힣])(?P<name>(?:{_SURNAMES})\s[가-힣]\s?[가-힣])\s?(?:씨|님)"
    r"(?:이|가|은|는|을|를|께|께서|한테|에게|네|도|의|랑|하고|들)?(?![가-힣])"
)
# What a surname before 씨/님 with a title is: a role, not a name ("이 과 장 님", "김 주 임 님").
_TITLE_WORDS = _words(
    "과장 부장 차장 대리 주임 사원 팀장 실장 계장 국장 소장 원장 사장 회장 이사 반장 기사 선생 교수 박사 주무관"
)
# English: a self-introduction ("I am Jane Doe", "This is Jane Doe from Mapo") or a sign-off at the
# end ("Regards, Min-su Kim", "Thanks, Jane", "– Jane Doe"). A name is capitalised words; words a
# place or a feeling is called by are not a name ("I am Korean", "This is Gangnam Station").
_EN_WORD = r"[A-Z][a-z]*(?:[A-Z][a-z]+)?(?:[-'’][A-Za-z][a-z]+)?"
_EN_NAME = rf"(?P<name>{_EN_WORD}(?:[ \t]+{_EN_WORD}){{0,2}})"
_EN_INTRO = re.compile(
    rf"(?:\b(?i:i[ \t]+am|i['’]m|this[ \t]+is|my[ \t]+name(?:['’]s|[ \t]+is)|name[ \t]*:)|\bIm)[ \t]+{_EN_NAME}"
    r"(?P<after>\s*(?:$|[,.!;)(\-–—]|\d|\b(?:from|here|speaking|calling|writing|and|living|at|in)\b))?"
)
_EN_SIGN_OFF = re.compile(
    r"(?:\b(?i:best[ \t]+regards|kind[ \t]+regards|warm[ \t]+regards|regards|many[ \t]+thanks|thanks|thank[ \t]+you|"
    r"sincerely|yours[ \t]+(?:sincerely|truly)|yours|cheers|best)[ \t]*[,!.:]?\s+|(?:^|\s)[-–—~]{1,2}[ \t]*)"
    rf"{_EN_NAME}[ \t]*[.!~^]*\s*$"
)
# Words that are never a person's name here: nationalities, the city and its districts, feelings,
# days, months, greetings ("I am Korean", "Thank you Seoul City", "Regards, Mapo-gu office").
_EN_NOT_NAMES = _words(
    "Korean Korea American British English Canadian Chinese Japanese Australian French German Indian "
    "Vietnamese Filipino Thai Russian Mongolian Seoul Gangnam Mapo Jongno Yongsan Seocho Songpa Gwanak "
    "Nowon Dongjak Gangseo Yeongdeungpo Guro Eunpyeong Seodaemun Dongdaemun Jungnang Seongdong Seongbuk "
    "Gangbuk Dobong Gwangjin Geumcheon Yangcheon Gangdong Itaewon Hongdae Sinchon Myeongdong Insadong "
    "Hannam Jamsil Yeouido Olympic Namsan Bukhansan Cheonggyecheon "
    "Team Department Dept Manager Support Customer Service Admin Administrator Resident Residents Citizen "
    "Not Very So Sorry Happy Glad Here Home Back Sure Okay Ok OK Fine Urgent Please Help Again Also Just "
    "Really Still Writing Calling Reporting Going Living Looking Trying Worried Concerned Angry Upset "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July "
    "August September October November December Anonymous Me You Everyone All The A An It This That "
    "God Jesus Sir Madam Mr Mrs Ms Dr Hi Hello Dear CivicBot"
)
# The last word of a place's name ("Gangnam Station", "Seoul City Hall", "Mapo Bridge"). Park is also
# a surname (Jane Park), so it is no place here.
_EN_PLACE_KINDS = _words(
    "City Hall Station Street St Road Rd Avenue Ave Bridge Market Office Center Centre Line Exit Gate "
    "University School Hospital Apartment Apartments Tower Mall River Stream Mountain Square Plaza"
)
_PLACE_ENDING = re.compile(r"(?i:-(?:gu|ro|gil|dong))$")


def looks_like_a_given_name(given: str) -> bool:
    """Whether two syllables are shaped like a Korean given name: a first syllable given names start
    with and a second they end with (``GIVEN_FIRST``, ``GIVEN_SECOND``)."""
    return len(given) == 2 and given[0] in GIVEN_FIRST and given[1] in GIVEN_SECOND


def _english_name(words: str, need_two: bool) -> str | None:
    """The capitalised words as a person's name, or None when they name a place, a nationality, a
    day or a feeling ("I am Korean", "This is Gangnam Station")."""
    parts = words.split()
    if need_two and len(parts) < 2:
        return None
    if parts[-1] in _EN_PLACE_KINDS or (len(parts) == 1 and _PLACE_ENDING.search(parts[0])):
        return None
    if any(re.sub(r"[-'’].*", "", part) in _EN_NOT_NAMES for part in parts):
        return None
    return words


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
        """People named in ``text``: a Korean name + 씨/님/이라는 사람 ..., Mr/Ms + name, the reporter's
        own name, or a full name in an everyday shape (박영수가, 범인은 이정훈, 김민지 올림, I am Jane
        Doe). A name is personal data (개인정보 보호법 제2조 제1호): the report waits for an official."""
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
        found.extend(name for name in self._everyday_shapes(text) if name not in found)
        return found

    def _everyday_shapes(self, text: str) -> list[str]:
        """Full names in the everyday shapes of a complaint (박영수가, 김민수네, 범인은 이정훈,
        홍길동입니다, 김민지 올림, 홍 길 동 씨, I am Jane Doe, Regards, Min-su Kim): a person named
        in a public report is personal data (개인정보 보호법 제2조 제1호) and, beside an accusation,
        a defamation risk (형법 제307조), so the report waits for an official as 김철수 씨 does."""
        found = []
        if any("가" <= ch <= "힣" for ch in text):
            for pattern in (_NAME_PARTICLE, _NAME_CLOSING, _NAME_AFTER_ROLE):
                for match in pattern.finditer(text):
                    name = match.group("name") or match.group("signed")
                    if pattern is _NAME_PARTICLE and not _particle_fits(name, match.group("particle")):
                        continue
                    if self._is_full_name(name):
                        found.append(name)
            for match in _NAME_SPACED.finditer(text):
                name = match.group("name")
                joined = name.replace(" ", "")
                given = joined[-2:]  # a two-syllable surname is never spelled apart from its name
                if given in _TITLE_WORDS or not self._is_full_name(joined):
                    continue
                found.append(joined)
        if any("A" <= ch <= "Z" for ch in text):
            for match in _EN_INTRO.finditer(text):
                if match.group("after") is None:
                    continue
                lead = text[match.start() : match.start("name")].lower()
                name = _english_name(match.group("name"), need_two="this" in lead)
                if name:
                    found.append(name)
            for match in _EN_SIGN_OFF.finditer(text):
                lead = text[match.start() : match.start("name")]
                name = _english_name(match.group("name"), need_two=not re.search(r"[A-Za-z]", lead))
                if name:
                    found.append(name)
        return found

    def _is_full_name(self, name: str) -> bool:
        """A surname and a given name shaped like one, and not an everyday word or a city's not_names."""
        for surname in _TWO_SYLLABLE_SURNAMES:
            if name.startswith(surname) and len(name) == 4:
                given = name[2:]
                break
        else:
            given = name[1:]
        if name in EVERYDAY_WORDS or name in self.not_names or given in self.not_names:
            return False
        return looks_like_a_given_name(given)

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


_TWO_SYLLABLE_SURNAMES = ("남궁", "황보", "제갈", "선우", "독고", "사공", "서문")


def _has_final(syllable: str) -> bool:
    """Whether a Hangul syllable ends in a consonant (받침): 훈 does, 수 does not."""
    return "가" <= syllable <= "힣" and (ord(syllable) - 0xAC00) % 28 != 0


def _particle_fits(name: str, particle: str) -> bool:
    """이/은/을/이랑 follow a final consonant (이정훈이), 가/는/를/랑 a vowel (박영수가): the particle a
    name takes. A word that takes the other one is not read as this name and that particle."""
    if particle in ("이", "은", "을", "이랑"):
        return _has_final(name[-1])
    if particle in ("가", "는", "를", "랑"):
        return not _has_final(name[-1])
    return True


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
