"""The public map in a real browser (Debian's Chromium through Playwright): a report placed only at
its district's centre is drawn and described as an estimate, and the map's counts are plurals.

The server is test_browser_console's (the real one on a free port, nothing mocked); the reports are
filed through the public API, one with a point and one with only an address naming a district.
"""

from __future__ import annotations

import re

import pytest
from test_browser import ARTIFACTS, call_json
from test_browser_console import browser, console_server, driver, page  # noqa: F401

pytestmark = pytest.mark.browser

EXACT_TEXT = "정류장 앞 보도블록이 들떠 있어요"
ESTIMATED_TEXT = "가로등이 밤새 깜박거려요"


@pytest.fixture(scope="module")
def reports(console_server):  # noqa: F811
    """{kind: tracking id}: one report at a point (Gangnam), one at 중구's centre (an address only)."""
    token = call_json(console_server.url + "/api/sessions", "POST")["token"]
    made = {}
    for kind, text, where in (
        ("exact", EXACT_TEXT, {"lat": 37.4979, "lon": 127.0276}),
        ("estimated", ESTIMATED_TEXT, {"address": "중구 어딘가 999번지"}),
    ):
        body = {"text": text, "category": "street_light" if kind == "estimated" else "road_damage", **where}
        made[kind] = call_json(console_server.url + "/api/complaints", "POST", token, body)["id"]
    precision = {
        kind: call_json(f"{console_server.url}/api/complaints/{public_id}")["place_precision"]
        for kind, public_id in made.items()
    }
    assert precision == {"exact": "point", "estimated": "district"}
    return made


def _marker(view, kind: str) -> dict:
    """The SVG path Leaflet drew for the report: its dashes, fill and radius (from its path)."""
    path = view.locator(f"#map path.marker-{kind}")
    path.first.wait_for()
    assert path.count() == 1
    return path.evaluate(
        """p => ({dash: p.getAttribute('stroke-dasharray'), fill: p.getAttribute('fill-opacity'),
                 width: p.getBBox().width})"""
    )


def _open_popup(view, text: str) -> str:
    view.locator("#report-list li", has_text=text).get_by_role("button").click()
    view.wait_for_function(
        "t => [...document.querySelectorAll('#map .leaflet-popup .report-text')].some(e => e.textContent === t)",
        arg=text,
    )
    popup = view.locator("#map .leaflet-popup", has_text=text).last
    return popup.inner_text()


def test_an_estimated_point_is_drawn_and_described_as_one(console_server, reports, page):  # noqa: F811
    page.goto(console_server.url + "/map?lang=en")
    page.locator("#report-list li", has_text=ESTIMATED_TEXT).wait_for()
    exact, estimated = _marker(page, "exact"), _marker(page, "estimated")
    # Exact: filled, solid ring. Estimated: hollow, dashed, a little larger (a ring around an area).
    assert exact["dash"] is None and float(exact["fill"]) > 0.5
    assert estimated["dash"] == "4 3" and float(estimated["fill"]) == 0
    assert estimated["width"] > exact["width"]
    key = page.locator("#marker-key li").all_inner_texts()
    assert key == [
        "Where the reporter pointed (to about 50 m)",
        "Approximate location: district or neighbourhood centre",
    ]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "map-estimated-marker-en.png"), full_page=True)

    popup = _open_popup(page, ESTIMATED_TEXT)
    assert "Approximate location: district centre" in popup
    page.screenshot(path=str(ARTIFACTS / "map-estimated-popup-en.png"))
    page.locator("#map .leaflet-popup-close-button").click()
    page.goto(console_server.url + "/map?lang=en")
    popup = _open_popup(page, EXACT_TEXT)
    assert "Approximate" not in popup

    # The counts are plurals: one report in each of two districts, none elsewhere.
    legend = page.locator("#legend .legend-count").all_inner_texts()
    assert legend.count("1 report") == 2 and "1 reports" not in legend
    assert all(re.fullmatch(r"1 report|\d+ reports", entry) for entry in legend)


def test_korean_says_district_centre_roughly(console_server, reports, page):  # noqa: F811
    page.goto(console_server.url + "/map?lang=ko")
    popup = _open_popup(page, ESTIMATED_TEXT)
    assert "위치: 구 중심(대략)" in popup
    assert "공감 0명" in popup
    assert page.locator("#marker-key li").nth(1).inner_text() == "위치: 구·동 중심(대략)"
    legend = page.locator("#legend .legend-count").all_inner_texts()
    assert legend.count("신고 1건") == 2
