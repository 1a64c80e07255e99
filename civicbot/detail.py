"""Does the document that covers a question's topic also hold the detail the question asks for?

A city page about public Wi-Fi covers "공공 와이파이 속도는 몇 Mbps야?" in topic but not in detail;
quoting it as the answer is the confident wrong answer citizens trust. The check is lexical and
deliberately conservative (a false "the document doesn't say" hides a right answer):

- the question asks for a kind of detail (a price, a count of something, a time, an address, a
  phone number, a speed, a password, a person's name, which one of a kind of named thing: card
  company, bank, insurer, brand, firm, app, hospital, website, weekday), and no sentence of the
  document has the shape that detail takes (a sum in won, a figure followed by the counter asked
  for, a name of that kind ...);
- or the question names a thing written in Latin capitals (KTX, SRT, Mbps) the document never
  mentions.

The patterns were written from the dev questions (bench/data/qa_eval.yaml) and the issue's
examples; the held-out corpus only measures them (bench/qa_eval.py).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache

from civicbot.glossary import english_to_korean
from civicbot.service_names import service_names
from civicbot.text import split_sentences, standard_words

# "얼마" asks a sum; "얼마나" asks how long or how far ("얼마나 걸려") — except "얼마나와요", which is
# "얼마 나와요" (how much comes to) typed without its space, and "얼마나 들어요/드나요" (how much it
# costs: 들다). Nor when a verb of paying or being paid follows it: "과태료 얼마나 나와요" (how much
# the bill comes to), "얼마나 내야 돼요", "수당 얼마나 받아요" ask a sum, as "얼마 나와요" does.
# Only "얼마나와요" glued: "얼마나 오래" asks how long.
_HOW_MUCH = r"얼마(?!나(?!(?:와|오|올|옵)|\s*(?:들|드|듭|나와|나오|나올|나옵|내|낼|냅|받)))"
# 1,000원, 3만 원, 5천만 원, 1억 2천만 원: a figure, its Korean units, won; or a charge there is
# none of ("입양비는 없으며"), which answers "얼마" as 무료 does.
_MONEY = r"\d[\d,.]*\s*(?:(?:십|백|천|만|억)\s*)*(?:\d[\d,.]*\s*(?:(?:십|백|천|만)\s*)*)?(?:원|won)|무료|free|공짜|₩\s*\d|(?:료|비|요금|비용)(?:은|는|가|이)?\s*(?:없|안\s*받)"
_RATE = r"\d\s*(?:%|퍼센트|percent)"
# A rate answers "얼마" only when the question is about a rate: "가산세 얼마" -> "3%의 가산세". For a
# charge ("보험료 얼마야") a share ("보험료의 70%를 지원") is not its sum.
_ASKS_RATE = re.compile(
    r"세\b|세(?:는|가|금)|율|할인|감면|이자|\b(?:tax|rate|discount|interest)\b", re.IGNORECASE
)
# The thing whose sum is asked for: a charge (보험료, 설치비, 요금 ...) or a sum of money named with
# 금 (이행강제금, 장려금, 보증금: three syllables or more, so not 지금) just before "얼마"; for a
# generic charge word (비용, 가격, 요금, 값) the word before it too, the thing the charge is of
# ("상속등기 비용 얼마" asks what the registration costs, not whether the page's service is free).
_CHARGE = re.compile(
    rf"(?:([가-힣]{{2,}})\s+)?([가-힣]*(?:료|비|요금|가격|비용|값)|[가-힣]{{2,}}금)\s*(?:은|는|이|가|도|만)?\s*"
    rf"(?:(?:보통|대충|대략|정확히|평균)\s*)?{_HOW_MUCH}"
)
_GENERIC_CHARGE = re.compile(r"비용|가격|요금|값")
# Words before a charge that name no thing it is of: "보통 얼마", "대충 비용 얼마".
_NOT_PRICED = re.compile(r"보통|대충|대략|정확히|혹시|그럼|그래서|근데|평균|최소|최대|총|전체|모두|다|좀")
_PHONE = r"\b\d{2,4}-\d{3,4}(?:-\d{4})?\b|\b1\d{2,3}\b"
_ADDRESS = r"https?://|www\.|\.go\.kr|\.or\.kr|\.kr\b|\.com\b|[가-힣]+(?:로|길)\s*\d+|\d+\s*(?:번지|호)\b|\b\d+\s+[A-Z][a-z]+(?:-ro|-gil|\s+Street|\s+Road)"
_TIME = (
    r"\d+\s*(?:시|월|일|년|분|주|개월|시간)|매일|매주|매달|매년|요일|부터|까지|이내|안에|전까지|"
    # A time relative to an event answers "when" too: "투표가 마감된 뒤에 공개돼요", "after it closes".
    r"[가-힣]\s*(?:뒤|후)에?\b|마감|끝나|\b(?:after|once|until|before)\b|"
    r"\b(?:am|pm|daily|weekdays?|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"january|february|march|april|may|june|july|august|september|october|november|december)\b|\b\d{4}\b"
)


# The asker's own address: "우리집 주소", "제 도로명주소", "my (road name) address", "our new address".
_OWN_ADDRESS = (
    r"(?:(?:^|\s)(?:내|제|우리|저희)\s?(?:집)?(?:의)?\s*[가-힣]*주소)"
    r"|\b(?:my|our|your|new)\s+(?:[a-z'’-]+\s+){0,3}address\b"
)
_CLOCK = (
    r"\d+\s*시(?!간)|\d{1,2}:\d{2}|\d+\s*(?:am|pm|a\.m|p\.m)\b|24\s*시간|오전|오후|새벽|자정|정오|"
    r"\b(?:24 hours|noon|midnight)\b"
)
_DATE = (
    r"\d{1,2}\s*월|\d{1,2}\s*일\s*(?:부터|까지|에|\(|,|과|와|~|-|마다)|[월화수목금토일]\s*요일|"
    r"\d{1,2}\s*/\s*\d{1,2}|\b(?:january|february|march|april|may|june|july|august|september|october|"
    r"november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
)
_SPAN = r"\d+\s*(?:일|주|개월|달|시간|년)|당일|즉시|바로|\b(?:days?|weeks?|months?|same day)\b"
# How long something takes: a span, but not the asker's deadline ("사고가 난 날부터 3년 안에
# 신청할 수 있습니다", "30일 안에 영수증을 내고"), which says nothing of how long the city takes.
_DAY_OF_MONTH = (
    r"\d{1,2}\s*일\s*(?:에|까지|부터|마다|전후|경|께|쯤|\(|,)|말일|월말|월초|초순|중순|하순|\bday of\b"
)
# Verbs of money or a document arriving, in a question ("입금돼요", "나와요") and on a page ("지급합니다").
_ARRIVES = r"입금|들어|지급|나와|나오|나옵|받|발급|와요|와|오나|처리|돌려"
_PAID_WITHIN = (
    rf"(?:{_SPAN})\s*(?:안에|이내에?|내에|뒤에?|후에?|만에|걸|까지)?[^.\n]{{0,20}}?"
    r"(?:입금|지급|드립|드려|보내|발급|나옵|나와|처리|걸립|걸려|들어|받을|받습|받으|돌려|알려|찾아)"
    r"|당일|즉시|바로"
)
_TAKES = (
    rf"(?:{_SPAN})(?!\s*(?:안에|이내에?|내에|까지)\s*[^.\n]{{0,20}}?"
    r"(?:신청|제출|신고|접수|내고|내야|내면|내세요|해야|하세요|마쳐|반납))"
)


# A facility, by the head of its name (치매안심센터, 지진대피소, 수유실, 반려식물병원, 수거함, 쉼터, 목욕탕).
_FACILITY_WORD = r"[가-힣]*(?:센터|병원|의원|약국|소|실|관|장|터|원|함|점|청|당|역|방|탕|시설|매장|공원|창구)"
# A facility's place asked for: "X 위치 어디야", "X 어디에 있어요", "X 어딨어", "where is the X"; not
# a service looked for ("애 맡길 데 어디 있어요": the page that names the service answers it).
_ASKS_PLACE = (
    rf"{_FACILITY_WORD}\s*(?:은|는|이|가|의)?\s*(?:위치\s*(?:가|는|좀)?\s*(?:어디|알려|\?|$)|"
    r"어디\s*(?:에\s*)?(?:있|예요|에요|야|임|인가요|입니까|인지)|어딨|어디\s*(?:\?|$))|"
    r"\bwhere (?:is|are) (?:the|a|an|your)\b|\bwhere\b.*\blocated\b"
)
# Seoul's 25 autonomous districts (Local Autonomy Act art. 2; Seoul Metropolitan Government).
SEOUL_DISTRICTS = (
    "종로|중|용산|성동|광진|동대문|중랑|성북|강북|도봉|노원|은평|서대문|마포|양천|강서|구로|금천|영등포|동작|관악|"
    "서초|강남|송파|강동"
)
_PLACE = (
    rf"{_ADDRESS}|(?:{SEOUL_DISTRICTS})\s*구|[가-힣]{{1,4}}동(?=\s|$|에|의|\)|,)|[가-힣]+역\b|\d+\s*번\s*출구|"
    r"\d+\s*층|지하\s*\d|자치구|구마다|각\s*구|구청|시청|주민\s*센터|행정\s*복지\s*센터|보건소|약국|경로당|"
    r"도서관|복지관|공원|건물|빌딩|청사|캠퍼스|"
    r"\b(?:street|road|floor|station|exit|building|district office|gu office|community (?:service )?cent(?:re|er)s?|"
    r"pharmac(?:y|ies)|librar(?:y|ies)|park)\b|-gu\b|-dong\b"
)
# The hours of a place or service named ("운영 시간", "영업시간", "이용 시간", "opening hours", "hours?"):
# asked, a clock time answers. Not "시간이 얼마나 걸려요" (a span: duration) nor "how many hours".
_HOURS_ASKED = (
    r"(?:운영|영업|이용|개방|관람|근무|업무|진료|상담|접수)\s*시간(?!\s*(?:이|은|도)\s*얼마나)"
    r"|\b(?:opening|operating|business|office|visiting|service)\s+hours\b"
    r"|(?<!many )\bhours\s*[?？]*\s*$|\bwhat are (?:the|its|their) hours\b"
)
_ASKS_DURATION = r"(?:얼마나|며칠|몇\s*일)\s*(?:이나|정도|쯤)?\s*(?:걸|소요|기다)|\bhow long (?:does|do|will|would|did|until)\b"


_ASKS_PHONE = (
    r"(?:전화\s*번호|연락처)\s*(?:가|는|좀|를)?\s*(?:뭐|몇|알려|어떻게|어디)|\bphone number\b|\bwhat number\b|"
    # the number asked by naming it last: "공공 반려동물 추모관 전화번호", "센터 연락처?"
    r"(?:전화\s*번호|연락처)\s*(?:요|는요)?\s*[?？]*\s*$"
)


@dataclass(frozen=True)
class Detail:
    """The kind of detail a question asks for; ``pattern`` is the shape it takes in a document."""

    kind: str  # price | count | time | duration | place | address | phone | speed | ratio | password | name | which | thing | amenity
    pattern: str
    # the thing named (KTX), or the counter asked for (군데), for the reply; for a price, the charge
    # asked about (보험료), to find the sentences that would state it
    subject: str = ""
    # For a count, the thing counted: the word just before 몇 ("CCTV 몇 개야" -> CCTV), when it
    # is one; the figure must be said of it (see _where_said)
    thing: str = ""
    # For "which": how many different names of the kind the page must have. A list asked for ("X
    # 어디어디에요", "X 목록") is not answered by a page naming one of them.
    distinct: int = 1


# Order matters: the first kind whose question pattern matches is the one asked for.
# "when" as the question word (it opens the question or a clause, or an auxiliary follows it), not
# the conjunction: "My basement floods when it rains, can the city …" asks for no time.
WHEN_ASKED = (
    r"(?:^|[,.;:!?]\s*|\band\s+|\bor\s+)when\b"
    r"|\bwhen\s+(?:is|are|was|were|do|does|did|can|could|will|would|should|must|shall|may)\b"
)
_ASKS: list[tuple[str, str, str]] = [
    ("speed", r"속도|mbps|\bspeed\b", r"\d+\s*(?:mbps|gbps|kbps|km/h|km|킬로)|시속|속도"),
    ("password", r"비밀\s*번호|비번|암호|\bpassword\b", r"비밀\s*번호|비번|암호|password"),
    # Only when the number is what is asked for: "챗봇이 내 전화번호 가려주나요" is about privacy.
    ("phone", _ASKS_PHONE, _PHONE),
    # Not "주소 바꿔야 돼?" (changing one's address is a step of a procedure, not a place asked for),
    # nor "report my new address" (the asker's own address is what the procedure is about).
    # Nor the asker's own ("우리집 도로명주소 어떻게 찾아", "find my road name address"): the address
    # is what the procedure is about, not the place of an office asked for.
    (
        "address",
        rf"^(?!.*(?:{_OWN_ADDRESS}))(?:.*?)(?:"
        r"주소(?!\s*(?:를|을|가|도|랑)?\s*(?:변경|바꾸|바꿔|바뀌|바꿨|이전|옮))|"
        r"(?<!\bchange )(?<!\bchange of )\baddress\b)",
        _ADDRESS,
    ),
    (
        "name",
        r"이름이|이름은|성함|\bname of\b|\bwho is the\b",
        r"[가-힣]{2,4}\s*(?:씨|님|담당관|팀장|과장|주무관|시장|구청장)|이름",
    ),
    # How long a period lasts ("숙려기간 얼마에요", "대여 기간은 얼마나"): 얼마 asks for a span here,
    # not a sum, so "1개월" answers.
    # "시간이 얼마나 들어요" too (but "1시간 얼마에요" asks the price of an hour).
    ("duration", r"(?:기간|동안)\s*(?:은|는|이|가)?\s*얼마|시간\s*(?:이|은|도)\s*얼마나", _SPAN),
    (
        "price",
        # 요금, 비용 ... ask for the sum only when nothing else is asked about them: "요금은?",
        # "요금 알려줘", not "수돗물 요금 어떻게 내요" (how to pay) or "요금 할인돼?" (whether).
        rf"{_HOW_MUCH}|(?:가격|요금|비용|수수료|이용료|관람료)\s*(?:은|는|이|가|좀)?\s*(?:\?|$|알려|뭐|어떻게\s*(?:돼|되|됩))|"
        r"\bhow much (?:is|does|do|are)\b|\bwhat (?:is|are) the (?:price|fee|cost)s?\b|"
        r"\bhow much\b.*\b(?:cost|price|fee)s?\b|\bhow much\s*[?？.!]*\s*$",  # "따릉이 요금 how much"
        _MONEY,
    ),
    # Where a facility is ("반려식물병원 위치 어디야", "수유실 어딨어요", "where is the clinic"): a place
    # on the page answers (an address, a district, a station, a floor, an office that hosts it).
    ("place", _ASKS_PLACE, _PLACE),
    # How long a step takes ("돈 받기까지 얼마나 걸려요", "how long does it take"): a span answers.
    ("duration", _ASKS_DURATION, _TAKES),
    # A date asked by name ("날짜", "몇월 몇일", "what date") is answered only by a calendar date or a
    # weekday, not by "2년마다" or "30일 안에".
    ("time", r"날짜|몇\s*월\s*몇\s*일|\bwhat date\b|\bwhich date\b", _DATE),
    # A clock time is answered only by a clock time ("30일 안에" does not say until what hour).
    # So are the hours something is open ("운영 시간은?", "이용시간 알려줘", "opening hours?"): "2019년
    # 11월부터 운영되고 있습니다" says since when, not until what hour (twenty-third pass).
    ("time", rf"몇\s*시(?!간)|\bwhat time\b|{_HOURS_ASKED}", _CLOCK),
    # How many days something takes: a span, not any date ("최대 300만 원까지" is not one).
    # The day of the month money comes ("매달 며칠에 입금돼요"): a day of the month answers, not "30일 안에".
    (
        "time",
        r"(?:매달|매월|달마다)\s*며칠|며칠\s*(?:에|날)\s*(?:입금|들어|지급|나와|나오|줘|줍|주나)",
        _DAY_OF_MONTH,
    ),
    # How many days until it is paid or issued ("며칠만에 입금돼요", "며칠 뒤에 나와요"): a span said of
    # paying, issuing or handling answers, not the deadline to apply ("1년 안에 신청").
    ("time", rf"며칠\s*(?:만에|뒤에?|후에?|이면|정도면|안에|이나)\s*(?:{_ARRIVES})", _PAID_WITHIN),
    ("time", r"며칠|\bhow many (?:days|weeks|months)\b", _SPAN),
    ("time", rf"언제|{WHEN_ASKED}|\b(?:on )?(?:what|which) date\b", _TIME),
]

# What describes a kind of hospital, not one: 동물병원 is any vet, 협약병원 any partner.
_DESCRIBING = (
    r"(?:동물|협약|지정|종합|대학|공공|민간|인근|동네|요양|전문|치과|한방|소아|일반|가까운|근처|주변|"
    r"협력|참여|해당|관할|지역|각|주요|상급|대중)"
)
_GENERIC_CARE = rf"{_DESCRIBING}\s*(?:병원|의원|약국|보건소|클리닉)"
# "어느 카드사", "무슨 요일", "which bank": the question asks which one of a kind of named thing (a
# card company, a bank, an insurer, a brand, a firm, an app, a hospital, a website, a weekday).
# The page answers only when it names one of that kind: it has the kind's word itself ("지원
# 카드사는 …", "가까운 은행") or a name that ends like one ("신한카드", "월요일"). For insurers, firms
# and hospitals the kind's word alone describes one and names none ("보험사와 계약해", "참여 기업",
# "협약 동물병원"): only a name answers (삼성화재, ㈜한빛, 행복동물병원); nor does "제품" name a brand.
# Each row: (the kind's words in a question, Korean then English; what on a page names one).
_WHICH_KINDS: tuple[tuple[str, str, str], ...] = (
    (
        r"카드\s*사|카드\s*회사",
        r"card\s+(?:company|companies|issuers?)",
        r"카드\s*사|카드\s*회사|(?:신한|국민|kb|삼성|현대|롯데|우리|하나|비씨|bc|nh|농협|씨티|ibk)\s*카드",
    ),
    (r"은행", r"banks?", r"은행|농협|새마을\s*금고|신협|우체국|\bbank"),
    (
        r"보험\s*사|보험\s*회사",
        r"insurers?|insurance\s+(?:company|companies|provider)",
        # An insurer named (삼성화재, 한화생명, DB손해보험, 한국지방재정공제회), not "보험사" described.
        r"[가-힣a-z]{2,}(?:화재|생명|손해\s*보험|해상|공제회)|insur",
    ),
    (
        r"브랜드|제조\s*사|메이커",
        r"brands?|manufacturers?|makers?",
        r"브랜드|제조\s*사|제조\s*업체|메이커|모델|\bbrand|manufactur",
    ),
    (
        r"회사|업체|기업",
        r"compan(?:y|ies)|firms?|contractors?|businesses",
        # A firm named ((주)한빛, ㈜, 주식회사 …), not "협약 기업" or "참여 업체" described.
        r"㈜|\(주\)|주식\s*회사|\b(?:company|firm|contractor|inc|ltd|co)\b",
    ),
    (r"앱|어플", r"apps?|applications?", r"앱|어플|애플리케이션|\bapps?\b|application"),
    (
        r"자격\s*증?",
        r"qualifications?|certificat(?:es?|ions?)|licen[cs]es?",
        r"자격|면허|수료|qualif|certif|licen[cs]",
    ),
    (
        r"병원|의원|약국",
        r"hospitals?|clinics?|pharmac(?:y|ies)",
        # A Korean page names one ("행복동물병원", "마포구보건소"), not describes one ("협약 동물병원",
        # "가까운 병원", "지정 의원"). An English page, read casefolded, is taken at its word.
        rf"(?<![가-힣])(?!{_GENERIC_CARE})[가-힣]{{2,}}(?:병원|의료원|의원|약국|보건소|클리닉)|hospital|clinic|pharmac",
    ),
    (
        r"사이트|홈페이지|누리집",
        r"websites?|sites?",
        r"https?://|www\.|\.kr\b|\.com\b|사이트|홈페이지|누리집|website",
    ),
    (
        r"요일",
        r"days?\s+of\s+the\s+week|weekdays?",
        r"[월화수목금토일]\s*요일|평일|주말|매일|공휴일|"
        r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)days?\b|\bweekdays?\b|\bweekends?\b|\bdaily\b",
    ),
)
# Korean: "어느/어떤/무슨 카드사", glued or not; or the kind asked where it is ("보험사 어디예요").
_WHICH_KO = r"(?:어느|어떤|무슨)\s*(?:{kind})|(?:{kind})\s*(?:은|는|가|이)?\s*(?:어디|뭐|어느\s*곳)"
# English: "which bank", "what day", "which insurance company"; one adjective may come between.
_WHICH_EN = r"\b(?:which|what)\s+(?:[a-z]+\s+)?(?:{kind})\b"


def _asked_which(question: str) -> Detail | None:
    """The "which one" detail the question asks for: kind "which", its pattern what on a page
    names one, and its subject the kind's word as the question wrote it ("카드사", "insurance
    company") for the reply; None when it asks no such thing. "협약 서점 어디어디 있어요" asks
    which facilities by name: a page names one ("한빛서점"), not describes one ("동네서점")."""
    for korean, english, named in _WHICH_KINDS:
        for template, words in ((_WHICH_KO, korean), (_WHICH_EN, english)):
            asked = re.search(template.format(kind=words), question, re.IGNORECASE)
            if asked:
                subject = re.search(words, asked.group(), re.IGNORECASE).group()
                return Detail("which", named, re.sub(r"\s+", " ", subject))
    listed = _LIST_ASKED.search(question)
    if listed:
        kind = listed.group(1)
        named = rf"(?<![가-힣])(?!{_DESCRIBING}\s*{kind})[가-힣]{{1,}}{kind}|{_ENUMERATION}"
        # "협약 서점 어디어디 있어요" is answered by "참여하는 곳은 한빛서점입니다"; a list or a count
        # asked for ("목록", "12곳이 어디어디") is not answered by one name.
        several = listed.group(2) or re.sub(r"\s+", "", listed.group(3)) != "어디어디"
        return Detail("which", named, kind, distinct=2 if several else 1)
    return None


# A list of places or things asked for, after the word for them: "마트 어디어디에요", "금지구역
# 12곳이 어디어디에요", "공원 목록 알려주세요", "참여카페 명단 어디서 봐요", "오랑 11곳 위치 다
# 알려줘요"; a word of emphasis or "our neighbourhood" may come between ("단속카메라 정확히 어디어디").
_LIST_ASKED = re.compile(
    r"([가-힣]{2,})\s*(?:은|는|이|가)?\s*"
    r"(?:((?:\d+|몇)\s*(?:곳|군데|개소|개))\s*(?:이|가|은|는|중에|중|의)?\s*)?"
    r"(?:(?:정확히|전부|모두|다|좀|혹시|우리\s*동네|동네|근처)\s*)?"
    r"(어디\s*어디|목록|명단|위치\s*(?:를|는|가)?\s*(?:다|전부|모두)\s)"
)
# A page that lists them: three names or more between commas, closed by 등 ("수서, 천왕, 도봉산 등
# 14곳"), or two names or more of the kind (see _states).
_ENUMERATION = r"(?:[가-힣]{2,}\s*,\s*){2,}[가-힣]{2,}\s*등"


# "몇 군데", "몇 대", "how many ...": a figure followed by the counter asked for.
_COUNT = re.compile(r"몇\s*([가-힣A-Za-z]+)")
_COUNTERS = {
    "군데": "군데|곳|개소|개",
    "곳": "군데|곳|개소|개",
    "개소": "군데|곳|개소|개",
    "개": "개|곳|개소",
    "살": "살|세",
    "세": "살|세",
    "년": "년",
    "개월": "개월|달",
    "달": "개월|달",
    "일": "일",
    "번": "",  # "몇 번이야": which number, any figure answers
    "회": "번|회",  # "몇 번 와요", "몇 번까지 돼": how many times
    "퍼센트": "%|퍼센트|프로",
    "프로": "%|퍼센트|프로",
    "km": "km|킬로",
    "킬로": "km|킬로",
    "키로": "km|킬로|키로",
    "킬로미터": "km|킬로|키로",  # "몇 킬로미터야": the page writes 4,237㎞ (km after NFKC)
    "키로미터": "km|킬로|키로",
    "미터": "m|미터",
}
# After "몇 번": a copula, an ordinal or a numbered thing ("몇 번이야", "몇 번째", "몇 번 버스") asks
# which number; anything else ("몇 번 와요", "몇 번까지") asks how many times.
_TIMES_ASKED = re.compile(r"(?!\s*(?:이|인|입|예|에요|째|버스|출구|호선|번호|마을버스|\?|$))")
# "How many": a figure that is not a time, a date, a sum, a share, an age or part of a phone number
# (10시, 2024년, 1,000원, 30%, 만 19세, 02-2133-3875).
_ANY_COUNT = (
    r"(?<![\d-])\d[\d,.]*(?![\d,.-])(?!\s*(?:시|분|월|일|년|원|%|:|세|살|am\b|pm\b|a\.m|p\.m|won\b|percent\b|"
    r"(?:minute|hour|day|week|month|year)s?\b))"
    r"(?!\s*(?:만|천|억)\s*원)"  # 3만 원 is a sum
)
# What may stand between a figure and its counter: the units of a large figure and 여 (about): "1만
# 명", "3천여 곳", "10여 개". Nothing else: "1인가구" is a kind of household, not one household.
_NUMERAL_UNIT = r"(?:십|백|천|만|억|여)"

# Counts written in words: "세 곳까지", "두 명" (native Korean numbers before a counter).
_NATIVE_NUMBER = r"(?<![가-힣])(?:한|두|세|네|다섯|여섯|일곱|여덟|아홉|열|스무|여러)"
_PARTICLES = re.compile(
    r"(?:이나|나|이에요|예요|야|이야|에|이|가|는|은|을|를|씩|까지|부터|마다|쯤|정도|인가요|인지|예여|에요|요)$"
)
# The nominal ending of a note-style question ("몇키로임", "몇개임"), after a counter only: on a
# name it would cut a word (모임).
_NOUN_ENDING = re.compile(r"(?:임|음)$")
# Written glued to a counter of time, these say how long or within what: "몇년동안" asks a number
# of years, "몇분안에" (its 에 already off) of minutes.
_SPAN_AFTER = re.compile(r"(?:동안|안|만|이내|내내)$")
# Glued to a counter, these bound the figure: "몇개월이상" asks a number of months.
_BOUND_AFTER = re.compile(r"(?:이상|이하|미만|초과|넘게|넘어야|넘으면)$")
# What may follow a counter on a page: the end of a word, or a particle or copula glued to it
# ("3대를", "5곳이", "10개까지"). A counter that opens a longer word is not one: "2시간 대관",
# "19세 대상" count no cars (대), "3개 곳곳" no places.
_COUNTER_ENDS = (
    r"[^가-힣]|$|(?:은|는|이|가|을|를|의|에|로|으로|와|과|도|만|씩|까지|부터|뿐|입니|이며|이고|이다|"
    r"였|이나|이상|이하|미만|초과|정도|가량|남짓|안팎|내외|여|쯤|째|당|마다|간|차|짜리)"
)
# "몇 일" is how chat spells 며칠 (how many days; the standard spelling has no 몇 일, Standard Korean
# Language Dictionary, 며칠): asked as a span, not as a count of the counter 일.
_MYEOCHIL = re.compile(r"몇\s*일(?!\s*(?:째|차))")
# The word before 몇 that names the thing counted: a Latin name or a Hangul word (a particle off).
_THING = re.compile(r"([A-Za-z][A-Za-z0-9-]*|[가-힣]{2,})\s*(?:은|는|이|가|을|를|도)?\s*몇")
# Words before 몇 that say when or how often, not what is counted ("한 달에 몇 번", "올해 몇 명").
_NOT_A_THING = re.compile(
    r"^(?:하루|한달|매달|매년|매주|일년|올해|작년|내년|지금|요즘|보통|총|모두|전부|최대|최소)$"
)
_LATIN_NAME = re.compile(r"(?<![A-Za-z])[A-Z][A-Z0-9]+(?![A-Za-z])")
_CAPITALS = re.compile(r"(?<![A-Za-z0-9])[A-Za-z][A-Za-z0-9]+(?![A-Za-z0-9])")


# A ratio asked for ("경쟁률 얼마나 돼", "몇 대 몇", "what are the odds"): one figure to another ("3대
# 1", "3:1") or a share ("40%", "두 배") states it; a sum or a date does not. Asked before a count,
# since "몇 대 몇" has the counter 대.
_ASKS_RATIO = re.compile(
    r"(?:경쟁률|당첨률|합격률|선정률|확률|비율)\s*(?:은|는|이|가)?\s*(?:얼마|몇|어느\s*정도|어때)|몇\s*대\s*몇|"
    r"\b(?:acceptance|success|selection)\s+rate\b|\bodds\b|\bchances? of (?:getting|being|winning)\b",
    re.IGNORECASE,
)
_RATIO = r"\d+\s*(?:대|:)\s*\d+|\d+\s*(?:%|퍼센트|프로)|\d+(?:\.\d+)?\s*배|(?:두|세|네|다섯|열)\s*배|percent"


def asked_detail(question: str) -> Detail | None:
    """The detail the question asks for, or None for a question about a topic as a whole."""
    question = _MYEOCHIL.sub("며칠", question)
    lowered = question.casefold()
    if _ASKS_RATIO.search(question):
        return Detail("ratio", _RATIO)
    if re.search(_ASKS_PHONE, lowered):  # "전화번호 몇번이에요" asks a number to call, not a count
        return Detail("phone", _PHONE)
    count = _COUNT.search(question)
    if count and not re.match(r"시(?!간)", count.group(1)):
        counter = count.group(1)
        for _ in range(3):  # "몇 살부터요": a particle and an ending
            counter = _PARTICLES.sub("", counter) or counter
        counter = _NOUN_ENDING.sub("", counter) or counter  # "몇키로임": 임 ends a typed note
        counter = _BOUND_AFTER.sub("", counter) or counter  # "몇개월이상", "몇살미만": months, years
        counter = _SPAN_AFTER.sub("", counter) or counter  # "몇년동안", "몇분안에": years, minutes
        if counter.casefold() in ("mbps", "gbps"):
            return Detail("speed", r"\d+\s*(?:mbps|gbps|kbps)", counter)
        if counter == "번" and _TIMES_ASKED.match(
            count.group(1)[1:] + " " + question[count.end() :].lstrip()
        ):
            counter = "회"  # "하루 몇 번 와요?" asks how often: "3회", "두 번"; "몇 번이야" asks a number
        # An unknown counter is matched by its first syllable, and by the rest of it when the page
        # writes it whole ("몇 시간" by "8시간"); _COUNTER_ENDS then keeps "2시간 대관" from counting 대.
        shape = _COUNTERS.get(counter.casefold(), f"{re.escape(counter[:1])}(?:{re.escape(counter[1:])})?")
        if not shape:
            return Detail("count", r"\d", counter)
        return Detail(
            "count",
            _counted_figure(shape),
            counter,
            _counted(question),
        )
    which = _asked_which(question)
    if which is not None:
        return which
    for kind, asks, shape in _ASKS:
        if re.search(asks, lowered):
            if kind == "price":
                if _ASKS_RATE.search(question):
                    shape = f"{shape}|{_RATE}"
                return Detail(kind, shape, _charge_asked(question))
            if kind == "place":
                facility = re.search(
                    rf"{_FACILITY_WORD}(?=\s*(?:은|는|이|가|의)?\s*(?:위치|어디|어딨))", question
                )
                return Detail(kind, shape, facility.group() if facility else "")
            return Detail(kind, shape)
    if re.search(r"\bhow many\b", lowered):
        return _english_count(lowered)
    return None


# "How many people / places / dogs ...": the Korean counters a page counts that kind of thing with,
# so that an English question over a Korean page is answered only by a figure counting it ("정원
# 30명" for people, not "3곳" or "2시간"). Each row: the English nouns (plural as asked), then the
# counters (National Institute of Korean Language, 표준국어대사전's counter entries).
_ENGLISH_COUNTED: tuple[tuple[str, str], ...] = (
    (
        r"people|persons|visitors|participants|members|students|children|kids|seniors|residents|"
        r"applicants|performers|volunteers|staff|lawyers|counsellors|counselors|doctors|nurses|"
        r"users|skaters|players|guests|teachers|instructors|workers|employees|trainees",
        "명|인",
    ),
    (
        r"places|locations|sites|centres|centers|branches|offices|shelters|stations|clinics|"
        r"hospitals|libraries|parks|stores|shops|facilities|spots|venues|stalls|booths",
        "곳|개소|군데|개",
    ),
    (r"cars|vehicles|buses|bikes|bicycles|machines|cameras|chargers|kiosks|scooters", "대"),
    (r"dogs|cats|animals|pets|puppies|kittens", "마리|두"),
    (r"households|families|homes|houses|flats|apartments", "가구|세대|호|채"),
    (r"seats", "석|좌석|명"),
    (r"sessions|visits|lessons", "회|번|차시"),
)


def _charge_asked(question: str) -> str:
    """The charge the question asks the sum of, as the words a page would name it by, the most
    specific first ("상속등기 비용"), space-separated; "" when it names none (see _where_region)."""
    charge = _CHARGE.search(question)
    if charge is None or len(charge.group(2)) < 2:
        return ""
    before, word = charge.group(1), charge.group(2)
    if before and _GENERIC_CHARGE.fullmatch(word) and not _NOT_PRICED.fullmatch(before):
        return f"{before} {word}"
    return word


def _counted_figure(counters: str) -> str:
    """A page's figure with one of ``counters`` (a regex alternation) ending it: "30명", "세 곳이",
    "1만 명"; not "2시간 대관" for 대 (see _COUNTER_ENDS)."""
    return rf"(?:\d[\d,.]*(?:\s*{_NUMERAL_UNIT})*|{_NATIVE_NUMBER})\s*(?:{counters})(?={_COUNTER_ENDS})"


def _english_count(lowered: str) -> Detail:
    """The count an English "how many" question asks for: a figure with the counter of the kind of
    thing named right after it ("how many people" -> 30명, 30 people), or any figure with a counter
    (14개 노선, 300곳, 14 routes) when the thing is of no kind known here; never a time or a year."""
    named = re.search(r"\bhow many\s+([a-z-]+)(?:\s+([a-z]+))?", lowered)
    words = [w for w in (named.groups() if named else ()) if w]  # "how many stray cats": one adjective
    for word in words:
        for nouns, counters in _ENGLISH_COUNTED:
            if re.fullmatch(nouns, word):
                english = rf"\d[\d,.]*\s+(?:[a-z-]+\s+)?(?:{nouns})\b"
                return Detail("count", f"{_counted_figure(counters)}|{english}", word)
    return Detail("count", _ANY_COUNT)


def _counted(question: str) -> str:
    """The words that may name the thing a count question counts: the word before 몇 ("서울시 CCTV
    몇개야" -> "CCTV") and the one after its counter ("몇 개 언어" -> "언어"), space-separated; ""
    when there is no word before 몇 (then any figure with the counter answers)."""
    match = _THING.search(question)
    if not match:
        return ""
    word = _PARTICLES.sub("", match.group(1)) or match.group(1)
    if len(word) < 2 or _NOT_A_THING.match(word):
        return ""
    after = re.search(r"몇\s*[가-힣A-Za-z]+\s+([가-힣]+)", question)
    if after is None:
        return word
    named = after.group(1)
    for _ in range(3):  # "팀이에요" -> 팀
        named = _PARTICLES.sub("", named) or named
    return f"{word} {named}"


def missing_detail(
    question: str, document_text: str, same_language: bool, near: str | None = None
) -> Detail | None:
    """The detail the question asks for when the document lacks it, else None.

    ``document_text`` is the whole document (its title and body). ``near``, when given, is where
    the document would say the detail: its sentences closest in meaning to the question. A page
    on the topic states other figures of the same shape (a fine, when the question asks what a
    service costs); a figure in a sentence about something else does not answer. When the question
    and the document are in different languages only the shape of the detail is checked, not words.
    An amenity asked about (parking, lockers, a lift: _AMENITIES) that the page never mentions is
    a detail it lacks, kind "amenity", its subject the amenity's key (engine.amenity_<key>).
    """
    # NFKC: documents write units as single characters (㎞, ㎡) that questions spell out (km).
    text = unicodedata.normalize("NFKC", document_text).casefold()
    question = unicodedata.normalize("NFKC", question)
    detail = asked_detail(question)
    if (
        detail
        and not _names_the_pages_address(detail, question, text)
        and (
            not _states(detail, _where_said(detail, text, near, question))
            or _place_elsewhere(detail, question, text)
        )
    ):
        return Detail(detail.kind, detail.pattern) if detail.kind == "price" else detail
    amenity = _amenity_not_mentioned(question, text) or _procedure_not_mentioned(question, text)
    if amenity is not None:
        return Detail("amenity", "", amenity)
    for match in _CAPITALS.finditer(question):
        word = match.group()
        if not (word.isupper() or word.casefold() == "mbps") or len(word) < 2:
            continue  # only acronyms and units: a capitalised English word is not a named thing
        if not same_language and (not word.isupper() or not _LATIN_NAME.search(document_text)):
            # An English acronym (IVF) over a page that writes no Latin names at all: the page
            # would spell the thing in its own language (체외수정), so its absence proves nothing.
            continue
        if not _latin_in(word.casefold(), text) and word.casefold() not in ("i", "ok", "id"):
            if not same_language and _written_in_korean(word, text):
                continue  # "CPR" over a page on 심폐소생술: the glossary knows the page's word for it
            return Detail("thing", "", word)
    return None


# Kinds of detail that a figure answers: the reply quotes the sentence with the figure.
_QUOTED_KINDS = frozenset({"price", "count", "time", "duration", "phone", "ratio", "speed", "place"})
# A place stated as where something is: a place followed, in its clause, by 있다, 위치하다, 자리하다
# or built/set up there ("상암동 메스플렉스센터에 있으며", "located at …"). "16층에는 체험실이
# 마련돼 있습니다" says what is on a floor, and "25개 자치구의 CCTV" names districts: neither says
# where the place asked for is, though both have a place's shape (_PLACE).
_LOCATED = (
    rf"(?:{_PLACE})[가-힣\s]{{0,20}}?(?:에|에서)\s*(?:있|위치|자리|구축|설치|마련|완성|조성|개관|들어서|문을\s*열)"
    r"|\b(?:located|based|situated|housed|set\s+up|built)\s+(?:at|in|on|inside|next\s+to|near)\b"
)


def sentence_stating(question: str, quoted: list[str], candidates: list[str]) -> str | None:
    """The first of ``candidates`` (sentences of the page the reply quotes, nearest the question
    first) that states the figure the question asks for (a price, a count, a time, a span, a phone
    number, a ratio, a speed: asked_detail) or where the place asked for is (_LOCATED), when the
    ``quoted`` sentences do not; else None.

    The reply quotes the sentences closest in meaning to the question, which may describe the
    service without its fee ("구민회관 큰 공연장 빌리는데 얼마" quoted the hall's 520 seats); the
    figure asked for is on the page, in a sentence a little further away, and a citizen needs it."""
    detail = asked_detail(unicodedata.normalize("NFKC", question))
    if detail is None or detail.kind not in _QUOTED_KINDS:
        return None
    if detail.kind == "place":
        # A place's shape is everywhere on a page about a place ("25개 자치구", "16층"): only a
        # sentence saying where something is answers "어디 있어요?" (_LOCATED).
        detail = Detail("place", _LOCATED, detail.subject)

    def states(sentences: list[str]) -> bool:
        text = unicodedata.normalize("NFKC", "\n".join(sentences)).casefold()
        return _states(detail, _where_said(detail, text, None, question))

    if states(quoted):
        return None
    return next((sentence for sentence in candidates if states([sentence])), None)


# A district or neighbourhood named in a question: "관악구 신림동 지진대피소 어디에요".
# A neighbourhood (동) is taken only after its district: alone, "활동" or "이동" would pass for one.
_NAMED_AREA = re.compile(rf"(?<![가-힣])(?:{SEOUL_DISTRICTS})구(?:\s*[가-힣]{{1,3}}동)?(?![가-힣])")


def _place_elsewhere(detail: Detail, question: str, text: str) -> bool:
    """Whether a place is asked in a district or neighbourhood the page never names: a page that
    says where shelters are in general does not say where the one in 신림동 is."""
    if detail.kind != "place":
        return False
    return any(part not in text for area in _NAMED_AREA.finditer(question) for part in area.group().split())


# Joiners inside a Latin name that a question may leave out: "S-Net" asked as "SNET", "U.S." as "US".
_LATIN_JOINER = re.compile(r"(?<=[a-z0-9])[-.·/ ](?=[a-z0-9])")


def _latin_in(word: str, text: str) -> bool:
    """Whether the casefolded Latin ``word`` is in ``text`` (casefolded), joiners ignored."""
    return word in text or _LATIN_JOINER.sub("", word) in _LATIN_JOINER.sub("", text)


def _written_in_korean(acronym: str, text: str) -> bool:
    """Whether ``text`` (casefolded) has one of the glossary's Korean words for the English acronym."""
    return any(korean in text for korean in english_to_korean().get(acronym.casefold(), ()))


@dataclass(frozen=True)
class _Amenity:
    """Something a visitor asks a place or a service about: whether there is one, whether it is
    allowed, what it costs. "주차 되나요?", "Is there parking?", "주말에도 해요?": a page that never
    mentions it cannot say, however well it matches the rest of the question."""

    key: str  # its name in replies: strings/<lang>.yaml engine.amenity_<key>
    asked_ko: str  # how a Korean question names it
    asked_en: str  # how an English one does
    on_page: str  # what a page that says anything about it has


_AMENITIES = (
    _Amenity(
        "parking",
        r"주차|차\s*(?:를|을)?\s*(?:가져가|끌고|대|세워)",
        r"\bparking\b|\bcar\s+parks?\b|\bpark\s+(?:(?:my|our|the|a)\s+(?:car|vehicle)|there|here|nearby)\b",
        r"주차|parking|car park",
    ),
    _Amenity("showers", r"샤워", r"\bshowers?\b", r"샤워|shower"),
    _Amenity("lockers", r"사물함|보관함", r"\blockers?\b", r"사물함|보관함|locker"),
    _Amenity(
        "lift",
        r"엘리베이터|엘베|승강기",
        r"\belevators?\b|\blifts?\b",
        r"엘리베이터|승강기|elevator|lift",
    ),
    _Amenity(
        "nursing_room",
        r"수유실",
        r"\b(?:nursing|breast-?feeding)\s+rooms?\b",
        r"수유|nursing room|breastfeeding",
    ),
    _Amenity("wifi", r"와이파이|와파|wifi|wi-fi", r"\bwi-?fi\b", r"와이파이|wi-?fi|무선\s*인터넷"),
    _Amenity(
        "pets",
        r"(?:강아지|반려견|반려동물|댕댕이|고양이)\s*(?:를|랑|와|도|이랑|하고)?\s*(?:데리고|데려|동반|같이)",
        r"\b(?:bring|take)\s+(?:my|our|a|the)\s+(?:dog|pet|cat|puppy)s?\b|\b(?:dogs?|pets?)\s+(?:allowed|welcome)\b",
        r"반려|동물|애완|강아지|\bpets?\b|\bdogs?\b",
    ),
    _Amenity(
        "wheelchair",
        r"휠체어",
        r"\bwheelchairs?\b",
        r"휠체어|장애인|무장애|wheelchair|accessib",
    ),
    _Amenity(
        "card",
        r"카드\s*(?:로)?\s*(?:결제|계산|내)",
        r"\b(?:pay|paying)\s+(?:by|with)\s+(?:a\s+)?(?:credit\s+|debit\s+)?card\b",
        r"카드|결제|\bcards?\b",
    ),
    # Whether a group may use it: a page that names the group, or says anyone may, answers.
    _Amenity(
        "foreigners",
        r"외국인(?:도|은|이|인데|이라도|이어도)?\s*(?:신청|이용|참여|가입|등록|지원)?",
        r"\bforeigners?\b|\bforeign\s+(?:residents?|nationals?|students?|workers?)\b|\bnon-koreans?\b",
        r"외국|다문화|국적|체류|누구나|누구든지|제한\s*없|foreign|anyone|nationalit",
    ),
    # A page with opening days answers whether it opens at weekends ("평일", "월~금").
    _Amenity(
        "weekend",
        r"주말|토요일|일요일|공휴일",
        r"\bweekends?\b|\bsaturdays?\b|\bsundays?\b|\bpublic\s+holidays?\b",
        r"주말|토요일|일요일|공휴일|휴일|평일|매일|연중무휴|[월화수목금토일]\s*[~∼-]\s*[월화수목금토일]|"
        r"weekend|weekday|saturday|sunday|holiday|daily|every day|mon(?:day)?\s*[-–~]",
    ),
)
# Asked as a detail: whether there is one, whether it is allowed or open, what it costs, how many.
_AMENITY_ASKED_KO = (
    r"(?:{named})[가-힣]{{0,4}}\s*(?:은|는|이|가|도|장|공간|시설)?\s*"
    r"(?:되|돼|가능|할\s*수|있|없|얼마|몇|무료|요금|비|공짜|열|운영|하나요|해요\s*[?？])"
)
_AMENITY_ASKED_EN = (
    r"\b(?:is|are)\s+(?:there|it|they|this)\b.*(?:{named})|\b(?:can|may|do)\s+(?:(?:a|an)\s+)?(?:{named})|"
    r"\b(?:as|i'?m|i\s+am)\s+(?:a\s+|an\s+)?(?:{named}).*\bcan\b|(?:{named}).*\b(?:available|free|cost|fee|charge|allowed)\b|"
    r"\b(?:do|does)\s+(?:it|they|you)\s+open\b.*(?:{named})|"
    r"\bhow\s+(?:much|many)\b.*(?:{named})|\bcan\s+(?:i|we)\s+(?:{named})|\b(?:any|have)\s+(?:{named})"
)


# Per amenity, compiled once (every question is checked): (key, asked in Korean or English, on a page).
_AMENITY_PATTERNS = tuple(
    (
        amenity.key,
        re.compile(
            f"{_AMENITY_ASKED_KO.format(named=amenity.asked_ko)}|{_AMENITY_ASKED_EN.format(named=amenity.asked_en)}",
            re.IGNORECASE,
        ),
        re.compile(amenity.on_page, re.IGNORECASE),
    )
    for amenity in _AMENITIES
)


# How to do something with the thing asked about ("따릉이 어케 빌려", "How do I rent a Ttareungyi?"):
# a page that never speaks of doing it cannot say how, however well it matches the thing's name.
# Each row: (key: strings engine.amenity_<key>; how a question asks how to do it; what a page that
# says anything about it has).
_PROCEDURES = (
    (
        "renting",
        re.compile(
            r"(?:어떻게|어케|어캐|어떡|어찌)\s*(?:하면\s*|해야\s*)?(?:빌|대여|렌트|렌탈)|"
            r"(?:빌리|빌리는|빌릴|대여|대여하는|렌트|렌탈)\s*(?:하는\s*)?(?:방법|법|절차)|(?:빌리|대여하|렌트하)려면|"
            r"\bhow\s+(?:do|can|could|should|would)\s+(?:i|we|you|one)\s+(?:rent|borrow|hire)\b|"
            r"\bhow\s+to\s+(?:rent|borrow|hire)\b",
            re.IGNORECASE,
        ),
        # 빌리 from a word's start: 모빌리티 says nothing of borrowing.
        re.compile(
            r"(?<![가-힣])빌(?:리|려|릴|린)|대여|대관|렌트|렌탈|대출|\brent|\bborrow|\bhir(?:e|ing)\b|\blend|\bloan",
            re.IGNORECASE,
        ),
    ),
)


def _procedure_not_mentioned(question: str, text: str) -> str | None:
    """The key of the procedure a question asks how to do (renting) when the page never speaks of
    doing it; None otherwise (newcomer probe, eighteenth pass: "따릉이 어케 빌려" quoted a policy
    page that names 따릉이 but says nothing of renting one)."""
    for key, asked, on_page in _PROCEDURES:
        if asked.search(question) and not on_page.search(text):
            return key
    return None


def _amenity_not_mentioned(question: str, text: str) -> str | None:
    """The key of the amenity a question asks about (parking, lockers, weekend opening) when the
    page never mentions it; None otherwise."""
    for key, asked, on_page in _AMENITY_PATTERNS:
        if asked.search(question) and not on_page.search(text):
            return key
    return None


def _states(detail: Detail, text: str) -> bool:
    """Whether ``text`` has the detail's shape; for a count of a named thing, a figure that counts
    that thing (see _counts_another)."""
    matches = re.finditer(detail.pattern, text, re.IGNORECASE)
    if detail.kind == "which" and detail.distinct > 1:
        found = {m.group() for m in matches}
        return len(found) >= detail.distinct or any(re.fullmatch(_ENUMERATION, f) for f in found)
    if detail.kind != "count" or not detail.thing or _MEASURES.match(detail.subject):
        return next(matches, None) is not None
    return any(
        not _per_one(m.group(), text[m.end() :])
        and not _counts_another(text[: m.start()], text[m.end() :], detail.thing.casefold())
        for m in matches
    )


# One of a counter followed by 의, 당 or 마다 is a unit, not a count: "센터 한 곳의 정원은", "1명당
# 5만 원", "한 곳마다".
_ONE = re.compile(r"^(?:1|한)\s*[가-힣]+$")
_PER = re.compile(r"^(?:의|당|마다)")


def _per_one(figure: str, rest: str) -> bool:
    """Whether the figure (a match of a counted figure) is "one of" its counter, a unit."""
    return bool(_ONE.match(figure) and _PER.match(rest))


# Counters of time, age and measure: "1년 동안", "3개월 뒤" say how long, not a count of "동안".
_MEASURES = re.compile(r"^(?:년|개월|달|일|주|시간|분|살|세|퍼센트|프로|km|킬로|키로|번|회)$")
# What may follow a figure and its counter without being the thing counted: a particle, a verb
# of being, having or setting up, or a word of measure ("300곳이", "5개 있어요", "10개 이상",
# "100대를 설치"). Any other word right after it is what the figure counts ("8개 팀", "25개 자치구").
_AFTER_COUNT = re.compile(
    r"(?:은|는|이|가|을|를|의|에|로|으로|와|과|도|만|씩|까지|뿐|입니|이다|였|이며|이고|이나|"
    r"있|없|이상|이하|미만|초과|정도|가량|넘|남짓|안팎|내외|여|쯤|설치|운영|마련|배치|지정|선정|늘|줄|돌파|달해|달하)"
)


def _counts_another(before: str, rest: str, thing: str) -> bool:
    """Whether a figure counts a thing other than ``thing`` (the words naming it, space-separated),
    from the words around it (``before`` and ``rest`` are the text before and after the figure):
    - the noun right before it names what it counts when that is the thing ("증인 2명의 서명");
    - else a noun after it, or after its genitive, is what it counts ("8개 팀으로", "다섯 곳의
      캠퍼스" count teams and campuses when CCTV is asked about).
    A subject before it ("쉼터가 18곳 있습니다") is not taken for what it counts: read as such it
    cost as many right answers as it gained (thirteenth pass, bench/qa_eval.py)."""
    # Only a bare noun: a subject ("스마트 cctv팀은 25개 자치구 cctv를") is what the sentence is
    # about, not what the figure counts.
    preceding = re.search(r"([가-힣a-z]+)\s*$", before)
    bare = preceding and not re.search(r"(?:이|가|은|는|을|를|의|에|에서|으로|로|와|과)$", preceding.group(1))
    if bare and _names(preceding.group(1), thing):
        return False
    following = re.match(r"(?:의)?\s+([가-힣a-z]+)", rest)
    if following is not None and not _AFTER_COUNT.match(following.group(1)):
        return not _names(following.group(1), thing)
    return False  # the end of the clause, or a particle glued to the counter ("127개의")


def _names(word: str, thing: str) -> bool:
    """Whether ``word`` is one of the words naming the thing, or part of one ("센터" of "키움센터")."""
    return any(t and (word.startswith(t) or t.startswith(word[:2]) or word[:2] in t) for t in thing.split())


# A kind of address written as one word ("도로명주소", "상세주소"): when the page uses that word, the
# page is about that kind of address, and the question asks about it, not for an office's address.
_ADDRESS_KIND = re.compile(r"[가-힣]{2,}주소")


def _names_the_pages_address(detail: Detail, question: str, text: str) -> bool:
    if detail.kind != "address":
        return False
    return any(word.group() in text for word in _ADDRESS_KIND.finditer(question))


# A sum a law or the city charges as a sanction: not what a service costs, unless asked about.
_PENALTY = re.compile(r"벌금|과태료|징역|가산세|범칙금|위약금|\b(?:fines?|penalt(?:y|ies))\b", re.IGNORECASE)


def _where_said(detail: Detail, text: str, near: str | None = None, question: str = "") -> str:
    """Where the document would state the detail (see _where_region); for a place, without the
    facility's own name; for a price, without the sentences that state a sanction ("1천만 원
    이하의 벌금") when the question asks no sanction."""
    region = _where_region(detail, text, near)
    if detail.kind == "place" and detail.subject:
        # The facility's own name says nothing of where it is: "공구도서관" is no library's address.
        region = region.replace(detail.subject.casefold(), " ")
    if detail.kind != "price":
        return region
    region = _FREE_THING.sub(lambda m: _free_of(m, question), region)
    if _PENALTY.search(question):
        return region
    return "\n".join(s for s in split_sentences(region) if not _PENALTY.search(s))


# "무료" or "free" written before a noun names a free thing ("무료 공공 와이파이", "free public Wi-Fi"):
# it says that thing is free, not that whatever the question asks the price of is. The noun phrase
# is its next words, up to three, a particle off each.
_FREE_THING = re.compile(
    r"(?:무료|공짜)\s+((?:[가-힣a-z0-9-]+\s*){1,3})"
    r"|\bfree\s+(?!of\b|to\b|for\b|and\b|or\b|at\b|in\b|on\b|with\b|from\b|if\b|when\b|of\s+charge\b)"
    r"((?:[a-z0-9-]+\s*){1,3})"
)
_TRAILING_PARTICLE = re.compile(r"(?:에서|에는|에도|으로|이나|까지|은|는|이|가|을|를|의|에|로|와|과|도|만)$")


def _free_of(match: re.Match[str], question: str) -> str:
    """The match as it is when the free thing is named in the question (or written in another script
    than the question's, when words cannot tell); without its "무료"/"free" otherwise: "버스 요금
    얼마에요" is not answered by "무료 공공 와이파이" (newcomer probe, eighteenth pass)."""
    phrase = match.group(1) or match.group(2)
    words = [_TRAILING_PARTICLE.sub("", w) or w for w in re.findall(r"[가-힣]+|[a-z0-9-]+", phrase)]
    asked = " ".join(
        re.findall(r"[가-힣]+|[a-z0-9]+", unicodedata.normalize("NFKC", question).casefold().replace("-", ""))
    )
    same_script = [w for w in words if bool(re.match(r"[가-힣]", w)) == bool(re.search(r"[가-힣]", asked))]
    if not same_script or any(_named_in(w, asked) for w in same_script):
        return match.group()
    return " " + phrase


def _named_in(word: str, squashed_question: str) -> bool:
    """Whether ``word`` is in the question (spaces and hyphens aside): an English word as a word
    (a plural s aside; "wifi" names "wi-fi"), a Korean one anywhere, a compound by its first two
    syllables too ("공공와이파이" for "공공")."""
    if word.isascii():
        stem = word.replace("-", "")
        stem = stem[:-1] if len(stem) > 3 and stem.endswith("s") else stem
        asked = {w[:-1] if len(w) > 3 and w.endswith("s") else w for w in squashed_question.split()}
        return len(stem) > 2 and stem in asked
    squashed = re.sub(r"\s+", "", squashed_question)
    return word in squashed or (len(word) >= 3 and word[:2] in squashed)


def _where_region(detail: Detail, text: str, near: str | None = None) -> str:
    """Where the document would state the detail: for a named charge ("보험료 얼마야"), the
    sentences that name it, when some do; otherwise the sentences ``near`` the question in
    meaning when given (a NFKC-folded copy), else the whole document. A sum elsewhere on the page
    (what the scheme saves a household) is not the charge's sum."""
    if detail.kind == "price" and detail.subject:
        # A charge the page is about (its title names it: "수소전기차 구매 보조금") may be stated
        # in any of its sentences ("1대에 3,250만 원을 지원합니다"), as any other detail.
        title = text.lstrip().split("\n", 1)[0] if "\n" in text.strip() else ""
        words = detail.subject.casefold().split()
        charge = words[-1]
        if charge not in title:
            sentences = split_sentences(text)
            # "부름버스 요금": the sentences naming both, else those naming the charge (as a
            # charge alone is looked for), else those naming the thing it is of, spaces aside
            # ("상속등기 비용" over "상속 등기는 등기소에서 따로 해야 합니다").
            for found in (
                [s for s in sentences if len(words) > 1 and all(w in re.sub(r"\s+", "", s) for w in words)],
                [s for s in sentences if charge in s],
                [s for s in sentences if any(w in re.sub(r"\s+", "", s) for w in words[:-1])],
            ):
                if found:
                    return "\n".join(found)
    if near is None or detail.kind == "which":
        return text
    return unicodedata.normalize("NFKC", near).casefold()


# The heads of the names of programmes one signs up for: a check-up, a vaccination, counselling, a
# voucher, a savings scheme (건강검진, 세무상담, 문화바우처, 희망적금). Pages name them with words
# between ("국가 건강검진" for 국가검진): see _head_reworded.
_PROGRAM_HEADS = r"(?:상담|검진|접종|바우처|적금|통장)"
# The heads of the names of civil paperwork: a report to the office, a certificate, a permit, a
# licence, a registration card, a benefit, and the programmes above. A compound ending in one names
# a procedure of its own.
_PAPERWORK_HEADS = (
    rf"(?:신고|증명서|등본|초본|허가|면허|등록증|확인서|증명|수당|연금|장려금|보조금|재발급|{_PROGRAM_HEADS})"
)
_PAPERWORK = re.compile(rf"[가-힣]*?{_PAPERWORK_HEADS}")
# The heads of the names of public facilities one books or visits: a compound ending in one
# (야외수영장, 산후조리원, 요가교실) names a facility of its own.
_FACILITY_HEADS = (
    r"(?:수영장|캠핑장|야영장|체육관|운동장|경기장|야구장|축구장|테니스장|공연장|물놀이장|놀이터|"
    r"회의실|강의실|교실|강당|조리원|텃밭|도서관|미술관|박물관|과학관|복지관|수련관)"
)
_FACILITY = re.compile(rf"[가-힣]*?{_FACILITY_HEADS}")
# Question words glued into a compound by missing spaces ("신청어디서"): not part of what is named.
# A compound that names reporting itself, not a procedure of its own: 민원신고, 불편신고, 생활불편신고.
_GENERIC_MODIFIER = re.compile(r"(?:민원|불편|생활불편)(?:신고|접수)")
_GLUED_FILLERS = re.compile(r"어디서|어디|언제|얼마나|얼마|어떻게|무엇|뭐")


def unnamed_service(question: str, document_text: str, documents_text: Callable[[], str]) -> str | None:
    """The procedure the question names that the documents do not cover, else None.

    "출생신고 하려면 뭐 필요해" shares 신고 with the marriage page and 출생 with the pregnancy one, and
    their sum of evidence looks like an answer. A Korean compound of four syllables or more
    ending in a word for paperwork (출생신고, 가족관계증명서, 주민등록등본) names a procedure: when no
    document has it (spaces aside), the question is about something else, however many of its
    syllables the pages share. ``documents_text`` gives every document's text; it is only read when the
    answering document lacks the compound. Chat words are read as pages write them first
    (civicbot.text.standard_words), so 독감주사 is 독감 예방접종. Last, a service of the catalogue
    (civicbot.service_names) that no page names: see _catalogued_service."""
    english = _english_procedure(question, document_text)
    if english is not None:
        return english
    page = _squashed(document_text)
    korean_page = _is_korean_page(document_text)
    for word in re.findall(r"[가-힣]+", standard_words(question)):
        word = _GLUED_FILLERS.sub("", word)
        paperwork = _PAPERWORK.match(word)
        named = paperwork or _FACILITY.match(word)
        if not named or len(named.group()) < (4 if paperwork else 3) or named.group() in page:
            continue
        if paperwork and _GENERIC_MODIFIER.fullmatch(named.group()):
            continue  # "민원신고 어케해요": filing a complaint in general, which the reporting pages cover
        if _head_reworded(named, unicodedata.normalize("NFKC", document_text)):
            continue
        if not korean_page and _english_page_names(named.group(), document_text):
            # An English page names it in English: "한국어교실" over the page on "Korean classes"
            # (the catalogue's English names for it), which no Korean page of the collection has.
            continue
        if named.group() not in _squashed_corpus(documents_text()):
            return named.group()
    return _catalogued_service(question, document_text, documents_text)


def _catalogued_service(question: str, document_text: str, documents_text: Callable[[], str]) -> str | None:
    """The catalogued service (civicbot.service_names) the question names when neither the page nor
    any page of the collection has any of its names, else None: "장애인 콜택시 부르는법" over the
    disability-respite page, "How do I book the City Tour Bus?" over the job-bus page. A Korean
    name is matched from the start of a word of the question, spaces between its syllables allowed
    (문화센터 is not named by 다문화센터), the question's chat words read as pages write them when
    its own words name none; an English one as whole words, a plural s allowed; a name inside a
    longer one found is not counted. A page names it with the name, or with both halves of a
    compound name (전기차 … 보조금 for 전기차보조금); a page that names any of the things asked
    about answers. Cost: a few dictionary lookups per letter of the question, a regular
    expression only for the names found."""
    english = " ".join(re.findall(r"[a-z0-9'-]+", unicodedata.normalize("NFKC", question).casefold()))
    korean_page = _is_korean_page(document_text)
    lines = _catalogue()
    # The question's own words first; its chat words read as pages write them only when those name
    # nothing (우울증 is what is asked about, not the 정신건강 the chat table adds).
    named = _named_lines(question.casefold(), english) or _named_lines(
        standard_words(question).casefold(), ""
    )
    # A Korean name over an English page is checked by the line's English names, which that page
    # would use ("민방위 교육 온라인으로" over the English page on Korean classes: no "civil defence"
    # there, nor any form of it on any page); a line with no English name leaves it undecided.
    # Unchecked, a Korean question about a service no page covers was answered from the one English
    # page (two of the nineteenth pass's unseen questions).
    asked = [(lines[n], name) for n, name in named if korean_page or name not in lines[n][0] or lines[n][1]]
    if any(_names_any(korean, english_names, document_text) for (korean, english_names), _ in asked):
        return None  # the page names a thing asked about
    if korean_page and any(_names_translated(name, document_text) for _, name in asked):
        return None  # "at the stream" over a page on 하천 and 계곡: the page's own word for it
    if not korean_page and any(
        _names_english_head(english_names, document_text)
        for (korean, english_names), name in asked
        if name in korean
    ):
        return None  # an English page that words the thing its own way: "interpretation line"
    if not korean_page and any(
        _names_in_synonyms(form, document_text) for (_, english_names), _ in asked for form in english_names
    ):
        return None  # "cherry blossom festival" over a page on the festival where "cherry trees bloom"
    for (korean, english_names), name in asked:
        if not _names_any(korean, english_names, documents_text()):
            return name
    return None


def _names_translated(name: str, document_text: str) -> bool:
    """Whether a Korean page has the glossary's Korean (two syllables or more) for ``name``, an
    English name of one word the question used: "stream" is 하천 or 계곡 on a Korean page, whose
    catalogue line names only compounds (하천정비, 하천변). A name of more words, or a Korean one,
    is left to the catalogue's own names."""
    if not name.isascii() or " " in name.strip():
        return False
    glossary = english_to_korean()
    squashed, _ = _folded(document_text)
    korean = glossary.get(name) or glossary.get(name.rstrip("s")) or ()
    return any(len(word) >= 2 and word in squashed for word in korean)


def _names_in_synonyms(form: str, document_text: str) -> bool:
    """Whether a sentence of an English page has every word of ``form``, an English name of two
    words or more, each as itself or as a word the glossary gives a Korean equivalent in common with
    it ("bloom" for "blossom": both 개화): a page words a thing its own way ("cherry trees bloom" for
    cherry blossom). One word alone is too little to go by, and words scattered over the page name
    nothing ("residence card" … "registered" … "certificate" is no resident registration
    certificate)."""
    words = form.split()
    if len(words) < 2:
        return False
    _, lowered = _folded(document_text)
    for sentence in split_sentences(lowered) or [lowered]:
        said = set(re.findall(r"[a-z]+", sentence))
        said |= {w[:-1] for w in said if len(w) > 3 and w.endswith("s")}
        if all(word in said or _synonyms(word) & said for word in words):
            return True
    return False


@cache
def _synonyms(word: str) -> frozenset[str]:
    """The English words the glossary gives a Korean equivalent (two syllables or more) in common
    with ``word``."""
    glossary = english_to_korean()
    korean = {k for k in glossary.get(word, ()) if len(k) >= 2}
    if not korean:
        return frozenset()
    return frozenset(other for other, equivalents in glossary.items() if korean.intersection(equivalents))


def _english_page_names(compound: str, document_text: str) -> bool:
    """Whether an English page names the Korean ``compound`` by one of its catalogue line's English
    names (whole names only: a procedure's compound is named exactly, as on a Korean page)."""
    return any(
        _names_any((), english, document_text)
        for n, _ in _named_lines(compound.casefold(), "")
        for _, english in (_catalogue()[n],)
    )


def _names_english_head(english_forms: tuple[str, ...], document_text: str) -> bool:
    """Whether an English page's title (its first line) has the first word of one of a line's
    English names: catalogue names are the usual ones ("interpretation service"), a page titles the
    thing its own way ("Free Interpretation Phone Line"). Read over an English page only, for a name
    asked in Korean; the title, not the body, since a body uses such words in passing ("foreign
    residents" is no resident registration certificate)."""
    title = unicodedata.normalize("NFKC", document_text.lstrip().split("\n", 1)[0]).casefold()
    return any(_has_word(form.split()[0], title) for form in english_forms)


def _named_lines(text: str, english: str) -> list[tuple[int, str]]:
    """The catalogue lines ``text`` (casefolded) names, in the catalogue's order, each with the
    name found (a Korean one first; a name inside a longer one found is not counted). Names are
    looked up by their first two letters, so a question costs a few dictionary lookups per letter,
    not a test per name."""
    korean, latin = _name_index()
    found: dict[int, str] = {}
    squashed = re.sub(r"\s+", "", text)
    for start in range(len(squashed) - 1):
        for number, form in korean.get(squashed[start : start + 2], ()):
            if number not in found and squashed.startswith(form, start) and _starts_a_word(form, text):
                found[number] = form
    for word in set(english.split()):
        for number, form in latin.get(word, ()):
            if number not in found and _english_stem(form) in english and _has_word(form, english):
                found[number] = form
    # The longest name is the one asked about: "난방비지원" names the heating support, not 난방비.
    names = set(found.values())
    return sorted((n, f) for n, f in found.items() if not any(f != other and f in other for other in names))


@cache
def _name_index() -> tuple[dict[str, list[tuple[int, str]]], dict[str, list[tuple[int, str]]]]:
    """The catalogue's Korean names by their first two letters, its English ones by their first word."""
    korean: dict[str, list[tuple[int, str]]] = {}
    latin: dict[str, list[tuple[int, str]]] = {}
    for number, (korean_forms, english_forms) in enumerate(_catalogue()):
        for form in korean_forms:
            korean.setdefault(form[:2], []).append((number, form))
        for form in english_forms:
            latin.setdefault(form.split()[0], []).append((number, form))
    return korean, latin


@cache
@lru_cache(maxsize=1024)
def _is_korean_page(document_text: str) -> bool:
    """Whether the page is written in Korean (see _HANGUL_RUN); cached per page text."""
    return _HANGUL_RUN.search(document_text) is not None


@cache
def _catalogue() -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    """The catalogue's lines with their Korean names casefolded, as they are compared; built once
    (casefolding its thousands of names took 2 ms, on every question that reached here)."""
    return tuple((tuple(f.casefold() for f in korean), english) for korean, english in service_names())


# A Korean page: twenty Hangul syllables with only spaces, commas and full stops between them (an
# English page may quote a Korean name or two). Each step of the pattern has one way to match, so a
# search is linear in the page; "(?:[가-힣]+[\s,.]*){20}" meant the same but backtracked through every
# split of a long word and took 0.9 ms a page (275 ms over the 312 bundled and bench pages, now 2 ms).
_HANGUL_RUN = re.compile(r"[가-힣](?:[\s,.]*[가-힣]){19}")


@lru_cache(maxsize=4096)
def _form_pattern(form: str, english: bool) -> re.Pattern[str]:
    """A catalogue name as a pattern: an English one as whole words, its last word in the singular
    or the plural (English spelling: +s, +es after s, x, z, ch, sh, and a consonant's y as ies), a
    Korean one from a word's start with spaces allowed between its syllables. "Free Korean classes"
    names the Korean class: with +s alone it did not, and the English page on them was refused for
    "a service no page names" (dev-extra26, nineteenth pass)."""
    if english:
        if re.search(r"[^aeiou]y$", form):
            return re.compile(rf"\b{re.escape(form[:-1])}(?:y|ies)\b")
        plural = "(?:es)?" if re.search(r"(?:s|x|z|ch|sh)$", form) else "s?"
        return re.compile(rf"\b{re.escape(form)}{plural}\b")
    return re.compile("(?<![가-힣])" + r"\s*".join(map(re.escape, form)))


def _english_stem(form: str) -> str:
    """What every written form of an English catalogue name contains (see _form_pattern): the name
    itself, or without its y when its plural is spelled ies. A quick test before the pattern's."""
    return form[:-1] if re.search(r"[^aeiou]y$", form) else form


def _starts_a_word(form: str, question: str) -> bool:
    """Whether the Korean ``form`` is in ``question`` from a word's start, spaces allowed inside."""
    return _form_pattern(form, False).search(question) is not None


def _has_word(form: str, text: str) -> bool:
    return _form_pattern(form, True).search(text) is not None


def _names_any(korean_forms: tuple[str, ...], english_forms: tuple[str, ...], text: str) -> bool:
    """Whether ``text`` (a page or the collection) has one of a catalogue line's names, or both
    halves (two syllables or more each) of one of its Korean names."""
    squashed, lowered = _folded(text)
    for form in korean_forms:
        if form in squashed or any(
            form[:cut] in squashed and form[cut:] in squashed for cut in range(2, len(form) - 1)
        ):
            return True
    return any(_english_stem(form) in lowered and _has_word(form, lowered) for form in english_forms)


@lru_cache(maxsize=64)
def _folded(text: str) -> tuple[str, str]:
    """``text`` casefolded: with its spaces squashed out, and as it is. Cached for the pages and the
    collection questions are checked against (Python keeps a string's hash)."""
    lowered = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"\s+", "", lowered), lowered


def _head_reworded(named: re.Match[str], page: str) -> bool:
    """Whether the compound names a benefit the page names with another head: its modifier (two
    syllables or more) glued to a word for money on the page ("돌봄수당" over a page on 돌봄비: chat
    names the benefit, the page its own way). Only benefits (수당, 연금, 장려금, 보조금) have such
    other names; a procedure is named exactly: 출생신고 over a page saying "출생 후 신고" stays a
    procedure no page covers. A programme (검진, 상담, 바우처 …) is named with words between its
    modifier and its head: "국가검진" over a page on "국가 일반건강검진"."""
    compound = named.group()
    program = re.search(rf"{_PROGRAM_HEADS}$", compound)
    if program and len(compound) - len(program.group()) >= 2:
        modifier = compound[: program.start()]
        return re.search(rf"{re.escape(modifier)}[가-힣\s]{{0,6}}{program.group()}", page) is not None
    head = re.search(r"(?:수당|연금|장려금|보조금)$", compound)
    modifier = compound[: head.start()] if head else ""
    if len(modifier) < 2:
        return False
    return re.search(rf"{re.escape(modifier)}[가-힣]{{0,3}}(?:비|금|수당|급여|바우처)", page) is not None


# English names of civil paperwork: "register a birth", "birth certificate", "parking permit".
_EN_DETERMINERS = r"(?:(?:a|an|the|my|our|his|her|their|your|new)\s+)*"
_EN_PAPERWORK = re.compile(
    rf"\b(register|registration of|certificate of|copy of|permit for|licen[cs]e for)\s+{_EN_DETERMINERS}([a-z]+)"
    # A possessive names the thing too: "driver's licence", "residents' permit".
    r"|\b([a-z]+)(?:'s|s')?\s+(registration|certificate|permit|sticker|licen[cs]e)\b",
    re.IGNORECASE,
)


_EN_PAPERWORK_WORD = re.compile(
    r"regist(?:er|ers|ration|rations)|certificates?|permits?|licen[cs]es?|cop(?:y|ies)|stickers?"
)


def _english_procedure(question: str, document_text: str) -> str | None:
    """The paperwork an English question names ("register a birth") when no sentence of the
    page has both its words in Korean (출생 and 신고/등록), else None. An English page's sentence is
    read through the same glossary, so "register your bicycle" there answers "register my bike".

    The English side of the 출생신고 rule above: "How do I register a birth?" shares "register" with
    the pet-registration page and "birth" with the pregnancy page. Words the glossary cannot
    translate leave the question undecided (None), never refused."""
    question = question.replace("’", "'")  # a phone keyboard's apostrophe
    if not question.isascii():
        return None
    glossary = english_to_korean()
    text = unicodedata.normalize("NFKC", document_text).casefold()
    sentences = [_with_translations(s, glossary) for s in split_sentences(text) or [text]]
    for match in _EN_PAPERWORK.finditer(question):
        head, thing = (match.group(1), match.group(2)) if match.group(1) else (match.group(4), match.group(3))
        head = head.split()[0].casefold()
        if _EN_PAPERWORK_WORD.fullmatch(thing.casefold()):
            # "a building register certificate": two words for paperwork, the thing named before
            # them; "register certificate" names no procedure of its own.
            continue
        heads = glossary.get(head)
        things = glossary.get(thing.casefold().rstrip("s")) or glossary.get(thing.casefold())
        if not heads or not things:
            continue  # a word the glossary lacks: no verdict
        if not any(any(h in s for h in heads) and any(w in s for w in things) for s in sentences):
            return f"{thing} {head}"
    return None


def _with_translations(sentence: str, glossary: dict[str, tuple[str, ...]]) -> str:
    """``sentence`` (casefolded), with the glossary's Korean for each English word it has added."""
    words = re.findall(r"[a-z]+", sentence)
    if not words:
        return sentence
    found = [
        korean for word in words for korean in glossary.get(word) or glossary.get(word.rstrip("s")) or ()
    ]
    return f"{sentence} {' '.join(found)}"


def _squashed(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


# The whole corpus is squashed once per index: the caller passes the same string object each time
# (KnowledgeBase.full_text), whose hash Python keeps, so a hit costs no pass over the text.
_squashed_corpus = lru_cache(maxsize=2)(_squashed)
