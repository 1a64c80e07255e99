"""The officials' console (/admin) over HTTP with the real app: sign-in, sessions, CSRF, lockout,
roles, polls from draft to exported results, triage with a preview, the audit log.

The browser walk-through is in tests/test_browser_console.py; these tests drive the same forms with
aiohttp's client, as a browser without JavaScript would.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import io
import re
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from conftest import ENGINES, settings_db

from civicbot import accounts, keys, officials

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "correct horse battery staple"
GANGNAM = (37.4979, 127.0276)
CSRF_RE = re.compile(r'name="csrf" value="([^"]+)"')


@pytest.fixture(params=ENGINES)
def db_engine(request: pytest.FixtureRequest) -> str:
    """The console, its accounts and the triage queue run on SQLite and on PostgreSQL."""
    return request.param


@pytest.fixture(scope="session")
def console_index(tmp_path_factory) -> Path:
    """Its own index cache: an engine started on an empty knowledge folder prunes the cache it
    is given, and the shared one must keep the bundled documents for the other tests."""
    return tmp_path_factory.mktemp("console-index")


@pytest.fixture
def console_env(tmp_path, console_index) -> dict:
    """The console needs no policy documents: an empty knowledge folder keeps the engine's start quick."""
    (tmp_path / "knowledge").mkdir(exist_ok=True)
    return {
        "CIVICBOT_SERVICES_DIR": str(ROOT / "services"),
        "CIVICBOT_KNOWLEDGE_DIR": str(tmp_path / "knowledge"),
        "CIVICBOT_INDEX_DIR": str(console_index),
        "CIVICBOT_RATE_LIMIT": "0",
    }


@pytest.fixture
def settings(make_settings, console_env):
    return make_settings(**console_env)


def make_account(settings, name: str, role: str, password: str = PASSWORD) -> None:
    """An account with a password, made the way `civicbot officials create` and the link do it."""
    with settings_db(settings) as conn:
        _account, token = accounts.create_account(conn, name, role, "test")
        accounts.set_password(conn, token, password)


def csrf_of(html: str) -> str:
    found = CSRF_RE.search(html)
    assert found, html[:500]
    return found.group(1)


async def sign_in(client, name: str, password: str = PASSWORD, expect: int = 303):
    page = await client.get("/admin/sign-in")
    token = csrf_of(await page.text())
    response = await client.post(
        "/admin/sign-in",
        data={"name": name, "password": password, "csrf": token, "next": "/admin"},
        allow_redirects=False,
    )
    assert response.status == expect, await response.text()
    return response


async def page_csrf(client, path: str = "/admin") -> str:
    response = await client.get(path)
    assert response.status == 200, await response.text()
    return csrf_of(await response.text())


async def db_read(client, fn):
    return await client.app[keys.DATABASE].execute_fn(fn)


# -- accounts, sessions, CSRF, lockout, roles ----------------------------------------------------
async def test_sign_in_sets_a_strict_http_only_cookie_and_sign_out_ends_the_session(settings, make_client):
    make_account(settings, "kim", "official")
    client = await make_client(settings)
    response = await client.get("/admin", allow_redirects=False)
    assert response.status == 303 and response.headers["Location"].startswith("/admin/sign-in")
    response = await sign_in(client, "kim")
    cookie = response.headers.getall("Set-Cookie")
    session_cookie = next(c for c in cookie if c.startswith("cb_console="))
    assert "HttpOnly" in session_cookie and "SameSite=Strict" in session_cookie
    assert "Secure" not in session_cookie  # plain http in tests; https gets Secure (below)
    dashboard = await client.get("/admin")
    html = await dashboard.text()
    assert dashboard.status == 200 and "kim" in html and "오늘의 현황" in html
    assert dashboard.headers["Cache-Control"] == "no-store"
    assert "script-src 'self'" in dashboard.headers["Content-Security-Policy"]
    token = csrf_of(html)
    response = await client.post("/admin/sign-out", data={"csrf": token}, allow_redirects=False)
    assert response.status == 303
    assert (await client.get("/admin", allow_redirects=False)).status == 303
    entries = await db_read(client, lambda c: officials.audit_entries(c, 20))
    assert [e["action"] for e in entries if e["actor"] == "kim"][:2] == ["signout", "signin"]


async def test_cookies_are_secure_behind_https(make_settings, make_client, console_env):
    settings = make_settings(CIVICBOT_PUBLIC_URL="https://civic.example.kr", **console_env)
    make_account(settings, "lee", "viewer")
    client = await make_client(settings)
    form = await client.get("/admin/sign-in")
    login_cookie = next(c for c in form.headers.getall("Set-Cookie") if c.startswith("cb_console_login="))
    assert "Secure" in login_cookie and "HttpOnly" in login_cookie
    # The test client speaks plain http, so it would not send a Secure cookie back: hand it over.
    token = csrf_of(await form.text())
    response = await client.post(
        "/admin/sign-in",
        data={"name": "lee", "password": PASSWORD, "csrf": token},
        cookies={"cb_console_login": token},
        allow_redirects=False,
    )
    assert response.status == 303
    session_cookie = next(c for c in response.headers.getall("Set-Cookie") if c.startswith("cb_console="))
    assert "Secure" in session_cookie and "SameSite=Strict" in session_cookie


async def test_posts_without_the_csrf_token_or_from_another_origin_are_refused(settings, make_client):
    make_account(settings, "park", "admin")
    client = await make_client(settings)
    await sign_in(client, "park")
    token = await page_csrf(client)
    form = {
        "title_ko": "새 투표",
        "option_ko": ["가", "나"],
        "option_en": ["A", "B"],
        "closes_at": "2099-01-01T00:00",
    }
    for data, headers in (
        (form, {}),
        ({**form, "csrf": "forged"}, {}),
        ({**form, "csrf": token}, {"Origin": "https://evil.example"}),
    ):
        response = await client.post("/admin/polls/new", data=data, headers=headers, allow_redirects=False)
        assert response.status == 403, data
        assert "새로 고친" in await response.text()
    # The sign-in form needs its own token too (login CSRF).
    response = await client.post("/admin/sign-in", data={"name": "park", "password": PASSWORD})
    assert response.status == 403
    assert (
        await db_read(
            client, lambda c: c.execute("SELECT count(*) FROM polls WHERE title_ko = '새 투표'").fetchone()[0]
        )
        == 0
    )


async def test_repeated_failures_lock_the_account_and_the_address(settings, make_client):
    make_account(settings, "choi", "official")
    client = await make_client(settings)
    for _ in range(accounts.LOCK_AFTER):
        await sign_in(client, "choi", "wrong password!!", expect=401)
    response = await sign_in(client, "choi", expect=429)  # the right password, but locked
    assert "분 뒤에" in await response.text()
    # The address is locked too: another account from the same place waits as well.
    make_account(settings, "jung", "official")
    await sign_in(client, "jung", expect=429)
    actions = await db_read(client, lambda c: [e["action"] for e in officials.audit_entries(c, 20)])
    assert actions.count("signin.failed") == accounts.LOCK_AFTER and "signin.locked" in actions


def test_each_lockout_lasts_longer(settings):
    with settings_db(settings) as conn:
        _each_lockout_lasts_longer(conn)


def _each_lockout_lasts_longer(conn):
    _a, token = accounts.create_account(conn, "han", "official", "test")
    accounts.set_password(conn, token, PASSWORD)
    now = dt.datetime(2026, 11, 30, 9, 0, tzinfo=dt.UTC)
    waits = []
    for _round in range(3):
        for _ in range(accounts.LOCK_AFTER):
            assert accounts.sign_in(conn, "han", "nope nope nope", "10.0.0.1", now).error
        waits.append(accounts.locked_for(conn, "han", "10.0.0.1", now))
        now += dt.timedelta(seconds=waits[-1] + 1)
    assert waits == [60, 120, 240]
    attempt = accounts.sign_in(conn, "han", PASSWORD, "10.0.0.1", now)
    assert attempt.session is not None and attempt.session.account.name == "han"


def test_idle_and_absolute_time_outs(settings):
    with settings_db(settings) as conn:
        _idle_and_absolute_time_outs(conn)


def _idle_and_absolute_time_outs(conn):
    _a, token = accounts.create_account(conn, "yoon", "viewer", "test")
    accounts.set_password(conn, token, PASSWORD)
    start = dt.datetime(2026, 11, 30, 9, 0, tzinfo=dt.UTC)
    limits = accounts.Timeouts(dt.timedelta(minutes=30), dt.timedelta(hours=12))
    cookie = accounts.sign_in(conn, "yoon", PASSWORD, "10.0.0.2", start).token
    assert accounts.find_session(conn, cookie, limits, start + dt.timedelta(minutes=29))[0] is not None
    assert accounts.find_session(conn, cookie, limits, start + dt.timedelta(minutes=31))[0] is None
    moment = start
    while moment < start + dt.timedelta(hours=11, minutes=50):  # busy all day, seen every 20 minutes
        moment += dt.timedelta(minutes=20)
        found, _ = accounts.find_session(conn, cookie, limits, moment)
        assert found is not None
        accounts.touch_session(conn, found.id, moment)
    assert accounts.find_session(conn, cookie, limits, start + dt.timedelta(hours=12, minutes=1))[0] is None


async def test_sign_out_everywhere_ends_every_session(settings, make_client, aiohttp_client):
    make_account(settings, "kang", "official")
    first = await make_client(settings)
    await sign_in(first, "kang")
    second = await aiohttp_client(first.server)
    await sign_in(second, "kang")
    token = await page_csrf(first)
    await first.post("/admin/sign-out", data={"csrf": token, "everywhere": "1"}, allow_redirects=False)
    assert (await second.get("/admin", allow_redirects=False)).status == 303


async def test_a_viewer_reads_and_exports_but_cannot_act(settings, make_client, official_token):
    make_account(settings, "viewer1", "viewer")
    client = await make_client(settings)
    await sign_in(client, "viewer1")
    assert (await client.get("/admin/polls")).status == 200
    refused = await client.get("/admin/polls/new")
    assert refused.status == 403 and "담당 공무원" in await refused.text()
    token = await page_csrf(client)
    response = await client.post("/admin/polls/1/close", data={"csrf": token, "confirm": "yes"})
    assert response.status == 403
    assert (await client.get("/admin/accounts")).status == 403
    assert (await client.get("/admin/polls/1/results.xlsx")).status == 200
    # The scripts' bearer tokens keep working beside the console.
    response = await client.get("/api/admin/polls", headers={"Authorization": f"Bearer {official_token}"})
    assert response.status == 200


def test_the_cli_prints_a_one_time_set_password_link(settings, tmp_path):
    env = {
        "CIVICBOT_DATA_DIR": str(settings.data_dir),
        "CIVICBOT_PUBLIC_URL": "https://civic.example.kr",
        "CIVICBOT_DATABASE_URL": settings.database_url,
        "CIVICBOT_SECRET_KEY": "test-secret-key",
        "PATH": "/usr/bin:/bin",
    }
    run = subprocess.run(
        [sys.executable, "-m", "civicbot", "officials", "create", "seo.jiwoo", "--role", "admin"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    link = re.search(r"https://civic\.example\.kr/admin/set-password\?token=(\S+)", run.stdout)
    assert link, run.stdout
    with settings_db(settings) as conn:
        account = accounts.setup_account(conn, link.group(1))
        assert account is not None and account.role == "admin"
        accounts.set_password(conn, link.group(1), PASSWORD)
        assert accounts.setup_account(conn, link.group(1)) is None  # used once
    listed = subprocess.run(
        [sys.executable, "-m", "civicbot", "officials", "list"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert "seo.jiwoo" in listed.stdout and "active" in listed.stdout


async def test_the_set_password_page_sets_the_password(settings, make_client):
    with settings_db(settings) as conn:
        _a, link_token = accounts.create_account(conn, "oh", "official", "test")
    client = await make_client(settings)
    page = await client.get(f"/admin/set-password?token={link_token}")
    assert page.status == 200
    # The language switch keeps the one-time token (it linked to ?lang=en alone: a 404 page).
    english = re.search(r'<a href="([^"]+)" lang="en"', await page.text()).group(1).replace("&amp;", "&")
    switched = await client.get(f"/admin/set-password{english}")
    html = await switched.text()
    assert switched.status == 200 and '<html lang="en"' in html
    korean = re.search(r'<a href="([^"]+)" lang="ko"', html).group(1).replace("&amp;", "&")
    assert (await client.get(f"/admin/set-password{korean}")).status == 200  # the console remembers a choice
    csrf = csrf_of(await page.text())
    short = await client.post(
        "/admin/set-password",
        data={"csrf": csrf, "token": link_token, "password": "short", "password_again": "short"},
    )
    assert short.status == 400 and "12자 이상" in await short.text()
    done = await client.post(
        "/admin/set-password",
        data={"csrf": csrf, "token": link_token, "password": PASSWORD, "password_again": PASSWORD},
        allow_redirects=False,
    )
    assert done.status == 303
    await sign_in(client, "oh")
    assert (await client.get(f"/admin/set-password?token={link_token}")).status == 404


# -- polls ------------------------------------------------------------------------------------------
def poll_form(csrf: str, **changes) -> dict:
    form = {
        "csrf": csrf,
        "slug": "console-poll",
        "title_ko": "공원에 먼저 놓을 것은?",
        "title_en": "What should the park get first?",
        "description_ko": "하나만 골라 주세요.",
        "description_en": "Pick one.",
        "option_ko": ["벤치", "그늘막", ""],
        "option_en": ["Benches", "Shade", ""],
        "max_choices": "1",
        "opens_at": "2020-01-01T09:00",
        "closes_at": "2099-12-31T18:00",
        "results": "after_close",
        "channels": ["telegram", "web"],
        "demographics": ["age"],
    }
    form.update(changes)
    return form


async def test_the_poll_form_keeps_what_was_typed_and_edits_on_the_city_clock(settings, make_client):
    make_account(settings, "yun", "official")
    client = await make_client(settings)
    await sign_in(client, "yun")
    csrf = await page_csrf(client, "/admin/polls/new")
    typed = poll_form(csrf, title_ko="", title_en="", max_choices="2", channels=["web"])
    html = await (await client.post("/admin/polls/new", data=typed)).text()
    for kept in ('value="2020-01-01T09:00"', 'value="2099-12-31T18:00"', 'value="2"', 'value="console-poll"'):
        assert kept in html, kept
    assert 'value="web" checked' in html and 'value="telegram" checked' not in html
    # Each mistake is named as what it is (a long option read "2~20 options, all different"; empty
    # times read "close after the opening"). Newcomer probe, eighteenth pass.
    for changes, said in (
        ({"option_ko": ["벤치", "가" * 201, ""]}, "선택지 2: 선택지는 한 개에 200자까지"),
        ({"title_ko": "제" * 201}, "제목은 200자까지"),
        ({"opens_at": "", "closes_at": ""}, "마감 시각을 적어 주세요"),
    ):
        refused = await client.post("/admin/polls/new", data=poll_form(csrf, **changes))
        assert refused.status == 400 and said in await refused.text(), changes
    created = await client.post("/admin/polls/new", data=poll_form(csrf), allow_redirects=False)
    edit = await (await client.get(created.headers["Location"].split("?")[0] + "/edit")).text()
    assert 'value="2099-12-31T18:00"' in edit and 'value="Shade"' in edit  # 18:00 in Seoul, as typed


async def test_the_same_new_poll_form_sent_twice_makes_one_draft(settings, make_client):
    """A double click, or a reload that posts again, must not leave two drafts (nineteenth pass)."""
    make_account(settings, "han", "official")
    client = await make_client(settings)
    await sign_in(client, "han")
    page = await (await client.get("/admin/polls/new")).text()
    csrf, token = csrf_of(page), re.search(r'name="form_token" value="([^"]+)"', page).group(1)
    form = poll_form(csrf, slug="", title_ko="두 번 누른 투표", form_token=token)

    async def send(data: dict):
        return await client.post("/admin/polls/new", data=data, allow_redirects=False)

    # A mistake first: nothing is made, and the form comes back with the same token.
    refused = await send({**form, "title_en": "", "title_ko": ""})
    assert refused.status == 400 and f'value="{token}"' in await refused.text()
    first, second = await asyncio.gather(send(form), send(form))  # both at once
    again = await send(form)  # and once more, later
    places = {r.headers["Location"].split("?")[0] for r in (first, second, again)}
    assert {r.status for r in (first, second, again)} == {303} and len(places) == 1

    def titled(conn) -> int:
        return conn.execute("SELECT count(*) FROM polls WHERE title_ko = '두 번 누른 투표'").fetchone()[0]

    assert await db_read(client, titled) == 1
    # Gone back and edited, the form makes its own draft: what was typed is not lost.
    edited = await send({**form, "title_ko": "두 번 누른 투표 (고침)"})
    assert edited.status == 303 and edited.headers["Location"].split("?")[0] not in places
    # Another account sending this token makes its own draft, not a visit to han's.
    make_account(settings, "kang", "official")
    other_client = await make_client(settings)
    await sign_in(other_client, "kang")
    kangs = await other_client.post(
        "/admin/polls/new",
        data={**form, "csrf": await page_csrf(other_client, "/admin/polls/new")},
        allow_redirects=False,
    )
    assert kangs.status == 303 and kangs.headers["Location"].split("?")[0] not in places
    assert await db_read(client, titled) == 2
    # A new form is a new poll.
    fresh = await (await client.get("/admin/polls/new")).text()
    other = re.search(r'name="form_token" value="([^"]+)"', fresh).group(1)
    assert other != token and (await send({**form, "form_token": other})).status == 303
    assert await db_read(client, titled) == 3


async def test_a_poll_from_draft_to_verified_excel(settings, make_client):
    make_account(settings, "min", "official")
    client = await make_client(settings)
    await sign_in(client, "min")
    csrf = await page_csrf(client, "/admin/polls/new")

    # Mistakes come back beside the field, with what was typed kept.
    bad = await client.post("/admin/polls/new", data=poll_form(csrf, title_ko="", title_en=""))
    html = await bad.text()
    assert bad.status == 400 and 'id="title-error"' in html and "제목을 적어 주세요" in html
    assert "벤치" in html
    bad = await client.post(
        "/admin/polls/new", data=poll_form(csrf, option_ko=["벤치", "", ""], option_en=["", "", ""])
    )
    assert 'id="options-error"' in await bad.text()

    created = await client.post("/admin/polls/new", data=poll_form(csrf), allow_redirects=False)
    assert created.status == 303
    poll_url = created.headers["Location"].split("?")[0]
    poll_id = int(poll_url.rsplit("/", 1)[1])
    assert (await client.get(f"/api/polls/{poll_id}")).status == 404  # a draft is not public

    preview = await (await client.get(f"{poll_url}/preview")).text()
    assert "공원에 먼저 놓을 것은?" in preview and "What should the park get first?" in preview
    assert "Benches" in preview

    confirm = await client.get(f"{poll_url}/open")
    assert "공개할까요" in await confirm.text()
    opened = await client.post(
        f"{poll_url}/open", data={"csrf": csrf, "confirm": "yes"}, allow_redirects=False
    )
    assert opened.status == 303
    session = (await (await client.post("/api/sessions")).json())["token"]
    vote = await client.post(
        f"/api/polls/{poll_id}/votes", json={"choices": [2], "age_band": "30s"},
        headers={"Authorization": f"Bearer {session}"},
    )  # fmt: skip
    assert vote.status == 201, await vote.text()
    page = await (await client.get(poll_url)).text()
    assert "1명이 투표했어요" in page

    closed = await client.post(
        f"{poll_url}/close", data={"csrf": csrf, "confirm": "yes"}, allow_redirects=False
    )
    assert closed.status == 303
    verified = await client.post(f"{poll_url}/verify", data={"csrf": csrf})
    html = await verified.text()
    assert "검증 통과" in html and "1표의 해시 체인" in html  # the counter for ballots (con21)

    for part in ("results.csv", "results.json", "bulletin.csv"):
        assert (await client.get(f"{poll_url}/{part}")).status == 200
    book = openpyxl.load_workbook(io.BytesIO(await (await client.get(f"{poll_url}/results.xlsx")).read()))
    info = {row[0].value: row[1].value for row in book["정보"].iter_rows()}
    assert info["상태"] == "마감"
    assert isinstance(info["실제 마감 시각"], dt.datetime) and isinstance(info["시작"], dt.datetime)
    assert info["시작"] == dt.datetime(2020, 1, 1, 9, 0)  # the city's local time, as typed
    assert book["결과"]["C3"].value == 1
    english = openpyxl.load_workbook(
        io.BytesIO(await (await client.get(f"{poll_url}/results.xlsx?lang=en")).read())
    )
    assert {r[0].value: r[1].value for r in english["About"].iter_rows()}["Status"] == "closed"

    entries = await db_read(client, lambda c: officials.audit_entries(c, 50))
    mine = {e["action"] for e in entries if e["actor"] == "min"}
    assert {"poll.create", "poll.open", "poll.close", "poll.verify", "poll.export"} <= mine


# -- complaints ---------------------------------------------------------------------------------------
async def _report(
    client, text="집 앞 도로에 포트홀이 생겼어요 010-1234-5678", language="ko"
) -> tuple[str, str]:
    session = (await (await client.post("/api/sessions")).json())["token"]
    response = await client.post(
        "/api/complaints",
        json={"text": text, "lat": GANGNAM[0], "lon": GANGNAM[1], "category": "road_damage",
              "language": language},
        headers={"Authorization": f"Bearer {session}"},
    )  # fmt: skip
    assert response.status == 201, await response.text()
    report_id = (await response.json())["id"]
    # The chat flow asks for a phone number; the REST API has no field for it, so put one in.
    await client.app[keys.DATABASE].execute_write_fn(
        lambda c: c.execute(
            "UPDATE complaint_private SET contact = ? WHERE complaint_id = "
            "(SELECT id FROM complaints WHERE public_id = ?)",
            ['{"phone": "010-9999-8888"}', report_id],
        )
    )
    return report_id, session


async def test_all_reports_include_those_held_for_review(settings, make_client):
    """ "전체" is every report: one held for review (a name) was only under "검토 필요" and missing
    from the export of "전체" (newcomer probe, seventeenth pass). It is marked as held."""
    make_account(settings, "viewer1", "official")
    client = await make_client(settings)
    await sign_in(client, "viewer1")
    held, _session = await _report(client, text="홍길동씨가 집 앞 도로에 쓰레기를 버렸어요")
    plain, _session = await _report(client)
    listing = await (await client.get("/admin/complaints")).text()
    assert held in listing and plain in listing
    row = listing[listing.index(f">{held}<") :].split("</tr>")[0]
    assert "검토 필요" in row
    exported = await (await client.get("/admin/complaints.csv")).text()
    assert held in exported and plain in exported
    public = await (await client.get("/api/complaints.geojson")).text()
    assert held not in public and plain in public  # the public still sees only what is published


async def test_held_and_hidden_reports_open_in_the_console(settings, make_client):
    """The report page of a held, hidden or rejected report was a 500 (triage.report_file asked for
    public reports only): officials could never reach its "publish" button (newcomer probe,
    eighteenth pass)."""
    make_account(settings, "moderator", "official")
    client = await make_client(settings)
    await sign_in(client, "moderator")
    held, _session = await _report(client, text="김철수 씨가 파놓은 포트홀이 도로에 있어요")
    await client.app[keys.DATABASE].execute_write_fn(  # as the chat flow keeps them: lists per kind
        lambda c: c.execute(
            "UPDATE complaint_private SET contact = ? WHERE complaint_id = "
            "(SELECT id FROM complaints WHERE public_id = ?)",
            ['{"phone": ["010-1234-5678", "02-123-4567"], "email": ["kim@example.kr"]}', held],
        )
    )
    page = await client.get(f"/admin/complaints/{held}")
    html = await page.text()
    assert page.status == 200 and f"/admin/complaints/{held}/approve" in html
    assert "전화: 010-1234-5678, 02-123-4567; 이메일: kim@example.kr" in html and "[&#39;" not in html
    assert (await client.get(f"/api/complaints/{held}")).status == 404  # not public yet
    approved = await client.post(
        f"/admin/complaints/{held}/approve",
        data={"csrf": csrf_of(html), "reason": "이름 없음 확인"},
        allow_redirects=False,
    )
    assert approved.status == 303
    assert (await client.get(f"/api/complaints/{held}")).status == 200

    plain, _session = await _report(client)
    csrf = csrf_of(await (await client.get(f"/admin/complaints/{plain}")).text())
    hidden = await client.post(
        f"/admin/complaints/{plain}/hide", data={"csrf": csrf, "reason": "중복 게시"}, allow_redirects=False
    )
    assert hidden.status == 303 and (await client.get(f"/api/complaints/{plain}")).status == 404
    page = await client.get(hidden.headers["Location"])
    assert page.status == 200 and "신고를 숨겼어요" in await page.text()
    forged = await (await client.get(f"/admin/complaints/{plain}?done=anything")).text()
    assert 'class="notice ok"' not in forged  # an unknown notice said "처리했어요" (done)
    preview = await client.post(
        f"/admin/complaints/{plain}/status/preview",
        data={"csrf": csrf, "status": "resolved", "response": "fixed", "note": ""},
    )
    assert preview.status == 200


async def test_triage_previews_the_message_then_sends_it(settings, make_client):
    make_account(settings, "triager", "official")
    client = await make_client(settings)
    await sign_in(client, "triager")
    report_id, _session = await _report(client)
    queue = await (await client.get("/admin/complaints?status=received")).text()
    assert report_id in queue
    # "Needs review" is moderation's queue (names, abuse, flags): a plain report is not in it.
    review = await (await client.get("/admin/complaints?status=needs_review")).text()
    assert report_id not in review
    page = await client.get(f"/admin/complaints/{report_id}")
    html = await page.text()
    assert "010-1234-5678" in html  # the original text, for officials
    assert "전화: 010-9999-8888" in html  # the contact details, named in the page's language
    csrf = csrf_of(html)

    preview = await client.post(
        f"/admin/complaints/{report_id}/status/preview",
        data={"csrf": csrf, "status": "resolved", "response": "fixed", "note": ""},
    )
    html = await preview.text()
    assert preview.status == 200 and "신고하신 문제를 처리했어요" in html and "해결됨" in html
    assert f"처리 기록 보기: /complaints/{report_id}" in html  # where the link leads, not an empty line
    unchanged = await client.get(f"/api/complaints/{report_id}")
    assert (await unchanged.json())["status"] == "received"  # nothing happens before Send

    note = re.search(r'name="note" value="([^"]*)"', html).group(1)
    sent = await client.post(
        f"/admin/complaints/{report_id}/status",
        data={"csrf": csrf, "status": "resolved", "note": note, "duplicate_of": ""},
        allow_redirects=False,
    )
    assert sent.status == 303
    public = await (await client.get(f"/api/complaints/{report_id}")).json()
    assert public["status"] == "resolved" and public["status_note"].startswith("신고하신 문제를 처리했어요")
    outbox = await db_read(client, lambda c: [r[0] for r in c.execute("SELECT text FROM outbox")])
    assert any("해결됨" in text for text in outbox)

    # Reassign, edit the public text, and look for it all in the audit log.
    await client.post(
        f"/admin/complaints/{report_id}/reassign",
        data={"csrf": csrf, "category": "street_light", "agency_ko": "도로관리과", "reason": "가로등 문제"},
    )
    response = await client.post(
        f"/admin/complaints/{report_id}/text", data={"csrf": csrf, "text": "도로에 구멍", "reason": ""}
    )
    assert response.status == 400 and "이유를 적어 주세요" in await response.text()
    await client.post(
        f"/admin/complaints/{report_id}/text",
        data={"csrf": csrf, "text": "도로에 구멍이 있어요", "reason": "표현 정리"},
    )
    public = await (await client.get(f"/api/complaints/{report_id}")).json()
    assert public["description"] == "도로에 구멍이 있어요"
    audit = await (await client.get("/admin/audit?actor=triager&action=complaint")).text()
    for action in ("complaint.status", "complaint.reassign", "complaint.edit_text", "complaint.view_private"):
        assert action in audit
    export = await client.get("/admin/audit.csv?actor=triager")
    assert export.status == 200 and "complaint.edit_text" in await export.text()


async def test_duplicate_needs_an_existing_other_report(settings, make_client):
    make_account(settings, "dup", "official")
    client = await make_client(settings)
    await sign_in(client, "dup")
    first, _ = await _report(client)
    second, _ = await _report(client, text="포트홀이 또 있어요 큰 구멍")
    csrf = await page_csrf(client, f"/admin/complaints/{second}")
    bad = await client.post(
        f"/admin/complaints/{second}/status/preview",
        data={"csrf": csrf, "status": "duplicate", "duplicate_of": second},
    )
    assert bad.status == 400 and 'id="duplicate_of-error"' in await bad.text()
    good = await client.post(
        f"/admin/complaints/{second}/status/preview",
        data={"csrf": csrf, "status": "duplicate", "duplicate_of": first, "response": "duplicate"},
    )
    assert good.status == 200 and first in await good.text()


async def test_queue_exports_and_filters(settings, make_client):
    make_account(settings, "exporter", "viewer")
    client = await make_client(settings)
    report_id, _ = await _report(client)
    await sign_in(client, "exporter")
    html = await (await client.get("/admin/complaints?category=road_damage&status=open")).text()
    assert report_id in html
    html = await (await client.get("/admin/complaints?category=illegal_parking")).text()
    assert report_id not in html
    english = re.search(r'<a href="([^"]+)" lang="en"', html).group(1).replace("&amp;", "&")
    assert english == "?category=illegal_parking&lang=en"  # the filter survives the language switch
    geo = await (await client.get("/admin/complaints.geojson?category=road_damage")).json()
    assert [f["properties"]["id"] for f in geo["features"]] == [report_id]
    book = openpyxl.load_workbook(
        io.BytesIO(await (await client.get("/admin/complaints.xlsx?status=open")).read())
    )
    sheet = book.active
    assert sheet["A2"].value == report_id and isinstance(sheet["B2"].value, dt.datetime)
    csv_text = await (await client.get("/admin/complaints.csv")).text()
    assert report_id in csv_text
    # A viewer sees the public text only: no contact details, no triage forms.
    page = await (await client.get(f"/admin/complaints/{report_id}")).text()
    assert "010-9999-8888" not in page and "/status/preview" not in page


async def test_dashboard_counts_and_english(settings, make_client):
    make_account(settings, "dash", "admin")
    client = await make_client(settings)
    report_id, _ = await _report(client)
    await sign_in(client, "dash")
    html = await (await client.get("/admin?lang=en")).text()
    assert "Today at a glance" in html and "Open reports by district" in html
    assert re.search(r'class="bar-label">[A-Z][a-z]+-gu</a>', html)  # district names in English
    # The newest reports' rows and the report's page name the place in English too.
    district = r'<td><span class="nowrap">{}</span></td>'  # the name is kept on one line
    assert re.search(district.format("[A-Z][a-z]+-gu"), html) and not re.search(
        district.format("[가-힣]+구"), html
    )
    page = await (await client.get(f"/admin/complaints/{report_id}")).text()
    assert re.search(r"<span>[A-Z][a-z]+(?: \d+)?-dong, [A-Z][a-z]+-gu</span>", page)
    # The language stays in a cookie for the next pages.
    assert "Accounts and keys" in await (await client.get("/admin/accounts")).text()
