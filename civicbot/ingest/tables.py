"""Tables as text an answer can quote: each data row a sentence that names its columns.

A row read as bare cells ("만 65세 이상 | 10,000원.") no longer says which column is 대상 and which
is 요금 (newcomer trial, 2026-12-01, finding B), so a table with a header row becomes one line per
data row of ``header: cell`` pairs ("대상: 만 65세 이상, 요금: 10,000원."). A table without a header
row keeps its rows as cells joined by " | "; a one-column table becomes one line per cell. Every
reader (web page, Word, HWPX, Markdown) hands its table here as a grid of cell texts and says
whether the first row is a header, as its format marks one (``<th>``, a Markdown rule line, Word's
repeated header row, HWPX's header cell) or, unmarked, as :func:`looks_like_header` judges.
"""

from __future__ import annotations

import re

Grid = list[list[str]]  # rows of cell texts ("" for an empty cell), top to bottom, left to right

_SENTENCE_END = re.compile(r"[.!?。]$")
_STATEMENT = re.compile(r"[.!?。]$|(?:다|요)[.!?]?$")
_DIGIT = re.compile(r"\d")
_LABEL_MOST_CHARS = 20  # a column header is a short name: "대상", "이용 요금", "Opening hours"


def table_lines(grid: Grid, header: bool) -> list[str]:
    """One line per row of ``grid`` with a non-empty cell; empty cells are skipped.

    With ``header`` (and two or more columns), the first row names the columns and each later
    row reads "header: cell, header: cell." (a cell under an empty header cell takes the nearest
    header to its left, as a header spanning two columns leaves its second cell empty; a cell with
    no header at all stands alone). Without, a row reads "cell | cell.". A one-column table is a
    line per cell. A line ends with a full stop unless its last cell already ends a sentence."""
    rows = [[_clean(cell) for cell in row] for row in grid]
    rows = [row for row in rows if any(row)]
    if not rows:
        return []
    width = max(len(row) for row in rows)
    if width == 1:
        return [_sentence(row[0]) for row in rows]
    if header and len(rows) >= 2 and rows[0][0] and not any(rows[0][1:]):
        # A first row of one cell spanning the table ("2024년 이용 요금") is its caption: its own
        # line, and the rows under it are judged afresh.
        rest = rows[1:]
        return [
            _sentence(next(cell for cell in rows[0] if cell)),
            *table_lines(rest, looks_like_header(rest)),
        ]
    if not header or len(rows) < 2:
        return [_sentence(" | ".join(cell for cell in row if cell)) for row in rows]
    names = _spread(rows[0])
    lines = []
    for row in rows[1:]:
        pairs = [f"{name}: {cell}" if name else cell for name, cell in zip(names, row, strict=False) if cell]
        lines.append(_sentence(", ".join(pairs)))
    return lines


def looks_like_header(grid: Grid) -> bool:
    """Whether an unmarked table's first row names its columns (Word and HWPX tables made without
    a header mark). It does when the first row is short labels (at most 20 characters, no figure,
    no sentence ending; distinct; only the top-left corner may be empty) and the table is not a
    list of "label | value" pairs: with two columns, a first column of labels only (신청 장소 |
    주민센터, 준비물 | 신분증) is read as such a list. Wrongly taken, a header would name every
    cell of the table wrongly, so doubtful tables are left without one."""
    rows = [[_clean(cell) for cell in row] for row in grid if any(_clean(cell) for cell in row)]
    if len(rows) < 2 or max(len(row) for row in rows) < 2:
        return False
    first = rows[0]
    names = [cell for cell in first[1:] if cell]
    if len(names) < len(first) - 1 or not all(_label(cell) for cell in names):
        return False  # an empty header cell other than the corner, or a cell that is a value
    if first[0] and not _label(first[0]):
        return False
    if len(set(c for c in first if c)) < len([c for c in first if c]):
        return False
    if max(len(row) for row in rows) >= 3:
        return True
    # Two columns: "label | value" pairs have labels all down the first column.
    return not all(_label(row[0]) for row in rows[1:] if row and row[0])


def _label(cell: str) -> bool:
    return 0 < len(cell) <= _LABEL_MOST_CHARS and not _DIGIT.search(cell) and not _STATEMENT.search(cell)


def _spread(names: list[str]) -> list[str]:
    """Header names with an empty cell after a name taking that name (a header spanning columns)."""
    spread: list[str] = []
    for name in names:
        spread.append(name or (spread[-1] if spread else ""))
    return spread


def _clean(cell: str) -> str:
    """A cell's text on one line: a cell may hold several paragraphs."""
    return " ".join(cell.split())


def _sentence(text: str) -> str:
    return text if _SENTENCE_END.search(text) else f"{text}."
