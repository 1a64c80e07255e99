"""A city IT staff member's folder, nineteenth pass: what offices really hold, made by the formats'
own libraries (fpdf2, python-docx) in tmp_path. Front matter with a date that cannot be, PDFs
encrypted only against copying, a browser's "Save as: complete page" folder, a web page laid out
in a table, a copyright footer, renamed and legacy Office files, and Markdown saved as CP949."""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path

import docx
import pytest
from conftest import index_city
from fpdf import FPDF
from fpdf.enums import EncryptionMethod

from civicbot import cli
from civicbot.content import ContentFileError
from civicbot.ingest import discover, load_documents, read_document
from civicbot.ingest.formats import read_html

ROOT = Path(__file__).resolve().parent.parent
FONT = Path("/usr/share/fonts/truetype/nanum/NanumGothic.ttf")  # Debian's fonts-nanum, as bench/docwriters
SHELTER = "무더위 쉼터는 6월부터 9월까지 오전 9시부터 오후 6시까지 운영합니다."


def _pdf(path: Path, user_password: str | None = None, method: EncryptionMethod | None = None) -> None:
    if not FONT.exists():
        pytest.skip("fonts-nanum is not installed")
    pdf = FPDF()
    if user_password is not None:  # fpdf2's default is RC4; AES needs pypdf[crypto] to read
        pdf.set_encryption(owner_password="owner", user_password=user_password, encryption_method=method)
    pdf.add_page()
    pdf.add_font("Nanum", fname=str(FONT))
    pdf.set_font("Nanum", size=12)
    pdf.multi_cell(0, 8, SHELTER)
    pdf.output(str(path))


def _docx_bytes(text: str) -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.usefixtures("built_index")
def test_index_of_a_real_office_folder(monkeypatch, tmp_path, index_dir, capsys):
    """`civicbot index` on what a city's shared folder holds: each file that cannot be used is one
    `path:line: reason` line a non-programmer can act on, and the junk is not counted at all."""
    k = tmp_path / "knowledge"
    (k / "민원").mkdir(parents=True)
    (k / "안전").mkdir()
    (k / "교통" / "주차_files").mkdir(parents=True)
    # An unquoted impossible date: PyYAML raised a bare ValueError that stopped the whole index.
    (k / "민원" / "등본.md").write_text(
        "---\ntitle: 등본\nupdated: 2019-13-45\n---\n\n등본은 정부24에서 뗍니다.\n", encoding="utf-8"
    )
    # Notepad's "ANSI" on a Korean PC: CP949 Markdown.
    (k / "민원" / "인감.md").write_bytes(
        "# 인감 변경\n\n인감 변경은 본인만 할 수 있습니다.\n".encode("cp949")
    )
    _pdf(k / "안전" / "폭염.pdf", user_password="")  # encrypted against copying only
    _pdf(k / "안전" / "내부용.pdf", user_password="1234")  # asks for a password to open
    (k / "안전" / "오류.pdf").write_text("<html><body>404 Not Found</body></html>", encoding="utf-8")
    (k / "민원" / "옛날.docx").write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1024
    )  # a renamed .doc
    (k / "민원" / "빈 문서.docx").write_bytes(b"")
    (k / "민원" / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1024)
    (k / "민원" / "예산.xlsx").write_bytes(b"PK\x03\x04")
    (k / "교통" / "주차.htm").write_text(
        "<html><head><title>주차 요금</title></head><body><article><h1>공영주차장 요금</h1>"
        "<p>공영주차장 요금은 최초 30분에 1,000원이며 이후 10분마다 300원이 추가됩니다.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    # What "Save as: complete page" writes beside it: assets and the frames' own pages.
    (k / "교통" / "주차_files" / "app.js").write_text("var a = 1;", encoding="utf-8")
    (k / "교통" / "주차_files" / "banner.html").write_text(
        "<html><body><p>지금 바로 앱을 내려받으세요! 할인 쿠폰을 드립니다.</p></body></html>",
        encoding="utf-8",
    )
    (k / "교통" / "주차_files" / "saved_resource.html").write_text("<html><body></body></html>")
    index_city(monkeypatch, tmp_path, index_dir, k)

    assert cli.main(["index"]) == 1
    out, err = capsys.readouterr()
    reasons = sorted(line for line in err.splitlines() if ".md:" in line or ":1: " in line)
    assert reasons == [
        "민원/old.doc:1: Word 97-2003 (.doc) is not supported: save it as .docx or PDF",
        "민원/등본.md:3: '2019-13-45' is not a real date (month must be in 1..12): write it as 2019-12-31",
        "민원/빈 문서.docx:1: the file is empty (0 bytes)",
        "민원/예산.xlsx:1: spreadsheets are not read: save the sheet as PDF, or its text as .docx",
        "민원/옛날.docx:1: not a .docx file: it holds an old-format file (Word .doc, binary HWP, or a "
        "password-protected Word file); open it in Word and save it as .docx (no password)",
        "안전/내부용.pdf:1: the PDF asks for a password to open it: save a copy without the password",
        "안전/오류.pdf:1: not a PDF: the file holds a web page",
    ]
    assert "_files" not in err + out
    assert "  .htm        1 read\n" in out and ".html" not in out  # the page, not its frames
    assert "  .pdf        1 read, 2 skipped\n" in out and "  .md         1 read, 1 skipped\n" in out
    assert "indexed 3 documents" in out


@pytest.mark.parametrize("method", [None, EncryptionMethod.AES_128, EncryptionMethod.AES_256])
def test_a_pdf_encrypted_only_against_copying_is_read(tmp_path, method):
    _pdf(tmp_path / "폭염.pdf", user_password="", method=method)
    assert SHELTER in read_document(tmp_path / "폭염.pdf", tmp_path).body


def test_save_as_complete_page_assets_are_not_documents_but_a_folder_named_files_is(tmp_path):
    (tmp_path / "주차_files").mkdir()
    (tmp_path / "주차.HTML").write_text("<html><body><p>요금</p></body></html>", encoding="utf-8")
    (tmp_path / "주차_files" / "banner.html").write_text("<p>광고</p>", encoding="utf-8")
    (tmp_path / "2024_files").mkdir()  # no 2024.htm beside it: a department's own folder
    (tmp_path / "2024_files" / "안내.md").write_text("# 안내\n\n본문입니다.", encoding="utf-8")
    assert [p.relative_to(tmp_path).as_posix() for p in discover(tmp_path)] == [
        "2024_files/안내.md",
        "주차.HTML",
    ]


LAYOUT_PAGE = """<html><head><meta charset="euc-kr"><title>도서관 이용 안내 | 시청</title></head><body>
<table><tr><td><h2>도서관 이용 안내</h2><p>시립도서관은 화요일부터 일요일까지 오전 9시부터 오후 10시까지
운영합니다. 매주 월요일과 법정 공휴일은 휴관합니다.</p><p>회원증은 신분증을 가지고 1층 안내데스크에서 만들 수
있습니다.</p></td></tr></table><footer>Copyright 2024 시청. All rights reserved.</footer></body></html>"""


def test_a_page_laid_out_in_a_table_keeps_its_paragraphs_and_a_copyright_year_is_no_date():
    page = read_html(LAYOUT_PAGE.encode("euc-kr"))
    assert "휴관합니다.\n\n회원증은" in page.body  # was "휴관합니다.회원증은", one glued passage
    assert page.body.startswith("## 도서관 이용 안내\n\n시립도서관은")  # its heading, not "안내시립도서관은"
    assert "updated" not in page.meta  # was 2024-01-01 from the footer: "(2024년 1월 기준)"
    dated = LAYOUT_PAGE.replace("<footer>", "<p>등록일 2023-05-02</p><footer>")
    assert read_html(dated.encode("euc-kr")).meta["updated"] == "2023-05-02"  # a date the page states


def test_a_cell_of_a_data_table_keeps_its_paragraphs_apart_and_its_bold_figures_whole():
    page = read_html(
        "<html><body><article><table><tr><th>구분</th><th>안내</th></tr><tr><td>요금</td><td><p>성인 "
        "<b>4,000</b>원입니다.</p><p>청소년은 반값입니다.</p></td></tr></table><p>수영장은 매일 오전 6시부터 "
        "밤 10시까지 운영합니다. 매주 월요일은 쉽니다.</p></article></body></html>".encode()
    ).body
    assert "구분: 요금, 안내: 성인 4,000원입니다. 청소년은 반값입니다." in page


async def test_the_layout_page_is_served_and_answered_in_whole_sentences(make_city, tmp_path):
    folder = tmp_path / "folder"
    (folder / "문화").mkdir(parents=True)
    (folder / "문화" / "도서관.html").write_bytes(LAYOUT_PAGE.encode("euc-kr"))
    client = await make_city(folder)
    response = await client.get("/api/knowledge/search", params={"q": "도서관 회원증 만들기"})
    texts = [hit["text"] for hit in (await response.json())["results"]]
    assert texts and not any("휴관합니다.회원증" in text or "안내시립" in text for text in texts)
    page = await client.get("/knowledge/문화/도서관.html")
    assert page.status == 200 and "2024년" not in await page.text()


def test_markdown_saved_as_cp949_is_read_and_a_bad_date_names_its_line(tmp_path):
    (tmp_path / "인감.md").write_bytes("# 인감 변경\n\n인감 변경은 본인만 할 수 있습니다.\n".encode("cp949"))
    assert read_document(tmp_path / "인감.md", tmp_path).title == "인감 변경"
    (tmp_path / "a.md").write_text("---\ntitle: a\ndates:\n  - 2020-02-30\n---\n\n본문.", encoding="utf-8")
    with pytest.raises(ContentFileError, match=r"^a\.md:4: '2020-02-30' is not a real date"):
        read_document(tmp_path / "a.md", tmp_path)


def test_a_renamed_binary_hwp_says_what_it_is(tmp_path):
    (tmp_path / "공고.hwpx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1024)
    with pytest.raises(ContentFileError, match=r"not an \.hwpx file: it holds an old-format file"):
        read_document(tmp_path / "공고.hwpx", tmp_path)
    (tmp_path / "a.docx").write_bytes(_docx_bytes("전입 신고는 14일 안에 합니다."))
    assert "14일" in read_document(tmp_path / "a.docx", tmp_path).body


def test_a_macs_copy_beside_its_composed_twin_is_reported_not_mixed_in(tmp_path):
    """On Linux "안내.md" composed (NFC) and decomposed (NFD, as a Mac writes it) are two files with
    one doc_id: a link served one while answers quoted the other."""
    composed, decomposed = (unicodedata.normalize(form, "안내.md") for form in ("NFC", "NFD"))
    (tmp_path / composed).write_text("# 안내\n\n주민센터는 평일 9시에 엽니다.\n", encoding="utf-8")
    (tmp_path / decomposed).write_text("# 옛 안내\n\n주민센터는 평일 10시에 엽니다.\n", encoding="utf-8")
    documents, errors = load_documents(tmp_path)
    assert [(d.doc_id, d.title, d.file) for d in documents] == [("안내.md", "안내", composed)]
    assert [(e.path, e.reason) for e in errors] == [
        (
            decomposed,
            "a second file of this name, its Korean letters decomposed as a Mac writes them: keep one of the two",
        )
    ]
