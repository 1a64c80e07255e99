"""One reader per file format: bytes on disk -> (title, Markdown-ish body, metadata).

Each reader returns an :class:`Extracted`; the body uses ``#`` headings and blank-line paragraphs,
the shape the chunker in civicbot.knowledge expects. Readers raise :class:`UnreadableFile` with a
short reason a city's staff can act on; the caller reports it as ``path: reason`` and skips the
file. The libraries (chosen in README "Knowledge: formats"): trafilatura for web pages, pypdf
for PDF, python-docx for Word, the standard zipfile + ElementTree for HWPX (an open OWPML zip of
XML parts) and kiwipiepy's spacing model for PDF text that lost its word spacing.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from dataclasses import dataclass, field
from xml.etree import ElementTree

from civicbot.ingest.headings import heading_lines
from civicbot.ingest.tables import Grid, looks_like_header, table_lines

# Bump when any reader's output changes, so cached extractions and vectors are rebuilt.
# 4: table rows carry their column headers; heading lines of PDF and .txt are headings.
# 5: a PDF's meta gives where each of its pages starts in the body ("page_starts").
# 6: a PDF line broken after a figure's thousands separator ("5," / "000원") is joined without a space.
# 7: a web page's one-column layout table keeps its paragraphs; a copyright year is no page date.
# 8: a web page's text after a block in a table cell keeps its space before a bold run or a link.
READER_VERSION = "8"


class UnreadableFile(Exception):
    """The file cannot be turned into text; ``str(exc)`` is the reason shown to staff."""


@dataclass
class Extracted:
    title: str  # "" when the format has none: the caller falls back to the file name
    body: str
    meta: dict = field(default_factory=dict)  # front-matter-like keys the file itself gave


def decode_text(raw: bytes) -> str:
    """UTF-8 (with or without BOM), else the encoding charset-normalizer finds (CP949 is common)."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is None:
        raise UnreadableFile("not text in any known encoding")
    return str(best)


def first_heading(body: str) -> str:
    match = re.search(r"^#{1,6}\s+(.*\S)\s*$", body, re.MULTILINE)
    return match.group(1).strip() if match else ""


def disguised_as(raw: bytes) -> str:
    """What a file really holds when its first bytes are another format's signature ("" when they
    are not one of these): a renamed file's reason then says what it is, rather than echoing the
    parser's complaint ("File is not a zip file", "Stream has ended unexpectedly")."""
    head = raw[:1024].lstrip().lower()
    if raw.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):  # OLE2 compound file (MS-CFB)
        return "an old-format file (Word .doc, binary HWP, or a password-protected Word file)"
    if head.startswith(b"<!doctype html") or b"<html" in head:
        return "a web page"
    if raw.startswith(b"%PDF"):
        return "a PDF"
    return ""


# -- plain text ------------------------------------------------------------------------------
def read_txt(raw: bytes) -> Extracted:
    """A short first line with no sentence ending is the title, as staff write notices; later
    heading lines (civicbot.ingest.headings) are section headings."""
    text = decode_text(raw).replace("\r\n", "\n").strip()
    if not text:
        raise UnreadableFile("the file is empty")
    first, _, rest = text.partition("\n")
    first = first.strip()
    if rest.strip() and len(first) <= 80 and not re.search(r"[.!?。]$|다\.?$", first):
        return Extracted(first, f"# {first}\n\n{mark_headings(rest.strip())}")
    return Extracted("", mark_headings(text))


def mark_headings(text: str) -> str:
    """``text`` with each heading line (civicbot.ingest.headings) made a Markdown section heading
    ("## 신청 방법") of its own paragraph, so that it names its section instead of opening the first
    sentence under it. Lines already written as Markdown headings are left as they are."""
    lines = text.split("\n")
    stripped = [line.strip() for line in lines]
    headings = heading_lines([("" if line.startswith("#") else line) for line in stripped])
    marked: list[str] = []
    for at, line in enumerate(lines):
        marked += ["", f"## {stripped[at]}", ""] if at in headings else [line]
    return "\n".join(marked).strip()


# -- web pages -------------------------------------------------------------------------------
def read_html(raw: bytes) -> Extracted:
    """The main text of a saved web page, without its navigation, footer or copyright lines."""
    import trafilatura

    html = decode_text(raw)
    page = unglued_cells(html)
    # Precision first: on a short page the recall-oriented fallback keeps the navigation links.
    body = _html_markdown(page, favor_precision=True) or _html_markdown(page, favor_recall=True)
    if not body:
        raise UnreadableFile("no main text found in the web page")
    body = unescape_markdown(body)
    document = trafilatura.bare_extraction(html, with_metadata=True, favor_precision=True)
    meta = {}
    date = getattr(document, "date", None)
    if date and date.endswith("-01-01"):
        # htmldate's last resorts when a page states no date are its copyright footer's year and
        # any bare year, read as 1 January: a saved page's "Copyright 2024" dated its answers
        # "2024년 1월 기준". Such a date counts only when the page's markup (meta tags, <time>)
        # gives it, as htmldate's search without the free-text guesses finds.
        from htmldate import find_date

        date = find_date(html, extensive_search=False, original_date=True)
    if date:
        meta["updated"] = date
    title = (getattr(document, "title", None) or "").strip()
    # Site titles often read "Page | Site": the page part is the document's title.
    title = re.split(r"\s+[|–—-]\s+", title)[0].strip() if title else ""
    return Extracted(title or first_heading(body), body.strip(), meta)


# Block elements of HTML: text after one of them, inside a table cell, is a run of its own.
_HTML_BLOCKS = {
    "address", "article", "aside", "blockquote", "dd", "details", "div", "dl", "dt", "fieldset",
    "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main",
    "nav", "ol", "p", "pre", "section", "table", "ul",
}  # fmt: skip


def unglued_cells(html: str):
    """``html`` itself, or its lxml tree (trafilatura takes either) with each run of text and
    inline elements that follows a block inside a table cell wrapped in a ``<p>`` of its own.

    trafilatura trims the text after a block element in a cell ("</p>요금은 " -> "요금은") and
    keeps the bold or link run that follows as a separate element, so "요금은 <b>1,000원</b>"
    came out glued as "요금은1,000원"; inside a paragraph the same run keeps its space (seen with
    trafilatura 2.3). Such text after a block is a paragraph of its own anyway. The string is
    returned unchanged when no cell holds such a run, so other pages are read exactly as before.
    """
    from trafilatura.utils import load_html

    tree = load_html(html)
    if tree is None:
        return html
    changed = False
    for cell in tree.iter("td", "th"):
        for block in [child for child in cell if _is_block(child)]:
            changed |= _wrap_run_after(block)
    return tree if changed else html


def _is_block(element) -> bool:
    return isinstance(element.tag, str) and element.tag.lower() in _HTML_BLOCKS


def _wrap_run_after(block) -> bool:
    """Wrap ``block``'s tail and the inline siblings after it (up to the next block) in a new
    ``<p>`` placed after ``block``, when the run holds an inline element: text alone loses no
    space at its edges. Whether it wrapped anything."""
    run = []
    for sibling in block.itersiblings():
        if _is_block(sibling):
            break
        run.append(sibling)
    inline = [element for element in run if isinstance(element.tag, str)]
    if not inline or not ((block.tail or "").strip() or any("".join(e.itertext()).strip() for e in inline)):
        return False
    paragraph = block.makeelement("p")
    paragraph.text, block.tail = block.tail, None
    block.addnext(paragraph)
    for element in run:
        paragraph.append(element)  # moves it, its tail with it
    return True


def _html_markdown(html, **favour: bool) -> str:
    """The page's main text (a string or unglued_cells' tree) as trafilatura's Markdown ("" when
    it finds none), each table written
    as sentences that carry their column headers (civicbot.ingest.tables) rather than as a
    Markdown table of bare cells. trafilatura's own tree of the text is rewritten before it is
    turned into Markdown, as ``trafilatura.extract`` does with it."""
    from trafilatura import bare_extraction
    from trafilatura.xml import xmltotxt

    document = bare_extraction(
        html,
        output_format="markdown",
        include_formatting=True,
        include_tables=True,
        include_comments=False,
        **favour,
    )
    if document is None or document.body is None:
        return ""
    for table in list(document.body.iter("table")):
        _replace_table(table)
    return (xmltotxt(document.body, True) or "").strip()


def _replace_table(table) -> None:
    """Put a paragraph per line of the table in place of trafilatura's <table> (rows of <cell>s,
    a header cell marked role="head"). The first row is a header when all its cells are; a table
    with no header cell at all (a page that styles its first row instead) is judged by its cells."""
    from lxml import etree

    rows = [row.findall("cell") for row in table.iter("row")]
    parent, at = table.getparent(), table.getparent().index(table)
    if all(len(row) <= 1 for row in rows) and any(
        _LAYOUT_BLOCKS.intersection(c.tag for c in row[0]) for row in rows if row
    ):
        # A table of one column whose cells hold paragraphs or headings is the page's layout (old
        # sites set the whole article in a <td>), not data: its blocks are the page's blocks.
        blocks = [block for row in rows for cell in row for block in _cell_blocks(cell)]
        if blocks:
            blocks[-1].tail = table.tail
            parent.remove(table)
            for offset, block in enumerate(blocks):
                parent.insert(at + offset, block)
            return
    grid = [[_cell_text(cell) for cell in row] for row in rows]
    # A table with header cells only down its side (<th> starting each row) has no header row.
    marked = any(cell.get("role") == "head" for row in rows for cell in row)
    first_row_heads = bool(rows) and bool(rows[0]) and all(cell.get("role") == "head" for cell in rows[0])
    lines = table_lines(grid, first_row_heads if marked else looks_like_header(grid))
    paragraphs = []
    for line in lines:
        paragraphs.append(etree.Element("p"))
        paragraphs[-1].text = line
    if not paragraphs:
        paragraphs.append(etree.Element("p"))  # an empty table: keeps the text after it, if any
    paragraphs[-1].tail = table.tail
    parent.remove(table)
    for offset, paragraph in enumerate(paragraphs):
        parent.insert(at + offset, paragraph)


# trafilatura's block elements: inside a table cell, each is a paragraph of its own.
_BLOCKS = {"p", "head", "list", "item", "quote", "code", "lb"}
_LAYOUT_BLOCKS = {"p", "head", "list", "quote"}  # a cell's children that are the page's own blocks


def _cell_text(cell) -> str:
    """A cell's text on one line, its paragraphs apart ("휴관합니다. 회원증은", not "휴관합니다.회원증은")
    and its inline runs (bold, links) joined as written."""
    parts: list[str] = []

    def walk(element) -> None:
        block = element.tag in _BLOCKS
        parts.extend(["\n"] * block + [element.text or ""])
        for child in element:
            walk(child)
            parts.append(child.tail or "")
        parts.extend(["\n"] * block)

    walk(cell)
    return " ".join(line.strip() for line in "".join(parts).split("\n") if line.strip())


def _cell_blocks(cell) -> list:
    """A layout cell's content as blocks: its own paragraphs, headings, lists and quotes, and the
    text between them (inline runs: bold, links, line breaks) as paragraphs of their own."""
    from lxml import etree

    blocks: list = []
    loose = [cell.text or ""]

    def close() -> None:
        text = " ".join("".join(loose).split())
        if text:
            blocks.append(etree.Element("p"))
            blocks[-1].text = text
        loose.clear()

    for child in list(cell):
        tail, child.tail = child.tail, None
        if child.tag in _LAYOUT_BLOCKS:
            close()
            blocks.append(child)
        else:
            loose.append(_cell_text(child))
        loose.append(tail or "")
    close()
    return blocks


# CommonMark lets any ASCII punctuation be escaped with a backslash, and trafilatura's Markdown
# escapes the ones Markdown could misread ("9시\~7시", "a\*b", "\[1\]"). The body is read as
# plain text with headings, not rendered, so the escapes would reach citizens in quoted answers.
_MARKDOWN_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def unescape_markdown(text: str) -> str:
    """``text`` with each CommonMark backslash escape (a backslash before ASCII punctuation)
    replaced by the character it escapes; other backslashes stay."""
    return _MARKDOWN_ESCAPE.sub(r"\1", text)


# -- PDF -------------------------------------------------------------------------------------
_HANGUL = re.compile(r"[\uac00-\ud7a3]")


def read_pdf(raw: bytes) -> Extracted:
    """Text of every page; lines broken mid-sentence are joined, lost word spacing restored.

    ``meta["page_starts"]`` is a list with one character offset into ``body`` per page, page 1
    first: where that page's first paragraph starts (a page with no text starts where the next
    text does), so a citation can open the page that holds a quoted sentence (civicbot.citations).
    """
    import io

    from pypdf import PdfReader
    from pypdf.errors import DependencyError, PdfReadError

    try:
        reader = PdfReader(io.BytesIO(raw))
        # Many published PDFs are encrypted only to restrict copying or printing: they have an
        # owner password but an empty user password, so any viewer opens them, and so does pypdf
        # given "". Only a PDF that asks for a password to be opened is refused.
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnreadableFile("the PDF asks for a password to open it: save a copy without the password")
        pages = [page.extract_text() or "" for page in reader.pages]
        title = str((reader.metadata or {}).get("/Title") or "").strip()
    except DependencyError:  # AES (PDF 1.6+) needs the optional `cryptography` package
        raise UnreadableFile(
            "the PDF is encrypted with AES, which needs the 'cryptography' package (pip install 'pypdf[crypto]')"
        ) from None
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        if (kind := disguised_as(raw)) and kind != "a PDF":
            raise UnreadableFile(f"not a PDF: the file holds {kind}") from None
        raise UnreadableFile(f"not a readable PDF, perhaps damaged or cut short ({exc})") from None
    # A heading at the foot of a page stands above the next page's first line.
    following = [_first_line(page) for page in pages[1:]] + [""]
    per_page = [join_broken_lines(page, title, after) for page, after in zip(pages, following, strict=True)]
    paragraphs = [p for page in per_page for p in page]
    if not paragraphs:
        raise UnreadableFile("the PDF has no text layer (a scan needs OCR first)")
    paragraphs = [_restore_paragraph(p) for p in paragraphs]
    if not title and paragraphs[0].startswith("## "):
        # No title in the file's properties: its first line, a heading, is the title.
        title = paragraphs[0][3:]
        paragraphs[0] = f"# {title}"
    starts = _page_starts([len(page) for page in per_page], paragraphs)
    return Extracted(title, "\n\n".join(paragraphs), {"page_starts": starts})


def _page_starts(counts: list[int], paragraphs: list[str]) -> list[int]:
    """Offsets in ``"\n\n".join(paragraphs)`` where each page starts, given how many of the
    paragraphs each page gave (in order). Measured on the final paragraphs: restoring spacing
    and making the first heading the title change their lengths."""
    offsets, at = [], 0
    for paragraph in paragraphs:
        offsets.append(at)
        at += len(paragraph) + 2
    end = max(at - 2, 0)
    starts, seen = [], 0
    for count in counts:
        starts.append(offsets[seen] if seen < len(offsets) else end)
        seen += count
    return starts


def _restore_paragraph(paragraph: str) -> str:
    """Spacing restored in a paragraph or the text of a section heading (a glued PDF glues its
    headings too: "신청방법"); the title line is the file's own title and stays as it is."""
    if paragraph.startswith("# "):
        return paragraph
    if paragraph.startswith("## "):
        return f"## {restore_spacing(paragraph[3:])}"
    return restore_spacing(paragraph)


def _first_line(page: str) -> str:
    return next((line.strip() for line in page.split("\n") if line.strip()), "")


# A figure broken at a line end after a thousands separator ("5," / "000원") reads as one figure
# again, as the page wrote it: "5, 000원" is not what a citizen asking the fee will find.
_SPLIT_FIGURE = re.compile(r"\d,\n\d{3}(?!\d)")


def join_broken_lines(page: str, title: str = "", next_page: str = "") -> list[str]:
    """Lines of a PDF page -> paragraphs. A heading line (civicbot.ingest.headings; ``next_page``
    is the first line of the page after, for a heading at the foot of this one) is a section
    heading of its own ("## 신청 방법"); a line that does not end a sentence continues on the
    next one. In text that lost its word spacing, a Korean word broken at the line end is
    joined without a space (the spacing model then puts back the spaces that belong)."""
    paragraphs: list[str] = []
    current: list[str] = []

    def flush() -> None:
        if current:
            glued = spacing_ratio("".join(current)) < _GLUED
            text = current[0]
            for line in current[1:]:
                both_korean = _HANGUL.match(text[-1:]) and _HANGUL.match(line[:1])
                # In spaced text a line may still break inside a word ("있" / "습니다"): the
                # spacing model decides, as it does for the whole of a glued text.
                inside = both_korean and (glued or breaks_word(text, line))
                text += ("" if inside or _SPLIT_FIGURE.search(text[-8:] + "\n" + line[:4]) else " ") + line
            paragraphs.append(text)
            current.clear()

    lines = [line.strip() for line in page.split("\n")]
    headings = heading_lines([("" if title and line == title else line) for line in [*lines, next_page]])
    for at, line in enumerate(lines):
        if not line:
            flush()
        elif title and line == title:
            flush()
            paragraphs.append(f"# {title}")
        elif at in headings:
            flush()
            paragraphs.append(f"## {line}")
        else:
            current.append(line)
            if re.search(r"[.!?。:]$|다$|요$", line):
                flush()
    flush()
    return paragraphs


def breaks_word(left: str, right: str) -> bool:
    """Whether a line break between ``left`` and ``right`` (both Hangul at the break) falls inside
    a word: Kiwi's spacing model, given the last word of one line glued to the first of the next,
    puts no space where the break was. "있" + "습니다." -> True; "동" + "주민센터에서" -> False."""
    from civicbot.ingest.korean import kiwi

    head, tail = left.rsplit(" ", 1)[-1], right.split(" ", 1)[0]
    spaced = kiwi().space(head + tail, reset_whitespace=True)
    seen = 0
    for char in spaced:
        if seen == len(head):
            return char != " "
        seen += char != " "
    return True


def spacing_ratio(text: str) -> float:
    """Spaces per Hangul syllable: Korean prose has about one in four, glued text nearly none."""
    syllables = len(_HANGUL.findall(text))
    return text.count(" ") / syllables if syllables else 1.0


_GLUED = 0.15  # below this, the text lost its spacing (bench/index_load.py --spacing measures it)


def restore_spacing(text: str) -> str:
    """Kiwi's spacing model for Korean text that lost (or never had) its word breaks."""
    if spacing_ratio(text) >= _GLUED:
        return text
    from civicbot.ingest.korean import kiwi

    # Korean writes a figure against its counter or unit (4학년, 1만 원, 3월), which the spacing
    # model splits off ("4 학년", "1 만 원"); a figure asked about must read as the page wrote it.
    return _FIGURE_SPACE.sub("", kiwi().space(text, reset_whitespace=False))


_FIGURE_SPACE = re.compile(r"(?<=\d) (?=[\uac00-\ud7a3])")


# -- Word ------------------------------------------------------------------------------------
def read_docx(raw: bytes) -> Extracted:
    """Paragraphs in order, Heading styles as Markdown headings, tables row by row."""
    import io

    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(raw))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        if kind := disguised_as(raw):
            raise UnreadableFile(
                f"not a .docx file: it holds {kind}; open it in Word and save it as .docx (no password)"
            ) from None
        raise UnreadableFile(f"not a readable Word file, perhaps damaged ({exc})") from None
    blocks: list[str] = []
    for item in document.iter_inner_content():
        if isinstance(item, docx.table.Table):
            grid = _docx_grid(item)
            blocks.extend(table_lines(grid, _docx_header_row(item) or looks_like_header(grid)))
            continue
        text = item.text.strip()
        if not text:
            continue
        style = (item.style.name if item.style is not None else "") or ""
        level = _heading_level(style)
        blocks.append(f"{'#' * level} {text}" if level else text)
    body = "\n\n".join(blocks)
    if not body:
        raise UnreadableFile("the Word file has no text")
    props = document.core_properties
    modified = props.modified
    # python-docx writes its template's own date (2013-12-23) into every file it makes: that says
    # nothing about the document, and an answer would call it "2013년 12월 기준". The file's
    # modification time is used instead (read_document).
    known = modified and modified.date() != _PYTHON_DOCX_TEMPLATE_DATE
    meta = {"updated": modified.date().isoformat()} if known else {}
    return Extracted((props.title or "").strip() or first_heading(body), body, meta)


_PYTHON_DOCX_TEMPLATE_DATE = dt.date(2013, 12, 23)  # docx/templates/default.docx, core.xml


def _docx_grid(table) -> Grid:
    """Cell texts row by row. python-docx repeats a cell merged across columns in each column it
    spans; the repeats are blank here, so the cell is read once (under its first column)."""
    grid: Grid = []
    for row in table.rows:
        cells, previous = [], None
        for cell in row.cells:
            cells.append("" if cell._tc is previous else cell.text)
            previous = cell._tc
        grid.append(cells)
    return grid


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _docx_header_row(table) -> bool:
    """Word's own mark of a header row: "repeat as header row" (w:tblHeader) on the first row, or
    every run of text in the first row bold."""
    rows = table.rows
    if len(rows) < 2:
        return False
    first = rows[0]
    mark = first._tr.find(f"{_W}trPr/{_W}tblHeader")
    if mark is not None and mark.get(f"{_W}val", "true") not in ("0", "false", "off"):
        return True
    runs = [run for cell in first.cells for p in cell.paragraphs for run in p.runs if run.text.strip()]
    return bool(runs) and all(run.bold for run in runs)


def _heading_level(style: str) -> int:
    if style == "Title":
        return 1
    match = re.match(r"Heading (\d)", style)
    return min(int(match.group(1)) + 1, 6) if match else 0


# -- HWPX ------------------------------------------------------------------------------------
_HP = "{http://www.hancom.co.kr/hwpml/2011/paragraph}"


def read_hwpx(raw: bytes) -> Extracted:
    """HWPX (KS X 6101, OWPML) is a zip of XML parts: Contents/section*.xml hold the paragraphs
    (hp:p), whose runs hold the text (hp:t); the package's content.hpf may give the title."""
    import io

    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        names = sorted(
            (n for n in archive.namelist() if re.fullmatch(r"Contents/section\d+\.xml", n)),
            key=lambda n: int(re.findall(r"\d+", n)[0]),
        )
        if not names:
            raise UnreadableFile("not an HWPX document (no Contents/section0.xml)")
        paragraphs: list[str] = []
        for name in names:
            paragraphs.extend(_hwpx_blocks(ElementTree.fromstring(archive.read(name))))
        title = _hpf_title(archive)
    except (zipfile.BadZipFile, ElementTree.ParseError, KeyError) as exc:
        if kind := disguised_as(raw):
            raise UnreadableFile(
                f"not an .hwpx file: it holds {kind}; open it in Hangul and save it as HWPX"
            ) from None
        raise UnreadableFile(f"not a readable HWPX file, perhaps damaged ({exc})") from None
    if not paragraphs:
        raise UnreadableFile("the HWPX file has no text")
    if not title and len(paragraphs) > 1 and len(paragraphs[0]) <= 80:
        title = paragraphs[0]
    if title and paragraphs[0] == title:
        paragraphs[0] = f"# {title}"
    return Extracted(title, "\n\n".join(paragraphs))


def _hwpx_blocks(root: ElementTree.Element) -> list[str]:
    """Paragraphs in order; a table (hp:tbl, in a paragraph's run) as one block of its rows at the
    place of that paragraph. The paragraphs inside a table's cells are read as its cells."""
    in_tables = {id(p) for table in root.iter(f"{_HP}tbl") for p in table.iter(f"{_HP}p")}
    nested = {id(t) for table in root.iter(f"{_HP}tbl") for t in table.iter(f"{_HP}tbl") if t is not table}
    blocks: list[str] = []
    for paragraph in root.iter(f"{_HP}p"):
        if id(paragraph) in in_tables:
            continue
        tables = [t for t in paragraph.iter(f"{_HP}tbl") if id(t) not in nested]
        if tables:
            for table in tables:
                grid, marked = _hwpx_grid(table)
                blocks.extend(table_lines(grid, marked or looks_like_header(grid)))
            continue
        text = "".join(t.text or "" for t in paragraph.iter(f"{_HP}t")).strip()
        if text:
            blocks.append(text)
    return blocks


def _hwpx_grid(table: ElementTree.Element) -> tuple[Grid, bool]:
    """(cell texts row by row, whether the first row is marked as a header). OWPML gives each
    cell (hp:tc) its place (hp:cellAddr colAddr/rowAddr) and span (hp:cellSpan); a cell merged
    down several rows is repeated in each, one merged across columns is read once, under its first
    column. Hangul marks a header cell with header="1" (표 > 셀 속성 > 제목 셀)."""
    placed: dict[tuple[int, int], str] = {}
    header_cells: list[bool] = []
    for r, row in enumerate(table.findall(f"{_HP}tr")):
        for c, cell in enumerate(row.findall(f"{_HP}tc")):
            address = cell.find(f"{_HP}cellAddr")
            span = cell.find(f"{_HP}cellSpan")
            row_at = int(address.get("rowAddr", r)) if address is not None else r
            col_at = int(address.get("colAddr", c)) if address is not None else c
            rows_spanned = int(span.get("rowSpan", 1)) if span is not None else 1
            text = " ".join(
                "".join(t.text or "" for t in p.iter(f"{_HP}t")).strip()
                for p in cell.iter(f"{_HP}p")
                if p.find(f".//{_HP}tbl") is None  # a table in a cell: its own cells say it
            )
            for down in range(max(rows_spanned, 1)):
                placed.setdefault((row_at + down, col_at), text)
            if row_at == 0:
                header_cells.append(cell.get("header") in ("1", "true"))
    if not placed:
        return [], False
    height = max(r for r, _ in placed) + 1
    width = max(c for _, c in placed) + 1
    grid = [[placed.get((r, c), "") for c in range(width)] for r in range(height)]
    return grid, bool(header_cells) and all(header_cells)


def _hpf_title(archive: zipfile.ZipFile) -> str:
    try:
        root = ElementTree.fromstring(archive.read("Contents/content.hpf"))
    except KeyError:
        return ""
    for element in root.iter():
        if element.tag.endswith("}title") and (element.text or "").strip():
            return element.text.strip()
    return ""


def read_hwp(raw: bytes) -> Extracted:
    """HWP 5 (the binary format) has no maintained offline reader on PyPI: see README."""
    raise UnreadableFile(
        "HWP (binary) is not supported: save it as HWPX or PDF from Hangul (파일 > 다른 이름으로 저장)"
    )


# Office formats a city's folder holds that CivicBot does not read: reported (not silently left
# out), so that staff know the file is not indexed and what to save it as.
_UNSUPPORTED = {
    ".doc": "Word 97-2003 (.doc) is not supported: save it as .docx or PDF",
    ".rtf": "RTF is not supported: save it as .docx or PDF",
    ".odt": "OpenDocument text (.odt) is not supported: save it as .docx or PDF",
    ".xls": "spreadsheets are not read: save the sheet as PDF, or its text as .docx",
    ".xlsx": "spreadsheets are not read: save the sheet as PDF, or its text as .docx",
    ".ppt": "presentations are not read: save them as PDF",
    ".pptx": "presentations are not read: save them as PDF",
}


def _refuse(reason: str):
    def read(raw: bytes) -> Extracted:
        raise UnreadableFile(reason)

    return read


READERS = {
    **{suffix: _refuse(reason) for suffix, reason in _UNSUPPORTED.items()},
    ".txt": read_txt,
    ".html": read_html,
    ".htm": read_html,
    ".pdf": read_pdf,
    ".docx": read_docx,
    ".hwpx": read_hwpx,
    ".hwp": read_hwp,
}
