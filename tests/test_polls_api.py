"""The polls HTTP API and pages on the real app: voting, receipts, results, the admin API with its
audit log, exports, and the public results page."""

from __future__ import annotations

import asyncio
import csv
import datetime as dt
import hashlib
import io
import re
import zipfile

import openpyxl
import pytest
from conftest import ENGINES

from civicbot import keys, officials, outbox, polls
from civicbot.web.openapi import openapi_document


@pytest.fixture(params=ENGINES)
def db_engine(request: pytest.FixtureRequest) -> str:
    """This suite runs on SQLite and on PostgreSQL."""
    return request.param


SEOUL = dt.timezone(dt.timedelta(hours=9))


def _at(minutes: float) -> str:
    return (dt.datetime.now(SEOUL) + dt.timedelta(minutes=minutes)).isoformat(timespec="seconds")


def _auth(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


async def create_poll(client, official_token: str, **overrides) -> dict:
    body = {
        "title": {"ko": "골목 보안등 설치 기준", "en": "Alley lighting criteria"},
        "description": "어디부터 밝힐까요?",
        "options": [
            {"ko": "통학로", "en": "School routes"},
            {"ko": "어두운 골목", "en": "Dark alleys"},
            "기타",
        ],
        "max_choices": 1,
        "opens_at": _at(-5),
        "closes_at": _at(60),
        "results": "live",
        "channels": ["telegram", "web"],
        **overrides,
    }
    response = await client.post("/api/admin/polls", json=body, headers=_auth(official_token))
    assert response.status == 201, await response.text()
    return await response.json()


async def new_session(client) -> str:
    response = await client.post("/api/sessions")
    assert response.status == 201
    return (await response.json())["token"]


async def cast(client, poll_id: int, token: str | None, body) -> tuple[int, dict]:
    headers = _auth(token) if token else {}
    response = await client.post(f"/api/polls/{poll_id}/votes", json=body, headers=headers)
    return response.status, await response.json()


async def db_read(client, fn):
    return await client.app[keys.DATABASE].execute_fn(fn)


# -- voting ----------------------------------------------------------------------------------------
async def test_vote_receipt_results_and_bulletin(client, official_token, session_token):
    poll = await create_poll(client, official_token)
    assert [o["id"] for o in poll["options"]] == [1, 2, 3] and poll["status"] == "open"
    assert poll["closes_at"].endswith("+09:00")  # shown in the city's time zone
    status, body = await cast(client, poll["id"], session_token, {"choices": [2]})
    assert status == 201, body
    assert re.fullmatch(r"[A-Z2-7]{26}", body["receipt"])
    assert body["results_url"] == f"/polls/{poll['id']}"

    status, again = await cast(client, poll["id"], session_token, {"choices": [1]})
    assert status == 409 and again["error"]["code"] == "already_voted"
    assert "already voted" in again["error"]["message"]

    check = await client.get(f"/api/polls/{poll['id']}/receipts/{body['receipt']}")
    assert check.status == 200
    found = await check.json()
    assert found["counted"] and found["choices"] == [2] and found["hash"] == body["chain_head"]
    missing = await client.get(f"/api/polls/{poll['id']}/receipts/{'A' * 26}")
    assert missing.status == 404
    malformed = await client.get(f"/api/polls/{poll['id']}/receipts/nope")
    assert malformed.status == 400

    # While the poll is open the public figures are the last snapshot's (none yet), and the
    # bulletin waits for the close: this vote does not show anywhere until then.
    live = await (await client.get(f"/api/polls/{poll['id']}/results")).json()
    assert live["total"] == 0 and live["breakdowns"] == {} and live["snapshot_at"] is None
    assert (await client.get(f"/api/polls/{poll['id']}/bulletin")).status == 403
    closed = await client.post(f"/api/admin/polls/{poll['id']}/close", headers=_auth(official_token))
    assert closed.status == 200

    results = await (await client.get(f"/api/polls/{poll['id']}/results?lang=en")).json()
    assert [(o["label"], o["votes"], o["percent"]) for o in results["options"]] == [
        ("School routes", 0, 0.0),
        ("Dark alleys", 1, 100.0),
        ("기타", 0, 0.0),
    ]
    assert results["total"] == 1 and results["chain_head"] == body["chain_head"]
    bulletin = await (await client.get(f"/api/polls/{poll['id']}/bulletin")).json()
    assert bulletin["ballots"] == [
        {"seq": 1, "receipt": body["receipt"], "choices": [2], "hash": body["chain_head"]}
    ]
    assert bulletin["head"] == body["chain_head"]
    detail = await (await client.get(f"/api/polls/{poll['id']}")).json()
    assert detail["chain_head"] == body["chain_head"] and detail["ballots"] == 1


async def test_one_voter_racing_many_requests_gets_one_ballot(client, official_token, session_token):
    poll = await create_poll(client, official_token)
    outcomes = await asyncio.gather(
        *(cast(client, poll["id"], session_token, {"choices": [1]}) for _ in range(40))
    )
    statuses = sorted(status for status, _ in outcomes)
    assert statuses.count(201) == 1 and statuses.count(409) == 39
    counts = await db_read(
        client, lambda db: (polls.ballot_count(db, poll["id"]), polls.participant_count(db, poll["id"]))
    )
    assert counts == (1, 1)


async def test_vote_errors_have_the_right_status(client, official_token, session_token):
    poll = await create_poll(client, official_token, max_choices=2)
    pid = poll["id"]
    cases = [
        (None, {"choices": [1]}, 401, "no_session"),
        ("cbs_not-a-real-session", {"choices": [1]}, 401, "invalid_session"),
        (session_token, {"choices": [7]}, 400, "unknown_option"),
        (session_token, {"choices": [1, 2, 3]}, 400, "too_many_choices"),
        (session_token, {"choices": []}, 400, "no_choice"),
        (session_token, {"choice": [1]}, 400, "missing_field"),
        (session_token, {"choices": [1], "district": "atlantis"}, 400, "unknown_district"),
        (session_token, {"choices": [1], "notify": "yes"}, 400, "invalid_field"),
    ]
    for token, body, status, code in cases:
        got_status, got = await cast(client, pid, token, body)
        assert (got_status, got["error"]["code"]) == (status, code), (body, got)
    bad_json = await client.post(f"/api/polls/{pid}/votes", data=b"{", headers=_auth(session_token))
    assert bad_json.status == 400
    assert (await cast(client, 99999, session_token, {"choices": [1]}))[0] == 404
    # The error names the spellings the API takes; the complaint map's code (11680) is one of them now.
    _status, refused = await cast(client, pid, session_token, {"choices": [1], "district": "atlantis"})
    assert all(word in refused["error"]["message"] for word in ("mapo", "마포구", "Mapo-gu", "11440"))
    # None of the refused attempts used up the vote.
    assert (await cast(client, pid, session_token, {"choices": [1, 2], "district": "11680"}))[0] == 201


async def test_closed_not_yet_open_and_other_channels_are_refused(client, official_token, session_token):
    later = await create_poll(client, official_token, opens_at=_at(60), closes_at=_at(120))
    status, body = await cast(client, later["id"], session_token, {"choices": [1]})
    assert (status, body["error"]["code"]) == (409, "not_yet_open")
    closed = await create_poll(client, official_token)
    response = await client.post(f"/api/admin/polls/{closed['id']}/close", headers=_auth(official_token))
    assert response.status == 200 and (await response.json())["status"] == "closed"
    status, body = await cast(client, closed["id"], session_token, {"choices": [1]})
    assert (status, body["error"]["code"]) == (409, "poll_closed")
    telegram_only = await create_poll(client, official_token, channels=["telegram"])
    status, body = await cast(client, telegram_only["id"], session_token, {"choices": [1]})
    assert (status, body["error"]["code"]) == (403, "channel_not_allowed")


async def test_district_limited_poll_over_http(client, official_token, session_token):
    poll = await create_poll(client, official_token, districts=["mapo"])
    assert poll["demographics"] == ["district"]
    status, body = await cast(client, poll["id"], session_token, {"choices": [1]})
    assert (status, body["error"]["code"]) == (400, "district_required")
    assert "Mapo-gu (마포구)" in body["error"]["message"]
    status, body = await cast(client, poll["id"], session_token, {"choices": [1], "district": "jongno"})
    assert (status, body["error"]["code"]) == (403, "district_not_allowed")
    status, _ = await cast(
        client, poll["id"], session_token, {"choices": [1], "district": "mapo", "age_band": "40s"}
    )
    assert status == 201


async def test_a_district_is_taken_in_any_spelling_and_a_refusal_names_the_allowed_ones(
    client, official_token
):
    """The probe: "gangnam" on a poll for some districts got 403 "only for residents of other
    districts" (which?), and "마포구", "Mapo-gu", "11440" got 400 unknown_district."""
    poll = await create_poll(client, official_token, districts=["mapo", "seodaemun"])
    status, body = await cast(
        client, poll["id"], await new_session(client), {"choices": [1], "district": "gangnam"}
    )
    assert (status, body["error"]["code"]) == (403, "district_not_allowed")
    assert (
        body["error"]["message"]
        == "This poll is only for residents of Mapo-gu (마포구) or Seodaemun-gu (서대문구)."
    )
    for spelled in (
        "마포구",
        "Mapo-gu",
        "MAPO-GU",
        "mapo gu",
        "Mapo",
        "11440",
        "서대문구",
        "Seodaemun-gu",
        "11410",
    ):
        status, body = await cast(
            client, poll["id"], await new_session(client), {"choices": [2], "district": spelled}
        )
        assert status == 201, (spelled, body)
    for refused in ("강남구", "Gangnam-gu", "11680"):
        status, body = await cast(
            client, poll["id"], await new_session(client), {"choices": [1], "district": refused}
        )
        assert (status, body["error"]["code"]) == (403, "district_not_allowed"), (refused, body)
    counted = await db_read(
        client,
        lambda db: db.execute(
            "SELECT value, count FROM poll_demographics WHERE poll_id = ? AND dimension = 'district' AND option_id = 0",
            [poll["id"]],
        ).fetchall(),
    )
    assert sorted(map(tuple, counted)) == [("mapo", 6), ("seodaemun", 3)]  # counted under the code


# -- officials ---------------------------------------------------------------------------------------
async def test_admin_needs_a_valid_token(client, official_token):
    no_token = await client.post("/api/admin/polls", json={})
    assert no_token.status == 401
    unknown = await client.post("/api/admin/polls", json={}, headers=_auth("cbo_unknown"))
    assert unknown.status == 403
    poll = await create_poll(client, official_token)
    db = client.app[keys.DATABASE]
    official = await db.execute_fn(lambda conn: officials.find_official(conn, official_token))
    await db.execute_write_fn(lambda conn: officials.revoke_token(conn, official.id))
    for method, path in [
        ("POST", "/api/admin/polls"),
        ("GET", "/api/admin/polls"),
        ("POST", f"/api/admin/polls/{poll['id']}/close"),
        ("GET", f"/api/admin/polls/{poll['id']}/export.csv"),
        ("GET", f"/api/admin/polls/{poll['id']}/bulletin.json"),
    ]:
        response = await client.request(method, path, json={}, headers=_auth(official_token))
        assert response.status == 403, path
        assert (await response.json())["error"]["code"] == "token_revoked"
        response = await client.request(method, path, json={})
        assert response.status == 401, path


async def test_admin_create_rejects_invalid_polls(client, official_token):
    for body, words in [
        ({"title": "x", "options": ["a"], "closes_at": _at(60)}, "options"),
        ({"title": "x", "options": ["a", "b"]}, "closes_at"),
        ({"title": "x", "options": ["a", "b"], "closes_at": _at(-60), "opens_at": _at(-120)}, "in the past"),
        ({"title": "x", "options": ["a", "b"], "closes_at": _at(60), "max_choices": 3}, "max_choices"),
    ]:
        response = await client.post("/api/admin/polls", json=body, headers=_auth(official_token))
        assert response.status == 400
        error = (await response.json())["error"]
        assert error["code"] == "invalid_poll" and words in error["message"]
    count = await db_read(
        client, lambda db: db.execute("SELECT count(*) FROM polls WHERE slug IS NULL").fetchone()[0]
    )
    assert count == 0


async def test_drafts_are_hidden_until_opened(client, official_token):
    draft = await create_poll(client, official_token, status="draft")
    assert (await client.get(f"/api/polls/{draft['id']}")).status == 404
    public = await (await client.get("/api/polls")).json()
    assert draft["id"] not in [p["id"] for p in public["polls"]]
    admin = await (await client.get("/api/admin/polls", headers=_auth(official_token))).json()
    assert draft["id"] in [p["id"] for p in admin["polls"]]
    opened = await client.post(f"/api/admin/polls/{draft['id']}/open", headers=_auth(official_token))
    assert opened.status == 200 and (await opened.json())["status"] == "open"
    assert (await client.get(f"/api/polls/{draft['id']}")).status == 200
    again = await client.post(f"/api/admin/polls/{draft['id']}/open", headers=_auth(official_token))
    assert again.status == 409


async def test_results_after_close_exports_and_audit(client, official_token):
    poll = await create_poll(client, official_token, results="after_close", demographics=["district", "age"])
    pid = poll["id"]
    sessions = [await new_session(client) for _ in range(12)]
    receipts = []
    for n, token in enumerate(sessions):
        status, body = await cast(
            client, pid, token, {"choices": [1 + n % 2], "district": "mapo", "age_band": "30s"}
        )
        assert status == 201
        receipts.append(body["receipt"])
    hidden = await client.get(f"/api/polls/{pid}/results")
    assert hidden.status == 403 and (await hidden.json())["error"]["code"] == "results_hidden"
    assert (await client.get(f"/api/polls/{pid}/bulletin")).status == 403
    # A receipt can be checked while the poll is open.
    assert (await client.get(f"/api/polls/{pid}/receipts/{receipts[0]}")).status == 200

    closed = await client.post(f"/api/admin/polls/{pid}/close", headers=_auth(official_token))
    assert closed.status == 200
    assert (await client.post(f"/api/admin/polls/{pid}/close", headers=_auth(official_token))).status == 409
    results = await (await client.get(f"/api/polls/{pid}/results")).json()
    assert [o["votes"] for o in results["options"]] == [6, 6, 0] and results["status"] == "closed"
    assert results["breakdowns"]["district"]["groups"][0]["voters"] == 12
    bulletin = await (await client.get(f"/api/polls/{pid}/bulletin")).json()
    assert sorted(b["receipt"] for b in bulletin["ballots"]) == sorted(receipts)

    exports = {}
    for path in ("export.csv", "export.xlsx", "export.json", "bulletin.csv", "bulletin.json"):
        response = await client.get(f"/api/admin/polls/{pid}/{path}", headers=_auth(official_token))
        assert response.status == 200, path
        assert "attachment" in response.headers["Content-Disposition"]
        exports[path] = await response.read()
    assert exports["export.csv"].startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(exports["export.csv"].decode("utf-8-sig"))))
    assert ["전체", "", "12", "1", "통학로", "6", "50.0"] in rows
    book = openpyxl.load_workbook(io.BytesIO(exports["export.xlsx"]))
    assert book["결과"]["C2"].value == 6
    with zipfile.ZipFile(io.BytesIO(exports["export.xlsx"])) as archive:
        assert any(n.startswith("xl/charts/") for n in archive.namelist())
        xlsx_text = b"".join(archive.read(n) for n in archive.namelist())
    assert b'"ok": true' in exports["export.json"]
    for receipt in receipts:
        assert receipt.encode() in exports["bulletin.csv"] and receipt.encode() in exports["bulletin.json"]

    # Never a voter key or a user (session) id in any export.
    voter_keys = await db_read(
        client, lambda db: [r[0] for r in db.execute("SELECT voter_key FROM poll_participation")]
    )
    session_ids = [hashlib.sha256(t.encode()).hexdigest() for t in sessions]
    for blob in [*exports.values(), xlsx_text]:
        for identity in [*voter_keys, *session_ids, *sessions]:
            assert identity.encode() not in blob

    entries = await db_read(client, lambda db: officials.audit_entries(db, 50))
    mine = [(e["actor"], e["action"]) for e in entries if e["target"] == str(pid)]
    assert all(actor.startswith("test official (#") for actor, _ in mine)
    actions = [action for _, action in mine]
    assert actions.count("poll.create") == 1 and actions.count("poll.close") == 1
    assert actions.count("poll.export") == 5
    assert all(e["at"] for e in entries)


async def test_closing_notifies_web_voters(client, official_token):
    poll = await create_poll(client, official_token)
    asked, silent = await new_session(client), await new_session(client)
    assert (await cast(client, poll["id"], asked, {"choices": [1]}))[0] == 201
    assert (await cast(client, poll["id"], silent, {"choices": [2], "notify": False}))[0] == 201
    await client.post(f"/api/admin/polls/{poll['id']}/close", headers=_auth(official_token))
    due = await db_read(client, lambda db: outbox.due(db, "web"))
    assert [n.recipient for n in due] == [hashlib.sha256(asked.encode()).hexdigest()]
    assert "마감" in due[0].text


# -- pages and documents -----------------------------------------------------------------------------
async def test_demo_polls_are_published_at_start(client):
    listed = await (await client.get("/api/polls")).json()
    slugs = {p["slug"] for p in listed["polls"]}
    assert {"public-wifi-next", "smart-alley-lighting"} <= slugs


async def test_results_page_draws_a_chart_and_shows_the_chain_head(client, official_token, session_token):
    poll = await create_poll(client, official_token)
    status, body = await cast(client, poll["id"], session_token, {"choices": [1]})
    assert status == 201
    await client.post(f"/api/admin/polls/{poll['id']}/close", headers=_auth(official_token))
    page = await client.get(f"/polls/{poll['id']}")
    assert page.status == 200
    html = await page.text()
    assert "<svg" in html and 'class="chart-bar"' in html and "통학로" in html
    assert body["chain_head"] in html
    assert "style=" not in html and "<script>" not in html and "<style" not in html
    assert "script-src 'self'" in page.headers.get("Content-Security-Policy", "")
    checked = await (await client.post(f"/polls/{poll['id']}", data={"receipt": body["receipt"]})).text()
    assert "집계됐어요" in checked
    # A receipt in the URL is ignored: the page never invites putting it there.
    in_url = await (await client.get(f"/polls/{poll['id']}?receipt={body['receipt']}")).text()
    assert "집계됐어요" not in in_url and 'method="post"' in in_url
    english = await (await client.get(f"/polls/{poll['id']}?lang=en")).text()
    assert "School routes" in english and "Chain head" in english
    # The probe: "1 votes (100.0%)" in the chart, and "Opens:" on a poll that had closed.
    assert "1 vote (100.0%)" in english and "0 votes (0.0%)" in english and "1 votes" not in english
    assert "1 person voted." in english
    assert (
        "Opened:" in english and "Closed:" in english and "Opens:" not in english and "Closes:" not in english
    )
    assert "1표 (100.0%)" in html and "시작됨:" in html and "마감됨:" in html
    listing = await client.get("/polls")
    assert listing.status == 200 and poll["title"] in await listing.text()
    assert (await client.get("/polls/424242")).status == 404


async def test_hidden_results_page_says_when(client, official_token):
    poll = await create_poll(client, official_token, results="after_close")
    html = await (await client.get(f"/polls/{poll['id']}")).text()
    assert "마감된 뒤" in html and "<svg" not in html
    english = await (await client.get(f"/polls/{poll['id']}?lang=en")).text()
    assert "0 people have voted so far" in english  # open since five minutes ago, closing in an hour
    assert "Opened:" in english and "Closes:" in english
    later = await create_poll(client, official_token, opens_at=_at(60), closes_at=_at(120))
    scheduled = await (await client.get(f"/polls/{later['id']}?lang=en")).text()
    assert "Opens:" in scheduled and "Closes:" in scheduled and "Opened:" not in scheduled


def test_openapi_documents_the_poll_endpoints():
    paths = openapi_document()["paths"]
    vote = paths["/api/polls/{id}/votes"]["post"]["responses"]
    assert {"201", "400", "401", "403", "404", "409"} <= set(vote)
    admin = paths["/api/admin/polls"]["post"]["responses"]
    assert {"201", "400", "401", "403"} <= set(admin)
    for path in (
        "/api/polls",
        "/api/polls/{id}",
        "/api/polls/{id}/results",
        "/api/polls/{id}/bulletin",
        "/api/polls/{id}/receipts/{receipt}",
        "/api/admin/polls/{id}/close",
        "/api/admin/polls/{id}/export.csv",
        "/api/admin/polls/{id}/export.xlsx",
        "/api/admin/polls/{id}/export.json",
        "/api/admin/polls/{id}/bulletin.csv",
    ):
        assert path in paths


_OFFSET_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+09:00")


async def test_every_time_in_the_polls_api_carries_the_citys_offset(client, official_token, session_token):
    """Issue 14: the API shows times as the complaints API does, in the city's offset (Seoul, +09:00),
    the same instant as stored; the store itself and the ballot chain stay in UTC."""
    poll = await create_poll(client, official_token)
    pid = poll["id"]
    assert (await cast(client, pid, session_token, {"choices": [1]}))[0] == 201
    await client.app[keys.DATABASE].execute_write_fn(
        lambda db: polls.take_snapshot(db, polls.get_poll(db, pid))
    )

    live = await (await client.get(f"/api/polls/{pid}/results")).json()
    assert _OFFSET_TIME.fullmatch(live["snapshot_at"]), live["snapshot_at"]
    taken = dt.datetime.fromisoformat(live["snapshot_at"])
    assert abs(taken - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=5)  # the same instant, not shifted

    closed = await (await client.post(f"/api/admin/polls/{pid}/close", headers=_auth(official_token))).json()
    listed = (await (await client.get("/api/polls")).json())["polls"]
    admin = (await (await client.get("/api/admin/polls", headers=_auth(official_token))).json())["polls"]
    detail = await (await client.get(f"/api/polls/{pid}")).json()
    for document in [closed, detail, *[p for p in listed + admin if p["id"] == pid]]:
        for field in ("opens_at", "closes_at", "closed_at"):
            assert _OFFSET_TIME.fullmatch(document[field]), (field, document[field])
    assert dt.datetime.fromisoformat(detail["opens_at"]) == dt.datetime.fromisoformat(poll["opens_at"])

    later = await create_poll(client, official_token, opens_at=_at(60), closes_at=_at(120))
    status, refused = await cast(client, later["id"], session_token, {"choices": [1]})
    assert status == 409 and f"opens at {later['opens_at']};" in refused["error"]["message"]

    stored = await db_read(
        client, lambda db: db.execute("SELECT opens_at FROM polls WHERE id = ?", [pid]).fetchone()
    )
    assert stored[0].endswith("+00:00")  # only the rendering changed
    verified = await db_read(client, lambda db: polls.verify_poll(db, polls.get_poll(db, pid)))
    assert verified.ok, verified.problems
