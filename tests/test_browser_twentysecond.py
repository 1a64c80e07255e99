"""The twenty-second pass in Debian's Chromium: the widget's counter and limit notice (probe #31), its
focus ring (#35) and the 공감 button on a report's public page (#38), with axe-core on each.

Reuses tests/test_browser.py's server, browser and widget helpers.
"""

from __future__ import annotations

import pytest
from test_browser import (  # noqa: F401 (fixtures are found by name)
    _axe,
    browser,
    call_json,
    host_site,
    live_server,
    open_context,
    open_widget,
    page,
    playwright_driver,
    watched_page,
)

pytestmark = pytest.mark.browser

MAPO = (37.5563, 126.9220)


def _counter(tab) -> str:
    counter = tab.locator("#cb-count")
    return counter.inner_text() if counter.is_visible() else ""


def test_the_composer_counts_and_says_when_a_paste_was_cut(live_server, page):  # noqa: F811
    """#31: a 2,100-character paste was cut at 2,000 without a word."""
    page.goto(live_server.url + "/")
    open_widget(page)
    box = page.get_by_label("메시지 입력")
    assert box.get_attribute("maxlength") == "2000"
    assert box.get_attribute("aria-describedby") == "cb-count"
    box.fill("가" * 1000)
    assert _counter(page) == ""  # quiet below 90% of the limit
    box.fill("가" * 1850)
    assert _counter(page) == "1850/2000자"
    assert page.locator("#cb-count").get_attribute("aria-live") == "polite"

    # A paste as the browser does it: the paste event sees the whole text, maxlength keeps 2,000.
    box.fill("")
    box.focus()
    box.evaluate(
        """(input, text) => {
            const data = new DataTransfer();
            data.setData("text/plain", text);
            input.dispatchEvent(new ClipboardEvent("paste", {clipboardData: data, bubbles: true}));
        }""",
        "나" * 2100,
    )
    page.keyboard.insert_text("나" * 2100)
    assert len(box.input_value()) == 2000
    notice = _counter(page)
    assert "2000자를 넘어서" in notice and "들어가지 않았어요" in notice
    assert _axe(page) == []

    page.keyboard.press("Backspace")
    assert _counter(page) == "1999/2000자"


def test_the_english_notice_at_the_limit(live_server, page):  # noqa: F811
    page.goto(live_server.url + "/?lang=en")
    open_widget(page, "en")
    box = page.get_by_label("Your message")
    box.fill("a" * 2000)
    assert _counter(page) == "A message can be up to 2000 characters. Send the rest in another message."


def test_the_focus_ring_is_navy_not_red(live_server, page):  # noqa: F811
    """#35: the widget's (and the pages') focus ring was the red of an error."""
    page.goto(live_server.url + "/")
    launcher = page.get_by_role("button", name="서울특별시 챗봇에게 물어보기")
    launcher.wait_for()
    for _ in range(40):  # by keyboard, so :focus-visible applies
        page.keyboard.press("Tab")
        if launcher.evaluate("el => el.matches(':focus-visible')"):
            break
    style = launcher.evaluate(
        "el => { const s = getComputedStyle(el); return [s.outlineColor, s.outlineWidth, s.boxShadow]; }"
    )
    assert style[0] == "rgb(26, 58, 138)" and style[1] == "3px", style
    assert "rgb(255, 255, 255)" in style[2]


def test_a_report_page_supports_once_per_person_and_network(live_server, page, playwright_driver, tmp_path):  # noqa: F811
    """#38: /complaints/{id} showed the supporters but had no 공감 button."""
    token = call_json(live_server.url + "/api/sessions", "POST")["token"]
    report = call_json(
        live_server.url + "/api/complaints",
        "POST",
        token,
        {
            "text": "보도블록이 깨져서 걸려 넘어질 뻔했어요",
            "category": "road_damage",
            "lat": MAPO[0],
            "lon": MAPO[1],
        },
    )
    before = report["supports"]
    page.goto(f"{live_server.url}/complaints/{report['id']}")
    button = page.get_by_role("button", name="공감해요")
    assert _axe(page) == []
    button.click()
    page.get_by_role("status").filter(has_text="공감했어요").wait_for()
    assert page.locator("#support-count").inner_text() == f"{before + 1}명"
    assert button.is_disabled()
    assert call_json(f"{live_server.url}/api/complaints/{report['id']}")["supports"] == before + 1

    # Another browser on the same network (every test browser is 127.0.0.1): told, not counted.
    other = open_context(playwright_driver, tmp_path / "other")
    try:
        tab = watched_page(other)
        tab.goto(f"{live_server.url}/complaints/{report['id']}")
        tab.get_by_role("button", name="공감해요").click()
        tab.get_by_role("status").filter(has_text="같은 네트워크").wait_for()
        tab.watch.assert_clean()
    finally:
        other.close()
    assert call_json(f"{live_server.url}/api/complaints/{report['id']}")["supports"] == before + 1
