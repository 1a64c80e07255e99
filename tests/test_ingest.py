"""Ingestion of the formats cities really have, from real sample files (tests/data/make_samples.py)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from civicbot.content import ContentFileError
from civicbot.ingest import detect_document_language, discover, format_summary, load_documents, read_document
from civicbot.ingest.formats import (
    breaks_word,
    join_broken_lines,
    read_html,
    restore_spacing,
    spacing_ratio,
    unescape_markdown,
)

SAMPLES = Path(__file__).resolve().parent / "data" / "samples"


@pytest.fixture(scope="module")
def documents():
    docs, errors = load_documents(SAMPLES)
    return {d.doc_id: d for d in docs}, [str(e) for e in errors]


def test_every_sample_folder_is_read_recursively_with_its_department(documents):
    docs, _ = documents
    assert set(docs) == {
        "cp949.txt", "notice.txt", "교통/bike-plain.md", "교통/bike.docx", "안전/shelter.pdf",
        "안전/shelter-spaced.pdf", "환경/large-waste.html", "환경/large-waste.hwpx",
    }  # fmt: skip
    assert docs["교통/bike.docx"].department == "교통"
    assert docs["notice.txt"].department == ""
    assert all(d.language == "ko" for d in docs.values())


def test_markdown_without_front_matter_takes_its_title_from_the_first_heading(documents):
    doc = documents[0]["교통/bike-plain.md"]
    assert doc.title == "따릉이 대여 안내"
    assert doc.updated  # from the file's modification time
    assert "1,000원" in doc.body


def test_plain_text_in_utf8_or_cp949(documents):
    docs, _ = documents
    assert docs["notice.txt"].title == "주민센터 휴무 안내"
    assert docs["cp949.txt"].title == "쓰레기 배출 시간"
    assert "자정까지" in docs["cp949.txt"].body


def test_word_keeps_headings_tables_and_its_own_date(documents):
    doc = documents[0]["교통/bike.docx"]
    assert doc.title == "따릉이 대여 안내"
    assert "## 빌리는 방법" in doc.body
    assert "이용권: 2시간, 요금: 2,000원." in doc.body  # the table's header names each cell
    assert doc.updated == "2024-03-01"


def test_hwpx_paragraphs_and_title(documents):
    doc = documents[0]["환경/large-waste.hwpx"]
    assert doc.title == "대형폐기물 배출 방법"
    assert doc.body.startswith("# 대형폐기물 배출 방법")
    assert "소파 3인용의 수수료는 8,000원입니다." in doc.body


def test_web_page_keeps_the_article_not_the_navigation_or_footer(documents):
    doc = documents[0]["환경/large-waste.html"]
    assert doc.title == "대형폐기물 배출 방법"
    assert "구청 누리집에서 배출 신고" in doc.body
    for chrome in ("사이트맵", "로그인", "Copyright", "개인정보처리방침"):
        assert chrome not in doc.body


def test_pdf_that_lost_its_word_spacing_is_made_readable(documents):
    spaced = documents[0]["안전/shelter-spaced.pdf"]
    glued = documents[0]["안전/shelter.pdf"]
    assert "대피소 위치는 행정안전부 안전디딤돌 앱에서 확인할 수 있습니다." in spaced.body
    # The glued export reads "대피소위치는행정안전부안전디딤돌앱에서…" before Kiwi's spacing model.
    assert "대피소 위치는" in glued.body and "확인할 수 있습니다." in glued.body
    assert spacing_ratio(glued.body) > 0.2
    assert glued.title == "민방위 대피소 안내"


def test_line_breaks_mid_word_are_joined_in_glued_text():
    assert join_broken_lines("대피소위치는행정안\n전부앱에서확인합니다.") == [
        "대피소위치는행정안전부앱에서확인합니다."
    ]
    assert join_broken_lines("버스 노선은\n아래와 같습니다.") == ["버스 노선은 아래와 같습니다."]


def test_unsupported_and_broken_files_are_reported_as_path_and_reason(documents, tmp_path):
    _, errors = documents
    assert errors == [
        "old-form.hwp:1: HWP (binary) is not supported: save it as HWPX or PDF from Hangul "
        "(파일 > 다른 이름으로 저장)"
    ]
    for name, data in [("a.pdf", b"%PDF-1.4 broken"), ("b.docx", b"PK not a zip"), ("c.hwpx", b"zip?")]:
        (tmp_path / name).write_bytes(data)
        with pytest.raises(ContentFileError) as caught:
            read_document(tmp_path / name, tmp_path)
        assert str(caught.value).startswith(f"{name}:1: ")


def test_per_format_summary_counts_read_and_skipped(tmp_path):
    shutil.copytree(SAMPLES, tmp_path / "k")
    (tmp_path / "k" / "broken.pdf").write_bytes(b"%PDF nope")
    docs, errors = load_documents(tmp_path / "k")
    summary = format_summary(docs, errors)
    assert summary["pdf"] == (2, 1) and summary["hwp"] == (0, 1) and summary["docx"] == (1, 0)


def test_extraction_is_cached_by_content_hash(tmp_path):
    cache = tmp_path / "cache"
    first = read_document(SAMPLES / "안전" / "shelter.pdf", SAMPLES, cache_dir=cache)
    assert len(list(cache.glob("*.json"))) == 1
    again = read_document(SAMPLES / "안전" / "shelter.pdf", SAMPLES, cache_dir=cache)
    assert again == first


def test_hidden_files_and_readmes_are_not_documents(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.md").write_text("# x\n\ny", encoding="utf-8")
    (tmp_path / "README.md").write_text("# readme\n\ny", encoding="utf-8")
    (tmp_path / "a.md").write_text("# a\n\nb", encoding="utf-8")
    assert [p.name for p in discover(tmp_path)] == ["a.md"]


def test_language_is_detected_from_the_text():
    assert detect_document_language("에스넷(S-Net)은 서울시의 자가통신망입니다.") == "ko"
    assert detect_document_language("S-Net is Seoul's own network (에스넷).") == "en"


def test_a_web_page_without_text_is_unreadable():
    from civicbot.ingest.formats import UnreadableFile

    with pytest.raises(UnreadableFile):
        read_html(b"<html><head><title>x</title></head><body><script>x()</script></body></html>")


@settings(deadline=None, max_examples=60)  # a shared CPU makes single reads slow now and then
@given(st.binary(max_size=400), st.sampled_from([".pdf", ".docx", ".hwpx", ".html", ".txt", ".md"]))
def test_any_bytes_are_read_or_reported_never_raised(tmp_path_factory, data, suffix):
    directory = tmp_path_factory.mktemp("junk")
    (directory / f"x{suffix}").write_bytes(data)
    docs, errors = load_documents(directory)
    assert len(docs) + len(errors) == 1


# -- the seventh Q&A pass: text as city files really come out of their readers ---------------------
PAGE_WITH_MARKUP = """<!DOCTYPE html><html lang="ko"><head><meta charset="utf-8"><title>거주자우선주차</title></head>
<body><nav><a href="/">홈</a></nav><main><article><h1>거주자우선주차</h1>
<p>주간(오전 9시~오후 7시) 요금은 한 달에 4만 원 안팎이고, 야간*은 따로 정합니다 [1].</p>
<p>배정받은 사람이 쓰지 않는 낮 시간에 구획을 이웃과 나눠 쓰면 요금을 감면받습니다.</p>
</article></main><footer>Copyright</footer></body></html>"""


def test_a_web_page_is_read_without_markdowns_backslash_escapes():
    # trafilatura writes Markdown, which escapes "~", "*" and "[": citizens would read "9시\~오후".
    body = read_html(PAGE_WITH_MARKUP.encode()).body
    assert "오전 9시~오후 7시" in body and "야간*은" in body and "[1]" in body
    assert "\\" not in body


@given(st.text(alphabet=st.characters(blacklist_characters="\\", blacklist_categories=("Cs",)), max_size=40))
def test_unescaping_undoes_every_commonmark_escape(text):
    escaped = re.sub(r"([!-/:-@\[-`{-~])", r"\\\1", text)
    assert unescape_markdown(escaped) == text
    assert unescape_markdown(text) == text  # text without escapes is left alone


def test_a_line_break_inside_a_word_is_joined_in_spaced_text_too():
    # A PDF with its word spacing intact still breaks lines mid-word ("있" / "습니다"): Kiwi's
    # spacing model tells a break inside a word from one between words.
    assert join_broken_lines("수강료는 무료부터 5만 원까지 있\n습니다.") == [
        "수강료는 무료부터 5만 원까지 있습니다."
    ]
    assert join_broken_lines("신청은 가까운 동\n주민센터에서 받습니다.") == [
        "신청은 가까운 동 주민센터에서 받습니다."
    ]
    assert breaks_word("서부, 중부, 남", "부, 북부") and not breaks_word("구청에서", "신청합니다.")


@settings(max_examples=30, deadline=None)
@given(st.integers(1, 9999), st.sampled_from(["학년", "월", "개", "명", "시간", "세", "만원"]))
def test_restored_spacing_keeps_a_figure_against_its_counter(n, counter):
    # The spacing model splits "4학년" into "4 학년" and "1만원" into "1 만 원"; pages write 4학년, 1만 원.
    restored = restore_spacing(f"수수료는{n}{counter}입니다.신청은동주민센터에서합니다.")
    assert f"{n}{counter[0]}" in restored
    assert spacing_ratio(restored) >= 0.15
