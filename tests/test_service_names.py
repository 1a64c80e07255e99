"""The catalogue of named services (civicbot.service_names): its shape, and the rules that keep the
"no document about that" check from refusing a right answer (no generic words, no form on two lines,
no 2-syllable form that squashed text makes out of two words)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from civicbot import service_names as module
from civicbot.service_names import _parse_line, areas, service_names

ROOT = Path(__file__).resolve().parent.parent
HANGUL_SYLLABLE = re.compile(r"[\uac00-\ud7a3]")

# Words too generic to name one thing: a page about something else has them too.
GENERIC = {
    "신청",
    "지원",
    "서비스",
    "센터",
    "상담",
    "안내",
    "프로그램",
    "교육",
    "시설",
    "비용",
    "요금",
    "할인",
    "무료",
    "서울",
    "서울시",
    "시민",
    "주민",
    "가구",
    "청년",
    "어르신",
    "노인",
    "장애인",
    "아동",
    "여성",
    "택시",
    "버스",
    "지하철",
    "가스",
    "과태료",
    "주차",
    "주차장",
    "보험",
    "예약",
    "접수",
    "발급",
    "등록",
    "신고",
    "민원",
    "복지",
    "공원",
    "축제",
    "행사",
    "체험",
    "이용",
    "감면",
    "환급",
    "대출",
    "일자리",
    "공공",
    "정책",
    "사업",
    "접종",
    "백신",
    "검진",
    "예방접종",
    "병원",
    "진료",
    "바우처",
    "이용권",
    "주민센터",
    "구청",
    "시청",
    "선거",
    "투표",
}

# Common phrases of questions, spaces squashed as the check squashes them: no form may hide inside.
SQUASHED_PHRASES = [
    "까지 진행돼요",
    "꼭 필요가 있나요",
    "전화 재발급",
    "위해 고민 중이에요",
    "신분증 등 본인 확인",
    "소비자 보호",
    "필요한 전화번호",
    "일정 전에 알려주세요",
    "교육 교재",
    "장소 음식 반입",
    "규모 기준",
    "준비 만 하면",
    "지난 임대료",
    "한국인과 외국인",
    "학교 복지",
    "시민 박람회",
    "이하 천원",
    "경우 편하게",
    "사전 입장",
    "본인 감면",
    "이용자 활동",
    "세대 관련",
    "지금 연락",
    "학습지",
    "우선 거주자",
    "신청원서",
    "교환 전",
    "지난 민원",
    "검사증명서",
    "문제 설명",
    "번호 우선",
    "관리 비용",
    "동아리 활동 지원",
    "최초 본인",
    "안내 진행",
    "공원 등 산책로",
    "가게 개장 시간",
    "필요한 의약품",
    "입학 전 입학식",
    "공연 등 축제",
    "심한 파손",
    "여성 병원",
    "미취학 아동",
    "사고 후 견인",
    "가족 구성원",
    "한국어 반드시",
    "해야 구매",
    "건축 구조",
    "다양한 복지",
    "시기부터",
]

FORBIDDEN_IMPORTS = ("aiohttp", "telegram", "fastapi", "flask", "django", "starlette", "civicbot.web")


def _all_lines():
    return service_names()


def test_the_catalogue_is_a_non_empty_tuple_of_korean_and_english_forms():
    lines = _all_lines()
    assert isinstance(lines, tuple) and 700 <= len(lines) <= 1000
    for korean, english in lines:
        assert isinstance(korean, tuple) and korean and all(isinstance(f, str) and f for f in korean)
        assert isinstance(english, tuple) and all(isinstance(f, str) and f for f in english)
    assert service_names() is lines  # parsed once


def test_every_korean_form_is_one_squashed_word_of_at_least_two_syllables():
    for korean, _ in _all_lines():
        for form in korean:
            assert not re.search(r"\s", form), form
            assert len(HANGUL_SYLLABLE.findall(form)) >= 2, form
            assert "|" not in form and ";" not in form, form


def test_no_korean_form_is_a_generic_word():
    offenders = [form for korean, _ in _all_lines() for form in korean if form in GENERIC]
    assert offenders == []


def test_no_form_is_on_two_lines():
    seen: dict[str, int] = {}
    repeated = []
    for number, (korean, english) in enumerate(_all_lines()):
        for form in {*korean, *(f"en:{e}" for e in english)}:
            if form in seen and seen[form] != number:
                repeated.append(form)
            seen.setdefault(form, number)
    assert repeated == []


def test_english_forms_are_lower_case_and_tidy():
    for _, english in _all_lines():
        for form in english:
            assert form == form.lower() == form.strip(), form
            assert "  " not in form and not HANGUL_SYLLABLE.search(form), form


def test_no_form_hides_inside_a_common_squashed_phrase():
    """A short form read across a word boundary (까지 진행 -> 지진) would flag a question about anything."""
    squashed = [phrase.replace(" ", "") for phrase in SQUASHED_PHRASES]
    hidden = [
        (form, phrase)
        for korean, _ in _all_lines()
        for form in korean
        for phrase in squashed
        if form in phrase
    ]
    assert hidden == []


def test_an_english_form_inside_another_lines_form_is_covered_by_that_lines_korean():
    """ "dementia centre" holds "dementia": fine, since 치매안심센터 holds 치매. "table tennis" must not
    flag the tennis-court line, whose Korean forms a table-tennis page never has; nor "emergency alert
    for seniors" the emergency-alert line."""
    lines = _all_lines()
    problems = []
    for number, (korean, english) in enumerate(lines):
        for word in english:
            for other, (other_korean, other_english) in enumerate(lines):
                if other == number:
                    continue
                holds = any(re.search(rf"\b{re.escape(word)}\b", form) for form in other_english)
                if holds and not any(k in o for k in korean for o in other_korean):
                    problems.append((word, other_english[0]))
    assert problems == []


def test_the_example_questions_each_meet_a_line():
    """The questions the catalogue was written for each contain a form, squashed as the check does."""

    def lines_met(question: str) -> list[tuple[str, ...]]:
        squashed = question.replace(" ", "").lower()
        return [
            korean
            for korean, english in _all_lines()
            if any(form in squashed for form in korean) or any(form in question.lower() for form in english)
        ]

    for question in [
        "장애인 콜택시 부르는법",
        "도시가스 요금 감면",
        "어린이집 입소대기 신청",
        "테니스장 예약",
        "How do I book the City Tour Bus?",
        "여권 재발급 어떻게 해요",
        "독감 예방접종 어디서",
    ]:
        assert lines_met(question), question
    gas = lines_met("도시가스 요금 감면")
    water = lines_met("수도요금 감면")
    assert not set(gas) & set(water)  # the gas question is not answered by the water-bill page's forms


def test_every_area_has_lines_and_the_areas_add_up():
    counts = areas()
    assert len(counts) >= 15 and all(n > 0 for n in counts.values())
    assert sum(counts.values()) == len(_all_lines())


FORM = st.text(alphabet=st.integers(0xAC00, 0xD7A3).map(chr), min_size=2, max_size=8)
ENGLISH = st.from_regex(r"[a-z]{2,8}( [a-z]{2,8}){0,2}", fullmatch=True)


@given(st.lists(FORM, min_size=1, max_size=6), st.lists(ENGLISH, max_size=4))
def test_a_line_parses_back_to_its_forms(korean, english):
    line = " ".join(korean) + " | " + "; ".join(english)
    assert _parse_line(1, line) == (tuple(korean), tuple(english))


@pytest.mark.parametrize("line", ["| city gas", "   |", ""])
def test_a_line_without_a_korean_form_names_its_number(line):
    with pytest.raises(ValueError, match="line 7"):
        _parse_line(7, line)


def test_the_module_imports_no_web_framework_or_channel():
    tree = ast.parse(Path(module.__file__).read_text())
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            imported.add(node.module or "")
    assert imported == {"__future__", "functools"}
    assert not [name for name in imported if name.startswith(FORBIDDEN_IMPORTS)]
