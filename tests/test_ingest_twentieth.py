"""A city's folder, twentieth pass: links (symlinks) in the knowledge folder, the same file in two
departments, the names Word, HWPX and PDF originals download under, and the space before a bold
run in a web page's table cell. Real files in tmp_path, the real app factory and `civicbot index`."""

from __future__ import annotations

import os
import re
import shutil
import unicodedata
from pathlib import Path
from urllib.parse import quote

import pytest
from aiohttp.multipart import content_disposition_filename, parse_content_disposition
from conftest import index_city
from hypothesis import given
from hypothesis import strategies as st

from civicbot import cli
from civicbot.ingest import discover, load_documents
from civicbot.ingest.formats import read_html
from civicbot.web.handlers import ascii_file_name, content_disposition

needs_index = pytest.mark.usefixtures("built_index")  # the tests that start the app or index
SAMPLES = Path(__file__).resolve().parent / "data" / "samples"
SECRET = "금고 비밀번호는 4321입니다. 외부에 알리지 마세요."
HOURS = "주민센터는 평일 오전 9시부터 오후 6시까지 문을 엽니다."


@pytest.fixture
def own_city(make_settings, make_client, index_dir: Path, tmp_path: Path):
    """A client on ``tmp_path/knowledge`` as it is on disk (conftest's make_city copies the folder,
    which turns links into copies of their files), with an index of its own."""

    async def build():
        own_index = tmp_path / "index"
        own_index.mkdir()
        for cached in index_dir.glob("intent*"):
            shutil.copy(cached, own_index)
        settings = make_settings(
            CIVICBOT_KNOWLEDGE_DIR=str(tmp_path / "knowledge"), CIVICBOT_INDEX_DIR=str(own_index)
        )
        return await make_client(settings)

    return build


def _link(path: Path, target: str | Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(target)


def _outside(tmp_path: Path) -> Path:
    """A folder beside the knowledge folder, as /etc or another department's share is."""
    outside = tmp_path / "outside"
    (outside / "보관").mkdir(parents=True)
    (outside / "secret.md").write_text(f"# 금고 안내\n\n{SECRET}\n", encoding="utf-8")
    (outside / "보관" / "old.md").write_text(f"# 옛 안내\n\n{SECRET}\n", encoding="utf-8")
    shutil.copy(SAMPLES / "안전" / "shelter.pdf", outside / "secret.pdf")
    return outside


# -- 1. links -------------------------------------------------------------------------------------
@needs_index
def test_index_reports_links_that_leave_the_folder_and_keeps_those_inside(
    monkeypatch, tmp_path, index_dir, capsys
):
    """A link to a file or folder outside is `path:1: reason` and counted as skipped; a link to a
    file inside is read; a link to a folder inside is not entered (its documents are read where
    they are); a loop of links and a link to nothing are reported, and nothing hangs."""
    k = tmp_path / "knowledge"
    (k / "민원").mkdir(parents=True)
    (k / "민원" / "운영 시간.md").write_text(f"# 운영 시간\n\n{HOURS}\n", encoding="utf-8")
    outside = _outside(tmp_path)
    _link(k / "민원" / "바로가기.md", "운영 시간.md")  # inside: read
    _link(k / "보관함", "민원")  # a folder inside: not entered, not reported
    _link(k / "민원" / "위로", "..")  # a loop through folders: not entered
    _link(k / "민원" / "금고.md", outside / "secret.md")  # absolute, outside
    _link(k / "안전" / "금고.pdf", "../../outside/secret.pdf")  # relative, outside
    _link(k / "공유", "../outside/보관")  # a folder outside
    _link(k / "고리1.md", "고리2.md")
    _link(k / "고리2.md", "고리1.md")
    _link(k / "없는 문서.md", "지운 문서.md")
    index_city(monkeypatch, tmp_path, index_dir, k)

    assert cli.main(["index"]) == 1
    out, err = capsys.readouterr()
    real = os.path.realpath(outside)
    assert sorted(line for line in err.splitlines() if ":1: " in line) == sorted(
        [
            f"공유/:1: a link to a folder outside the knowledge folder ({real}/보관): its files are not "
            "read; copy them into the folder instead",
            "고리1.md:1: a link that leads back to itself (a loop of links): point it at a file, or remove it",
            "고리2.md:1: a link that leads back to itself (a loop of links): point it at a file, or remove it",
            f"민원/금고.md:1: a link to a file outside the knowledge folder ({real}/secret.md): it is not "
            "read or published; copy the file into the folder instead",
            f"안전/금고.pdf:1: a link to a file outside the knowledge folder ({real}/secret.pdf): it is not "
            "read or published; copy the file into the folder instead",
            "없는 문서.md:1: a link to a file that is not there (지운 문서.md): point it at a file, or remove it",
        ]
    )
    assert "  folders     0 read, 1 skipped\n" in out
    assert "  .md         2 read, 4 skipped\n" in out and "  .pdf        0 read, 1 skipped\n" in out
    assert "indexed 2 documents" in out


def test_a_knowledge_folder_that_is_itself_a_link_is_read(tmp_path):
    (tmp_path / "share" / "민원").mkdir(parents=True)
    (tmp_path / "share" / "민원" / "운영 시간.md").write_text(f"# 운영 시간\n\n{HOURS}\n", encoding="utf-8")
    _link(tmp_path / "knowledge", tmp_path / "share")
    documents, errors = load_documents(tmp_path / "knowledge")
    assert [d.doc_id for d in documents] == ["민원/운영 시간.md"] and errors == []
    assert discover(tmp_path / "knowledge") == [tmp_path / "knowledge" / "민원" / "운영 시간.md"]


@needs_index
async def test_a_link_out_of_the_folder_is_neither_quoted_nor_served(own_city, tmp_path):
    k = tmp_path / "knowledge"
    (k / "민원").mkdir(parents=True)
    (k / "민원" / "운영 시간.md").write_text(f"# 운영 시간\n\n{HOURS}\n", encoding="utf-8")
    outside = _outside(tmp_path)
    _link(k / "민원" / "금고.md", outside / "secret.md")
    _link(k / "민원" / "바로가기.md", "운영 시간.md")
    client = await own_city()

    found = await (await client.get("/api/knowledge/search", params={"q": "금고 비밀번호"})).json()
    assert found["results"] and not any("4321" in hit["text"] for hit in found["results"])
    reply = await (await client.post("/api/chat", json={"text": "금고 비밀번호 알려줘"})).json()
    assert "4321" not in reply["text"]
    response = await client.get("/knowledge/민원/금고.md")
    assert response.status == 404 and "4321" not in await response.text()
    inside = await client.get("/knowledge/민원/바로가기.md")  # a link inside still works
    assert inside.status == 200 and "오전 9시" in await inside.text()


@needs_index
async def test_a_file_turned_into_a_link_after_indexing_is_not_served(own_city, tmp_path):
    """Defence in depth: /knowledge/<doc_id> follows the file's links again when it is asked for,
    and serves nothing that now leads outside (or into a loop: a 404, not a server error)."""
    k = tmp_path / "knowledge"
    (k / "안전").mkdir(parents=True)
    for name in ("쉼터.pdf", "대피소.pdf"):
        shutil.copy(SAMPLES / "안전" / "shelter.pdf", k / "안전" / name)
    (k / "안전" / "안내.md").write_text(f"# 안내\n\n{HOURS}\n", encoding="utf-8")
    outside = _outside(tmp_path)
    client = await own_city()
    assert (await client.get("/knowledge/안전/쉼터.pdf")).status == 200
    assert (await client.get("/knowledge/안전/안내.md")).status == 200

    for name, target in [("쉼터.pdf", outside / "secret.pdf"), ("안내.md", outside / "secret.md")]:
        (k / "안전" / name).unlink()
        _link(k / "안전" / name, target)
    (k / "안전" / "대피소.pdf").unlink()
    _link(k / "안전" / "대피소.pdf", "대피소.pdf")  # a link to itself
    for name in ("쉼터.pdf", "안내.md", "대피소.pdf"):
        response = await client.get(f"/knowledge/안전/{name}")
        assert response.status == 404, name
        assert (await response.json())["error"]["code"] == "not_found"


# -- 2. the same document in two departments ------------------------------------------------------
@needs_index
async def test_the_same_file_in_two_departments_is_cited_once(make_city, tmp_path):
    folder = tmp_path / "folder"
    shutil.copytree(SAMPLES, folder)
    (folder / "복지").mkdir()
    shutil.copy(folder / "교통" / "bike-plain.md", folder / "복지" / "bike-plain.md")  # same bytes
    client = await make_city(folder)

    reply = await (await client.post("/api/chat", json={"text": "따릉이 2시간 이용권 얼마예요?"})).json()
    cited = [source["doc_id"] for source in reply["sources"] + reply["related"]]
    copies = [doc_id for doc_id in cited if doc_id.endswith("/bike-plain.md")]
    assert len(copies) == 1, cited  # was both: 교통/bike-plain.md and 복지/bike-plain.md
    assert len(cited) == len(set(cited))
    # Both copies stay indexed: each department's link opens it.
    for doc_id in ("교통/bike-plain.md", "복지/bike-plain.md"):
        assert (await client.get(f"/knowledge/{doc_id}")).status == 200


# -- 3. the names originals download under --------------------------------------------------------
@needs_index
async def test_word_and_hwpx_download_under_their_names_and_a_pdf_is_shown(make_city, tmp_path):
    folder = tmp_path / "folder"
    for department in ("교통", "환경", "안전"):
        (folder / department).mkdir(parents=True)
    shutil.copy(SAMPLES / "교통" / "bike.docx", folder / "교통" / "2024 따릉이 안내.docx")
    shutil.copy(SAMPLES / "환경" / "large-waste.hwpx", folder / "환경" / "대형 폐기물.hwpx")
    shutil.copy(SAMPLES / "안전" / "shelter.pdf", folder / "안전" / "무더위 쉼터.pdf")
    # A name no one would choose, but a disk allows: a quote, semicolons, a second parameter, a
    # backslash (a line break cannot reach the route at all: aiohttp's ".+" stops at it).
    shutil.copy(SAMPLES / "교통" / "bike.docx", folder / "교통" / 'a"; filename=evil.exe; b\\c.docx')
    client = await make_city(folder)

    expected = {
        "교통/2024 따릉이 안내.docx": ("attachment", "2024.docx", "application/vnd.openxmlformats"),
        "환경/대형 폐기물.hwpx": ("attachment", "document.hwpx", "application/hwp+zip"),
        "안전/무더위 쉼터.pdf": ("inline", "document.pdf", "application/pdf"),
        '교통/a"; filename=evil.exe; b\\c.docx': (
            "attachment",
            "a_filename_evil.exe_b_c.docx",
            "application/vnd",
        ),
    }
    for doc_id, (disposition, fallback, content_type) in expected.items():
        response = await client.get("/knowledge/" + quote(doc_id))
        assert response.status == 200, doc_id
        assert response.headers["Content-Type"].startswith(content_type)
        header = response.headers["Content-Disposition"]
        kind, params = parse_content_disposition(header)
        assert (kind, params["filename"]) == (disposition, fallback), header
        assert content_disposition_filename(params, "filename") == doc_id.split("/", 1)[1]


NAMES = st.text(st.characters(codec="utf-8"), max_size=40)
EXTENSIONS = st.sampled_from(["", ".docx", ".hwpx", ".pdf", ".한글", ".tar.gz"])


@given(NAMES, EXTENSIONS, st.booleans())
def test_any_file_name_round_trips_and_cannot_break_the_header(stem, extension, inline):
    """RFC 6266: any Unicode name (control characters, quotes, Hangul, lone marks) comes back from a
    standard parser (aiohttp's, which prefers filename*, RFC 6266 §4.3) as its composed form; the
    header is printable ASCII, so no name can end it or add another."""
    name = stem + extension
    header = content_disposition(name, inline)
    assert header.isascii() and header.isprintable()
    kind, params = parse_content_disposition(header)
    assert kind == ("inline" if inline else "attachment")
    composed = unicodedata.normalize("NFC", name)
    assert content_disposition_filename(params, "filename") == composed
    assert re.fullmatch(r"[A-Za-z0-9 .()+,_-]+", params["filename"])
    assert params["filename"] == ascii_file_name(composed)
    assert set(params) == ({"filename"} if params["filename"] == composed else {"filename", "filename*"})


@pytest.mark.parametrize(
    ("name", "fallback"),
    [
        ("2024 예산안.docx", "2024.docx"),
        ("예산안.docx", "document.docx"),
        ("Café menu.pdf", "Cafe menu.pdf"),
        ("invoice.pdf", "invoice.pdf"),
        ("x%20y.hwpx", "x_20y.hwpx"),
    ],
)
def test_the_ascii_fallback_keeps_what_it_can(name, fallback):
    assert ascii_file_name(name) == fallback


# -- 4. the space before a bold run in a table cell -----------------------------------------------
TAIL = "<p>수영장은 매일 오전 6시부터 밤 10시까지 운영합니다. 매주 월요일은 쉽니다.</p>"


def _page(table: str) -> bytes:
    return f"<html><body><article>{table}{TAIL}</article></body></html>".encode()


def test_text_after_a_paragraph_in_a_cell_keeps_its_space_before_a_bold_run():
    layout = read_html(
        _page(
            "<table><tr><td><h2>요금 안내</h2><p>요금을 안내합니다.</p>요금은 <b>1,000원</b>입니다.</td></tr></table>"
        )
    ).body
    assert "요금은 **1,000원**입니다." in layout  # was "요금은1,000원입니다."
    data = read_html(
        _page(
            "<table><tr><th>구분</th><th>안내</th></tr><tr><td>요금</td><td><p>성인 기준입니다.</p>"
            '요금은 <b>1,000원</b>, 자세한 것은 <a href="/fee">요금표</a> 참고</td></tr></table>'
        )
    ).body
    assert "구분: 요금, 안내: 성인 기준입니다. 요금은 1,000원, 자세한 것은 요금표 참고." in data


WORDS = st.text(st.sampled_from("가나다라마바사아자차카타파하요금원시간0123456789,"), min_size=1, max_size=6)


@given(WORDS, WORDS, WORDS)
def test_any_words_keep_the_spaces_the_cell_gives_them(before, bold, after):
    page = _page(
        f"<table><tr><th>구분</th><th>안내</th></tr><tr><td>요금</td><td><p>안내입니다.</p>"
        f"{before} <b>{bold}</b> {after}</td></tr></table>"
    )
    assert f"안내: 안내입니다. {before} {bold} {after}." in read_html(page).body


def test_a_page_with_no_such_cell_is_read_as_before():
    from civicbot.ingest.formats import unglued_cells

    html = "<html><body><table><tr><td>요금은 <b>1,000원</b></td></tr></table></body></html>"
    assert unglued_cells(html) is html
