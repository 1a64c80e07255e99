"""Citizens' journeys end to end in Chromium, on a 390 px phone and on a desktop, with screenshots in
docs/screenshots/: a report with a typed road-name address (a local fake VWorld geocoder), a vote
started from a poll's page, and an e-mail from a local SMTP server after an official's status change.
The real server runs as a subprocess; only the geocoder and the mail server are local fakes.
"""

from __future__ import annotations

import http.server
import json
import os
import re
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from email import message_from_bytes, policy
from pathlib import Path

import pytest

from tests.test_browser import (  # noqa: F401  (fixtures are found by name)
    CHROMIUM,
    CHROMIUM_ARGS,
    POLL_SLUG,
    LiveServer,
    Watch,
    _axe,
    _free_port,
    _needs,
    _wait_healthy,
    _write_poll,
    bot_messages,
    call_with_status,
    open_context,
    playwright_driver,
    press_choice,
    wait_for_bot,
    watched_page,
)

ROOT = Path(__file__).resolve().parent.parent
SHOTS = ROOT / "docs" / "screenshots"
CITY_HALL = (37.5666, 126.9779)
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}

pytestmark = pytest.mark.browser


class _FakeVWorld(http.server.BaseHTTPRequestHandler):
    """VWorld's address API as the report flow calls it: 세종대로 110 is City Hall, nothing else exists."""

    def do_GET(self) -> None:
        query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(self.path).query))
        if self.path.startswith("/vworld/address") and "세종대로 110" in query.get("address", ""):
            body = {
                "response": {
                    "status": "OK",
                    "refined": {"text": "서울특별시 중구 세종대로 110 (태평로1가)"},
                    "result": {"point": {"x": str(CITY_HALL[1]), "y": str(CITY_HALL[0])}},
                }
            }
        else:
            body = {"response": {"status": "NOT_FOUND"}}
        data = json.dumps(body, ensure_ascii=False).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


class _Inbox:
    def __init__(self) -> None:
        self.messages: list = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"


class Journeys(LiveServer):
    inbox: _Inbox
    token: str


@pytest.fixture(scope="module")
def live_server(
    tmp_path_factory: pytest.TempPathFactory, index_dir: Path, built_index: Path
) -> Iterator[Journeys]:
    from aiosmtpd.controller import Controller

    _needs(CHROMIUM, "Chromium")
    base = tmp_path_factory.mktemp("journeys")
    polls_dir = base / "polls"
    polls_dir.mkdir()
    _write_poll(polls_dir)
    geocoder = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _FakeVWorld)
    threading.Thread(target=geocoder.serve_forever, daemon=True).start()
    inbox = _Inbox()
    smtp = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    smtp.start()
    port = _free_port()
    env = {key: value for key, value in os.environ.items() if not key.startswith("CIVICBOT_")}
    env.update(
        CIVICBOT_DATA_DIR=str(base / "data"),
        CIVICBOT_INDEX_DIR=str(index_dir),
        CIVICBOT_KNOWLEDGE_DIR=str(ROOT / "knowledge"),
        CIVICBOT_INTENTS_DIR=str(ROOT / "intents"),
        CIVICBOT_POLLS_DIR=str(polls_dir),
        CIVICBOT_SECRET_KEY="journey-secret",
        CIVICBOT_PUBLIC_URL=f"http://127.0.0.1:{port}",
        CIVICBOT_MESSAGES_PER_MINUTE="1000",
        CIVICBOT_TRUSTED_PROXIES="127.0.0.1",  # a browser may say which network it stands for
        CIVICBOT_LOG_LEVEL="WARNING",
        CIVICBOT_GEOCODER="vworld",
        CIVICBOT_GEOCODER_URL=f"http://127.0.0.1:{geocoder.server_address[1]}/vworld",
        CIVICBOT_GEOCODER_KEY="journey-key",
        CIVICBOT_SMTP_HOST="127.0.0.1",
        CIVICBOT_SMTP_PORT=str(smtp.port),
        CIVICBOT_SMTP_SECURITY="none",
        CIVICBOT_SMTP_FROM="civicbot@seoul.example",
        HF_HUB_OFFLINE="1",
        TRANSFORMERS_OFFLINE="1",
    )
    made = subprocess.run(
        [sys.executable, "-m", "civicbot", "tokens", "create", "--role", "official", "--name", "도로과"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
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
    server = Journeys(f"http://127.0.0.1:{port}", base / "data", log, process)
    server.inbox = inbox
    server.token = made.stdout.strip().splitlines()[-1]
    try:
        _wait_healthy(server, timeout=600)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        smtp.stop()
        geocoder.shutdown()
        geocoder.server_close()


@pytest.fixture(params=list(VIEWPORTS))
def screen(request) -> str:
    return request.param


@pytest.fixture
def page(playwright_driver, tmp_path: Path, screen: str):  # noqa: F811
    context = open_context(playwright_driver, tmp_path / "profile", VIEWPORTS[screen])
    page = watched_page(context)
    yield page
    page.watch.assert_clean()
    context.close()


def snap(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def last_text(page) -> str:
    return bot_messages(page).last.locator(".text").inner_text()


def send(page, text: str) -> None:
    before = bot_messages(page).count()
    page.get_by_label("메시지 입력").fill(text)
    page.keyboard.press("Enter")
    wait_for_bot(page, before)


def report_to_confirm(page, address: str, email: str | None) -> None:
    page.get_by_role("button", name="서울특별시 챗봇에게 물어보기").click()
    press_choice(page, "민원 신고하기")
    send(page, "보도블록이 깨져서 걸려 넘어질 뻔했어요")
    send(page, address)
    assert "중구 태평로1가" in last_text(page), last_text(page)
    press_choice(page, "건너뛰기")
    before = bot_messages(page).count()
    bot_messages(page).last.locator(".choices button").first.click()  # the suggested category
    wait_for_bot(page, before)
    if "비슷한 신고" in last_text(page):  # an earlier run reported the same spot: file anew
        press_choice(page, "새로 신고할게요")
    assert "이대로 접수할까요" in last_text(page), last_text(page)
    if email:
        send(page, email)
        assert f"알림 받을 이메일: {email}" in last_text(page)


def submit(page) -> str:
    press_choice(page, "접수하기")
    found = re.search(r"접수번호는 ([A-Z]{2,5}-[0-9A-Z]{6})", last_text(page))
    assert found, last_text(page)
    return found.group(1)


def test_report_with_a_typed_road_name_address(live_server, page, screen):
    page.goto(live_server.url + "/")
    report_to_confirm(page, "세종대로 110", None)
    snap(page, f"journey-report-address-{screen}-1-confirm")
    tracking = submit(page)
    link = bot_messages(page).last.locator("a", has_text=f"/complaints/{tracking}")
    assert link.get_attribute("href") == f"{live_server.url}/complaints/{tracking}"
    snap(page, f"journey-report-address-{screen}-2-submitted")
    page.goto(f"{live_server.url}/complaints/{tracking}")
    assert "중구 태평로1가" in page.locator("main").inner_text()
    snap(page, f"journey-report-address-{screen}-3-status-page")
    assert _axe(page) == []


def test_vote_from_the_poll_page(live_server, page, screen):
    with urllib.request.urlopen(live_server.url + "/api/polls") as response:
        polls = json.load(response)
    poll_id = next(p["id"] for p in polls["polls"] if p["slug"] == POLL_SLUG)
    page.goto(f"{live_server.url}/polls/{poll_id}")
    page.get_by_role("button", name="이 투표에 참여하기").click()
    page.get_by_role("log").wait_for()
    page.wait_for_function(
        "() => /연령대/.test([...document.querySelector('#civicbot-widget').shadowRoot"
        ".querySelectorAll('.msg.bot .text')].pop()?.textContent || '')"
    )
    press_choice(page, "답하지 않을래요")
    snap(page, f"journey-vote-{screen}-1-options")
    press_choice(page, "휴대폰 충전기")
    receipt = re.search(r"영수증 코드: ([A-Z2-7]{26})", last_text(page))
    assert receipt, last_text(page)
    message = bot_messages(page).last
    assert message.get_by_role("button", name="영수증 코드 복사").is_visible()
    check = message.locator("a", has_text=f"/polls/{poll_id}#receipt-title")
    assert check.count() == 1 and receipt.group(1) not in (check.get_attribute("href") or "")
    snap(page, f"journey-vote-{screen}-2-receipt")
    # The check is a POST form on the poll's page: the receipt never enters the address bar.
    page.get_by_role("button", name="챗봇 닫기").click()
    page.get_by_label("영수증 코드").fill(receipt.group(1))
    page.locator(".receipt-form button[type=submit]").click()
    page.wait_for_load_state()
    assert "집계됐어요" in page.locator("main").inner_text()
    assert receipt.group(1) not in page.url
    snap(page, f"journey-vote-{screen}-3-receipt-checked")
    assert _axe(page) == []


def test_an_email_arrives_after_an_officials_status_change(live_server, page, screen):
    email = f"citizen-{screen}@example.com"
    page.goto(live_server.url + "/map")
    report_to_confirm(page, "서울특별시 중구 세종대로 110", email)
    tracking = submit(page)
    request = urllib.request.Request(
        f"{live_server.url}/api/admin/complaints/{tracking}/status",
        data=json.dumps({"status": "in_progress", "note": "보수 업체가 내일 방문해요"}).encode(),
        headers={"Authorization": f"Bearer {live_server.token}", "Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request) as response:
        assert response.status == 200
    deadline = time.monotonic() + 30
    while not any(m["To"] == email for m in live_server.inbox.messages) and time.monotonic() < deadline:
        time.sleep(0.2)
    mail = next(m for m in live_server.inbox.messages if m["To"] == email)
    body = mail.get_content()
    assert tracking in mail["Subject"] and "보수 업체가 내일 방문해요" in body
    assert f"{live_server.url}/complaints/{tracking}" in body
    # The mail as the citizen reads it, then the page its link opens.
    page.goto("about:blank")  # no CSP of ours here: the page is only a frame for the mail's text
    page.set_content(
        "<!doctype html><meta charset=utf-8><title>mail</title><pre>"
        + f"From: {mail['From']}\nTo: {mail['To']}\nSubject: {mail['Subject']}\n\n{body}".replace("<", "&lt;")
        + "</pre>"
    )
    snap(page, f"journey-email-{screen}-1-mail")
    page.goto(f"{live_server.url}/complaints/{tracking}")
    text = page.locator("main").inner_text()
    assert "처리 중" in text and "보수 업체가 내일 방문해요" in text and email not in text
    snap(page, f"journey-email-{screen}-2-status-page")


# What the launcher's box covers: every piece of text (each line's box, from a Range), every control
# (links, buttons, fields, progress bars, map controls) and the map itself, each clipped to the
# viewport and to every ancestor that clips (a scrolling box hides what it has scrolled away).
_LAUNCHER_OVERLAPS = """() => {
    const launcher = document.querySelector('#civicbot-widget').shadowRoot.querySelector('.launcher');
    const box = launcher.getBoundingClientRect();
    const clip = (rect, node) => {
        let r = {left: rect.left, top: rect.top, right: rect.right, bottom: rect.bottom};
        const cut = (o) => { r = {left: Math.max(r.left, o.left), top: Math.max(r.top, o.top),
                                  right: Math.min(r.right, o.right), bottom: Math.min(r.bottom, o.bottom)}; };
        cut({left: 0, top: 0, right: innerWidth, bottom: innerHeight});
        for (let up = node.parentElement; up; up = up.parentElement) {
            const style = getComputedStyle(up);
            if (style.overflowX !== 'visible' || style.overflowY !== 'visible') cut(up.getBoundingClientRect());
        }
        return r;
    };
    const hits = [];
    const check = (rect, node, what) => {
        const r = clip(rect, node);
        if (r.right - r.left < 1 || r.bottom - r.top < 1) return;  // clipped away: not visible
        if (r.left < box.right && r.right > box.left && r.top < box.bottom && r.bottom > box.top)
            hits.push(what.slice(0, 60));
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let text = walker.nextNode(); text; text = walker.nextNode()) {
        const parent = text.parentElement;
        if (!text.textContent.trim() || parent.closest('script, style, #civicbot-widget')) continue;
        const range = document.createRange();
        range.selectNodeContents(text);
        for (const rect of range.getClientRects()) check(rect, text, 'text: ' + text.textContent.trim());
    }
    const controls = 'a, button, input, select, textarea, summary, progress, meter, img, svg, ' +
        '#map, .leaflet-control, .leaflet-marker-icon, .leaflet-interactive';
    for (const node of document.querySelectorAll(controls)) {
        if (node.closest('#civicbot-widget')) continue;
        for (const rect of node.getClientRects()) check(rect, node, node.tagName + '.' + node.className);
    }
    return hits;
}"""

# The page's scrolling box: the document on wide screens, the page's own box above the launcher's
# strip on phones. Scrolled to a fraction of its height, it answers where it got to.
_SCROLL_TO = """fraction => {
    const page = document.querySelector('.page');
    const own = page && getComputedStyle(page).overflowY !== 'visible';
    const box = own ? page : document.scrollingElement;
    box.scrollTop = Math.round((box.scrollHeight - box.clientHeight) * fraction);
    return {top: box.scrollTop, max: box.scrollHeight - box.clientHeight, own};
}"""


def test_the_launcher_never_covers_content(live_server, page, screen):
    """Issue 14: at 390x844 and 1280x800, on every public page, scrolled from top to bottom in steps,
    the launcher's box meets no visible text, control or map: it has space of its own."""
    page.set_viewport_size(
        {"width": 390, "height": 844} if screen == "phone" else {"width": 1280, "height": 800}
    )
    with urllib.request.urlopen(live_server.url + "/api/polls") as response:
        poll_id = next(p["id"] for p in json.load(response)["polls"] if p["slug"] == POLL_SLUG)
    scrolled = 0
    for path in ("/", "/polls", f"/polls/{poll_id}", "/map", "/proposals", "/map?lang=en"):
        page.goto(live_server.url + path)
        page.get_by_role(
            "button", name=re.compile("서울특별시 챗봇에게 물어보기|Ask the Seoul chatbot")
        ).wait_for()
        if path.startswith("/map"):
            page.locator("#map .leaflet-control-zoom").wait_for()
        steps = 12
        for step in range(steps + 1):
            where = page.evaluate(_SCROLL_TO, step / steps)
            hits = page.evaluate(_LAUNCHER_OVERLAPS)
            assert hits == [], (path, screen, where, hits)
        # Scrolled to the end (phones: in the page's own box; the strip stays for the launcher).
        assert where["top"] == where["max"] and where["own"] is (screen == "phone"), (path, where)
        scrolled += where["max"] > 0
        if path == "/map" and screen == "phone":
            snap(page, f"launcher-clear-{screen}")
        elif path == "/" and screen == "desktop":
            page.evaluate(_SCROLL_TO, 0)
            snap(page, f"launcher-clear-{screen}")
    assert scrolled >= 2  # the home page and the map at least are longer than the screen
    # The keyboard scrolls the page from the start, before anything has focus (page.js on phones).
    page.goto(live_server.url + "/")
    page.get_by_role("button", name="서울특별시 챗봇에게 물어보기").wait_for()
    page.keyboard.press("PageDown")
    page.wait_for_function("() => (document.querySelector('.page').scrollTop || scrollY) > 100")
    # Still reachable: the launcher opens the chat from a page scrolled to its end.
    page.get_by_role("button", name="서울특별시 챗봇에게 물어보기").click()
    page.get_by_role("log").wait_for()


# -- issue 10: a citizen flags a public report from the map's popup ------------------------------
def _open_context(driver, tmp_path: Path, name: str, screen: str, network: str | None = None):
    """A browser of its own (its own localStorage, so its own anonymous session); ``network``: the
    client address it stands for, sent as X-Forwarded-For (the server trusts 127.0.0.1 as a proxy)."""
    headers = {"extra_http_headers": {"X-Forwarded-For": network}} if network else {}
    context = open_context(driver, tmp_path / name, VIEWPORTS[screen], **headers)
    return context, watched_page(context)


def _popup_of(page, server: Journeys, public_id: str, lang: str = "ko"):
    page.goto("about:blank")  # the hash is read when the page loads
    page.goto(f"{server.url}/map{'?lang=en' if lang == 'en' else ''}#{public_id}")
    popup = page.locator("#map .leaflet-popup .report-popup")
    popup.wait_for()
    assert popup.locator(".report-title").inner_text().endswith(public_id)
    return popup


def _flag(popup, flag: str, yes: str, expect: str) -> None:
    popup.get_by_role("button", name=flag).click()
    confirm = popup.get_by_role("button", name=yes)
    assert confirm.is_visible() and confirm.evaluate("b => b === document.activeElement")
    confirm.click()
    popup.locator(".flag-message", has_text=expect).wait_for()


def test_citizens_flag_a_report_from_the_map_once_per_session(live_server, playwright_driver, tmp_path):  # noqa: F811
    """Issue 10: "부적절해요" in the map's popup, confirmed inline (no dialog), then disabled; the
    same session's second flag is refused kindly; the third person's flag puts the report in the
    review queue and takes it off the map (CIVICBOT_FLAG_THRESHOLD, default 3)."""
    _status, session = call_with_status(live_server.url + "/api/sessions", "POST")
    text = f"횡단보도 신호등이 꺼져 있어요 ({tmp_path.name[-6:]})"
    report = {"text": text, "lat": 37.5651, "lon": 126.9895, "category": "road_damage"}
    status, made = call_with_status(live_server.url + "/api/complaints", "POST", session["token"], report)
    assert status == 201 and made["visibility"] == "public", made
    public_id = made["id"]

    # Three people on three networks: flags from one network count once toward hiding (probe21 #3).
    first, page = _open_context(playwright_driver, tmp_path, "first", "desktop", "203.0.113.1")
    try:
        popup = _popup_of(page, live_server, public_id)
        popup.get_by_role("button", name="부적절해요").click()
        assert "개인정보나 욕설" in popup.locator(".flag-question").inner_text()
        assert _axe(page) == []  # the popup with its confirmation open
        popup.get_by_role("button", name="취소").click()  # changed their mind: nothing sent
        assert popup.get_by_role("button", name="부적절해요").evaluate("b => b === document.activeElement")
        _flag(popup, "부적절해요", "부적절하다고 알리기", "알려 주셔서 고마워요")
        assert popup.get_by_role("button", name="부적절 신고함").is_disabled()
        snap(page, "map-flag-desktop-1-thanked")
        # The same browser (the same session) after a reload: the server counts it once and says so.
        popup = _popup_of(page, live_server, public_id)
        _flag(popup, "부적절해요", "부적절하다고 알리기", "이미 부적절하다고 알려 주셨어요")
        assert popup.get_by_role("button", name="부적절 신고함").is_disabled()
        snap(page, "map-flag-desktop-2-already")
        page.watch.assert_clean()
    finally:
        first.close()
    _status, queue = call_with_status(
        live_server.url + "/api/admin/complaints/review", token=live_server.token
    )
    assert public_id not in [c["id"] for c in queue["complaints"]]  # one flag so far

    # A second person, on a phone in English; then a third: the threshold is reached.
    second, page = _open_context(playwright_driver, tmp_path, "second", "phone", "203.0.113.2")
    try:
        popup = _popup_of(page, live_server, public_id, "en")
        _flag(popup, "Report as inappropriate", "Yes, report it", "Thank you.")
        assert popup.get_by_role("button", name="Reported as inappropriate").is_disabled()
        snap(page, "map-flag-phone-en")
        page.watch.assert_clean()
    finally:
        second.close()
    third, page = _open_context(playwright_driver, tmp_path, "third", "desktop", "203.0.113.3")
    try:
        popup = _popup_of(page, live_server, public_id)
        _flag(popup, "부적절해요", "부적절하다고 알리기", "알려 주셔서 고마워요")
        page.watch.assert_clean()
    finally:
        third.close()

    _status, queue = call_with_status(
        live_server.url + "/api/admin/complaints/review", token=live_server.token
    )
    held = next(c for c in queue["complaints"] if c["id"] == public_id)
    assert "flags" in held["review_reasons"] and held["flags"]["count"] == 3
    _status, geojson = call_with_status(live_server.url + "/api/complaints.geojson")
    assert public_id not in [f["properties"]["id"] for f in geojson["features"]]
