"""Any city document on disk -> a :class:`Document` the knowledge base can chunk and search.

The knowledge dir is read recursively. Sub-folders are departments (a folder named after a
language, ``ko`` or ``en``, is not). Markdown may have YAML front matter; everything it does not
give is derived: the title from the first heading (else the file name), the language from the
text, ``updated`` from the file's modification time. Other formats go through the readers in
:mod:`civicbot.ingest.formats`. A file that cannot be read becomes a ContentError
(``path:line: reason``) and is skipped; it never stops the server.
"""

from __future__ import annotations

import datetime as dt
import errno
import glob
import hashlib
import json
import logging
import os
import re
import unicodedata
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path

from civicbot.content import ContentError, ContentFileError, key_line, load_yaml, relative_name
from civicbot.i18n import LANGUAGES
from civicbot.ingest.formats import (
    READER_VERSION,
    READERS,
    Extracted,
    UnreadableFile,
    first_heading,
)
from civicbot.ingest.tables import table_lines
from civicbot.text import normalise

log = logging.getLogger(__name__)

MARKDOWN = (".md", ".markdown")
SUPPORTED = (*MARKDOWN, ".txt", ".html", ".htm", ".pdf", ".docx", ".hwpx")
# Files read as they are by /knowledge/<doc_id> (the rest is shown as a plain page of its text).
ORIGINAL_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".hwpx": "application/hwp+zip",
}
_SKIP_NAMES = {"readme.md", "slugs.txt"}
FOLDER = "folder"  # format_summary's key for links to folders outside the knowledge folder
# Longer text is refused with a reason rather than indexed: a 2 MB file of minutes (700,000
# characters, 21,000 sentences) took the index past a quarter of an hour and kept the server
# "loading" all that time (newcomer trial, 2026-12-01). 500,000 characters is about 250 pages.
MAX_DOCUMENT_CHARS = 500_000


@dataclass(frozen=True)
class Document:
    """One city document, whatever its format."""

    doc_id: str  # path relative to the knowledge dir, with its extension (ko/s-net.md), in NFC
    title: str
    language: str  # ko | en
    department: str  # from the front matter, else the folders it sits in
    source_url: str  # where the city publishes it, "" when unknown
    updated: str  # ISO date, "" when unknown
    body: str  # Markdown-ish text: '#' headings, blank-line paragraphs
    digest: str  # sha256 of the file's bytes and the reader/chunker versions: keys the caches
    fmt: str = "md"  # the file's extension without the dot
    # The path as the disk spells it: a Mac writes Korean names decomposed (NFD), and the doc_id,
    # which links and citations use, is the composed form (NFC) a browser sends back.
    file: str = ""
    # A PDF's pages: the character offset in ``body`` where each starts, page 1 first; () for
    # other formats. A citation opens the page holding the quoted sentence (civicbot.citations).
    page_starts: tuple[int, ...] = ()


def discover(root: Path) -> list[Path]:
    """Every file under root that is a document or claims to be one (hidden files ignored), in
    path order, and every link to a folder outside root, so that read_document reports it.

    Folders are walked without following links (os.walk's default): a link to a folder inside
    root would list its documents a second time, and one to a folder outside is not read
    (read_document says so). A link named as a document is listed whatever it points at, even
    nothing or a loop of links; read_document reads it only when it leads to a file inside root.
    """
    if not root.is_dir():
        return []
    found: list[Path] = []
    for folder, folders, files in os.walk(root):
        here = Path(folder)
        folders[:] = [name for name in folders if not name.startswith(".")]  # not entered
        found += [
            here / name
            for name in folders
            if (here / name).is_symlink() and followed(here / name, root) is None
        ]
        found += [
            here / name
            for name in files
            if not name.startswith(".")
            # "~$계획.docx" is the lock file Word and HWP leave beside an open document.
            and not name.startswith("~$")
            and name.lower() not in _SKIP_NAMES
            and Path(name).suffix.lower() in READERS.keys() | MARKDOWN  # .hwp, .doc…: reported, not read
            and ((here / name).is_file() or (here / name).is_symlink())  # not a pipe or a socket
            and not _saved_page_part(here / name, root)
        ]
    return sorted(found)


def followed(path: Path, root: Path) -> Path | None:
    """``path`` with every link on the way followed (os.path.realpath), or None when that leads
    outside ``root`` (itself resolved, so a knowledge folder that is a link works).

    Only what lies inside the knowledge folder is indexed and published: a link inside it to
    ``/etc`` or to another department's share would put that file on the public
    /knowledge/<doc_id> page. Never raises: a loop of links resolves to where the loop starts
    (inside or outside root), and reading it then fails with ELOOP.
    """
    base = Path(os.path.realpath(root))
    real = Path(os.path.realpath(path))
    return real if real.is_relative_to(base) else None


def _saved_page_part(path: Path, root: Path) -> bool:
    """Whether ``path`` lies in the ``<page>_files`` folder a browser's "Save as: complete page"
    (and Word's "Save as Web Page") writes beside ``<page>.htm(l)``: its scripts, styles, images
    and the ads' or widgets' own frames (``banner.html``, ``saved_resource.html``) belong to that
    page, not documents of their own."""
    folder = path.parent
    while folder != root and folder.is_relative_to(root):
        if folder.name.endswith("_files"):
            page = glob.escape(folder.name.removesuffix("_files"))
            if any(s.suffix.lower() in (".htm", ".html") for s in folder.parent.glob(f"{page}.*")):
                return True
        folder = folder.parent
    return False


def read_document(path: Path, root: Path, version: str = "", cache_dir: Path | None = None) -> Document:
    """Read one file; raise ContentFileError(``path:line: reason``) when it cannot be used.

    ``version`` is mixed into the digest (the chunker's version), so that a change in chunking
    invalidates cached vectors. With ``cache_dir``, the extracted text of non-Markdown files is
    kept there by content hash: a PDF is parsed once, not on every start.
    """
    name = relative_name(path, root)
    raw = _read_inside(path, root, name)
    if not raw:
        raise ContentFileError(ContentError(name, 1, "the file is empty (0 bytes)"))
    digest = hashlib.sha256(f"{version}\n{READER_VERSION}\n".encode() + raw).hexdigest()
    suffix = path.suffix.lower()
    meta: dict = {}
    if suffix in MARKDOWN:
        meta, body, line = _split_markdown(raw, name)
        extracted = Extracted(str(meta.get("title") or "") or first_heading(body), body)
        body_line = line
    else:
        extracted = _extract_cached(suffix, raw, digest, name, cache_dir)
        meta = dict(extracted.meta)
        body_line = 1
    body, page_starts = _normalise_pages(extracted.body, meta.pop("page_starts", None))
    if not body.strip():
        raise ContentFileError(ContentError(name, body_line, "the document has no text"))
    if len(body) > MAX_DOCUMENT_CHARS:
        raise ContentFileError(
            ContentError(
                name,
                1,
                f"too long to index ({len(body):,} characters; the limit is {MAX_DOCUMENT_CHARS:,}): "
                "split it into documents by topic",
            )
        )
    title = normalise(str(meta.get("title") or extracted.title or _title_from_name(path)))
    language = str(meta.get("language") or detect_document_language(body))
    return Document(
        doc_id=unicodedata.normalize("NFC", name),
        title=title,
        language=language,
        department=normalise(str(meta.get("department") or _department(path, root))),
        source_url=str(meta.get("source_url") or ""),
        updated=_iso(meta.get("updated")) or _mtime_date(path),
        body=body,
        digest=digest,
        fmt=suffix.lstrip("."),
        file=name,
        page_starts=page_starts,
    )


def _read_inside(path: Path, root: Path, name: str) -> bytes:
    """The bytes of the file at ``path``, read through its links only when they lead to a file
    inside ``root`` (followed); ContentFileError with a reason staff can act on otherwise. The
    resolved path is read, not the link again, so the link cannot be turned elsewhere between
    the check and the read."""
    real = followed(path, root)
    if real is None:
        target = os.path.realpath(path)
        if os.path.isdir(target):
            reason = (
                f"a link to a folder outside the knowledge folder ({target}): its files are not read; "
                "copy them into the folder instead"
            )
            raise ContentFileError(ContentError(f"{name}/", 1, reason))
        reason = (
            f"a link to a file outside the knowledge folder ({target}): it is not read or published; "
            "copy the file into the folder instead"
        )
        raise ContentFileError(ContentError(name, 1, reason))
    try:
        return real.read_bytes()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            reason = "a link that leads back to itself (a loop of links): point it at a file, or remove it"
        elif path.is_symlink() and exc.errno == errno.ENOENT:
            reason = (
                f"a link to a file that is not there ({os.readlink(path)}): point it at a file, or remove it"
            )
        else:
            reason = f"cannot read the file ({exc.strerror})"
        raise ContentFileError(ContentError(name, 1, reason)) from None


def _normalise_pages(body: str, starts: object) -> tuple[str, tuple[int, ...]]:
    """(normalise_body(body), ``starts`` moved to the same places in it). Each start is the first
    character of a paragraph and normalise_body works line by line (a table never spans the
    blank line before a paragraph), so normalising the pages one by one and joining them gives
    the same body, and the lengths before each page are its new start. Starts that are not a
    list of ascending offsets into ``body`` (a hand-edited cache) are dropped: ``()``."""
    valid = (
        isinstance(starts, list)
        and all(isinstance(at, int) and 0 <= at <= len(body) for at in starts)
        and starts == sorted(starts)
    )
    if not valid or not starts:
        return normalise_body(body), ()
    pages = [body[at:end] for at, end in zip(starts, [*starts[1:], len(body)], strict=True)]
    parts = [normalise_body(body[: starts[0]])] + [normalise_body(page) for page in pages]
    moved, at = [], len(parts[0])
    for part in parts[1:]:
        moved.append(at)
        at += len(part)
    return "".join(parts), tuple(moved)


def _markdown_text(raw: bytes) -> str:
    """Markdown's text: UTF-8 (with or without BOM), UTF-16 with its BOM, or CP949 — Notepad on a
    Korean Windows PC saved CP949 until 2019 and still does when asked for "ANSI". Unlike a .txt
    file, no other encoding is guessed: front matter is read as data, and a guess at bytes that are
    no Korean text (charset-normalizer reads anything as some code page) would index garbage.
    UnicodeDecodeError when it is none of these."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp949")


def _split_markdown(raw: bytes, name: str) -> tuple[dict, str, int]:
    """(front matter, body, the body's first line). Front matter is optional but checked if given."""
    try:
        text = _markdown_text(raw)
    except UnicodeDecodeError:
        raise ContentFileError(
            ContentError(name, 1, "not UTF-8 (nor CP949) text: save it as UTF-8")
        ) from None
    lines = text.replace("\r\n", "\n").split("\n")
    if not lines or lines[0].strip() != "---":
        return {}, "\n".join(lines).strip(), 1
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        raise ContentFileError(
            ContentError(name, 1, "front matter is not closed with a '---' line")
        ) from None
    front_text = "\n".join(lines[1:end])
    meta = load_yaml(front_text, name, first_line=2)
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise ContentFileError(ContentError(name, 2, "front matter must be 'key: value' lines"))
    _check_meta(meta, front_text, name)
    return meta, "\n".join(lines[end + 1 :]).strip(), end + 1


def _check_meta(meta: dict, front_text: str, name: str) -> None:
    def fail(key: str, reason: str) -> None:
        raise ContentFileError(ContentError(name, key_line(front_text, key, first_line=2), reason))

    language = meta.get("language")
    if language is not None and language not in LANGUAGES:
        fail("language", f"language must be one of {', '.join(LANGUAGES)}, not {language!r}")
    url = meta.get("source_url")
    if url and not str(url).startswith(("http://", "https://")):
        fail("source_url", f"source_url must be an http(s) address, not {url!r}")
    updated = meta.get("updated")
    if updated and not _iso(updated):
        fail("updated", f"updated must be a date like 2019-12-31, not {updated!r}")


def _extract_cached(suffix: str, raw: bytes, digest: str, name: str, cache_dir: Path | None) -> Extracted:
    cached = cache_dir / f"{digest}.json" if cache_dir else None
    if cached and cached.exists():
        try:
            return Extracted(**json.loads(cached.read_text(encoding="utf-8")))
        except (ValueError, TypeError, OSError):
            pass  # a torn cache file is simply rebuilt
    try:
        extracted = READERS[suffix](raw)
    except UnreadableFile as exc:
        raise ContentFileError(ContentError(name, 1, str(exc))) from None
    except Exception as exc:  # a library choking on a broken file must not stop the index
        log.debug("reader failed on %s", name, exc_info=True)
        raise ContentFileError(
            ContentError(name, 1, f"cannot read the file ({type(exc).__name__})")
        ) from None
    if cached:
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(".tmp")
        tmp.write_text(json.dumps(asdict(extracted), ensure_ascii=False, default=str), encoding="utf-8")
        tmp.replace(cached)
    return extracted


def normalise_body(body: str) -> str:
    """NFC and collapsed spaces on every line; blank lines (paragraph breaks) are kept.

    A Markdown table loses its rule line ("|---|---|") and its bars: each row becomes a paragraph
    of its own that names its columns when the table has a header row ("구분: 캠핑, 평일: 30,000원,
    주말: 40,000원."), as tables of the other formats are read (civicbot.ingest.tables): an answer
    never quotes a row of dashes, and a quoted row says what its figures are."""
    lines: list[str] = []
    source = body.split("\n")
    at = 0
    while at < len(source):
        end = at
        while end < len(source) and (_TABLE_ROW.fullmatch(source[end]) or _TABLE_RULE.fullmatch(source[end])):
            end += 1
        if end > at:
            lines.extend(_markdown_table(source[at:end]))
            at = end
            continue
        line = source[at]
        lines.append(normalise(line) if line.strip() else "")
        at += 1
    return "\n".join(lines)


def _markdown_table(block: list[str]) -> list[str]:
    """A Markdown table's lines -> its rows as paragraphs. In GFM the row above the rule line is
    the header row; a rule line alone (a thematic break, "---") is dropped."""
    rows = [line for line in block if not _TABLE_RULE.fullmatch(line)]
    header = (
        len(block) >= 2 and bool(_TABLE_ROW.fullmatch(block[0])) and bool(_TABLE_RULE.fullmatch(block[1]))
    )
    grid = [
        [cell.replace("\\|", "|") for cell in _CELL_BAR.split(_TABLE_ROW.fullmatch(row).group(1))]
        for row in rows
    ]
    paragraphs: list[str] = []
    for line in table_lines(grid, header):
        paragraphs += ["", normalise(line), ""]
    return paragraphs


_TABLE_RULE = re.compile(
    r"\s*+\|?\s*+:?-{3,}+:?\s*+(?:\|\s*+:?-{3,}+:?\s*+)*+\|?\s*+"
)  # possessive: no backtracking
_TABLE_ROW = re.compile(r"\s*\|(.*)\|\s*")  # "| |" too: a row of empty cells
_CELL_BAR = re.compile(r"(?<!\\)\|")  # a bar between cells; "\|" is a bar inside a cell


_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_LATIN = re.compile(r"[A-Za-z]")


def detect_document_language(text: str) -> str:
    """'ko' when Hangul letters make up at least a fifth of the letters: Korean pages quote
    English names (S-Net, Wi-Fi), English pages rarely quote Hangul."""
    counts = Counter("ko" if _HANGUL.match(c) else "en" for c in text if _HANGUL.match(c) or _LATIN.match(c))
    total = sum(counts.values())
    return "ko" if total and counts["ko"] / total >= 0.2 else "en"


def _title_from_name(path: Path) -> str:
    return re.sub(r"[_\-]+", " ", path.stem).strip() or path.name


def _department(path: Path, root: Path) -> str:
    try:
        parts = path.relative_to(root).parts[:-1]
    except ValueError:
        return ""
    return " / ".join(p for p in parts if p.lower() not in LANGUAGES)


def _iso(value: object) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value or "").strip()[:10]
    try:
        return dt.date.fromisoformat(text).isoformat() if text else ""
    except ValueError:
        return ""


def _mtime_date(path: Path) -> str:
    try:
        return dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC).date().isoformat()
    except OSError:
        return ""


def load_documents(
    root: Path, version: str = "", cache_dir: Path | None = None
) -> tuple[list[Document], list[ContentError]]:
    """Every readable document under root; the bad ones are reported and skipped."""
    documents: list[Document] = []
    errors: list[ContentError] = []
    kept: dict[str, int] = {}  # doc_id -> its place in documents
    for path in discover(root):
        try:
            document = read_document(path, root, version, cache_dir)
        except ContentFileError as exc:
            errors.append(exc.error)  # the caller reports them (the server's log, `civicbot index`)
            continue
        # The doc_id is the name in composed Korean (NFC): a copy from a Mac (decomposed, NFD)
        # beside its composed twin gets the same doc_id, so one link would serve either file and
        # their passages would mix. The composed one is kept; the Mac's copy is reported.
        if document.doc_id in kept:
            at = kept[document.doc_id]
            if document.file == document.doc_id:
                documents[at], document = document, documents[at]
            errors.append(
                ContentError(
                    document.file,
                    1,
                    "a second file of this name, its Korean letters decomposed as a Mac writes them: "
                    "keep one of the two",
                )
            )
            continue
        kept[document.doc_id] = len(documents)
        documents.append(document)
    return documents, errors


def format_summary(documents: list[Document], errors: list[ContentError]) -> dict[str, tuple[int, int]]:
    """{extension: (read, skipped)}, for `civicbot index`; links to folders outside the knowledge
    folder are counted as skipped under FOLDER."""
    summary: dict[str, list[int]] = {}
    for doc in documents:
        summary.setdefault(doc.fmt, [0, 0])[0] += 1
    for error in errors:
        # A link to a folder outside is reported as "folder/" (read_document): it has no format.
        fmt = FOLDER if error.path.endswith("/") else Path(error.path).suffix.lower().lstrip(".") or "?"
        summary.setdefault(fmt, [0, 0])[1] += 1
    return {fmt: (read, skipped) for fmt, (read, skipped) in sorted(summary.items())}
