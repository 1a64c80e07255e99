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
