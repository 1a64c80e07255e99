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

# Bump when any reader's output changes, so cached extractions and vectors are rebuilt.
READER_VERSION = "3"


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


# -- plain text ------------------------------------------------------------------------------
def read_txt(raw: bytes) -> Extracted:
    """A short first line with no sentence ending is the title, as staff write notices."""
    text = decode_text(raw).replace("\r\n", "\n").strip()
    if not text:
        raise UnreadableFile("the file is empty")
    first, _, rest = text.partition("\n")
    first = first.strip()
    if rest.strip() and len(first) <= 80 and not re.search(r"[.!?。]$|다\.?$", first):
        return Extracted(first, f"# {first}\n\n{rest.strip()}")
    return Extracted("", text)


# -- web pages -------------------------------------------------------------------------------
def read_html(raw: bytes) -> Extracted:
    """The main text of a saved web page, without its navigation, footer or copyright lines."""
    import trafilatura

    html = decode_text(raw)
    options = {"include_formatting": True, "include_tables": True, "include_comments": False}
    # Precision first: on a short page the recall-oriented fallback keeps the navigation links.
    body = trafilatura.extract(html, output_format="markdown", favor_precision=True, **options)
    if not body or not body.strip():
        body = trafilatura.extract(html, output_format="markdown", favor_recall=True, **options)
    if not body or not body.strip():
        raise UnreadableFile("no main text found in the web page")
    body = unescape_markdown(body)
    document = trafilatura.bare_extraction(html, with_metadata=True, favor_precision=True)
    meta = {}
    if getattr(document, "date", None):
        meta["updated"] = document.date
    title = (getattr(document, "title", None) or "").strip()
    # Site titles often read "Page | Site": the page part is the document's title.
    title = re.split(r"\s+[|–—-]\s+", title)[0].strip() if title else ""
    return Extracted(title or first_heading(body), body.strip(), meta)


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
    """Text of every page; lines broken mid-sentence are joined, lost word spacing restored."""
    import io

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted:
            raise UnreadableFile("the PDF is encrypted")
        pages = [page.extract_text() or "" for page in reader.pages]
        title = str((reader.metadata or {}).get("/Title") or "").strip()
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        raise UnreadableFile(f"not a readable PDF ({exc})") from None
    paragraphs = [p for page in pages for p in join_broken_lines(page, title)]
    if not paragraphs:
        raise UnreadableFile("the PDF has no text layer (a scan needs OCR first)")
    paragraphs = [p if p.startswith("# ") else restore_spacing(p) for p in paragraphs]
    return Extracted(title, "\n\n".join(paragraphs))


def join_broken_lines(page: str, title: str = "") -> list[str]:
    """Lines of a PDF page -> paragraphs. A line that does not end a sentence continues on the
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
                text += ("" if inside else " ") + line
            paragraphs.append(text)
            current.clear()

    for line in page.split("\n"):
        line = line.strip()
        if not line:
            flush()
        elif title and line == title:
            flush()
            paragraphs.append(f"# {title}")
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
        raise UnreadableFile(f"not a readable Word file ({exc})") from None
    blocks: list[str] = []
    for item in document.iter_inner_content():
        if isinstance(item, docx.table.Table):
            for row in item.rows:
                cells = [c.text.strip() for c in row.cells if c.text.strip()]
                if cells:
                    blocks.append(" | ".join(dict.fromkeys(cells)) + ".")
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
            root = ElementTree.fromstring(archive.read(name))
            for paragraph in root.iter(f"{_HP}p"):
                if any(True for _ in paragraph.iter(f"{_HP}tbl")):
                    continue  # a table's cells are paragraphs of their own, read in turn
                text = "".join(t.text or "" for t in paragraph.iter(f"{_HP}t")).strip()
                if text:
                    paragraphs.append(text)
        title = _hpf_title(archive)
    except (zipfile.BadZipFile, ElementTree.ParseError, KeyError) as exc:
        raise UnreadableFile(f"not a readable HWPX file ({exc})") from None
    if not paragraphs:
        raise UnreadableFile("the HWPX file has no text")
    if not title and len(paragraphs) > 1 and len(paragraphs[0]) <= 80:
        title = paragraphs[0]
    if title and paragraphs[0] == title:
        paragraphs[0] = f"# {title}"
    return Extracted(title, "\n\n".join(paragraphs))


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


READERS = {
    ".txt": read_txt,
    ".html": read_html,
    ".htm": read_html,
    ".pdf": read_pdf,
    ".docx": read_docx,
    ".hwpx": read_hwpx,
    ".hwp": read_hwp,
}
