"""Heading lines in text that has no heading markup (PDF pages, plain text files).

A PDF or a .txt file gives a heading as a line of its own ("신청 방법") above the first line of its
section. Read as the start of that line's paragraph, it became the start of the first sentence
("신청 방법 주민센터에 방문해…"), which answers then quoted (newcomer trial, 2026-12-01, finding 16).
A line is a heading when it is short, does not end a sentence, and stands above a longer line:

- it starts a paragraph (the text's first line, or after a blank line, a sentence end or a heading);
- it is at most 30 characters, and at most 60% of the widest line of its page or file: a line of a
  paragraph broken at the page's width is nearly as wide as the widest, a heading is not;
- it holds no figure (beyond its number, below) and no "label: value": a heading becomes the
  name of its section, and its words are no longer among the sentences an answer can quote;
- it ends neither a sentence (. ! ? 。 다 요) nor a clause (: ; ,), and its last word is a name
  (Kiwi's tags: a noun, a number, a foreign word, a nominal ending such as 신청하기), not a
  particle or ending that a next line would continue ("버스 노선은", "가까운"), and it has no
  topic particle (은, 는, 도, 만), which opens a sentence rather than names a section;
- the next line is longer. (Kiwi's spacing model, which tells a line broken inside a word, is no
  judge here: it joins a heading's last noun and the next line's first into one compound,
  "안내" + "대피소". A line broken inside a word is a paragraph's line, as wide as the page.)
- a numbered or marked line ("1. 지원 대상", "가. 신청 방법", "□ 문의") is a heading by the same
  rules, unless the line before or after carries the same kind of mark: that is a list, not a
  heading ("1. 신분증" / "2. 주민등록등본").
"""

from __future__ import annotations

import re

_MOST_CHARS = 30
_WIDTH_SHARE = 0.6
_ENDS = re.compile(r"(?:[.!?。:;,]|다|요)[\"'”’)\]」』]*$")
_LETTER = re.compile(r"[A-Za-z\uac00-\ud7a3]")
_DIGIT = re.compile(r"\d")
# A line with a label and its value ("문의: 구청 복지과") or a table row states a fact: a heading's
# text names its section and is not among the sentences an answer quotes, so such lines stay text.
_STATES_NOTHING = re.compile(r"^[^:|]*$")
# Kiwi's tags a heading may end with: nouns (NNG, NNP, NNB, NR, NP), foreign words, numbers,
# Hanja, a noun suffix (XSN: 이용자"들"), a nominal ending (ETN: 신청하"기") and brackets or symbols.
_NAME_TAGS = ("NN", "NR", "NP", "SL", "SN", "SH", "XSN", "ETN", "SSC", "SW", "SO")
_ENGLISH_LINKS = {"a", "an", "the", "of", "to", "for", "and", "or", "in", "on", "at", "with", "by", "from"}
_MARKS = [
    ("number", re.compile(r"^\d{1,2}[.)]\s")),
    ("bracketed number", re.compile(r"^\(\d{1,2}\)\s?")),
    ("circled number", re.compile(r"^[\u2460-\u2473]\s?")),
    ("letter", re.compile(r"^[가-하][.)]\s")),
    ("bracketed letter", re.compile(r"^\([가-하]\)\s?")),
    ("roman", re.compile(r"^[\u2160-\u216b][.)]?\s")),
    ("bullet", re.compile(r"^([□■○●◦◎◇◆▶▷►•·\-*※])\s?")),
]


def heading_lines(lines: list[str]) -> set[int]:
    """Indices of the heading lines among ``lines`` (one page or one file, lines stripped of
    their ends; "" is a blank line). Shapes: see the module's docstring."""
    widest = max((len(line) for line in lines), default=0)
    found: set[int] = set()
    starts = True
    for at, line in enumerate(lines):
        if not line:
            starts = True
            continue
        before = lines[at - 1] if at else ""
        after = next((following for following in lines[at + 1 :] if following), "")
        if starts and is_heading(line, before, after, widest):
            found.add(at)
            continue
        starts = bool(_ENDS.search(line))
    return found


def is_heading(line: str, before: str, after: str, widest: int) -> bool:
    """Whether ``line``, which starts a paragraph, is a heading over ``after`` (the next non-blank
    line; ``before`` is the line above, "" when blank), ``widest`` the widest line around it."""
    if not after or len(line) > _MOST_CHARS or len(line) > _WIDTH_SHARE * widest or len(after) <= len(line):
        return False
    if _ENDS.search(line) or not _LETTER.search(line) or not _STATES_NOTHING.search(line):
        return False
    mark = _mark(line)
    if _DIGIT.search(_without_number(line)):
        return False  # "전화 02-120", "2시간 1,000원": a heading's words leave the quotable text
    if mark and mark in (_mark(before), _mark(after)):
        return False  # an item of a list
    return _ends_with_a_name(line)


def _without_number(line: str) -> str:
    """``line`` without a leading number or letter mark ("1. ", "(가)", "①")."""
    for kind, pattern in _MARKS:
        match = pattern.match(line)
        if match and kind != "bullet":
            return line[match.end() :]
    return line


def _mark(line: str) -> str:
    for kind, pattern in _MARKS:
        match = pattern.match(line)
        if match:
            return kind if kind != "bullet" else match.group(1)
    return ""


def _ends_with_a_name(line: str) -> bool:
    last_word = line.rsplit(" ", 1)[-1]
    if last_word.isascii():
        return last_word.lower().strip("()[]") not in _ENGLISH_LINKS
    from civicbot.ingest.korean import kiwi

    tokens = kiwi().tokenize(line)
    # A topic particle (JX: 은, 는, 도, 만) opens a sentence ("신청은 가까운 동" / "주민센터에서…").
    return bool(tokens) and tokens[-1].tag.startswith(_NAME_TAGS) and not any(t.tag == "JX" for t in tokens)
