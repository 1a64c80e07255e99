"""The eighteenth probe's spellings never reach the public text, and the prose around them stays readable.

A newcomer's probe published these unmasked: a mobile prefix in brackets ("(010) 1234-5678",
"010)1234-5678"), other separators ("010_1234_5678", "010/1234/5678", "010~1234~5678",
"010*1234*5678"), international forms ("0082-10-…", "8210-…"), car plates with a hyphen or spaced
digits ("12가-3456", "12가 3 4 5 6"), a number spelled one digit per word ("공일공 일 이 삼 사 오 육 칠
팔"), a name after the number ("연락처 010-… 홍길동"), portal accounts ("네이버 아이디 kimlee12",
"이메일은 kim_lee 네이버요"), a card number after 카드 that fails the Luhn check, and "john dot smith
at gmail dot com" (half masked). A phone number was also called an account because "SC" inside
"school", "Rescue" or "<script>" counted as a bank's name. Each class is generated here, in random
prose without digits, so that any digit left in the output is one of the number's.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from civicbot.observability import redact_text
from civicbot.privacy import (
    ACCOUNT,
    CARD,
    EMAIL,
    HANDLE,
    NAME,
    PHONE,
    PLATE,
    find_pii,
    mask_pii,
    strip_identifiers,
)


def _n(size: int) -> st.SearchStrategy[str]:
    return st.text(alphabet="0123456789", min_size=size, max_size=size)


# Prose around the number: Korean and English words without digits, and no word that glues onto it.
KO_WORDS = [
    "가로등이",
    "고장났어요",
    "연락은",
    "주세요",
    "집 앞",
    "골목에",
    "쓰레기가",
    "많아요",
    "확인 부탁드립니다",
]
EN_WORDS = ["the", "streetlight", "is", "broken", "please", "call", "me", "thanks", "near", "the school"]
PROSE = st.lists(st.sampled_from(KO_WORDS + EN_WORDS), max_size=4).map(" ".join)


@st.composite
def in_prose(draw, number: str) -> str:
    before, after = draw(PROSE), draw(PROSE)
    return f"{before} {number} {after}".strip() if before or after else number


def _no_digits_left(text: str) -> None:
    masked = mask_pii(text)
    assert not any(ch.isdigit() for ch in masked.text), f"{text!r} -> {masked.text!r} ({find_pii(text)})"


# -- 1, 2: a bracketed mobile prefix, and _ / ~ * between the groups ------------------------------
MOBILE = st.sampled_from(["010", "011", "016", "017", "019"])
BRACKETED = st.sampled_from(["({p}) ", "({p})", "{p}) ", "{p})", "Tel.{p})", "Tel. ({p}) ", "( {p} ) "])
SEPARATORS = st.sampled_from(["_", "/", "~", "*", " / ", " ~ ", "-", " ", ".", ""])


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_a_mobile_number_with_a_bracketed_prefix_or_any_separator_is_masked(data) -> None:
    prefix = data.draw(MOBILE)
    head = data.draw(st.one_of(BRACKETED.map(lambda b: b.format(p=prefix)), st.just(prefix)))
    sep = data.draw(SEPARATORS)
    middle, last = data.draw(st.one_of(_n(3), _n(4))), data.draw(_n(4))
    # The prefix's own separator: none after a bracket, otherwise the same as between the groups.
    number = f"{head}{'' if head.rstrip().endswith(')') else sep}{middle}{sep}{last}"
    text = data.draw(in_prose(number))
    _no_digits_left(text)
    assert PHONE in mask_pii(text).kinds


@pytest.mark.parametrize(
    "text",
    [
        "(010) 1234-5678",
        "(010)1234-5678",
        "010) 1234-5678",
        "Tel.010)1234-5678",
        "010_1234_5678",
        "010/1234/5678",
        "010~1234~5678",
        "010*1234*5678",
        "0082-10-1234-5678",
        "8210-1234-5678",
        "0082 10 1234 5678",
        "(0082) 10-1234-5678",
        "001-82-10-1234-5678",
        "+82 10 1234 5678",
        "공일공 일 이 삼 사 오 육 칠 팔",
        "0 1 0 1 2 3 4 5 6 7 8",
    ],
)
def test_the_probes_phone_spellings_are_masked(text: str) -> None:
    for around in ("{}", "연락처 {} 로 주세요", "call me at {} please"):
        masked = mask_pii(around.format(text))
        assert PHONE in masked.kinds and not any(ch.isdigit() for ch in masked.text), masked.text


def test_brackets_around_a_whole_number_stay_balanced() -> None:
    assert mask_pii("연락처 (010-1234-5678)").text == "연락처 ([전화번호])"
    assert mask_pii("(02-123-4567)").text == "([전화번호])"
    assert mask_pii("(02) 123-4567").text == "[전화번호]"


# -- 3: international forms -------------------------------------------------------------------------
@settings(max_examples=200, deadline=None)
@given(st.data())
def test_an_international_number_is_masked(data) -> None:
    country = data.draw(
        st.sampled_from(
            ["0082-", "0082 ", "0082", "001-82-", "00700-82-", "(0082) ", "82", "82-", "+82 ", "+82-"]
        )
    )
    area = data.draw(st.sampled_from(["10", "010", "11", "2", "31", "51"]))
    if country == "82" and area not in ("10", "010", "11"):
        area = "10"  # "822…" glued could be anything; only a mobile prefix makes 82 glued a country code
    sep = data.draw(st.sampled_from(["-", " ", ""]))
    middle, last = data.draw(st.one_of(_n(3), _n(4))), data.draw(_n(4))
    _no_digits_left(data.draw(in_prose(f"{country}{area}{sep}{middle}{sep}{last}")))


# -- 4: car plates with a hyphen, or the four digits spaced ------------------------------------------
LETTERS = "가나다라마거너더러머버서어저고노도로모보소오조구누두루무부수우주아바사자배하허호"


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_a_plate_with_a_hyphen_or_spaced_digits_is_masked(data) -> None:
    front = data.draw(st.one_of(_n(2), _n(3)))
    letter = data.draw(st.sampled_from(LETTERS))
    back = data.draw(_n(4))
    back = data.draw(st.sampled_from([back, " ".join(back)]))
    sep1, sep2 = data.draw(st.sampled_from(["", " ", "-"])), data.draw(st.sampled_from(["", " ", "-", " - "]))
    region = data.draw(st.sampled_from(["", "서울 ", "경기"]))
    text = data.draw(in_prose(f"{region}{front}{sep1}{letter}{sep2}{back}"))
    masked = mask_pii(text)
    assert PLATE in masked.kinds and not any(ch.isdigit() for ch in masked.text), (text, masked.text)


@pytest.mark.parametrize("text", ["12가-3456", "12가 3 4 5 6", "123가-4567", "12 가 - 3456"])
def test_the_probes_plates_are_masked(text: str) -> None:
    masked = mask_pii(f"{text} 차량이 소화전 앞에 있어요")
    assert masked.text == "[차량번호] 차량이 소화전 앞에 있어요"


# -- 5: digits spelled one per word ------------------------------------------------------------------
SPELLED = {"0": ["공", "영"], "1": ["일"], "2": ["이"], "3": ["삼"], "4": ["사"], "5": ["오"]}
SPELLED |= {"6": ["육"], "7": ["칠"], "8": ["팔"], "9": ["구"]}


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_a_number_spelled_one_digit_per_word_is_masked(data) -> None:
    prefix = data.draw(st.sampled_from(["010", "011", "019"]))
    rest = data.draw(st.one_of(_n(8), _n(7)))
    words = [data.draw(st.sampled_from(SPELLED[d] + [d])) for d in prefix + rest]
    head = "".join(words[:3]) if data.draw(st.booleans()) else " ".join(words[:3])
    body = " ".join(words[3:])
    before, after = data.draw(st.sampled_from([("연락은 ", "로 주세요"), ("", ""), ("번호 ", " 입니다")]))
    text = f"{before}{head} {body}{after}"
    masked = mask_pii(text)
    assert PHONE in masked.kinds, (text, masked.text)
    assert body not in masked.text and not any(ch.isdigit() for ch in masked.text), (text, masked.text)


# -- 6: a name after a contact label or a phone number -----------------------------------------------
SURNAMES = st.sampled_from(["김", "이", "박", "최", "정", "강", "조", "윤", "장", "임", "홍", "남궁", "황보"])
GIVEN = st.sampled_from(
    ["길동", "민수", "서준", "하은", "지원", "민지", "준호", "서연", "우성", "예서", "도윤"]
)


@settings(max_examples=200, deadline=None)
@given(SURNAMES, GIVEN, st.data())
def test_a_name_after_a_phone_number_or_a_contact_label_is_masked(surname, given_name, data) -> None:
    name = surname + given_name
    phone = f"010-{data.draw(_n(4))}-{data.draw(_n(4))}"
    shape = data.draw(
        st.sampled_from(
            [
                "연락처 {phone} {name}",
                "연락처 {phone} ({name})",
                "{phone} / {name}",
                "{phone} {name} 드림",
                "{phone}, {name}입니다",
                "연락처: {name}",
                "연락처 {name} {phone}",
                "가로등이 나갔어요. 연락처 [전화번호] {name}",
                "전화번호: {name} ({phone})",
            ]
        )
    )
    text = shape.format(phone=phone, name=name)
    masked = mask_pii(text)
    assert name not in masked.text and NAME in masked.kinds, (text, masked.text)


@pytest.mark.parametrize(
    "text",
    [
        "연락처 주세요",
        "연락처 남겨요",
        "연락처 남깁니다",
        "연락 부탁",
        "연락 기다림",
        "전화 주시면 감사하겠습니다",
        "전화 안받음",
        "연락처 공개하지 마세요",
        "전화 연결이 안 돼요",
        "연락처는 비공개로 해 주세요",
        "연락 바랍니다",
    ],
)
def test_what_follows_a_contact_label_in_prose_stays(text: str) -> None:
    assert mask_pii(text).text == text


@pytest.mark.parametrize(
    ("text", "public"),
    [
        ("연락처 010-1234-5678 주세요", "연락처 [전화번호] 주세요"),
        ("010-1234-5678 로 연락 부탁드립니다", "[전화번호] 로 연락 부탁드립니다"),
        ("010-1234-5678 문자 주세요", "[전화번호] 문자 주세요"),
        ("010-1234-5678 문자", "[전화번호] 문자"),
        ("010-1234-5678 (사무실)", "[전화번호] (사무실)"),
        ("010-1234-5678 이에요", "[전화번호] 이에요"),
        ("010-1234-5678 정도로 연락", "[전화번호] 정도로 연락"),
        ("010-1234-5678 으로 연락 주세요", "[전화번호] 으로 연락 주세요"),
        ("010-1234-5678 연락 바랍니다", "[전화번호] 연락 바랍니다"),
        ("010-1234-5678 주간에만 받아요", "[전화번호] 주간에만 받아요"),
        ("02-123-4567 (공무원)", "[전화번호] (공무원)"),
        ("010-1234-5678 홍보물", "[전화번호] 홍보물"),
        ("전화 예약은 1533-1179로 평일에 받습니다", "전화 예약은 1533-1179로 평일에 받습니다"),
        ("전화 상담은 02-2133-1290", "전화 상담은 [전화번호]"),
        ("연락처: 김지은", "연락처: [이름]"),
        ("연락처 김하은 010-1234-5678", "연락처 [이름] [전화번호]"),
    ],
)
def test_what_follows_a_phone_number_in_prose_stays(text: str, public: str) -> None:
    assert mask_pii(text).text == public


# -- 7: portal accounts and an address given as a name and a provider --------------------------------
ACCOUNT_ID = st.from_regex(r"[a-z][a-z0-9_]{3,10}[0-9]", fullmatch=True)


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(
        ["네이버 아이디 ", "네이버 아이디는 ", "다음 아이디 ", "구글 계정 ", "naver id ", "gmail ID: "]
    ),
    ACCOUNT_ID,
    st.sampled_from(["", " 로 연락주세요", " 입니다"]),
)
def test_a_portal_account_is_masked(label, account, after) -> None:
    masked = mask_pii(f"{label}{account}{after}")
    assert account not in masked.text and {HANDLE, EMAIL} & set(masked.kinds), masked.text


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(["이메일은 ", "메일 ", "메일 주소: ", "my email is ", "e-mail: ", ""]),
    ACCOUNT_ID,
    st.sampled_from(
        [" 네이버요", " 네이버", " naver", " 지메일이에요", "@naver", " 한메일 입니다", " 다음이요"]
    ),
)
def test_an_address_given_as_a_name_and_a_provider_is_masked(label, account, provider) -> None:
    masked = mask_pii(f"{label}{account}{provider}")
    assert account not in masked.text and EMAIL in masked.kinds, masked.text


@pytest.mark.parametrize(
    "text",
    [
        "I use naver every day",
        "네이버 지도에서 봤어요",
        "메일 kim 다음주에 보낼게요",
        "COVID19 네이버 뉴스",
        "KT5G 네이버",
        "다음 아이디어는 좋아요",
        "구글 계정 설정",
        "네이버 카페에 올렸어요",
    ],
)
def test_portal_names_in_prose_stay(text: str) -> None:
    assert mask_pii(text).text == text


# -- 8: a card number after a card label, Luhn or not --------------------------------------------------
@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(
        ["카드 ", "신용카드 ", "체크카드 번호는 ", "카드번호: ", "card ", "credit card no. ", "교통카드 "]
    ),
    st.lists(_n(4), min_size=4, max_size=4),
    st.sampled_from(["-", " ", "", "."]),
    PROSE,
)
def test_a_card_number_after_a_card_label_is_masked_and_never_stored(label, groups, sep, after) -> None:
    text = f"{label}{sep.join(groups)} {after}".strip()
    masked = mask_pii(text)
    assert CARD in masked.kinds and not any(ch.isdigit() for ch in masked.text), masked.text
    assert "".join(groups) not in "".join(ch for ch in strip_identifiers(text) if ch.isdigit())


def test_an_unlabelled_sixteen_digit_number_still_needs_the_luhn_check() -> None:
    assert CARD not in mask_pii("주문번호 1234-5678-9012-3456").kinds
    assert CARD in mask_pii("4111-1111-1111-1111").kinds


# -- 9: a phone number is not an account because of a word that holds a bank's initials --------------
@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(
        [
            "Call the school office at",
            "Rescue team:",
            "<script>alert(1)</script>",
            "Describe it and call",
            "SCHOOL OFFICE",
            "Disco bar owner",
            "NHK reporter",
            "국민은행 앞에서",
            "은행 앞 사거리, 연락은",
        ]
    ),
    _n(4),
    _n(4),
    st.sampled_from(["", "로 연락드릴게요", " please"]),
)
def test_a_mobile_number_near_a_banks_initials_is_a_phone_number(before, middle, last, after) -> None:
    masked = mask_pii(f"{before} 010-{middle}-{last}{after}", "en")
    assert masked.kinds == (PHONE,), masked
    assert "[phone]" in masked.text


@pytest.mark.parametrize(
    "text",
    [
        "KB국민은행 123456-01-234567",
        "NH 302-1234-5678-91",
        "SC제일은행 123-45-678901",
        "bank account 1234567890",
    ],
)
def test_a_banks_initials_as_a_word_still_label_an_account(text: str) -> None:
    assert ACCOUNT in mask_pii(text).kinds


def test_the_probes_account_examples_are_phone_numbers() -> None:
    assert (
        mask_pii("Call the school office at 010-1234-5678", "en").text == "Call the school office at [phone]"
    )
    assert mask_pii("Rescue team: 010-1234-5678", "en").text == "Rescue team: [phone]"
    note = "<script>alert(1)</script> 010-1234-5678로 연락드릴게요"
    assert mask_pii(note).text == "<script>alert(1)</script> [전화번호]로 연락드릴게요"


# -- 10: an address spelled out with dots in its name -------------------------------------------------
@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.from_regex(r"[a-z]{2,6}", fullmatch=True), min_size=2, max_size=3),
    st.sampled_from([" dot ", " underscore ", " 점 ", "."]),
    st.sampled_from([" at gmail dot com", " 골뱅이 naver.com", " at naver", "@daum.net"]),
    st.sampled_from([("", ""), ("my email is ", " thanks"), ("메일: ", " 으로 주세요")]),
)
def test_an_address_with_spelled_dots_in_its_name_is_masked_whole(words, joiner, domain, around) -> None:
    local = joiner.join(words)
    before, after = around
    masked = mask_pii(f"{before}{local}{domain}{after}", "en")
    assert masked.text == f"{before}[e-mail]{after}" and masked.kinds == (EMAIL,), masked.text


def test_the_probes_spelled_address_is_masked_whole() -> None:
    assert mask_pii("john dot smith at gmail dot com", "en").text == "[e-mail]"


# -- what citizens write that must stay readable -----------------------------------------------------
READABLE = [
    "2024/05/12",
    "2024/05/12 09:30에 봤어요",
    "05/12/2024",
    "10/20/30대 이용자가 많아요",
    "09:00~18:00",
    "평일 09:00~18:00, 토요일 10:00~14:00",
    "02:00~05:00 공사",
    "1234~5678번 버스",
    "0017번 버스",
    "버스 7016번 / 472번",
    "12,000원",
    "1,234,567원",
    "3*4=12",
    "1/2/3층",
    "2024/2025 시즌",
    "3층~5층",
    "지하 2층",
    "010-1234",
    "0 1 2 3 4 5",
    "종로3가 1번 출구",
    "12월 3일 4시 5분",
    "12시 30분",
    "영하 10도",
    "일 이 삼 사 오 육 칠 팔 구 십",
    "오늘 이 사고로 일이 많아요",
    "8210번 버스",
    "0082로 시작하는 번호",
    "카드 3장",
    "교통카드 충전 10,000원",
    "카드 결제 2024-05-12",
    "poll 12 closed",
    "GET /api/polls/12/votes 200 12ms",
    "update 80 not handled (edited_message)",
    "2024-05-12 10:00:00,123 INFO civicbot.voicemap complaint 1234 published",
    "Rescue team arrived at 10:30",
    "20주 1234개",
    "30도 1234m",
    "school bus 1234",
]


@pytest.mark.parametrize("text", READABLE)
def test_readable_prose_stays(text: str) -> None:
    for language in ("ko", "en"):
        masked = mask_pii(text, language)
        assert masked.text == text, f"{text!r} became {masked.text!r} ({find_pii(text)})"


@pytest.mark.parametrize("text", ["세종대로 110 앞", "역삼동 737-1 앞", "테헤란로 123 3층", "101동 1203호"])
def test_a_detailed_address_stays_an_address_and_nothing_else(text: str) -> None:
    """A building or unit number is a detailed address (masked as one since the first pass): the new
    patterns must not turn it into a phone number, a plate or a name."""
    assert set(mask_pii(text).kinds) <= {"address"}


def test_a_log_line_with_a_phone_number_is_redacted_as_one() -> None:
    assert redact_text("sent reply to chat, contact (010) 1234-5678") == "sent reply to chat, contact [phone]"


@pytest.mark.parametrize(
    ("text", "public"),
    [
        ("031-987-6543 경기도", "[전화번호] 경기도"),
        ("02-123-4567 강남구", "[전화번호] 강남구"),
        ("02-123-4567 서울역", "[전화번호] 서울역"),
        ("010-1234-5678 서울시", "[전화번호] 서울시"),
    ],
)
def test_a_place_after_a_phone_number_is_not_a_name(text: str, public: str) -> None:
    assert mask_pii(text).text == public
