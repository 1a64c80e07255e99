"""The twentieth probe's leaks never reach the public map, and ordinary complaints stay as written.

A newcomer's probe published these at once, with nothing masked and no review hold: a person's full
name before a particle ("윗집 사는 박영수가 밤마다 뛰어요"), 네 ("김민수네가"), a copula ("홍길동입니다")
or a letter's closing ("김민지 올림"), after a word for a culprit ("범인은 이정훈 (30대 남성)") or spelled
apart before 씨 ("홍 길 동 씨"); English self-introductions and sign-offs ("I am Jane Doe", "This is
Jane Doe from Mapo", "Regards, Min-su Kim"); a car plate with its digits in Hangul ("일이가
삼사오육"); a messenger account after its service with no label ("카톡 kim1234 로 연락").

Names are held for an official's review, as "김철수 씨" and "저는 김철수입니다" already were; plates and
accounts are masked as their kind. Each class is generated here from lists that are not the code's
(common surnames, given names people are registered with, English names), and so is the other side:
everyday words that start with a surname's syllable (이번주가, 주차장이, 박물관이 ...) in the same
shapes must neither hold nor change a report.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from test_voicemap import report

from civicbot.moderation import (
    EVERYDAY_WORDS,
    GIVEN_FIRST,
    GIVEN_SECOND,
    PLACE_WORDS,
    TWO_SYLLABLE_WORDS,
    VERB_GIVEN,
    moderator_for,
)
from civicbot.privacy import HANDLE, PHONE, PLATE, mask_pii

ROOT = Path(__file__).resolve().parent.parent
MODERATOR = moderator_for(ROOT / "services")


def _split(words: str) -> list[str]:
    return words.split()


# The commonest surnames (통계청 2015), the first twenty.
SURNAMES = _split("김 이 박 최 정 강 조 윤 장 임 한 오 서 신 권 황 안 송 전 홍")
# Given names as people are registered with them, over several generations (not the code's list).
GIVEN_NAMES = _split(
    "영수 영호 영식 영철 정수 정호 성수 상철 종수 광수 병철 재호 용수 만수 길동 경수 동수 창수 진호 성호 "
    "영자 순자 정숙 영숙 명숙 경숙 정순 순옥 영희 정희 미숙 미경 혜숙 은숙 "
    "성진 정훈 상훈 성민 지훈 현우 동현 준호 민수 재훈 준영 성현 승현 현준 도현 민석 재민 태현 우진 "
    "지영 은정 미영 현주 은주 수진 지은 혜진 은영 선영 미정 지혜 민정 유진 소영 수연 현정 은지 지현 "
    "민준 서준 도윤 예준 시우 주원 지호 준우 준서 건우 선우 서진 민재 연우 유준 정우 승우 시윤 이준 "
    "서연 서윤 지우 서현 민서 하은 윤서 지유 지민 채원 수아 지아 다은 은서 예은 수빈 소윤 예린 하린 "
    "민지 수현 가은 채은 윤아 다연 예진 혜원"
)
KOREAN_NAME = st.builds(lambda s, g: s + g, st.sampled_from(SURNAMES), st.sampled_from(GIVEN_NAMES))
# The brief's other generator: a surname and any two syllables given names use in those places.
SYLLABLE_NAME = st.builds(
    lambda s, a, b: s + a + b,
    st.sampled_from(SURNAMES),
    st.sampled_from(sorted(GIVEN_FIRST)),
    st.sampled_from(sorted(GIVEN_SECOND)),
)
BEFORE = st.sampled_from(
    ["", "소음 신고. ", "윗집 사는 ", "쓰레기 무단투기 관련입니다. ", "어제 밤에 ", "가로등 고장 신고해요 "]
)
AFTER = st.sampled_from(
    ["", " 밤마다 뛰어요", " 쓰레기를 버렸어요", " 차를 대 놔요", " 계속 담배를 피워요", " 가로등을 깼어요"]
)


def _final(syllable: str) -> bool:
    return (ord(syllable) - 0xAC00) % 28 != 0


def _subject(name: str) -> str:
    return name + ("이" if _final(name[-1]) else "가")


SHAPES = [
    lambda n: _subject(n),  # 박영수가, 이정훈이
    lambda n: n + ("은" if _final(n[-1]) else "는"),
    lambda n: n + ("을" if _final(n[-1]) else "를"),
    lambda n: n + "한테",
    lambda n: n + "네가",
    lambda n: n + "네 집",
    lambda n: "범인은 " + n + " (30대 남성)",
    lambda n: "가해자는 " + n + "입니다",
    lambda n: n + "입니다.",
    lambda n: n + ("이에요" if _final(n[-1]) else "예요"),
    lambda n: n + " 올림",
    lambda n: n + " 드림",
    lambda n: " ".join(n) + " 씨",
    lambda n: n[0] + " " + n[1:] + " 님",
]


def _held(text: str) -> bool:
    return bool(MODERATOR.names(text))


@settings(max_examples=400, deadline=None)
@given(st.one_of(KOREAN_NAME, SYLLABLE_NAME), st.sampled_from(range(len(SHAPES))), BEFORE, AFTER)
def test_a_full_name_in_an_everyday_shape_holds_the_report(name, shape, before, after):
    assume(name not in EVERYDAY_WORDS and name not in MODERATOR.not_names)
    assume(name[1:] not in MODERATOR.not_names)  # 김주민, 이경비: the city's own list says no name
    assume(name not in PLACE_WORDS)  # 신길동, 한남동: Seoul's 동 shaped like a name are places (priv21)
    # 조명만이, 김가기가: an everyday two-syllable word or a verb's shape and its ending (priv21).
    assume(name[:2] not in TWO_SYLLABLE_WORDS and name[1:] not in VERB_GIVEN)
    text = before + SHAPES[shape](name) + after
    assert _held(text), text


@pytest.mark.parametrize(
    "text",
    [
        "소음 신고. 윗집 사는 박영수가 밤마다 뛰어요",
        "쓰레기 무단투기 범인은 이정훈 (30대 남성)",
        "김민수네가 쓰레기를 집 앞에 버려요",
        "홍길동입니다. 가로등 고장이요",
        "가로등 고장이에요 ^^ 김민지 올림",
        "홍 길 동 씨 집 앞에 쓰레기가 쌓여 있어요",
        "I am Jane Doe, the street light is out",
        "This is Jane Doe from Mapo, the light is out",
        "Street light out. Regards, Min-su Kim",
        # kept working
        "저 홍길동인데요 가로등이 나갔어요",
        "신고인: 홍길동",
        "작성자 홍길동 드림",
    ],
)
def test_the_probes_names_hold_the_report(text):
    assert _held(text), text


# Everyday words that start with a surname's syllable, many of them the probe's (not the code's list).
EVERYDAY = _split(
    "이번주 정말로 김치 박물관 조명 신호등 한강 전기 주차장 이용자 정류장 공사장 소화전 안내판 도로변 "
    "도서관 소방서 하수구 한밤중 주민센터 지하철 고양이 어린이 장애인 강아지 공무원 유치원 백화점 "
    "노인정 문화재 하수도 상수도 지하도 소나무 주택가 주유소 정화조 이동식 이민자 민원인 노숙자 "
    "조경수 방지턱 배수구 변전소 부동산 서울시 손수레 송전탑 여름철 우체국 우회전 원룸촌 이륜차 "
    "이삿짐 장애물 제설함 조명등 진입로 표지판 현수막 홍보물 경찰서 경비실 경사로 관리소 구청장 "
    "반려견 방음벽 보행자 복지관 사거리 성범죄 송수관 수도관 신도시 아파트 음식물 임대인 장난감 "
    "현관문 형광등 운동장 유기견 윤활유 이중주차 전기요금 정신과 좌회전 주정차 편의점 경로당 관리비 "
    "반사경 배수로 봉사자 손잡이 송유관 안전모 안전선 전봇대 전동차 정비소 조형물 고속도로 노동자 "
    "노숙인 주소지 배우자 고지서 지하수 지원서 구성원 안정성 최대한 최소한 정지선 신고자 제보자 "
    "이웃집 공영주차장 정수기 성수기 이재민 전문가 주방장 집주인 건물주 운전자 피해자 한국인 외국인"
)
PARTICLES = ["이", "가", "은", "는", "을", "를", "한테", "에서", "입니다", "이에요", "예요", "도", "네"]
PLAIN = st.sampled_from(["", "집 앞 ", "어제부터 ", "골목에 있는 ", "우리 동네 ", "가로등 옆 "])
TAIL = st.sampled_from(["", " 고장났어요", " 너무 시끄러워요", " 확인 부탁드립니다", " 위험해요"])


def _everyday_shape(word: str, particle: str) -> str:
    if particle in ("이", "은", "을") and not _final(word[-1]):
        particle = {"이": "가", "은": "는", "을": "를"}[particle]
    elif particle in ("가", "는", "를") and _final(word[-1]):
        particle = {"가": "이", "는": "은", "를": "을"}[particle]
    return word + particle


@settings(max_examples=500, deadline=None)
@given(st.sampled_from(EVERYDAY), st.sampled_from(PARTICLES), PLAIN, TAIL)
def test_an_everyday_word_in_the_same_shapes_neither_holds_nor_changes_a_report(
    word, particle, before, after
):
    text = before + _everyday_shape(word, particle) + after
    assert not _held(text), (text, MODERATOR.names(text))
    assert mask_pii(text).text == text


def test_every_everyday_word_with_every_particle_passes():
    """The same words, all of them, not a sample."""
    for word in EVERYDAY:
        for particle in PARTICLES:
            text = "집 앞 " + _everyday_shape(word, particle) + " 고장났어요"
            assert not _held(text), (text, MODERATOR.names(text))


@pytest.mark.parametrize(
    "text",
    [
        "이번주가 마감이라 빨리 처리해 주세요",
        "주차장이 꽉 차서 골목에 차를 대요",
        "박물관이 문을 닫았는데 불이 켜져 있어요",
        "신호등이 고장났어요",
        "저는 주민입니다. 가로등이 나갔어요",
        "내일 서울 날씨 어때요",
        "40여 가지 씨앗이 있어요",
        "시 소관 아님",
        "전기요금입니다",
        "민원인한테 연락이 왔어요",
        "지원하는 사업이 뭐예요",
        "I am Korean and the light near my house is out",
        "This is Gangnam Station exit 3, the escalator is broken",
        "Thanks for fixing it so fast",
        "Thank you Seoul City",
        "Line 2 - Gangnam Station",
        "I am so upset about the noise",
        "I'm not sure where to report this",
    ],
)
def test_ordinary_complaints_are_not_names(text):
    assert not _held(text), MODERATOR.names(text)


# -- English names -----------------------------------------------------------------------------------
FIRST = [
    "Jane",
    "John",
    "Min-su",
    "Ji-woo",
    "Minsu",
    "Emily",
    "David",
    "Sarah",
    "Michael",
    "Seo-yeon",
    "Aisha",
]
LAST = ["Doe", "Kim", "Lee", "Park", "Smith", "Choi", "Jung", "Brown", "Nguyen", "O'Brien"]
EN_NAME = st.builds(
    lambda first, last, order: f"{first} {last}" if order else f"{last} {first}",
    st.sampled_from(FIRST),
    st.sampled_from(LAST),
    st.booleans(),
)
EN_SHAPES = [
    "I am {n}, the street light is out",
    "I'm {n} and the street light is out",
    "Hi, this is {n} from Mapo. The lamp is broken",
    "This is {n}. There is a pothole",
    "My name is {n}. Trash is piling up",
    "Street light out. Regards, {n}",
    "The bench is broken.\nThanks,\n{n}",
    "Pothole on the corner. Sincerely, {n}",
    "Please fix the lamp. Best regards, {n}.",
    "Noise every night – {n}",
]


@settings(max_examples=200, deadline=None)
@given(EN_NAME, st.sampled_from(EN_SHAPES))
def test_an_english_self_introduction_or_sign_off_holds_the_report(name, shape):
    text = shape.format(n=name)
    assert _held(text), text


# -- plates with Hangul digits ----------------------------------------------------------------------
HANGUL = dict(zip("0123456789", "공일이삼사오육칠팔구", strict=True))
LETTERS = list("가나다라마거너더러머버서어저고노도로모보소오조구누두루무부수우주아바사자배하허호")


@st.composite
def spelled_plate(draw) -> tuple[str, str]:
    digits = draw(st.text(alphabet="0123456789", min_size=6, max_size=7))
    front, back = digits[:-4], digits[-4:]
    spell = draw(st.lists(st.booleans(), min_size=len(digits), max_size=len(digits)))
    assume(any(spell))
    chars = [HANGUL[d] if s else d for d, s in zip(digits, spell, strict=True)]
    if draw(st.booleans()):  # 영 for 0 as well as 공
        chars = [("영" if c == "공" and draw(st.booleans()) else c) for c in chars]
    front, back = "".join(chars[: len(front)]), "".join(chars[len(front) :])
    sep1, sep2 = draw(st.sampled_from(["", " ", "-"])), draw(st.sampled_from(["", " "]))
    region = draw(st.sampled_from(["", "서울 ", "경기"]))
    return f"{region}{front}{sep1}{draw(st.sampled_from(LETTERS))}{sep2}{back}", back


@settings(max_examples=400, deadline=None)
@given(
    spelled_plate(),
    st.sampled_from(
        ["불법주차 차량번호 {p}", "{p} 차량이 매일 소화전 앞에 서 있어요", "차번호 {p}이에요", "{p}"]
    ),
)
def test_a_plate_with_hangul_digits_is_masked(plate, around):
    text, back = plate
    masked = mask_pii(around.format(p=text))
    # "서울 026구이사1삼이에요" (with the particle 이 read as a 2) is also a Seoul number: masked either way.
    assert {PLATE, PHONE} & set(masked.kinds) and back not in masked.text, (text, masked.text)


@pytest.mark.parametrize(
    "text",
    [
        "이사 가서 일일이 다 확인했어요",
        "공공기관 공영주차장 앞",
        "육이오 전쟁 기념관",
        "오일 교환 차량이 줄 서 있어요",
        "사거리 구석에 이삿짐",
        "일요일 오후 이삼십 명이 모여요",
        "공사 구간이 오늘까지예요",
    ],
)
def test_words_made_of_digit_syllables_stay(text):
    assert mask_pii(text).text == text


# -- a messenger account with no label -------------------------------------------------------------
SERVICE = st.sampled_from(
    ["카톡 ", "카카오톡 ", "카톡", "라인 ", "인스타 ", "텔레그램 ", "kakao ", "line ", "insta ", "telegram "]
)
ACCOUNT = st.from_regex(r"[a-z]{2,8}[0-9_.][a-z0-9]{1,5}", fullmatch=True)


@settings(max_examples=300, deadline=None)
@given(SERVICE, ACCOUNT, st.sampled_from(["", " 로 연락", " 으로 연락 주세요", " 추가해 주세요", " 입니다"]))
def test_a_messenger_account_without_a_label_is_masked(service, account, after):
    assume(not account.rstrip("._").isalpha())
    masked = mask_pii(f"가로등 고장. {service}{account}{after}")
    assert account not in masked.text and HANDLE in masked.kinds, masked.text


@pytest.mark.parametrize(
    "text", ["카톡 minsu 추가해 주세요", "라인 jdoe 로 연락 주세요", "카톡 kim1234 로 연락"]
)
def test_an_account_in_letters_before_a_contact_word_is_masked(text):
    masked = mask_pii(text)
    assert HANDLE in masked.kinds, masked.text


@pytest.mark.parametrize(
    "text",
    [
        "line near Gangnam station is blocked",
        "kakao map 으로 봤어요",
        "카톡으로 사진 보냈어요",
        "인스타에서 봤는데 벤치가 부서졌어요",
        "Line 2 trains are late",
        "telegram: update 80 not handled (edited_message)",
        "the line outside the office is long",
    ],
)
def test_the_services_names_in_prose_stay(text):
    assert mask_pii(text).text == text


# -- through the app: nothing of it on the map or Open311 ---------------------------------------------
async def test_the_probes_reports_show_nothing_of_it_in_public(client, session_token):
    texts = {
        "소음 신고. 윗집 사는 박영수가 밤마다 뛰어요": "박영수",
        "쓰레기 무단투기 범인은 이정훈 (30대 남성)": "이정훈",
        "This is Jane Doe from Mapo, the light is out": "Jane Doe",
        "불법주차 차량번호 일이가 삼사오육": "삼사오육",
        "가로등 고장. 카톡 kim1234 로 연락": "kim1234",
    }
    for text in texts:
        await report(client, session_token, text=text)
    geo = await (await client.get("/api/complaints.geojson")).text()
    o311 = await (await client.get("/open311/v2/requests.json")).text()
    listing = await (await client.get("/api/complaints")).text()
    for secret in texts.values():
        for view in (geo, o311, listing):
            assert secret not in view, secret
    fine = await report(client, session_token, text="주차장이 꽉 차서 골목에 차를 대요")
    assert fine["visibility"] == "public"
    assert "주차장이" in await (await client.get("/api/complaints.geojson")).text()
