"""Masking personal data in reports: Korean examples that must be masked, and near-misses that must not."""

from __future__ import annotations

import pytest

from civicbot.privacy import contact_details, find_pii, has_rrn, mask_pii, strip_rrn

# (text, kind that must be found, the exact span that must disappear)
MUST_MASK = [
    # resident registration numbers (and foreigner registration numbers): format only, no checksum
    ("제 주민번호는 900101-1234567 이에요", "rrn", "900101-1234567"),
    ("주민등록번호 9001011234567", "rrn", "9001011234567"),
    ("851231 - 2345678 로 조회해 주세요", "rrn", "851231 - 2345678"),
    ("외국인등록번호 010203-5123456", "rrn", "010203-5123456"),
    ("앞자리만 적으면 900101-1****** 입니다", "rrn", "900101-1******"),
    # a real number issued after 2020 fails the old checksum: it must still be caught
    ("201015-3987654 입니다", "rrn", "201015-3987654"),
    # phone numbers
    ("연락처 010-1234-5678 로 주세요", "phone", "010-1234-5678"),
    ("01012345678 으로 문자 주세요", "phone", "01012345678"),
    ("010 1234 5678", "phone", "010 1234 5678"),
    ("011-123-4567 옛날 번호", "phone", "011-123-4567"),
    ("집 전화 02-123-4567", "phone", "02-123-4567"),
    ("(02) 1234-5678 로 연락 주세요", "phone", "(02) 1234-5678"),
    ("031-987-6543 경기도", "phone", "031-987-6543"),
    ("인터넷전화 070-1234-5678", "phone", "070-1234-5678"),
    ("call me at +82 10-1234-5678", "phone", "+82 10-1234-5678"),
    ("+82-2-123-4567", "phone", "+82-2-123-4567"),
    ("010.1234.5678", "phone", "010.1234.5678"),
    # e-mail
    ("메일은 kim.minsu@example.co.kr 이에요", "email", "kim.minsu@example.co.kr"),
    ("write to jane_doe+city@gmail.com please", "email", "jane_doe+city@gmail.com"),
    # car plates
    ("12가3456 차량이 소화전 앞에 있어요", "plate", "12가3456"),
    ("123가4567 이 인도에 주차", "plate", "123가4567"),
    ("서울12가3456 택시", "plate", "서울12가3456"),
    ("서울 12 가 3456", "plate", "서울 12 가 3456"),
    ("경기 34나 5678 트럭이 계속 서 있어요", "plate", "경기 34나 5678"),
    ("렌터카 45하 1234", "plate", "45하 1234"),
    ("12가 3456번 차", "plate", "12가 3456"),
    # detailed addresses: the unit, the lot, the building number go; the street name stays
    ("101동 1203호 앞 복도", "address", "101동 1203호"),
    ("101동1203호", "address", "101동1203호"),
    ("저희 집은 1203호예요", "address", "1203호"),
    ("역삼동 123-45번지 앞", "address", "123-45번지"),
    ("123번지 골목", "address", "123번지"),
    ("역삼동 737-32 앞 도로", "address", "737-32"),
    ("테헤란로 123 앞 인도", "address", "123"),
    ("세종대로 110 근처", "address", "110"),
    ("월드컵북로4길 77-1 앞", "address", "77-1"),
    ("도산대로45길 12 건물 앞", "address", "12"),
    ("종로3가 12-3 골목", "address", "12-3"),
    ("I live in Apt 1203 on that street", "address", "Apt 1203"),
]

# Things that look like numbers of people or places but are not personal data.
MUST_KEEP = [
    "2019-12-31에 개통했어요",
    "2019.12.31 기준",
    "12월 31일 오후 3시 30분",
    "2019년부터 시작했어요",
    "예산 10,000원",
    "1,234,567원이 들었대요",
    "5G 기지국이 있어요",
    "1.7km 구간",
    "120 다산콜센터에 전화했어요",
    "서울 밖에서는 02-120",
    "지하철 3호선 역 앞",
    "1호점 옆 골목",
    "버스 7016번",
    "예산 12조3456억 원",
    "38.5% 늘었어요",
    "4,237개 설치",
    "20층 건물",
    "테헤란로에서 강남역 방향",
    "올림픽로 300m 지점",
    "강남대로10길 입구",
    "을지로3가역 앞",
    "역삼1동 주민센터",
    "우편번호 04524",
    "23:30쯤",
    "S-Net 서비스",
    "대표번호 1588-1234",
    "2023-04-05 10:00",
    "CCTV 3대",
]


@pytest.mark.parametrize(("text", "kind", "span"), MUST_MASK)
def test_personal_data_is_masked(text: str, kind: str, span: str) -> None:
    masked = mask_pii(text)
    assert kind in masked.kinds, f"{kind} not found in {text!r}: {find_pii(text)}"
    assert span not in masked.text
    # Nothing of the span's digits survives in the public text.
    digits = "".join(ch for ch in span if ch.isdigit())
    if digits:
        assert digits not in "".join(ch for ch in masked.text if ch.isdigit())


@pytest.mark.parametrize("text", MUST_KEEP)
def test_near_misses_are_kept(text: str) -> None:
    masked = mask_pii(text)
    assert masked.text == text, f"{text!r} was changed to {masked.text!r} ({find_pii(text)})"
    assert masked.kinds == ()


def test_street_and_district_names_stay_readable() -> None:
    masked = mask_pii("강남구 테헤란로 123 앞에 12가3456 차량이 불법주차, 연락은 010-9876-5432")
    assert masked.text == "강남구 테헤란로 [상세주소] 앞에 [차량번호] 차량이 불법주차, 연락은 [전화번호]"
    assert set(masked.kinds) == {"address", "plate", "phone"}


def test_labels_follow_the_language() -> None:
    assert mask_pii("call 010-1234-5678", "en").text == "call [phone]"
    assert mask_pii("전화 010-1234-5678", "ko").text == "전화 [전화번호]"


def test_registration_numbers_are_removed_even_from_the_private_text() -> None:
    text = "900101-1234567 제 번호고 연락처는 010-1234-5678, 차는 12가3456"
    kept = strip_rrn(text)
    assert "900101" not in kept and "1234567" not in kept
    assert "010-1234-5678" in kept and "12가3456" in kept  # officials may need these
    assert has_rrn(text) and not has_rrn(kept)


def test_contact_details_are_collected_for_officials() -> None:
    found = contact_details("연락 주세요 010-1234-5678 / kim@example.com")
    assert found == {"phone": ["010-1234-5678"], "email": ["kim@example.com"]}


def test_masking_never_overlaps_and_keeps_the_rest() -> None:
    text = "A 101동 1203호 B 010-1234-5678 C"
    masked = mask_pii(text)
    assert masked.text == "A [상세주소] B [전화번호] C"
