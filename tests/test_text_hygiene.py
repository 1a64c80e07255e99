"""The one text-hygiene step (civicbot.text.clean) and the moderation word checks, as pure functions.

Entry points are tested through the real app in tests/test_moderation.py; this file pins the
function's own contract for every possible string."""

from __future__ import annotations

import re
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from civicbot.content import ContentFileError
from civicbot.moderation import moderator_for
from civicbot.text import VISIBLE_PATTERN, clean, normalise, xml_safe

ROOT = Path(__file__).resolve().parent.parent
_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\r]"
)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.characters(codec=None)))
def test_clean_leaves_nothing_xml_forbids_and_is_idempotent(text: str) -> None:
    out = clean(text)
    assert not _FORBIDDEN.search(out)
    assert clean(out) == out
    assert unicodedata.is_normalized("NFC", out)
    ET.fromstring(f"<a>{out.replace('&', '&amp;').replace('<', '&lt;')}</a>")  # a real parser accepts it


# Invisible and white-space characters, mixed with everything else, so the draw often has none visible.
_QUIET = st.sampled_from(
    "\x00\x07\x7f\x85\x9f\u00ad\u061c\u180e\u200b\u200e\u2028\u2060\u202e\u2066\u3000\ufeff\t\n\r "
)


@settings(max_examples=500, deadline=None)
@given(
    st.text(
        alphabet=st.one_of(_QUIET, st.characters(exclude_categories=["Cs"], exclude_characters="\x1b")),
        max_size=6,
    )
)
def test_the_documents_text_pattern_accepts_exactly_what_normalise_keeps(text: str) -> None:
    """The OpenAPI documents' text pattern: a text it accepts is never refused as empty_text (the
    fresh-clone run at 6f5c633 sent {"text": "\\u0000"}, schema-valid under the old
    pattern, one non-space).
    ESC is left out of the draw: ``clean`` drops an ANSI escape sequence whole, which no pattern models."""
    assert bool(re.search(VISIBLE_PATTERN, text)) == bool(normalise(text))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec=None)))
def test_xml_safe_is_enough_for_a_parser(text: str) -> None:
    safe = xml_safe(text).replace("&", "&amp;").replace("<", "&lt;")
    ET.fromstring(f"<a>{safe}</a>")


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [
        (unicodedata.normalize("NFD", "래미안아파트 101동"), "래미안아파트 101동"),
        ("０１０-１２３４-５６７８", "010-1234-5678"),
        ("kim＠example．com", "kim@example.com"),
        ("0\u200b10\u200d-\u20601234", "010-1234"),
        ("\u202eevil\u202c", "evil"),
        ("a\x0bb\x08c\x00d", "abcd"),
        ("\x1b[31mred\x1b[0m text", "red text"),
        ("line one\r\nline two\rthree", "line one\nline two\nthree"),
        ("tab\tkept\nnewline kept", "tab\tkept\nnewline kept"),
        ("㎞ ㈜ ㅡ 3호선", "㎞ ㈜ ㅡ 3호선"),  # compatibility characters that mean something stay
        ("plain ascii", "plain ascii"),
    ],
)
def test_clean_examples(raw: str, cleaned: str) -> None:
    assert clean(raw) == cleaned


def test_normalise_is_clean_on_one_line() -> None:
    assert normalise(" a\u200b b\n\tc\x0b ") == "a b c"


MODERATOR = moderator_for(ROOT / "services")
HELD = [
    ("302호 사는 김철수 씨가 … 이 사람 진짜 쓰레기 같은 인간입니다", {"name", "abuse"}),
    ("홍길동이라는 사람이 매일 쓰레기를 버려요", {"name"}),
    ("관리소장 박영희님이 답을 안 해요", {"name"}),
    ("Mr. Smith parks on the pavement", {"name"}),
    ("씨발 진짜 너무하네", {"abuse"}),
    ("씨 발 진짜", {"abuse"}),
    ("씨1발", {"abuse"}),
    ("쓰레기같은인간들", {"abuse"}),
    ("this is fucking ridiculous", {"abuse"}),
]
PUBLISHED = [
    "도로에 쓰레기가 많아요",
    "시발점에서 버스가 안 와요",
    "서울시 발표에 따르면",
    "2시 발표",
    "택시 기사님이 친절했어요",
    "선생님과 학생들이 다녀요",
    "마음씨 좋은 이웃",
    "불이 꺼져 있어요",
    "고양이 새끼들이 울어요",
    "주민분들이 불편해요",
    "시바견 산책로",
]


@pytest.mark.parametrize(("text", "reasons"), HELD)
def test_names_and_abuse_are_held(text: str, reasons: set[str]) -> None:
    assert set(MODERATOR.reasons(text)) == reasons


@pytest.mark.parametrize("text", PUBLISHED)
def test_ordinary_reports_are_published(text: str) -> None:
    assert MODERATOR.reasons(text) == ()


def test_pre_moderation_holds_everything() -> None:
    assert moderator_for(ROOT / "services", "pre").reasons("가로등이 나갔어요") == ("pre",)
    with pytest.raises(ValueError):
        moderator_for(ROOT / "services", "later")


def test_a_bad_word_list_is_reported_with_its_line(tmp_path: Path) -> None:
    (tmp_path / "moderation.yaml").write_text("abusive:\n  - 욕\nallowed: 시발점\n", encoding="utf-8")
    with pytest.raises(ContentFileError, match=r"moderation.yaml:3: 'allowed' must be a list"):
        moderator_for(tmp_path)
    assert moderator_for(tmp_path / "missing").reasons("씨발") == ()  # no list: names only
