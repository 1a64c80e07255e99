"""Tables and headings as the readers give them (newcomer trial, 2026-12-01: table rows without
their column headers, finding B; headings glued into the first sentence, finding 16). Files are
written with each format's own library (bench/docwriters.py) and read back through read_document."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from civicbot.ingest import normalise_body, read_document
from civicbot.ingest.formats import join_broken_lines, mark_headings
from civicbot.ingest.tables import looks_like_header, table_lines
from civicbot.knowledge import chunk_document

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from docwriters import write  # noqa: E402

INTRO = "캠핑장 이용 요금과 예약 방법은 아래 표와 같습니다. 예약은 구청 누리집에서 받습니다."
OUTRO = "자세한 내용은 구청 문화체육과에 문의해 주시기 바랍니다."


def read_blocks(tmp_path: Path, fmt: str, blocks: list[tuple[str, str]]):
    path = tmp_path / f"doc.{fmt}"
    write(path, [("h1", "캠핑장 요금 안내"), ("p", INTRO), *blocks, ("p", OUTRO)], "캠핑장 요금 안내")
    return read_document(path, tmp_path)


def table_paragraphs(body: str) -> list[str]:
    """The paragraphs between the intro and the closing paragraph: the table's lines."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", body) if p.strip()]
    return paragraphs[paragraphs.index(INTRO) + 1 : paragraphs.index(OUTRO)]


# -- tables ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["docx", "hwpx", "html", "md"])
def test_each_row_names_its_columns(tmp_path, fmt):
    doc = read_blocks(tmp_path, fmt, [("table", "대상|요금\n만 65세 이상|10,000원\n어린이|5,000원")])
    assert table_paragraphs(doc.body) == [
        "대상: 만 65세 이상, 요금: 10,000원.",
        "대상: 어린이, 요금: 5,000원.",
    ]
    # The chunker keeps a row a sentence of its own, which an answer can quote whole.
    sentences = [s for chunk in chunk_document(doc) for s in chunk.sentences]
    assert "대상: 만 65세 이상, 요금: 10,000원." in sentences


@pytest.mark.parametrize("fmt", ["docx", "hwpx", "html"])
def test_an_unmarked_header_row_of_labels_over_figures_is_a_header(tmp_path, fmt):
    # Word and Hangul tables made without a header mark, and web tables that style a <td> row.
    doc = read_blocks(tmp_path, fmt, [("grid", "구분|평일|주말\n캠핑|30,000원|40,000원\n카라반||90,000원")])
    assert table_paragraphs(doc.body) == [
        "구분: 캠핑, 평일: 30,000원, 주말: 40,000원.",
        "구분: 카라반, 주말: 90,000원.",
    ]


@pytest.mark.parametrize("fmt", ["docx", "hwpx", "html", "md"])
def test_a_table_of_label_value_pairs_keeps_its_rows(tmp_path, fmt):
    doc = read_blocks(tmp_path, fmt, [("grid", "신청 장소|주민센터\n준비물|신분증\n이용 시간|09:00~18:00")])
    assert table_paragraphs(doc.body) == [
        "신청 장소 | 주민센터.",
        "준비물 | 신분증.",
        "이용 시간 | 09:00~18:00.",
    ]


@pytest.mark.parametrize("fmt", ["docx", "hwpx", "html", "md"])
def test_a_one_column_table_is_a_line_per_cell(tmp_path, fmt):
    doc = read_blocks(tmp_path, fmt, [("table", "준비물\n신분증\n주민등록등본")])
    assert table_paragraphs(doc.body) == ["준비물.", "신분증.", "주민등록등본."]


def test_a_web_table_with_header_cells_down_its_side_has_no_header_row():
    from civicbot.ingest.formats import read_html

    page = (
        f"<html><body><article><h1>개관 시간</h1><p>{INTRO}</p><table>"
        "<tr><th>이용 시간</th><td>09:00~18:00</td></tr><tr><th>휴관일</th><td>월요일</td></tr>"
        f"</table><p>{OUTRO}</p></article></body></html>"
    )
    assert table_paragraphs(read_html(page.encode()).body) == ["이용 시간 | 09:00~18:00.", "휴관일 | 월요일."]


def test_a_markdown_cell_may_hold_an_escaped_bar():
    body = normalise_body("| 구분 | 요금 |\n|---|---|\n| 캠핑 \\| 카라반 | 30,000원 |")
    assert [line for line in body.split("\n") if line] == ["구분: 캠핑 | 카라반, 요금: 30,000원."]


def test_a_header_spanning_two_columns_names_both():
    lines = table_lines([["구분", "요금", ""], ["캠핑", "30,000원", "40,000원"]], header=True)
    assert lines == ["구분: 캠핑, 요금: 30,000원, 요금: 40,000원."]


def test_a_caption_row_spanning_the_table_is_a_line_of_its_own():
    grid = [["2024년 이용 요금", "", ""], ["구분", "평일", "주말"], ["캠핑", "30,000원", "40,000원"]]
    assert table_lines(grid, header=True) == [
        "2024년 이용 요금.",
        "구분: 캠핑, 평일: 30,000원, 주말: 40,000원.",
    ]
    corner = [["", "요금"], ["캠핑", "30,000원"]]  # a blank top-left corner is no caption
    assert table_lines(corner, header=True) == ["캠핑, 요금: 30,000원."]


def test_what_looks_like_a_header_row():
    assert looks_like_header([["대상", "요금"], ["만 65세 이상", "10,000원"]])
    assert looks_like_header([["", "평일", "주말"], ["캠핑", "30,000원", "40,000원"]])  # a blank corner
    assert not looks_like_header([["이용 시간", "09:00~18:00"], ["휴관일", "월요일"]])  # a figure: a value
    assert not looks_like_header([["대상", "요금"], ["어린이", "500원"]])  # labels down the side: doubtful
    assert not looks_like_header([["대상"], ["어린이"]])
    assert not looks_like_header([["요금", "요금"], ["1", "2"]])


# Header names and cells in Korean and English; no ", " or ": " (the separators of a row's pairs),
# no sentence-final stop (a row adds its own) and no bar.
WORD = st.text(
    alphabet=st.sampled_from(list("가나다라마바사아자차카타파하구분요금대상평일주말abcdeXYZ")),
    min_size=1,
    max_size=6,
)
NAME = st.lists(WORD, min_size=1, max_size=2).map(" ".join)
FILLED = st.lists(
    st.one_of(
        WORD,
        st.from_regex(r"[1-9][0-9]{0,2}(,000)?원", fullmatch=True),
        st.sampled_from(["만 65세 이상", "09:00~18:00"]),
    ),
    min_size=1,
    max_size=3,
).map(" ".join)
CELL = st.one_of(st.just(""), FILLED)


@st.composite
def tables(draw):
    width = draw(st.integers(1, 5))
    names = draw(st.lists(NAME, min_size=width, max_size=width, unique=True))
    rows = draw(st.lists(st.lists(CELL, min_size=width, max_size=width), min_size=1, max_size=5))
    assume(any(cell for row in rows for cell in row))
    return names, rows


def expected_lines(names: list[str], rows: list[list[str]]) -> list[str]:
    if len(names) == 1:
        return [f"{cell}." for cell in [names[0], *(row[0] for row in rows)] if cell]
    return [
        ", ".join(f"{n}: {c}" for n, c in zip(names, row, strict=True) if c) + "." for row in rows if any(row)
    ]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(table=tables(), fmt=st.sampled_from(["docx", "hwpx", "html", "md"]))
def test_every_cell_is_read_once_beside_its_header(tmp_path, table, fmt):
    names, rows = table
    text = "\n".join("|".join(row) for row in [names, *rows])
    doc = read_blocks(tmp_path, fmt, [("table", text)])
    lines = table_paragraphs(doc.body)
    assert lines == expected_lines(names, rows)
    for line in lines:
        assert "|" not in line and "---" not in line
    if len(names) > 1:  # each pair read back: every non-empty cell once, next to its own header
        for line, row in zip(lines, [r for r in rows if any(r)], strict=True):
            pairs = [pair.split(": ", 1) for pair in line[:-1].split(", ")]
            assert pairs == [[n, c] for n, c in zip(names, row, strict=True) if c]


# -- headings --------------------------------------------------------------------------------------
def test_a_pdf_heading_is_a_section_not_the_start_of_its_first_sentence(tmp_path):
    path = tmp_path / "경로우대.pdf"
    write(
        path,
        [
            ("h1", "어르신 교통카드 안내"),
            ("p", "서울에 사는 만 65세 이상 어르신은 지하철을 무료로 탈 수 있습니다."),
            ("h2", "신청 방법"),
            ("p", "가까운 주민센터에 신분증을 가지고 방문해 신청서를 내면 됩니다."),
            ("h2", "1. 지원 대상"),
            ("p", "서울에 주민등록이 된 만 65세 이상 어르신입니다."),
        ],
        "어르신 교통카드 안내",
    )
    doc = read_document(path, tmp_path)
    assert (
        "## 신청 방법\n\n가까운 주민센터에" in doc.body and "## 1. 지원 대상\n\n서울에 주민등록이" in doc.body
    )
    chunks = {chunk.section: chunk for chunk in chunk_document(doc)}
    assert chunks["신청 방법"].sentences[0].startswith("가까운 주민센터에")
    assert chunks["1. 지원 대상"].sentences[0].startswith("서울에 주민등록이")


def test_a_pdf_without_a_title_takes_its_first_heading(tmp_path):
    path = tmp_path / "notice.pdf"
    write(
        path,
        [
            ("h1", "민방위 대피소 안내"),
            ("p", "대피소 위치는 행정안전부 안전디딤돌 앱에서 확인할 수 있습니다."),
        ],
    )
    doc = read_document(path, tmp_path)
    assert doc.title == "민방위 대피소 안내" and doc.body.startswith("# 민방위 대피소 안내\n\n대피소 위치는")


def test_text_headings_numbered_or_marked_and_lists_that_are_not():
    text = (
        "1. 지원 대상\n서울에 사는 만 65세 이상 어르신이 받을 수 있습니다.\n\n"
        "가. 신청 방법\n주민센터에 방문해 신청서를 내면 됩니다.\n\n"
        "□ 준비물\n1. 신분증\n2. 주민등록등본\n3. 통장 사본\n준비물은 모두 원본이어야 합니다.\n\n"
        "문의: 복지정책과\n전화 상담은 평일 오전 9시부터 오후 6시까지 받습니다.\n\n"
        "버스 노선은\n아래와 같이 바뀌었습니다."
    )
    marked = mark_headings(text)
    headings = [line for line in marked.split("\n") if line.startswith("## ")]
    assert headings == ["## 1. 지원 대상", "## 가. 신청 방법", "## □ 준비물"]
    assert "1. 신분증\n2. 주민등록등본\n3. 통장 사본" in marked  # a list, not headings
    assert "문의: 복지정책과\n" in marked  # a label and its value is a fact an answer may quote
    assert "버스 노선은\n아래와" in marked  # ends in a particle: the sentence goes on


def test_line_breaks_inside_words_are_still_repaired_beside_headings():
    glued = "신청방법\n대피소위치는행정안\n전부앱에서확인합니다."
    assert join_broken_lines(glued) == ["## 신청방법", "대피소위치는행정안전부앱에서확인합니다."]
    spaced = "수강 안내\n수강료는 무료부터 5만 원까지 있\n습니다.\n신청은 가까운 동\n주민센터에서 받습니다."
    assert join_broken_lines(spaced) == [
        "## 수강 안내",
        "수강료는 무료부터 5만 원까지 있습니다.",
        "신청은 가까운 동 주민센터에서 받습니다.",
    ]


def test_a_heading_at_the_foot_of_a_page_stands_above_the_next_pages_first_line():
    page = "구청은 주민에게 필요한 여러 가지 복지 서비스를 제공하고 있습니다.\n신청 방법"
    assert join_broken_lines(page, next_page="가까운 주민센터에 신분증을 가지고 방문하면 됩니다.") == [
        "구청은 주민에게 필요한 여러 가지 복지 서비스를 제공하고 있습니다.",
        "## 신청 방법",
    ]


HEADING_WORDS = [
    "신청",
    "방법",
    "지원",
    "대상",
    "이용",
    "요금",
    "안내",
    "문의",
    "준비물",
    "Opening",
    "hours",
    "Fees",
]
BODY_WORDS = [
    "주민센터에",
    "신분증을",
    "가지고",
    "방문하면",
    "누구나",
    "평일",
    "오전에",
    "구청",
    "누리집에서",
    "바로",
    "신청서를",
]
MARKS = ["", "", "1. ", "가. ", "□ ", "(2) "]


@st.composite
def sections(draw):
    heading = draw(st.sampled_from(MARKS)) + " ".join(
        draw(st.lists(st.sampled_from(HEADING_WORDS), min_size=1, max_size=3, unique=True))
    )
    sentences = draw(
        st.lists(st.lists(st.sampled_from(BODY_WORDS), min_size=4, max_size=6), min_size=1, max_size=2)
    )
    body = " ".join(" ".join(words) + " 받을 수 있습니다." for words in sentences)
    return heading, body


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(section=sections(), fmt=st.sampled_from(["txt", "txt-blank", "pdf"]))
def test_a_heading_over_its_body_opens_a_section_and_the_body_keeps_every_word(tmp_path, section, fmt):
    heading, body = section
    title, intro = "주민 안내", "이 안내는 구청이 주민에게 알리는 내용을 담고 있습니다."
    if fmt == "pdf":
        # One line of the page: a body wrapped inside a word is the spacing model's call
        # (test_ingest.py), and it may read "주민|센터에" as "주민 센터에", as it did before.
        assume(len(body) <= 40)
        path = tmp_path / "doc.pdf"
        write(path, [("h1", title), ("p", intro), ("h2", heading), ("p", body)], title)
    else:
        path = tmp_path / "doc.txt"
        gap = "\n\n" if fmt == "txt-blank" else "\n"
        path.write_text(f"{title}\n\n{intro}\n\n{heading}{gap}{body}\n", encoding="utf-8")
    doc = read_document(path, tmp_path)
    chunks = [chunk for chunk in chunk_document(doc) if chunk.section == heading]
    assert chunks, doc.body
    assert not chunks[0].sentences[0].startswith(heading)  # the heading opens no sentence
    assert " ".join(chunk.text for chunk in chunks).split() == body.split()  # no word lost or split


# -- through the real engine -----------------------------------------------------------------------
@pytest.mark.usefixtures("built_index")
async def test_an_answer_quotes_a_row_with_its_headers_and_a_sentence_without_its_heading(
    make_city, tmp_path
):
    from civicbot import keys
    from civicbot.dialogue import Incoming

    folder = tmp_path / "folder"
    write(
        folder / "문화" / "camping.docx",
        [
            ("h1", "한강 캠핑장 이용 요금"),
            ("p", "한강 캠핑장의 하룻밤 이용 요금은 이용하는 사람의 나이에 따라 아래와 같이 다릅니다."),
            ("grid", "대상|요금\n만 65세 이상|10,000원\n일반|30,000원"),
        ],
        "한강 캠핑장 이용 요금",
    )
    (folder / "복지").mkdir()
    (folder / "복지" / "교통카드.txt").write_text(
        "어르신 교통카드 안내\n\n서울에 사는 만 65세 이상 어르신은 지하철을 무료로 탈 수 있습니다.\n\n"
        "발급 방법\n가까운 주민센터에 신분증을 가지고 방문하면 교통카드를 바로 발급해 줍니다.\n",
        encoding="utf-8",
    )
    client = await make_city(folder)
    engine = client.app[keys.ENGINE].engine

    async def say(text: str):
        return await engine.dialogue.handle(Incoming(channel="cli", conversation_id="c1", text=text))

    reply = await say("만 65세 이상은 캠핑장 요금이 얼마예요?")
    assert reply.sources and reply.sources[0].doc_id == "문화/camping.docx"
    assert "대상: 만 65세 이상, 요금: 10,000원." in reply.text
    reply = await say("어르신 교통카드는 어떻게 발급받나요?")
    assert reply.sources and reply.sources[0].doc_id == "복지/교통카드.txt"
    assert "가까운 주민센터에 신분증을 가지고 방문하면" in reply.text
    assert "발급 방법 가까운" not in reply.text
