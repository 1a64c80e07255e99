"""The twenty-third pass in Debian's Chromium (newcomer probe #23.5 and #23.6), measured, not eyed:

- the console's report tables at 1280 px: no Korean word is broken across lines in any table cell
  (분류 and 자치구 shrank to one syllable a line beside the text column), and the short columns
  fit their text on one line;
- the public map at 390 px: a report opened from its address (/map#<id>) shows its popup clear of
  the +/− zoom buttons (its title was under them), and inside the map.

The server is test_browser_console's (the real one on a free port, nothing mocked).
"""

from __future__ import annotations

import time

import pytest
from test_browser import ARTIFACTS, call_json, open_context, watched_page
from test_browser_console import (  # noqa: F401 (fixtures are found by name)
    browser,
    console_server,
    driver,
    page,
    set_password_and_sign_in,
)

pytestmark = pytest.mark.browser

# Reports whose text names a person are held for an official's review before they are public.
HELD = [
    ("도로 파손이 심해요 제 이름은 김민수입니다 연락 주세요", "road_damage", (37.5563, 126.9220)),
    (
        "쓰레기 무단투기 신고합니다 우리 집 앞이에요 옆집 아저씨 이름은 박지성이에요",
        "garbage",
        (37.5636, 126.9084),
    ),
    ("불법주차 차량이 매일 서 있어요 김영희 할머니가 차를 대요", "illegal_parking", (37.5547, 126.9707)),
]

# Every run of Hangul in a table cell that the browser laid out over more than one line.
BROKEN_WORDS = """() => {
  const broken = [];
  for (const cell of document.querySelectorAll('table th, table td')) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const m of node.data.matchAll(/[\\uac00-\\ud7a3]+/g)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
        if (lines.size > 1) broken.push(m[0]);
      }
    }
  }
  return broken;
}"""

# Per column of the first report table: (header, widest cell's text width, the column's content width).
COLUMN_FIT = """(table) => {
  const headers = [...table.querySelectorAll('thead th')].map(th => th.textContent.trim());
  return headers.map((name, i) => {
    const cells = [...table.querySelectorAll(`tbody tr td:nth-child(${i + 1})`)];
    const over = cells.filter(td => td.scrollWidth > td.clientWidth + 1).length;
    const style = getComputedStyle(table.querySelector('thead th:nth-child(' + (i + 1) + ')'));
    const header = table.querySelector('thead th:nth-child(' + (i + 1) + ')');
    const lineHeight = parseFloat(style.lineHeight) || 20;
    const padding = parseFloat(style.paddingTop) + parseFloat(style.paddingBottom);
    return {name, over, headerLines: Math.round((header.clientHeight - padding) / lineHeight),
            width: header.getBoundingClientRect().width};
  });
}"""


@pytest.fixture(scope="module")
def held_reports(console_server):  # noqa: F811
    token = call_json(console_server.url + "/api/sessions", "POST")["token"]
    made = []
    for text, category, (lat, lon) in HELD:
        body = {"text": text, "category": category, "lat": lat, "lon": lon}
        made.append(call_json(console_server.url + "/api/complaints", "POST", token, body)["id"])
    return made


def _check_tables(view, where: str) -> None:
    assert view.evaluate(BROKEN_WORDS) == [], where
    columns = view.locator("table").first.evaluate(COLUMN_FIT)
    for column in columns:
        if column["name"] in ("분류", "자치구", "상태", "접수 번호", "신고일"):
            assert column["headerLines"] == 1, (where, column)
        if column["name"] in ("분류", "접수 번호", "신고일"):
            assert column["over"] == 0, (where, column)  # nowrap, and the column gives it the width


def test_held_reports_table_keeps_its_short_columns_whole(console_server, held_reports, page):  # noqa: F811
    set_password_and_sign_in(page, console_server, "official", "kim.official")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(console_server.url + "/admin")
    review = page.locator("section[aria-labelledby='review-title']")
    rows = review.locator("tbody tr")
    assert rows.count() >= len(HELD)
    assert held_reports[0] in review.inner_text()
    _check_tables(page, "dashboard 1280")
    columns = review.locator("table").evaluate(COLUMN_FIT)
    text_width = next(c["width"] for c in columns if c["name"] == "내용")
    category_width = next(c["width"] for c in columns if c["name"] == "분류")
    assert category_width >= 60 and text_width >= 190, columns  # 12rem at least, and 분류 is not starved
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "console-dashboard-1280.png"), full_page=True)

    page.goto(console_server.url + "/admin/complaints?status=needs_review")
    page.locator("tbody tr").first.wait_for()
    _check_tables(page, "queue 1280")
    page.set_viewport_size({"width": 768, "height": 900})
    page.goto(console_server.url + "/admin")
    _check_tables(page, "dashboard 768")
    page.screenshot(path=str(ARTIFACTS / "console-dashboard-768.png"), full_page=True)


def _settled_box(view, selector: str) -> dict:
    """The element's bounding box once it has stopped moving (Leaflet's auto-pan is animated)."""
    last = None
    for _ in range(40):
        box = view.locator(selector).first.bounding_box()
        if box is not None and box == last:
            return box
        last = box
        time.sleep(0.15)
    raise AssertionError(f"{selector} never settled: {last}")


def _overlap(a: dict, b: dict) -> bool:
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


@pytest.mark.parametrize("width", [390, 360, 1280])
def test_a_popup_opened_from_the_address_is_clear_of_the_zoom_buttons(
    console_server,  # noqa: F811
    driver,  # noqa: F811
    tmp_path,
    width,
):
    token = call_json(console_server.url + "/api/sessions", "POST")["token"]
    # Long enough that the popup takes its full width, as the probe's did.
    text = "맨홀 뚜껑이 흔들려요 차가 지나갈 때마다 덜컹거리는 소리가 크게 나고 자전거가 걸려 넘어질 뻔했어요"
    body = {"text": text, "category": "road_damage", "lat": 37.5500, "lon": 126.9100}
    report = call_json(console_server.url + "/api/complaints", "POST", token, body)["id"]
    context = open_context(driver, tmp_path / "profile", viewport={"width": width, "height": 844})
    try:
        view = watched_page(context)
        view.goto(f"{console_server.url}/map#{report}")
        view.locator("#map .leaflet-popup .report-title").wait_for()
        popup = _settled_box(view, "#map .leaflet-popup-content-wrapper")
        zoom = _settled_box(view, "#map .leaflet-control-zoom")
        title = _settled_box(view, "#map .leaflet-popup .report-title")
        area = _settled_box(view, "#map")
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        view.screenshot(path=str(ARTIFACTS / f"map-popup-{width}.png"))
        assert not _overlap(popup, zoom), (popup, zoom)
        assert not _overlap(title, zoom), (title, zoom)
        assert area["x"] <= popup["x"] and popup["x"] + popup["width"] <= area["x"] + area["width"], (
            popup,
            area,
        )
        assert report in view.locator("#map .leaflet-popup .report-title").inner_text()
        view.watch.assert_clean()
    finally:
        context.close()
