"""Citations into PDFs: a PDF is served as its file, whose viewer ignores ``#:~:text=``, so its
link opens the page that holds the quoted sentence (``#page=N``, civicbot/citations.py). The
PDFs are real files written with the samples' writer (bench/docwriters.py, fpdf2)."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.docwriters import write
from civicbot import keys
from civicbot.citations import document_link, page_of, pdf_fragment
from civicbot.dialogue import Incoming
from civicbot.ingest import _normalise_pages, normalise_body, read_document
from civicbot.ingest.formats import read_pdf

TITLE = "대형 폐기물 배출 안내"
# One paragraph per page, each saying something of its own, so each is found on one page only.
FILLER = [
    "대형 폐기물은 종량제 봉투에 담기지 않는 가구와 가전제품을 말합니다.",
    "배출하려면 구청 누리집이나 동 주민센터에서 미리 신고해야 합니다.",
    "신고한 뒤 받은 번호를 적은 스티커를 물건에 붙여 내놓으면 됩니다.",
    "내놓는 곳은 집 앞이나 건물의 지정된 장소이며 수거일 전날 밤에 둡니다.",
    "수거는 보통 신고한 날부터 사흘 안에 이루어집니다.",
    "작은 가전제품 다섯 개 이상은 무상 방문 수거를 신청할 수 있습니다.",
]
QUOTE = "냉장고 한 대를 버리는 배출 수수료는 5,000원이며 신고할 때 냅니다."


def pages_pdf(path: Path, pages: list[list[str]]) -> None:
    """A PDF whose page n holds the paragraphs pages[n - 1] (the title above page 1's)."""
    blocks: list[tuple[str, str]] = [("h1", TITLE)]
    for number, paragraphs in enumerate(pages):
        if number:
            blocks.append(("page", ""))
        blocks += [("p", text) for text in paragraphs]
    write(path, blocks, TITLE)


def test_read_pdf_gives_where_each_page_starts(tmp_path):
    path = tmp_path / "waste.pdf"
    pages_pdf(path, [[FILLER[0]], [FILLER[1], FILLER[2]], [], [QUOTE]])
    extracted = read_pdf(path.read_bytes())
    starts = extracted.meta["page_starts"]
    assert len(starts) == 4 and starts[0] == 0
    assert extracted.body[starts[1] :].startswith(FILLER[1])
    # A page with no text starts where the next text does: a sentence there is on the next page.
    assert starts[2] == starts[3] and extracted.body[starts[3] :] == QUOTE
    doc = read_document(path, tmp_path)
    assert doc.page_starts == tuple(starts) and doc.body[doc.page_starts[3] :] == QUOTE
    assert page_of(doc.body, doc.page_starts, QUOTE) == 4


def test_page_starts_survive_the_extraction_cache(tmp_path):
    path = tmp_path / "waste.pdf"
    pages_pdf(path, [[FILLER[0]], [QUOTE]])
    cache = tmp_path / "cache"
    first = read_document(path, tmp_path, cache_dir=cache)
    (cached,) = cache.glob("*.json")
    assert json.loads(cached.read_text(encoding="utf-8"))["meta"]["page_starts"] == list(first.page_starts)
    again = read_document(path, tmp_path, cache_dir=cache)
    assert again.page_starts == first.page_starts and again.body == first.body


def test_normalising_page_by_page_gives_the_same_body():
    body = "# 제목\n\n가나  다라\n\n| 구분 | 요금 |\n|---|---|\n| 일반 | 3,000원 |\n\n\n마바사   아자.\n\n끝."
    starts = [0, body.index("| 구분"), body.index("마바사"), body.index("끝.")]
    normalised, moved = _normalise_pages(body, starts)
    assert normalised == normalise_body(body)
    assert normalised[moved[2] :].startswith("마바사 아자.") and normalised[moved[3] :] == "끝."
    # Offsets that cannot be pages (a hand-edited cache) are dropped, never trusted.
    for bad in ([5, 0], [0, len(body) + 1], ["0"], "0,5", None):
        assert _normalise_pages(body, bad) == (normalise_body(body), ())


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(min_value=1, max_value=6).flatmap(lambda n: st.tuples(st.just(n), st.integers(1, n))))
def test_the_link_names_the_page_the_sentence_is_on(tmp_path_factory, pages_and_page):
    count, page = pages_and_page
    folder = tmp_path_factory.mktemp("pdf")
    pages = [[FILLER[n]] for n in range(count)]
    pages[page - 1].append(QUOTE)
    pages_pdf(folder / "waste.pdf", pages)
    doc = read_document(folder / "waste.pdf", folder)
    link = document_link(doc, QUOTE)
    path, fragment = link.split("#", 1)
    assert path == "/knowledge/waste.pdf" and fragment.startswith(f"page={page}&")
    assert unquote(fragment.split("search=")[1].split("&")[0]) == '"냉장고 한 대를 버리는 배출"'
    # The sentence as an answer quotes it (its paragraph's lines joined) is found just the same.
    assert document_link(doc, " ".join(QUOTE.split())).split("&")[0].endswith(f"page={page}")


def test_links_of_other_formats_and_of_sentences_not_found(tmp_path):
    pages_pdf(tmp_path / "waste.pdf", [[FILLER[0]], [QUOTE]])
    doc = read_document(tmp_path / "waste.pdf", tmp_path)
    assert document_link(doc, "이 문장은 문서에 없습니다.").startswith("/knowledge/waste.pdf#page=1&search=")
    assert document_link(doc) == "/knowledge/waste.pdf"  # no quote, no page: the file from page 1
    assert pdf_fragment(3) == "#page=3"
    (tmp_path / "note.md").write_text(f"# {TITLE}\n\n{QUOTE}\n", encoding="utf-8")
    note = read_document(tmp_path / "note.md", tmp_path)
    assert note.page_starts == () and document_link(note, QUOTE).startswith("/knowledge/note.md#:~:text=")
    # Word and HWPX are downloaded, not shown: their links are as they were (README "Citations").
    write(tmp_path / "waste.docx", [("h1", TITLE), ("p", QUOTE)], TITLE)
    docx = read_document(tmp_path / "waste.docx", tmp_path)
    assert document_link(docx, QUOTE).startswith("/knowledge/waste.docx#:~:text=")


@pytest.mark.usefixtures("built_index")
async def test_an_answer_from_page_three_links_to_page_three_of_the_served_pdf(make_city, tmp_path):
    folder = tmp_path / "city"
    pages_pdf(folder / "환경" / "대형폐기물.pdf", [FILLER[0:2], FILLER[2:5], [QUOTE, FILLER[5]]])
    client = await make_city(folder)
    engine = client.app[keys.ENGINE].engine
    reply = await engine.dialogue.handle(
        Incoming(channel="cli", conversation_id="c1", text="냉장고 버리는 수수료 얼마예요?")
    )
    assert reply.sources and reply.sources[0].doc_id == "환경/대형폐기물.pdf", reply.text
    assert "5,000원" in reply.text
    url = reply.sources[0].url
    assert "#page=3&" in url, url
    response = await client.get(urlsplit(url).path)  # a browser sends no fragment
    assert response.status == 200 and response.headers["Content-Type"] == "application/pdf"
    assert (await response.read()).startswith(b"%PDF")
