"""The twentieth pass's newcomer probe of the console, each with a test that fails on the old code:

1. "검토 필요" exported only the header row (its list was a separate query its exports did not
   share); every filter's export is now exactly its list, and the export says which rows are
   not public.
2. The notice preview blamed the retention period when e-mail (SMTP) was simply not configured,
   and the banner after the change said "알림을 보냈어요" when nothing was queued.
3. A report placed only at its 구's centre was shown as "정확한 위치".
4. The new-poll form showed one mistake per submit.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import re
from pathlib import Path

import openpyxl
import pytest
from conftest import ENGINES, settings_db, test_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_console import GANGNAM, console_env, console_index, csrf_of, make_account, page_csrf, sign_in  # noqa: F401

from civicbot import console, keys, polls, triage, voicemap
from civicbot.categories import catalogue_for
from civicbot.errors import SpecError
from civicbot.geo import Place

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = catalogue_for(ROOT / "services")
# (district code, name, English name, a 동, its point): three districts, so a district filter bites.
DISTRICTS = [
    ("11680", "강남구", "Gangnam-gu", "역삼동", 37.4979, 127.0276),
    ("11440", "마포구", "Mapo-gu", "서교동", 37.5563, 126.9220),
    ("11140", "중구", "Jung-gu", "명동1가", 37.5637, 126.9838),
]
CATEGORIES = ["road_damage", "street_light"]
ID = re.compile(r'href="/admin/complaints/([A-Z]{2,5}-[0-9A-Z]{6})"')


@pytest.fixture(params=ENGINES)
def db_engine(request: pytest.FixtureRequest) -> str:
    """The queue's filters are SQL: they run on SQLite and on PostgreSQL."""
    return request.param


@pytest.fixture
def settings_(make_settings, console_env):  # noqa: F811
    return make_settings(**console_env)


@pytest.fixture
def smtp_settings(make_settings, console_env):  # noqa: F811
    """E-mail configured (a closed port: nothing is delivered, the notice waits in the outbox)."""
    return make_settings(**console_env, CIVICBOT_SMTP_HOST="127.0.0.1", CIVICBOT_SMTP_PORT="9")


def place(i: int, exact: bool = True, dong: bool = True) -> Place:
    code, name, name_en, dong_name, lat, lon = DISTRICTS[i % len(DISTRICTS)]
    return Place("서울특별시", code, name, name_en, dong_name if dong else None, lat, lon, exact)


def file_report(conn, i: int, **more) -> str:
    """A report as intake stores it (voicemap.submit), in district i % 3 and category i % 2."""
    new = voicemap.NewComplaint(
        text=f"신고 {i}번: 보도블록이 깨졌어요",
        category=CATEGORIES[i % 2],
        place=more.pop("place", None) or place(i),
        language="ko",
        channel=more.pop("channel", "web"),
        user_id=f"user-{i}",
        reply_to=more.pop("reply_to", f"session-{i}"),
        **more,
    )
    return voicemap.submit(conn, new, CATALOGUE, "Asia/Seoul").public_id


def seed(conn) -> dict[str, str]:
    """Eighteen reports over every status, held and hidden ones among them; {id: how it ends}."""
    made = {}
    steps = {
        voicemap.RECEIVED: [],
        voicemap.ACKNOWLEDGED: [voicemap.ACKNOWLEDGED],
        voicemap.IN_PROGRESS: [voicemap.IN_PROGRESS],
        voicemap.RESOLVED: [voicemap.RESOLVED],
        voicemap.REJECTED: [voicemap.REJECTED],
        voicemap.DUPLICATE: [voicemap.DUPLICATE],
    }
    first = file_report(conn, 101)  # the category and district of the duplicates below (i % 6 == 5)
    for i, (status, path) in enumerate(itertools.islice(itertools.cycle(steps.items()), 18)):
        public_id = file_report(conn, i)
        for step in path:
            target = first if step == voicemap.DUPLICATE else None
            voicemap.change_status(conn, public_id, step, "", "tester", CATALOGUE, target)
        if i % 4 == 1:  # held for review, whatever its status (a name, abuse, citizens' flags)
            conn.execute(
                "UPDATE complaints SET visibility = 'pending_review' WHERE public_id = ?", [public_id]
            )
        if i % 7 == 3:
            voicemap.hide_report(conn, public_id, "tester", "중복 게시")
        made[public_id] = status
    made[first] = voicemap.RECEIVED
    return made


def csv_ids(text: str) -> list[str]:
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    return [row[0] for row in rows[1:]]


def xlsx_ids(data: bytes) -> list[str]:
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    return [row[0].value for row in sheet.iter_rows(min_row=2)]


def offered_statuses(html: str) -> list[str]:
    """The values of the queue's status filter, as the page offers them ('' is 전체)."""
    select = html[html.index('<select id="f-status"') :].split("</select>")[0]
    return re.findall(r'<option value="([^"]*)"', select)


# -- 1. every filter exports exactly its list ----------------------------------------------------------
async def test_every_status_filter_exports_exactly_its_list(settings_, make_client):
    """For each status the list offers (needs_review too), alone and with a district and a category,
    the CSV and the XLSX hold exactly the list's reports (on SQLite and PostgreSQL)."""
    make_account(settings_, "exporter", "viewer")
    with settings_db(settings_) as conn:
        seed(conn)
    client = await make_client(settings_)
    await sign_in(client, "exporter")
    statuses = offered_statuses(await (await client.get("/admin/complaints")).text())
    assert "needs_review" in statuses and "" in statuses and set(voicemap.STATUSES) <= set(statuses)
    for status, district, category in itertools.product(statuses, ("", "11440"), ("", "street_light")):
        query = "&".join(
            f"{k}={v}" for k, v in (("status", status), ("district", district), ("category", category)) if v
        )
        listing = await (await client.get(f"/admin/complaints?{query}")).text()
        shown = ID.findall(listing.split('<div class="queue-layout">')[1].split("</table>")[0])
        total = int(re.search(r"조건에 맞는 민원 (\d+)건", listing).group(1))
        assert len(shown) == total, query  # the whole list is on one page
        exported = csv_ids(await (await client.get(f"/admin/complaints.csv?{query}")).text())
        workbook = xlsx_ids(await (await client.get(f"/admin/complaints.xlsx?{query}")).read())
        assert sorted(exported) == sorted(shown) == sorted(workbook), query
        assert exported == shown  # and in the list's order
        if status == "needs_review" and not district and not category:
            assert shown  # the probe's case: five held reports, an export of the header only


@pytest.fixture(scope="module")
def queue_db(tmp_path_factory, index_dir):
    """A seeded SQLite database and the voice map's setup, for Hypothesis to query many times."""
    settings_ = test_settings(
        tmp_path_factory.mktemp("queue"), index_dir, CIVICBOT_SERVICES_DIR=str(ROOT / "services")
    )
    with settings_db(settings_) as conn:
        seed(conn)
    setup = voicemap.Setup.load(settings_)
    with settings_db(settings_) as conn:
        yield conn, setup, settings_.zone


DAYS = st.sampled_from(["", "2020-01-01", dt.date.today().isoformat(), "2099-12-31", "not-a-date"])


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    status=st.sampled_from(["", "needs_review", "open", "closed", "bogus", *voicemap.STATUSES]),
    category=st.sampled_from(["", "bogus", *CATEGORIES]),
    district=st.sampled_from(["", "99999", *(d[0] for d in DISTRICTS)]),
    since=DAYS,
    until=DAYS,
)
def test_any_filter_combination_exports_exactly_the_list(queue_db, status, category, district, since, until):
    """The list (console.queue_page) and the export (triage.export, as the handler calls it) read
    the same query: Hypothesis over every filter the form has, unknown values too."""
    conn, setup, zone = queue_db
    query = {"status": status, "category": category, "district": district, "since": since, "until": until}
    query = {k: v for k, v in query.items() if v and not (k in ("since", "until") and v == "not-a-date")}
    page = console.queue_page(conn, setup, query, "ko", zone, 0, 1000)
    listed = [r["c"].public_id for r in page["rows"]]
    assert page["total"] == len(listed)
    districts = dict(triage.district_choices(setup.places, "ko"))
    _chosen, filters = triage.queue_filters(query, setup.catalogue, districts, zone)
    for fmt in ("csv", "xlsx"):
        body = triage.export(conn, filters, setup.catalogue, zone, fmt=fmt, language="en", worded=True)
        assert (csv_ids(body.decode("utf-8")) if fmt == "csv" else xlsx_ids(body)) == listed
    if status == "needs_review":
        assert all(r["c"].visibility == voicemap.PENDING_REVIEW for r in page["rows"])


async def test_the_export_says_which_rows_are_not_public(settings_, make_client, official_token):
    """The unfiltered export held unpublished reports with nothing saying so: a 공개 여부 /
    Published column now does, in the console's language; scripts get codes."""
    make_account(settings_, "exporter", "viewer")
    with settings_db(settings_) as conn:
        plain = file_report(conn, 0)
        held = file_report(conn, 1)
        conn.execute("UPDATE complaints SET visibility = 'pending_review' WHERE public_id = ?", [held])
        hidden = file_report(conn, 2)
        voicemap.hide_report(conn, hidden, "tester", "중복 게시")
        rejected = file_report(conn, 3)
        voicemap.change_status(conn, rejected, voicemap.REJECTED, "", "tester", CATALOGUE)
    client = await make_client(settings_)
    await sign_in(client, "exporter")
    rows = list(
        csv.reader(io.StringIO((await (await client.get("/admin/complaints.csv")).text()).lstrip("\ufeff")))
    )
    header, by_id = rows[0], {row[0]: row for row in rows[1:]}
    assert header[0] == "접수 번호" and "공개 여부" in header and "위치 정확도" in header
    published = header.index("공개 여부")
    assert by_id[plain][published] == "공개"
    assert by_id[held][published] == "비공개(검토 대기)"
    assert by_id[hidden][published] == "비공개(숨김)"
    assert by_id[rejected][published] == "비공개(처리 불가)"
    sheet = openpyxl.load_workbook(
        io.BytesIO(await (await client.get("/admin/complaints.xlsx?lang=en")).read())
    ).active
    english = [cell.value for cell in sheet[1]]
    assert english[0] == "Report ID" and "Published" in english
    values = {row[0].value: row[english.index("Published")].value for row in sheet.iter_rows(min_row=2)}
    assert values[held] == "Not published (awaiting review)" and values[plain] == "Published"
    assert isinstance(sheet.cell(2, english.index("Reported at") + 1).value, dt.datetime)
    api = await client.get("/api/admin/complaints.csv", headers={"Authorization": f"Bearer {official_token}"})
    api_rows = list(csv.reader(io.StringIO((await api.text()).lstrip("\ufeff"))))
    assert api_rows[0] == list(voicemap.CSV_COLUMNS) and api_rows[0][:16] == list(voicemap.CSV_COLUMNS[:16])
    codes = {row[0]: row[api_rows[0].index("published")] for row in api_rows[1:]}
    assert codes == {plain: "public", held: "pending_review", hidden: "hidden", rejected: "rejected"}


# -- 2. the notice: where it goes, and why not ----------------------------------------------------------
async def _preview_and_send(client, public_id: str, lang: str = "ko") -> tuple[str, str]:
    csrf = await page_csrf(client, f"/admin/complaints/{public_id}?lang={lang}")
    preview = await client.post(
        f"/admin/complaints/{public_id}/status/preview",
        data={"csrf": csrf, "status": "resolved", "response": "fixed", "note": ""},
    )
    html = await preview.text()
    assert preview.status == 200, html
    note = re.search(r'name="note" value="([^"]*)"', html).group(1)
    sent = await client.post(
        f"/admin/complaints/{public_id}/status",
        data={"csrf": csrf, "status": "resolved", "note": note, "duplicate_of": ""},
    )
    assert sent.status == 200
    return html, await sent.text()


async def outbox_rows(client) -> list[tuple]:
    return await client.app[keys.DATABASE].execute_fn(
        lambda c: c.execute("SELECT channel, recipient FROM outbox ORDER BY id").fetchall()
    )


@pytest.mark.parametrize("db_engine", ["sqlite"])
async def test_an_email_report_without_smtp_says_so_and_is_not_called_sent(db_engine, settings_, make_client):
    """The probe: a report with an e-mail contact (Open311: no chat to write back to), SMTP not
    configured. The preview blamed the retention period; the banner said the notice was sent."""
    make_account(settings_, "triager", "official")
    with settings_db(settings_) as conn:
        mailed = file_report(
            conn, 0, channel="open311", reply_to="", contact={"email": "citizen@example.com"}
        )
        nowhere = file_report(conn, 1, channel="open311", reply_to="")
    client = await make_client(settings_)
    await sign_in(client, "triager")
    preview, after = await _preview_and_send(client, mailed)
    assert "citizen@example.com" in (await (await client.get(f"/admin/complaints/{mailed}")).text())
    assert "이메일 발송(SMTP)이 설정되어 있지 않아" in preview and "보관 기간이 지나" not in preview
    assert "알림을 보냈어요" not in after and "알림은 보내지 않았어요" in after
    assert "이메일 발송(SMTP)이 설정되어 있지 않아" in after
    assert await outbox_rows(client) == []  # nothing queued that no sender here would ever send

    preview, after = await _preview_and_send(client, nowhere, "en")
    assert "cannot receive messages, and no e-mail address was left" in preview
    assert "no notice was sent" in after and "is notified" not in after
    entries = await client.app[keys.DATABASE].execute_fn(
        lambda c: c.execute("SELECT detail FROM audit_log WHERE action = 'complaint.status'").fetchall()
    )
    assert len(entries) == 2 and all('"notified": false' in row[0] for row in entries)


@pytest.mark.parametrize("db_engine", ["sqlite"])
async def test_a_chat_report_with_email_queues_the_chat_and_names_the_missing_smtp(
    db_engine, settings_, make_client
):
    make_account(settings_, "triager", "official")
    with settings_db(settings_) as conn:
        public_id = file_report(conn, 0, contact={"email": "citizen@example.com"})
    client = await make_client(settings_)
    await sign_in(client, "triager")
    preview, after = await _preview_and_send(client, public_id)
    assert "이 메시지를 보낼 곳: 웹 채팅" in preview and "SMTP" in preview
    assert "일부 경로로는 보내지 않아요" in after and "SMTP" in after
    assert await outbox_rows(client) == [("web", "session-0")]


@pytest.mark.parametrize("db_engine", ["sqlite"])
async def test_with_smtp_the_email_is_queued_and_the_banner_says_queued(
    db_engine, smtp_settings, make_client
):
    settings_ = smtp_settings
    make_account(settings_, "triager", "official")
    with settings_db(settings_) as conn:
        public_id = file_report(
            conn, 0, channel="open311", reply_to="", contact={"email": "citizen@example.com"}
        )
        purged = file_report(conn, 1)
        conn.execute(
            "DELETE FROM complaint_private WHERE complaint_id = (SELECT id FROM complaints WHERE public_id = ?)",
            [purged],
        )
    client = await make_client(settings_)
    await sign_in(client, "triager")
    preview, after = await _preview_and_send(client, public_id)
    assert "이 메시지를 보낼 곳: 이메일" in preview and "SMTP" not in preview
    assert "발송 대기열에 넣었어요" in after and "보내지 않" not in after
    assert ("email", "citizen@example.com") in await outbox_rows(client)
    preview, after = await _preview_and_send(client, purged)
    assert "보관 기간이 지나 신고자의 연락처가 지워졌어요" in preview and "알림은 보내지 않았어요" in after


async def test_a_forged_reason_says_nothing(settings_, make_client):
    make_account(settings_, "viewer1", "viewer")
    with settings_db(settings_) as conn:
        public_id = file_report(conn, 0)
    client = await make_client(settings_)
    await sign_in(client, "viewer1")
    html = await (
        await client.get(f"/admin/complaints/{public_id}?done=status_unsent&why=<b>x</b>,purged")
    ).text()
    assert "<b>x</b>" not in html and "연락처가 지워졌어요" in html


# -- 3. an approximate point is labelled as one ---------------------------------------------------------
async def test_an_address_placed_at_its_district_centre_is_not_an_exact_point(settings_, make_client):
    """Intake records how exact the point is (place_precision): the report page, the list and the
    export say 구 중심(추정) / 동 중심(추정); the public API gives it as place_precision (since con21,
    for the public map's estimated markers)."""
    make_account(settings_, "triager", "official")
    client = await make_client(settings_)
    session = (await (await client.post("/api/sessions")).json())["token"]
    made = {}
    for name, body in {
        "district": {"address": "중구 어딘가 999번지"},
        "dong": {"address": "강남구 역삼동 어딘가"},
        "point": {"lat": GANGNAM[0], "lon": GANGNAM[1]},
    }.items():
        response = await client.post(
            "/api/complaints",
            json={"text": "도로에 큰 구멍이 있어요", "category": "road_damage", **body},
            headers={"Authorization": f"Bearer {session}"},
        )
        assert response.status == 201, await response.text()
        made[name] = (await response.json())["id"]
        public = await (await client.get(f"/api/complaints/{made[name]}")).json()
        assert public["place_precision"] == name and "approximate" not in public
    await sign_in(client, "triager")
    labels = {"district": "구 중심(추정)", "dong": "동 중심(추정)", "point": "정확한 위치"}
    for name, public_id in made.items():
        page = await (await client.get(f"/admin/complaints/{public_id}")).text()
        assert f"<dt>{labels[name]}</dt>" in page
        if name != "point":
            assert "정확한 위치" not in page
    listing = await (await client.get("/admin/complaints")).text()
    row = listing[listing.index(f">{made['district']}<") :].split("</tr>")[0]
    assert "구 중심(추정)" in row
    exact_row = listing[listing.index(f">{made['point']}<") :].split("</tr>")[0]
    assert "추정" not in exact_row
    geo = await (await client.get("/admin/complaints.geojson")).json()
    marked = {f["properties"]["id"]: f["properties"]["approximate"] for f in geo["features"]}
    assert marked == {made["district"]: True, made["dong"]: True, made["point"]: False}
    assert 'data-estimated="위치 추정: 구·동 중심"' in listing  # the queue map's popup names it
    rows = list(
        csv.reader(
            io.StringIO((await (await client.get("/admin/complaints.csv?lang=en")).text()).lstrip("\ufeff"))
        )
    )
    column = rows[0].index("Point precision")
    found = {row[0]: row[column] for row in rows[1:]}
    assert found == {
        made["district"]: "District centre (estimated)",
        made["dong"]: "Dong centre (estimated)",
        made["point"]: "Exact point",
    }
    # A report filed before precision was recorded says so, rather than "exact".
    await client.app[keys.DATABASE].execute_write_fn(
        lambda c: c.execute(
            "UPDATE complaints SET place_precision = NULL WHERE public_id = ?", [made["point"]]
        )
    )
    page = await (await client.get(f"/admin/complaints/{made['point']}")).text()
    assert "<dt>위치(정확도 기록 없음)</dt>" in page


def test_the_precision_follows_the_place():
    assert voicemap.precision_of(place(0)) == voicemap.POINT
    assert voicemap.precision_of(place(0, exact=False)) == voicemap.DONG_CENTRE
    assert voicemap.precision_of(place(0, exact=False, dong=False)) == voicemap.DISTRICT_CENTRE


# -- 4. every mistake of the poll form at once ---------------------------------------------------------
def test_parse_spec_finds_every_mistake_at_once():
    zone = dt.timezone(dt.timedelta(hours=9))
    raw = {
        "title": "",
        "options": ["같은 것", "같은 것"],
        "max_choices": 3,
        "opens_at": "2030-01-02T09:00",
        "closes_at": "2030-01-01T09:00",
    }
    with pytest.raises(SpecError) as caught:
        polls.parse_spec(raw, zone)
    assert [m.field for m in caught.value.every] == ["title", "options", "max_choices", "closes_at"]
    assert caught.value.field == "title"  # the API and poll files still report the first
    # Right fields leave no mistake; a cross check needs its fields right.
    with pytest.raises(SpecError) as caught:
        polls.parse_spec({"title": "t", "options": ["a", "b"], "max_choices": "x", "closes_at": "nope"}, zone)
    assert [m.field for m in caught.value.every] == ["max_choices", "closes_at"]


@pytest.mark.parametrize("db_engine", ["sqlite"])
async def test_the_poll_form_shows_every_mistake_beside_its_field(db_engine, settings_, make_client):
    make_account(settings_, "maker", "official")
    client = await make_client(settings_)
    await sign_in(client, "maker")
    html = await (await client.get("/admin/polls/new")).text()
    token = re.search(r'name="form_token" value="([^"]+)"', html).group(1)
    response = await client.post(
        "/admin/polls/new",
        data={
            "csrf": csrf_of(html),
            "form_token": token,
            "title_ko": "벤치 색깔",
            "option_ko": ["초록", "초록"],
            "option_en": ["", ""],
            "max_choices": "3",
            "opens_at": "2030-01-02T09:00",
            "closes_at": "2030-01-01T09:00",
            "results": "after_close",
            "channels": ["web"],
        },
    )
    html = await response.text()
    assert response.status == 400
    for field in ("options", "max_choices", "closes_at"):
        assert f'id="{field}-error"' in html, field
    assert re.search(r'id="max_choices"[^>]*aria-invalid="true" aria-describedby="max_choices-error"', html)
    assert re.search(r'id="closes_at"[^>]*aria-invalid="true" aria-describedby="closes_at-error"', html)
    assert 'aria-describedby="options-error"' in html
    assert "고를 수 있는 개수는 1부터 선택지 수까지예요" in html and "마감 시각을 시작 시각보다 뒤로" in html
