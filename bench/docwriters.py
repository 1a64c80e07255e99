"""Writes real .docx, .pdf and .hwpx files with the formats' own tools, for the test samples
(tests/data/make_samples.py), the held-out corpus (bench/data/heldout/make_docs.py) and the
indexing benchmark (bench/index_load.py).

A document is a list of blocks: ("h1" | "h2" | "p", text), or a table: ("table", "a|b\nc|d"),
rows on lines and cells between bars, its first row a header row marked as each format marks one
(HTML <th>, Word's "repeat as header row", HWPX's header cell, a Markdown rule line), or
("grid", same shape), a table with no header mark. ("page", "") starts a new page of a PDF; the
other formats have no pages and leave it out.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

FONT = "/usr/share/fonts/truetype/nanum/NanumGothic.ttf"  # Debian's fonts-nanum (PDF only)
Blocks = list[tuple[str, str]]


def write_docx(path: Path, blocks: Blocks, title: str = "") -> None:
    import datetime as dt

    import docx
    from docx.oxml.ns import qn

    document = docx.Document()
    # The template's own date (2013) would otherwise become the document's date.
    document.core_properties.modified = dt.datetime(2024, 3, 1)
    if title:
        document.core_properties.title = title
    for kind, text in blocks:
        if kind == "h1":
            document.add_heading(text, level=0)
        elif kind == "h2":
            document.add_heading(text, level=1)
        elif kind in ("table", "grid"):
            rows = _rows(text)
            table = document.add_table(rows=len(rows), cols=len(rows[0]))
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell.strip()
            if kind == "table":  # Table Properties > Row > "Repeat as header row at the top of each page"
                properties = table.rows[0]._tr.get_or_add_trPr()
                properties.append(properties.makeelement(qn("w:tblHeader"), {}))
        else:
            document.add_paragraph(text)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(path)


def _rows(text: str) -> list[list[str]]:
    return [[cell.strip() for cell in row.split("|")] for row in text.split("\n")]


def write_pdf(path: Path, blocks: Blocks, title: str = "", glued: bool = False, width: float = 0) -> None:
    """``glued`` drops the word spaces of Korean text, as PDFs exported from Korean word
    processors often come out of text extraction; a narrow ``width`` breaks lines mid-word."""
    from fpdf import FPDF

    if not Path(FONT).exists():
        raise SystemExit(f"writing Korean PDFs needs {FONT}: apt-get install fonts-nanum")
    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("Nanum", fname=FONT)
    if title:
        pdf.set_title(title)
    for kind, text in blocks:
        if kind == "page":
            pdf.add_page()
            continue
        pdf.set_font("Nanum", size=16 if kind == "h1" else 13 if kind == "h2" else 11)
        if glued and kind == "p":
            text = text.replace(" ", "")
        pdf.multi_cell(width or 0, 7, text, new_x="LMARGIN", new_y="NEXT", wrapmode="CHAR")
        pdf.ln(3)
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(path))


_HP = "http://www.hancom.co.kr/hwpml/2011/paragraph"
_HS = "http://www.hancom.co.kr/hwpml/2011/section"
_OPF = "http://www.idpf.org/2007/opf/"


def write_hwpx(path: Path, blocks: Blocks, title: str = "") -> None:
    """An OWPML package as Hangul writes it: mimetype first and stored, a manifest, and one
    section whose paragraphs (hp:p) hold runs (hp:run) of text (hp:t)."""
    paragraphs = "".join(
        f'<hp:p id="{i}" paraPrIDRef="0" styleIDRef="0"><hp:run charPrIDRef="0">'
        + (
            _hwpx_table(i, _rows(text), kind == "table")
            if kind in ("table", "grid")
            else f"<hp:t>{escape(text)}</hp:t>"
        )
        + "</hp:run></hp:p>"
        for i, (kind, text) in enumerate(blocks)
    )
    section = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<hs:sec xmlns:hs="{_HS}" xmlns:hp="{_HP}">{paragraphs}</hs:sec>'
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<opf:package xmlns:opf="{_OPF}" xmlns:dc="http://purl.org/dc/elements/1.1/" version="" '
        f'unique-identifier="" id=""><opf:metadata><opf:title>{escape(title)}</opf:title>'
        f"<opf:language>ko</opf:language></opf:metadata><opf:manifest>"
        f'<opf:item id="section0" href="Contents/section0.xml" media-type="application/xml"/>'
        f'</opf:manifest><opf:spine><opf:itemref idref="section0" linear="yes"/></opf:spine></opf:package>'
    )
    container = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<ocf:container xmlns:ocf="urn:oasis:names:tc:opendocument:xmlns:container">'
        '<ocf:rootfiles><ocf:rootfile full-path="Contents/content.hpf" media-type="application/hwpml-package+xml"/>'
        "</ocf:rootfiles></ocf:container>"
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/hwp+zip", compress_type=zipfile.ZIP_STORED)
        archive.writestr(
            "version.xml",
            '<?xml version="1.0" encoding="UTF-8"?><hv:HCFVersion xmlns:hv="http://www.hancom.co.kr/hwpml/2011/version" major="5" minor="1"/>',
        )
        archive.writestr("META-INF/container.xml", container)
        archive.writestr("Contents/content.hpf", content)
        archive.writestr("Contents/section0.xml", section)


def _hwpx_table(ident: int, rows: list[list[str]], header: bool) -> str:
    """An hp:tbl as Hangul writes one: rows (hp:tr) of cells (hp:tc), each cell a sub-list of
    paragraphs with its address and span; ``header`` marks the first row's cells as header cells."""
    width = max(len(row) for row in rows)
    cells = []
    for r, row in enumerate(rows):
        tds = "".join(
            f'<hp:tc name="" header="{int(header and r == 0)}" hasMargin="0" protect="0" editable="0" '
            f'dirty="0" borderFillIDRef="1"><hp:subList id="" textDirection="HORIZONTAL" '
            f'lineWrap="BREAK" vertAlign="CENTER"><hp:p id="0" paraPrIDRef="0" styleIDRef="0">'
            f'<hp:run charPrIDRef="0"><hp:t>{escape(cell)}</hp:t></hp:run></hp:p></hp:subList>'
            f'<hp:cellAddr colAddr="{c}" rowAddr="{r}"/><hp:cellSpan colSpan="1" rowSpan="1"/>'
            f'<hp:cellSz width="{42520 // width}" height="1000"/></hp:tc>'
            for c, cell in enumerate(row)
        )
        cells.append(f"<hp:tr>{tds}</hp:tr>")
    return (
        f'<hp:tbl id="{1000 + ident}" rowCnt="{len(rows)}" colCnt="{width}" cellSpacing="0" '
        f'borderFillIDRef="1" noAdjust="0">{"".join(cells)}</hp:tbl>'
    )


def write_markdown(path: Path, blocks: Blocks) -> None:
    marks = {"h1": "# ", "h2": "## "}
    path.parent.mkdir(parents=True, exist_ok=True)
    texts = [
        _markdown_table(_rows(t), k == "table") if k in ("table", "grid") else marks.get(k, "") + t
        for k, t in blocks
    ]
    path.write_text("\n\n".join(texts) + "\n", encoding="utf-8")


def _markdown_table(rows: list[list[str]], header: bool) -> str:
    """A GFM table: the rule line under the first row makes it the header row."""
    lines = ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]
    if header:
        lines.insert(1, "|" + "---|" * len(rows[0]))
    return "\n".join(lines)


def write_txt(path: Path, blocks: Blocks) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n\n".join(t for _, t in blocks) + "\n", encoding="utf-8")


def write_html(path: Path, blocks: Blocks, title: str = "", site: str = "서울특별시") -> None:
    """A page as a city site saves it: navigation, the article, a footer with copyright lines."""
    tags = {"h1": "h1", "h2": "h2"}
    article = "\n".join(
        _html_table(_rows(t), k == "table")
        if k in ("table", "grid")
        else f"<{tags.get(k, 'p')}>{escape(t)}</{tags.get(k, 'p')}>"
        for k, t in blocks
    )
    page = f"""<!DOCTYPE html>
<html lang="ko"><head><meta charset="utf-8"><title>{escape(title)} | {site}</title></head>
<body>
<header><nav><ul><li><a href="/">홈</a></li><li><a href="/news">새소식</a></li><li><a href="/civil">민원안내</a></li>
<li><a href="/login">로그인</a></li><li><a href="/sitemap">사이트맵</a></li></ul></nav></header>
<main><article>
{article}
</article></main>
<footer><p>(04524) 서울특별시 중구 세종대로 110 대표전화 120</p>
<p>Copyright © Seoul Metropolitan Government. All rights reserved.</p>
<p>개인정보처리방침 | 이용약관 | 저작권정책</p></footer>
</body></html>
"""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page, encoding="utf-8")


def _html_table(rows: list[list[str]], header: bool) -> str:
    """A <table>; with ``header`` its first row is of <th> cells."""
    html = []
    for r, row in enumerate(rows):
        tag = "th" if header and r == 0 else "td"
        html.append("<tr>" + "".join(f"<{tag}>{escape(cell)}</{tag}>" for cell in row) + "</tr>")
    return "<table>" + "".join(html) + "</table>"


WRITERS = {
    "md": write_markdown,
    "txt": write_txt,
    "html": write_html,
    "pdf": write_pdf,
    "docx": write_docx,
    "hwpx": write_hwpx,
}


def write(path: Path, blocks: Blocks, title: str = "", **options) -> None:
    """Write blocks in the format the path's extension names."""
    fmt = path.suffix.lstrip(".")
    if fmt != "pdf":
        blocks = [(kind, text) for kind, text in blocks if kind != "page"]
    if fmt in ("md", "txt"):
        WRITERS[fmt](path, blocks)
    else:
        WRITERS[fmt](path, blocks, title, **options)


FRONT_MATTER = """---
title: {title}
updated: {updated}
language: {language}
---
"""

Corpus = dict[str, tuple[str, Blocks, dict]]


def write_corpus(docs: Path, corpus: Corpus, gap: str = "\n") -> None:
    """Write every document of ``corpus`` (relative path -> (title, blocks, options)) under ``docs``.

    A Markdown file given an ``updated`` date gets YAML front matter (title, updated, language from
    an ``en/`` prefix), followed by ``gap``; other options go to the format's writer."""
    for name, (title, blocks, options) in corpus.items():
        path = docs / name
        options = dict(options)
        if path.suffix == ".md" and "updated" in options:
            language = "en" if name.startswith("en/") else "ko"
            path.parent.mkdir(parents=True, exist_ok=True)
            write(path, blocks)
            front = FRONT_MATTER.format(title=title, updated=options.pop("updated"), language=language)
            path.write_text(front + gap + path.read_text(encoding="utf-8"), encoding="utf-8")
        else:
            options.pop("updated", None)
            write(path, blocks, title, **options)
