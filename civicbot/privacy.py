"""Personal data in citizens' free text: find it, mask it, and never keep a national identifier.

Complaints are public, and people write what they would tell a clerk: their phone number, the car
that blocks their gate, their flat's unit number. Everything here is format-based on purpose, and
every function first applies ``civicbot.text.clean`` (NFC, full-width digits folded, zero-width
characters out), so a number typed as decomposed jamo, in full-width digits or with a zero-width
space inside is the same number. The kinds:

- Resident and foreigner registration numbers (주민등록번호, 외국인등록번호) by *format* only
  (YYMMDD-Gxxxxxx, G 1-8). Since October 2020 the last six digits are random, so the old checksum
  rejects real numbers; the date part is still checked so that long digit runs are less often taken.
  The front half with the digit for sex and century alone ("900101-1", as forms ask for it) too.
- Passport numbers (M12345678, and the 2021 form M123A4567) and driver's licence numbers
  (11-19-123456-78, 서울 19-123456-78, or twelve digits after 면허): PIPA (개인정보 보호법 제24조,
  시행령 제19조) treats them with registration numbers as 고유식별정보, so like them they are
  never stored, not even in the private record.
- Card numbers: 13-19 digits (spaces or hyphens between) that pass the Luhn check; never stored.
- Card numbers after a card label (카드, 신용카드, card) shaped 4-4-4-4 or 4-6-5, even when the Luhn
  check fails: a mistyped card number is still somebody's card.
- Bank account numbers: 10-16 digits within a few words after a bank's name, 계좌 or "account"
  (the banks' initials KB, NH, SC ... as whole words only; a mobile number there is a phone number),
  or right after a bank's short name ("국민 123456-01-234567", "카뱅 3333-01-1234567").
- Birth dates after their label ("생년월일 900101", "생일은 1990년 1월 1일", "DOB 1990-01-01").
- Phone numbers: mobile, Seoul and regional landlines, internet phones, in every spelling people
  use: separators of space, dot, hyphen, ㅡ or dashes (with spaces around them or not), and in phone
  numbers also _ / ~ * and any other sign (010📞1234📞5678, 010•1234•5678, 010ㆍ1234ㆍ5678); the prefix in brackets ((010) 1234-5678, 010)1234-5678); +82, 82-, (+82),
  +82 (0)10, 0082-10, 001-82-10, 8210-...; a mobile or landline number typed one digit at a time;
  a number said aloud, its groups apart by particles ("02에 123에 4567", "공이 일이삼에 사오육칠"); a
  local number without its area code after "국번 없이" or a home-phone label ("집 전화는 555-1234").
  The 120 call centre and business numbers (15xx, 16xx, 18xx: 1588-xxxx) are public and left alone.
  Numbers abroad in their everyday international spellings ("+1 415 555 0100", "+44 20 7946 0958",
  "+81-3-1234-5678", "0044 20 7946 0958", "+1 (415) 555-0100"): a + or 00 prefix and 7-17 digits
  (a country code of 1-3 digits and 6-14 more, E.164) in groups apart by spaces, dots, dashes or
  brackets (``_international_candidates``). And numbers spelled with English digit words ("zero one
  zero 1234 5678", "oh two, one two three, four five six seven") when they make a Korean phone
  number, or follow "+" or "plus" with an international number's length.
  Every pattern reads ``matching_view(text)``: any dash-like character (Unicode's dashes, minus
  signs, bars, and the letters typed for a dash: ー, ᅳ, 一) as "-", any script's digits as ASCII.
- Numbers spelled to get past a filter, as people do on marketplaces and in comments: Sino-Korean
  digit syllables (공일공 일이삼사 오육칠팔, 구공공일공일 일이삼사오육칠, or mixed: 공일공 1234 5678)
  and letters that look like 0 or 1 inside a number (O1O-1234-5678, ㅇ1ㅇ …). Such a run is read as
  digits in a shadow of the text (same length, so offsets carry over) and looked at for phone and
  registration numbers only; a run of such syllables long enough to be one is rare in prose.
- The back half of a registration number on its own after a label (뒷자리 1234567, 주민번호 …
  1234567): it is the part that identifies a person.
- E-mail addresses (full-width ＠ included, and spelled out: "minsu 골뱅이 naver.com", "minsu at
  naver dot com"), messenger and social accounts after their service's name ("카톡아이디
  minsu1234", "인스타 @minsu", "네이버 아이디 kimlee12"; with no label when the account holds a digit,
  a dot or an underscore or a contact word follows: "카톡 kim1234 로 연락"), an address given as a
  name and a provider ("이메일은 kim_lee 네이버요"), an official's full name before a title ("담당
  박서준 주무관": the status page shows what the city did, never who), a contact's full name after a
  phone number or a contact label ("연락처 010-… 홍길동"), car plates (12가3456, 123가4567,
  서울12가3456, 12가-3456, and with Hangul digits: 일이가 삼사오육) and detailed addresses (101동
  1203호, 123-45번지, 테헤란로 123): a district or a street name stays readable, the doorstep does not.
  A contact's or an official's name in Latin letters ("010-… Kim Minsu", "Kim Minsu 주무관":
  ``ROMAN_NAME``) is masked the same way. A person's name elsewhere in a report is not masked: it
  holds the report for review (civicbot.moderation).

Near-misses that must stay readable (dates, money, 5G, 1.7km, 2019년, 3호선, 120 다산콜센터, opening
hours) are kept in tests/test_privacy.py next to the examples and the generated spellings.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass

from civicbot.i18n import t
from civicbot.text import clean

# Kinds of personal data, in the order they are looked for: a longer, more specific pattern first,
# so "101동 1203호" is one detailed address and not a phone number or two numbers.
RRN = "rrn"
CARD = "card"
LICENCE = "licence"
PASSPORT = "passport"
ACCOUNT = "account"
EMAIL = "email"
PHONE = "phone"
PLATE = "plate"
ADDRESS = "address"
HANDLE = "handle"
NAME = "name"
BIRTH = "birth"

# The version of the masking rules. Bump it with any change that masks more (or less): the server
# then masks the stored reports' public text again at its next start (civicbot.remask), as
# `civicbot complaints remask` does on demand. 23: landline numbers said aloud or labelled. 24: any
# dash-like character (ー ᅳ 一 − …) and any script's digits in numbers (``matching_view``); a contact's
# or an official's name in Latin letters ("010-1234-5678 Kim Minsu", "Kim Minsu 주무관"). 25:
# international numbers (+1 415 555 0100, 0044 20 7946 0958) and numbers in English digit words.
RULES_VERSION = "25"

KINDS = (RRN, CARD, LICENCE, PASSPORT, ACCOUNT, EMAIL, PHONE, PLATE, ADDRESS, HANDLE, NAME, BIRTH)
# Never stored anywhere, not even in the officials' private copy of the text.
NEVER_STORED = frozenset({RRN, PASSPORT, LICENCE, CARD})


_NOT_DIGIT_BEFORE = r"(?<![0-9A-Za-z])"
_NOT_DIGIT_AFTER = r"(?![0-9])"
# Between the groups of a number: a hyphen, dot, ㅡ (the Hangul vowel people type for a dash) or a
# dash, with or without spaces around it, or just spaces.
_DASHES = "\\-.ㅡ–—―‐‑‒·"
_SEP = rf"(?:\s*[{_DASHES}]\s*|\s{{1,3}})?"

# YYMMDD-Gxxxxxx, with or without the hyphen, spaces allowed around it. G (the 7th digit) is 1-4
# for citizens and 5-8 for registered foreigners (외국인등록번호 has the same shape).
_RRN = re.compile(
    _NOT_DIGIT_BEFORE
    + r"(?P<yy>\d{2})(?P<mm>0[1-9]|1[0-2])(?P<dd>0[1-9]|[12]\d|3[01])"
    + rf"(?:(?:\s*[{_DASHES}]\s*|\s?)[1-8](?:\d{{6}}|[*xX●○#]{{1,6}})"
    # the birth date and the digit for sex and century alone, as forms ask for it: "900101-1"
    + rf"|\s*[{_DASHES}]\s*[1-8](?![0-9*xX●○#]))"
    + _NOT_DIGIT_AFTER
)

# 13-19 digits, groups separated by a space or hyphen; checked with Luhn before it counts.
_CARD = re.compile(r"(?<![0-9])\d(?:[ \-]?\d){12,18}(?![0-9])")

# Licence: region code (11-28) or region name, two-digit year, six digits, two check digits.
_LICENCE_REGIONS = (
    "서울|부산|경기남부|경기북부|경기|강원|충북|충남|전북|전남|경북|경남|제주|대구|인천|광주|대전|울산|세종"
)
_GROUP = rf"(?:\s*[{_DASHES}]\s*|\s)"  # a separator that must be there
_LICENCE = re.compile(
    rf"(?:(?:{_LICENCE_REGIONS})\s?|{_NOT_DIGIT_BEFORE}\d{{2}}{_GROUP})"
    rf"\d{{2}}{_GROUP}\d{{6}}{_GROUP}\d{{2}}{_NOT_DIGIT_AFTER}"
)

# Passport: a letter for the kind (M ordinary, S, R, O, D, G) and eight digits; since 2021 also
# M123A4567 (three digits, a letter, four digits).
_PASSPORT = re.compile(r"(?<![0-9A-Za-z])[MSRODGmsrodg](?:\d{8}|\d{3}[A-Za-z]\d{4})(?![0-9A-Za-z])")

# What makes a long digit run an account number (or, for 면허, a licence number without hyphens):
# a label shortly before it.
# The English words and the banks' abbreviations count only as whole words: "SC" inside "school",
# "<script>" or "Rescue" made a phone number an account ("KB국민은행" still counts: Hangul may follow).
_BANKS = (
    r"은행|뱅크|계좌|입금|송금|농협|새마을금고|우체국|신협|수협|증권|저축|"
    r"(?<![A-Za-z])(?i:(?:bank|account|acct)s?|IBK|KB|NH|SC|KEB)(?![A-Za-z])"
)
# A card number after the word card is one even when it fails the Luhn check (a mistyped card
# number is still somebody's card): sixteen digits as 4-4-4-4 (or run together), or 4-6-5 (Amex).
_CARD_LABEL = r"카드|(?<![A-Za-z])(?i:cards?)(?![A-Za-z])"
_CARD_SHAPED = r"(?<![0-9])(?:\d{4}(?P<s>[ \-.]?)\d{4}(?P=s)\d{4}(?P=s)\d{4}|\d{4}(?P<t>[ \-]?)\d{6}(?P=t)\d{5})(?![0-9])"
_ACCOUNT_SHAPED = re.compile(r"(?<![0-9])\d(?:[ \-]?\d){9,15}(?![0-9])")
# A bank called by its short name, as people write it before the number ("국민 123456-01-234567",
# "카뱅 3333-01-1234567", "신한 110-123-456789", "토스 1000-1234-5678"). Most of these names are
# also words (우리 we, 하나 one, 국민 the nation, 기업 a company) or cities (부산), so the number must
# follow at once (a space or a colon between) and must not be shaped like a phone number.
_SHORT_BANKS = re.compile(
    r"(?<![가-힣])(?:국민|카뱅|케뱅|토스|신한|우리|하나|기업|씨티|제일|산업|부산|대구|경남|광주|전북|제주|카카오|케이|"
    r"농협|새마을|수협|신협)(?:은행|뱅크)?\s?[:：]?\s?(?=\d)"
)
_LABELLED = (
    (CARD, re.compile(_CARD_LABEL), re.compile(_CARD_SHAPED), 20),
    (ACCOUNT, re.compile(rf"(?:{_BANKS})"), _ACCOUNT_SHAPED, 20),
    (ACCOUNT, _SHORT_BANKS, _ACCOUNT_SHAPED, 0),
    (
        LICENCE,
        re.compile(r"면허|(?i:licen[cs]e)"),
        re.compile(r"(?<![0-9])\d(?:[ \-]?\d){9,11}(?![0-9])"),
        20,
    ),
)
# A mobile number near a bank's name is still a phone number ("국민은행 앞에서 010-1234-5678로").
_MOBILE_SHAPED = re.compile(r"01[016789][ \-]?\d{3,4}[ \-]?\d{4}")
_LABEL_REACH = 20  # characters between the label and the number: "국민은행 계좌는 123..."

# Inside the name before the @ the dots and underscores are words too: "john dot smith at gmail dot
# com", "kim underscore lee at naver.com".
_JOIN_WORD = r"(?:\(dot\)|\[dot\]|\bdot\b|닷|점|쩜|\bunderscore\b|언더바|언더스코어|\bhyphen\b|하이픈)"
_EMAIL = re.compile(
    rf"[A-Za-z0-9._%+\-]+(?:\s*{_JOIN_WORD}\s*[A-Za-z0-9._%+\-]+){{0,4}}"
    r"\s?@\s?[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}"
    # the rest of a domain typed with spaces around its dots ("kim@naver.co . kr"); only the common
    # endings, so "a@b.com. Thanks" keeps its next sentence
    r"(?:\s*\.\s*(?:com|net|org|kr)(?![A-Za-z0-9]))*"
)

# Korean surnames (통계청 2015 인구주택총조사: the common ones, and the two-syllable ones first).
SURNAMES = (
    "남궁|황보|제갈|선우|독고|사공|서문|"
    "김|이|박|최|정|강|조|윤|장|임|한|오|서|신|권|황|안|송|전|홍|유|고|문|양|손|배|백|허|노|심|하|곽|"
    "성|차|주|우|구|민|류|나|진|지|엄|채|원|천|방|공|현|함|변|염|여|추|도|소|석|선|설|마|길|연|위|표|명|"
    "기|반|라|왕|금|옥|육|인|맹|제|모|탁|국|어|은|편|용|예|경|봉|사|부"
)
# A Korean name written in Latin letters ("Kim Minsu", "Min-su Kim", "park jisung", "Lee Ji-eun"):
# a family name as people romanise it (the Revised Romanization of 2000 and the older spellings
# passports still carry: 김 Kim/Gim, 이 Lee/Yi/Rhee, 박 Park/Pak/Bak, 최 Choi/Choe …) and a given name
# of two romanised syllables, joined or with a hyphen, in either order. A syllable is an initial
# consonant, a vowel and a final as Korean writes them (국립국어원, 국어의 로마자 표기법), so "bike",
# "thief" or "badly" after 범인은 are no given name, and a family name alone ("the owner is Park") is
# no full name, as in Hangul. In lower case only the family names that are no English word count
# (park, song, moon, son, go, no, an ... must be capitalised).
ROMAN_SURNAMES_DISTINCT = (
    "Kim|Gim|Lee|Yi|Rhee|Choi|Choe|Jung|Jeong|Chung|Kang|Cho|Yoon|Yun|Jang|Lim|Shin|Kwon|Gwon|Hwang|"
    "Ahn|Ryu|Yoo|Hong|Jeon|Heo|Hur|Baek|Paek|Paik|Kwak|Gwak|Seo|Suh|Chae|Eom|Namgung|Hwangbo|Jegal|"
    "Sunwoo|Seonu|Joo|Koo|Noh|Roh|Shim|Seong|Bae|Yang|Pak|Bak|Sohn|Koh"
)
ROMAN_SURNAMES_WORDS = (
    "Park|Song|Son|Moon|Mun|Sung|Han|Oh|O|Ko|Go|Jo|Im|An|Nam|No|Ha|Cha|Min|Na|Jin|Ji|Won|Woo|Um|Ju|Gu|"
    "Yu|Jun|Chun|Sim|Sin|Gang|Ra"
)
_ROMAN_SYLLABLE = (
    r"(?:kk|tt|pp|ss|jj|ch|sh|[gkndtrlmbpsjhc])?"
    r"(?:yeo|yae|wae|woo|yoo|you|eo|eu|ae|ya|ye|yo|yu|wa|we|wi|wo|oo|ee|ui|oe|ou|a|e|i|o|u)"
    r"(?:ng|[nmlkgpbt](?![aeiouyw]))?"
)
_ROMAN_GIVEN = rf"(?i:{_ROMAN_SYLLABLE}[-'’]?{_ROMAN_SYLLABLE})"


def _roman_family(capital_only: str, any_case: str) -> str:
    """Family names as a pattern: ``any_case`` in any case, ``capital_only`` capitalised only."""
    names = [*any_case.split("|"), *(capital_only.split("|") if capital_only else [])]
    forms = names + [name.lower() for name in any_case.split("|")] + [name.upper() for name in names]
    return "(?:" + "|".join(dict.fromkeys(forms)) + ")"


def _roman_name(family: str) -> str:
    """Family then given ("Kim Minsu", "KIM Min-su") or given then family ("Minsu Kim"), whole words."""
    return (
        rf"(?<![A-Za-z])(?:{family}[ \t]+{_ROMAN_GIVEN}|{_ROMAN_GIVEN}[ \t]+{family})"
        r"(?![A-Za-z'’-])"
    )


ROMAN_NAME = _roman_name(_roman_family(ROMAN_SURNAMES_WORDS, ROMAN_SURNAMES_DISTINCT))
# After a word for the culprit in Korean ("범인은 park jisung") any family name counts in any case:
# the Korean before it says a person follows.
ROMAN_NAME_ANY_CASE = _roman_name(_roman_family("", ROMAN_SURNAMES_DISTINCT + "|" + ROMAN_SURNAMES_WORDS))
_ROMAN_NAME = re.compile(ROMAN_NAME)

# An official named with their title in a note that will be public ("담당 박서준 주무관", "김민지
# 팀장이 확인했습니다"): a full name (surname and two syllables) before a title. A department before a
# title is not a name ("도로과 팀장", "민원실 주무관"): a given name does not end in 과, 팀, 실 ...
_TITLES = (
    r"(?:주무관|팀장|과장|국장|계장|주임|담당자|담당관|실장|소장|반장|대리|사무관|서기관|동장|구청장|시장)"
)
_OFFICIAL_NAME = re.compile(rf"(?<![가-힣])(?:{SURNAMES})[가-힣]{{2}}(?=\s?{_TITLES})")
_NOT_A_GIVEN_NAME_END = frozenset("과팀실국계부청터장센")
# The same in Latin letters: "담당 Kim Minsu 주무관", "Lee Ji-eun 팀장이".
_OFFICIAL_ROMAN = re.compile(rf"{ROMAN_NAME}(?=[ \t]?{_TITLES})")

# A contact's name beside the number: "연락처 010-1234-5678 홍길동", "010-1234-5678 (김민수)",
# "연락처: 홍길동". A full name (surname and two syllables, or 남궁 and two) right after a phone
# number (or its mask, when a masked text is masked again) or after a contact label, that ends there:
# at the end of the text, before a sign or a number, or before 님/씨/드림/입니다. What follows a
# number is mostly a verb or a place ("주세요", "문자로", "(사무실)", "경기도", "강남구", "서울역"), so
# a word ending like a verb, a particle, an office or a place is not a name, nor are the few such
# words listed. A 동 is not left out ("홍길동" ends like "역삼동"): a 동's name right after a phone
# number is masked as a name, which costs the map nothing (it shows the 동 anyway).
_CONTACT_BEFORE_NAME = re.compile(
    r"(?:\[전화번호\]|\[phone\]|(?<![가-힣])(?:연락처|연락|전화번호|전화|휴대폰|핸드폰|휴대전화)(?:\s*[:：]\s*|\s+))"
)
_NAME_AFTER_CONTACT = re.compile(
    rf"[\s,/()\[\]·:：\-]{{0,3}}(?P<name>(?:{SURNAMES})[가-힣]{{2}})"
    r"(?=$|[^가-힣\s]|\s+(?:[^가-힣\s]|$)|\s*(?:님|씨|께|에게|한테|드림|올림|입니다|이에요|예요|이고|이며)(?![가-힣]))"
)
# A contact's name in Latin letters beside the number: "010-1234-5678 Kim Minsu", "연락처: Lee Jieun".
_ROMAN_AFTER_CONTACT = re.compile(rf"[\s,/()\[\]·:：\-]{{0,3}}(?P<name>{ROMAN_NAME})")
_NOT_A_CONTACT_NAME_END = _NOT_A_GIVEN_NAME_END | frozenset(
    "요다까죠네면며고로에님처층분함음됨임김림시중엔는만길게께야래습도구군역읍물품료금"
)
_NOT_A_CONTACT_NAME = frozenset(
    {"사무실", "공무원", "경비원", "이메일", "기다림", "지금은", "오늘은", "전화나", "문자나", "주셔서"}
    | {"소방서", "경찰서", "이거나", "이든지", "이라서", "사무소", "안내원", "상담원", "남편분", "부인분"}
)

# An address spelled to get past a filter, as on marketplaces: "minsu 골뱅이 naver.com", "minsu at
# naver dot com", "minsu(at)gmail", "minsu 앳 네이버". The @ is a word (골뱅이, 앳, at), the dots are
# words (dot, 닷, 점, 쩜); the domain ends in a top-level domain or is a mail provider people name.
# A plain @ too, for an address typed with spaces around its signs: "kimminsu @ gmail . com".
_AT_WORD = r"(?:[(\[{<]\s*(?:골뱅이|앳|at)\s*[)\]}>]|골뱅이|앳|\bat\b|[@＠])"
_DOT_WORD = r"(?:\.|\(dot\)|\[dot\]|\bdot\b|닷|점|쩜)"
_PROVIDERS = r"(?:naver|daum|hanmail|gmail|kakao|nate|hotmail|yahoo|outlook|icloud|네이버|다음|한메일|지메일|카카오|네이트)"
_EMAIL_SPELLED = re.compile(
    rf"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]{{2,}}(?:\s*{_JOIN_WORD}\s*[A-Za-z0-9._%+\-]+){{0,4}}\s*{_AT_WORD}\s*"
    rf"(?:[A-Za-z0-9\-]+(?:\s*{_DOT_WORD}\s*[A-Za-z0-9\-]+)*\s*{_DOT_WORD}\s*(?:com|net|org|kr|io|me|co|info|biz)\b"
    rf"|{_PROVIDERS}(?:\s*(?:{_DOT_WORD}\s*(?:com|net|kr)\b|닷컴|닷넷))?)",
    re.IGNORECASE,
)
# A messenger or social account named after its service: "카톡아이디 minsu1234", "카톡 id: minsu_k",
# "kakao ID minsu", "인스타 @minsu.k", "라인 아이디는 minsu". The account is how to reach a person.
_HANDLE = re.compile(
    r"(?:카카오톡|카톡|카카오|라인|인스타그램|인스타|텔레그램|텔레|페이스북|페북|트위터|디스코드|"
    # portals: "네이버 아이디 kimlee12" is also the person's mail address at naver.com
    r"네이버|다음|구글|네이트|지메일|한메일|"
    r"\b(?:kakao(?:talk)?|line|instagram|insta|telegram|facebook|twitter|discord|naver|daum|google|nate|gmail)\b)"
    # The account's label or an @ must be there: "line near Gangnam" is a subway line.
    # A colon alone is no label: "telegram: update 80 not handled" is a log line.
    r"\s*(?:아이디|계정|(?<![A-Za-z])(?:id|handle)(?![A-Za-z]))\s*(?:는|은|:|：)?\s*(@?[A-Za-z][A-Za-z0-9._\-]{2,})"
    r"|(?:카카오톡|카톡|카카오|라인|인스타그램|인스타|텔레그램|트위터|\b(?:kakao(?:talk)?|line|instagram|insta|telegram|twitter)\b)"
    r"\s*(@[A-Za-z0-9._\-]{3,})",
    re.IGNORECASE,
)

# A messenger account after its service's name without a label: "카톡 kim1234 로 연락", "라인 minsu_k",
# "insta jdoe99", "카톡 minsu 추가해 주세요". The account holds a digit, a dot or an underscore, or a
# contact word follows it; so "line near Gangnam", "kakao map" and "카톡으로 사진 보냈어요" stay.
_HANDLE_BARE = re.compile(
    r"(?:(?:카카오톡|카톡|카카오|라인|인스타그램|인스타|텔레그램|텔레)(?:으로|로|은|는|도)?\s*"
    r"|(?<![A-Za-z])(?i:kakao(?:talk)?|line|instagram|insta|telegram)\s+)"
    r"(?P<id>(?<![A-Za-z0-9])[A-Za-z][A-Za-z0-9._\-]{2,29})(?![A-Za-z0-9@])"
    r"(?P<contact>\s*(?:으로|로|로요|에서|는|이요|요)?\s*"
    r"(?:연락|추가|친추|문의|메시지|메세지|톡|검색|보내|(?i:dm|add|message|contact)(?![A-Za-z])))?"
)

# An account right after a messenger's Korean name, with no label and no digit: "카톡 kimminsu",
# "인스타 kimminsu", "텔레그램은 minsu_k". In Korean prose a Latin word after 카톡 or 인스타 is an
# account, apart from the words for the service's own parts listed here ("카톡 pc버전", "인스타 story",
# "라인 friends") and abbreviations ("라인 KTX"); a Latin word followed by more Latin words is a
# phrase, not an account.
_HANDLE_KOREAN = re.compile(
    r"(?<![가-힣])(?:카카오톡|카톡|인스타그램|인스타|텔레그램|텔레|라인|디스코드|트위터)(?:은|는|도|이요|요)?\s*[:：]?\s*"
    r"(?P<id>(?<![A-Za-z0-9])[A-Za-z][A-Za-z0-9._\-]{2,29})(?![A-Za-z0-9@])(?!\s+[A-Za-z])"
)
_SERVICE_WORDS = frozenset(
    [
        "pc",
        "app",
        "apps",
        "web",
        "mobile",
        "android",
        "ios",
        "iphone",
        "ipad",
        "mac",
        "windows",
        "version",
        "ver",
        "update",
        "id",
        "dm",
        "dms",
        "story",
        "stories",
        "reels",
        "live",
        "feed",
        "post",
        "posts",
        "profile",
        "open",
        "openchat",
        "chat",
        "chats",
        "group",
        "groups",
        "channel",
        "channels",
        "business",
        "biz",
        "pay",
        "talk",
        "map",
        "bank",
        "ai",
        "link",
        "links",
        "qr",
        "url",
        "http",
        "https",
        "www",
        "premium",
        "plus",
        "lite",
        "shopping",
        "gift",
        "gifts",
        "emoticon",
        "emoticons",
        "friends",
        "message",
        "messages",
        "call",
        "calls",
        "voice",
        "video",
        "videos",
        "photo",
        "photos",
        "file",
        "files",
        "login",
        "logout",
        "account",
        "accounts",
        "notice",
        "alarm",
        "push",
        "sns",
        "official",
        "event",
        "events",
        "ok",
        "yes",
        "no",
        "and",
        "or",
        "the",
        "to",
        "with",
        "on",
        "in",
        "at",
        "of",
        "for",
        "sticker",
        "stickers",
        "theme",
        "themes",
        "mail",
        "email",
        "gmail",
        "naver",
        "daum",
        "kakao",
        "insta",
        "instagram",
        "line",
        "telegram",
        "tele",
    ]
)

# A mail address given as its provider and then its name: "메일은 네이버 kimminsu123", "이메일 gmail
# kim_lee", "네이버 메일 kimminsu". After a mail label, or with 메일 after the provider, the word after
# the provider is the mailbox's name.
_EMAIL_PROVIDER_FIRST = re.compile(
    rf"(?<![A-Za-z]){_PROVIDERS}(?![A-Za-z])\s*(?P<mail>메일|(?i:mail))?\s*(?:주소|아이디|계정)?\s*(?:은|는|:|：)?\s*"
    r"(?P<name>(?<![A-Za-z0-9])[A-Za-z][A-Za-z0-9._\-]{2,})(?![A-Za-z0-9@])",
    re.IGNORECASE,
)

# A mail address given as its name and its provider, without the domain: "이메일은 kim_lee 네이버요",
# "minsu88 naver", "minsu@naver". After a mail label any name counts; without one the name must hold a digit, an
# underscore or a dot (so "I use naver" stays). The provider ends the sentence or the word: "다음주",
# "네이버 지도" are not addresses.
_MAIL_LABEL = re.compile(
    r"(?:이메일|메일|e-?mail|mail)\s*(?:주소|address)?\s*(?:은|는|이|가|:|：|is)?\s*$", re.I
)
_EMAIL_NAMED = re.compile(
    rf"(?<![A-Za-z0-9._%+\-@])(?P<name>[A-Za-z][A-Za-z0-9._\-]{{2,}})\s*@?\s*{_PROVIDERS}(?![A-Za-z])"
    r"(?=\s*(?:$|[^\s가-힣]|요|이요|이에요|예요|입니다|메일|계정|으로|로|이고|이며|이랑|하고))",
    re.IGNORECASE,
)

# Between the groups of a phone number people also type an underscore, a slash, a tilde or an
# asterisk ("010_1234_5678", "010/1234/5678", "010~1234~5678"): a phone number's groups start with
# its 0-prefix, so dates (2024/05/12), ranges (09:00~18:00) and sums (3*4) are not read as one.
_PHONE_DASHES = _DASHES + "_/~*"
# Any other sign between the groups too, an emoji or a bullet ("010📞1234📞5678", "010•1234•5678",
# "010ㆍ1234ㆍ5678", "010,1234,5678"): after 010 or an area code nothing else reads that way.
_PHONE_SEP = rf"(?:\s*(?:[{_PHONE_DASHES}]|[^\w\s]|ㆍ){{1,4}}\s*|\s{{1,3}})?"
_AREA_AFTER_COUNTRY = r"(?:1[016789]|2|[3-6][1-5]|70)"
_COUNTRY = (
    # +82, (+82), (82), (0082); 0082 and 001-82 (the international prefix dialled from abroad or
    # from a Korean carrier); 82 followed by a separator, or glued to a mobile prefix (8210-...).
    r"(?:\(\s*\+?\s*(?:00\s*)?82\s*\)|\+\s*82|"
    + _NOT_DIGIT_BEFORE
    + r"00(?:[1-8]|700)?\s*[\-.]?\s*82|"
    + _NOT_DIGIT_BEFORE
    + rf"82(?=\s*[{_PHONE_DASHES})]|\s|0?1[016789]))"
    + _PHONE_SEP
    + r"(?:\(\s*0\s*\)\s*)?0?"
    + _AREA_AFTER_COUNTRY
)
_PHONE = re.compile(
    r"(?:"
    # international: +82 10-1234-5678, 82-10-..., (+82)10-..., +82 (0)10, 0082-10-..., 8210-...
    + _COUNTRY
    # mobile: 010-1234-5678, 010 1234 5678, 01012345678, 011-123-4567, (010) 1234-5678, 010)1234-5678
    + r"|"
    + _NOT_DIGIT_BEFORE
    + r"(?:\(\s*01[016789]\s*\)|01[016789]\s*\)?)"
    # landline: 02-123-4567, (02) 1234-5678, 031-123-4567, 070-1234-5678, 0505-123-4567
    # (a bracket is part of the number only around the prefix: "(02-123-4567)" keeps both brackets)
    + r"|"
    + _NOT_DIGIT_BEFORE
    + r"(?:\(\s*0(?:2|[3-6][1-5]|70|50[0-9])\s*\)|0(?:2|[3-6][1-5]|70|50[0-9])\s*\)?)"
    + r")"
    + _PHONE_SEP
    + r"\d{3,4}"
    + _PHONE_SEP
    + r"\d{4}"
    + _NOT_DIGIT_AFTER
)
# A mobile or landline number typed (or spelled, "공일공 일 이 삼 사 오 육 칠 팔") one digit at a time:
# 010 or an area code (0 2, 0 3 1, 0 7 0) and seven or eight more digits, each apart from the next
# by a space or a dash.
_ONE_APART = r"(?:\s{1,2}|\s?[\-.ㅡ]\s?)?"
_SPACED_PREFIX = rf"0{_ONE_APART}(?:1{_ONE_APART}[016789]|2|[3-6]{_ONE_APART}[1-5]|7{_ONE_APART}0)"
_PHONE_SPACED = re.compile(
    _NOT_DIGIT_BEFORE
    # nor right after a digit typed apart: "1 0 2 3 4 …" is a run of digits, not a number after a 1
    + r"(?<![0-9][\s\-.ㅡ])"
    + rf"(?:\({_SPACED_PREFIX}\)|{_SPACED_PREFIX}\)?)"
    + rf"(?:{_ONE_APART}\d){{7,8}}"
    + rf"(?!{_ONE_APART}\d)"
)

# A number abroad as people write it: "+1 415 555 0100", "+44 20 7946 0958", "+81-3-1234-5678",
# "0044 20 7946 0958" (00 is the international prefix dialled from Korea and most of Europe), "+1
# (415) 555-0100". The prefix, then digit groups apart by at most a few spaces, dots, dashes (any
# dash: the pattern reads ``matching_view``) or brackets. What counts is checked in
# ``_international_candidates``: 7-17 digits, a country code of 1-3 digits and 6-14 more (ITU-T
# E.164 allows 15 in all; two more for a trunk 0 written after the country code, "+44 (0)20 …").
# A plus before a figure ("+5 points", "+5000원", "+37.5665, 126.9780") has too few digits or a
# unit after it.
_INTL_PREFIX = r"(?:(?<![0-9A-Za-z+])\+\s?|(?<![0-9A-Za-z+\-./:,])00\s?)"
_INTL = re.compile(
    _INTL_PREFIX + r"\(?\s?[1-9]\d*(?:(?:\s{1,2}|\s?[\-.]\s?|\s?[()]\s?){1,3}\d+)*\)?(?![0-9])"
)
_INTL_DIGITS = (7, 17)
# What follows a figure and not a phone number: "+50000000원", "+1234567 points", "+2.5%".
_INTL_UNIT = re.compile(
    r"\s?(?:원|만|억|천|조|개|명|점|건|회|%|(?i:points?|pts|won|krw|usd|dollars?|km|m|kg)(?![A-Za-z]))"
)
_INTL_MIN_DIGITS = _INTL_DIGITS[0]
# A signed decimal figure ("+126.9780", a longitude) or a date after a signed figure ("+3 2026.12.03")
# is no number abroad.
_INTL_NOT = re.compile(
    r"[+0]+\s?\d{1,3}(?:\.\d+|\s+(?:19|20)\d\d([.\-/])(?:0?[1-9]|1[0-2])\1(?:0?[1-9]|[12]\d|3[01]))"
)


def _international_candidates(text: str):
    """(PHONE, start, end) of each number written with an international prefix (+ or 00) and
    7-17 digits in groups (see ``_INTL``), not followed by a unit. The brackets at its ends are part
    of it when they hold its country code ("(+44) 20 …"), not around it ("(+1 415 555 0100)")."""
    if "+" not in text and "00" not in text:  # the common case
        return
    for match in _INTL.finditer(text):
        number = match.group()
        digits = sum(ch.isdigit() for ch in number) - (2 if number.startswith("00") else 0)
        if not _INTL_DIGITS[0] <= digits <= _INTL_DIGITS[1] or _INTL_UNIT.match(text, match.end()):
            continue
        if _INTL_NOT.fullmatch(number.rstrip(")")):
            continue
        start, end = match.start(), match.end()
        if number.count(")") > number.count("("):
            if number.index(")") == len(number) - 1:
                end -= 1  # the closing bracket of a remark around the number: "(+1 415 555 0100)"
            elif start and text[start - 1] == "(":
                start -= 1  # the country code in brackets: "(+82)10-…", "(+44) 20 …"
        yield PHONE, start, end


# A number spelled with English digit words, as people write it to get past a filter or as they say
# it: "zero one zero 1234 5678", "oh one oh - one two three four - five six seven eight", "+ four four
# two zero …". Words and digit runs apart by spaces, dashes, dots or commas; a stretch of them counts
# when at least one is a word and its digits make a Korean phone number (``_PHONE``, read without
# separators) or, after "+" or "plus", an international one (7-17 digits). "one of the two" or "five
# to nine" make no phone number.
_EN_DIGIT = {"zero": "0", "oh": "0", "o": "0", "one": "1", "two": "2", "three": "3", "four": "4"}
_EN_DIGIT.update({"five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9"})
_EN_TOKEN = re.compile(
    r"(?<![A-Za-z])(?i:zero|oh|o|one|two|three|four|five|six|seven|eight|nine)(?![A-Za-z])|(?<![0-9])\d+"
)
_EN_GAP = re.compile(r"(?:\s|[\-.,])*")
_EN_GAP_MAX = 4
_EN_HINT = re.compile(r"(?<![A-Za-z])(?i:zero|oh|o|one|two|three|four|five|six|seven|eight|nine)(?![A-Za-z])")
_EN_PLUS = re.compile(r"(?:\+|(?<![A-Za-z])(?i:plus))\s*$")


def _english_digit_candidates(text: str):
    """(PHONE, start, end) of a phone number spelled, wholly or partly, with English digit words."""
    if not _EN_HINT.search(text):  # the common case: no digit word at all
        return
    tokens = [(m.start(), m.end(), m.group()) for m in _EN_TOKEN.finditer(text)]
    runs, run = [], []
    for token in tokens:  # runs of tokens with only separators between them
        gap = text[run[-1][1] : token[0]] if run else ""
        if run and (len(gap) > _EN_GAP_MAX or not _EN_GAP.fullmatch(gap)):
            runs.append(run)
            run = []
        run.append(token)
    runs.append(run)
    for run in runs:
        index = 0
        while index < len(run):
            found = _english_phone_at(text, run, index)
            if found is None:
                index += 1
                continue
            before = run[index][0]
            plus = _EN_PLUS.search(text[max(0, before - 6) : before])
            yield PHONE, before - len(plus.group()) if plus else before, run[found][1]
            index = found + 1


def _english_phone_at(text: str, run, index: int) -> int | None:
    """The index of the last token of the longest phone number spelled from ``run[index]`` on, or None."""
    plus = _EN_PLUS.search(text[max(0, run[index][0] - 6) : run[index][0]]) is not None
    digits, worded, best = "", False, None
    for last in range(index, len(run)):
        word = run[last][2]
        worded = worded or not word.isdigit()
        digits += word if word.isdigit() else _EN_DIGIT[word.lower()]
        if len(digits) > _INTL_DIGITS[1]:
            break
        if not worded:
            continue
        abroad = plus and _INTL_DIGITS[0] <= len(digits) and digits[0] != "0"
        if abroad or (not plus and _PHONE.fullmatch(digits)):
            best = last
    return best


# The Hangul letters used on Korean plates (private, commercial, rental, diplomatic, military ...).
_PLATE_LETTERS = (
    "가나다라마거너더러머버서어저고노도로모보소오조구누두루무부수우주아바사자배하허호육해공국합외교영준기"
)
_REGIONS = "서울|부산|대구|인천|광주|대전|울산|세종|경기|강원|충북|충남|전북|전남|경북|경남|제주"
_PLATE = re.compile(
    r"(?:(?:"
    + _REGIONS
    + r")\s?)?"
    + _NOT_DIGIT_BEFORE
    # "12가3456", "12 가 3456", "12가-3456", and the four digits typed apart: "12가 3 4 5 6".
    + r"\d{2,3}(?:\s?[\-ㅡ]\s?|\s)?["
    + _PLATE_LETTERS
    + r"](?:\s?[\-ㅡ.]\s?|\s)?\d(?: ?\d){3}"
    # "12조3456억" is a budget, "20주 1234개" a count and "30도 1234m" a length, not plates;
    # "12가3456번" is still a plate.
    + r"(?![0-9억만천원조개명]|m\b|km\b|%)"
)

# A plate with its digits spelled in Hangul, as numbers are spelled to get past a filter: "일이가
# 삼사오육", "서울 일이가 3456", "일이삼 가 사오육칠". 오, 구, 육, 공 and 영 are plate letters as well as
# digits; the pattern tries each reading.
_HANGUL_DIGITS = "공영일이삼사오육륙칠팔구"
_PLATE_DIGIT = f"[0-9{_HANGUL_DIGITS}]"
_PLATE_SPELLED = re.compile(
    rf"(?:(?:{_REGIONS})\s?|(?<![가-힣0-9]))"
    rf"{_PLATE_DIGIT}{{2,3}}(?:\s?[\-ㅡ]\s?|\s)?[{_PLATE_LETTERS}](?:\s?[\-ㅡ.]\s?|\s)?"
    rf"{_PLATE_DIGIT}(?: ?{_PLATE_DIGIT}){{3}}"
    # a fifth digit is no plate, but 이 after one is mostly the particle ("삼사오육이에요")
    rf"(?![0-9{_HANGUL_DIGITS.replace('이', '')}십백천만])"
)

_ADDRESS = re.compile(
    r"(?:"
    # apartment building + unit: 101동 1203호, 101-1203 is ambiguous and left alone
    + _NOT_DIGIT_BEFORE
    + r"\d{1,4}\s?동\s?\d{1,5}\s?호(?![선기점차])"
    # unit alone: 1203호, 지하 102호 (but not 3호선 subway lines, 1호점 branches, 5호기, 3호차)
    + r"|"
    + _NOT_DIGIT_BEFORE
    + r"\d{3,5}\s?호(?![선기점차실])"
    # lot numbers: 123-45번지, 123번지, 역삼동 123-45
    + r"|"
    + _NOT_DIGIT_BEFORE
    + r"\d{1,5}(?:-\d{1,5})?\s?번지"
    + r"|(?<=[가-힣0-9](?:동|리|가))\s?\d{1,5}-\d{1,5}"
    + _NOT_DIGIT_AFTER
    # road-name addresses: 테헤란로 123, 세종대로 110, 월드컵북로4길 77-1: keep the road, mask the number
    + r"|(?<=[가-힣0-9](?:로|길))\s?\d{1,5}(?:-\d{1,5})?(?![0-9]|\s?(?:번|길|로|가|개|년|명|m|km|킬로|미터|분|시|층|%|원))"
    # English: Apt 1203, Unit 5B, #1203
    + r"|(?i:\b(?:apt|apartment|unit|suite|ste)\.?\s?#?\s?\d{1,5}[A-Za-z]?\b)"
    + r")"
)

# The back half of a registration number written apart from the birth date: "생년월일 900101 뒷자리
# 1234567", "주민번호 뒤 7자리는 2345678".
_RRN_LABEL = re.compile(
    r"주민\s?(?:등록)?\s?번호|주민등록|뒷\s?(?:자리|번호)|외국인\s?등록|(?i:resident registration|\bRRN\b)"
)
_RRN_BACK = re.compile(r"(?<![0-9])[1-8]\d{6}(?![0-9])")

# Digits spelled out (공일공, 구공공일공일) and letters standing in for 0 and 1 (O1O, ㅇ1ㅇ, l, I).
_SPELLED_DIGITS = {
    **dict.fromkeys("공영Ooㅇ", "0"),
    **dict.fromkeys("일lI", "1"),
    "이": "2",
    "삼": "3",
    "사": "4",
    "오": "5",
    **dict.fromkeys("육륙", "6"),
    "칠": "7",
    "팔": "8",
    "구": "9",
}
# A stretch of digits, spelled digits and the separators numbers use.
_SPELLED_RUN = re.compile(rf"[0-9{''.join(_SPELLED_DIGITS)}][0-9{''.join(_SPELLED_DIGITS)}{_DASHES}\s()+]*")
_SPELLED_MIN = 7  # fewer digits than a registration number's back half cannot be a phone or an RRN

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (RRN, _RRN),
    (CARD, _CARD),
    (LICENCE, _LICENCE),
    (PASSPORT, _PASSPORT),
    (EMAIL, _EMAIL),
    (PHONE, _PHONE),
    (PHONE, _PHONE_SPACED),
    (PLATE, _PLATE),
    (ADDRESS, _ADDRESS),
)


@dataclass(frozen=True)
class Finding:
    kind: str
    start: int  # offsets into clean(text), which is what every function here works on
    end: int
    text: str


@dataclass(frozen=True)
class Masked:
    text: str  # safe to publish (and already clean)
    kinds: tuple[str, ...]  # which kinds of personal data were found (for the reporter's notice)


def luhn_valid(digits: str) -> bool:
    """The Luhn check card numbers carry (ISO/IEC 7812): every second digit from the right doubled."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


# The fewest digits each kind can have: a text with fewer digits skips the pattern (most reports
# have none or a few, and submissions must stay fast).
_MIN_DIGITS = {
    RRN: 7,
    CARD: 13,
    LICENCE: 10,
    PASSPORT: 7,
    ACCOUNT: 10,
    EMAIL: 0,
    PHONE: 9,
    PLATE: 6,
    ADDRESS: 1,
    HANDLE: 0,
    NAME: 0,
    BIRTH: 4,
}


# Plates and detailed addresses are looked for after the numbers spelled in Hangul: 공 is also a
# plate letter, so "공11 공 1 1 1 1 …" would otherwise be a plate with a phone number around it.
_LATE_KINDS = frozenset({PLATE, ADDRESS})


def _candidates(text: str, late: bool = False):
    """(kind, start, end) of every match, most specific kind first; overlaps are settled by the caller.
    Plates and addresses only when ``late``, every other kind only when not."""
    digits = sum(ch.isdigit() for ch in text)
    abroad = (
        [] if late or digits < _INTL_MIN_DIGITS else [(a, b) for _, a, b in _international_candidates(text)]
    )
    for kind, pattern in _PATTERNS:
        if (kind in _LATE_KINDS) != late:
            continue
        if pattern is _PHONE:
            # labelled kinds first ("계좌 010-...", "계좌 001-234-…"), then a number abroad before the
            # Korean patterns, which would take a part of it ("+7 02 123 4567")
            yield from _labelled_candidates(text, digits)
            yield from ((PHONE, a, b) for a, b in abroad)
        if digits < _MIN_DIGITS[kind] or (kind == EMAIL and "@" not in text):
            continue
        for match in pattern.finditer(text):
            if kind == CARD and not luhn_valid(re.sub(r"\D", "", match.group())):
                continue
            if kind == CARD and any(a <= match.start() and match.end() <= b for a, b in abroad):
                continue  # "0044 20 7946 0958", "+1 4155 5501 0012 34" are numbers abroad
            yield kind, match.start(), match.end()


def _labelled_candidates(text: str, digits: int):
    """(kind, start, end) of card, account and licence numbers after their label (``_LABELLED``);
    ``digits`` is how many digits ``text`` holds."""
    if digits < _MIN_DIGITS[ACCOUNT]:
        return
    for label_kind, label, number, within in _LABELLED:
        for found in label.finditer(text):
            reach = text[found.end() : found.end() + _LABEL_REACH + 20]
            match = number.search(reach)
            if not match or match.start() > within:
                continue
            if label_kind == ACCOUNT and _MOBILE_SHAPED.fullmatch(match.group()):
                continue
            if within == 0 and _PHONE.fullmatch(match.group()):  # "부산 051-123-4567" is a phone
                continue
            yield label_kind, found.end() + match.start(), found.end() + match.end()


def _spelled_shadows(text: str) -> list[str]:
    """``text`` with spelled digits read as digits, as one or two shadows of the same length.

    Only a run with at least ``_SPELLED_MIN`` digits that holds a spelled one is rewritten. The
    particle 이 after a number ("오육칠팔이에요") is also a spelled 2, so a second shadow leaves a
    run's last 이 as it is. Empty when there is nothing spelled (the common case, quickly).
    """
    if not any(ch in _SPELLED_DIGITS for ch in text):
        return []
    full, tail = list(text), list(text)
    changed = False
    for run in _SPELLED_RUN.finditer(text):
        chars = run.group()
        spelled = [ch for ch in chars if ch in _SPELLED_DIGITS]
        if not spelled or len(spelled) + sum(ch.isdigit() for ch in chars) < _SPELLED_MIN:
            continue
        changed = True
        for offset, ch in enumerate(chars, start=run.start()):
            if ch in _SPELLED_DIGITS:
                full[offset] = tail[offset] = _SPELLED_DIGITS[ch]
        last = run.start() + len(chars.rstrip()) - 1
        if text[last] == "이":
            tail[last] = "이"
    if not changed:
        return []
    return list(dict.fromkeys(("".join(full), "".join(tail))))


def _spelled_candidates(text: str):
    """(kind, start, end) of phone and registration numbers in ``text``'s spelled-digit shadows,
    and of a registration number's back half after a label (in the text and its shadows)."""
    shadows = _spelled_shadows(text)
    for shadow in shadows:
        for kind, pattern in ((RRN, _RRN), (PHONE, _PHONE), (PHONE, _PHONE_SPACED)):
            for match in pattern.finditer(shadow):
                yield kind, match.start(), match.end()
    if any(ch in _HANGUL_DIGITS for ch in text):
        for match in _PLATE_SPELLED.finditer(text):
            if any(ch in _HANGUL_DIGITS for ch in re.sub(rf"^(?:{_REGIONS})", "", match.group())):
                yield PLATE, match.start(), match.end()
    for version in (text, *shadows):
        for label in _RRN_LABEL.finditer(version):
            reach = version[label.end() : label.end() + _LABEL_REACH + 7]
            match = _RRN_BACK.search(reach)
            if match and match.start() <= _LABEL_REACH:
                yield RRN, label.end() + match.start(), label.end() + match.end()


# A phone number said aloud and typed as said, its groups apart by particles or words: "010에 1234에
# 5678로", "공일공에 일이삼사에 오육칠팔", "번호는 010이고 1234 5678 이에요", "02에 123에 4567",
# "공이 일이삼에 사오육칠", and groups read as Sino-Korean numbers: "010 천이백삼십사 오천육백칠십팔".
# The number is read token by token: a digit run, a run of digit syllables (공일공) or a Sino-Korean
# number (천이백삼십사 = 1234); a mobile prefix (010, 011, 016-019) or an area code (02, 031-064,
# 070) and then 7-8 more digits in one or two groups (3-4 then 4), with only spaces, signs and the
# words people put between the groups ("에", "이고", "이랑", "하고", "다음에") in between. A prefix is
# what makes it a phone number: "2024년 3월 5일", "버스 1234번", "1,234원" have none. A local number
# said without its area code counts after a label that says so ("국번 없이 555-1234", "집 전화는
# 555에 1234"); a business number (1588-1234) is public and stays (see _LOCAL_LABEL).
_DIGIT_SYLLABLES = {"공": 0, "영": 0, "일": 1, "이": 2, "삼": 3, "사": 4, "오": 5, "육": 6, "륙": 6}
_DIGIT_SYLLABLES.update({"칠": 7, "팔": 8, "구": 9})
_PLACE_SYLLABLES = {"십": 10, "백": 100, "천": 1000}
_NUMBER_WORD = re.compile(r"[0-9]+|[공영일이삼사오육륙칠팔구십백천]+")
_MOBILE_PREFIXES = frozenset({"010", "011", "016", "017", "018", "019"})
# Area codes (지역번호: Seoul 02, the provinces 031-064) and internet phones (070), as the numbering
# plan of the Ministry of Science and ICT (전기통신번호관리세칙) assigns them.
_AREA_CODES = frozenset({"02", "031", "032", "033", "041", "042", "043", "044", "051", "052", "053", "054"})
_AREA_CODES |= frozenset({"055", "061", "062", "063", "064", "070"})
_SPOKEN_PREFIXES = _MOBILE_PREFIXES | _AREA_CODES
# What may stand between the groups: spaces, signs, and the particles and words of a number read aloud.
_GROUP_GLUE = re.compile(
    r"(?:\s|[^\w\s]|ㆍ|에다가|에다|에|이고|이구|이랑|랑|하고|그리고|다음에|다음|이요|요|이에요|예요|이며|"
    r"다시|(?<![A-Za-z])(?i:and|then)(?![A-Za-z]))*"
)
_GLUE_MAX = 8  # characters between two groups: "010 다음에 1234"
_SPOKEN_PREFIX = re.compile(
    r"(?<![0-9])0(?:1[016789]|2|[3-6][1-5]|70)(?![0-9])|[공영](?:일[공영일육칠팔구]|이|[삼사오육륙][일이삼사오]|칠[공영])"
)
# A local number said without its area code: after "국번 없이" (the way a number to dial as it is, with
# no area code, is said) or a home-phone label. The first group starting with 1 is a business number
# (15xx, 16xx, 18xx: 전국대표번호, 4 digits and 4 more) is public and stays readable, as a service
# number (120, 119, 1330) does: it has no second group.
# The local number typed in digits after such a label, with any separator phone numbers take.
_LOCAL_TYPED = re.compile(r"\s*(\d{3,4})" + _PHONE_SEP + r"\d{4}(?![0-9])")
_BUSINESS = re.compile(r"1[568]\d{2}|1[568]\d{6}")
_LOCAL_LABEL = re.compile(
    r"국번\s*(?:없이|없음|없고|빼고)|(?:집|자택|유선|일반)\s*전화(?:\s*번호)?(?:\s*(?:은|는|도|이|가|로|:|：)(?![공영일이삼사오육륙칠팔구]))?"
    r"|(?<![A-Za-z])(?i:home\s*phone|landline)(?:\s*(?:number|no\.?))?(?:\s*(?:is|:))?"
)


def _sino(word: str, start: int) -> tuple[str, int] | None:
    """The Sino-Korean number at ``word[start:]`` ("천이백삼십사" -> ("1234", 6)): its digits and the
    characters it takes, or None when none with a place word (천, 백, 십) starts there."""
    value, position, current, placed = 0, start, 0, False
    last_place = 10000
    while position < len(word):
        char = word[position]
        if char in _PLACE_SYLLABLES:
            place = _PLACE_SYLLABLES[char]
            if place >= last_place:
                break
            value += (current or 1) * place
            current, last_place, placed = 0, place, True
        elif char in _DIGIT_SYLLABLES and _DIGIT_SYLLABLES[char] and not current:
            # a digit after a digit ends the number: "천이백삼십사오천…" is two numbers
            nxt = word[position + 1] if position + 1 < len(word) else ""
            if not placed and nxt not in _PLACE_SYLLABLES:
                return None
            current = _DIGIT_SYLLABLES[char]
            if nxt not in _PLACE_SYLLABLES:
                position += 1
                break
        else:
            break
        position += 1
    if not placed:
        return None
    return str(value + current), position - start


def _number_tokens(text: str) -> list[tuple[int, list[tuple[int, str]]]]:
    """(start, readings) of each number in ``text``, a reading being (end, digits): digit runs (but
    not a part of 1,234 or 1.5: no digits), runs of digit syllables (공일공 -> 010) and Sino-Korean
    numbers (오천육백칠십팔 -> 5678). A run's final 이 is read both ways: a 2, or the particle ("오육칠팔이요",
    "공일공이고"); the caller takes the reading that makes a phone number."""
    tokens: list[tuple[int, list[tuple[int, str]]]] = []
    for run in _NUMBER_WORD.finditer(text):
        start, word = run.start(), run.group()
        if word[0].isdigit():
            before, after = text[max(0, start - 2) : start], text[run.end() : run.end() + 2]
            if (
                re.fullmatch(r"\d[,.]", before)
                or re.fullmatch(r"[,.]\d", after)
                or re.search(r"[A-Za-z]$", before)
            ):
                tokens.append((start, [(run.end(), "")]))  # a figure or a model's name: no group
            else:
                tokens.append((start, [(run.end(), word)]))
            continue
        if not any(ch in _PLACE_SYLLABLES for ch in word):
            words = [word, word[:-1]] if word.endswith("이") else [word]
            # 이, 일, 오 alone are mostly words or particles ("010이고"): a group has three digits or
            # more, apart from Seoul's area code said as 공이 ("공이 일이삼에 사오육칠")
            readings = [
                (start + len(w), "".join(str(_DIGIT_SYLLABLES[ch]) for ch in w))
                for w in words
                if len(w) >= 3 or w in ("공이", "영이")
            ]
            if readings:
                tokens.append((start, readings))
            continue
        position = 0
        while position < len(word):
            read = _sino(word, position)
            if read is None:
                break
            digits, taken = read
            end = start + position + taken
            readings = [(end, digits)]
            if text[end - 1] == "이" and taken > 1 and text[end - 2] in _PLACE_SYLLABLES:
                readings.append((end - 1, str(int(digits) - 2)))  # "백이고": 100 and the particle
            tokens.append((start + position, readings))
            position += taken
    return tokens


def _groups_after(text: str, tokens, index: int, last: int, first: str = "") -> int | None:
    """Where the groups that complete a mobile number end, the prefix (and ``first`` group, if one
    was read) ending at ``last`` and the next number being ``tokens[index]``; None if they do not."""
    if index >= len(tokens):
        return None
    start, readings = tokens[index]
    gap = text[last:start]
    if len(gap) > _GLUE_MAX or not _GROUP_GLUE.fullmatch(gap):
        return None
    for end, digits in readings:
        if first and len(digits) == 4:
            return end
        if not first and len(digits) in (7, 8):
            return end  # 010에 12345678
        if not first and len(digits) in (3, 4):
            found = _groups_after(text, tokens, index + 1, end, digits)
            if found is not None:
                return found
    return None


def _spoken_phone_candidates(text: str):
    """(PHONE, start, end) of a mobile or landline number whose groups are apart by particles or
    words, or read as Sino-Korean numbers (see _GROUP_GLUE), and of a local number after a label
    that says its area code is left out (see _LOCAL_LABEL)."""
    prefixed = _SPOKEN_PREFIX.search(text) is not None
    labels = (
        list(_LOCAL_LABEL.finditer(text))
        if "국번" in text or "전화" in text or "phone" in text.lower() or "landline" in text.lower()
        else []
    )
    if not prefixed and not labels:  # the common case: no prefix and no label at all
        return
    tokens = _number_tokens(text)
    for index, (start, readings) in enumerate(tokens):
        for end, digits in readings:
            if digits in _SPOKEN_PREFIXES:
                found = _groups_after(text, tokens, index + 1, end)
                if found is not None:
                    yield PHONE, start, found
                    break
    for label in labels:
        typed = _LOCAL_TYPED.match(text, label.end())
        if typed and not _BUSINESS.fullmatch(typed.group(1)):  # "555.1234": not a decimal figure here
            yield PHONE, typed.start(1), typed.end()
            continue
        index = next((i for i, (start, _) in enumerate(tokens) if start >= label.end()), len(tokens))
        if index == len(tokens) or any(_BUSINESS.fullmatch(d) or not d for _, d in tokens[index][1]):
            continue  # a business number (1588-1234): public
        found = _groups_after(text, tokens, index, label.end())
        if found is not None:
            yield PHONE, tokens[index][0], found


# A birth date after its label: "생년월일 900101", "생일은 1990년 1월 1일", "DOB: 1990.01.01". With the
# 동 on the map and an age or a name it points at one person; any other date stays (a date is how a
# complaint says when).
_BIRTH_LABEL = re.compile(
    r"생년월일|생년|생일|출생일?|태어난\s?날|(?i:date of birth|birth\s?date|birthday|\bDOB\b|\bborn(?:\s+on)?)"
)
_BIRTH_DATE = re.compile(
    r"(?<![0-9])(?:(?:19|20)?\d{2}\s*(?:[.\-/]|년)\s*\d{1,2}\s*(?:[.\-/]|월)\s*\d{1,2}(?:\s*일)?"
    r"|(?:19|20)?\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]))(?![0-9])"
)


def _birth_candidates(text: str):
    """(kind, start, end) of a date within a few words after a birth label."""
    if not _BIRTH_LABEL.search(text):  # the common case: none
        return
    for label in _BIRTH_LABEL.finditer(text):
        match = _BIRTH_DATE.search(text, label.end(), label.end() + _LABEL_REACH)
        if match and not re.search(r"[.!?\n]", text[label.end() : match.start()]):
            yield BIRTH, match.start(), match.end()


def _reach_candidates(text: str):
    """(kind, start, end) of e-mail addresses spelled out ("minsu at naver dot com"), of messenger
    accounts named after their service ("카톡아이디 minsu1234") and of officials' full names before
    their title ("박서준 주무관")."""
    for match in _EMAIL_SPELLED.finditer(text):
        yield EMAIL, match.start(), match.end()
    for match in _EMAIL_NAMED.finditer(text):
        labelled = _MAIL_LABEL.search(text[max(0, match.start() - 20) : match.start()])
        name = match.group("name")
        at_given = "@" in match.group()
        if labelled or at_given or (re.search(r"[0-9_.]", name) and re.search(r"[a-z]", name)):
            yield EMAIL, match.start(), match.end()
    for match in _EMAIL_PROVIDER_FIRST.finditer(text):
        labelled = _MAIL_LABEL.search(text[max(0, match.start() - 20) : match.start()])
        if labelled or match.group("mail"):
            yield EMAIL, match.start("name"), match.end("name")
    for match in _HANDLE.finditer(text):
        group = 1 if match.group(1) else 2
        yield HANDLE, match.start(group), match.end(group)
    for match in _HANDLE_BARE.finditer(text):
        handle = match.group("id")
        if match.group("contact") or re.search(r"[0-9_.]", handle.rstrip("._-")):
            yield HANDLE, match.start("id"), match.end("id")
    for match in _HANDLE_KOREAN.finditer(text):
        handle = match.group("id")
        # an all-capital word is an abbreviation ("라인 KTX", "카톡 PC"), not an account
        if handle.lower().rstrip("._-") not in _SERVICE_WORDS and not handle.isupper():
            yield HANDLE, match.start("id"), match.end("id")
    for match in _OFFICIAL_NAME.finditer(text):
        if match.group()[-1] not in _NOT_A_GIVEN_NAME_END:
            yield NAME, match.start(), match.end()
    if any("A" <= ch <= "z" for ch in text):
        for match in _OFFICIAL_ROMAN.finditer(text):
            yield NAME, match.start(), match.end()


def _contact_names(text: str, taken: list[tuple[int, int]], phones: list[int]):
    """(start, end) of a full name right after a phone number (which ends at one of ``phones``) or a
    contact label: "010-1234-5678 홍길동", "연락처: 김민수"."""
    labels = set()
    if "[" in text or "연락" in text or "전화" in text or "폰" in text:  # the common case: none
        labels = {label.end() for label in _CONTACT_BEFORE_NAME.finditer(text)}
    for start in sorted(set(phones) | labels):
        roman = _ROMAN_AFTER_CONTACT.match(text, start)
        if roman:
            begin, end = roman.span("name")
            if not any(begin < b and a < end for a, b in taken):
                yield begin, end
            continue
        match = _NAME_AFTER_CONTACT.match(text, start)
        if not match:
            continue
        name = match.group("name")
        if name[-1] in _NOT_A_CONTACT_NAME_END or name in _NOT_A_CONTACT_NAME:
            continue
        # "전화 예약은 1533-1179로": after a label, a word with 은 before a number is the topic when
        # 은 follows a final consonant (예약은, 상담은); a name's 은 mostly does not (하은, 지은, 다은).
        if (
            start in labels
            and name[-1] == "은"
            and (ord(name[-2]) - 0xAC00) % 28
            and re.match(r"\s*[0-9(+]", text[match.end() :])
        ):
            continue
        begin, end = match.span("name")
        if not any(begin < b and a < end for a, b in taken):
            yield begin, end


# Characters people type for a dash or a bar between the groups of a number, beside the hyphen:
# every Unicode dash (category Pd: ‐ ‑ ‒ – — ― ⸺ 〜 ﹘ …), minus signs (− ˗ ➖), box-drawing and
# other bars (─ ━ ⎯ ‾), and the letters that look like a dash and are word characters, so no sign
# class caught them: the katakana prolonged sound mark (ー, half-width ｰ) a Japanese or Korean IME
# offers for "-", the Hangul vowel ㅡ in its compatibility and conjoining forms (ㅡ, ᅳ: NFKC turns the
# first into the second), the bopomofo ㄧ and the CJK numeral 一 (one), which Korean typists use as a
# dash. Dots that are not "." (。 ｡ ․ ‧) are read as one, for an e-mail's domain and a date.
_DASH_LIKE = (
    "\u002d\u058a\u05be\u1400\u1806\u2010-\u2015\u2e17\u2e1a\u2e3a\u2e3b\u2e40\u2e5d"
    "\u301c\u3030\u30a0\ufe31\ufe32\ufe58\ufe63\uff0d\U00010ead"
    "\u2212\u02d7\u2796\u2500\u2501\u2574\u2576\u2578\u257a\u23af\u203e\uffe3\u2043"
    "\u30fc\uff70\u3161\u1173\u3127\u4e00"
)
_DASH_LIKE_RE = re.compile(f"[{_DASH_LIKE}]")
_DOT_LIKE = "。｡․‧"
_FOLD_FOR_MATCHING = re.compile(f"[{_DASH_LIKE}{_DOT_LIKE}]|\\d")


def _fold_char(match: re.Match[str]) -> str:
    char = match.group()
    if char in _DOT_LIKE:
        return "."
    if char.isdecimal():
        return str(unicodedata.decimal(char))  # any script's digit: 𝟎 ٠ ० -> 0
    return "-"


def matching_view(text: str) -> str:
    """``text`` (already clean) as the patterns read it: every dash-like character (``_DASH_LIKE``)
    as "-", every decimal digit of any script as its ASCII digit and the dots 。 ｡ ․ ‧ as ".".

    One character for one, so a finding's offsets are offsets into ``text`` too. ``clean`` already
    folds full-width forms (０１０ -> 010, ＠ -> @, ． -> .) but leaves the rest of the text as it
    was typed, ー and ㅡ included, since they are letters; masking is the one place where they count
    as the dash they stand for (010ー1234ー5678, ０１０ー１２３４ー５６７８ and 010ᅳ1234ᅳ5678 are
    one number). All of this is done in one place, so the phone, landline, registration, licence,
    card, account, plate, date and e-mail patterns all see the same folded text.
    """
    if text.isascii():
        return text  # the common case: nothing to fold
    return _FOLD_FOR_MATCHING.sub(lambda m: m.group() if m.group().isascii() else _fold_char(m), text)


def find_pii(text: str) -> list[Finding]:
    """Every piece of personal data in ``clean(text)``, left to right, never overlapping.

    Offsets are into ``clean(text)``; the patterns read its ``matching_view`` (dashes, digits and
    dots folded one character for one), and each finding's ``text`` is the text as written."""
    written = clean(text)
    text = matching_view(written)
    findings: list[Finding] = []
    taken: list[tuple[int, int]] = []
    found = itertools.chain(
        _candidates(text),
        _spoken_phone_candidates(text),
        _birth_candidates(text),
        _spelled_candidates(text),
        _english_digit_candidates(text),
        _candidates(text, late=True),
        _reach_candidates(text),
    )
    for kind, start, end in found:
        # Trim the space a pattern may have swallowed before or after the number ("테헤란로 123").
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start == end or any(start < b and a < end for a, b in taken):
            continue
        taken.append((start, end))
        findings.append(Finding(kind, start, end, written[start:end]))
    phones = [f.end for f in findings if f.kind == PHONE]
    for start, end in list(_contact_names(text, taken, phones)):
        taken.append((start, end))
        findings.append(Finding(NAME, start, end, written[start:end]))
    return sorted(findings, key=lambda f: f.start)


def _replace(text: str, findings: list[Finding], language: str) -> str:
    out, last = [], 0
    for finding in findings:
        out.append(text[last : finding.start])
        out.append(t(f"privacy.{finding.kind}", language))
        last = finding.end
    out.append(text[last:])
    return "".join(out)


def mask_pii(text: str, language: str = "ko") -> Masked:
    """``clean(text)`` with every piece of personal data replaced by a label such as [전화번호]."""
    text = clean(text)
    findings = find_pii(text)
    kinds = tuple(dict.fromkeys(f.kind for f in findings))
    return Masked(_replace(text, findings, language), kinds)


def strip_identifiers(text: str, language: str = "ko") -> str:
    """``clean(text)`` without what may never be stored: registration, passport, licence, card numbers.

    Officials may need the plate of a car blocking a fire hydrant or the phone number a reporter
    left on purpose; nobody needs a national identifier or a card number, so it is kept nowhere,
    not even privately (PIPA 제24조: 고유식별정보 may only be processed where a law requires it).
    """
    text = clean(text)
    return _replace(text, [f for f in find_pii(text) if f.kind in NEVER_STORED], language)


def has_identifier(text: str) -> bool:
    """True when ``text`` holds something ``strip_identifiers`` removes."""
    return any(f.kind in NEVER_STORED for f in find_pii(text))


# The names the rest of the code and the tests have used since registration numbers were the only kind.
strip_rrn = strip_identifiers
has_rrn = has_identifier


def contact_details(text: str) -> dict[str, list[str]]:
    """Phone numbers and e-mail addresses the reporter wrote: kept privately for officials."""
    found: dict[str, list[str]] = {}
    for finding in find_pii(text):
        if finding.kind in (PHONE, EMAIL):
            found.setdefault(finding.kind, []).append(finding.text)
    return found


@dataclass(frozen=True)
class Split:
    public: Masked  # what may be published
    private: str  # what officials may keep: the text without NEVER_STORED kinds
    contact: dict[str, list[str]]  # phones and e-mails the reporter wrote


def split(text: str, language: str = "ko") -> Split:
    """``mask_pii``, ``strip_identifiers`` and ``contact_details`` from one pass over the text
    (a report's intake needs all three)."""
    text = clean(text)
    findings = find_pii(text)
    kinds = tuple(dict.fromkeys(f.kind for f in findings))
    public = Masked(_replace(text, findings, language), kinds)
    private = _replace(text, [f for f in findings if f.kind in NEVER_STORED], language)
    contact: dict[str, list[str]] = {}
    for finding in findings:
        if finding.kind in (PHONE, EMAIL):
            contact.setdefault(finding.kind, []).append(finding.text)
    return Split(public, private, contact)
