"""Personal data in citizens' free text: find it, mask it, and never keep a resident registration number.

Complaints are public, and people write what they would tell a clerk: their phone number, the car
that blocks their gate, their flat's unit number. Everything here is format-based on purpose:

- Resident registration numbers (주민등록번호) are matched by *format* only (YYMMDD-Gxxxxxx). Since
  October 2020 the last six digits are random, so the old checksum rejects real numbers; the date
  part is still checked so that long digit runs (amounts, accounts) are less often mistaken.
- Phone numbers: mobile (010...), Seoul and regional landlines, +82 forms. The 120 call centre and
  company numbers (1588-xxxx) are public and left alone.
- E-mail addresses, car plates (12가3456, 123가4567, 서울12가3456) and detailed addresses (101동
  1203호, 123-45번지, 테헤란로 123): a district or a street name stays readable, the doorstep does not.

Near-misses that must stay readable (dates, money, 5G, 1.7km, 2019년, 3호선, 120 다산콜센터) are kept in
tests/test_privacy.py next to the examples that must be masked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Kinds of personal data, in the order they are looked for: a longer, more specific pattern first,
# so "101동 1203호" is one detailed address and not a phone number or two numbers.
RRN = "rrn"
EMAIL = "email"
PHONE = "phone"
PLATE = "plate"
ADDRESS = "address"

KINDS = (RRN, EMAIL, PHONE, PLATE, ADDRESS)

LABELS: dict[str, dict[str, str]] = {
    RRN: {"ko": "[주민등록번호 삭제]", "en": "[ID number removed]"},
    EMAIL: {"ko": "[이메일]", "en": "[e-mail]"},
    PHONE: {"ko": "[전화번호]", "en": "[phone]"},
    PLATE: {"ko": "[차량번호]", "en": "[plate]"},
    ADDRESS: {"ko": "[상세주소]", "en": "[address]"},
}

_NOT_DIGIT_BEFORE = r"(?<![0-9A-Za-z])"
_NOT_DIGIT_AFTER = r"(?![0-9])"

# YYMMDD-Gxxxxxx, with or without the hyphen, spaces allowed around it. G (the 7th digit) is 1-4
# for citizens and 5-8 for registered foreigners (외국인등록번호 has the same shape).
_RRN = re.compile(
    _NOT_DIGIT_BEFORE
    + r"(?P<yy>\d{2})(?P<mm>0[1-9]|1[0-2])(?P<dd>0[1-9]|[12]\d|3[01])"
    + r"(?:\s*[-–—]\s*|\s?)[1-8](?:\d{6}|[*xX●]{6})"
    + _NOT_DIGIT_AFTER
)

_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")

_SEP = r"[\s.\-)]?\s?"
_PHONE = re.compile(
    _NOT_DIGIT_BEFORE
    + r"(?:"
    # mobile: 010-1234-5678, 010 1234 5678, 01012345678, 011-123-4567
    + r"01[016789]"
    + _SEP
    + r"\d{3,4}"
    + _SEP
    + r"\d{4}"
    # landline: 02-123-4567, (02) 1234-5678, 031-123-4567, 070-1234-5678
    + r"|\(?0(?:2|[3-6][1-5]|70)\)?"
    + _SEP
    + r"\d{3,4}"
    + _SEP
    + r"\d{4}"
    # international: +82 10-1234-5678, +82-2-123-4567, +82 (0)10 ...
    + r"|\+82[\s\-]?(?:\(0\))?0?(?:1[016789]|2|[3-6][1-5]|70)"
    + _SEP
    + r"\d{3,4}"
    + _SEP
    + r"\d{4}"
    + r")"
    + _NOT_DIGIT_AFTER
)

# The Hangul letters used on Korean plates (private, commercial, rental, diplomatic, military ...).
_PLATE_LETTERS = (
    "가나다라마거너더러머버서어저고노도로모보소오조구누두루무부수우주아바사자배하허호육해공국합외교영준기"
)
_REGIONS = "서울|부산|대구|인천|광주|대전|울산|세종|경기|강원|충북|충남|전북|전남|경북|경남|제주"
_PLATE = re.compile(
    r"(?:(?:"
    + _REGIONS
    + r")\s?)?"
    + _NOT_DIGIT_BEFORE
    + r"\d{2,3}\s?["
    + _PLATE_LETTERS
    + r"]\s?\d{4}"
    # "12조3456억" is a budget, not a plate; "12가3456번" is still a plate.
    + r"(?![0-9억만천원조])"
)

_ADDRESS = re.compile(
    r"(?:"
    # apartment building + unit: 101동 1203호, 101-1203 is ambiguous and left alone
    + _NOT_DIGIT_BEFORE
    + r"\d{1,4}\s?동\s?\d{1,5}\s?호(?![선기점차])"
    # unit alone: 1203호, 지하 102호 (but not 3호선 subway lines, 1호점 branches, 5호기, 3호차)
    + r"|"
    + _NOT_DIGIT_BEFORE
    + r"\d{3,5}\s?호(?![선기점차실])"
    # lot numbers: 123-45번지, 123번지, 역삼동 123-45
    + r"|"
    + _NOT_DIGIT_BEFORE
    + r"\d{1,5}(?:-\d{1,5})?\s?번지"
    + r"|(?<=[가-힣0-9](?:동|리|가))\s?\d{1,5}-\d{1,5}"
    + _NOT_DIGIT_AFTER
    # road-name addresses: 테헤란로 123, 세종대로 110, 월드컵북로4길 77-1: keep the road, mask the number
    + r"|(?<=[가-힣0-9](?:로|길))\s?\d{1,5}(?:-\d{1,5})?(?![0-9]|\s?(?:번|길|로|가|개|년|명|m|km|킬로|미터|분|시|층|%|원))"
    # English: Apt 1203, Unit 5B, #1203
    + r"|(?i:\b(?:apt|apartment|unit|suite|ste)\.?\s?#?\s?\d{1,5}[A-Za-z]?\b)"
    + r")"
)

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (RRN, _RRN),
    (EMAIL, _EMAIL),
    (PHONE, _PHONE),
    (PLATE, _PLATE),
    (ADDRESS, _ADDRESS),
)


@dataclass(frozen=True)
class Finding:
    kind: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Masked:
    text: str  # safe to publish
    kinds: tuple[str, ...]  # which kinds of personal data were found (for the reporter's notice)


def find_pii(text: str) -> list[Finding]:
    """Every piece of personal data in ``text``, left to right, never overlapping."""
    findings: list[Finding] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            # Trim the space a pattern may have swallowed before the number ("테헤란로 123").
            while start < end and text[start].isspace():
                start += 1
            if start == end or any(start < b and a < end for a, b in taken):
                continue
            taken.append((start, end))
            findings.append(Finding(kind, start, end, text[start:end]))
    return sorted(findings, key=lambda f: f.start)


def _replace(text: str, findings: list[Finding], language: str) -> str:
    out, last = [], 0
    for finding in findings:
        out.append(text[last : finding.start])
        labels = LABELS[finding.kind]
        out.append(labels.get(language, labels["ko"]))
        last = finding.end
    out.append(text[last:])
    return "".join(out)


def mask_pii(text: str, language: str = "ko") -> Masked:
    """The text with every piece of personal data replaced by a label such as [전화번호]."""
    findings = find_pii(text)
    kinds = tuple(dict.fromkeys(f.kind for f in findings))
    return Masked(_replace(text, findings, language), kinds)


def strip_rrn(text: str, language: str = "ko") -> str:
    """Only resident registration numbers removed: what the private record may keep.

    Officials may need the plate of a car blocking a fire hydrant or the phone number a reporter
    left on purpose; nobody needs a registration number, so it is never stored, not even privately.
    """
    return _replace(text, [f for f in find_pii(text) if f.kind == RRN], language)


def has_rrn(text: str) -> bool:
    return any(f.kind == RRN for f in find_pii(text))


def contact_details(text: str) -> dict[str, list[str]]:
    """Phone numbers and e-mail addresses the reporter wrote: kept privately for officials."""
    found: dict[str, list[str]] = {}
    for finding in find_pii(text):
        if finding.kind in (PHONE, EMAIL):
            found.setdefault(finding.kind, []).append(finding.text)
    return found
