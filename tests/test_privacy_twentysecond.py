"""Contact data said aloud, and accounts named by their service alone, are masked (the 22nd probe).

A newcomer found these published on the public map: a mobile number whose groups are apart by
particles or words, or read as Sino-Korean numbers ("010에 1234에 5678로", "공일공에 일이삼사에
오육칠팔", "번호는 010이고 1234 5678 이에요", "010 천이백삼십사 오천육백칠십팔"); a messenger account
right after the service's Korean name ("카톡 kimminsu", "인스타 kimminsu"); a mailbox given as its
provider and then its name ("메일은 네이버 kimminsu123"); and an address typed with spaces around its
signs ("kimminsu @ gmail . com" came out as "[이메일] . com"). Each is generated here as a class, from
lists written as people say numbers (not the code's tables), with the ordinary figures that must stay
readable beside them, and checked through every public view of the app.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_voicemap import report

from civicbot.privacy import EMAIL, HANDLE, PHONE, mask_pii

# -- a mobile number said aloud ----------------------------------------------------------------------
SYLLABLE = dict(zip("0123456789", ["공", "일", "이", "삼", "사", "오", "육", "칠", "팔", "구"], strict=True))
ZERO_WORDS = ["공", "영"]


def spelled(digits: str, zero: str = "공") -> str:
    """'010' -> '공일공': each digit as its syllable, as people read a number out one digit at a time."""
    return "".join(zero if d == "0" else SYLLABLE[d] for d in digits)


def sino(number: int) -> str:
    """1234 -> '천이백삼십사': a number as Sino-Korean words (표준국어대사전: 일 is left out before 십, 백, 천)."""
    words = []
    for place, name in ((1000, "천"), (100, "백"), (10, "십")):
        digit, number = divmod(number, place)
        if digit:
            words.append(("" if digit == 1 else SYLLABLE[str(digit)]) + name)
    if number:
        words.append(SYLLABLE[str(number)])
    return "".join(words)


@st.composite
def group(draw, length: int) -> tuple[str, str]:
    """(digits, how they are written) for a group of ``length`` digits: as digits, one syllable per
    digit, or (without a leading zero) as one Sino-Korean number."""
    digits = draw(st.from_regex(rf"[0-9]{{{length}}}", fullmatch=True))
    ways = ["digits", "spelled"] + (["sino"] if digits[0] != "0" else [])
    way = draw(st.sampled_from(ways))
    if way == "digits":
        return digits, digits
    if way == "spelled":
        return digits, spelled(digits, draw(st.sampled_from(ZERO_WORDS)))
    return digits, sino(int(digits))


PREFIXES = ["010", "011", "016", "017", "018", "019"]
# What people put between the groups when they read a number out.
GLUE = ["에", "이고", "이랑", "하고", "다음에", "에다가", "", ",", " -", "."]


@settings(max_examples=500, deadline=None)
@given(
    st.sampled_from(PREFIXES),
    st.sampled_from(["digits", "spelled"]),
    st.sampled_from([3, 4]),
    st.data(),
    st.sampled_from(GLUE),
    st.sampled_from(GLUE),
    st.sampled_from(
        [
            "제 번호는 {p}이요",
            "{p}로 연락 주세요",
            "번호는 {p} 이에요",
            "가로등이 나갔어요. 연락처 {p}",
            "{p}",
            "연락은 {p}요",
        ]
    ),
)
def test_a_mobile_number_said_aloud_is_masked(prefix, prefix_way, middle_length, data, glue1, glue2, around):
    _, middle_text = data.draw(group(middle_length))
    _, last_text = data.draw(group(4))
    head = prefix if prefix_way == "digits" else spelled(prefix, data.draw(st.sampled_from(ZERO_WORDS)))
    space = data.draw(st.sampled_from([" ", ""]))
    number = f"{head}{glue1}{space or ' '}{middle_text}{glue2}{space or ' '}{last_text}"
    masked = mask_pii(around.format(p=number))
    assert PHONE in masked.kinds, (number, masked.text)
    assert middle_text not in masked.text and last_text not in masked.text, (number, masked.text)


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("제 번호는 일공일 아니 010에 1234에 5678이요", "5678"),
        ("010에 1234에 5678로 연락", "1234"),
        ("공일공에 일이삼사에 오육칠팔", "오육칠팔"),
        ("번호는 010이고 1234 5678 이에요", "5678"),
        ("010 천이백삼십사 오천육백칠십팔", "오천육백칠십팔"),
        ("010에 12345678 으로", "12345678"),
    ],
)
def test_the_probes_numbers_are_masked(text, gone):
    masked = mask_pii(text)
    assert PHONE in masked.kinds and gone not in masked.text, masked.text


# -- the ordinary figures a report holds stay readable ------------------------------------------------
@settings(max_examples=400, deadline=None)
@given(
    st.integers(1990, 2030),
    st.integers(1, 12),
    st.integers(1, 28),
    st.integers(1, 9999),
    st.integers(100, 9_999_999),
    st.sampled_from(
        [
            "{y}년 {m}월 {d}일에 버스 {n}번을 탔어요",
            "{y}년 {m}월 {d}일 {n}번 버스 요금 {w:,}원",
            "{w:,}원에 {n}개, {y}년부터",
            "{m}월 {d}일 오후 {m}시 {n}호차",
            "예산 {w:,}원 중 {n}만 원",
            "{y}.{m}.{d} 접수, 대기 {n}명",
            "{n}번 마을버스 {d}분 간격",
        ]
    ),
)
def test_dates_bus_numbers_and_prices_are_no_phone_number(year, month, day, n, won, shape):
    text = shape.format(y=year, m=month, d=day, n=n, w=won)
    masked = mask_pii(text)
    assert PHONE not in masked.kinds, masked.text


@pytest.mark.parametrize(
    "text",
    [
        "2024년 3월 5일",
        "버스 1234번",
        "1,234원",
        "1,234원 2,345원 5,678원",
        "010 번호로 바꾼 지 오래예요",
        "2024년 3월 5일 오후 1시 1234번 버스",
        "천이백 원, 삼천오백 원",
        "공일공 시리즈는 이천이십사 년에 나왔어요",
        "이사 온 지 삼 년 됐어요",
        "카톡 pc버전에서 사진을 보냈어요",
        "인스타 story 올렸어요",
        "카톡으로 사진 보냈어요",
        "라인 KTX 타고 가요",
        "kakao map으로 봤어요",
        "line near Gangnam",
        "네이버 지도 보면 나와요",
        "이메일 네이버로 보냈어요",
    ],
)
def test_everyday_text_stays(text):
    assert mask_pii(text).text == text


@pytest.mark.parametrize("text", ["세종대로 110", "역삼동 123-45", "강남대로 396 앞"])
def test_street_and_lot_numbers_are_an_address_not_a_phone(text):
    assert PHONE not in mask_pii(text).kinds


# -- an account after the service's name alone ----------------------------------------------------------
# Accounts as people make them: a romanised name (국립국어원 로마자 표기법 and the spellings people
# use), in any case, with or without digits, a dot or an underscore.
ROMAN_SURNAMES = [
    "kim",
    "lee",
    "park",
    "choi",
    "jung",
    "kang",
    "cho",
    "yoon",
    "jang",
    "lim",
    "han",
    "oh",
    "seo",
    "shin",
    "kwon",
    "hwang",
    "ahn",
    "song",
]
ROMAN_GIVEN = [
    "minsu",
    "jiyoo",
    "soyeon",
    "minji",
    "seojun",
    "hayoon",
    "jihoon",
    "yujin",
    "dohyun",
    "eunji",
    "sujin",
    "taeyang",
]
ACCOUNT = st.builds(
    lambda surname, given, join, tail, upper: (
        (surname + join + given + tail).title() if upper else surname + join + given + tail
    ),
    st.sampled_from(ROMAN_SURNAMES),
    st.sampled_from(ROMAN_GIVEN),
    st.sampled_from(["", "_", "."]),
    st.sampled_from(["", "1", "88", "1234", "_kr"]),
    st.booleans(),
)


@settings(max_examples=400, deadline=None)
@given(
    ACCOUNT,
    st.sampled_from(["카톡", "카카오톡", "인스타", "인스타그램", "텔레그램", "라인"]),
    st.sampled_from([" ", "", " 아이디 ", " 아이디는 ", "은 ", " id: ", " 계정 ", " @", " 아이디 @"]),
    st.sampled_from(["{h} 추가해 주세요", "{h}", "{h}로 연락 주세요", "제 {h} 이에요", "{h}, 사진 보낼게요"]),
)
def test_an_account_after_a_messengers_name_is_masked(account, service, label, around):
    text = around.format(h=f"{service}{label}{account}")
    masked = mask_pii(text)
    assert HANDLE in masked.kinds and account not in masked.text, masked.text


@settings(max_examples=200, deadline=None)
@given(ACCOUNT, st.sampled_from(["insta", "instagram", "telegram", "kakao", "line", "트위터"]))
def test_an_account_with_its_at_after_any_service_name_is_masked(account, service):
    masked = mask_pii(f"{service} @{account} 로 연락")
    # "kakao @kim.minsu" also reads as an address (kakao at kim.minsu): masked whole all the same
    assert {HANDLE, EMAIL} & set(masked.kinds) and account not in masked.text, masked.text


# -- a mailbox as its provider and its name; an address typed with spaces ------------------------------
@settings(max_examples=300, deadline=None)
@given(
    st.from_regex(r"[a-z][a-z0-9_.]{2,10}[a-z0-9]", fullmatch=True),
    st.sampled_from(["네이버", "지메일", "다음", "한메일", "naver", "gmail", "daum", "네이트"]),
    st.sampled_from(
        [
            "메일은 {p} {u}",
            "이메일은 {p} {u} 입니다",
            "메일 주소: {p} {u}",
            "{p} 메일 {u} 으로 보내 주세요",
            "{p}메일 {u}",
            "이메일 {p} 아이디 {u}",
        ]
    ),
)
def test_a_mailbox_given_as_its_provider_then_its_name_is_masked(user, provider, shape):
    masked = mask_pii(shape.format(p=provider, u=user))
    assert EMAIL in masked.kinds or HANDLE in masked.kinds, masked.text
    assert user not in masked.text, masked.text


@settings(max_examples=300, deadline=None)
@given(
    st.from_regex(r"[a-z][a-z0-9]{2,9}", fullmatch=True),
    st.sampled_from(["gmail.com", "naver.com", "daum.net", "hanmail.net", "korea.kr", "naver.co.kr"]),
    st.lists(st.sampled_from(["", " ", "  "]), min_size=8, max_size=8),
    st.sampled_from(["메일 {e} 으로 주세요", "{e}", "연락은 {e}"]),
)
def test_an_address_typed_with_spaces_around_its_signs_is_masked_whole(user, domain, spaces, around):
    parts = domain.split(".")
    spaced = parts[0] + "".join(f"{spaces[2 * i]}.{spaces[2 * i + 1]}{p}" for i, p in enumerate(parts[1:]))
    address = f"{user}{spaces[6]}@{spaces[7]}{spaced}"
    masked = mask_pii(around.format(e=address))
    assert EMAIL in masked.kinds, masked.text
    for piece in (user, domain.split(".")[0], domain.split(".")[-1]):
        assert piece not in masked.text.replace("[이메일]", ""), (address, masked.text)


# -- through the app: every public view of a report ------------------------------------------------------
PROBE = {
    "가로등이 나갔어요. 제 번호는 일공일 아니 010에 2345에 6789이요": ["2345", "6789"],
    "가로등이 나갔어요. 010에 3456에 7890로 연락": ["3456", "7890"],
    "가로등이 나갔어요. 공일공에 일이삼사에 오육칠팔": ["일이삼사", "오육칠팔"],
    "가로등이 나갔어요. 번호는 010이고 4567 8901 이에요": ["4567", "8901"],
    "가로등이 나갔어요. 010 천이백삼십사 오천육백칠십팔": ["천이백삼십사", "오천육백칠십팔"],
    "가로등이 나갔어요. 카톡 kimminsu 로 연락": ["kimminsu"],
    "가로등이 나갔어요. 인스타 parkjiyoo": ["parkjiyoo"],
    "가로등이 나갔어요. 텔레그램 @leesoyeon": ["leesoyeon"],
    "가로등이 나갔어요. 메일은 네이버 choimin123": ["choimin123"],
    "가로등이 나갔어요. jungwoo @ gmail . com": ["jungwoo", ". com"],
}


async def test_no_public_view_shows_the_probes_contact_data(client, session_token):
    ids = []
    for text in PROBE:
        answer = await report(client, session_token, text=text)
        assert answer["visibility"] == "public", answer
        ids.append(answer["id"])
    views = [
        await (await client.get("/api/complaints.geojson")).text(),
        await (await client.get("/api/complaints")).text(),
        await (await client.get("/open311/v2/requests.json")).text(),
    ]
    for public_id in ids:
        for path in (
            f"/api/complaints/{public_id}",
            f"/complaints/{public_id}",  # the report's page: status and history
            f"/open311/v2/requests/{public_id}.json",
            f"/open311/v2/requests/{public_id}.xml",
        ):
            response = await client.get(path)
            assert response.status == 200, path
            views.append(await response.text())
    for secrets in PROBE.values():
        for secret in secrets:
            for view in views:
                assert secret not in view, secret
    assert "가로등이 나갔어요" in views[0]  # the prose around it stays
