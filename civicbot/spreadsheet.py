"""The one guard every CSV and XLSX export goes through: no cell a spreadsheet would run.

A citizen's words reach officials' spreadsheets: a report's description, a proposal's options that
become a poll's, a name typed at the sign-in form. Excel, LibreOffice and Google Sheets read a cell
that starts with ``=``, ``+``, ``-`` or ``@`` as a formula (``=HYPERLINK(...)`` leaks the sheet,
``=cmd|' /C calc'!A0`` runs a program); a leading tab or carriage return hides such a start from
some readers. The rule and its remedy are OWASP's "CSV Injection" guidance
(https://owasp.org/www-community/attacks/CSV_Injection): such a cell starts with a single quote
instead, so the text is shown, never run. openpyxl makes a string starting with ``=`` a formula
cell, so the same guard keeps every XLSX cell a plain string.

Used by: voicemap.export_csv (and triage.export_xlsx, which reads it), polls' results and bulletin
CSV and the results XLSX (web, console and ``civicbot polls export``), officials.audit_csv.
"""

from __future__ import annotations

from collections.abc import Iterable

# OWASP's list: the four formula starts, and the tab and carriage return that can hide one.
FORMULA_STARTS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")


def cell(value: object) -> object:
    """``value`` as an export writes it: a text starting with one of ``FORMULA_STARTS`` gets a
    leading ``'``; anything else (numbers, dates, None, other texts) is returned unchanged.
    Applying it twice changes nothing more (the quote is not a formula start)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def row(values: Iterable[object]) -> list[object]:
    """Every value of a row through ``cell``."""
    return [cell(v) for v in values]
