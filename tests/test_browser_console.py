"""The officials' console in a real browser (Debian's Chromium through Playwright), as test_browser.py
drives the widget: the real server on a free port, nothing mocked.

An official set up with `civicbot officials create` sets a password from the printed link, runs a poll
from draft to a verified Excel file (with a vote cast in the widget in between), and triages a report
filed in the widget until the citizen sees the new status. Every console page passes an axe scan
(no serious or critical violations) at 1280 px and 768 px; the README's screenshots come from here.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from test_browser import (
    AXE,
    CHROMIUM,
    LiveServer,
    Watch,
    _axe,
    _confirm_report,
    _free_port,
    _needs,
    _report_until_category,
    _wait_healthy,
    bot_messages,
    open_context,
    open_widget,
    press_choice,
    watched_page,
)

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "docs" / "screenshots"
PASSWORD = "시청 앞 광장의 분수는 여름에만 켜져요"
POLL_KO = "도서관 야간 개방, 어느 요일이 좋을까요?"

pytestmark = pytest.mark.browser


def _env(base: Path, index_dir: Path, port: int) -> dict:
    env = {key: value for key, value in os.environ.items() if not key.startswith("CIVICBOT_")}
    (base / "knowledge").mkdir(exist_ok=True)
    (base / "polls").mkdir(exist_ok=True)
    env.update(
        CIVICBOT_DATA_DIR=str(base / "data"),
        CIVICBOT_INDEX_DIR=str(index_dir),
        CIVICBOT_KNOWLEDGE_DIR=str(base / "knowledge"),  # the console needs no policy documents
        CIVICBOT_INTENTS_DIR=str(ROOT / "intents"),
        CIVICBOT_POLLS_DIR=str(base / "polls"),
        CIVICBOT_SECRET_KEY="console-browser-secret",
        CIVICBOT_PUBLIC_URL=f"http://127.0.0.1:{port}",
        CIVICBOT_MESSAGES_PER_MINUTE="1000",
        CIVICBOT_LOG_LEVEL="WARNING",
        HF_HUB_OFFLINE="1",
        TRANSFORMERS_OFFLINE="1",
    )
    return env


def _cli(env: dict, *args: str) -> str:
    run = subprocess.run(
        [sys.executable, "-m", "civicbot", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return run.stdout


@pytest.fixture(scope="module")
def console_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    _needs(CHROMIUM, "Chromium")
    base = tmp_path_factory.mktemp("console")
    port = _free_port()
    # Its own index cache: an engine on an empty knowledge folder prunes the cache it is given.
    env = _env(base, base / "index", port)
    links = {
        role: re.search(
            r"http\S+/admin/set-password\?token=\S+", _cli(env, "officials", "create", name, "--role", role)
        ).group(0)
        for name, role in (("kim.official", "official"), ("lee.viewer", "viewer"), ("park.admin", "admin"))
    }
    log = base / "server.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "civicbot", "serve", "--host", "127.0.0.1", "--port", str(port)],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    server = LiveServer(f"http://127.0.0.1:{port}", base / "data", log, process)
    server.links = links  # type: ignore[attr-defined]
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


@pytest.fixture(scope="module")
def driver(console_server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture
def browser(driver, tmp_path: Path):
    context = open_context(driver, tmp_path / "profile", accept_downloads=True)
    yield context
    context.close()


@pytest.fixture
def page(browser):
    page = watched_page(browser)
    yield page
    page.watch.assert_clean()


def screenshot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def checked(page, name: str | None = None) -> None:
    """axe finds nothing serious or critical on this page; keep a screenshot when named."""
    assert _axe(page) == [], page.url
    if name:
        screenshot(page, name)


def set_password_and_sign_in(page, server, role: str, name: str) -> None:
    page.goto(server.links[role])
    page.get_by_label("새 비밀번호", exact=True).fill(PASSWORD)
    page.get_by_label("새 비밀번호 확인").fill(PASSWORD)
    page.get_by_role("button", name="비밀번호 설정").click()
    page.wait_for_url("**/admin/sign-in?password_set=1")
    sign_in(page, server, name)


def sign_in(page, server, name: str, password: str = PASSWORD) -> None:
    page.goto(server.url + "/admin/sign-in")
    page.get_by_label("사용자 이름").fill(name)
    page.get_by_label("비밀번호", exact=True).fill(password)
    page.get_by_role("button", name="로그인").click()


# -- the tests --------------------------------------------------------------------------------------
def test_a_poll_from_draft_to_verified_excel_with_a_widget_vote(console_server, page, browser, tmp_path):
    server = console_server
    set_password_and_sign_in(page, server, "official", "kim.official")
    page.wait_for_url(server.url + "/admin")
    checked(page, "console-dashboard")

    page.get_by_role("link", name="투표", exact=True).click()
    page.get_by_role("link", name="새 투표 만들기").click()
    page.get_by_label("제목 (한국어)").fill(POLL_KO)
    page.get_by_role("button", name="초안으로 저장").click()
    # Mistakes are explained beside the field, and what was typed stays.
    assert "선택지를 2~20개" in page.locator("#options-error").inner_text()
    assert page.get_by_label("제목 (한국어)").input_value() == POLL_KO
    checked(page, "console-poll-form-errors")
    page.get_by_label("제목 (영어)").fill("Late opening at the library: which day?")
    page.get_by_label("선택지 1 (한국어)").fill("수요일")
    page.get_by_label("선택지 1 (영어)").fill("Wednesday")
    page.get_by_label("선택지 2 (한국어)").fill("금요일")
    page.get_by_label("선택지 2 (영어)").fill("Friday")
    page.get_by_label("시작", exact=True).fill("2024-01-01T09:00")
    page.get_by_label("투표 중에도 실시간 공개").check()
    page.get_by_role("button", name="초안으로 저장").click()
    assert "초안을 만들었어요" in page.get_by_role("status").first.inner_text()
    poll_url = page.url.split("?")[0]
    checked(page)

    page.get_by_role("link", name="미리 보기").click()
    assert "Wednesday" in page.locator(".preview-card[lang=en]").inner_text()
    checked(page, "console-poll-preview")
    page.go_back()
    page.get_by_role("link", name="투표 공개하기").click()
    checked(page, "console-poll-confirm-open")
    page.get_by_role("button", name="공개하기").click()
    assert "투표를 공개했어요" in page.get_by_role("status").first.inner_text()

    # A citizen votes in the widget (its own page, its own session).
    citizen = browser.new_page()
    citizen_watch = Watch()
    citizen_watch.attach(citizen)
    citizen.goto(server.url + "/")
    open_widget(citizen)
    press_choice(citizen, "투표 보기")
    press_choice(citizen, POLL_KO)
    press_choice(citizen, "금요일")
    assert re.search(r"영수증 코드: [A-Z0-9]{16,}", bot_messages(citizen).last.inner_text())
    citizen_watch.assert_clean()
    citizen.close()

    page.goto(poll_url)
    assert page.locator("tr", has_text="금요일").locator("td").nth(1).inner_text().strip() == "1"
    page.get_by_role("link", name="지금 마감하기").click()
    page.get_by_role("button", name="마감하기").click()
    assert "투표를 마감했어요" in page.get_by_role("status").first.inner_text()
    page.get_by_role("button", name="지금 검증하기").click()
    verdict = page.locator("#verdict").inner_text()
    assert "검증 통과" in verdict and "1표의 해시 체인" in verdict
    checked(page, "console-poll-results-verified")

    with page.expect_download() as download:
        page.get_by_role("link", name="엑셀 (XLSX)").click()
    path = tmp_path / "results.xlsx"
    download.value.save_as(path)
    book = openpyxl.load_workbook(path)
    info = {row[0].value: row[1].value for row in book["정보"].iter_rows()}
    assert info["상태"] == "마감" and info["실제 마감 시각"] is not None
    assert book["결과"]["B3"].value == "금요일" and book["결과"]["C3"].value == 1

    # A tablet: the same pages stay usable at 768 px.
    page.set_viewport_size({"width": 768, "height": 1024})
    page.goto(poll_url)
    checked(page, "console-poll-results-tablet")
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 768, width


def test_triage_a_report_until_the_citizen_sees_it(console_server, page, browser):
    server = console_server
    # The citizen reports in the widget.
    page.goto(server.url + "/")
    open_widget(page)
    _report_until_category(page, "도서관 앞 보도블록이 깨져 있어요", "console-report-picked")
    tracking = _confirm_report(page)

    official = browser.new_page()
    official.watch = Watch()
    official.watch.attach(official)
    sign_in(official, server, "kim.official")
    official.goto(server.url + "/admin/complaints")
    official.locator("#queue-map.leaflet-container").wait_for()
    checked(official, "console-complaints-queue")
    official.get_by_role("link", name=tracking).first.click()
    assert "도서관 앞 보도블록이 깨져 있어요" in official.locator(".private .report-text").inner_text()
    assert official.locator(".report-photo img").evaluate("img => img.naturalWidth") > 0
    checked(official, "console-report")
    official.get_by_label("새 상태").select_option("in_progress")
    official.get_by_label("답변 문구").select_option("site_visit")
    official.get_by_role("button", name="보낼 메시지 미리 보기").click()
    message = official.locator("#citizen-message").inner_text()
    assert "처리 중" in message and "이번 주 안에 현장을" in message
    assert "이 메시지를 보낼 곳: 웹 채팅" in official.locator("#notice-routes").inner_text()
    checked(official, "console-status-preview")
    official.get_by_role("button", name="바꾸고 보내기").click()
    # Queued, not "sent": the widget shows it when the citizen's page is open (twentieth pass).
    assert "알림을 발송 대기열에 넣었어요" in official.get_by_role("status").first.inner_text()
    official.watch.assert_clean()
    official.close()

    # The citizen's widget, still open on the city's page, shows the new status (pushed on its socket).
    notice = page.locator(".msg.notice", has_text=tracking)
    notice.wait_for(timeout=30_000)
    assert "처리 중" in notice.inner_text()


def test_admin_pages_accounts_audit_and_lists(console_server, page):
    server = console_server
    set_password_and_sign_in(page, server, "admin", "park.admin")
    page.wait_for_url(server.url + "/admin")
    page.get_by_role("link", name="계정·키").click()
    checked(page, "console-accounts")
    page.get_by_label("사용자 이름").fill("choi.new")
    page.get_by_role("button", name="계정 만들기").click()
    assert "/admin/set-password?token=cbp_" in page.locator("#new-secret").inner_text()
    page.get_by_label("앱 이름").fill("구청 민원 앱")
    page.get_by_role("button", name="키 만들기").click()
    assert page.locator("#new-secret").inner_text().startswith("o311_")
    page.get_by_role("link", name="감사 기록").click()
    page.get_by_label("계정").fill("park.admin")
    page.get_by_role("button", name="적용").click()
    table = page.locator("table.audit").inner_text()
    assert "account.create" in table and "open311_key.create" in table
    checked(page, "console-audit")
    page.get_by_role("link", name="투표", exact=True).click()
    checked(page, "console-polls")
    page.goto(server.url + "/admin/complaints?status=needs_review&lang=en")
    checked(page)


def test_refusals_csrf_lockout_and_a_viewer(console_server, page):
    server = console_server
    set_password_and_sign_in(page, server, "viewer", "lee.viewer")
    page.wait_for_url(server.url + "/admin")
    # A viewer sees polls but may not run them.
    response = page.goto(server.url + "/admin/polls/new")
    assert response.status == 403 and "권한" in page.locator("main").inner_text()
    checked(page, "console-refused-viewer")
    # A POST without the form's token is refused, even with the session cookie.
    answer = page.request.post(server.url + "/admin/polls/1/close", form={"confirm": "yes"})
    assert answer.status == 403
    # Sign out, then five wrong passwords lock the account (and this address) out.
    page.goto(server.url + "/admin")
    page.get_by_role("button", name="로그아웃", exact=True).click()
    assert "로그아웃했어요" in page.get_by_role("status").inner_text()
    assert page.goto(server.url + "/admin").url.startswith(server.url + "/admin/sign-in")
    for _ in range(5):
        sign_in(page, server, "kim.official", "틀린 비밀번호입니다 정말로")
        assert "맞지 않아요" in page.get_by_role("alert").inner_text()
    sign_in(page, server, "kim.official")
    assert "분 뒤에 다시 시도" in page.get_by_role("alert").inner_text()
    checked(page, "console-sign-in-locked")


def test_every_console_page_passes_axe_in_english(console_server, page):
    server = console_server
    # The lockout above is per address; the viewer signed in before it and her session still works.
    page.goto(server.url + "/admin/sign-in?lang=en")
    assert _axe(page) == []
    page.goto(server.url + "/admin/set-password?token=cbp_nonsense")
    assert _axe(page) == []
    assert AXE.exists()
