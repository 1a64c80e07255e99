"""What a newcomer found in the browser (newcomer.md), checked in Debian's Chromium on the real server.

Reuses tests/test_browser.py's server, browser and widget helpers.
"""

from __future__ import annotations

import pytest
from test_browser import (  # noqa: F401 (fixtures are found by name)
    ask,
    bot_messages,
    browser,
    host_site,
    live_server,
    open_widget,
    page,
    playwright_driver,
)

pytestmark = pytest.mark.browser


def test_an_english_answer_on_a_korean_page_is_labelled_in_english(live_server, page):  # noqa: F811
    """F11: on a Korean page an English answer came under "출처:" (and "챗봇:" for screen readers)."""
    page.goto(live_server.url + "/")
    open_widget(page)
    ask(page, "How long is Seoul's own fiber network S-Net?")
    answer = bot_messages(page).last
    assert answer.get_attribute("lang") == "en"
    assert answer.locator(".sources-label").inner_text().startswith("Sources")
    assert answer.locator(".sr-only").first.inner_text().startswith("Bot")
    ask(page, "에스넷이 뭐예요?")
    korean = bot_messages(page).last
    assert korean.get_attribute("lang") is None  # the page's own language
    assert korean.locator(".sources-label").inner_text().startswith("출처")
    page.reload()  # the transcript keeps each message's language
    page.get_by_role("log").wait_for()
    assert bot_messages(page).nth(-2).locator(".sources-label").inner_text().startswith("Sources")


def test_a_proposal_page_has_a_support_button(live_server, page):  # noqa: F811
    """F19: /proposals/{id} only said to type “/proposals support N” in the chat; polls have a button."""
    from test_browser import call_json

    token = call_json(live_server.url + "/api/sessions", "POST")["token"]
    made = call_json(
        live_server.url + "/api/proposals",
        "POST",
        token,
        {"title": "한강공원에 그늘막을 더 설치할까요?", "options": ["찬성", "반대"]},
    )
    supports = call_json(f"{live_server.url}/api/proposals/{made['id']}")["supports"]  # the proposer's own
    page.goto(f"{live_server.url}/proposals/{made['id']}")
    before = bot_messages(page).count()
    page.get_by_role("button", name="이 제안에 공감하기").click()
    page.get_by_role("log").wait_for()
    page.wait_for_function(
        "n => document.querySelector('#civicbot-widget').shadowRoot.querySelectorAll('.msg.bot').length > n",
        arg=before,
    )
    assert call_json(f"{live_server.url}/api/proposals/{made['id']}")["supports"] == supports + 1


def test_the_maps_filter_selects_are_big_enough_not_to_zoom_on_a_phone(live_server, page):  # noqa: F811
    """F27: the three filter selects on /map computed to 15.2px; iOS zooms into a control under 16px."""
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(live_server.url + "/map")
    selects = page.locator(".map-filters select")
    assert selects.count() == 3
    sizes = selects.evaluate_all("nodes => nodes.map(n => parseFloat(getComputedStyle(n).fontSize))")
    assert all(size >= 16 for size in sizes), sizes


def _at_the_photo_step(tab, language: str) -> None:
    from test_browser import press_choice

    open_widget(tab, language)
    press_choice(tab, "민원 신고하기" if language == "ko" else "Report a problem")
    ask(tab, "가로등이 나갔어요" if language == "ko" else "The street light is out", language)
    ask(tab, "마포구 합정동", language)
    tab.locator(".file-row").wait_for()


@pytest.mark.parametrize(
    ("path", "language", "button", "none"),
    [
        ("/", "ko", "사진 선택 (선택 사항)", "고른 사진 없음"),
        ("/?lang=en", "en", "Choose a photo (optional)", "No photo chosen"),
    ],
)
def test_the_photo_picker_speaks_the_pages_language(live_server, page, path, language, button, none):  # noqa: F811
    """F12: the native file input showed "Choose File" on Korean pages (the browser's own words)."""
    from test_browser import _axe, _png

    page.goto(live_server.url + path)
    _at_the_photo_step(page, language)
    native = page.locator("#cb-photo")
    label = page.locator("label.file-button")
    assert label.inner_text() == button and label.is_visible()
    assert page.locator(".file-name").inner_text() == none
    box = native.bounding_box()
    assert box is None or (box["width"] <= 1 and box["height"] <= 1)  # its "Choose File" is not drawn
    # The keyboard reaches the input, and its focus shows on the button drawn for it.
    page.get_by_label("메시지 입력" if language == "ko" else "Your message").focus()
    for _ in range(40):
        if (
            page.evaluate("() => document.querySelector('#civicbot-widget').shadowRoot.activeElement?.id")
            == "cb-photo"
        ):
            break
        page.keyboard.press("Tab")
    else:
        raise AssertionError("Tab never reached the photo input")
    assert label.evaluate("n => getComputedStyle(n).outlineStyle") == "solid"
    native.set_input_files(files=[{"name": "lamp.png", "mimeType": "image/png", "buffer": _png()}])
    assert page.locator(".file-name").inner_text() == "lamp.png"
    assert _axe(page) == []
