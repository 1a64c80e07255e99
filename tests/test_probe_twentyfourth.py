"""Newcomer probe of the twenty-fourth pass (branch probe24): defects found against a live server.

Each test states what should happen; the ones marked FAILS failed on 827c5c4 (the dlg24 merge).
They use the domain functions directly (no index, no server), so they run in a second.

1. FAILS: a run of one acknowledgement letter ending in another character ("네" × 200 + "x",
   "ㅇ" × 1999 + "x") backtracks polynomially (about n^3.5) in ``text.is_acknowledgement``, which
   the Dialogue calls on the event loop: POST /api/chat {"text": "ㅇ"*1999 + "x"} held one core at
   100 % for over ten minutes and every other request (/healthz included) timed out.
2. FAILS: a foreign phone number in a report ("+1 415 555 0100", "+44 20 7946 0958") is published
   unmasked (GET /api/complaints/{id}, the map's GeoJSON, Open311), as is a Korean mobile number
   spelled "zero one zero 1234 5678".
3. FAILS: Open311 ``end_date=0001-01-01T00:00:00Z`` (or ``start_date=9999-12-31T23:59:59Z``) raises
   OverflowError in ``georeport.Open311RequestsQuery.filters``; the view answers the generic "General
   service error" 400 and logs a traceback, instead of the spec's 400 naming the date.
"""

from __future__ import annotations

import time
from zoneinfo import ZoneInfo

import pytest

from civicbot import privacy
from civicbot.errors import DomainError
from civicbot.georeport import Open311RequestsQuery
from civicbot.text import is_acknowledgement

SEOUL = ZoneInfo("Asia/Seoul")


@pytest.mark.parametrize("letter", ["ㅇ", "네", "아", "응"])
def test_a_run_of_one_acknowledgement_letter_is_read_at_once(letter: str) -> None:
    text = letter * 200 + "x"  # 200: about 3 s on 827c5c4; 1,999: hours
    started = time.perf_counter()
    assert not is_acknowledgement(text)
    assert time.perf_counter() - started < 1.0  # the event loop waits on this


def test_acknowledgements_still_read() -> None:
    for text in ("응", "넵넵", "아 그렇구나", "ㅇㅇ", "ok", "got it"):
        assert is_acknowledgement(text), text


@pytest.mark.parametrize(
    "number",
    ["+1 415 555 0100", "+44 20 7946 0958", "zero one zero 1234 5678"],
)
def test_a_phone_number_in_a_report_is_never_public(number: str) -> None:
    split = privacy.split(f"포트홀 있어요 {number}")
    assert "0100" not in split.public.text and "0958" not in split.public.text
    assert "5678" not in split.public.text


@pytest.mark.parametrize("number", ["010-1234-5678", "+82 10-1234-5678", "공일공 일이삼사 오육칠팔"])
def test_korean_numbers_are_masked(number: str) -> None:
    assert "5678" not in privacy.split(f"포트홀 있어요 {number}").public.text
    assert "오육칠팔" not in privacy.split(f"포트홀 있어요 {number}").public.text


@pytest.mark.parametrize(
    "dates",
    [{"end_date": "0001-01-01T00:00:00Z"}, {"start_date": "9999-12-31T23:59:59Z"}],
)
def test_open311_dates_at_the_ends_of_the_calendar_are_a_domain_error(dates: dict[str, str]) -> None:
    query = Open311RequestsQuery(**dates)
    try:
        query.filters(SEOUL)
    except DomainError:
        pass  # the spec's 400, naming the dates
    except OverflowError as error:  # pragma: no cover - the defect
        pytest.fail(f"OverflowError escaped: {error}")
