"""The widget and the public pages in a real browser: Debian's Chromium driven by Playwright.

The server under test is the real one (``python -m civicbot serve``) on a free port with a tmp data
dir. Nothing is mocked: the widget talks to it over a WebSocket (or HTTP), votes and reports land in
its SQLite file, and the public pages read them back. Screenshots of each step go to
tests/artifacts/. In CI (CI=true) these tests must run; locally they skip only without Chromium.
"""

from __future__ import annotations

import datetime as dt
import http.server
import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / "tests" / "node" / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")

pytestmark = pytest.mark.browser

POLL_SLUG = "browser-test-poll"
POLL_TITLE = "동네 쉼터에 가장 필요한 것은?"


def _needs(path: Path, what: str) -> None:
    """Skip locally when a tool is missing; in CI a missing tool is a failure, never a skip."""
    if path.exists():
        return
    message = f"{what} is missing ({path}); `make test` installs it"
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


# -- the server ------------------------------------------------------------------------------
@dataclass
class LiveServer:
    url: str
    data_dir: Path
    log: Path
    process: subprocess.Popen = field(repr=False)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _write_poll(polls_dir: Path) -> None:
    """An open poll with live results, asking one optional demographic (so the flow shows it)."""
    now = dt.datetime.now(dt.UTC)
    opens = (now - dt.timedelta(days=1)).isoformat(timespec="seconds")
    closes = (now + dt.timedelta(days=30)).isoformat(timespec="seconds")
    (polls_dir / f"{POLL_SLUG}.yaml").write_text(
        f"""slug: {POLL_SLUG}
title:
  ko: {POLL_TITLE}
  en: What does the neighbourhood shelter need most?
description:
  ko: 동네 무더위 쉼터에 먼저 갖출 것을 하나 골라 주세요.
  en: Pick the one thing the neighbourhood cooling shelter should get first.
options:
  - ko: 무료 와이파이
    en: Free Wi-Fi
  - ko: 휴대폰 충전기
    en: Phone chargers
  - ko: 냉방 시설
    en: Air conditioning
max_choices: 1
opens_at: {opens}
closes_at: {closes}
results: live
channels: [telegram, web]
demographics: [age]
""",
        encoding="utf-8",
    )


def _wait_healthy(server: LiveServer, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"the server exited: {server.log.read_text(errors='replace')[-3000:]}")
        try:
            with urllib.request.urlopen(server.url + "/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"the server did not get ready: {server.log.read_text(errors='replace')[-3000:]}")


class _HostPage(http.server.BaseHTTPRequestHandler):
    """A city's own page on another origin: hostile CSS, its own window.L, and the one-line embed."""

    def do_GET(self) -> None:
        bot = self.server.bot_url  # type: ignore[attr-defined]
        body = f"""<!doctype html><html lang="ko"><head><meta charset="utf-8"><title>구청 누리집</title>
<style>* {{ color: red !important; font-size: 30px !important; }} button {{ display: none !important; }}
div {{ position: static !important; }}</style>
<script>window.L = {{ host: true }};</script></head>
<body><h1>우리 구청</h1><p>구청 소식</p>
<script src="{bot}/widget.js" data-lang="ko" async></script></body></html>""".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def host_site() -> Iterator[http.server.ThreadingHTTPServer]:
    """Serves the city's page; http://localhost:PORT is allowed to embed, http://127.0.0.1:PORT is not."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _HostPage)
    server.bot_url = ""  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory, index_dir: Path, host_site) -> Iterator[LiveServer]:
    _needs(CHROMIUM, "Chromium")
    base = tmp_path_factory.mktemp("browser")
    polls_dir = base / "polls"
    polls_dir.mkdir()
    _write_poll(polls_dir)
    port = _free_port()
    env = {key: value for key, value in os.environ.items() if not key.startswith("CIVICBOT_")}
    env.update(
        CIVICBOT_DATA_DIR=str(base / "data"),
        CIVICBOT_INDEX_DIR=str(index_dir),
        CIVICBOT_KNOWLEDGE_DIR=str(ROOT / "knowledge"),
        CIVICBOT_INTENTS_DIR=str(ROOT / "intents"),
        CIVICBOT_POLLS_DIR=str(polls_dir),
        CIVICBOT_SECRET_KEY="browser-test-secret",
        CIVICBOT_KAKAO_SECRET="browser-test-kakao",  # serves the Kakao map picker page
        CIVICBOT_KAKAO_BOT_ID="browser-test-bot",
        CIVICBOT_PUBLIC_URL=f"http://127.0.0.1:{port}",
        CIVICBOT_ALLOWED_ORIGINS=f"http://localhost:{host_site.server_address[1]}",
        CIVICBOT_MESSAGES_PER_MINUTE="1000",  # every browser shares 127.0.0.1
        CIVICBOT_READS_PER_MINUTE="1000",
        CIVICBOT_LOG_LEVEL="WARNING",
        HF_HUB_OFFLINE="1",
        TRANSFORMERS_OFFLINE="1",
    )
    log = base / "server.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "civicbot", "serve", "--host", "127.0.0.1", "--port", str(port)],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    server = LiveServer(f"http://127.0.0.1:{port}", base / "data", log, process)
    host_site.bot_url = server.url
    try:
        _wait_healthy(server, timeout=600)  # the first start of a session may build the index
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


# -- the browser -----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def playwright_driver(live_server: LiveServer):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        yield driver


@dataclass
class Watch:
    """What went wrong in the page: CSP violations, script errors, dialogs (an XSS would open one)."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    sockets: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def attach(self, page) -> None:
        page.on("console", lambda m: self.console_errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.page_errors.append(str(e)))
        page.on("dialog", self._dialog)
        page.on("websocket", lambda ws: self.sockets.append(ws.url))
        page.on("request", lambda r: self.requests.append(f"{r.method} {r.url}"))

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def assert_clean(self) -> None:
        csp = [m for m in self.console_errors if "Content Security Policy" in m]
        assert csp == [], csp
        assert self.page_errors == []
        assert self.dialogs == []


LAPTOP = {"width": 1280, "height": 900}


def open_context(driver, profile: Path, viewport: dict = LAPTOP, **options):
    """A Chromium of its own under ``profile`` (its own localStorage, so its own anonymous session
    and cookies), Korean locale, 30 s timeouts; ``options`` go to Playwright (accept_downloads …)."""
    context = driver.chromium.launch_persistent_context(
        str(profile), executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS,
        locale="ko-KR", viewport=viewport, **options,
    )  # fmt: skip
    context.set_default_timeout(30_000)
    return context


def watched_page(context):
    """The context's page with a ``Watch`` attached as ``page.watch``."""
    page = context.pages[0] if context.pages else context.new_page()
    page.watch = Watch()
    page.watch.attach(page)
    return page


def call_json(url: str, method: str = "GET", token: str | None = None, body: dict | None = None):
    """The server's JSON API over real HTTP, as a script outside the browser would call it."""
    return call_with_status(url, method, token, body)[1]


def call_with_status(url: str, method: str = "GET", token: str | None = None, body: dict | None = None):
    """``call_json`` that also gives the HTTP status: ``(status, decoded body)``."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method)
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    if data is not None:
        request.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, json.load(response)


@pytest.fixture
def browser(playwright_driver, tmp_path: Path):
    """A fresh Chromium profile per test (its own localStorage), Korean locale, a laptop screen."""
    context = open_context(playwright_driver, tmp_path / "profile")
    yield context
    context.close()


@pytest.fixture
def page(browser):
    page = browser.pages[0] if browser.pages else browser.new_page()
    watch = Watch()
    watch.attach(page)
    page.watch = watch
    yield page
    watch.assert_clean()


def shot(page, name: str) -> None:
    """The whole page, and the widget's panel alone when it is open (README's screenshots)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))
    panel = page.locator(".panel")
    if panel.count() and panel.is_visible():
        panel.screenshot(path=str(ARTIFACTS / f"{name}.widget.png"))


# -- the widget, as a person uses it ------------------------------------------------------------
def open_widget(page, language: str = "ko") -> None:
    label = "Ask the Seoul chatbot" if language == "en" else "서울특별시 챗봇에게 물어보기"
    page.get_by_role("button", name=label).click()
    page.get_by_role("log").wait_for()


def bot_messages(page):
    return page.locator(".msg.bot")


def ask(page, text: str, language: str = "ko") -> None:
    """Type into the widget and send with Enter; wait until the bot's answer has arrived."""
    before = bot_messages(page).count()
    page.get_by_label("Your message" if language == "en" else "메시지 입력").fill(text)
    page.keyboard.press("Enter")
    wait_for_bot(page, before)


def press_choice(page, label: str | re.Pattern) -> None:
    before = bot_messages(page).count()
    page.locator(".msg.bot").last.get_by_role("button", name=label).click()
    wait_for_bot(page, before)


def wait_for_bot(page, before: int) -> None:
    page.wait_for_function(
        """before => {
            const host = document.querySelector('#civicbot-widget');
            return host && host.shadowRoot.querySelectorAll('.msg.bot').length > before;
        }""",
        arg=before,
        timeout=60_000,
    )


def last_reply(page) -> str:
    return bot_messages(page).last.locator(".text").inner_text()


# -- the tests -------------------------------------------------------------------------------
def test_korean_question_answered_with_its_source(live_server, page):
    page.goto(live_server.url + "/")
    shot(page, "qa-1-demo-page")
    open_widget(page)
    ask(page, "디지털 시민시장실이 뭐예요?")
    answer = bot_messages(page).last
    assert "시민 시장실" in answer.locator(".text").inner_text()
    source = answer.locator(".sources a").first
    assert source.inner_text().strip()
    # The citation is the document itself, served by the bot, scrolled to the quoted sentence.
    assert "/knowledge/ko/digital-citizen-mayor-office.md#:~:text=" in source.get_attribute("href")
    assert source.get_attribute("rel") == "noopener noreferrer"
    # It went over the WebSocket, authenticated by its first message, not by the URL.
    assert any(url.endswith("/api/widget/ws") for url in page.watch.sockets)
    assert not any("/api/widget/messages" in r for r in page.watch.requests)
    shot(page, "qa-2-answer-with-source")

    # The conversation survives a page load (token and transcript in localStorage).
    page.reload()
    log = page.get_by_role("log")
    log.wait_for()
    assert "디지털 시민시장실이 뭐예요?" in log.inner_text()
    assert bot_messages(page).last.locator(".sources a").count() >= 1
    token = page.evaluate("() => Object.entries(localStorage).find(([k]) => k.endsWith(':token'))[1]")
    assert json.loads(token).startswith("cbs_")
    assert "cbs_" not in " ".join(page.watch.sockets + page.watch.requests)  # never in a URL


def test_http_fallback_when_the_socket_cannot_connect(live_server, page):
    # Refuse every WebSocket, as a proxy that cannot pass them would.
    page.route_web_socket(re.compile(r".*/api/widget/ws$"), lambda ws: ws.close())
    page.goto(live_server.url + "/?lang=en")
    open_widget(page, "en")
    ask(page, "What is Virtual Seoul?", "en")
    answer = bot_messages(page).last
    assert "Virtual Seoul" in answer.locator(".text").inner_text()
    assert "3D Virtual Seoul" in answer.locator(".sources").inner_text()
    assert any(r.startswith("POST") and r.endswith("/api/widget/messages") for r in page.watch.requests)
    shot(page, "fallback-http-answer")


def _focused_in_widget(page) -> dict:
    return page.evaluate(
        """() => {
            const host = document.activeElement;
            if (!host || host.id !== 'civicbot-widget') return {inside: false};
            const el = host.shadowRoot.activeElement;
            const style = el ? getComputedStyle(el) : null;
            return {
                inside: true,
                tag: el ? el.tagName.toLowerCase() : null,
                cls: el ? el.className : null,
                label: el ? (el.getAttribute('aria-label') || el.textContent).trim() : null,
                outline: style ? style.outlineStyle + ' ' + style.outlineWidth : null,
            };
        }"""
    )


def test_keyboard_only(live_server, page):
    page.goto(live_server.url + "/")
    focused = _tab_to(page, lambda f: f["cls"] == "launcher")  # the widget comes last on the page
    assert focused["outline"].startswith("solid") and not focused["outline"].endswith(" 0px"), focused
    shot(page, "keyboard-1-launcher-focused")

    page.keyboard.press("Enter")
    assert _focused_in_widget(page)["tag"] == "input"
    page.keyboard.type("안녕하세요")
    before = bot_messages(page).count()
    page.keyboard.press("Enter")
    wait_for_bot(page, before)
    # Shift+Tab from the message box reaches the reply's buttons; Enter presses one.
    page.keyboard.press("Shift+Tab")
    focused = _focused_in_widget(page)
    assert focused["tag"] == "button" and "choice" in focused["cls"], focused
    while _focused_in_widget(page)["label"] not in ("투표 보기",):
        page.keyboard.press("Shift+Tab")
        assert _focused_in_widget(page)["tag"] == "button"
    before = bot_messages(page).count()
    page.keyboard.press("Enter")
    wait_for_bot(page, before)
    assert POLL_TITLE in bot_messages(page).last.inner_text()
    shot(page, "keyboard-2-polls-by-keyboard")

    page.keyboard.press("Escape")
    assert page.locator(".panel").is_hidden()
    assert _focused_in_widget(page)["cls"] == "launcher"


def _tab_to(page, matches, key: str = "Tab", limit: int = 40) -> dict:
    """Press Tab (or Shift+Tab) until the widget's focused element matches; fail if it never does."""
    for _ in range(limit):
        page.keyboard.press(key)
        focused = _focused_in_widget(page)
        if focused.get("inside") and matches(focused):
            return focused
    raise AssertionError(f"never reached by {key}: last focus {_focused_in_widget(page)}")


def _press_enter_and_wait(page) -> None:
    before = bot_messages(page).count()
    page.keyboard.press("Enter")
    wait_for_bot(page, before)


def test_keyboard_only_report_with_the_map_picker(live_server, page):
    page.goto(live_server.url + "/")
    _tab_to(page, lambda f: f["cls"] == "launcher")
    page.keyboard.press("Enter")
    _tab_to(page, lambda f: f["label"] == "민원 신고하기", key="Shift+Tab")
    _press_enter_and_wait(page)
    assert _focused_in_widget(page)["tag"] == "input"  # back in the message box after a button
    page.keyboard.type("버스정류장 의자가 부서졌어요")
    _press_enter_and_wait(page)
    # The map takes focus from the keyboard; arrow keys move it and the pick stays in its centre.
    page.wait_for_function(
        "() => document.querySelector('#civicbot-widget').shadowRoot.querySelector('.map.leaflet-container')"
    )
    focused = _tab_to(page, lambda f: "leaflet-container" in (f["cls"] or ""), key="Shift+Tab")
    assert focused["outline"].startswith("solid"), focused
    start = page.locator(".picker .picked").inner_text()
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    page.wait_for_function(
        """start => document.querySelector('#civicbot-widget').shadowRoot
            .querySelector('.picker .picked').textContent !== start""",
        arg=start,
    )
    shot(page, "keyboard-3-map-moved-by-arrows")
    _tab_to(page, lambda f: f["label"] == "이 위치 보내기")
    _press_enter_and_wait(page)
    assert "사진" in last_reply(page)
    assert _focused_in_widget(page)["tag"] == "input"  # the picker is gone: focus is back in the box
    _tab_to(page, lambda f: f["label"] == "건너뛰기", key="Shift+Tab")
    _press_enter_and_wait(page)
    _tab_to(page, lambda f: "choice" in (f["cls"] or ""), key="Shift+Tab")
    _tab_to(page, lambda f: "choice" in (f["cls"] or ""), key="Shift+Tab")  # any category will do
    _press_enter_and_wait(page)
    _tab_to(page, lambda f: f["label"] == "접수하기", key="Shift+Tab")
    _press_enter_and_wait(page)
    assert re.search(r"[A-Z]{2,5}-[0-9A-Z]{6}", last_reply(page)), last_reply(page)
    shot(page, "keyboard-4-report-filed")


def test_widget_on_an_allowed_city_site(live_server, host_site, page):
    page.goto(f"http://localhost:{host_site.server_address[1]}/")
    open_widget(page)  # the page hides every <button> and paints text red: not inside the shadow root
    ask(page, "디지털 시민시장실이 뭐예요?")
    answer = bot_messages(page).last
    assert answer.locator(".sources a").count() >= 1
    assert answer.locator(".text").evaluate("e => getComputedStyle(e).color") != "rgb(255, 0, 0)"
    assert answer.locator(".text").evaluate("e => getComputedStyle(e).fontSize") == "16px"
    assert page.locator("h1").evaluate("e => getComputedStyle(e).color") == "rgb(255, 0, 0)"
    assert any(url.endswith("/api/widget/ws") for url in page.watch.sockets)
    # The widget's Leaflet gives the page its own window.L back.
    ask(page, "민원 신고할래요")
    ask(page, "공원 벤치가 부서졌어요")
    page.locator(".picker .map.leaflet-container").wait_for()
    assert page.evaluate("() => window.L && window.L.host === true")
    shot(page, "embed-allowed-origin")


def test_widget_refused_on_a_site_not_allowed(live_server, host_site, page):
    page.goto(f"http://127.0.0.1:{host_site.server_address[1]}/")
    open_widget(page)
    page.get_by_label("메시지 입력").fill("안녕하세요")
    page.keyboard.press("Enter")
    notice = page.locator(".msg.notice")
    notice.wait_for()
    assert "연결하지 못했어요" in notice.inner_text()
    assert bot_messages(page).count() == 1  # only the greeting the widget shows by itself
    shot(page, "embed-refused-origin")


def _png(width: int = 64, height: int = 48) -> bytes:
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (width, height), (200, 80, 40)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_vote_shows_the_receipt_then_the_results_page_counts_it(live_server, page, browser):
    page.goto(live_server.url + "/")
    open_widget(page)
    press_choice(page, "투표 보기")
    press_choice(page, POLL_TITLE)
    assert "연령대" in last_reply(page)  # the poll asks one optional demographic first
    press_choice(page, "답하지 않을래요")
    assert "휴대폰 충전기" in bot_messages(page).last.inner_text()
    shot(page, "vote-1-options")
    press_choice(page, "휴대폰 충전기")
    reply = last_reply(page)
    receipt = re.search(r"영수증 코드: ([A-Z0-9]{16,})", reply)
    assert receipt, reply
    shot(page, "vote-2-receipt")

    # The receipt checks out in chat...
    press_choice(page, "내 표 확인하기")
    assert receipt.group(1) in last_reply(page) or "확인" in last_reply(page)
    # ...and the results page, opened from the link in the reply, counts the ballot once the
    # next batched snapshot of the live figures is published (done here rather than waiting).
    _publish_snapshots(live_server)
    press_choice(page, "결과 보기")
    link = bot_messages(page).last.locator("a", has_text="/polls/").first
    with browser.expect_page() as opened:
        link.click()
    results = opened.value
    results_watch = Watch()
    results_watch.attach(results)
    results.wait_for_load_state()
    row = results.locator("tr", has_text="휴대폰 충전기")
    assert row.locator("td").nth(1).inner_text().strip() == "1"
    assert results.locator("tr", has_text="냉방 시설").locator("td").nth(1).inner_text().strip() == "0"
    shot(results, "vote-3-results-page")
    results_watch.assert_clean()


def _publish_snapshots(server: LiveServer) -> None:
    from civicbot import polls
    from civicbot.db import connect

    db = connect(server.data_dir / "civicbot.db")
    try:
        db.execute("BEGIN IMMEDIATE")
        for poll in polls.list_polls(db):
            polls.take_snapshot(db, poll)
        db.execute("COMMIT")
    finally:
        db.conn.close()


def _report_until_category(page, description: str, step: str = "report-1-picked-on-map") -> dict:
    """Report through the widget: describe, pick a point on its map, attach a photo."""
    press_choice(page, "민원 신고하기")
    ask(page, description)
    map_box = page.locator(".picker .map")
    map_box.wait_for()
    page.wait_for_function(
        "() => document.querySelector('#civicbot-widget').shadowRoot.querySelector('.map.leaflet-container')"
    )
    # Nothing is picked until the reporter picks: the starting point (City Hall) cannot be sent.
    send_place = page.get_by_role("button", name="이 위치 보내기")
    assert send_place.get_attribute("aria-disabled") == "true"
    before = bot_messages(page).count()
    send_place.click(force=True)  # Playwright waits for an aria-disabled button; a person can press it
    assert "먼저 위치를 골라" in page.locator(".picker .picked").inner_text()
    assert bot_messages(page).count() == before
    box = map_box.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2 + 70, box["y"] + box["height"] / 2 - 30)
    picked = page.locator(".picker .picked").inner_text()
    lat, lon = (float(v) for v in re.findall(r"\d+\.\d+", picked))
    assert (lat, lon) != (37.5665, 126.978), "the click did not move the pick"
    shot(page, step)
    assert send_place.get_attribute("aria-disabled") is None
    before = bot_messages(page).count()
    send_place.click()
    wait_for_bot(page, before)
    page.get_by_label("사진 선택 (선택 사항)").set_input_files(
        files=[{"name": "pothole.png", "mimeType": "image/png", "buffer": _png()}]
    )
    before = bot_messages(page).count()
    page.get_by_role("button", name="사진 보내기").click()
    wait_for_bot(page, before)
    return {"lat": lat, "lon": lon}


def _confirm_report(page) -> str:
    choices = bot_messages(page).last.locator(".choices button")
    before = bot_messages(page).count()
    choices.first.click()  # the suggested category
    wait_for_bot(page, before)
    press_choice(page, "접수하기")
    reply = last_reply(page)
    tracking = re.search(r"[A-Z]{2,5}-[0-9A-Z]{6}", reply)
    assert tracking, reply
    return tracking.group(0)


def _get_json(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.load(response)


def _find_on_the_voice_map(page, live_server: LiveServer, tracking: str, description: str):
    """The report on /map: in the public GeoJSON, drawn on the map, and in the list beside it."""
    page.goto(live_server.url + "/map")
    entry = page.locator("#report-list li", has_text=description)
    entry.wait_for()
    # Drawn: a marker (an SVG circle) or the cluster that holds it.
    page.locator("#map path.leaflet-interactive, #map .marker-cluster").first.wait_for()
    features = _get_json(live_server.url + "/api/complaints.geojson")["features"]
    assert tracking in [f["properties"]["id"] for f in features]
    return entry


def _popup_text(page) -> str:
    """The report's text in the map's open popup (textContent), once exactly one popup is shown.

    A reload of the markers after the map moved closes the popup and opens it again; the closed one
    fades out for 200 ms, so for a moment two are in the page.
    """
    page.wait_for_function(
        """() => {
            const popups = document.querySelectorAll('#map .leaflet-popup');
            return popups.length === 1 && popups[0].querySelector('.report-popup .report-text');
        }"""
    )
    return page.locator("#map .leaflet-popup .report-text").evaluate("e => e.textContent")


def _close_popup(page) -> None:
    page.locator("#map .leaflet-popup-close-button").click()
    page.locator("#map .leaflet-popup").first.wait_for(state="detached")
    page.wait_for_timeout(600)  # a reload still on its way must not bring it back
    assert page.locator("#map .leaflet-popup").count() == 0


def _popup_from_the_address_and_the_list(
    page, live_server: LiveServer, tracking: str, description: str
) -> None:
    """/map#<tracking> opens the report's popup; so does its entry in the list beside the map."""
    page.goto("about:blank")  # a fresh document: the hash is read when the page loads
    page.goto(f"{live_server.url}/map#{tracking}")
    assert _popup_text(page) == description
    title = page.locator("#map .leaflet-popup .report-title").inner_text()
    assert title.endswith(tracking), title
    assert page.watch.page_errors == []
    shot(page, f"map-popup-from-address-{tracking}")
    _close_popup(page)
    page.goto(live_server.url + "/map")  # the whole city again, no hash
    entry = page.locator("#report-list li", has_text=description)
    entry.get_by_role("button").click()
    assert _popup_text(page) == description
    assert page.locator("#map .leaflet-popup .report-title").inner_text().endswith(tracking)
    _close_popup(page)
    # By keyboard too: focus the entry's button and press Enter.
    entry.get_by_role("button").focus()
    page.keyboard.press("Enter")
    assert _popup_text(page) == description
    page.wait_for_timeout(800)  # a reload after the map moved must leave the popup open
    assert _popup_text(page) == description
    shot(page, f"map-popup-from-list-{tracking}")
    # A new address on the open page (same document, only the hash changes) opens it as well.
    _close_popup(page)
    page.goto(live_server.url + "/map")
    entry.wait_for()
    page.goto(f"{live_server.url}/map#{tracking}")
    assert _popup_text(page) == description
    assert page.watch.page_errors == []


def test_report_by_picking_a_point_on_the_map_then_see_it_on_the_map(live_server, page):
    page.goto(live_server.url + "/")
    open_widget(page)
    picked = _report_until_category(page, "횡단보도 신호등이 꺼져 있어요")
    tracking = _confirm_report(page)
    shot(page, "report-2-tracking-id")
    report = _get_json(f"{live_server.url}/api/complaints/{tracking}")
    # The public map shows a coarse point (about 50 m), close to the place picked on the widget's map.
    assert abs(report["lat"] - picked["lat"]) < 0.002 and abs(report["lon"] - picked["lon"]) < 0.002

    link = bot_messages(page).last.locator("a", has_text="/map#").first
    assert link.get_attribute("href") == f"{live_server.url}/map#{tracking}"
    assert link.get_attribute("target") == "_blank"  # opens beside the city's page
    _find_on_the_voice_map(page, live_server, tracking, "횡단보도 신호등이 꺼져 있어요")
    shot(page, "report-3-on-the-voice-map")
    _popup_from_the_address_and_the_list(page, live_server, tracking, "횡단보도 신호등이 꺼져 있어요")


def test_the_kakao_map_picker_sends_nothing_until_the_map_is_tapped(live_server, page):
    """Kakao's picker page, like the widget's, must not file its starting point as the place."""
    posts: list[str] = []
    page.on("request", lambda r: posts.append(r.url) if r.method == "POST" else None)
    page.goto(live_server.url + "/kakao/pick#not-a-real-token")
    page.wait_for_function("() => document.querySelector('#map.leaflet-container')")
    send = page.locator("#send")
    assert send.get_attribute("aria-disabled") == "true"
    send.click(force=True)
    assert "먼저 지도에서" in page.locator("#status").inner_text() and posts == []
    box = page.locator("#map").bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2 + 40, box["y"] + box["height"] / 2)
    assert send.get_attribute("aria-disabled") is None
    send.click()
    page.wait_for_function(
        "() => document.querySelector('#status').textContent.length > 0 && !document.querySelector('#status').textContent.includes('먼저')"
    )
    assert posts == [live_server.url + "/kakao/pick"]  # sent once picked (the made-up token is refused)


XSS = "<img src=x onerror=alert(1)><script>alert(2)</script> 가로등이 깜빡여요"


def test_xss_in_a_report_is_rendered_as_text(live_server, page):
    page.goto(live_server.url + "/")
    open_widget(page)
    _report_until_category(page, XSS, "xss-1-picked-on-map")
    assert XSS in page.locator(".msg.user").filter(has_text="가로등").first.inner_text()
    tracking = _confirm_report(page)
    entry = _find_on_the_voice_map(page, live_server, tracking, XSS)
    assert XSS in entry.inner_text()
    # Nothing from the text became markup: no <img> or <script> anywhere on the page.
    assert page.locator("main img, main script").count() == 0
    page.wait_for_timeout(500)  # an onerror handler would have fired by now
    assert page.watch.dialogs == []
    shot(page, "xss-rendered-as-text")
    # The popup shows the same characters, literally, and nothing in it became markup.
    _popup_from_the_address_and_the_list(page, live_server, tracking, XSS)
    assert page.locator("#map .leaflet-popup img, #map .leaflet-popup script").count() == 0
    page.wait_for_timeout(500)
    assert page.watch.dialogs == []


def _axe(page) -> list[dict]:
    _needs(AXE, "axe-core (npm install in tests/node)")
    page.watch.assert_clean()  # the page's own CSP record, before axe adds its probes
    # Evaluated through the DevTools protocol, so the page's CSP (no inline scripts) stays on.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    results = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    # axe's own probes set inline styles, which our CSP rightly blocks; they are not the page's.
    page.watch.console_errors.clear()
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in results
        if v["impact"] in ("serious", "critical")
    ]


def test_axe_demo_page_with_the_widget_closed_and_open(live_server, page):
    page.goto(live_server.url + "/")
    page.get_by_role("button", name="서울특별시 챗봇에게 물어보기").wait_for()
    assert _axe(page) == []
    open_widget(page)
    ask(page, "디지털 시민시장실이 뭐예요?")
    assert _axe(page) == []
    page.goto(live_server.url + "/?lang=en")
    page.get_by_role("log").wait_for()
    assert _axe(page) == []


def test_axe_map_and_results_pages(live_server, page):
    page.goto(live_server.url + "/map")
    page.locator("#map.leaflet-container").wait_for()
    page.wait_for_function("() => !/불러오는/.test(document.querySelector('#map-status').textContent)")
    assert _axe(page) == []
    shot(page, "axe-map-page")
    polls = _get_json(live_server.url + "/api/polls")
    poll_id = next(p["id"] for p in polls["polls"] if p["slug"] == POLL_SLUG)
    page.goto(f"{live_server.url}/polls/{poll_id}")
    assert _axe(page) == []
    shot(page, "axe-results-page")
    page.goto(live_server.url + "/polls")
    assert _axe(page) == []
